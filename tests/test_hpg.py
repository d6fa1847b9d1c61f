"""The HPG feedback teaching model, its figures, its live explorer, and the chapter's lesson plan and quiz."""

import json
import re

import ipywidgets as widgets
import nbformat
import numpy as np
import pytest

from neurotrophins.build.lessons import notebook_objectives
from neurotrophins.explorers import hpg as hpg_explorer
from neurotrophins.figures import CourseRenderer
from neurotrophins.figures import hpg as hpg_fig
from neurotrophins.models import hpg
from neurotrophins.quiz import load_quiz

from .helpers import ROOT

GRID = np.linspace(0.0, 3.0, 31)
FRACTIONS = np.linspace(1.0, 0.0, 21)


def _vector(state: dict) -> np.ndarray:
    return np.array([float(state[name]) for name in hpg.HORMONES])


# --- steady state -------------------------------------------------------------------------------


@pytest.mark.parametrize("sex", hpg.SEXES)
def test_untreated_steady_state_is_one_for_every_hormone(sex):
    state = hpg.steady_state(sex=sex)
    for name in hpg.HORMONES:
        assert float(state[name]) == pytest.approx(1.0, abs=1e-12), name
    pct = hpg.percent_of_baseline(sex=sex)
    assert all(float(v) == pytest.approx(100.0) for v in pct.values())


@pytest.mark.parametrize(
    ("x", "r", "c", "sex"),
    [
        (0.0, 1.0, 1.0, "male"),
        (1.0, 1.0, 1.0, "male"),
        (3.0, 0.2, 0.5, "male"),
        (0.0, 0.0, 1.0, "male"),
        (5.0, 0.0, 0.0, "male"),
        (0.0, 1.0, 0.3, "female"),
        (0.0, 1.0, 0.0, "female"),
        (2.0, 0.5, 0.7, "female"),
    ],
)
def test_derivatives_vanish_at_the_returned_steady_state(x, r, c, sex):
    state = _vector(hpg.steady_state(x, r, c, sex))
    rates = hpg.derivatives(state, x, r, c, sex)
    assert np.max(np.abs(rates)) < 1e-9, rates
    # and a state off the steady state has non-zero derivatives (the check can fail)
    assert np.max(np.abs(hpg.derivatives(state * 1.1 + 0.05, x, r, c, sex))) > 1e-3


@pytest.mark.parametrize(
    ("x", "r", "c", "sex"), [(1.0, 1.0, 1.0, "male"), (0.0, 0.3, 1.0, "male"), (0.0, 1.0, 0.2, "female")]
)
def test_the_time_course_returns_to_the_steady_state(x, r, c, sex):
    target = _vector(hpg.steady_state(x, r, c, sex))
    for start in ([3.0, 0.1, 2.0, 0.0, 4.0], [0.0, 0.0, 0.0, 0.0, 0.0]):
        times, states = hpg.simulate(
            start, days=40, dt=0.02, exogenous_androgen=x, aromatase_activity=r, gonadal_function=c, sex=sex
        )
        assert times[0] == 0 and times[-1] == pytest.approx(40) and states.shape == (len(times), 5)
        np.testing.assert_allclose(states[-1], target, atol=1e-6)
        assert np.all(states >= 0)


def test_stopping_the_exogenous_androgen_returns_the_axis_to_baseline():
    suppressed = _vector(hpg.steady_state(2.0))
    _, states = hpg.simulate(suppressed, days=40, dt=0.02, exogenous_androgen=0.0)
    np.testing.assert_allclose(states[-1], np.ones(5), atol=1e-6)


def test_states_are_never_negative_over_the_whole_input_space():
    x, r, c = np.meshgrid(GRID[::3], FRACTIONS[::4], FRACTIONS[::4], indexing="ij")
    for sex in hpg.SEXES:
        for name, value in hpg.steady_state(x, r, c, sex).items():
            assert np.all(np.isfinite(value)) and np.all(value >= 0), (sex, name)


def test_outputs_broadcast_over_array_inputs():
    state = hpg.steady_state(GRID[:, None], FRACTIONS[None, :])
    assert all(v.shape == (GRID.size, FRACTIONS.size) for v in state.values())
    np.testing.assert_allclose(state["lh"][10, 5], hpg.steady_state(GRID[10], FRACTIONS[5])["lh"])


@pytest.mark.parametrize("sex", hpg.SEXES)
def test_every_hormone_sits_at_its_feedback_target_in_the_untreated_state(sex):
    targets = hpg.feedback_targets(np.ones(5), 0.0, 1.0, 1.0, hpg.CONSTANTS[sex])
    np.testing.assert_allclose(targets, np.ones(5), atol=1e-12)


def test_the_derivatives_are_rate_times_target_minus_state():
    state = np.array([0.8, 1.2, 0.9, 0.7, 1.4])
    p = hpg.CONSTANTS["female"]
    expected = np.asarray(p.rates) * (hpg.feedback_targets(state, 0.5, 0.6, 0.4, p) - state)
    np.testing.assert_allclose(hpg.derivatives(state, 0.5, 0.6, 0.4, "female"), expected)


