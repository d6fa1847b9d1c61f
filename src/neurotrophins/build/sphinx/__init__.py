"""Sphinx extension that keeps the built book self-contained and offline.

* plotly.js, the basic partial bundle pinned in package.json at plotly.py's plotly.js version (a test
  checks both), is copied into ``_static/`` under a content-hashed name and added only to the pages
  whose body holds a plotly figure, loaded ``async`` so that it never holds up the first paint: each
  figure's script waits for it (see :func:`neurotrophins.figures._core.course_bundle`) and the
  script's ``onload`` draws the figures that were waiting;
* MathJax 3 is served from a local copy (the ``django-static-mathjax`` wheel, in a folder named after
  its version) instead of a CDN, and only on pages that have mathematics of their own (Sphinx also
  adds it to a page whose toctree includes such a page);
* inline scripts that Sphinx 7.4 emits twice on a page are dropped (a duplicate
  ``const THEBE_JS_URL`` declaration is a console error);
* the course stylesheet and the progress script (``course-progress.js``, see :func:`_progress`) are added
  to every page, under content-hashed names (see :mod:`..assets`);
* the evidence dataset comes into the book through :mod:`.evidence` (the
  ``{claim}`` role, the evidence map and the data dictionary);
* the instructor pages (lesson plans, objective matrix) come from :mod:`.instructors`;
* the glossary page and automatic first-use links to it come from :mod:`.glossary`;
* every executed notebook in ``_build/jupyter_execute/`` carries its outputs (see
  :func:`_executed_copy_has_outputs`), so slides, downloads and print read them from there.

Enable it with ``sphinx.extra_extensions: [neurotrophins.build.sphinx]`` in ``_config.yml``.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
from pathlib import Path

from sphinx.application import Sphinx

from ..assets import MATHJAX_DIR, fingerprinted, plotly_bundle, plotly_name
from .icons import cut_icons

HERE = Path(__file__).parent
COURSE_CSS = HERE / "static" / "course.css"
COURSE_PROGRESS_JS = HERE / "static" / "course-progress.js"
MATHJAX_LOCAL = f"{MATHJAX_DIR}/tex-chtml.js"
#: Run when plotly.js has loaded: draw the figures whose scripts ran before it (they queue themselves).
DRAW_WAITING = "(window.coursePlotly || []).forEach(function (draw) { draw(); })"
# The parts of MathJax's es5 tree that tex-chtml.js loads: fonts, TeX extensions loaded on demand, the context
# menu and its accessibility tools; tex-chtml.js itself last (once it is there, the copy is complete).
MATHJAX_PARTS = ["output/chtml/fonts/woff-v2", "input/tex/extensions", "ui", "a11y", "sre", "adaptors", "tex-chtml.js"]


def mathjax_source() -> Path:
    """The es5 folder of the MathJax 3 copy shipped by the ``django-static-mathjax`` wheel."""
    import mathjax  # provided by django-static-mathjax

    return Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"


def _use_local_mathjax(app: Sphinx, config) -> None:
    if str(config.mathjax_path).startswith(("http://", "https://", "//")):
        config.mathjax_path = MATHJAX_LOCAL


def _jupyterhub_from_environment(app: Sphinx, config) -> None:
    """``COURSE_JUPYTERHUB_URL`` adds a JupyterHub launch button without editing ``_config.yml``."""
    url = os.environ.get("COURSE_JUPYTERHUB_URL", "").strip()
    if url:
        options = config.html_theme_options
        options.setdefault("launch_buttons", {})["jupyterhub_url"] = url


def _is_mathjax(app: Sphinx, script) -> bool:
    attrs = getattr(script, "attributes", {}) or {}
    return str(getattr(script, "filename", "") or "").endswith(app.config.mathjax_path) or (
        attrs.get("body", "").startswith("window.MathJax")
    )


def _hub_button(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """The JupyterHub launch button of a chapter opens :func:`neurotrophins.build.hub.page_link`."""
    from ..hub import page_link

    link = page_link(app.config.html_theme_options, pagename)
    if link is None:
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "launch-buttons":
            for button in group.get("buttons", []):
                if button.get("text") == "JupyterHub":
                    button["url"] = link


def _page_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    app.course_pages_written = getattr(app, "course_pages_written", set()) | {pagename}
    if "plotly-graph-div" in context.get("body", ""):
        # Raises, saying to run `make js`, when the bundle is not installed.
        app.add_js_file(plotly_name(app.srcdir), priority=400, loading_method="async", onload=DRAW_WAITING)
        app.course_has_figures = True
    scripts = context.get("script_files")
    if scripts and not app.env.get_domain("math").data["has_equations"].get(pagename):
        scripts[:] = [s for s in scripts if not _is_mathjax(app, s)]
    if scripts:
        seen, unique = set(), []
        for script in scripts:
            # The same inline script can arrive once with filename None and once with "".
            attrs = getattr(script, "attributes", {}) or {}
            key = (str(getattr(script, "filename", script) or ""), tuple(sorted(attrs.items())))
            if key not in seen:
                seen.add(key)
                unique.append(script)
        scripts[:] = unique


TOC_TOGGLE = '<summary><span class="toctree-toggle" role="presentation">'
#: Markup of the theme and of docutils that fails an accessibility audit, and its repair.
MARKUP_FIXES = [
    # The sidebar toggles for nested pages are <summary> elements holding only an icon: screen readers
    # announce nothing (axe: summary-name, serious).
    (TOC_TOGGLE, TOC_TOGGLE.replace("<summary>", '<summary aria-label="Show or hide the pages of this section">')),
    # docutils marks the bibliography role="list" but its entries role="doc-biblioentry", which a list may
    # not contain (axe: aria-required-children, critical). Without the role it is a plain group of entries.
    ('<div role="list" class="citation-list">', '<div class="citation-list">'),
]

#: pydata-sphinx-theme loads Font Awesome's SVG framework on every page (``scripts/fontawesome.js``: 1.5 MB, 540 KB
#: compressed, and a walk over the page replacing icons) so that a site can add icons of its own. The book adds none,
#: and the theme's stylesheet draws the same icons from Font Awesome's web fonts, so the script is left out.
FONTAWESOME_JS = re.compile(r'[ \t]*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>\n?')


#: pydata-sphinx-theme loads Sphinx's search scripts and the whole search index (about 50 KB compressed) on every
#: page, synchronously in ``<head>``, for its search-as-you-type option. With that option off (the book's setting)
#: the search box opens ``search.html``, which loads them itself; elsewhere they only hold up the first paint.
SEARCH_SCRIPTS = re.compile(
    r'[ \t]*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)[^"]*"></script>\n?'
)


#: A script in ``<head>`` loaded synchronously: the parser stops, and nothing is painted, until it has arrived.
#: The theme's and the extensions' scripts all wait for the document to be ready anyway, so they are deferred
#: (run in order once the page is parsed); only ``documentation_options.js`` stays, as inline scripts after it
#: set its fields.
BLOCKING_SCRIPT = re.compile(
    r'<script (?![^>]*\b(?:async|defer)\b)([^>]*\bsrc="(?![^"]*documentation_options\.js)[^"]+")'
)


def _defer_head_scripts(text: str) -> str:
    head, sep, body = text.partition("</head>")
    return BLOCKING_SCRIPT.sub(r"<script defer \1", head) + sep + body if sep else text


def _fix_markup(pages, *, search_as_you_type: bool = False) -> None:
    for page in pages:
        text = page.read_text(encoding="utf-8")
        fixed = FONTAWESOME_JS.sub("", text)
        if not search_as_you_type and page.name != "search.html":
            fixed = SEARCH_SCRIPTS.sub("", fixed)
        fixed = _defer_head_scripts(fixed)
        for old, new in MARKUP_FIXES:
            fixed = fixed.replace(old, new)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def _copy_assets(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    # The pages this build wrote (an incremental build writes only some; the others were fixed before).
    search_as_you_type = str(app.config.html_theme_options.get("search_as_you_type", False)).lower() == "true"
    _fix_markup(
        (outdir / app.builder.get_target_uri(name) for name in getattr(app, "course_pages_written", ())),
        search_as_you_type=search_as_you_type,
    )
    static = outdir / "_static"
    static.mkdir(parents=True, exist_ok=True)
    if getattr(app, "course_has_figures", False):
        shutil.copyfile(plotly_bundle(app.srcdir), static / plotly_name(app.srcdir))
    shutil.copyfile(COURSE_CSS, static / fingerprinted(COURSE_CSS, "course", ".css"))
    shutil.copyfile(COURSE_PROGRESS_JS, static / fingerprinted(COURSE_PROGRESS_JS, "course-progress", ".js"))
    cut_icons(outdir)
    # The MathJax folder is named after its version: once copied, it is complete.
    if app.config.mathjax_path == MATHJAX_LOCAL and not (static / MATHJAX_LOCAL).is_file():
        src, dest = mathjax_source(), static / MATHJAX_DIR
        for part in MATHJAX_PARTS:
            if (src / part).is_dir():
                shutil.copytree(src / part, dest / part, dirs_exist_ok=True)
            else:
                (dest / part).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src / part, dest / part)


@functools.lru_cache(maxsize=4)
def _chapters(toc: str) -> tuple[str, ...]:
    """The chapters of a book's ``_toc.yml`` (none for a project without one), read once per build."""
    from ..toc import toc_chapters

    return tuple(toc_chapters(toc)) if Path(toc).is_file() else ()


