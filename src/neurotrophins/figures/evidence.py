"""Synthesis chapter figure: the evidence map, every claim by topic and grade (static and live).

One marker per claim of ``data/claims.csv``: grade across (very low to high), topic down; colour
*and* marker shape give the verdict (so colour is never the only cue); filled markers are the source
article's claims, open markers the course's own. Hovering shows the statement, verdict, grade,
origin and references. Claims sharing a cell are spread on a small grid
(:func:`neurotrophins.evidence_summary.place_claims`), so none hides another.

Traces, in order: one legend-only trace per verdict (it carries the legend entry, and its
``legendgroup`` lets a click on the legend hide that verdict), then one trace per verdict and origin
("source article" then "course") holding the points. The static figure adds buttons that show all
claims, only the source article's or only the course's; the live explorer redraws
:func:`evidence_map_figure` with other filters.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import evidence_summary as es
from ._core import PALETTE, CourseFigure, add_buttons, base_layout

#: Colour (Okabe-Ito) and marker symbol of each verdict, best to worst.
VERDICT_STYLE = {
    "supported": (PALETTE["green"], "circle"),
    "partly supported": (PALETTE["blue"], "diamond"),
    "weak or preliminary": (PALETTE["sky_blue"], "square"),
    "animal only": (PALETTE["orange"], "triangle-up"),
    "unverified": (PALETTE["purple"], "star"),
    "unsupported": (PALETTE["vermillion"], "x"),
    "contradicted": (PALETTE["black"], "cross"),
}

#: Legend text of the two origins; filled markers for the source article, open for the course.
ORIGIN_LABEL = {"source article": "source article", "course": "course"}

_ASPECT = 2.5  # width of one grade column / height of one topic row, on screen (see height below)
_HEIGHT = 760
_WRAP = 64
_LEGEND_TITLE = "Verdict. Filled markers: the source article's claims;<br>open markers: the course's own claims."


def _hover(row) -> str:
    who = f"Source article, claim {row.source_id}" if row.origin == "source article" else "Course claim"
    statement = "<br>".join(textwrap.wrap(str(row.statement), _WRAP))
    refs = "<br>".join(textwrap.wrap(str(row.references) or "none", _WRAP))
    return (
        f"<b>{who}</b><br>{statement}<br>"
        f"<b>Verdict:</b> {row.verdict} · <b>grade:</b> {row.grade}<br>"
        f"<b>References:</b> {refs}<br><i>{row.id}</i>"
    )


def _load() -> pd.DataFrame:
    return es.claims_with_references()


def evidence_map_figure(
    topic: str = es.ALL,
    origin: str = es.ALL,
    min_grade: str = "very low",
    claims: pd.DataFrame | None = None,
) -> go.Figure:
    """The evidence map for the claims that pass the filters.

    Parameters
    ----------
    topic, origin, min_grade : str
        Filters, as in :func:`neurotrophins.evidence_summary.filter_claims` (``"all"`` keeps every
        topic or origin; ``"very low"`` keeps every grade).
    claims : pandas.DataFrame, optional
        Claims with a ``references`` column, as
        :func:`~neurotrophins.evidence_summary.claims_with_references` returns; loaded from ``data/``
        when omitted (pass it when drawing many times: loading validates three tables).

    Returns
    -------
    plotly.graph_objects.Figure
        7 legend traces, then 14 point traces (verdict x origin); traces that no claim fills are
        empty, so the trace layout is the same for any filter.
    """
    claims = _load() if claims is None else claims
    shown = es.filter_claims(claims, topic, origin, min_grade)
    pos = es.place_claims(shown, aspect=_ASPECT)
    verdicts = shown["verdict"].astype(str).to_numpy()
    origins = shown["origin"].astype(str).to_numpy()
    x, y = pos["x"].to_numpy(), pos["y"].to_numpy()
    ids = shown["id"].astype(str).to_numpy()
    hover = np.array([_hover(r) for r in shown.itertuples()], dtype=object)
    traces = [
        dict(
            type="scatter",
            x=[None],
            y=[None],
            mode="markers",
            name=verdict,
            legendgroup=verdict,
            marker=dict(color=colour, symbol=symbol, size=12, line=dict(color=colour, width=1)),
            hoverinfo="skip",
        )
        for verdict, (colour, symbol) in VERDICT_STYLE.items()
    ]
    for verdict, (colour, symbol) in VERDICT_STYLE.items():
        for org in es.ORIGINS:
            sel = (verdicts == verdict) & (origins == org)
            filled = org == "source article"
            traces.append(
                dict(
                    type="scatter",
                    x=x[sel].tolist(),
                    y=y[sel].tolist(),
                    mode="markers",
                    name=f"{verdict} ({org})",
                    legendgroup=verdict,
                    showlegend=False,
                    customdata=ids[sel].tolist(),
                    hovertext=hover[sel].tolist(),
                    hoverinfo="text",
                    marker=dict(
                        color=colour,
                        symbol=symbol if filled else f"{symbol}-open",
                        size=11,
                        line=dict(color=colour, width=1 if filled else 2),
                    ),
                )
            )
    fig = CourseFigure(dict(data=traces, layout=_layout()))
    return base_layout(fig, "The evidence map: every claim by topic and certainty", _alt(claims, shown)).update_layout(
        legend=dict(
            orientation="h",
            x=0,
            xanchor="left",
            y=-0.1,
            yanchor="top",
            bgcolor="rgba(255,255,255,0)",
            title=dict(text=_LEGEND_TITLE, side="top", font=dict(size=13)),
        ),
        margin=dict(l=150, r=20, b=60),
    )


def _layout() -> dict:
    topics = list(es.TOPIC_LABELS)
    n_grades = len(es.GRADES)
    grid = dict(showgrid=True, gridcolor="#d9d9d9", ticks="")
    return dict(
        height=_HEIGHT,
        hovermode="closest",
        hoverlabel=dict(align="left", bgcolor="white", font_size=13),
        xaxis=dict(
            title="Certainty of the evidence (grade)",
            range=[-0.5, n_grades - 0.5],
            tickvals=list(range(n_grades)),
            ticktext=list(es.GRADES),
            showgrid=False,
            zeroline=False,
            fixedrange=True,
            minor=dict(grid, tickvals=[g + 0.5 for g in range(n_grades - 1)]),
        ),
        yaxis=dict(
            range=[-len(topics) + 0.5, 0.5],
            tickvals=[-i for i in range(len(topics))],
            ticktext=list(es.TOPIC_LABELS.values()),
            showgrid=False,
            zeroline=False,
            fixedrange=True,
            minor=dict(grid, tickvals=[-t - 0.5 for t in range(len(topics) - 1)]),
        ),
    )


def _alt(claims: pd.DataFrame, shown: pd.DataFrame) -> str:
    source = claims[claims["origin"].astype(str) == "source article"]
    very_low = int((source["grade"].astype(str) == "very low").sum())
    low = int((source["grade"].astype(str) == "low").sum())
    supported = int((source["verdict"].astype(str) == "supported").sum())
    counts = shown["verdict"].astype(str).value_counts()
    by_verdict = ", ".join(f"{counts.get(v, 0)} {v}" for v in VERDICT_STYLE)
    return (
        f"Scatter chart of {len(shown)} claims of the course's evidence dataset, placed by topic (rows: "
        f"{', '.join(es.TOPIC_LABELS.values())}) and by grade of the evidence (columns: very low, low, "
        f"moderate, high). Colour and marker shape show the verdict: {by_verdict}. Of the source article's "
        f"{len(source)} claims, {supported} are supported as stated; {very_low} are graded very low and {low} "
        "low."
    )


def evidence_map_static(claims: pd.DataFrame | None = None) -> go.Figure:
    """The evidence map of every claim, with buttons: all claims, source article only, course only."""
    claims = _load() if claims is None else claims
    fig = evidence_map_figure(claims=claims)
    n_verdicts = len(VERDICT_STYLE)
    origins = [None] * n_verdicts + [org for _ in VERDICT_STYLE for org in es.ORIGINS]
    n_source = int((claims["origin"].astype(str) == "source article").sum())
    views = [
        ("All claims", [True] * len(origins)),
        (f"Source article ({n_source})", [o is None or o == "source article" for o in origins]),
        ("Course's own", [o is None or o == "course" for o in origins]),
    ]
    fig.layout.meta = {
        "alt": fig.layout.meta["alt"] + " Buttons show all claims, only the source "
        "article's or only the course's own; clicking a verdict in the legend hides it."
    }
    return add_buttons(fig, views, active=0, title="Show: ")
