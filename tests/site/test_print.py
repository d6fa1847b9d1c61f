"""Print: a chapter prints cleanly (navigation and buttons left out, figures and text kept)."""

from __future__ import annotations

from ..helpers import toc_chapters

CHAPTER = f"{toc_chapters()[0]}.html"


def test_a_chapter_prints_without_navigation_and_with_its_figures(recorded_page, site_url, tmp_path):
    page = recorded_page
    page.goto(f"{site_url}/{CHAPTER}", wait_until="load")
    page.locator("div.plotly-graph-div svg.main-svg").first.wait_for(state="attached", timeout=10_000)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.bd-sidebar-primary', '.bd-header', '.article-header-buttons', '.prev-next-area']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}, f"navigation still printed: {hidden}"
    assert page.locator("div.plotly-graph-div").first.is_visible()
    assert page.locator("h1").first.is_visible()
    pdf = tmp_path / "chapter.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 3, "the chapter should print to several pages"
    assert page.recorder.errors == []
