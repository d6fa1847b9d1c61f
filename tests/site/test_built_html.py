"""Checks of the built HTML that need no browser: completeness and self-containment."""

from __future__ import annotations

import re

from neurotrophins.build.assets import MATHJAX_DIR, fingerprinted, plotly_bundle, plotly_name
from neurotrophins.build.sphinx import COURSE_CSS
from neurotrophins.figures._core import PLOTLY_MIMETYPE

from ..helpers import toc_files
from .conftest import HTML, ROOT, site_pages

EXTERNAL_LOAD = re.compile(
    r"""<(?:script|img|iframe|audio|video|source)\b[^>]*\bsrc=["'](?:https?:)?//"""
    r"""|<link\b[^>]*\bhref=["'](?:https?:)?//[^"']*["'][^>]*\brel=["'](?:stylesheet|preload|icon)"""
    r"""|<link\b[^>]*\brel=["'](?:stylesheet|preload|icon)["'][^>]*\bhref=["'](?:https?:)?//""",
    re.IGNORECASE,
)


def test_every_toc_entry_has_a_non_empty_page():
    for entry in toc_files():
        page = HTML / f"{entry}.html"
        assert page.is_file(), f"{page} was not built"
        body = page.read_text(encoding="utf-8")
        assert "<h1" in body and len(body) > 5000, f"{page} looks empty"


def test_no_page_loads_anything_from_another_host():
    for rel in site_pages() + ["index.html", "search.html", "genindex.html"]:
        text = (HTML / rel).read_text(encoding="utf-8")
        match = EXTERNAL_LOAD.search(text)
        assert match is None, f"{rel} loads from another host: {match.group(0)[:160]}"


def test_plotly_js_is_the_basic_bundle_once_per_page_with_figures_and_never_blocks():
    name = plotly_name(ROOT)
    assert (HTML / "_static" / name).read_bytes() == plotly_bundle(ROOT).read_bytes()
    assert not (HTML / "_static" / "plotly.min.js").exists(), "the full bundle is still copied"
    with_figures = 0
    for rel in site_pages():
        text = (HTML / rel).read_text(encoding="utf-8")
        tags = re.findall(r'<script[^>]*src="[^"]*plotly[^"/]*\.js[?"][^>]*>', text)
        if "plotly-graph-div" in text:
            with_figures += 1
            assert len(tags) == 1, f"{rel}: plotly.js included {len(tags)} times"
            assert f"_static/{name}" in tags[0] and "async" in tags[0] and "onload" in tags[0], tags[0]
            assert "Plotly.newPlot" in text and "coursePlotly" in text, f"{rel}: figures do not wait for plotly.js"
        else:
            assert not tags, f"{rel} loads plotly.js but has no figure"
        assert "cdn.plot.ly" not in text, f"{rel} refers to the plotly CDN"
    assert with_figures >= 1


