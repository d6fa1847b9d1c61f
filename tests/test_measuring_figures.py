"""Measuring-BDNF figures and live explorers: the same model behind both front-ends, small pages."""

import ipywidgets as widgets
import numpy as np
import pytest

from neurotrophins.data import load
from neurotrophins.explorers import measuring as mex
from neurotrophins.figures import CourseRenderer
from neurotrophins.figures import measuring as fm
from neurotrophins.models import effect_size as es


def _html_size(fig) -> int:
    return len(CourseRenderer().to_mimebundle(fig.to_dict())["text/html"].encode())


# --- effect size as pictures ------------------------------------------------------------------


def test_effect_size_figure_traces_come_from_the_model():
    fig = fm.effect_size_figure(0.8, 30.0, 10.0)
    x = np.asarray(fig.data[1].x)
    control, treated = es.normal_pdf(x, 30, 10), es.normal_pdf(x, 38, 10)
    np.testing.assert_allclose(fig.data[1].y, control)
    np.testing.assert_allclose(fig.data[2].y, treated)
    np.testing.assert_allclose(fig.data[0].y, np.minimum(control, treated))
    assert fig.layout.shapes[1].x0 == pytest.approx(38.0)
    text = fig.layout.annotations[0].text
    assert "8.0 ng/mL" in text and "79%" in text  # U3 = Phi(0.8) = 0.788
    assert f"{float(es.probability_of_superiority(0.8)):.0%}" in text
    assert f"{float(es.overlap_coefficient(0.8)):.0%}" in text
    assert "8.0 ng/mL" in fig.layout.meta["alt"]


def test_effect_size_grid_never_goes_below_zero_ng_per_ml():
    fig = fm.effect_size_figure(0.5, 10.0, 8.0)
    assert min(fig.data[1].x) == 0.0


def test_effect_size_static_slider_steps_match_the_model():
    fig = fm.effect_size_static()
    slider = fig.layout.sliders[0]
    assert len(slider.steps) == len(fm.EFFECT_SIZE_STEPS)
    assert slider.steps[slider.active].label == "0.46"
    x = np.asarray(fig.data[1].x)
    control = es.normal_pdf(x, es.NAEGELIN_SERUM_MEAN, es.NAEGELIN_SERUM_SD)
    for step, g in zip(slider.steps, fm.EFFECT_SIZE_STEPS, strict=True):
        data, layout, traces = step.args
        assert step.method == "update" and list(traces) == [0, 2]
        shift = es.NAEGELIN_SERUM_MEAN + g * es.NAEGELIN_SERUM_SD
        np.testing.assert_allclose(data["y"][1], es.normal_pdf(x, shift, es.NAEGELIN_SERUM_SD), atol=1e-5)
        np.testing.assert_allclose(data["y"][0], np.minimum(control, data["y"][1]), atol=1e-5)
        assert layout["shapes[1].x0"] == pytest.approx(shift, abs=1e-3)
        assert f"{float(es.cohens_u3(g)):.0%}" in layout["annotations[0].text"]
    # the figure as first shown is the active step
    np.testing.assert_allclose(fig.data[2].y, slider.steps[slider.active].args[0]["y"][1], atol=1e-5)
    assert "slider" in fig.layout.meta["alt"]


def test_static_figures_are_small_enough_for_a_page():
    for fig in (fm.effect_size_static(), fm.sample_size_static()):
        assert _html_size(fig) < 400_000


# --- sample size and power --------------------------------------------------------------------


def test_sample_size_summary_for_the_chapter_example():
    s = fm.sample_size_summary(20.0)
    assert round(s["d"], 2) == 0.78
    assert (s["n_groups"], s["n_groups_t"], s["n_paired"], s["n_paired_t"]) == (26, 27, 13, 15)
    assert fm.NAEGELIN_CV_PERCENT == pytest.approx(100 * 8.33 / 32.69)


