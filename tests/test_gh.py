"""The GH/IGF-1 teaching model, its figures and its live explorer."""

import math

import ipywidgets as widgets
import numpy as np
import pytest

from neurotrophins.data import load
from neurotrophins.explorers import gh as gh_explorer
from neurotrophins.figures import CourseRenderer
from neurotrophins.figures import gh as gh_figures
from neurotrophins.models import gh

STEPS_PER_DAY = round(24 / gh.DT_H)


@pytest.fixture(scope="module")
def baseline() -> gh.AxisDays:
    return gh.simulate_axis()


# ---------------------------------------------------------------- model: shape and steady state


def test_one_day_has_one_sample_per_step(baseline):
    for series in (baseline.time_h, baseline.secretion, baseline.gh, baseline.igf1):
        assert series.shape == (STEPS_PER_DAY,)
    assert baseline.time_h[0] == 0 and baseline.time_h[-1] == pytest.approx(24 - gh.DT_H)
    assert gh.simulate_axis(days=3).gh.shape == (3 * STEPS_PER_DAY,)


def test_after_burn_in_day_two_repeats_day_one():
    two = gh.simulate_axis(ghrh_analogue=6.5, secretagogue=4.0, days=2)
    first, second = (slice(0, STEPS_PER_DAY), slice(STEPS_PER_DAY, None))
    np.testing.assert_allclose(two.gh[first], two.gh[second], rtol=1e-9)
    np.testing.assert_allclose(two.igf1[first], two.igf1[second], rtol=1e-4)


def test_without_burn_in_igf1_is_still_rising_from_rest():
    cold = gh.simulate_axis(days=2, burn_in_days=0)
    assert cold.igf1[0] == 0
    assert cold.igf1[STEPS_PER_DAY:].mean() > 1.2 * cold.igf1[:STEPS_PER_DAY].mean()


def test_mean_gh_in_the_periodic_state_equals_mean_secretion_over_clearance(baseline):
    k = math.log(2) / gh.GH_HALF_LIFE_H
    assert baseline.mean_gh == pytest.approx(gh.secretion_rate().mean() / k, rel=1e-9)


def test_states_are_non_negative_and_igf1_stays_below_its_ceiling():
    for kwargs in ({}, {"somatostatin": 0.0}, {"somatostatin": 5.0}, {"ghrh_analogue": 20.0, "secretagogue": 10.0}):
        run = gh.simulate_axis(**kwargs)
        assert np.all(run.secretion >= 0) and np.all(run.gh >= 0) and np.all(run.igf1 >= 0)
        assert np.all(run.igf1 < 1)


def test_gh_comes_in_pulses_with_the_largest_at_night(baseline):
    young = gh.simulate_axis(age_years=20)
    for run in (baseline, young):
        g = run.gh
        peaks = np.flatnonzero((g > np.roll(g, 1)) & (g > np.roll(g, -1)))
        assert len(peaks) == 8, "seven daytime pulses and one nocturnal pulse"
        assert np.all(g[peaks] > 3 * run.trough)
    clock = young.clock_h[np.argmax(young.gh)]
    assert 23.5 <= clock or clock <= 1.5, f"the largest pulse should follow sleep onset; it is at {clock:.2f} h"


def test_igf1_is_slow_its_daily_ripple_is_small_next_to_gh(baseline):
    gh_swing = baseline.gh.max() / baseline.gh.min()
    igf_swing = baseline.igf1.max() / baseline.igf1.min()
    assert gh_swing > 5 and igf_swing < 1.15


# ---------------------------------------------------------------- model: sign of each input


def _daytime_peaks(run: gh.AxisDays) -> np.ndarray:
    g = run.gh
    peaks = np.flatnonzero((g > np.roll(g, 1)) & (g > np.roll(g, -1)))
    clock = run.clock_h[peaks]
    return peaks[(clock > 6) & (clock < 21)]


def test_a_ghrh_analogue_raises_the_floor_and_leaves_the_pulses_alone():
    runs = [gh.simulate_axis(ghrh_analogue=c) for c in (0.0, 1.0, 4.0, 10.0)]
    assert np.all(np.diff([r.mean_gh for r in runs]) > 0)
    assert np.all(np.diff([r.mean_igf1 for r in runs]) > 0)
    assert np.all(np.diff([r.trough for r in runs]) > 0), "continuous stimulation lifts the trough"
    base = runs[0]
    for run in runs[1:]:
        np.testing.assert_allclose(run.gh - base.gh, run.trough - base.trough, rtol=1e-6)  # a floor, nothing else
        assert len(_daytime_peaks(run)) == len(_daytime_peaks(base))


