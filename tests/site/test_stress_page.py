"""The stress, sleep and heat page in Chromium: both heat sliders end where the model says."""

from __future__ import annotations

import pytest

from neurotrophins.models import heat

PAGE = "book/02-lifestyle/stress-sleep-heat.html"


def _click_rail(page, fig, index: int, at: float) -> None:
    rail = fig.locator(".slider-container rect.slider-rail-touch-rect").nth(index).bounding_box()
    page.mouse.click(rail["x"] + at * rail["width"], rail["y"] + rail["height"] / 2)
    page.wait_for_timeout(300)


def test_heat_sliders_reach_the_model_values(recorded_page, site_url):
    page = recorded_page
    page.goto(f"{site_url}/{PAGE}", wait_until="load")
    fig = page.locator("div.plotly-graph-div").filter(has=page.locator(".slider-container")).first
    fig.scroll_into_view_if_needed()
    fig.locator(".slider-container").first.wait_for(state="visible", timeout=10_000)
    assert fig.locator(".slider-container rect.slider-rail-touch-rect").count() == 2
    handle = fig.element_handle()

    _click_rail(page, fig, 0, 0.995)  # water temperature: the hottest step, 42 °C
    peak = page.evaluate("(el) => Math.max(...el.data.find((t) => t.visible === true).y)", handle)
    assert peak == pytest.approx(float(heat.core_temperature(20.0, 42.0, 20.0)), abs=1e-3)

    _click_rail(page, fig, 1, 0.995)  # time in the water: the longest step, 60 minutes
    visible = page.evaluate("(el) => el.data.map((t) => t.visible === true)", handle)
    assert visible == [False] * (len(visible) - 1) + [True]
    band = page.evaluate("(el) => el.layout.shapes.find((s) => s.xref === 'x').x1", handle)
    assert band == 60
    peak = page.evaluate("(el) => Math.max(...el.data.find((t) => t.visible === true).y)", handle)
    assert peak == pytest.approx(float(heat.core_temperature(60.0, 42.0, 60.0)), abs=1e-3)
    assert peak > heat.HEATSTROKE_C  # the illustrative curve enters the upper band
    assert page.recorder.errors == []
