"""Stress, sleep and heat chapter: the heat model, the effect-size helpers, figures, explorers, quiz and plan."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import ipywidgets as widgets
import nbformat
import numpy as np
import pytest

from neurotrophins.data import load
from neurotrophins.explorers import stress as stress_explorers
from neurotrophins.figures import CourseRenderer
from neurotrophins.figures import stress as stress_figures
from neurotrophins.models import heat
from neurotrophins.models.stress import percent_change, probability_of_superiority
from neurotrophins.quiz import load_quiz

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "book" / "02-lifestyle"
T = np.arange(0.0, 181.0, 1.0)


# --- heat model -------------------------------------------------------------------------------


def test_core_temperature_starts_at_baseline_and_keeps_the_shape_of_time():
    assert float(heat.core_temperature(0.0, 42.0, 30.0)) == heat.BASELINE_C
    assert float(heat.core_temperature(0.0, 40.0, 20.0, baseline_c=36.5)) == 36.5
    times = np.array([[0.0, 10.0], [20.0, 30.0]])
    assert heat.core_temperature(times, 40.0, 20.0).shape == (2, 2)


def test_thermoneutral_water_or_no_immersion_leaves_core_temperature_at_baseline():
    np.testing.assert_allclose(heat.core_temperature(T, heat.NEUTRAL_WATER_C, 60.0), heat.BASELINE_C)
    np.testing.assert_allclose(heat.core_temperature(T, 42.0, 0.0), heat.BASELINE_C)


def test_curve_matches_the_closed_form_in_the_water_and_after():
    plateau = heat.BASELINE_C + heat.PLATEAU_GAIN * (41.0 - heat.NEUTRAL_WATER_C)
    t_in, d = 12.0, 25.0
    expected_in = plateau + (heat.BASELINE_C - plateau) * math.exp(-t_in / heat.HEATING_TIME_CONSTANT_MIN)
    assert float(heat.core_temperature(t_in, 41.0, d)) == pytest.approx(expected_in)
    at_exit = plateau + (heat.BASELINE_C - plateau) * math.exp(-d / heat.HEATING_TIME_CONSTANT_MIN)
    expected_after = heat.BASELINE_C + (at_exit - heat.BASELINE_C) * math.exp(-15.0 / heat.COOLING_TIME_CONSTANT_MIN)
    assert float(heat.core_temperature(d + 15.0, 41.0, d)) == pytest.approx(expected_after)
    # continuous at the moment of leaving the water
    assert float(heat.core_temperature(d, 41.0, d)) == pytest.approx(at_exit)
    assert float(heat.core_temperature(d + 1e-9, 41.0, d)) == pytest.approx(at_exit)


def test_rises_in_the_water_then_cools_back_towards_baseline():
    curve = heat.core_temperature(T, 42.0, 30.0)
    assert np.all(np.diff(curve[:31]) > 0)
    assert np.all(np.diff(curve[30:]) < 0)
    assert curve.argmax() == 30
    assert np.all(curve[30:] > heat.BASELINE_C)
    late = float(heat.core_temperature(600.0, 42.0, 30.0))
    assert late - heat.BASELINE_C < 0.01 * (curve.max() - heat.BASELINE_C)


def test_cool_water_lowers_core_temperature():
    curve = heat.core_temperature(T, 25.0, 30.0)
    assert curve[30] < heat.BASELINE_C
    assert np.all(np.diff(curve[30:]) > 0)  # rewarms towards baseline afterwards


def test_peak_is_monotonic_in_water_temperature_and_in_time_in_the_water():
    peaks = [float(heat.core_temperature(T, w, 30.0).max()) for w in np.arange(35.5, 45.01, 0.5)]
    assert np.all(np.diff(peaks) > 0)
    peaks = [float(heat.core_temperature(T, 41.0, d).max()) for d in range(0, 181, 5)]
    assert np.all(np.diff(peaks) > 0)
    # and at every time point, hotter water gives a hotter core
    assert np.all(heat.core_temperature(T[1:], 41.0, 30.0) > heat.core_temperature(T[1:], 40.0, 30.0))


def test_plateau_is_approached_but_never_exceeded():
    plateau = float(heat.plateau_temperature(42.0))
    assert plateau == pytest.approx(heat.BASELINE_C + heat.PLATEAU_GAIN * (42.0 - heat.NEUTRAL_WATER_C))
    long = heat.core_temperature(np.array([60.0, 240.0]), 42.0, 240.0)
    assert np.all(long < plateau) and plateau - long[-1] < 1e-3


def test_minutes_to_reach_inverts_the_curve():
    t = heat.minutes_to_reach(39.0, 42.0)
    assert float(heat.core_temperature(t, 42.0, 240.0)) == pytest.approx(39.0)
    assert heat.minutes_to_reach(36.0, 42.0) == 0.0
    assert heat.minutes_to_reach(heat.HEATSTROKE_C, 40.0) == math.inf  # plateau 40.0 °C
    assert heat.minutes_to_reach(39.0, 42.0, heating_time_constant_min=10.0) == pytest.approx(t / 2)


def test_fahrenheit_conversion():
    assert float(heat.fahrenheit_to_celsius(108)) == pytest.approx(42.222, abs=1e-3)
    assert float(heat.fahrenheit_to_celsius(32)) == 0.0


@pytest.mark.parametrize(
    ("call", "name", "range_text"),
    [
        (lambda: heat.core_temperature(-1.0, 40.0, 20.0), "time_min", "between 0 and 600 min"),
        (lambda: heat.core_temperature(10.0, 60.0, 20.0), "water_temp_c", "between 20 and 45 °C"),
        (lambda: heat.core_temperature(10.0, float("nan"), 20.0), "water_temp_c", "got nan"),
        (lambda: heat.core_temperature(10.0, 40.0, 300.0), "immersion_min", "between 0 and 240 min"),
        (lambda: heat.core_temperature(10.0, 40.0, 20.0, baseline_c=40.0), "baseline_c", "between 35 and 39 °C"),
        (lambda: heat.core_temperature(10.0, 40.0, 20.0, neutral_water_c=20.0), "neutral_water_c", "between 30 and 37"),
        (lambda: heat.core_temperature(10.0, 40.0, 20.0, gain=1.5), "gain", "between 0 and 1"),
        (
            lambda: heat.core_temperature(10.0, 40.0, 20.0, heating_time_constant_min=0.0),
            "heating_time_constant_min",
            "between 1 and 240 min",
        ),
        (
            lambda: heat.core_temperature(10.0, 40.0, 20.0, cooling_time_constant_min=500.0),
            "cooling_time_constant_min",
            "between 1 and 240 min",
        ),
        (lambda: heat.plateau_temperature(10.0), "water_temp_c", "between 20 and 45 °C"),
        (lambda: heat.minutes_to_reach(50.0, 40.0), "threshold_c", "between 30 and 45 °C"),
        (lambda: heat.fahrenheit_to_celsius(1000), "temp_f", "between -100 and 300 °F"),
    ],
)
def test_bad_parameters_are_rejected_with_their_name_and_range(call, name, range_text):
    with pytest.raises(ValueError, match=name) as err:
        call()
    assert range_text in str(err.value)


def test_heatstroke_threshold_matches_the_dataset():
    numbers = load("key_numbers").set_index("id")
    assert heat.HEATSTROKE_C == numbers.loc["heatstroke_core_temperature", "value"]
    assert numbers.loc["heatstroke_core_temperature", "reference"] == "epstein2019heatstroke"


# --- effect-size helpers ----------------------------------------------------------------------


def test_probability_of_superiority():
    assert float(probability_of_superiority(0.0)) == 0.5
    assert float(probability_of_superiority(0.72)) == pytest.approx(0.6947, abs=1e-4)
    d = np.linspace(-3, 3, 13)
    p = probability_of_superiority(d)
    assert np.all(np.diff(p) > 0)
    np.testing.assert_allclose(p + probability_of_superiority(-d), 1.0)
    with pytest.raises(ValueError, match="d must be between -5 and 5 SD"):
        probability_of_superiority(7)


def test_percent_change():
    np.testing.assert_allclose(percent_change([10.0, 20.0], [15.0, 10.0]), [50.0, -50.0])
    with pytest.raises(ValueError, match="before must be between"):
        percent_change(0.0, 1.0)
    with pytest.raises(ValueError, match="after must be between"):
        percent_change(1.0, -1.0)


# --- figures ----------------------------------------------------------------------------------


def _html_size(fig) -> int:
    return len(CourseRenderer().to_mimebundle(fig.to_dict())["text/html"].encode())


def test_live_heat_figure_comes_from_the_model_and_describes_itself():
    fig = stress_figures.heat_figure(41.0, 25.0, 15.0)
    x = np.asarray(fig.data[0].x)
    np.testing.assert_allclose(fig.data[0].y, heat.core_temperature(x, 41.0, 25.0, heating_time_constant_min=15.0))
    alt = fig.layout.meta["alt"]
    assert "25 minutes in water at 41 °C" in alt and "not a guide to safe exposure" in alt
    assert any(s.y0 == heat.HEATSTROKE_C for s in fig.layout.shapes)


def test_static_heat_figure_has_two_sliders_computed_by_the_model():
    fig = stress_figures.heat_static()
    water, time = fig.layout.sliders
    assert len(water.steps) == len(stress_figures.WATER_STEPS)
    assert len(time.steps) == len(stress_figures.IMMERSION_STEPS)
    assert water.steps[water.active].label == "40 °C" and time.steps[time.active].label == "20 min"
    assert [t.visible for t in fig.data] == [d == 20 for d in stress_figures.IMMERSION_STEPS]
    x = np.asarray(fig.data[0].x)
    for step, w in zip(water.steps, stress_figures.WATER_STEPS, strict=True):
        assert step.method == "restyle"
        for y, d in zip(step.args[0]["y"], stress_figures.IMMERSION_STEPS, strict=True):
            np.testing.assert_allclose(y, heat.core_temperature(x, w, d), atol=1e-3)
    for step, d in zip(time.steps, stress_figures.IMMERSION_STEPS, strict=True):
        assert step.method == "update"
        assert step.args[0]["visible"] == [d == other for other in stress_figures.IMMERSION_STEPS]
        band = [s for s in step.args[1]["shapes"] if s.get("xref") == "x"]
        assert band[0]["x1"] == d
    assert "Two sliders" in fig.layout.meta["alt"]
    assert _html_size(fig) < 400_000


def test_static_heat_figure_rejects_an_initial_value_off_the_grid():
    with pytest.raises(ValueError, match="slider steps"):
        stress_figures.heat_static(water_temp_c=40.2)


def test_heating_table_reads_the_dataset():
    table = stress_figures.heating_bdnf_table().set_index(["condition", "compartment"])
    assert table.loc[("whole", "serum"), ["before", "after"]].tolist() == [19.1, 25.9]
    assert table.loc[("whole", "plasma"), ["before", "after"]].tolist() == [2.74, 4.58]
    assert table.loc[("legs", "plasma"), "after_sd"] == 0.90
    assert table.loc[("whole", "plasma"), "change_percent"] == pytest.approx(100 * (4.58 - 2.74) / 2.74)
    assert len(table) == 6


def test_heating_figures_live_and_static():
    fig = stress_figures.heating_bdnf_figure("plasma")
    assert len(fig.data) == 3 and list(fig.data[0].y) == [2.74, 4.58]
    assert "Plasma BDNF" in fig.layout.meta["alt"] and "Serum BDNF" not in fig.layout.meta["alt"]
    with pytest.raises(ValueError, match="compartment must be one of"):
        stress_figures.heating_bdnf_figure("saliva")
    static = stress_figures.heating_bdnf_static()
    assert len(static.data) == 6
    assert [t.visible for t in static.data] == [True] * 3 + [False] * 3
    menu = static.layout.updatemenus[0]
    assert [b.label for b in menu.buttons] == ["Serum", "Plasma"]
    assert menu.buttons[1].args[0]["visible"] == [False] * 3 + [True] * 3
    assert _html_size(static) < 400_000


# --- explorers --------------------------------------------------------------------------------


def test_heat_explorer_redraws_with_new_values(monkeypatch):
    shown = []
    monkeypatch.setattr(stress_explorers, "display", shown.append)
    box = stress_explorers.heat_explorer()
    water, minutes, tau = box.children[:3]
    assert [w.description for w in (water, minutes, tau)] == [
        "Water temperature (°C)",
        "Minutes in the water",
        "Warming time constant (min)",
    ]
    assert isinstance(box.children[-1], widgets.Output)
    shown.clear()
    minutes.value = 0
    np.testing.assert_allclose(shown[-1].data[0].y, heat.BASELINE_C)
    minutes.value = 45
    water.value = 42.0
    tau.value = 10.0
    fig = shown[-1]
    x = np.asarray(fig.data[0].x)
    np.testing.assert_allclose(fig.data[0].y, heat.core_temperature(x, 42.0, 45, heating_time_constant_min=10.0))


def test_heating_explorer_switches_compartment(monkeypatch):
    shown = []
    monkeypatch.setattr(stress_explorers, "display", shown.append)
    box = stress_explorers.heating_bdnf_explorer()
    choice = box.children[0]
    choice.value = "plasma"
    assert list(shown[-1].data[0].y) == [2.74, 4.58]
    choice.value = "serum"
    assert list(shown[-1].data[0].y) == [19.1, 25.9]


# --- quiz, lesson plan, notebook --------------------------------------------------------------


def _notebook_text() -> str:
    nb = nbformat.read(CHAPTER / "stress-sleep-heat.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_quiz_numbers_match_the_dataset_and_every_objective_is_assessed():
    quiz = load_quiz("stress-sleep-heat")
    assert len(quiz["questions"]) >= 6
    text = json.dumps(quiz, ensure_ascii=False)
    numbers = load("key_numbers").set_index("id")["value"]
    for cond in ("whole", "legs", "control"):
        before, after = numbers[f"ogawa_{cond}_plasma_before"], numbers[f"ogawa_{cond}_plasma_after"]
        assert f"{before:g} to {after:g} ng/mL" in text
    items = {q["id"]: q for q in quiz["questions"]}
    bath = items["model-core-after-bath"]["answer"]
    assert float(heat.core_temperature(15.0, 40.0, 15.0)) == pytest.approx(bath["value"], abs=bath["tolerance"])
    nb_text = _notebook_text()
    assessed = {q["objective"] for q in quiz["questions"]}
    assessed |= set(re.findall(r"assesses-(O\d)", nb_text))
    assert assessed == {"O1", "O2", "O3", "O4", "O5"}
