"""The measuring-BDNF page in a real browser: each slider's end state shows what the model computes."""

from __future__ import annotations

from neurotrophins.models import effect_size as es

PAGE = "book/01-foundations/measuring-bdnf.html"


def _figure_with_slider(page, prefix: str):
    fig = page.locator("div.plotly-graph-div").filter(has=page.locator(".slider-container text", has_text=prefix)).first
    fig.scroll_into_view_if_needed()
    fig.locator(".slider-container").wait_for(state="visible", timeout=10_000)
    return fig


def _click_rail(page, fig, at: float) -> None:
    rail = fig.locator(".slider-container rect.slider-rail-touch-rect").first.bounding_box()
    page.mouse.click(rail["x"] + at * rail["width"], rail["y"] + rail["height"] / 2)
    page.wait_for_timeout(300)


def test_effect_size_slider_end_state_matches_the_model(recorded_page, site_url):
    page = recorded_page
    page.goto(f"{site_url}/{PAGE}", wait_until="load")
    fig = _figure_with_slider(page, "Hedges' g")
    _click_rail(page, fig, 0.999)
    label = fig.locator(".slider-container text.slider-label").first.text_content()
    assert "1.50" in label, label
    box = fig.locator(".annotation-text").first.text_content()
    assert f"U3): {float(es.cohens_u3(1.5)):.0%}" in box, box
    assert f"control: {float(es.probability_of_superiority(1.5)):.0%}" in box, box
    assert f"(OVL): {float(es.overlap_coefficient(1.5)):.0%}" in box, box
    shift = page.evaluate("(el) => el.layout.shapes[1].x0", fig.element_handle())
    assert abs(shift - (es.NAEGELIN_SERUM_MEAN + 1.5 * es.NAEGELIN_SERUM_SD)) < 1e-3
    assert page.recorder.errors == []


def test_sample_size_slider_start_state_matches_the_model(recorded_page, site_url):
    page = recorded_page
    page.goto(f"{site_url}/{PAGE}", wait_until="load")
    fig = _figure_with_slider(page, "Difference to detect")
    _click_rail(page, fig, 0.001)
    label = fig.locator(".slider-container text.slider-label").first.text_content()
    assert "10%" in label, label
    d = 10 / (100 * es.NAEGELIN_SERUM_SD / es.NAEGELIN_SERUM_MEAN)
    marker = page.evaluate("(el) => el.layout.shapes[0].x0", fig.element_handle())
    assert marker == es.sample_size_two_groups(d)
    box = fig.locator(".annotation-text").first.text_content()
    assert f"{es.sample_size_two_groups(d)} per group" in box, box
    assert page.recorder.errors == []
