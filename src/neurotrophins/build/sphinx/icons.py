"""Font Awesome cut down to the icons the book shows.

pydata-sphinx-theme ships Font Awesome's whole solid, regular and brands web fonts (about 300 KB compressed)
and a rule for each of its 2,000 icons in its stylesheet; the book shows about twenty of them. After each build
this module finds every ``fa-<name>`` class the pages and the theme's scripts use, and writes into ``_static``
the theme's fonts cut to those glyphs (``fontTools.subset``) and its stylesheet without the rules of icons
nobody uses. The theme's own files are the input every time, so an icon a later page adds is never missing;
the work is skipped when the set of icons has not changed.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

#: A class naming an icon (``fa-github``) in the pages or the theme's scripts.
ICON_CLASS = re.compile(r"(?<![\w-])fa-([a-z0-9]+(?:-[a-z0-9]+)*)")
#: One icon rule of the stylesheet: ``.fa-bars:before,.fa-navicon:before{content:"\f0c9"}``.
ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:{1,2}before,?)+)\{content:"\\([0-9a-f]{4,5})"\}')
#: A glyph drawn by a stylesheet rule of its own (not an icon class), e.g. the book theme's toggles.
CONTENT_GLYPH = re.compile(r'content:\s*"\\([ef][0-9a-f]{3})"')
FONTS = ("fa-solid-900", "fa-regular-400", "fa-brands-400")
STYLESHEET = "styles/pydata-sphinx-theme.css"
#: Scripts that name every icon (Font Awesome's own) and so say nothing about which are used.
NOT_USES = ("fontawesome.js",)


def theme_static() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"


def used_icons(outdir: Path) -> set[str]:
    """Every ``fa-`` class name in the built pages and in the scripts under ``_static``."""
    names: set[str] = set()
    files = list(outdir.rglob("*.html")) + [
        p for p in (outdir / "_static").rglob("*.js") if p.name not in NOT_USES and "vendor" not in p.parts
    ]
    for path in files:
        names |= set(ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return names


def icon_codepoints(css: str) -> dict[str, int]:
    """{icon name: code point} from the stylesheet's icon rules."""
    table = {}
    for selectors, code in ICON_RULE.findall(css):
        for name in re.findall(r"\.fa-([a-z0-9-]+):", selectors):
            table[name] = int(code, 16)
    return table


def prune_stylesheet(css: str, used: set[str]) -> str:
    """The stylesheet without the rules of icons none of ``used`` names."""

    def keep(match: re.Match) -> str:
        names = re.findall(r"\.fa-([a-z0-9-]+):", match.group(1))
        return match.group(0) if used & set(names) else ""

    return ICON_RULE.sub(keep, css)


def needed_codepoints(css_texts: list[str], used: set[str]) -> set[int]:
    """The code points of the used icons, plus glyphs any stylesheet draws by ``content`` outside icon rules."""
    table: dict[str, int] = {}
    points: set[int] = set()
    for css in css_texts:
        table |= icon_codepoints(css)
        points |= {int(c, 16) for c in CONTENT_GLYPH.findall(ICON_RULE.sub("", css))}
    return points | {table[name] for name in used if name in table}


def subset_font(source: Path, codepoints: set[int]) -> bytes:
    """``source`` (a woff2 font) cut to ``codepoints``, as woff2."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def cut_icons(outdir: Path) -> dict[str, int]:
    """Write the cut fonts and stylesheet into ``outdir/_static``; returns {file: bytes} written (none if unchanged)."""
    static, theme = outdir / "_static", theme_static()
    if not (static / STYLESHEET).is_file():
        return {}
    used = used_icons(outdir)
    css_texts = [(theme / STYLESHEET).read_text(encoding="utf-8")] + [
        p.read_text(encoding="utf-8", errors="ignore")
        for p in static.rglob("*.css")
        if p.name != Path(STYLESHEET).name and "vendor" not in p.parts
    ]
    points = needed_codepoints(css_texts, used)
    stamp = static / "vendor" / "fontawesome" / ".icons"
    key = hashlib.sha256((",".join(sorted(used)) + repr(sorted(points))).encode()).hexdigest()
    written = {}
    # Sphinx copies the theme's files again when they are newer; the stamp says whether ours are still in place.
    fonts_current = all(
        (static / "vendor/fontawesome/webfonts" / f"{n}.woff2").stat().st_size
        < (theme / "vendor/fontawesome/webfonts" / f"{n}.woff2").stat().st_size
        for n in FONTS
    )
    if stamp.is_file() and stamp.read_text() == key and fonts_current:
        return {}
    css = prune_stylesheet(css_texts[0], used)
    (static / STYLESHEET).write_text(css, encoding="utf-8")
    written[STYLESHEET] = len(css.encode())
    for name in FONTS:
        data = subset_font(theme / "vendor/fontawesome/webfonts" / f"{name}.woff2", points)
        (static / "vendor/fontawesome/webfonts" / f"{name}.woff2").write_bytes(data)
        written[f"{name}.woff2"] = len(data)
    stamp.write_text(key)
    return written
