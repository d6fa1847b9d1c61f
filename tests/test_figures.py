"""Figures: same model behind the static and the live front-end; the renderer stays offline."""

import subprocess
import sys

import numpy as np
import plotly.io as pio
import pytest

from neurotrophins import figures
from neurotrophins.models import neurogenesis as ng


def test_live_figure_traces_come_from_the_model():
    fig = figures.neurogenesis_figure(0.03, 0.5, 20)
    ages = np.asarray(fig.data[0].x)
    np.testing.assert_allclose(fig.data[0].y, ng.adult_born_fraction(ages, 0.03, 0.5, 20))
    np.testing.assert_allclose(fig.data[1].y, ng.adult_born_fraction(ages, onset_age_years=20))
    assert np.all(np.asarray(fig.data[2].y) == 0)
    assert "3.00%" in fig.layout.meta["alt"]


def test_static_figure_has_one_slider_step_per_turnover_computed_by_the_model():
    fig = figures.neurogenesis_static()
    slider = fig.layout.sliders[0]
    assert len(slider.steps) == len(figures.NEUROGENESIS_STEPS)
    assert slider.steps[slider.active].label == "1.75%"
    ages = np.asarray(fig.data[0].x)
    for step, rate in zip(slider.steps, figures.NEUROGENESIS_STEPS, strict=True):
        y = np.asarray(step.args[0]["y"][0])
        np.testing.assert_allclose(y, ng.adult_born_fraction(ages, rate), atol=1e-6)
        assert list(step.args[1]) == [0]
    assert "slider" in fig.layout.meta["alt"]


def test_static_figure_is_small_enough_for_a_page():
    html = figures.CourseRenderer().to_mimebundle(figures.neurogenesis_static().to_dict())["text/html"]
    assert len(html.encode()) < 400_000


def test_renderer_writes_a_div_without_plotly_js_or_any_cdn():
    html = figures.CourseRenderer().to_mimebundle(figures.neurogenesis_figure().to_dict())["text/html"]
    assert "plotly-graph-div" in html and "Plotly.newPlot" in html
    assert "cdn" not in html.lower() and "mathjax" not in html.lower()
    assert len(html) < 60_000  # plotly.js (4.8 MB) is not inlined
    assert 'class="course-figure-alt visually-hidden"' in html


def test_importing_the_figures_leaves_plotlys_default_renderer_alone():
    code = (
        "import plotly.io as pio; before = pio.renderers.default; import neurotrophins.figures; "
        "print(before == pio.renderers.default)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_use_course_renderer_makes_the_course_renderer_the_default_and_is_idempotent(monkeypatch):
    monkeypatch.setattr(pio.renderers, "default", pio.renderers.default)
    figures.use_course_renderer()
    first = pio.renderers["course"]
    figures.use_course_renderer()
    assert pio.renderers.default == "course" and pio.renderers["course"] is first


def test_a_figure_carries_the_plotly_json_for_jupyter_and_the_html_for_the_book():
    bundle = figures.CourseRenderer().to_mimebundle(figures.neurogenesis_figure().to_dict())
    assert set(bundle) == {"application/vnd.plotly.v1+json", "text/html"}
    assert bundle["application/vnd.plotly.v1+json"]["data"][0]["type"] == "scatter"
    assert "Plotly.newPlot" in bundle["text/html"] and "cdn" not in bundle["text/html"].lower()


def test_showing_a_figure_does_not_import_nbformat_or_jsonschema():
    code = (
        "import sys, neurotrophins.figures as f; bundle = f.neurogenesis_figure()._repr_mimebundle_(); "
        "print(sorted(bundle), 'nbformat' in sys.modules, 'jsonschema' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['application/vnd.plotly.v1+json', 'text/html'] False False"


def test_add_slider_moves_several_traces_and_the_layout_and_shows_the_active_step():
    fig = figures.neurogenesis_figure()
    steps = [
        (f"step {k}", {"y": [np.full(3, k), np.full(3, -k)], "name": [f"a{k}", f"b{k}"]}, {"title.text": f"t{k}"})
        for k in range(3)
    ]
    figures.add_slider(fig, steps, 1, "Step: ", traces=(0, 2), method="update")
    figures.add_slider(fig, [("only", {"visible": [False]})], 0, "Second: ", traces=(1,), y=-0.5)
    first, second = fig.layout.sliders
    assert [s.label for s in first.steps] == ["step 0", "step 1", "step 2"] and first.active == 1
    data, layout, traces = first.steps[2].args
    assert data == {"y": [[2.0, 2.0, 2.0], [-2.0, -2.0, -2.0]], "name": ["a2", "b2"]}
    assert layout == {"title.text": "t2"} and list(traces) == [0, 2]
    assert list(fig.data[0].y) == [1, 1, 1] and list(fig.data[2].y) == [-1, -1, -1] and fig.data[2].name == "b1"
    assert fig.layout.title.text == "t1" and second.y == -0.5 and fig.data[1].visible is False


@pytest.mark.parametrize(
    ("steps", "kwargs", "message"),
    [
        ([], {}, "steps must hold at least one"),
        ([("a", {"y": [np.zeros(3)]})], {"active": 2}, "active must be between 0 and 0; got 2"),
        ([("a", {"y": [np.zeros(3)]})], {"traces": (0, 1)}, "step 'a': 'y' has 1 values for 2 traces"),
        ([("a", {"y": [np.zeros(3)]}, {"title.text": "t"})], {}, "step 'a': a layout change needs method='update'"),
        ([("a", {"y": [np.zeros(3)]})], {"method": "animate"}, "method must be one of 'restyle', 'update'"),
    ],
)
def test_add_slider_rejects_bad_arguments(steps, kwargs, message):
    kwargs = {"active": 0, **kwargs}
    with pytest.raises(ValueError, match=message):
        figures.add_slider(figures.neurogenesis_figure(), steps, prefix="x", **kwargs)


def test_add_buttons_sets_visibility_and_rejects_bad_arguments():
    fig = figures.neurogenesis_figure()
    figures.add_buttons(fig, [("All", [True] * 3), ("Scenario only", [True, False, False])], active=1, title="Show")
    assert [t.visible for t in fig.data] == [True, False, False]
    menu = fig.layout.updatemenus[0]
    assert [b.label for b in menu.buttons] == ["All", "Scenario only"]
    assert menu.buttons[0].args[0] == {"visible": [True, True, True]}
    with pytest.raises(ValueError, match="buttons"):
        figures.add_buttons(fig, [])
    with pytest.raises(ValueError, match="'Bad': visible has 2 entries for 3 traces"):
        figures.add_buttons(fig, [("Bad", [True, False])])
    with pytest.raises(ValueError, match="active must be between 0 and 0"):
        figures.add_buttons(fig, [("All", [True] * 3)], active=1)


def test_course_template_is_plotly_white_layout_with_the_colour_blind_safe_palette():
    fig = figures.neurogenesis_figure()
    template = fig.layout.template
    assert template.layout.plot_bgcolor == "white"
    assert list(template.layout.colorway)[:2] == [figures.PALETTE["orange"], figures.PALETTE["sky_blue"]]
    assert set(template.layout.colorway) <= set(figures.PALETTE.values())
    assert not template.data.scatter  # no per-trace defaults to copy on every redraw
