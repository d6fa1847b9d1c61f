"""One forest plot of ``data/effect_sizes.csv``, shared by the exercise and the nutrition chapters.

:func:`forest_table` prepares the rows: a label from :func:`neurotrophins.references.short_citation`
plus what was measured, the panel of the row's unit, and hover text. :func:`forest_figure` draws one
trace per row (estimate and 95% CI) coloured by a column of the chapter's choice. Standardised
differences (:data:`STANDARDISED_METRICS`, units of a standard deviation) share the left panel;
differences in :data:`RAW_UNIT` get a panel of their own, because the two kinds of number cannot share
an axis; an estimate in any other unit is listed under the plot, not drawn.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .._validate import check_choice, check_flag
from ..data import load
from ..references import short_citation
from ._core import PALETTE, CourseFigure, base_layout

#: Metrics in standard-deviation units, which can share one axis.
STANDARDISED_METRICS = ("SMD", "Hedges g", "ES")
#: Unit of the raw-difference panel.
RAW_UNIT = "pg/mL"
#: I² (percent) from which an estimate counts as highly heterogeneous.
HIGH_I2_PERCENT = 75.0
#: What a row measured, shown under its citation where the intervention text would not tell rows of one
#: review apart (keyed by ``effect_sizes`` id); other rows show the start of their intervention text.
ROW_WORDS = {
    "szuhany_single_session": "one session",
    "szuhany_session_after_training": "session after training",
    "szuhany_resting_after_training": "resting after training",
    "dinoff2017_acute": "one session",
    "dinoff2016_overall": "all programmes",
    "dinoff2016_aerobic": "aerobic programmes",
    "dinoff2016_resistance": "resistance programmes",
    "garciasuarez2021_overall": "intervals, all analyses",
    "garciasuarez2021_acute": "one interval session",
    "garciasuarez2021_chronic": "interval programmes",
}
#: How a diamond marker is used: for I² of 75% or more, or for an estimate published without a CI.
DIAMONDS = ("high_i2", "no_ci")


def _short(text: str, width: int = 36) -> str:
    head = str(text).split(" vs ")[0].split(":")[0].split(",")[0].strip()
    return head if len(head) <= width else head[: width - 1].rstrip() + "…"


def _fmt(value, digits: int = 2) -> str:
    return "not reported" if pd.isna(value) else f"{float(value):,.{digits}f}"


def forest_table(effects: pd.DataFrame | None = None, references: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows of ``effect_sizes`` ready to plot, in the table's order.

    Parameters
    ----------
    effects : pandas.DataFrame, optional
        Rows of ``effect_sizes`` (default: the whole table, loaded and validated).
    references : pandas.DataFrame, optional
        The ``references`` table (default: loaded), for the citations.

    Returns
    -------
    pandas.DataFrame
        The ``effect_sizes`` columns (text columns as ``str``) plus ``citation`` ("Dinoff et al. 2016"),
        ``label`` (unique; citation and what was measured on two lines), ``name`` (the label on one
        line), ``panel`` (``"standardised"``, ``"raw"`` or ``"not drawn"``), ``has_ci``, ``high_i2``
        and ``hover``.
    """
    effects = load("effect_sizes") if effects is None else effects
    refs = (load("references") if references is None else references).set_index("key", drop=False)
    table = effects.copy()
    for col in ("topic", "paradigm", "population", "compartment", "metric", "unit"):
        table[col] = table[col].astype(str)
    table["citation"] = [short_citation(refs.loc[r]) for r in table["reference"]]
    labels = [
        f"{c}<br>{ROW_WORDS.get(i) or _short(s)}"
        for i, c, s in zip(table["id"], table["citation"], table["intervention"], strict=True)
    ]
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):  # keep labels unique: they are the rows of the plot
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            labels[i] = f"{label} ({table['paradigm'].iloc[i]})"
    table["label"] = labels
    table["name"] = [label.replace("<br>", ", ") for label in labels]
    standardised = table["metric"].isin(STANDARDISED_METRICS)
    table["panel"] = np.where(standardised, "standardised", np.where(table["unit"] == RAW_UNIT, "raw", "not drawn"))
    table["has_ci"] = table["ci_low"].notna() & table["ci_high"].notna()
    table["high_i2"] = table["i2_percent"].fillna(-1).astype(float) >= HIGH_I2_PERCENT
    table["hover"] = [
        f"<b>{r.citation}</b><br>{r.intervention}<br>{r.metric} {_fmt(r.estimate)} "
        + (f"(95% CI {_fmt(r.ci_low)} to {_fmt(r.ci_high)})" if r.has_ci else "(no CI published)")
        + f" {'SD units' if r.unit == 'SD' else r.unit}<br>"
        f"I² {_fmt(r.i2_percent, 1)}{'%' if not pd.isna(r.i2_percent) else ''} · "
        f"studies {_fmt(r.studies, 0)} · participants {_fmt(r.participants, 0)}<br>"
        f"{r.population} · {r.compartment} · {r.paradigm}"
        for r in table.itertuples()
    ]
    return table.reset_index(drop=True)


