"""Nutrition chapter: the heterogeneity model, the evidence and prediction figures, the live explorers."""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
import pandas as pd
import pytest

from neurotrophins.data import load
from neurotrophins.explorers import nutrition as nut_explorer
from neurotrophins.figures import CourseRenderer, forest
from neurotrophins.figures import nutrition as nf
from neurotrophins.models import heterogeneity as het

# ---------------------------------------------------------------- model: heterogeneity


def test_i_squared_from_q_and_its_floor_at_zero():
    assert het.i_squared(20.0, 10) == pytest.approx(0.5)
    assert het.i_squared(5.0, 10) == 0.0  # Q below its degrees of freedom: no excess variation
    assert het.i_squared(0.0, 3) == 0.0


def _dersimonian_laird(y, v):
    """Reference random-effects analysis (Q, I², DerSimonian-Laird tau², pooled mean and SE)."""
    w = 1 / v
    mu_fixed = np.sum(w * y) / np.sum(w)
    q = float(np.sum(w * (y - mu_fixed) ** 2))
    df = len(y) - 1
    tau2 = max(0.0, (q - df) / (np.sum(w) - np.sum(w**2) / np.sum(w)))
    w_re = 1 / (v + tau2)
    return q, tau2, float(np.sum(w_re * y) / np.sum(w_re)), float(np.sqrt(1 / np.sum(w_re)))


def test_tau_squared_from_summary_is_exact_for_equally_precise_studies():
    rng = np.random.default_rng(7)
    for k in (3, 12, 40):
        y = rng.normal(0.7, 0.6, size=k)
        v = np.full(k, 0.09)
        q, tau2, _, se = _dersimonian_laird(y, v)
        i2 = het.i_squared(q, k - 1)
        if i2 == 0:
            continue
        assert het.tau_squared_from_summary(se, k, i2) == pytest.approx(tau2, rel=1e-9)
        assert het.tau_squared_from_i_squared(i2, 0.09) == pytest.approx(tau2, rel=1e-9)


def test_se_is_recovered_from_a_95_percent_interval():
    assert het.se_from_ci(-1.959964, 1.959964) == pytest.approx(1.0, abs=1e-6)
    low, high = het.confidence_interval(0.72, het.se_from_ci(0.28, 1.15))
    assert (low, high) == pytest.approx((0.285, 1.155), abs=1e-9)


def test_prediction_interval_with_no_heterogeneity_approaches_the_confidence_interval_as_k_grows():
    ci = het.confidence_interval(0.5, 0.1)
    widths = []
    for k in (3, 5, 10, 50, 1000):
        low, high = het.prediction_interval(0.5, 0.1, 0.0, k)
        widths.append(high - low)
        assert low < ci[0] and high > ci[1]  # t quantile > z: never narrower than the CI
    assert np.all(np.diff(widths) < 0)
    assert widths[-1] == pytest.approx(ci[1] - ci[0], rel=2e-3)


def test_prediction_interval_widens_monotonically_with_tau_while_the_ci_stays():
    widths = [np.subtract(*het.prediction_interval(0.72, 0.22, tau**2, 12)[::-1]) for tau in np.linspace(0, 1.5, 16)]
    assert np.all(np.diff(widths) > 0)
    summaries = [het.summarise(0.72, 0.28, 1.15, 12, i2) for i2 in np.linspace(0, 0.95, 20)]
    assert len({round(s["ci_high"] - s["ci_low"], 12) for s in summaries}) == 1
    assert np.all(np.diff([s["pi_high"] - s["pi_low"] for s in summaries]) > 0)