@functools.lru_cache(maxsize=4)
def _progress_manifest(toc: str) -> dict:
    """Each chapter's quiz items and exercises, for the progress script (``course-progress.js``)."""
    import nbformat

    from ...quiz import load_quiz
    from ..lessons import notebook_exercises

    chapters = {}
    for chapter in _chapters(toc):
        slug = chapter.rsplit("/", 1)[1]
        nb = nbformat.read(Path(toc).parent / f"{chapter}.ipynb", as_version=4)
        quiz = load_quiz(slug)
        chapters[slug] = {
            "items": [f"{quiz['id']}/{q['id']}" for q in quiz["questions"]],
            "exercises": [ex.label for ex in notebook_exercises(nb)],
        }
    return chapters


def _progress(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Give every page the progress script and the course's list of quiz items and exercises (inline, no fetch)."""
    toc = str(Path(app.srcdir) / "_toc.yml")
    chapters = _progress_manifest(toc)
    if not chapters:
        return
    slug = pagename.rsplit("/", 1)[-1] if pagename in _chapters(toc) else None
    manifest = json.dumps({"chapters": chapters, "current": slug}, separators=(",", ":"))
    app.add_js_file(None, body=f"window.COURSE_PROGRESS={manifest};", priority=450)
    app.add_js_file(fingerprinted(COURSE_PROGRESS_JS, "course-progress", ".js"), priority=460)


def _progress_pages_to_rewrite(app: Sphinx, env) -> list[str]:
    """An incremental build rewrites every page when the course's list of quiz items and exercises changed:
    each page carries it inline, and Sphinx does not know that every page depends on every chapter."""
    manifest = _progress_manifest(str(Path(app.srcdir) / "_toc.yml"))
    if env.__dict__.get("course_progress_manifest") == manifest:
        return []
    env.course_progress_manifest = manifest
    return sorted(env.found_docs)


def _chapter_downloads(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Add the chapter's PDF, its one-page handout and its executed notebook to the page's download menu."""
    if pagename not in _chapters(str(Path(app.srcdir) / "_toc.yml")):
        return
    slug = pagename.rsplit("/", 1)[1]
    pathto = context["pathto"]
    extra = [
        (f"pdf/{slug}.pdf", "chapter PDF", "Download this chapter as a PDF, with its figures", "fas fa-file-pdf"),
        (
            f"pdf/{slug}-handout.pdf",
            "handout PDF",
            "One-page handout: objectives, key diagram, takeaways",
            "fas fa-file-lines",
        ),
        (f"downloads/{slug}.ipynb", "executed .ipynb", "The notebook with its outputs", "fas fa-book"),
    ]
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"] += [
                {
                    "type": "link",
                    "url": pathto(path, 1),
                    "text": text,
                    "tooltip": tip,
                    "icon": icon,
                    "label": f"download-{text.split()[0].replace('.', '')}-{text.split()[-1].lower()}-button",
                }
                for path, text, tip, icon in extra
            ]


def _executed_copy_has_outputs(app: Sphinx, doctree) -> None:
    """Make ``_build/jupyter_execute/<doc>.ipynb`` the executed notebook, also on a cached build.

    myst-nb writes its copy of every notebook it reads to ``jupyter_execute/``, but when it serves the
    outputs from its execution cache it writes the notebook it was given, without them (myst-nb 1.4,
    ``sphinx_.py``: it writes ``notebook``, not the client's merged notebook). The book's own output
    is where slides, downloads and print look for outputs, so the copy is completed here, once, from
    the same cache myst-nb used.
    """
    env = app.env
    if not str(env.doc2path(env.docname)).endswith(".ipynb"):
        return
    config = env.mystnb_config
    target = Path(config.output_folder) / f"{env.docname}.ipynb"
    if config.execution_mode != "cache" or not target.is_file():
        return
    import nbformat
    from jupyter_cache import get_cache

    from ..executed import has_outputs

    nb = nbformat.read(target, as_version=4)
    if has_outputs(nb):
        return
    _, merged = get_cache(config.execution_cache_path).merge_match_into_notebook(nb)
    nbformat.write(merged, target)


def setup(app: Sphinx) -> dict:
    from . import evidence, glossary, instructors, mathml

    evidence.setup(app)
    mathml.setup(app)
    glossary.setup(app)
    instructors.setup(app)
    app.connect("config-inited", _use_local_mathjax)
    app.connect("config-inited", _jupyterhub_from_environment)
    # Late priority: other extensions (sphinx-thebe, togglebutton) add their inline scripts first.
    app.connect("html-page-context", _page_assets, priority=900)
    app.connect("html-page-context", _chapter_downloads, priority=900)
    app.connect("html-page-context", _progress, priority=800)
    # After the theme's add_launch_buttons (priority 501), which makes the button this one rewrites.
    app.connect("html-page-context", _hub_button, priority=900)
    app.connect("env-get-updated", _progress_pages_to_rewrite)
    app.connect("build-finished", _copy_assets)
    app.connect("doctree-read", _executed_copy_has_outputs)
    app.add_css_file(fingerprinted(COURSE_CSS, "course", ".css"))
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
