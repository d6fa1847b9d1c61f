"""PDFs for reading on paper and for a class: every chapter, the whole book, a one-page handout per chapter.

Written by ``make pdf`` (Chromium, no TeX) into ``_build/html/pdf/``; read back here with pypdf.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from neurotrophins.build.lessons import lesson
from neurotrophins.build.pdf import BOOK_PDF, checklist

from ..helpers import ROOT, toc_chapters
from .conftest import HTML

PDF = HTML / "pdf"
CHAPTERS = toc_chapters()


def _text(page) -> str:
    """A page's text, with ligatures (ﬀ, ﬁ) and typographic quotes folded as a reader would search it."""
    text = unicodedata.normalize("NFKC", page.extract_text() or "").replace("\u2019", "'")
    return " ".join(text.split())


def _figure_titles(chapter: str) -> list[str]:
    """The titles of the plotly figures on a chapter's page, as the figure JSON in the built HTML gives them."""
    html = (HTML / f"{chapter}.html").read_text(encoding="utf-8")
    titles = []
    for match in re.finditer(r'"title":\{"text":"((?:[^"\\]|\\.)*)"', html):
        title = json.loads(f'"{match.group(1)}"')
        title = re.sub(r"<[^>]+>", " ", title)
        if len(title.split()) >= 3:
            titles.append(" ".join(title.split()))
    return titles


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.rsplit("/", 1)[1])
def test_every_chapter_prints_with_its_figures_and_no_blank_page(chapter):
    path = PDF / f"{Path(chapter).name}.pdf"
    reader = PdfReader(path)
    assert len(reader.pages) >= 3, f"{path.name}: {len(reader.pages)} pages"
    texts = [_text(p) for p in reader.pages]
    blank = [n for n, t in enumerate(texts, start=1) if len(t.split()) < 10]
    assert blank == [], f"{path.name}: pages {blank} are (nearly) blank"
    printed = " ".join(texts)
    assert lesson(ROOT / f"{chapter}.ipynb").title.split(":")[0] in printed
    titles = _figure_titles(chapter)
    assert titles, f"{chapter}: no figure titles found in the page"
    missing = [t for t in titles if t[:40] not in printed]
    assert missing == [], f"{path.name}: figures not drawn in the PDF: {missing}"


def test_the_whole_book_prints_in_order_with_a_bookmark_per_chapter():
    reader = PdfReader(PDF / BOOK_PDF)
    outline = [item["/Title"] for item in reader.outline]
    assert outline[1:] == [lesson(ROOT / f"{c}.ipynb").title for c in CHAPTERS]
    chapter_pages = sum(len(PdfReader(PDF / f"{Path(c).name}.pdf").pages) for c in CHAPTERS)
    assert len(reader.pages) > chapter_pages, "the book holds the front page and every chapter"
    starts = [reader.get_destination_page_number(item) for item in reader.outline]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.rsplit("/", 1)[1])
def test_every_handout_is_one_page_with_objectives_takeaways_and_what_its_plan_asks_for(chapter):
    plan = lesson(ROOT / f"{chapter}.ipynb")
    reader = PdfReader(PDF / f"{Path(chapter).name}-handout.pdf")
    assert len(reader.pages) == 1, f"{chapter}: the handout runs to {len(reader.pages)} pages"
    text = _text(reader.pages[0])
    assert plan.title in text and "You will be able to" in text and "Key takeaways" in text
    first_objective = re.sub(r"[*`]", "", list(plan.objectives.values())[0]).split()[:4]
    assert " ".join(first_objective) in text
    if plan.handout.get("checklist"):
        assert "Six questions" in text and checklist(ROOT)[0].split("**")[1].strip()[:20] in text
    diagram = plan.handout.get("diagram")
    if diagram:
        svg = (ROOT / "book" / "images" / diagram).read_text(encoding="utf-8")
        label = re.search(r"<text[^>]*>([^<]{6,})</text>", svg).group(1).strip()
        assert label in text, f"{chapter}: the handout's diagram is missing ({label!r} not found)"


def test_pdfs_are_linked_from_each_chapters_download_menu_and_the_instructor_pages():
    for chapter in CHAPTERS:
        slug = Path(chapter).name
        page = (HTML / f"{chapter}.html").read_text(encoding="utf-8")
        assert f"../../pdf/{slug}.pdf" in page and f"../../pdf/{slug}-handout.pdf" in page, slug
        plan = (HTML / "book" / "instructors" / f"{slug}.html").read_text(encoding="utf-8")
        assert f"../../pdf/{slug}-handout.pdf" in plan and f"../../downloads/lms/{slug}-moodle.xml" in plan, slug
