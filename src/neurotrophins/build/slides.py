"""Lecture slides: a reveal.js deck per chapter, made from the chapter notebook itself.

Cells choose their place with the notebook's own slide metadata (``slideshow.slide_type``: ``slide``,
``subslide``, ``-`` for more on the same slide, ``notes`` for speaker notes, ``skip``). The outputs are
the ones the book build computed (read from ``_build/jupyter_execute``, so nothing runs twice), the MyST roles
become plain text (citations as "Author Year", claims as their evidence badge), and every asset is
served by the built book: the decks work offline and make no request to another host.

Run ``python -m neurotrophins.slides`` (``make slides``) after ``make build``.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from pathlib import Path

from ..references import short_citation
from .assets import MATHJAX_DIR, MissingAssetError, plotly_name
from .executed import NotExecutedError, executed_notebook, up_to_date
from .toc import toc_chapters

PACKAGE = Path(__file__).parent
TEMPLATE_DIR = PACKAGE / "slides_template"
_ROLE = re.compile(r"\{(?P<role>[a-z:]+)\}`(?P<text>[^`]*)`")
_ADMONITION = re.compile(r"^:::+\{(?P<kind>[a-z-]+)\}[ \t]*(?P<title>[^\n]*)\n(?P<body>.*?)^:::+[ \t]*$", re.M | re.S)
_FENCED_DIRECTIVE = re.compile(r"^```\{(?P<kind>[a-z-]+)\}[^\n]*\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)


class SlidesError(RuntimeError):
    """The deck cannot be built; the message says which chapter and what to do."""


def _citations(keys: str, refs, narrative: bool) -> str:
    labels = []
    for key in (k.strip() for k in keys.split(",")):
        if key not in refs.index:
            raise SlidesError(f"unknown reference key {key!r} in a citation")
        label = short_citation(refs.loc[key])
        if narrative:
            who, year = label.rsplit(" ", 1)
            label = f"{who} ({year})"
        labels.append(label)
    return "; ".join(labels) if narrative else f"({'; '.join(labels)})"


def myst_to_markdown(text: str, refs, claims) -> str:
    """Turn the MyST of a chapter cell into Markdown that nbconvert renders as it should.

    Parameters
    ----------
    text : str
        A markdown cell's source.
    refs, claims : pandas.DataFrame
        The ``references`` table indexed by key and the ``claims`` table indexed by id.
    """
    text = re.sub(r"^\([\w-]+\)=[ \t]*\n", "", text, flags=re.M)

    def role(m: re.Match) -> str:
        name, body = m.group("role"), m.group("text")
        if name.startswith("cite"):
            return _citations(body, refs, narrative=name == "cite:t")
        if name == "claim":
            claim = claims.loc[body.strip()]
            return (
                f'<span class="course-badge">{html.escape(str(claim["grade"]))} evidence · '
                f"{html.escape(str(claim['verdict']))}</span>"
            )
        if name == "math":
            return f"${body}$"
        explicit = re.fullmatch(r"(?P<title>.+?)\s*<[^>]+>", body)
        return explicit.group("title") if explicit else body.strip("/").rsplit("/", 1)[-1]

    def admonition(m: re.Match) -> str:
        body = "\n".join(line for line in m.group("body").splitlines() if not line.startswith(":"))
        title = m.group("title").strip() or m.group("kind").capitalize()
        return "\n".join(f"> {line}" if line else ">" for line in [f"**{title}.**", *body.strip().splitlines()])

    def fenced(m: re.Match) -> str:
        if m.group("kind") == "math":
            return f"$$\n{m.group('body').strip()}\n$$"
        return ""

    text = _FENCED_DIRECTIVE.sub(fenced, text)
    text = _ADMONITION.sub(admonition, text)
    return _ROLE.sub(role, text)


def deck(root: Path, chapter: str, static_href: str, reveal_href: str) -> str:
    """One chapter's deck as an HTML string, from the notebook the book build executed."""
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    from .. import data

    path = root / f"{chapter}.ipynb"
    try:
        nb = executed_notebook(root, chapter)
    except NotExecutedError as err:
        raise SlidesError(str(err)) from err
    refs = data.load("references").set_index("key", drop=False)
    claims = data.load("claims").set_index("id", drop=False)
    cells = []
    for cell in nb.cells:
        kind = cell.metadata.get("slideshow", {}).get("slide_type", "skip")
        if kind == "skip":
            continue
        if cell.cell_type == "markdown":
            cell.source = myst_to_markdown(cell.source, refs, claims)
        cells.append(cell)
    if sum(c.metadata["slideshow"]["slide_type"] == "slide" for c in cells) == 0:
        raise SlidesError(f"{path}: no cell is marked as a slide (metadata.slideshow.slide_type)")
    nb.cells = cells
    config = Config()
    config.SlidesExporter.extra_template_basedirs = [str(TEMPLATE_DIR)]
    config.SlidesExporter.template_name = "course-reveal"
    config.SlidesExporter.reveal_url_prefix = reveal_href
    config.SlidesExporter.reveal_theme = "white"  # "simple" loads web fonts from another host
    config.SlidesExporter.exclude_input = True
    config.SlidesExporter.exclude_input_prompt = True
    config.SlidesExporter.exclude_output_prompt = True
    assets = {"static": static_href, "plotly": plotly_name(root), "mathjax": MATHJAX_DIR}
    body, _ = SlidesExporter(config=config).from_notebook_node(
        nb, resources={"course": assets, "metadata": {"name": path.stem}}
    )
    return body


def build_all(root: Path, out: Path) -> list[Path]:
    """Write a deck for every chapter of ``root/_toc.yml`` into ``out`` with reveal.js beside them."""
    reveal = root / "node_modules" / "reveal.js"
    if not (reveal / "dist" / "reveal.js").is_file():
        raise SlidesError(f"{reveal} is missing: run `make js` (npm ci) first")
    static = out.parent / "_static"
    try:
        plotly_js = static / plotly_name(root)
    except MissingAssetError as err:
        raise SlidesError(str(err)) from err
    if not plotly_js.is_file():
        raise SlidesError(f"{plotly_js} is missing: run `make build` before `make slides`")
    out.mkdir(parents=True, exist_ok=True)
    for part in ("dist", "plugin/notes"):
        shutil.copytree(
            reveal / part,
            out / "reveal.js" / part,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns("*.map", "*.esm.js"),
        )
    written = []
    for chapter in toc_chapters(root / "_toc.yml"):
        target = out / f"{Path(chapter).name}.html"
        if not up_to_date(target, root, chapter):
            target.write_text(deck(root, chapter, "../_static", "reveal.js"), encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (holds _toc.yml)")
    parser.add_argument("--out", type=Path, default=None, help="default: <root>/_build/html/slides")
    args = parser.parse_args(argv)
    out = args.out or args.root / "_build" / "html" / "slides"
    try:
        written = build_all(args.root, out)
    except SlidesError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(
            f"{path.relative_to(args.root) if path.is_relative_to(args.root) else path}: "
            f"{path.stat().st_size / 1024:.0f} KB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