def test_the_analogue_scenario_behaves_as_continuous_cjc1295_did_in_people():
    """Ionescu and Frohman 2006, healthy men aged 20-40, one week after one injection of CJC-1295: GH pulse
    frequency and size unchanged, trough GH about 7.5-fold, mean GH +46%, IGF-I +45%.

    A qualitative check with the published numbers as anchors, not a fit: the trough rises far more than the
    mean, the mean and IGF-1 rise by tens of percent, and the pulses keep their number and their height above
    the floor. An analogue that multiplied the pulses (the course's earlier model) fails it.
    """
    numbers = load("key_numbers").set_index("id")["value"]
    trough_fold = numbers["ionescu2006_trough_gh_fold"]
    mean_fold = 1 + numbers["ionescu2006_mean_gh_rise"] / 100
    igf_fold = 1 + numbers["ionescu2006_igf1_rise"] / 100
    assert gh.ANALOGUE_TROUGH_FOLD == trough_fold
    base = gh.simulate_axis(**gh.scenario_params("Baseline", 30))
    run = gh.simulate_axis(**gh.scenario_params("Long-acting GHRH analogue", 30))
    trough, mean, igf = run.trough / base.trough, run.mean_gh / base.mean_gh, run.mean_igf1 / base.mean_igf1
    assert trough > 3 * mean and mean > 1, "the trough ratio is far above the mean ratio, which is above 1"
    assert trough_fold / 1.5 < trough < trough_fold * 1.5
    assert 1 + (mean_fold - 1) / 2 < mean < 1 + 2 * (mean_fold - 1)
    assert 1 + (igf_fold - 1) / 2 < igf < 1 + 2 * (igf_fold - 1)
    peaks_base, peaks_run = _daytime_peaks(base), _daytime_peaks(run)
    np.testing.assert_array_equal(peaks_base, peaks_run)  # same number of pulses, at the same times
    height_base = base.gh[peaks_base] - base.trough
    height_run = run.gh[peaks_run] - run.trough
    np.testing.assert_allclose(height_run, height_base, rtol=0.02)  # pulse size above the floor unchanged


def test_a_secretagogue_pulse_raises_mean_gh_and_igf1_but_not_the_trough():
    runs = [gh.simulate_axis(secretagogue=h) for h in (0.0, 2.0, 4.0, 8.0)]
    assert np.all(np.diff([r.mean_gh for r in runs]) > 0)
    assert np.all(np.diff([r.mean_igf1 for r in runs]) > 0)
    assert runs[-1].trough == pytest.approx(runs[0].trough, rel=1e-6)


def test_more_somatostatin_lowers_gh_and_igf1():
    runs = [gh.simulate_axis(somatostatin=s) for s in (0.0, 0.5, 1.0, 2.0, 5.0)]
    assert np.all(np.diff([r.mean_gh for r in runs]) < 0)
    assert np.all(np.diff([r.mean_igf1 for r in runs]) < 0)


def test_older_age_lowers_the_nocturnal_pulse_and_leaves_daytime_alone():
    ages = [20, 25, 30, 35, 40, 43]
    peaks = [gh.simulate_axis(age_years=a).night_peak for a in ages]
    assert np.all(np.diff(peaks) < 0)
    old = [gh.simulate_axis(age_years=a) for a in (43, 60, 90)]
    assert old[0].night_peak == pytest.approx(old[2].night_peak), "flat after midlife, as in the data"
    young, aged = gh.simulate_axis(age_years=20), old[1]
    noon = slice(round(10 / gh.DT_H), round(20 / gh.DT_H))
    np.testing.assert_allclose(young.gh[noon], aged.gh[noon], rtol=1e-6)


