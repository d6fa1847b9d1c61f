"""Doing, not only reading, in the static book: quiz formats, predict-then-reveal, progress, diagrams.

In Chromium, offline, as a learner meets them: the options of every item in the fixed order the quiz
module gives, numeric entry marked within its tolerance with feedback on typical mistakes, a reveal that
stays hidden until the learner has committed, progress that survives a reload and can be reset, and every
mechanism diagram drawn with its text alternative.
"""

from __future__ import annotations

import re

import pytest

from neurotrophins.build.toc import TEMPLATE
from neurotrophins.quiz import load_quiz, ordered_options

from ..helpers import toc_chapters
from .conftest import HTML

PAGES = [f"{c}.html" for c in [*toc_chapters(), TEMPLATE]]
DIAGRAM_PAGES = sorted(
    {p for p in PAGES if re.search(r'<img[^>]+src="[^"]*_images/[^"]+\.svg"', (HTML / p).read_text(encoding="utf-8"))}
)


def _slug(rel: str) -> str:
    return rel.rsplit("/", 1)[1].removesuffix(".html")


@pytest.mark.parametrize("rel", PAGES, ids=_slug)
def test_options_appear_in_the_quizzes_fixed_order(recorded_page, site_url, rel):
    page = recorded_page
    page.goto(f"{site_url}/{rel}", wait_until="load")
    quiz = load_quiz(_slug(rel))
    for q in quiz["questions"]:
        if "options" not in q:
            continue
        fieldset = page.locator(f'form.course-quiz fieldset[data-question="{q["id"]}"]')
        assert fieldset.count() == 1, f"{rel}: item {q['id']} is shown {fieldset.count()} times"
        shown = [" ".join(t.split()) for t in fieldset.locator("label").all_inner_texts()]
        assert shown == [o["text"] for o in ordered_options(quiz, q)], f"{rel}: {q['id']} in another order"
    assert page.recorder.errors == [], f"{rel}: {page.recorder.errors}"


def _numeric_items():
    for rel in PAGES:
        for q in load_quiz(_slug(rel))["questions"]:
            if "answer" in q:
                yield pytest.param(rel, q, id=f"{_slug(rel)}/{q['id']}")


@pytest.mark.parametrize(("rel", "item"), list(_numeric_items()))
def test_numeric_entry_is_marked_within_its_tolerance(recorded_page, site_url, rel, item):
    page = recorded_page
    page.goto(f"{site_url}/{rel}", wait_until="load")
    fieldset = page.locator(f'form.course-quiz fieldset[data-question="{item["id"]}"]')
    fieldset.scroll_into_view_if_needed()
    box, feedback = fieldset.locator("input.course-quiz-number"), fieldset.locator(".course-quiz-feedback")
    answer = item["answer"]
    wrong = answer["value"] + 10 * answer["tolerance"] + 10
    for typed, expected in (
        ("abc", "Type a number"),
        (f"{wrong:g}", item["feedback"]["wrong"]),
        *((f"{e['value']:g}", e["feedback"]) for e in item.get("common_errors", [])),
        (f"{answer['value'] + 0.5 * answer['tolerance']:g}", item["feedback"]["correct"]),
    ):
        box.fill(typed)
        box.press("Enter")
        assert expected in feedback.text_content(), f"{rel}/{item['id']}: typed {typed!r}"
    assert feedback.text_content().startswith("Correct.")
    box.fill(f"{answer['value']:g}".replace(".", ","))  # a decimal comma is understood
    fieldset.locator("button.course-quiz-check").click()
    assert feedback.text_content().startswith("Correct.")
    assert page.recorder.errors == []


def _reveal_items():
    for rel in PAGES:
        for q in load_quiz(_slug(rel))["questions"]:
            if q.get("reveal"):
                yield pytest.param(rel, q, id=f"{_slug(rel)}/{q['id']}")


@pytest.mark.parametrize(("rel", "item"), list(_reveal_items()))
def test_predict_then_reveal_shows_the_reveal_only_after_a_prediction(recorded_page, site_url, rel, item):
    page = recorded_page
    page.goto(f"{site_url}/{rel}", wait_until="load")
    fieldset = page.locator(f'form.course-quiz fieldset[data-question="{item["id"]}"]')
    fieldset.scroll_into_view_if_needed()
    reveal = fieldset.locator(".course-quiz-reveal")
    assert not reveal.is_visible(), f"{rel}/{item['id']}: the reveal shows before a prediction"
    if "options" in item:
        fieldset.locator("input[type=radio]").first.check()
    else:
        fieldset.locator("input.course-quiz-number").fill(f"{item['answer']['value']:g}")
        fieldset.locator("button.course-quiz-check").click()
    assert reveal.is_visible() and item["reveal"][:40] in reveal.text_content()


def test_progress_is_kept_in_the_browser_across_reloads_and_can_be_reset(recorded_page, site_url):
    page = recorded_page
    rel = PAGES[0]
    page.goto(f"{site_url}/{rel}", wait_until="load")
    status = page.locator("#course-progress-status")
    assert re.search(r"0 of \d+ questions answered correctly, 0 of \d+ exercises done", status.text_content())
    fieldset = page.locator("form.course-quiz fieldset:has(input[type=radio])").first
    fieldset.locator('input[data-correct="1"]').check()
    page.locator("input.course-exercise-done").first.check()
    assert re.search(r"1 of \d+ questions answered correctly, 1 of \d+ exercises done", status.text_content())
    page.reload(wait_until="load")
    assert re.search(r"1 of \d+ questions answered correctly, 1 of \d+ exercises done", status.text_content())
    assert page.locator("input.course-exercise-done").first.is_checked()
    assert page.locator(".course-quiz-before").count() == 1, "the item answered before is marked"
    badge = page.locator("nav.bd-docs-nav a.current .course-progress-badge")
    assert re.fullmatch(r"\s*2/\d+", badge.text_content())
    page.get_by_role("button", name="Reset my progress").click()
    assert re.search(r"0 of \d+ questions answered correctly, 0 of \d+ exercises done", status.text_content())
    page.reload(wait_until="load")
    assert re.search(r"0 of \d+ questions", status.text_content())
    assert page.evaluate("localStorage.getItem('neurotrophins-course-progress')") is None
    assert page.recorder.external == [] and page.recorder.errors == []


@pytest.mark.parametrize("rel", DIAGRAM_PAGES, ids=_slug)
def test_every_diagram_draws_with_a_text_alternative(recorded_page, site_url, rel):
    page = recorded_page
    page.goto(f"{site_url}/{rel}", wait_until="load")
    images = page.locator('img[src*="_images/"][src$=".svg"]')
    assert images.count() >= 1
    for i in range(images.count()):
        img = images.nth(i)
        img.scroll_into_view_if_needed()
        page.wait_for_function("(el) => el.complete && el.naturalWidth > 0", arg=img.element_handle(), timeout=5000)
        alt = img.get_attribute("alt") or ""
        assert len(alt.split()) >= 15, f"{rel}: diagram {img.get_attribute('src')} has a short text alternative"
    assert page.recorder.errors == []
