"""The built book in a real browser (Debian's Chromium via Playwright), with no network."""

from __future__ import annotations

import pytest

from .conftest import site_pages

CHAPTER = "book/01-foundations/neurotrophins-and-bdnf.html"
PAGES = site_pages()


@pytest.mark.parametrize("rel", PAGES)
def test_page_loads_offline_without_errors(recorded_page, site_url, rel):
    page = recorded_page
    response = page.goto(f"{site_url}/{rel}", wait_until="load")
    assert response is not None and response.ok, f"{rel}: HTTP {response.status if response else '?'}"
    page.wait_for_timeout(300)  # let deferred scripts (MathJax, plotly) finish
    assert page.locator("h1").count() >= 1, f"{rel}: no heading rendered"
    assert page.recorder.external == [], f"{rel} requested other hosts: {page.recorder.external}"
    assert page.recorder.errors == [], f"{rel}: {page.recorder.errors}"


@pytest.mark.parametrize("rel", PAGES)
def test_every_plotly_figure_draws(recorded_page, site_url, rel):
    page = recorded_page
    page.goto(f"{site_url}/{rel}", wait_until="load")
    figures = page.locator("div.plotly-graph-div")
    for i in range(figures.count()):
        fig = figures.nth(i)
        fig.scroll_into_view_if_needed()
        fig.locator("svg.main-svg").first.wait_for(state="visible", timeout=10_000)
        traces = fig.locator(".scatterlayer .trace, .barlayer .trace").count()
        assert traces > 0, f"{rel}: figure {i} drew no trace"
        box = fig.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 250, f"{rel}: figure {i} is too small: {box}"


def _first_trace_path(fig) -> str:
    return fig.locator(".scatterlayer .trace").first.locator("path.js-line").get_attribute("d")


def test_moving_the_slider_redraws_the_curve(recorded_page, site_url):
    page = recorded_page
    page.goto(f"{site_url}/{CHAPTER}", wait_until="load")
    fig = page.locator("div.plotly-graph-div").filter(has=page.locator(".slider-container")).first
    fig.scroll_into_view_if_needed()
    fig.locator(".slider-container").wait_for(state="visible", timeout=10_000)
    before_path = _first_trace_path(fig)
    current = fig.locator(".slider-container text", has_text="Yearly turnover")
    before_label = current.text_content()
    rail = fig.locator(".slider-container rect.slider-rail-touch-rect").bounding_box()
    page.mouse.click(rail["x"] + 0.02 * rail["width"], rail["y"] + rail["height"] / 2)
    page.wait_for_timeout(300)
    after_path = _first_trace_path(fig)
    after_label = current.text_content()
    assert after_label != before_label, f"slider label did not change: {before_label!r}"
    assert "0.00%" in after_label, after_label
    assert after_path != before_path, "the curve was not redrawn"
    y_max = page.evaluate("(el) => Math.max(...el.data[0].y)", fig.element_handle())
    assert y_max == 0, f"with zero turnover the curve should be flat at zero, got max {y_max}"
    assert page.recorder.errors == []


def test_quiz_gives_feedback_on_each_answer(recorded_page, site_url):
    page = recorded_page
    page.goto(f"{site_url}/{CHAPTER}", wait_until="load")
    quiz = page.locator("form.course-quiz").first
    quiz.scroll_into_view_if_needed()
    fieldsets = quiz.locator("fieldset")
    assert fieldsets.count() >= 5
    first = fieldsets.first
    feedback = first.locator(".course-quiz-feedback")
    assert feedback.text_content().strip() == ""
    first.get_by_label("TrkA").check()
    assert feedback.text_content().startswith("Not quite.")
    assert "is-wrong" in feedback.get_attribute("class")
    first.get_by_label("TrkB").check()
    assert feedback.text_content().startswith("Correct.")
    assert "is-correct" in feedback.get_attribute("class")
    assert quiz.locator(".course-quiz-score").text_content().startswith("1 of ")
    # every option of every question has feedback
    for i in range(fieldsets.count()):
        radios = fieldsets.nth(i).locator("input[type=radio]")
        for k in range(radios.count()):
            radios.nth(k).check()
            text = fieldsets.nth(i).locator(".course-quiz-feedback").text_content()
            assert len(text) > len("Not quite. "), f"question {i + 1}, option {k + 1}: no feedback"
    assert page.recorder.errors == []


def test_quiz_works_from_the_keyboard(recorded_page, site_url):
    page = recorded_page
    page.goto(f"{site_url}/{CHAPTER}", wait_until="load")
    first_radio = page.locator("form.course-quiz fieldset").first.locator("input[type=radio]").first
    first_radio.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    feedback = page.locator("form.course-quiz fieldset").first.locator(".course-quiz-feedback")
    assert feedback.text_content().startswith("Correct."), feedback.text_content()
