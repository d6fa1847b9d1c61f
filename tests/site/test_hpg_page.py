"""HPG-axis chapter in the browser: each slider's far end shows what the model computes there."""

from __future__ import annotations

import pytest

from neurotrophins.figures import hpg as hpg_fig
from neurotrophins.models import hpg

PAGE = "book/03-endocrine/hpg-axis.html"


@pytest.mark.parametrize("scenario", list(hpg_fig.SCENARIOS))
def test_slider_far_end_matches_the_model(recorded_page, site_url, scenario):
    spec = hpg_fig.SCENARIOS[scenario]
    page = recorded_page
    page.goto(f"{site_url}/{PAGE}", wait_until="load")
    prefix = spec["prefix"].rstrip(": ")
    fig = page.locator("div.plotly-graph-div").filter(has=page.locator(".slider-container text", has_text=prefix))
    assert fig.count() == 1, f"expected one figure with the slider '{prefix}'"
    fig.scroll_into_view_if_needed()
    fig.locator(".slider-container").wait_for(state="visible", timeout=10_000)
    rail = fig.locator(".slider-container rect.slider-rail-touch-rect").bounding_box()
    page.mouse.click(rail["x"] + 0.995 * rail["width"], rail["y"] + rail["height"] / 2)
    page.wait_for_timeout(300)
    shown = page.evaluate("(el) => el.data[0].y", fig.element_handle())
    pct = hpg.percent_of_baseline(sex=spec["sex"], **{spec["parameter"]: float(spec["values"][-1])})
    expected = [round(float(pct[key]), 1) for key, _, _ in hpg_fig.BARS[spec["sex"]]]
    assert shown == pytest.approx(expected, abs=0.05)
    label = fig.locator(".slider-container text.slider-label").first.text_content()
    assert spec["label"](float(spec["values"][-1])) in label
    assert page.recorder.errors == []
