"""Nutrition chapter figures: the evidence explorer and the prediction-interval explorer.

* :func:`evidence_figure` draws one row per pooled estimate of ``data/effect_sizes.csv`` (estimate and
  95% CI, details on hover). Standardised differences (SMD, Hedges g, ES; units of a standard
  deviation) share the left panel; differences in pg/mL get their own panel on the right, because the two
  kinds of number cannot share an axis. Estimates in any other unit are listed under the plot, not
  drawn. :func:`evidence_static` adds buttons that filter the rows.
* :func:`prediction_figure` draws a pooled estimate with its 95% confidence interval next to the 95%
  prediction interval implied by I² (:mod:`neurotrophins.models.heterogeneity`);
  :func:`prediction_static` adds a slider over I².
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..data import load
from ..models import heterogeneity as het
from ._core import PALETTE, CourseFigure, add_buttons, add_slider, base_layout

#: Metrics on a standard-deviation scale: they can share one axis.
STANDARDISED = ("SMD", "Hedges g", "ES")
#: Unit of the raw-difference panel.
RAW_UNIT = "pg/mL"
#: I² (percent) from which the explorer's "high heterogeneity" filter keeps an estimate.
HIGH_I2_PERCENT = 75.0
TOPIC_LABELS = {"nutrition": "Nutrition", "exercise": "Exercise", "stress-sleep-heat": "Stress/sleep"}
TOPIC_COLOURS = {"nutrition": PALETTE["vermillion"], "exercise": PALETTE["blue"], "stress-sleep-heat": PALETTE["green"]}
#: I² values offered by the prediction explorer's slider (fractions); the reported value is added.
I2_STEPS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95)
DEFAULT_ESTIMATE = "ziaei2024_omega3"


def _citation(authors: str, year) -> str:
    """Compact row label for a study: first author's surname and year ('Ziaei 2024')."""
    return f"{str(authors).split(' and ')[0].split(',')[0].strip()} {year}"


def _short(text: str, width: int = 36) -> str:
    head = str(text).split(" vs ")[0].split(":")[0].split(",")[0].strip()
    return head if len(head) <= width else head[: width - 1].rstrip() + "…"


def _fmt(value, digits: int = 2) -> str:
    if pd.isna(value):
        return "not reported"
    return f"{float(value):,.{digits}f}"


