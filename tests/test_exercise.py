"""Exercise chapter: the acute-response teaching model, its figures and explorers, and the forest plot."""

from __future__ import annotations

import math
import re
from pathlib import Path

import ipywidgets as widgets
import nbformat
import numpy as np
import pytest

from neurotrophins.data import load
from neurotrophins.explorers import exercise as ex_explorer
from neurotrophins.figures import CourseRenderer
from neurotrophins.figures import exercise as fx
from neurotrophins.models import exercise as ex
from neurotrophins.quiz import load_quiz

T = np.arange(-20.0, 181.0, 1.0)


# --- model ----------------------------------------------------------------------------------------


def test_output_keeps_the_shape_of_the_times():
    times = np.array([[-5.0, 10.0, 20.0], [40.0, 60.0, 90.0]])
    assert ex.bout_rise_sd(times).shape == (2, 3)
    assert ex.serum_bdnf_ng_ml(times).shape == (2, 3)
    assert np.ndim(ex.bout_rise_sd(12.0)) == 0


@pytest.mark.parametrize("trained", [False, True])
def test_baseline_before_the_bout(trained):
    before = ex.serum_bdnf_ng_ml(T[T < 0], 0.9, 45, trained)
    assert np.all(before == ex.resting_level_ng_ml(trained))
    assert np.all(ex.bout_rise_sd(T[T < 0], 0.9, 45, trained) == 0)


def test_resting_levels_come_from_the_meta_analysis():
    assert ex.resting_level_ng_ml(False) == pytest.approx(32.69)
    assert ex.resting_level_ng_ml(True) == pytest.approx(32.69 + 0.27 * 8.33)


def test_reference_session_reproduces_the_meta_analytic_effects():
    assert ex.peak_rise_sd() == pytest.approx(0.46)
    assert ex.peak_rise_sd(trained=True) == pytest.approx(0.59)
    end = ex.bout_rise_sd(ex.REFERENCE_DURATION_MIN)
    assert float(end) == pytest.approx(0.46)


def test_the_rise_peaks_at_the_end_of_the_bout_and_returns_to_baseline():
    rise = ex.bout_rise_sd(T, 0.8, 30)
    assert int(T[np.argmax(rise)]) == 30
    during = rise[(T >= 0) & (T <= 30)]
    after = rise[T >= 30]
    assert np.all(np.diff(during) > 0) and np.all(np.diff(after) < 0)
    peak = rise.max()
    # one half-life after the bout half is left; after 60 min, 1/64
    assert float(ex.bout_rise_sd(40, 0.8, 30)) == pytest.approx(peak / 2)
    assert float(ex.bout_rise_sd(90, 0.8, 30)) == pytest.approx(peak / 64)
    assert float(ex.serum_bdnf_ng_ml(600, 0.8, 30)) == pytest.approx(ex.resting_level_ng_ml(False), abs=1e-9)


def test_the_curve_is_continuous_at_the_start_and_the_end_of_the_bout():
    for d in (5.0, 30.0, 90.0):
        assert float(ex.bout_rise_sd(d - 1e-9, 0.8, d)) == pytest.approx(float(ex.bout_rise_sd(d + 1e-9, 0.8, d)))
        assert float(ex.bout_rise_sd(1e-9, 0.8, d)) == pytest.approx(0, abs=1e-9)


def test_monotonic_in_intensity_with_no_rise_below_the_threshold():
    levels = np.round(np.arange(0.2, 1.001, 0.05), 2)
    peaks = np.array([ex.peak_rise_sd(i, 30) for i in levels])
    assert np.all(np.diff(peaks) >= 0)
    above = levels > ex.INTENSITY_THRESHOLD
    assert np.all(peaks[~above] == 0)
    assert np.all(np.diff(peaks[above]) > 0)


