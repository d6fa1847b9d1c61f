"""Nutrition chapter figures: the evidence explorer and the prediction-interval explorer.

* :func:`evidence_figure` is the course's forest plot (:mod:`neurotrophins.figures.forest`) of every
  pooled estimate of ``data/effect_sizes.csv``, coloured by topic, with diamonds for an I² of 75% or
  more; :func:`evidence_static` adds buttons that filter the rows.
* :func:`prediction_figure` draws a pooled estimate with its 95% confidence interval next to the 95%
  prediction interval implied by I² (:mod:`neurotrophins.models.heterogeneity`);
  :func:`prediction_static` adds a slider over I².
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from .._validate import check_range, check_steps, check_whole
from ..data import load
from ..evidence_summary import TOPIC_LABELS
from ..models import heterogeneity as het
from . import forest
from ._core import PALETTE, CourseFigure, add_buttons, add_slider, base_layout

#: Colour of each topic in the evidence figure; these lifestyle topics also get a button of their own (other topics,
#: such as the measuring chapter's depression estimates, are drawn in black and shown under "All": a longer button row
#: would run under the page's sidebar).
TOPIC_COLOURS = {"nutrition": PALETTE["vermillion"], "exercise": PALETTE["blue"], "stress-sleep-heat": PALETTE["green"]}
#: I² values offered by the prediction explorer's slider (fractions); the reported value is added.
I2_STEPS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95)
DEFAULT_ESTIMATE = "ziaei2024_omega3"


def evidence_figure(
    table: pd.DataFrame | None = None, topics: Sequence[str] | None = None, high_i2_only: bool = False
) -> go.Figure:
    """The forest plot of every pooled BDNF estimate, coloured by topic, two honest panels.

    Parameters
    ----------
    table : pandas.DataFrame, optional
        A :func:`neurotrophins.figures.forest.forest_table` (default: built from the dataset).
    topics : sequence of str, optional
        Keep only these topics (``"nutrition"``, ``"exercise"``, ...); default all.
    high_i2_only : bool
        Keep only estimates whose I² is 75% or more (they are drawn as diamonds).

    Returns
    -------
    plotly.graph_objects.Figure
        Trace *i* is row *i* of the filtered table that has a panel; its ``meta`` holds the row's id.
    """
    table = forest.forest_table() if table is None else table
    rows = forest.filter_rows(table, topics=topics, high_i2_only=high_i2_only)
    groups = {t: (TOPIC_LABELS.get(t, t), TOPIC_COLOURS.get(t, PALETTE["black"])) for t in set(rows["topic"])}
    return forest.forest_figure(rows, groups, "topic", "high_i2")


def evidence_static(table: pd.DataFrame | None = None) -> go.Figure:
    """The evidence figure with buttons: all estimates, each topic, and only those with I² ≥ 75%."""
    table = forest.forest_table() if table is None else table
    fig = evidence_figure(table)
    by_id = table.set_index("id")
    rows = by_id.loc[[trace.meta for trace in fig.data]]
    views = [("All", [True] * len(rows))]
    for topic in [t for t in TOPIC_LABELS if t in TOPIC_COLOURS and t in set(rows["topic"])]:
        views.append((TOPIC_LABELS[topic], list(rows["topic"] == topic)))
    views.append((f"I² ≥ {forest.HIGH_I2_PERCENT:g}%", list(rows["high_i2"])))
    fig.layout.meta = {
        "alt": fig.layout.meta["alt"] + " Buttons show all estimates, one topic, or only those with I² of 75% or more."
    }
    return add_buttons(fig, views, active=0, title="Show:")


def prediction_inputs(effect_id: str = DEFAULT_ESTIMATE, effects: pd.DataFrame | None = None) -> dict:
    """The numbers :func:`prediction_figure` needs, read from one row of ``effect_sizes.csv``.

    Returns
    -------
    dict
        ``mean``, ``ci_low``, ``ci_high``, ``k``, ``i2`` (fraction, or None if not reported),
        ``metric``, ``unit`` and ``label`` (the row id).

    Raises
    ------
    ValueError
        If there is no such row, or it lacks a 95% CI or has fewer than 3 studies.
    """
    eff = (load("effect_sizes") if effects is None else effects).set_index("id")
    if not isinstance(effect_id, str) or effect_id not in eff.index:
        raise ValueError(f"effect_id must be an id of effect_sizes.csv; got {effect_id!r}")
    row = eff.loc[effect_id]
    if pd.isna(row["ci_low"]) or pd.isna(row["ci_high"]) or pd.isna(row["studies"]) or row["studies"] < 3:
        raise ValueError(f"{effect_id}: a prediction interval needs a 95% CI and at least 3 studies")
    return {
        "mean": float(row["estimate"]),
        "ci_low": float(row["ci_low"]),
        "ci_high": float(row["ci_high"]),
        "k": int(row["studies"]),
        "i2": None if pd.isna(row["i2_percent"]) else float(row["i2_percent"]) / 100,
        "metric": str(row["metric"]),
        "unit": str(row["unit"]),
        "label": effect_id,
    }


def prediction_figure(
    mean: float = 0.72,
    ci_low: float = 0.28,
    ci_high: float = 1.15,
    k: int = 12,
    i2: float = 0.8439,
    metric: str = "SMD",
    unit: str = "SD",
    label: str = "",
    y_range: tuple[float, float] | None = None,
) -> go.Figure:
    """A pooled estimate's published 95% CI next to its 95% prediction interval for a chosen I² and k.

    The defaults are the omega-3 meta-analysis of Ziaei et al. (2024); :func:`prediction_inputs` reads
    any row of ``effect_sizes.csv``.

    Parameters
    ----------
    mean, ci_low, ci_high : float
        Pooled estimate and its 95% CI, in the effect's units.
    k : int
        Number of studies, 3 to 10000.
    i2 : float
        I² as a fraction, 0 to 0.99.
    metric, unit, label : str
        Shown on the axis and in the text description.
    y_range : (float, float), optional
        Fixed y-axis range, low before high, in the effect's units, -1e9 to 1e9 (the static figure
        keeps it constant while the slider moves).

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 is the prediction interval, trace 1 the published 95% CI, trace 2 the pooled estimate.
    """
    s = het.summarise(mean, ci_low, ci_high, k, i2)
    mean, ci_low, ci_high, i2 = (float(v) for v in (mean, ci_low, ci_high, i2))  # checked by summarise
    k = check_whole("k", k, *het.K_RANGE, "studies")
    if y_range is not None:
        y_range = check_steps("y_range", y_range, -het.VALUE_LIMIT, het.VALUE_LIMIT)
        if len(y_range) != 2 or not y_range[0] < y_range[1]:
            raise ValueError(f"y_range must be two numbers, low before high; got {y_range}")
    unit_text = "SD units" if unit == "SD" else unit
    fig = CourseFigure()
    ends = "middle right"
    fig.add_scatter(
        x=[1, 1],
        y=[s["pi_low"], s["pi_high"]],
        mode="lines+markers+text",
        name="95% PI: a new study",
        text=_ends(s["pi_low"], s["pi_high"]),
        textposition=ends,
        line=dict(color=PALETTE["vermillion"], width=14),
        marker=dict(symbol="line-ew-open", size=26),
    )
    fig.add_scatter(
        x=[0, 0],
        y=[ci_low, ci_high],
        mode="lines+markers+text",
        name="95% CI: the average",
        text=_ends(ci_low, ci_high),
        textposition=ends,
        line=dict(color=PALETTE["blue"], width=14),
        marker=dict(symbol="line-ew-open", size=26),
    )
    fig.add_scatter(
        x=[0, 1],
        y=[mean, mean],
        mode="markers",
        name=f"Pooled {metric} {mean:g}",
        marker=dict(color=PALETTE["black"], symbol="diamond", size=14),
    )
    fig.add_hline(
        y=0,
        line=dict(color=PALETTE["black"], dash="dot", width=1),
        annotation_text="no difference",
        annotation_position="bottom right",
    )
    fig.update_xaxes(tickvals=[0, 1], ticktext=["Average effect (95% CI)", "A new study (95% PI)"], range=[-0.6, 1.6])
    fig.update_yaxes(title=f"{metric} ({unit_text})", range=list(y_range) if y_range else None)
    alt = (
        f"Interval plot{' for ' + label if label else ''}: pooled {metric} {mean:g} {unit_text}, published 95% CI "
        f"{ci_low:g} to {ci_high:g} from {k} studies. With I² {i2:.0%} the between-study SD tau is "
        f"{s['tau']:.3g} and the 95% prediction interval runs from {s['pi_low']:.3g} to {s['pi_high']:.3g}, "
        + ("so it includes zero." if s["pi_low"] <= 0 <= s["pi_high"] else "so it excludes zero.")
    )
    fig = base_layout(fig, "Same average, different spread", alt)
    fig.update_layout(height=520, legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom"), margin=dict(t=120))
    return fig


def _ends(low: float, high: float) -> list[str]:
    return [f"{low:.3g}", f"{high:.3g}"]


def i2_steps(reported: float | None) -> list[float]:
    """Slider values of I² (fractions): :data:`I2_STEPS` plus ``reported`` (0 to 0.99, or None), sorted."""
    steps = set(I2_STEPS)
    if reported is not None:
        steps.add(round(check_range("reported", reported, *het.I2_RANGE), 4))
    return sorted(steps)


def prediction_static(effect_id: str = DEFAULT_ESTIMATE) -> go.Figure:
    """The prediction figure with a slider over I², computed ahead of time with the same model."""
    p = prediction_inputs(effect_id)
    reported = p["i2"]
    steps_i2 = i2_steps(reported)
    args = (p["mean"], p["ci_low"], p["ci_high"], p["k"])
    widest = het.summarise(*args, max(steps_i2))
    pad = 0.1 * (widest["pi_high"] - widest["pi_low"])
    y_range = (min(widest["pi_low"], 0.0) - pad, widest["pi_high"] + pad)
    active = steps_i2.index(round(reported, 4)) if reported is not None else 0
    fig = prediction_figure(*args, steps_i2[active], p["metric"], p["unit"], effect_id, y_range)
    steps = []
    for v in steps_i2:  # the interval and its end labels move together
        s = het.summarise(*args, v)
        steps.append((f"{v:.0%}", {"y": [[s["pi_low"], s["pi_high"]]], "text": [_ends(s["pi_low"], s["pi_high"])]}))
    fig.layout.meta = {
        "alt": fig.layout.meta["alt"] + f" A slider sets I² from {min(steps_i2):.0%} to "
        f"{max(steps_i2):.0%} (it starts at the reported value); the prediction interval widens "
        "while the confidence interval stays."
    }
    return add_slider(fig, steps, active, "I²: ")
