"""Lecture decks in a real browser: one per chapter, offline, with reveal.js running and figures drawn."""

from __future__ import annotations

import re

import pytest

from ..helpers import toc_chapters
from .conftest import HTML, slide_decks

DECKS = slide_decks()


def test_every_chapter_has_a_deck_linked_from_its_lesson_plan():
    slugs = [c.rsplit("/", 1)[1] for c in toc_chapters()]
    assert sorted(f"slides/{s}.html" for s in slugs) == DECKS, "run `make slides` (make build does it)"
    for slug in slugs:
        plan = (HTML / "book" / "instructors" / f"{slug}.html").read_text(encoding="utf-8")
        assert f'href="../../slides/{slug}.html"' in plan, f"the lesson plan of {slug} does not link its deck"


@pytest.mark.parametrize("rel", DECKS)
def test_deck_runs_offline_and_every_figure_draws(recorded_page, site_url, rel):
    page = recorded_page
    page.goto(f"{site_url}/{rel}", wait_until="load")
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=10_000)
    total = page.evaluate("Reveal.getTotalSlides()")
    assert total >= 5, f"{rel}: only {total} slides"
    first = page.evaluate("Reveal.getIndices()")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(200)
    assert page.evaluate("Reveal.getIndices()") != first, f"{rel}: the arrow key did not move to the next slide"
    html = (HTML / rel).read_text(encoding="utf-8")
    n_figures = len(re.findall(r'class="plotly-graph-div"', html))
    drawn = page.evaluate("document.querySelectorAll('.js-plotly-plot .main-svg').length")
    assert drawn >= n_figures, f"{rel}: {n_figures} figures in the deck, {drawn} drawn"
    assert page.recorder.external == [], f"{rel} requested other hosts: {page.recorder.external}"
    assert page.recorder.errors == [], f"{rel}: {page.recorder.errors}"