def test_monotonic_in_duration_and_saturating():
    durations = np.arange(1.0, 121.0, 1.0)
    peaks = np.array([ex.peak_rise_sd(0.8, d) for d in durations])
    assert np.all(np.diff(peaks) > 0)
    ceiling = 0.46 * (0.8 - 0.4) / (0.7 - 0.4) / (1 - 2 ** (-30 / 10))
    assert peaks[-1] < ceiling and peaks[-1] == pytest.approx(ceiling, rel=1e-3)


def test_trained_rise_is_larger_by_the_meta_analytic_ratio():
    for i, d in [(0.6, 20), (0.9, 60)]:
        assert ex.peak_rise_sd(i, d, True) / ex.peak_rise_sd(i, d, False) == pytest.approx(0.59 / 0.46)


def test_a_longer_half_life_keeps_more_of_the_rise():
    assert float(ex.bout_rise_sd(60, 0.8, 30, half_life_min=20)) > float(ex.bout_rise_sd(60, 0.8, 30))


def test_minutes_to_fraction_left():
    assert ex.minutes_to_fraction_left(0.5) == pytest.approx(10)
    assert ex.minutes_to_fraction_left(0.1) == pytest.approx(10 * math.log2(10))
    with pytest.raises(ValueError, match="fraction must be between"):
        ex.minutes_to_fraction_left(0)


@pytest.mark.parametrize(
    ("kwargs", "name", "text"),
    [
        ({"time_min": -500}, "time_min", "between -120 and 600 min"),
        ({"time_min": [0, float("nan")]}, "time_min", "got nan"),
        ({"time_min": 0, "intensity": 1.5}, "intensity", "between 0.2 and 1 of peak oxygen uptake"),
        ({"time_min": 0, "intensity": 0.1}, "intensity", "got 0.1"),
        ({"time_min": 0, "duration_min": 0}, "duration_min", "between 1 and 120 min"),
        ({"time_min": 0, "duration_min": 500}, "duration_min", "got 500 min"),
        ({"time_min": 0, "half_life_min": 1}, "half_life_min", "between 2 and 60 min"),
        ({"time_min": 0, "trained": "yes"}, "trained", "True or False; got 'yes'"),
        ({"time_min": 0, "trained": 1}, "trained", "True or False; got 1"),
    ],
)
def test_bad_parameters_are_rejected_with_their_name(kwargs, name, text):
    with pytest.raises(ValueError, match=name) as err:
        ex.serum_bdnf_ng_ml(**kwargs)
    assert text in str(err.value)
    assert str(err.value).startswith(name)


def test_model_constants_match_the_dataset():
    numbers = load("key_numbers").set_index("id")
    assert ex.RESTING_SERUM_NG_ML == numbers.loc["naegelin_serum_mean", "value"]
    assert ex.BETWEEN_PERSON_SD_NG_ML == numbers.loc["naegelin_serum_mean", "spread"]
    eff = load("effect_sizes").set_index("id")["estimate"]
    assert ex.SINGLE_SESSION_G == eff["szuhany_single_session"]
    assert ex.SESSION_AFTER_TRAINING_G == eff["szuhany_session_after_training"]
    assert ex.RESTING_AFTER_TRAINING_G == eff["szuhany_resting_after_training"]


# --- forest plot ----------------------------------------------------------------------------------


def test_forest_rows_hold_only_standardized_exercise_effects():
    rows = fx.forest_rows()
    assert set(rows["metric"]) <= set(fx.STANDARDIZED_METRICS)
    assert "zhou2022_resistance" not in set(rows["id"])
    for needed in ["szuhany_single_session", "dinoff2016_overall", "dinoff2017_acute", "garciasuarez2021_overall"]:
        assert needed in set(rows["id"])
    assert set(rows["id"]) <= set(fx.FOREST_LABELS), "every plotted effect needs a readable label"
    no_ci = rows.loc[~rows["has_ci"], "id"]
    assert set(no_ci) == {"szuhany_single_session", "szuhany_session_after_training", "szuhany_resting_after_training"}


