"""The exercise chapter in Chromium: its slider and buttons show what the model and the data say."""

from __future__ import annotations

import pytest

from neurotrophins.models import exercise as ex

PAGE = "book/02-lifestyle/exercise.html"


def _figure(page, marker: str):
    fig = page.locator("div.plotly-graph-div").filter(has=page.locator(f"text={marker}")).first
    fig.scroll_into_view_if_needed()
    fig.locator("svg.main-svg").first.wait_for(state="visible", timeout=10_000)
    return fig


def test_intensity_slider_at_30_percent_gives_no_rise_and_at_100_the_model_peak(recorded_page, site_url):
    page = recorded_page
    page.goto(f"{site_url}/{PAGE}", wait_until="load")
    fig = _figure(page, "One bout of exercise")
    rail = fig.locator(".slider-container rect.slider-rail-touch-rect").first.bounding_box()
    label = fig.locator(".slider-container text.slider-label").first
    page.mouse.click(rail["x"] + 0.005 * rail["width"], rail["y"] + rail["height"] / 2)
    page.wait_for_timeout(300)
    assert "30%" in label.text_content()
    top = page.evaluate("(el) => [Math.max(...el.data[0].y), Math.max(...el.data[1].y)]", fig.element_handle())
    assert top == pytest.approx([ex.resting_level_ng_ml(False), ex.resting_level_ng_ml(True)], abs=1e-3)
    page.mouse.click(rail["x"] + 0.995 * rail["width"], rail["y"] + rail["height"] / 2)
    page.wait_for_timeout(300)
    assert "100%" in label.text_content()
    peak = page.evaluate("(el) => Math.max(...el.data[0].y)", fig.element_handle())
    expected = ex.resting_level_ng_ml(False) + ex.BETWEEN_PERSON_SD_NG_ML * ex.peak_rise_sd(1.0)
    assert peak == pytest.approx(expected, abs=1e-3)
    assert page.recorder.errors == []


def test_forest_buttons_show_one_paradigm(recorded_page, site_url):
    page = recorded_page
    page.goto(f"{site_url}/{PAGE}", wait_until="load")
    fig = _figure(page, "pooled effects")
    fig.locator(".updatemenu-container g.updatemenu-button", has_text="Resting after training").click()
    page.wait_for_timeout(300)
    ticks = [t.strip() for t in fig.locator(".yaxislayer-above .ytick text").all_text_contents()]
    assert ticks and all("training" in t or "programmes" in t for t in ticks), ticks
    assert not any("one session" in t for t in ticks), ticks
    assert page.recorder.errors == []