def test_the_core_shown_on_the_page_is_short():
    from neurotrophins.display import show_source

    lines = show_source(hpg.feedback_targets).source.count("\n")
    assert 10 <= lines <= 20, lines


# --- the sign of each feedback ------------------------------------------------------------------


def test_more_exogenous_androgen_lowers_lh_fsh_and_own_testosterone():
    pct = hpg.percent_of_baseline(GRID)
    for name in ("gnrh", "lh", "fsh", "testosterone"):
        assert np.all(np.diff(pct[name]) < 0), name
    assert np.all(np.diff(pct["total_androgen"]) > 0)  # the body's own output falls less than the dose adds
    assert np.all(np.diff(pct["estradiol"]) > 0)  # exogenous androgen is aromatized too
    assert pct["lh"][-1] < 10


def test_blocking_aromatase_raises_testosterone_and_lowers_estradiol():
    pct = hpg.percent_of_baseline(aromatase_activity=FRACTIONS)  # from untreated to fully blocked
    assert np.all(np.diff(pct["testosterone"]) > 0)
    assert np.all(np.diff(pct["lh"]) > 0)
    assert np.all(np.diff(pct["estradiol"]) < 0)
    assert pct["estradiol"][-1] == pytest.approx(0.0, abs=1e-9)


def test_losing_ovarian_function_raises_lh_and_fsh_and_lowers_estradiol():
    pct = hpg.percent_of_baseline(gonadal_function=FRACTIONS, sex="female")
    assert np.all(np.diff(pct["lh"]) > 0) and np.all(np.diff(pct["fsh"]) > 0)
    assert np.all(np.diff(pct["estradiol"]) < 0)
    assert np.all(pct["fsh"][1:] > pct["lh"][1:])  # FSH rises more than LH in the female constants
    # negative feedback buffers: at half function estradiol falls by much less than half
    half = hpg.percent_of_baseline(gonadal_function=0.5, sex="female")
    assert 50 < float(half["estradiol"]) < 100 and float(half["fsh"]) > 100


def test_testicular_failure_raises_lh_in_the_male_model():
    pct = hpg.percent_of_baseline(gonadal_function=FRACTIONS)
    assert np.all(np.diff(pct["lh"]) > 0) and np.all(np.diff(pct["testosterone"]) < 0)


def test_numbers_quoted_in_the_chapter():
    x1 = hpg.percent_of_baseline(1.0)
    assert round(float(x1["lh"])) == 44 and round(float(x1["total_androgen"])) == 144
    block = hpg.percent_of_baseline(aromatase_activity=0.5)
    assert round(float(block["testosterone"])) == 133 and round(float(block["estradiol"])) == 67
    ovary = hpg.percent_of_baseline(gonadal_function=0.5, sex="female")
    assert round(float(ovary["fsh"])) == 160 and round(float(ovary["estradiol"])) == 79


# --- bad parameters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"exogenous_androgen": -0.1}, "exogenous_androgen must be between 0 and 5 a.u.; got -0.1 a.u."),
        ({"exogenous_androgen": [1.0, 6.0]}, "exogenous_androgen must be between 0 and 5 a.u.; got 6 a.u."),
        ({"exogenous_androgen": float("nan")}, "exogenous_androgen must be between 0 and 5 a.u.; got nan a.u."),
        ({"aromatase_activity": 1.5}, "aromatase_activity must be between 0 and 1; got 1.5"),
        ({"gonadal_function": -1}, "gonadal_function must be between 0 and 1; got -1"),
        ({"sex": "other"}, "sex must be 'male' or 'female'; got 'other'"),
    ],
)
def test_bad_parameters_are_rejected_with_a_clear_message(kwargs, message):
    for func in (hpg.steady_state, hpg.percent_of_baseline):
        with pytest.raises(ValueError) as err:
            func(**kwargs)
        assert str(err.value) == message


def test_bad_states_and_steps_are_rejected():
    with pytest.raises(ValueError, match=r"state must hold 5 values \(gnrh, lh, fsh, testosterone, estradiol\)"):
        hpg.derivatives([1, 1, 1])
    with pytest.raises(ValueError, match="state must be between 0 and 1000 r.u.; got -1 r.u."):
        hpg.derivatives([1, 1, -1, 1, 1])
    with pytest.raises(ValueError, match="days must be between 0.1 and 365 days"):
        hpg.simulate(np.ones(5), days=0)
    with pytest.raises(ValueError, match="dt must be between 0.001 and 0.05 days"):
        hpg.simulate(np.ones(5), dt=0.5)
    with pytest.raises(ValueError, match="aromatase_activity"):
        hpg.simulate(np.ones(5), aromatase_activity=2)


def test_constants_are_labelled_illustrative():
    table = hpg.constants_table()
    assert set(table["source"]) == {"illustrative"} and list(table.columns) == ["male", "female", "source"]


# --- figures ------------------------------------------------------------------------------------