def test_sample_size_figure_traces_and_markers_come_from_the_model():
    fig = fm.sample_size_figure(30.0, 20.0, 0.01, 0.9, 0.7)
    d = 1.5
    n = np.asarray(fig.data[0].x)
    np.testing.assert_allclose(fig.data[0].y, es.power_two_groups(d, n, 0.01))
    np.testing.assert_allclose(fig.data[1].y, es.power_paired(d, n, 0.7, 0.01))
    assert list(fig.data[2].y) == [0.9, 0.9]
    group = load("key_numbers").set_index("id").loc["naegelin_group_size_20pct", "value"]
    assert list(fig.data[3].x) == [group, group] and fig.data[3].name == f"Naegelin 2018: {group:g}"
    assert fig.layout.shapes[0].x0 == es.sample_size_two_groups(d, 0.01, 0.9)
    assert fig.layout.shapes[1].x0 == es.sample_size_paired(d, 0.7, 0.01, 0.9)


def test_sample_size_axis_grows_for_small_differences():
    fig = fm.sample_size_figure(5.0, 40.0)
    assert max(fig.data[0].x) >= es.sample_size_two_groups(5 / 40)


def test_sample_size_static_slider_steps_match_the_model():
    fig = fm.sample_size_static()
    slider = fig.layout.sliders[0]
    assert len(slider.steps) == len(fm.PERCENT_STEPS)
    assert slider.steps[slider.active].label == "20%"
    n = np.asarray(fig.data[0].x)
    for step, p in zip(slider.steps, fm.PERCENT_STEPS, strict=True):
        data, layout, traces = step.args
        assert list(traces) == [0, 1]
        d = p / fm.NAEGELIN_CV_PERCENT
        np.testing.assert_allclose(data["y"][0], es.power_two_groups(d, n), atol=1e-5)
        np.testing.assert_allclose(data["y"][1], es.power_paired(d, n, 0.5), atol=1e-5)
        assert layout["shapes[0].x0"] == es.sample_size_two_groups(d)
        assert layout["shapes[1].x0"] == es.sample_size_paired(d, 0.5)
    # every required n fits on the shared axis
    assert max(s.args[1]["shapes[0].x0"] for s in slider.steps) <= n[-1]


def test_figures_reject_bad_parameters_by_name():
    with pytest.raises(ValueError, match="mean"):
        fm.effect_size_figure(0.5, 0.0, 8.0)
    with pytest.raises(ValueError, match="sd"):
        fm.effect_size_figure(0.5, 30.0, 0.0)
    with pytest.raises(ValueError, match="cv_percent"):
        fm.sample_size_figure(20.0, 0.0)
    with pytest.raises(ValueError, match="rho"):
        fm.sample_size_figure(20.0, 25.0, rho=1.0)


# --- live explorers ---------------------------------------------------------------------------


def test_effect_size_explorer_has_labelled_sliders_and_redraws(monkeypatch):
    shown = []
    monkeypatch.setattr(mex, "display", shown.append)
    box = mex.effect_size_explorer()
    g, mean, sd = box.children[:3]
    assert [c.description for c in (g, mean, sd)] == ["Hedges' g", "Control mean (ng/mL)", "Between-person SD (ng/mL)"]
    assert isinstance(box.children[-1], widgets.Output)
    g.value = 0.0
    np.testing.assert_allclose(shown[-1].data[1].y, shown[-1].data[2].y)
    g.value, sd.value = 1.0, 10.0
    fig = shown[-1]
    assert fig.layout.shapes[1].x0 == pytest.approx(mean.value + 10.0)


def test_sample_size_explorer_has_five_sliders_and_redraws(monkeypatch):
    shown = []
    monkeypatch.setattr(mex, "display", shown.append)
    box = mex.sample_size_explorer()
    percent, cv, alpha, power, rho = box.children[:5]
    assert [c.description for c in box.children[:5]] == [
        "Difference to detect (%)",
        "Between-person CV (%)",
        "Alpha (two-sided)",
        "Wanted power",
        "Before/after correlation ρ",
    ]
    percent.value, cv.value = 40.0, 20.0
    assert shown[-1].layout.shapes[0].x0 == es.sample_size_two_groups(2.0)
    rho.value = 0.9
    assert shown[-1].layout.shapes[1].x0 == es.sample_size_paired(2.0, 0.9)