def test_omega3_worked_example_by_hand():
    # Ziaei 2024: SMD 0.72 (0.28 to 1.15), k = 12, I² = 84.39%.
    se = (1.15 - 0.28) / (2 * 1.959964)
    tau2 = 0.8439 * 12 * se**2
    half = 2.228139 * math.sqrt(tau2 + se**2)
    s = het.summarise(0.72, 0.28, 1.15, 12, 0.8439)
    assert s["tau_squared"] == pytest.approx(tau2, rel=1e-6)
    assert (s["pi_low"], s["pi_high"]) == pytest.approx((0.72 - half, 0.72 + half), abs=1e-5)
    assert round(s["pi_low"], 2) == -0.93 and round(s["pi_high"], 2) == 2.37


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: het.prediction_interval(0.7, 0.2, 0.1, 2), "k must be between 3 and 10000 studies; got 2"),
        (lambda: het.prediction_interval(0.7, 0.2, 0.1, 4.5), "k must be a whole number between 3 and 10000"),
        (lambda: het.prediction_interval(0.7, 0.0, 0.1, 5), "se must be between"),
        (lambda: het.prediction_interval(0.7, 0.2, -0.1, 5), "tau_squared must be between 0 and"),
        (lambda: het.prediction_interval(float("nan"), 0.2, 0.1, 5), "mean must be between"),
        (lambda: het.tau_squared_from_summary(0.2, 12, 1.0), "i2 must be between 0 and 0.99; got 1"),
        (lambda: het.tau_squared_from_i_squared(0.5, 0.0), "typical_variance must be between"),
        (lambda: het.se_from_ci(1.0, 0.5), "ci_high must be greater than ci_low"),
        (lambda: het.i_squared(-1.0, 4), "q must be between 0 and"),
        (lambda: het.i_squared(10.0, 0), "df must be between 1 and 9999 degrees of freedom; got 0"),
        (lambda: het.confidence_interval(0.5, 0.1, level=1.0), "level must be between 0.5 and 0.999; got 1"),
    ],
)
def test_bad_parameters_are_rejected_with_a_clear_message(call, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call()


# ---------------------------------------------------------------- figures


@pytest.fixture(scope="module")
def table():
    return forest.forest_table()


def test_evidence_table_has_one_unique_row_per_estimate_and_honest_panels(table):
    effects = load("effect_sizes")
    assert list(table["id"]) == list(effects["id"]) and table["label"].is_unique
    panels = table.set_index("id")["panel"]
    assert panels["ziaei2024_omega3"] == "standardised" and panels["sarraf2019_curcumin"] == "raw"
    assert set(table.loc[table["panel"] == "standardised", "metric"]) <= set(forest.STANDARDISED_METRICS)
    assert (table.loc[table["panel"] == "raw", "unit"] == forest.RAW_UNIT).all()
    assert (table.loc[table["panel"] == "not drawn", "unit"] != forest.RAW_UNIT).all()
    assert table.set_index("id").loc["ziaei2024_omega3", "citation"] == "Ziaei et al. 2024"
    hover = table.set_index("id").loc["ziaei2024_omega3", "hover"]
    for bit in ["0.72", "0.28", "1.15", "I² 84.4%", "studies 12", "participants 587", "serum", "human"]:
        assert bit in hover


def test_evidence_figure_draws_each_estimate_in_the_panel_of_its_unit(table):
    fig = nf.evidence_figure(table)
    drawn = table[table["panel"] != "not drawn"]
    assert [t.meta for t in fig.data] == list(drawn["id"])
    by_id = table.set_index("id")
    for trace in fig.data:
        row = by_id.loc[trace.meta]
        assert trace.x[0] == pytest.approx(row["estimate"])
        assert trace.xaxis == ("x" if row["panel"] == "standardised" else "x2")
        if not pd.isna(row["ci_low"]):
            assert trace.x[0] - trace.error_x.arrayminus[0] == pytest.approx(row["ci_low"])
            assert trace.x[0] + trace.error_x.array[0] == pytest.approx(row["ci_high"])
    assert "Nutrition estimates" in fig.layout.meta["alt"] and "1,789.38" in fig.layout.meta["alt"]


def test_evidence_filters_keep_the_right_rows(table):
    nutrition = nf.evidence_figure(table, topics=["nutrition"])
    assert {t.meta for t in nutrition.data} == {"ziaei2024_omega3", "sarraf2019_curcumin"}
    high = forest.filter_rows(table, high_i2_only=True)
    assert (high["i2_percent"] >= 75).all() and len(high) >= 2
    with pytest.raises(ValueError, match="topics must be among"):
        forest.filter_rows(table, topics=["astrology"])


def test_static_evidence_figure_buttons_match_topics_and_heterogeneity(table):
    fig = nf.evidence_static(table)
    menu = fig.layout.updatemenus[0]
    labels = [b.label for b in menu.buttons]
    assert labels[0] == "All" and "Nutrition" in labels and labels[-1] == "I² ≥ 75%"
    ids = [t.meta for t in fig.data]
    nutrition = menu.buttons[labels.index("Nutrition")].args[0]["visible"]
    assert [i for i, v in zip(ids, nutrition, strict=True) if v] == ["ziaei2024_omega3", "sarraf2019_curcumin"]
    high = menu.buttons[-1].args[0]["visible"]
    by_id = table.set_index("id")
    assert all(by_id.loc[i, "i2_percent"] >= 75 for i, v in zip(ids, high, strict=True) if v)


def test_prediction_figure_comes_from_the_model():
    fig = nf.prediction_figure(0.72, 0.28, 1.15, 12, 0.5)
    s = het.summarise(0.72, 0.28, 1.15, 12, 0.5)
    assert list(fig.data[0].y) == pytest.approx([s["pi_low"], s["pi_high"]])
    assert list(fig.data[1].y) == [0.28, 1.15]
    assert "includes zero" in fig.layout.meta["alt"]
    assert "excludes zero" in nf.prediction_figure(0.72, 0.28, 1.15, 12, 0.0).layout.meta["alt"]


def test_static_prediction_figure_has_a_step_per_i2_and_starts_at_the_reported_value():
    fig = nf.prediction_static()
    slider = fig.layout.sliders[0]
    values = nf.i2_steps(0.8439)
    assert len(slider.steps) == len(values) and slider.steps[slider.active].label == "84%"
    y_low, y_high = fig.layout.yaxis.range
    for step, v in zip(slider.steps, values, strict=True):
        s = het.summarise(0.72, 0.28, 1.15, 12, v)
        assert step.args[0]["y"][0] == pytest.approx([s["pi_low"], s["pi_high"]], abs=1e-6)
        assert step.args[0]["text"][0] == [f"{s['pi_low']:.3g}", f"{s['pi_high']:.3g}"]
        assert y_low < s["pi_low"] and s["pi_high"] < y_high  # the axis never cuts an interval
    assert "slider" in fig.layout.meta["alt"]


def test_prediction_inputs_reject_rows_without_what_a_pi_needs():
    assert nf.prediction_inputs("sarraf2019_curcumin")["k"] == 4
    with pytest.raises(ValueError, match="needs a 95% CI and at least 3 studies"):
        nf.prediction_inputs("szuhany_single_session")
    with pytest.raises(ValueError, match="effect_id must be an id"):
        nf.prediction_inputs("no_such_row")


def test_static_figures_are_small_enough_for_a_page(table):
    for fig in (nf.evidence_static(table), nf.prediction_static()):
        html = CourseRenderer().to_mimebundle(fig.to_dict())["text/html"]
        assert len(html.encode()) < 400_000


# ---------------------------------------------------------------- live explorers


def test_evidence_explorer_redraws_with_the_filters(monkeypatch):
    shown = []
    monkeypatch.setattr(nut_explorer, "display", shown.append)
    box = nut_explorer.evidence_explorer()
    topic, high, out = box.children
    assert isinstance(topic, widgets.Dropdown) and isinstance(high, widgets.Checkbox)
    assert isinstance(out, widgets.Output)
    shown.clear()
    topic.value = "nutrition"
    fig, rows = shown[-2], shown[-1]
    assert {t.meta for t in fig.data} == {"ziaei2024_omega3", "sarraf2019_curcumin"}
    assert len(rows) == 2
    high.value = True
    assert all(v >= 75 for v in shown[-1]["i2_percent"])


def test_prediction_explorer_redraws_and_resets_per_meta_analysis(monkeypatch):
    shown = []
    monkeypatch.setattr(nut_explorer, "display", shown.append)
    box = nut_explorer.prediction_explorer()
    choice, i2, k, _ = box.children
    assert choice.value == "ziaei2024_omega3" and i2.value == pytest.approx(0.84, abs=0.01) and k.value == 12
    shown.clear()
    i2.value = 0.0
    narrow = shown[-1].data[0].y
    i2.value = 0.9
    wide = shown[-1].data[0].y
    assert wide[1] - wide[0] > narrow[1] - narrow[0]
    choice.value = "sarraf2019_curcumin"
    assert k.value == 4 and i2.value == pytest.approx(0.835, abs=0.01)
    assert shown[-1].data[1].y[0] == pytest.approx(722.04)