def test_forest_figure_plots_every_estimate_with_its_published_interval():
    fig = fx.forest_figure()
    rows = fx.forest_rows().set_index("label")
    plotted = 0
    for trace in fig.data:
        for x, label in zip(trace.x, trace.y, strict=True):
            row = rows.loc[label]
            assert x == pytest.approx(row["estimate"])
            plotted += 1
        if trace.error_x.visible:
            for x, label, up, down in zip(trace.x, trace.y, trace.error_x.array, trace.error_x.arrayminus, strict=True):
                assert x + up == pytest.approx(rows.loc[label, "ci_high"])
                assert x - down == pytest.approx(rows.loc[label, "ci_low"])
        else:
            assert trace.error_x.array is None, "no bar may be drawn where no CI was published"
    assert plotted == len(rows)
    assert "no CI" in fig.layout.meta["alt"] and "0.39 (95% CI 0.17 to 0.60)" in fig.layout.meta["alt"]


def test_forest_figure_filters_by_paradigm_and_rejects_unknown_ones():
    fig = fx.forest_figure("single session")
    shown = {label for t in fig.data if t.visible for label in t.y}
    assert shown == {
        "Szuhany 2015<br>one session",
        "Dinoff 2017<br>one session",
        "García-Suárez 2021<br>one interval session",
    }
    with pytest.raises(ValueError, match="paradigm must be"):
        fx.forest_figure("weekly")


def test_forest_static_buttons_show_one_paradigm_each():
    fig = fx.forest_static()
    menu = fig.layout.updatemenus[0]
    assert [b.label for b in menu.buttons] == [
        "All",
        "Single session",
        "Session after training",
        "Resting after training",
    ]
    names = [t.legendgroup for t in fig.data]
    for button, (_, paradigms) in zip(menu.buttons, fx.FOREST_BUTTONS, strict=True):
        visible = button.args[0]["visible"]
        assert visible == [n in paradigms for n in names]
    assert all(t.visible for t in fig.data)


def test_forest_legend_names_each_paradigm_once():
    fig = fx.forest_figure()
    named = [t.legendgroup for t in fig.data if t.showlegend]
    assert named == list(fx.PARADIGMS)
    assert "sessions and programmes pooled" in [t.name for t in fig.data]
    html = fx.styled(fx.modality_table()).to_html()
    assert "vertical-align: top" in html and "Resistance" in html


def test_modality_and_murawska_tables_come_from_the_dataset():
    tab = fx.modality_table()
    assert list(tab["Exercise"]) == ["Aerobic", "High-intensity interval training", "Resistance"]
    assert tab["What the evidence shows"].str.len().min() > 100
    assert list(tab.columns[1:3]) == ["The article's mechanism", "The article's outcome"]
    assert tab["The article's mechanism"].str.contains("lactate", case=False).sum() == 2
    m = fx.murawska_table().set_index("Training group")
    assert list(m.iloc[:, 0]) == ["+38%", "+36%", "+33%", "+10% n.s."]
    assert list(m.iloc[:, 1]) == ["+18%", "n.s.", "+30%", "n.s."]
    assert list(m.iloc[:, 2]) == ["\u22122% n.s.", "\u221249%", "\u221247%", "\u221218%"]


# --- acute-response figures -----------------------------------------------------------------------


def test_live_acute_figure_traces_come_from_the_model():
    fig = fx.acute_response_figure(0.85, 45, 12)
    t = np.asarray(fig.data[0].x)
    np.testing.assert_allclose(fig.data[0].y, ex.serum_bdnf_ng_ml(t, 0.85, 45, False, 12), atol=1e-3)
    np.testing.assert_allclose(fig.data[1].y, ex.serum_bdnf_ng_ml(t, 0.85, 45, True, 12), atol=1e-3)
    assert fig.data[2].y[0] == pytest.approx(32.69)
    assert "85%" in fig.layout.meta["alt"] and "45-minute" in fig.layout.meta["alt"]
    assert [t.visible for t in fx.acute_response_figure(show="trained").data] == [False, True, False, True]
    with pytest.raises(ValueError, match="show must be"):
        fx.acute_response_figure(show="everyone")