def test_the_sleep_factor_follows_the_van_cauter_means():
    numbers = load("key_numbers").set_index("id")["value"]
    assert gh.SWS_YOUNG_PCT == numbers["vancauter_sws_early_adulthood"]
    assert gh.SWS_MIDLIFE_PCT == numbers["vancauter_sws_midlife"]
    assert float(gh.sws_share_pct(20.5)) == pytest.approx(18.9)
    assert float(gh.sws_share_pct(43)) == pytest.approx(3.4)
    assert float(gh.sws_share_pct(80)) == pytest.approx(3.4)
    assert float(gh.night_pulse_factor(18)) == 1.0
    assert float(gh.night_pulse_factor(60)) == pytest.approx(3.4 / 18.9)


def test_scenarios_compare_with_the_baseline_at_the_same_age():
    rel = gh.compare_scenarios(60)
    assert list(rel) == list(gh.SCENARIOS)
    assert all(v == pytest.approx(100) for v in rel["Baseline"].values())
    analogue, pulse, both = rel["Long-acting GHRH analogue"], rel["Secretagogue pulse"], rel["Both"]
    assert analogue["trough"] > 3 * analogue["mean_gh"] > 300
    assert analogue["night_peak"] < analogue["mean_gh"], "the night pulse keeps its size; only the floor rises"
    assert pulse["trough"] == pytest.approx(100)
    assert both["mean_gh"] == pytest.approx(analogue["mean_gh"] + pulse["mean_gh"] - 100, rel=1e-3), "GH is linear"
    assert both["mean_igf1"] > max(analogue["mean_igf1"], pulse["mean_igf1"])


def test_the_core_equation_is_the_one_the_model_runs():
    shapes = gh.day_shapes()
    args = dict(night_factor=float(gh.night_pulse_factor(60)), ghrh_analogue=2.0, secretagogue=3.0, somatostatin=1.5)
    core = gh.secretion_core(shapes["pulses"], shapes["night"], shapes["added"], **args)
    np.testing.assert_allclose(core, gh.secretion_rate(60, 2.0, 3.0, 1.5))
    between = shapes["pulses"] + shapes["night"] + shapes["added"] < 1e-7
    assert between.any()
    trough_rate = gh.BASAL_AU_H / (1 + gh.SOMATOSTATIN_STRENGTH * 1.5)
    np.testing.assert_allclose(core[between], trough_rate * (1 + 2.0), rtol=1e-4)


# ---------------------------------------------------------------- model: bad parameters


@pytest.mark.parametrize(
    ("kwargs", "name", "text"),
    [
        ({"age_years": 10}, "age_years", "between 18 and 90 years"),
        ({"age_years": float("nan")}, "age_years", "got nan"),
        ({"ghrh_analogue": -0.1}, "ghrh_analogue", "between 0 and 20 x trough secretion"),
        ({"ghrh_analogue": 21}, "ghrh_analogue", "got 21"),
        ({"secretagogue": -1}, "secretagogue", "between 0 and 10 AU/h"),
        ({"somatostatin": 9}, "somatostatin", "between 0 and 5 x baseline"),
        ({"days": 0}, "days", "between 1 and 14 days"),
        ({"burn_in_days": 100}, "burn_in_days", "between 0 and 60 days"),
        ({"days": 1.5}, "days", "whole numbers"),
    ],
)
def test_bad_parameters_are_rejected_with_their_name_and_range(kwargs, name, text):
    with pytest.raises(ValueError, match=name) as err:
        gh.simulate_axis(**kwargs)
    assert text in str(err.value)


def test_unknown_scenario_names_the_known_ones():
    with pytest.raises(ValueError, match="scenario must be one of Baseline, Long-acting GHRH analogue"):
        gh.scenario_params("Magic peptide")


# ---------------------------------------------------------------- figures


def test_live_figure_traces_come_from_the_model():
    fig = gh_figures.gh_figure(60, 6.5, 4.0, 1.5)
    base = gh.simulate_axis(age_years=60)
    run = gh.simulate_axis(60, 6.5, 4.0, 1.5)
    y = np.asarray(fig.data[1].y)
    assert y.shape == (STEPS_PER_DAY,)
    assert y.mean() == pytest.approx(100 * run.mean_gh / base.mean_gh, rel=1e-3)
    assert np.asarray(fig.data[0].y).mean() == pytest.approx(100, rel=1e-3)
    rel = gh.relative_to(run, base)
    assert list(fig.data[2].y) == [round(rel[k], 1) for k, _ in gh_figures.MEASURES]
    assert f"mean GH {round(rel['mean_gh'], 1):.0f}%" in fig.layout.meta["alt"]


