"""Pure functions from data or model parameters to plotly figures.

Every explorer has two front-ends built here from the same model call:

* a *static* figure: the model evaluated on a grid of parameter values, packed into one plotly
  figure whose slider restyles the curve. It needs no kernel, so it stays interactive in the
  online book, offline, and in any notebook viewer;
* a *live* figure for one parameter set, which :mod:`neurotrophins.explorers` redraws whenever an
  ipywidgets control moves.

Importing this module also registers the ``course`` plotly renderer (see :func:`use_course_renderer`).
"""

from __future__ import annotations

import html
import sys
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer

from .models import neurogenesis as ng

#: Okabe-Ito colours: distinguishable with the common forms of colour blindness.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}

_PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}


class CourseRenderer(MimetypeRenderer):
    """Render a figure as a ``<div>`` plus a ``Plotly.newPlot`` call, with no plotly.js inlined.

    The book's Sphinx extension (:mod:`neurotrophins.book`) serves plotly.js once per page that has
    a figure, from the installed plotly package. The figure's text alternative (``layout.meta.alt``)
    is written next to the plot for screen readers.
    """

    def to_mimebundle(self, fig_dict):  # noqa: D102 - plotly's renderer interface
        meta = fig_dict.get("layout", {}).get("meta") or {}
        alt = meta.get("alt", "") if isinstance(meta, dict) else ""
        div = pio.to_html(
            fig_dict,
            include_plotlyjs=False,
            include_mathjax=False,
            full_html=False,
            config=_PLOTLY_CONFIG,
            auto_play=False,
            validate=False,
        )
        desc = f'<p class="course-figure-alt visually-hidden">{html.escape(alt)}</p>' if alt else ""
        return {"text/html": f'<div class="course-figure">{desc}{div}</div>'}


def use_course_renderer() -> None:
    """Make plotly show figures in a way that works in Jupyter, Colab and the static book.

    In Jupyter the ``plotly_mimetype`` output is drawn by JupyterLab's plotly extension; the
    ``course`` HTML next to it is what the book shows. Colab has no plotly mimetype renderer, so
    there the ``colab`` renderer is used.
    """
    pio.renderers["course"] = CourseRenderer()
    pio.renderers.default = "colab" if "google.colab" in sys.modules else "plotly_mimetype+course"


use_course_renderer()


def _base_layout(fig: go.Figure, title: str, alt: str) -> go.Figure:
    fig.update_layout(
        title=title,
        template="plotly_white",
        font=dict(size=14),
        margin=dict(l=70, r=30, t=70, b=60),
        legend=dict(yanchor="top", y=0.98, xanchor="left", x=0.02, bgcolor="rgba(255,255,255,0.85)"),
        meta={"alt": alt},
    )
    return fig


def add_slider(
    fig: go.Figure,
    trace_index: int,
    steps: Sequence[tuple[str, np.ndarray]],
    active: int,
    prefix: str,
) -> go.Figure:
    """Attach a slider that swaps the y-values of one trace between precomputed arrays.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The figure; it is changed in place and returned.
    trace_index : int
        Index of the trace whose ``y`` each step replaces.
    steps : sequence of (label, y)
        One slider step per precomputed curve, in slider order.
    active : int
        Index of the step shown first; ``fig.data[trace_index].y`` is set to it.
    prefix : str
        Text shown before the current step's label.
    """
    if not steps:
        raise ValueError("steps must hold at least one (label, y) pair; got none")
    if not 0 <= active < len(steps):
        raise ValueError(f"active must be between 0 and {len(steps) - 1}; got {active}")
    fig.data[trace_index].y = steps[active][1]
    fig.update_layout(
        sliders=[
            dict(
                active=active,
                currentvalue=dict(prefix=prefix),
                pad=dict(t=50),
                # Plain lists, rounded: plotly.js restyles with them as they are, and they keep the page small.
                steps=[
                    dict(method="restyle", label=label,
                         args=[{"y": [np.round(np.asarray(y, dtype=float), 6).tolist()]}, [trace_index]])
                    for label, y in steps
                ],
            )
        ],
        margin=dict(b=140),
    )
    return fig


def neurogenesis_figure(
    turnover_per_year: float = ng.SPALDING_TURNOVER_PER_YEAR,
    renewing_fraction: float = ng.SPALDING_RENEWING_FRACTION,
    onset_age_years: float = 18.0,
) -> go.Figure:
    """Adult-born share of hippocampal neurons by age: a chosen scenario against two readings.

    Trace 0 is the chosen scenario; trace 1 is Spalding et al. (2013); trace 2 is the near-zero
    turnover implied by Sorrells et al. (2018).
    """
    ages = np.arange(0, 91, 1.0)
    scenario = ng.adult_born_fraction(ages, turnover_per_year, renewing_fraction, onset_age_years)
    spalding = ng.adult_born_fraction(ages, onset_age_years=onset_age_years)
    fig = go.Figure()
    fig.add_scatter(x=ages, y=scenario, name="Your scenario", mode="lines",
                    line=dict(color=PALETTE["vermillion"], width=4))
    fig.add_scatter(x=ages, y=spalding, name="Spalding 2013 (¹⁴C dating)", mode="lines",
                    line=dict(color=PALETTE["blue"], width=2, dash="dash"))
    fig.add_scatter(x=ages, y=np.zeros_like(ages), name="Sorrells 2018 (no young neurons found)",
                    mode="lines", line=dict(color=PALETTE["black"], width=2, dash="dot"))
    fig.update_xaxes(title="Age (years)", range=[0, 90])
    fig.update_yaxes(title="Adult-born share of neurons", tickformat=".0%",
                     range=[0, 0.4])
    alt = (
        "Line chart of the share of hippocampal neurons born after age "
        f"{onset_age_years:g}, from age 0 to 90. The scenario curve uses a yearly turnover of "
        f"{turnover_per_year:.2%} within a renewing fraction of {renewing_fraction:.0%}; at age 90 it "
        f"reaches {scenario[-1]:.1%}. The Spalding 2013 curve reaches {spalding[-1]:.1%}; the "
        "Sorrells 2018 reading stays at zero."
    )
    return _base_layout(fig, "How much of the hippocampus could be adult-born?", alt)


#: Turnover values offered by the static explorer's slider (per year).
NEUROGENESIS_STEPS = np.round(np.arange(0.0, 0.0401, 0.0025), 4)


def neurogenesis_static(
    renewing_fraction: float = ng.SPALDING_RENEWING_FRACTION,
    onset_age_years: float = 18.0,
    turnovers: Sequence[float] = NEUROGENESIS_STEPS,
) -> go.Figure:
    """The neurogenesis figure with a slider over yearly turnover, computed ahead of time."""
    turnovers = [float(t) for t in turnovers]
    active = int(np.argmin(np.abs(np.array(turnovers) - ng.SPALDING_TURNOVER_PER_YEAR)))
    fig = neurogenesis_figure(turnovers[active], renewing_fraction, onset_age_years)
    ages = np.asarray(fig.data[0].x)
    steps = [
        (f"{t:.2%}", ng.adult_born_fraction(ages, t, renewing_fraction, onset_age_years))
        for t in turnovers
    ]
    fig.layout.meta = {
        "alt": fig.layout.meta["alt"]
        + " A slider sets the yearly turnover from 0% to 4%; the scenario curve redraws."
    }
    return add_slider(fig, 0, steps, active, "Yearly turnover in the renewing fraction: ")