def test_static_acute_figure_slider_moves_both_curves_computed_by_the_model():
    fig = fx.acute_response_static()
    slider = fig.layout.sliders[0]
    assert len(slider.steps) == len(fx.INTENSITY_STEPS)
    assert slider.steps[slider.active].label == "70%"
    t = np.asarray(fig.data[0].x)
    for step, level in zip(slider.steps, fx.INTENSITY_STEPS, strict=True):
        assert list(step.args[1]) == [0, 1]
        untrained, trained = (np.asarray(y) for y in step.args[0]["y"])
        np.testing.assert_allclose(untrained, ex.serum_bdnf_ng_ml(t, level), atol=1e-3)
        np.testing.assert_allclose(trained, ex.serum_bdnf_ng_ml(t, level, trained=True), atol=1e-3)
    np.testing.assert_allclose(fig.data[1].y, ex.serum_bdnf_ng_ml(t, 0.7, trained=True), atol=1e-3)
    labels = [b.label for b in fig.layout.updatemenus[0].buttons]
    assert labels == ["Both groups", "Untrained only", "After training only"]
    assert "slider" in fig.layout.meta["alt"].lower()
    top = max(max(np.asarray(y)) for step in slider.steps for y in step.args[0]["y"])
    assert top < fig.layout.yaxis.range[1], "the highest curve must fit the fixed y range"


@pytest.mark.parametrize("make", [fx.forest_static, fx.acute_response_static])
def test_static_figures_are_small_enough_for_a_page(make):
    html = CourseRenderer().to_mimebundle(make().to_dict())["text/html"]
    assert len(html.encode()) < 400_000


# --- live explorers -------------------------------------------------------------------------------


def test_acute_explorer_redraws_with_the_new_values(monkeypatch):
    shown = []
    monkeypatch.setattr(ex_explorer, "display", shown.append)
    box = ex_explorer.acute_response_explorer()
    intensity, duration, half_life, show = box.children[:4]
    assert isinstance(box.children[-1], widgets.Output)
    assert intensity.description.startswith("Intensity")
    intensity.value = 0.3
    assert max(shown[-1].data[0].y) == pytest.approx(32.69)
    intensity.value = 1.0
    duration.value = 60
    half_life.value = 20
    show.value = "untrained"
    fig = shown[-1]
    t = np.asarray(fig.data[0].x)
    np.testing.assert_allclose(fig.data[0].y, ex.serum_bdnf_ng_ml(t, 1.0, 60, False, 20), atol=1e-3)
    assert fig.data[1].visible is False


def test_forest_explorer_dropdown_filters(monkeypatch):
    shown = []
    monkeypatch.setattr(ex_explorer, "display", shown.append)
    box = ex_explorer.forest_explorer()
    dropdown = box.children[0]
    dropdown.value = "resting after training"
    labels = {label for t in shown[-1].data if t.visible for label in t.y}
    assert "Dinoff 2016<br>resistance programmes" in labels
    assert "Dinoff 2017<br>one session" not in labels


# --- chapter files: quiz, lesson plan, notebook ---------------------------------------------------

CHAPTER = Path(__file__).resolve().parents[1] / "book" / "02-lifestyle"


def _notebook_text() -> str:
    nb = nbformat.read(CHAPTER / "exercise.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_every_objective_is_assessed_and_every_chapter_claim_is_tagged():
    text = _notebook_text()
    quiz = load_quiz("exercise")
    assessed = {q["objective"] for q in quiz["questions"]} | set(re.findall(r"assesses-(O\d)", text))
    assert assessed == {"O1", "O2", "O3", "O4", "O5"}
    claims = load("claims")
    chapter_claims = set(claims.loc[claims["chapter"] == "exercise", "id"])
    tagged = set(re.findall(r"\{claim\}`([a-z0-9-]+)`", text))
    assert chapter_claims <= tagged, f"exercise claims not taught on the page: {chapter_claims - tagged}"