def test_the_day_is_drawn_from_noon_to_noon_with_the_night_pulse_in_the_middle():
    fig = gh_figures.gh_age_figure(20)
    x, y = np.asarray(fig.data[0].x), np.asarray(fig.data[0].y)
    assert x[0] == 12 and x[-1] < 36
    assert 23.5 <= x[np.argmax(y)] <= 25.5


def test_scenario_buttons_show_the_baseline_and_one_scenario_each():
    fig = gh_figures.gh_scenarios_static(60)
    menu = fig.layout.updatemenus[0]
    assert [b.label for b in menu.buttons] == list(gh.SCENARIOS)
    rel = gh.compare_scenarios(60)
    for k, button in enumerate(menu.buttons):
        visible = button.args[0]["visible"]
        assert visible[0] is True and sum(visible) == (2 if k == 0 else 3)
        bars = [t for t, v in zip(fig.data, visible, strict=True) if v and t.type == "bar"]
        assert len(bars) == 1
        name = button.label
        assert list(bars[0].y) == [round(rel[name][key], 1) for key, _ in gh_figures.MEASURES]
    assert "not doses" in fig.layout.meta["alt"]


def test_age_slider_steps_are_computed_by_the_model():
    fig = gh_figures.gh_age_static()
    slider = fig.layout.sliders[0]
    assert len(slider.steps) == len(gh_figures.AGE_STEPS)
    assert slider.steps[slider.active].label == "60 years"
    young = gh.simulate_axis(age_years=20)
    for step, age in zip(slider.steps, gh_figures.AGE_STEPS, strict=True):
        y = np.asarray(step.args[0]["y"][0])
        assert y.mean() == pytest.approx(100 * gh.simulate_axis(age_years=age).mean_gh / young.mean_gh, rel=1e-3)
    assert "slider" in fig.layout.meta["alt"]
    names = [step.args[0]["name"][0] for step in slider.steps]
    assert names == [f"Age {a:g}" for a in gh_figures.AGE_STEPS], "distinct steps keep plotly.js from moving the slider"


@pytest.mark.parametrize("make", [gh_figures.gh_scenarios_static, gh_figures.gh_age_static])
def test_static_figures_are_small_enough_for_a_page(make):
    html = CourseRenderer().to_mimebundle(make().to_dict())["text/html"]
    assert len(html.encode()) < 400_000


# ---------------------------------------------------------------- live explorer


def test_explorer_has_four_labelled_sliders_and_an_output():
    box = gh_explorer.gh_explorer()
    assert [c.description for c in box.children[:4]] == [
        "Age (years)",
        "GHRH analogue (C)",
        "Secretagogue pulse (AU/h)",
        "Somatostatin tone (x baseline)",
    ]
    assert isinstance(box.children[-1], widgets.Output)


def test_moving_a_slider_redraws_with_the_new_value(monkeypatch):
    shown = []
    monkeypatch.setattr(gh_explorer, "display", shown.append)
    box = gh_explorer.gh_explorer()
    age, analogue, pulse, tone = box.children[:4]
    shown.clear()
    analogue.value = 6.5
    expected = gh.relative_to(gh.simulate_axis(60, 6.5), gh.simulate_axis(60))
    assert shown[-1].data[2].y[3] == pytest.approx(expected["trough"], abs=0.05)
    tone.value = 2.0
    assert shown[-1].data[2].y[0] < expected["mean_gh"]
    analogue.value, tone.value = 0.0, 1.0
    assert shown[-1].data[2].y[0] == pytest.approx(100)
    age.value = 30
    assert "age 30" in shown[-1].layout.meta["alt"]


# ---------------------------------------------------------------- parameter table, lesson plan, quiz


def test_parameter_table_matches_the_constants_and_names_real_sources():
    table = gh.parameter_table()
    keys = set(load("references")["key"])
    values = {row["meaning"]: row["value"] for row in table}
    assert values["half-life of GH in blood"] == gh.GH_HALF_LIFE_H
    assert values["peak of the nocturnal pulse, young adult"] == gh.NIGHT_PULSE_AMPLITUDE_AU_H
    for row in table:
        assert row["source"] == "illustrative" or row["source"] in keys, row
    assert sum(row["source"] != "illustrative" for row in table) == 3
