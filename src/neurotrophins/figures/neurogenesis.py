"""Chapter 1 figure: how much of the hippocampus could be adult-born (static and live)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from .._validate import check_steps
from ..models import neurogenesis as ng
from ._core import PALETTE, CourseFigure, add_slider, base_layout


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
    fig = CourseFigure()
    fig.add_scatter(
        x=ages, y=scenario, name="Your scenario", mode="lines", line=dict(color=PALETTE["vermillion"], width=4)
    )
    fig.add_scatter(
        x=ages,
        y=spalding,
        name="Spalding 2013 (¹⁴C dating)",
        mode="lines",
        line=dict(color=PALETTE["blue"], width=2, dash="dash"),
    )
    fig.add_scatter(
        x=ages,
        y=np.zeros_like(ages),
        name="Sorrells 2018 (no young neurons found)",
        mode="lines",
        line=dict(color=PALETTE["black"], width=2, dash="dot"),
    )
    fig.update_xaxes(title="Age (years)", range=[0, 90])
    fig.update_yaxes(title="Adult-born share of neurons", tickformat=".0%", range=[0, 0.4])
    alt = (
        "Line chart of the share of hippocampal neurons born after age "
        f"{onset_age_years:g}, from age 0 to 90. The scenario curve uses a yearly turnover of "
        f"{turnover_per_year:.2%} within a renewing fraction of {renewing_fraction:.0%}; at age 90 it "
        f"reaches {scenario[-1]:.1%}. The Spalding 2013 curve reaches {spalding[-1]:.1%}; the "
        "Sorrells 2018 reading stays at zero."
    )
    return base_layout(fig, "How much of the hippocampus could be adult-born?", alt)


#: Turnover values offered by the static explorer's slider (per year).
NEUROGENESIS_STEPS = np.round(np.arange(0.0, 0.0401, 0.0025), 4)


def neurogenesis_static(
    renewing_fraction: float = ng.SPALDING_RENEWING_FRACTION,
    onset_age_years: float = 18.0,
    turnovers: Sequence[float] = NEUROGENESIS_STEPS,
) -> go.Figure:
    """The neurogenesis figure with a slider over yearly turnover, computed ahead of time.

    Parameters
    ----------
    renewing_fraction, onset_age_years : float
        As in :func:`neurogenesis_figure`.
    turnovers : sequence of float
        The slider's yearly turnovers, 0 to 0.1 per year (at least one).
    """
    turnovers = check_steps("turnovers", turnovers, *ng.TURNOVER_RANGE, unit="per year")
    active = int(np.argmin(np.abs(np.array(turnovers) - ng.SPALDING_TURNOVER_PER_YEAR)))
    fig = neurogenesis_figure(turnovers[active], renewing_fraction, onset_age_years)
    ages = np.asarray(fig.data[0].x)
    # One model call for the whole grid, a column of turnovers against the row of ages: the model's core, as every
    # argument was checked above (the steps here, the others by neurogenesis_figure).
    curves = ng.adult_born_share(ages, np.array(turnovers)[:, None], float(renewing_fraction), float(onset_age_years))
    steps = [(f"{t:.2%}", {"y": [y]}) for t, y in zip(turnovers, curves, strict=True)]
    fig.layout.meta = {
        "alt": fig.layout.meta["alt"] + " A slider sets the yearly turnover from 0% to 4%; the scenario curve redraws."
    }
    return add_slider(fig, steps, active, "Yearly turnover in the renewing fraction: ")
