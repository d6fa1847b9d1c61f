"""The built book in a real browser (Debian's Chromium via Playwright), with no network."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import HTML, site_pages

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


def test_theme_icons_draw_from_the_web_font_without_fontawesome_js(recorded_page, site_url):
    page = recorded_page
    page.goto(f"{site_url}/{CHAPTER}", wait_until="load")
    page.evaluate("document.fonts.ready")
    assert not page.evaluate("[...document.scripts].some((s) => s.src.includes('fontawesome'))")
    icon = page.locator("button i.fa-solid:visible").first
    family = page.evaluate("(el) => getComputedStyle(el, '::before').fontFamily", icon.element_handle())
    assert "Font Awesome" in family, family
    assert page.evaluate("""document.fonts.check('900 16px "Font Awesome 6 Free"')""")
    box = icon.bounding_box()
    assert box and box["width"] > 4, f"the icon is not drawn: {box}"
    assert page.recorder.errors == []


def test_mathematics_draws_as_mathml(recorded_page, site_url):
    page = recorded_page
    page.goto(f"{site_url}/book/01-foundations/measuring-bdnf.html", wait_until="load")
    formulas = page.locator("main math")
    assert formulas.count() > 20
    for i in (0, formulas.count() // 2, formulas.count() - 1):
        formula = formulas.nth(i)
        formula.scroll_into_view_if_needed()
        box = formula.bounding_box()
        assert box and box["width"] > 4 and box["height"] > 8, f"formula {i} is not drawn: {box}"
        assert formula.get_attribute("alttext"), f"formula {i} has no text alternative"
    # A fraction is laid out in two rows, as only a MathML engine draws it.
    frac = page.locator("main math mfrac").first
    num, den = (frac.locator(":scope > *").nth(k).bounding_box() for k in (0, 1))
    assert num["y"] + num["height"] <= den["y"] + 1, "a fraction is not drawn as a fraction"
    assert page.recorder.errors == []


def test_search_from_a_chapter_finds_a_chapter(recorded_page, site_url):
    page = recorded_page
    page.goto(f"{site_url}/{CHAPTER}", wait_until="load")
    page.keyboard.press("Control+k")
    box = page.locator("#pst-search-dialog input[name=q]:visible, .search-button__wrapper input[name=q]:visible")
    box.first.fill("platelets")
    box.first.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=platelets"))
    page.locator("#search-results a[href*='measuring-bdnf']").first.wait_for(timeout=15_000)
    assert page.recorder.errors == []


def test_a_chapter_is_readable_before_plotly_js_arrives(recorded_page, site_url):
    page = recorded_page
    held = []
    # Never answered until released; a page written by an incremental build adds Sphinx's ?v= checksum.
    page.route(re.compile(r"/_static/plotly\.[0-9a-f]+\.min\.js(\?|$)"), lambda route: held.append(route))
    page.goto(f"{site_url}/{CHAPTER}", wait_until="domcontentloaded")
    page.wait_for_function("document.readyState !== 'loading'")
    assert page.locator("main h1:visible").count() == 1, "no visible chapter title"
    assert page.locator("main p:visible").count() > 5, "the text is not shown"
    assert page.locator("div.plotly-graph-div .main-svg").count() == 0
    assert held, "the page did not ask for plotly.js"
    for route in held:
        route.continue_()
    page.locator("div.plotly-graph-div .main-svg").first.wait_for(state="attached", timeout=10_000)
    assert page.recorder.errors == []


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


def _pages_with(marker: str) -> list[str]:
    return [rel for rel in PAGES if marker in (HTML / rel).read_text(encoding="utf-8")]


SLIDER_PAGES = _pages_with('"sliders":')
BUTTON_PAGES = _pages_with('"updatemenus":')
QUIZ_PAGES = [p for p in _pages_with('class="course-quiz"') if "template" not in p]  # the template has three items


def _figure_state(page, fig) -> str:
    return page.evaluate("(el) => JSON.stringify(el.data.map((t) => [t.x, t.y, t.visible]))", fig.element_handle())


@pytest.mark.parametrize("rel", SLIDER_PAGES)
def test_every_slider_moves_and_redraws(recorded_page, site_url, rel):
    page = recorded_page
    page.goto(f"{site_url}/{rel}", wait_until="load")
    figs = page.locator("div.plotly-graph-div").filter(has=page.locator(".slider-container"))
    assert figs.count() > 0, f"{rel}: the HTML has a slider but none was drawn"
    for i in range(figs.count()):
        fig = figs.nth(i)
        fig.scroll_into_view_if_needed()
        fig.locator(".slider-container").first.wait_for(state="visible", timeout=10_000)
        active = page.evaluate("(el) => el.layout.sliders[0].active || 0", fig.element_handle())
        n_steps = page.evaluate("(el) => el.layout.sliders[0].steps.length", fig.element_handle())
        label = fig.locator(".slider-container text.slider-label").first
        before, before_label = _figure_state(page, fig), label.text_content()
        rail = fig.locator(".slider-container rect.slider-rail-touch-rect").first.bounding_box()
        at = 0.01 if active > n_steps / 2 else 0.99  # jump to the far end from where it starts
        page.mouse.click(rail["x"] + at * rail["width"], rail["y"] + rail["height"] / 2)
        page.wait_for_timeout(300)
        assert label.text_content() != before_label, f"{rel}: slider {i} label stayed {before_label!r}"
        assert _figure_state(page, fig) != before, f"{rel}: slider {i} moved but nothing was redrawn"
    assert page.recorder.errors == [], f"{rel}: {page.recorder.errors}"


@pytest.mark.parametrize("rel", BUTTON_PAGES)
def test_every_button_changes_the_view(recorded_page, site_url, rel):
    page = recorded_page
    page.goto(f"{site_url}/{rel}", wait_until="load")
    figs = page.locator("div.plotly-graph-div").filter(has=page.locator(".updatemenu-container"))
    assert figs.count() > 0, f"{rel}: the HTML has buttons but none were drawn"
    for i in range(figs.count()):
        fig = figs.nth(i)
        fig.scroll_into_view_if_needed()
        buttons = fig.locator(".updatemenu-container g.updatemenu-button")
        buttons.first.wait_for(state="visible", timeout=10_000)
        assert buttons.count() >= 2, f"{rel}: figure {i} has fewer than two buttons"
        seen = {_figure_state(page, fig)}
        for k in range(buttons.count()):
            buttons.nth(k).click()
            page.wait_for_timeout(150)
            seen.add(_figure_state(page, fig))
        assert len(seen) >= 2, f"{rel}: figure {i}: clicking its buttons changed nothing"
    assert page.recorder.errors == [], f"{rel}: {page.recorder.errors}"


@pytest.mark.parametrize("rel", QUIZ_PAGES)
def test_every_quiz_answers_every_option(recorded_page, site_url, rel):
    page = recorded_page
    page.goto(f"{site_url}/{rel}", wait_until="load")
    assert page.locator("form.course-quiz fieldset").count() >= 5, f"{rel}: a quiz needs at least five questions"
    fieldsets = page.locator("form.course-quiz fieldset:has(input[type=radio])")
    for i in range(fieldsets.count()):
        fieldset = fieldsets.nth(i)
        fieldset.scroll_into_view_if_needed()
        feedback = fieldset.locator(".course-quiz-feedback")
        assert feedback.text_content().strip() == "", f"{rel}: question {i + 1} shows feedback before an answer"
        radios = fieldset.locator("input[type=radio]")
        if radios.count() == 0:  # a numeric item: a wrong number, then the right one
            answer = json.loads(fieldset.get_attribute("data-answer"))
            wrong = answer["value"] + 10 * answer["tolerance"] + 1
            for typed, verdict in ((wrong, "Not quite."), (answer["value"], "Correct.")):
                fieldset.locator("input.course-quiz-number").fill(f"{typed:g}")
                fieldset.locator("button.course-quiz-check").click()
                assert feedback.text_content().startswith(verdict), f"{rel}: question {i + 1}, typed {typed:g}"
            continue
        correct = 0
        for k in range(radios.count()):
            radios.nth(k).check()
            text = feedback.text_content()
            assert len(text) > len("Not quite. "), f"{rel}: question {i + 1}, option {k + 1}: no feedback"
            correct += text.startswith("Correct.")
        assert correct == 1, f"{rel}: question {i + 1} has {correct} options marked correct"
    assert page.recorder.errors == [], f"{rel}: {page.recorder.errors}"


@pytest.mark.parametrize("rel", QUIZ_PAGES)
def test_every_quiz_works_from_the_keyboard(recorded_page, site_url, rel):
    page = recorded_page
    page.goto(f"{site_url}/{rel}", wait_until="load")
    first = page.locator("form.course-quiz fieldset").first
    first.locator("input[type=radio]").first.focus()
    page.keyboard.press("Space")
    feedback = first.locator(".course-quiz-feedback")
    assert feedback.text_content().strip() != "", f"{rel}: Space on the first option gave no feedback"
    before = feedback.text_content()
    page.keyboard.press("ArrowDown")
    assert feedback.text_content() != before, f"{rel}: ArrowDown did not move to the next answer"


def test_a_quiz_scores_the_right_answer_and_not_a_wrong_one(recorded_page, site_url):
    page = recorded_page
    page.goto(f"{site_url}/{CHAPTER}", wait_until="load")
    quiz = page.locator("form.course-quiz:has(.course-quiz-score)").first
    quiz.scroll_into_view_if_needed()
    first = quiz.locator("fieldset:has(input[type=radio])").first
    feedback = first.locator(".course-quiz-feedback")
    assert feedback.text_content().strip() == ""
    first.locator('input[data-correct="0"]').first.check()
    assert feedback.text_content().startswith("Not quite.")
    assert "is-wrong" in feedback.get_attribute("class")
    first.locator('input[data-correct="1"]').check()
    assert feedback.text_content().startswith("Correct.")
    assert "is-correct" in feedback.get_attribute("class")
    assert quiz.locator(".course-quiz-score").text_content().startswith("1 of ")
    assert page.recorder.errors == []