def filter_rows(
    table: pd.DataFrame,
    topics: Sequence[str] | None = None,
    paradigms: Sequence[str] | None = None,
    high_i2_only: bool = False,
) -> pd.DataFrame:
    """Rows of a :func:`forest_table` for some topics and paradigms and, optionally, only those with I² ≥ 75%.

    Raises
    ------
    ValueError
        If a topic or paradigm is not in the table; the message lists those that are.
    """
    rows = table
    for column, wanted in (("topic", topics), ("paradigm", paradigms)):
        if wanted is None:
            continue
        if isinstance(wanted, str):
            wanted = [wanted]
        unknown = set(wanted) - set(table[column])
        if unknown:
            raise ValueError(f"{column}s must be among {sorted(set(table[column]))}; got {sorted(unknown)}")
        rows = rows[rows[column].isin(list(wanted))]
    return rows[rows["high_i2"]] if check_flag("high_i2_only", high_i2_only) else rows


def _marker(row, colour: str, diamonds: str) -> dict:
    if diamonds == "high_i2":
        symbol = "diamond" if row.high_i2 else "circle"
    else:
        symbol = "circle" if row.has_ci else "diamond-open"
    return dict(color=colour, size=12, symbol=symbol, line=dict(width=2, color=colour))


def _error(row, colour: str) -> dict:
    if not row.has_ci:
        return dict(visible=False)
    return dict(
        type="data",
        symmetric=False,
        visible=True,
        array=[round(float(row.ci_high) - float(row.estimate), 3)],
        arrayminus=[round(float(row.estimate) - float(row.ci_low), 3)],
        color=colour,
        thickness=2,
        width=6,
    )


def _facts(row) -> str:
    ci = f" (95% CI {_fmt(row.ci_low)} to {_fmt(row.ci_high)})" if row.has_ci else " (no CI)"
    i2 = f", I² {_fmt(row.i2_percent, 1)}%" if not pd.isna(row.i2_percent) else ""
    return f"{row.name}: {row.metric} {_fmt(row.estimate)}{ci} {'SD' if row.unit == 'SD' else row.unit}{i2}"