def test_live_figure_bars_come_from_the_model():
    fig = hpg_fig.hpg_figure(1.5, 0.8, 0.9)
    pct = hpg.percent_of_baseline(1.5, 0.8, 0.9)
    keys = [key for key, _, _ in hpg_fig.BARS["male"]]
    np.testing.assert_allclose(fig.data[0].y, [pct[k] for k in keys], atol=0.05)
    assert list(fig.data[0].x) == ["LH", "FSH", "Own<br>testosterone", "Total<br>androgen", "Estradiol"]
    assert "1.5 (arbitrary units)" in fig.layout.meta["alt"] and "mg" not in fig.layout.meta["alt"]
    female = hpg_fig.hpg_figure(gonadal_function=0.0, sex="female")
    assert list(female.data[0].x) == ["LH", "FSH", "Estradiol"] and female.data[0].y[-1] == 0


@pytest.mark.parametrize("scenario", list(hpg_fig.SCENARIOS))
def test_static_figures_have_one_step_per_grid_value_computed_by_the_model(scenario):
    spec = hpg_fig.SCENARIOS[scenario]
    fig = hpg_fig.scenario_static(scenario)
    slider = fig.layout.sliders[0]
    assert len(slider.steps) == len(spec["values"])
    keys = [key for key, _, _ in hpg_fig.BARS[spec["sex"]]]
    for step, value in zip(slider.steps, spec["values"], strict=True):
        pct = hpg.percent_of_baseline(sex=spec["sex"], **{spec["parameter"]: value})
        np.testing.assert_allclose(step.args[0]["y"][0], [pct[k] for k in keys], atol=0.05)
        assert step.args[0]["text"][0] == [f"{float(pct[k]):.0f}%" for k in keys]
        assert list(step.args[1]) == [0]
    top = fig.layout.yaxis.range[1]
    assert all(max(step.args[0]["y"][0]) < top for step in slider.steps)  # every step fits the axis
    assert "slider" in fig.layout.meta["alt"]
    html = CourseRenderer().to_mimebundle(fig.to_dict())["text/html"]
    assert len(html.encode()) < 400_000 and "cdn" not in html.lower()


def test_static_slider_labels_never_look_like_doses():
    for scenario in hpg_fig.SCENARIOS:
        labels = [s.label for s in hpg_fig.scenario_static(scenario).layout.sliders[0].steps]
        assert not any(unit in label for label in labels for unit in ("mg", "µg", "mcg", "IU"))
    assert hpg_fig.scenario_static("exogenous-androgen").layout.sliders[0].steps[4].label == "1.00 a.u."


def test_unknown_scenario_is_rejected():
    with pytest.raises(ValueError, match="scenario must be one of exogenous-androgen, aromatase-block, ovarian-loss"):
        hpg_fig.scenario_static("dose")


# --- live explorer ------------------------------------------------------------------------------


def test_explorer_has_a_sex_toggle_three_sliders_and_an_output():
    box = hpg_explorer.hpg_explorer()
    assert [c.description for c in box.children[:4]] == [
        "Model",
        "Exogenous androgen (a.u.)",
        "Aromatase activity",
        "Gonadal function",
    ]
    assert isinstance(box.children[-1], widgets.Output)


def test_moving_a_control_redraws_with_the_model(monkeypatch):
    shown = []
    monkeypatch.setattr(hpg_explorer, "display", shown.append)
    box = hpg_explorer.hpg_explorer()
    sex, exogenous, aromatase, gonad = box.children[:4]
    shown.clear()
    exogenous.value = 2.0
    assert shown[-1].data[0].y[0] == pytest.approx(float(hpg.percent_of_baseline(2.0)["lh"]), abs=0.05)
    exogenous.value = 0.0
    aromatase.value = 0.5
    assert shown[-1].data[0].y[-1] == pytest.approx(66.7, abs=0.1)
    aromatase.value = 1.0
    sex.value = "female"
    gonad.value = 0.0
    assert list(shown[-1].data[0].x) == ["LH", "FSH", "Estradiol"]
    assert shown[-1].data[0].y[1] == pytest.approx(500.0, abs=0.1)


# --- chapter files: lesson plan and quiz --------------------------------------------------------

CHAPTER = ROOT / "book" / "03-endocrine"


def _objectives_in_notebook() -> dict[str, str]:
    return notebook_objectives(nbformat.read(CHAPTER / "hpg-axis.ipynb", as_version=4))


def test_quiz_and_exercises_assess_every_objective():
    quiz = load_quiz("hpg-axis")
    assert len(quiz["questions"]) >= 6
    nb_text = (CHAPTER / "hpg-axis.ipynb").read_text()
    assessed = {q["objective"] for q in quiz["questions"]} | set(re.findall(r"assesses-(O\d)", nb_text))
    assert assessed == set(_objectives_in_notebook())
    # no dose units anywhere in the chapter's quiz, notebook or lesson plan
    for text in (json.dumps(quiz), nb_text, (CHAPTER / "lesson-hpg-axis.yml").read_text()):
        assert not re.search(r"\d\s*(mg|µg|mcg|iu)\b|\bmg\b", text.lower())