def test_every_figure_the_book_computed_uses_trace_types_of_the_bundle():
    import nbformat

    from ..test_plotly_bundle import bundle_trace_types

    available, seen = bundle_trace_types(), 0
    for path in sorted((ROOT / "_build" / "jupyter_execute").rglob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                figure = output.get("data", {}).get(PLOTLY_MIMETYPE)
                if figure:
                    seen += 1
                    used = {trace.get("type", "scatter") for trace in figure["data"]}
                    assert used <= available, f"{path.name}: {sorted(used - available)} not in the basic bundle"
    assert seen >= 8, f"only {seen} figures in the executed notebooks"


def test_assets_have_content_hashed_or_versioned_names():
    css = fingerprinted(COURSE_CSS, "course", ".css")
    assert (HTML / "_static" / css).is_file()
    for rel in site_pages():
        if rel.startswith("handouts/"):
            continue  # the one-page handouts that make pdf prints carry their own inline style and no asset
        assert f"_static/{css}" in (HTML / rel).read_text(encoding="utf-8"), f"{rel} does not link {css}"


def test_mathematics_is_mathml_written_at_build_time_and_no_book_page_loads_mathjax():
    with_math = 0
    for rel in site_pages():
        text = (HTML / rel).read_text(encoding="utf-8")
        assert MATHJAX_DIR not in text and "window.MathJax" not in text, f"{rel} loads MathJax"
        spans = re.findall(r'<(?:span|div) class="math notranslate nohighlight"[^>]*>(.*?)</(?:span|div)>', text, re.S)
        for inner in spans:
            assert inner.lstrip().startswith("<math alttext="), f"{rel}: a formula left as TeX: {inner[:80]}"
        # Only in prose: code cells may show a backslash-parenthesis, and the instructor pages quote TeX sources.
        with_math += bool(spans)
    assert with_math >= 8


def test_mathjax_is_local_and_complete_for_the_decks():
    mj = HTML / "_static" / MATHJAX_DIR
    assert (mj / "tex-chtml.js").is_file()
    assert any((mj / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))
    decks = list((HTML / "slides").glob("*.html"))
    assert decks and all(f"{MATHJAX_DIR}/tex-chtml.js" in d.read_text(encoding="utf-8") for d in decks)


def test_icon_fonts_hold_exactly_the_glyphs_the_pages_use():
    from fontTools.ttLib import TTFont

    from neurotrophins.build.sphinx.icons import FONTS, STYLESHEET, icon_codepoints, theme_static, used_icons

    used = used_icons(HTML)
    assert {"github", "magnifying-glass", "bars", "download"} <= used
    table = icon_codepoints((theme_static() / STYLESHEET).read_text(encoding="utf-8"))
    webfonts = HTML / "_static" / "vendor" / "fontawesome" / "webfonts"
    glyphs = set()
    for name in FONTS:
        path = webfonts / f"{name}.woff2"
        assert path.stat().st_size < 20_000, f"{path.name} is not cut down: {path.stat().st_size} bytes"
        glyphs |= set(TTFont(path).getBestCmap())
    missing = sorted(n for n in used if n in table and table[n] not in glyphs)
    assert not missing, f"icons the pages use but the fonts lack: {missing}"
    css = (HTML / "_static" / STYLESHEET).read_text(encoding="utf-8")
    kept = icon_codepoints(css)
    assert {n for n in used if n in table} <= set(kept), "an icon's rule was pruned"
    assert len(kept) < 100, f"{len(kept)} icon rules kept in the stylesheet"


def test_head_scripts_do_not_hold_up_the_first_paint():
    for rel in site_pages():
        head = (HTML / rel).read_text(encoding="utf-8").partition("</head>")[0]
        blocking = [
            src
            for attrs, src in re.findall(r'<script ([^>]*?)src="([^"]+)"', head)
            if not re.search(r"\b(?:async|defer)\b", attrs)
        ]
        assert all("documentation_options.js" in src for src in blocking), f"{rel}: blocking scripts {blocking}"
        assert "searchindex.js" not in head, f"{rel} loads the search index"
    assert "searchindex.js" in (HTML / "search.html").read_text(encoding="utf-8")


def test_live_explorers_and_widget_managers_stay_out_of_the_book():
    for rel in site_pages():
        text = (HTML / rel).read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget" not in text, f"{rel} carries widget state"
        assert "require.min.js" not in text and "embed-amd.js" not in text, f"{rel} loads a widget manager"
        assert "neurogenesis_explorer()" not in text, f"{rel} shows a live-explorer cell"


def test_evidence_map_lists_every_claim_once():
    from neurotrophins.data import load

    page = (HTML / "book/appendix/evidence-map.html").read_text(encoding="utf-8")
    ids = re.findall(r'class="claim-entry" id="claim-([a-z0-9-]+)"', page)
    claims = load("claims")
    assert sorted(ids) == sorted(claims["id"]), "every claim appears exactly once on the evidence map"


def test_claim_badges_link_to_entries_that_link_back():
    map_page = (HTML / "book/appendix/evidence-map.html").read_text(encoding="utf-8")
    tagged = 0
    for rel in site_pages():
        if rel.endswith("evidence-map.html"):
            continue
        text = (HTML / rel).read_text(encoding="utf-8")
        for anchor, claim_id in re.findall(
            r'<span class="claim" id="(claimref-[a-z0-9-]+-\d+)"><a class="[^"]*claim-badge[^"]*" '
            r'href="[^"]*evidence-map\.html#claim-([a-z0-9-]+)"',
            text,
        ):
            tagged += 1
            assert f'id="claim-{claim_id}"' in map_page, f"{rel}: badge for {claim_id} has no evidence-map entry"
            page_name = rel.rsplit("/", 1)[-1]
            assert re.search(rf'href="[^"]*{re.escape(page_name)}#{anchor}"', map_page), (
                f"evidence map has no back-link to {rel}#{anchor}"
            )
    assert tagged >= 10, f"only {tagged} claim badges in the book"


def test_dataset_page_offers_every_table_for_download():
    import json

    pkg = json.loads((ROOT / "data" / "datapackage.json").read_text())
    page = (HTML / "book/appendix/the-dataset.html").read_text(encoding="utf-8")
    for res in pkg["resources"]:
        assert f'href="../../_data/{res["path"]}"' in page, f"no download link for {res['path']}"
        assert (HTML / "_data" / res["path"]).is_file(), f"{res['path']} was not copied into the site"
        assert f'id="table-{res["name"]}"' in page
    assert (HTML / "_data" / "datapackage.json").is_file()


def test_glossary_page_has_every_term_and_chapters_link_to_it():
    from neurotrophins.data import load

    glossary = (HTML / "book" / "appendix" / "glossary.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'<dt id="(term-[^"]+)"', glossary))
    assert len(anchors) == len(load("glossary")), "one glossary entry per row of data/glossary.csv"
    for entry in toc_files():
        if not entry.startswith("book/0"):
            continue
        page = (HTML / f"{entry}.html").read_text(encoding="utf-8")
        links = re.findall(r'href="[./]*(?:appendix/)?glossary\.html#(term-[^"]+)"', page)
        assert len(links) >= 5, f"{entry}: only {len(links)} glossary links"
        assert len(links) == len(set(links)), f"{entry}: a term is linked more than once"
        assert set(links) <= anchors, f"{entry}: links to missing glossary entries {set(links) - anchors}"


def test_launch_buttons_open_notebooks_that_exist_in_the_repository():
    import nbformat
    import yaml

    repo = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]
    slug, branch = repo["url"].removeprefix("https://github.com/"), repo["branch"]
    patterns = {
        "binder": rf'href="https://mybinder\.org/v2/gh/{slug}/{branch}\?urlpath=lab/tree/([^"]+\.ipynb)"',
        "colab": rf'href="https://colab\.research\.google\.com/github/{slug}/blob/{branch}/([^"]+\.ipynb)"',
    }
    chapters = [e for e in toc_files() if (ROOT / f"{e}.ipynb").is_file()]
    assert chapters
    for entry in chapters:
        page = (HTML / f"{entry}.html").read_text(encoding="utf-8")
        for name, pattern in patterns.items():
            targets = re.findall(pattern, page)
            assert targets == [f"{entry}.ipynb"], f"{entry}: {name} launch link {targets}"
            assert (ROOT / targets[0]).is_file()
        assert "git-pull" not in page and "Launch on JupyterHub" not in page, (
            f"{entry}: a JupyterHub link in a book built without a hub URL"
        )
        if entry.startswith("book/template/"):
            continue  # the contributors' template is not offered for download
        executed = nbformat.read(HTML / "downloads" / f"{entry.rsplit('/', 1)[1]}.ipynb", as_version=4)
        has_outputs = any(c.get("outputs") for c in executed.cells if c.cell_type == "code")
        assert has_outputs, f"{entry}: the downloadable notebook has no outputs"


def test_dataset_zip_holds_every_table():
    import json
    import zipfile

    names = set(zipfile.ZipFile(HTML / "downloads" / "neurotrophins-dataset.zip").namelist())
    package = json.loads((ROOT / "data" / "datapackage.json").read_text())
    for resource in package["resources"]:
        assert f"neurotrophins-dataset/{resource['path']}" in names
    assert "neurotrophins-dataset/datapackage.json" in names