def forest_figure(
    rows: pd.DataFrame,
    groups: Mapping[str, tuple[str, str]],
    group_by: str = "topic",
    diamonds: str = "high_i2",
    title: str = "Pooled blood BDNF estimates, one row each",
    x_range: tuple[float, float] | None = None,
) -> go.Figure:
    """Forest plot of pooled BDNF estimates: one trace per row, top to bottom in the order of ``rows``.

    Parameters
    ----------
    rows : pandas.DataFrame
        Rows of a :func:`forest_table` (filter or sort it first).
    groups : mapping
        For every value of ``rows[group_by]``: its legend name and its colour.
    group_by : str
        Column that sets the colour and the legend entry (``"topic"`` or ``"paradigm"``).
    diamonds : {"high_i2", "no_ci"}
        ``"high_i2"``: a diamond marks an I² of 75% or more. ``"no_ci"``: an open diamond marks an
        estimate published without a confidence interval (every row without a CI has no bar either way).
    title : str
        Title of the figure.
    x_range : (float, float), optional
        Fixed range of the standardised axis, in SD units (so that a filtered view keeps its scale).

    Returns
    -------
    plotly.graph_objects.Figure
        Trace *i* is the *i*-th drawn row; its ``meta`` holds the row's id and its ``legendgroup`` the
        row's ``group_by`` value.

    Raises
    ------
    ValueError
        If ``diamonds`` or ``group_by`` is unknown, or a group has no legend name and colour.
    """
    check_choice("diamonds", diamonds, DIAMONDS)
    check_choice("group_by", group_by, ("topic", "paradigm"))
    missing = sorted(set(rows[group_by]) - set(groups))
    if missing:
        raise ValueError(f"groups must give a legend name and a colour for every {group_by}; missing: {missing}")
    drawn = rows[rows["panel"] != "not drawn"]
    listed = rows[rows["panel"] == "not drawn"]
    has_raw = bool((drawn["panel"] == "raw").any())
    # The legend shows each group with its plain marker: the first row that is not a diamond, if any.
    plain = drawn["has_ci"] if diamonds == "no_ci" else ~drawn["high_i2"]
    in_legend = set(drawn[plain].drop_duplicates(group_by)["id"])
    in_legend |= set(drawn[~drawn[group_by].isin(drawn.loc[plain, group_by])].drop_duplicates(group_by)["id"])
    traces = []
    for r in drawn.itertuples():
        value = getattr(r, group_by)
        name, colour = groups[value]
        traces.append(
            go.Scatter(
                x=[float(r.estimate)],
                y=[r.label],
                mode="markers",
                name=name,
                legendgroup=value,
                showlegend=r.id in in_legend,
                visible=True,
                marker=_marker(r, colour, diamonds),
                error_x=_error(r, colour),
                hovertext=[r.hover],
                hoverinfo="text",
                meta=r.id,
                xaxis="x2" if r.panel == "raw" else "x",
            )
        )
    # Two panels side by side on one shared row axis (built by hand: make_subplots is slow for a live figure).
    zero = dict(type="line", x0=0, x1=0, y0=0, y1=1, yref="paper", line=dict(color=PALETTE["black"], dash="dot"))
    layout = dict(
        xaxis=dict(
            domain=[0.0, 0.66 if has_raw else 1.0],
            zeroline=False,
            tickangle=0,
            range=list(x_range) if x_range else None,
            title="Standardised difference (SD units)",
        ),
        yaxis=dict(autorange="reversed", type="category", automargin=True, tickfont=dict(size=12)),
        shapes=[dict(zero, xref="x")],
    )
    if has_raw:
        layout["xaxis2"] = dict(domain=[0.71, 1.0], anchor="y", zeroline=False, nticks=3, tickangle=0, title=RAW_UNIT)
        layout["shapes"].append(dict(zero, xref="x2"))
    fig = CourseFigure(data=traces, layout=layout)
    note = ""
    if len(listed):
        items = [f"{r.name}: {r.metric} {_fmt(r.estimate)} ({r.unit})" for r in listed.itertuples()]
        note = " Not drawn, no shared unit: " + "; ".join(items) + "."
        fig.add_annotation(  # under the x-axis title, in pixels, whatever the figure's height
            text="<i>Not drawn (no shared unit):</i><br>" + "<br>".join(items),
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-58,
            showarrow=False,
            xanchor="left",
            yanchor="top",
            align="left",
            font=dict(size=12),
        )
    marks = "Diamonds: I² of 75% or more." if diamonds == "high_i2" else "Open diamonds: no CI published."
    by_group = " ".join(
        f"{groups[g][0].capitalize()} estimates: " + "; ".join(_facts(r) for r in part.itertuples()) + "."
        for g, part in drawn.groupby(group_by, sort=False)
    )
    alt = (
        f"Forest plot of {len(drawn)} pooled estimates of the change in blood BDNF, one row each, with 95% "
        "confidence intervals where published (estimates without one have no bar). "
        + (
            f"Left panel: standardised differences in SD units; right panel: differences in {RAW_UNIT}. "
            if has_raw
            else ""
        )
        + f"Colours by {group_by}: {', '.join(groups[g][0] for g in dict.fromkeys(drawn[group_by]))}. "
        + f"{marks} {by_group}{note}"
    )
    fig = base_layout(fig, title, alt)
    bottom = 120 + (18 * (len(listed) + 1) if len(listed) else 0)  # axis title, the note, the legend
    fig.update_layout(
        height=max(380, 160 + bottom + 36 * max(1, len(drawn))),
        margin=dict(l=20, r=20, t=90, b=bottom),
        hoverlabel=dict(align="left"),
        legend=dict(
            orientation="h",
            x=0,
            xanchor="left",
            yref="container",
            y=0,
            yanchor="bottom",
            font=dict(size=12),
            title=dict(text=f"Colour: {group_by}. {marks}", side="top", font=dict(size=12)),
        ),
    )
    return fig