def evidence_table(effects: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per pooled estimate, ready to plot: label, panel, hover text and the numbers.

    Parameters
    ----------
    effects : pandas.DataFrame, optional
        Rows of ``effect_sizes`` (default: the whole table, loaded and validated).

    Returns
    -------
    pandas.DataFrame
        The ``effect_sizes`` columns plus ``citation``, ``label`` (unique, two lines for the plot),
        ``name`` (the label on one line), ``topic_label``,
        ``panel`` (``"standardised"``, ``"raw"`` or ``"not drawn"``), ``high_i2`` and ``hover``.
    """
    if effects is None:
        effects = load("effect_sizes")
    refs = load("references").set_index("key")
    table = effects.copy()
    for col in ("topic", "paradigm", "population", "compartment", "metric"):
        table[col] = table[col].astype(str)
    table["citation"] = [_citation(refs.loc[r, "authors"], refs.loc[r, "year"]) for r in table["reference"]]
    labels = [f"{_short(s)}<br>{c}" for s, c in zip(table["intervention"], table["citation"], strict=True)]
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):  # keep labels unique: they are the rows of the plot
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            labels[i] = f"{label} ({table['paradigm'].iloc[i]})"
    table["label"] = labels
    table["name"] = [label.replace("<br>", ", ") for label in labels]
    table["topic_label"] = [TOPIC_LABELS.get(t, t) for t in table["topic"]]
    table["panel"] = np.where(
        table["metric"].isin(STANDARDISED), "standardised", np.where(table["unit"] == RAW_UNIT, "raw", "not drawn")
    )
    table["high_i2"] = table["i2_percent"].fillna(-1).astype(float) >= HIGH_I2_PERCENT
    table["hover"] = [
        f"<b>{r.citation}</b><br>{r.intervention}<br>{r.metric} {_fmt(r.estimate)} "
        f"(95% CI {_fmt(r.ci_low)} to {_fmt(r.ci_high)}) {'SD units' if r.unit == 'SD' else r.unit}<br>"
        f"I² {_fmt(r.i2_percent, 1)}{'%' if not pd.isna(r.i2_percent) else ''} · "
        f"studies {_fmt(r.studies, 0)} · participants {_fmt(r.participants, 0)}<br>"
        f"{r.population} · {r.compartment} · {r.paradigm}"
        for r in table.itertuples()
    ]
    return table.reset_index(drop=True)


def filter_estimates(
    table: pd.DataFrame, topics: Sequence[str] | None = None, high_i2_only: bool = False
) -> pd.DataFrame:
    """Rows of an :func:`evidence_table` for some topics and, optionally, only those with I² ≥ 75%."""
    rows = table
    if topics is not None:
        unknown = set(topics) - set(table["topic"])
        if unknown:
            raise ValueError(f"topics must be among {sorted(set(table['topic']))}; got {sorted(unknown)}")
        rows = rows[rows["topic"].isin(list(topics))]
    if high_i2_only:
        rows = rows[rows["high_i2"]]
    return rows


def evidence_figure(
    table: pd.DataFrame | None = None, topics: Sequence[str] | None = None, high_i2_only: bool = False
) -> go.Figure:
    """Forest-style plot of pooled BDNF estimates: one trace (row) per estimate, two honest panels.

    Parameters
    ----------
    table : pandas.DataFrame, optional
        An :func:`evidence_table` (default: built from the dataset).
    topics : sequence of str, optional
        Keep only these topics (``"nutrition"``, ``"exercise"``, ...); default all.
    high_i2_only : bool
        Keep only estimates whose I² is 75% or more.

    Returns
    -------
    plotly.graph_objects.Figure
        Trace *i* is row *i* of the filtered table that has a panel; its ``meta`` holds the row's id.
    """
    table = evidence_table() if table is None else table
    rows = filter_estimates(table, topics, high_i2_only)
    drawn = rows[rows["panel"] != "not drawn"]
    listed = rows[rows["panel"] == "not drawn"]
    traces = []
    for r in drawn.itertuples():
        has_ci = not (pd.isna(r.ci_low) or pd.isna(r.ci_high))
        error = (
            dict(
                type="data",
                symmetric=False,
                array=[float(r.ci_high) - float(r.estimate)],
                arrayminus=[float(r.estimate) - float(r.ci_low)],
                thickness=2,
                width=6,
            )
            if has_ci
            else None
        )
        traces.append(
            go.Scatter(
                x=[float(r.estimate)],
                y=[r.label],
                mode="markers",
                name=r.name,
                showlegend=False,
                marker=dict(
                    color=TOPIC_COLOURS.get(r.topic, PALETTE["black"]),
                    size=11,
                    symbol="diamond" if r.high_i2 else "circle",
                ),
                error_x=error,
                hovertext=[r.hover],
                hoverinfo="text",
                meta=r.id,
                xaxis="x" if r.panel == "standardised" else "x2",
                yaxis="y",
            )
        )
    # Two panels side by side on one shared row axis (built by hand: make_subplots is slow for a live figure).
    zero = dict(
        type="line", x0=0, x1=0, y0=0, y1=1, yref="paper", line=dict(color=PALETTE["black"], dash="dot", width=1)
    )
    fig = CourseFigure(
        data=traces,
        layout=dict(
            xaxis=dict(
                domain=[0.0, 0.66], zeroline=False, nticks=5, tickangle=0, title="Standardised difference (SD units)"
            ),
            xaxis2=dict(domain=[0.71, 1.0], anchor="y", zeroline=False, nticks=3, tickangle=0, title=RAW_UNIT),
            yaxis=dict(autorange="reversed", automargin=True, tickfont=dict(size=12)),
            shapes=[dict(zero, xref="x"), dict(zero, xref="x2")],
        ),
    )
    note = ""
    if len(listed):
        items = [f"{r.name}: {r.metric} {_fmt(r.estimate)} ({r.unit})" for r in listed.itertuples()]
        note = "Not drawn, no shared unit: " + "; ".join(items) + "."
        fig.add_annotation(
            text="<i>Not drawn (no shared unit):</i><br>" + "<br>".join(items),
            xref="paper",
            yref="paper",
            x=1,
            y=-0.2,
            showarrow=False,
            xanchor="right",
            yanchor="top",
            align="right",
            font=dict(size=12),
        )
    colours = ", ".join(
        f"{TOPIC_LABELS.get(t, t).lower()} {name}"
        for t, name in [("nutrition", "vermillion"), ("exercise", "blue"), ("stress-sleep-heat", "green")]
        if t in set(rows["topic"])
    )
    nutrition = drawn[drawn["topic"] == "nutrition"]
    facts = "; ".join(
        f"{r.name}: {r.metric} {_fmt(r.estimate)} (95% CI {_fmt(r.ci_low)} to {_fmt(r.ci_high)}) "
        f"{'SD' if r.unit == 'SD' else r.unit}, I² {_fmt(r.i2_percent, 1)}%, {_fmt(r.studies, 0)} studies"
        for r in nutrition.itertuples()
    )
    alt = (
        f"Forest plot of {len(drawn)} pooled estimates of the change in blood BDNF, one row each, with 95% "
        "confidence intervals. Left panel: standardised differences in standard-deviation units; right panel: "
        f"differences in {RAW_UNIT}. Colours by topic: {colours}. Diamonds mark I² of 75% or more. "
        + (f"Nutrition estimates: {facts}. " if facts else "")
        + note
    )
    fig = base_layout(fig, "Pooled blood BDNF estimates, one row each", alt)
    fig.update_layout(
        height=max(380, 190 + 40 * max(1, len(drawn))),
        margin=dict(l=20, r=20, t=90, b=150),
        hoverlabel=dict(align="left"),
    )
    return fig


def evidence_static(table: pd.DataFrame | None = None) -> go.Figure:
    """The evidence figure with buttons: all estimates, each topic, and only those with I² ≥ 75%."""
    table = evidence_table() if table is None else table
    fig = evidence_figure(table)
    ids = [t.meta for t in fig.data]
    by_id = table.set_index("id")
    views = [("All", [True] * len(ids))]
    for topic in [t for t in TOPIC_LABELS if t in set(by_id.loc[ids, "topic"])]:
        views.append((TOPIC_LABELS[topic], [by_id.loc[i, "topic"] == topic for i in ids]))
    views.append(("I² ≥ 75%", [bool(by_id.loc[i, "high_i2"]) for i in ids]))
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
    if effect_id not in eff.index:
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
        Fixed y-axis range (the static figure keeps it constant while the slider moves).

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 is the prediction interval, trace 1 the published 95% CI, trace 2 the pooled estimate.
    """
    s = het.summarise(mean, ci_low, ci_high, k, i2)
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
    """Slider values of I² (fractions): :data:`I2_STEPS` plus the reported value, sorted."""
    steps = set(I2_STEPS)
    if reported is not None and not pd.isna(reported):
        steps.add(round(float(reported), 4))
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
