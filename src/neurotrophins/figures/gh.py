"""GH/IGF-1 chapter figures: a day of GH pulses under drug scenarios and with age (static and live).

Every value shown is relative to a reference run of the same model (% of baseline, arbitrary
units): the model is a teaching model and says nothing about doses.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from ..models import gh
from ._core import PALETTE, CourseFigure, add_buttons, add_slider, base_layout

#: Measures in the bar panel, in order: (key of :func:`neurotrophins.models.gh.relative_to`, label).
MEASURES = (
    ("mean_gh", "Mean<br>GH"),
    ("mean_igf1", "Mean<br>IGF-1"),
    ("night_peak", "Night<br>peak"),
    ("trough", "Trough"),
)
#: Ages offered by the static age explorer's slider, years.
AGE_STEPS = np.arange(20, 81, 5)
#: Age of the reference (young adult) curve in the age explorer, years.
YOUNG_AGE = 20.0

#: The day is drawn from noon to noon, so that the night (and its GH pulse) sits in the middle.
_START_H = 12.0
_HOURS = list(range(12, 37, 6))
_SCENARIO_COLOURS = {
    "Baseline": PALETTE["black"],
    "Long-acting GHRH analogue": PALETTE["blue"],
    "Secretagogue pulse": PALETTE["vermillion"],
    "Both": PALETTE["purple"],
}


def _sleep_shapes() -> list[dict]:
    """A shaded band for the hours of sleep (23:00 to 07:00) on the noon-to-noon axis."""
    return [
        dict(
            type="rect",
            xref="x",
            yref="paper",
            x0=gh.SLEEP_ONSET_H,
            x1=24.0 + 7.0,
            y0=0,
            y1=1,
            layer="below",
            fillcolor=PALETTE["sky_blue"],
            opacity=0.15,
            line_width=0,
        )
    ]


def _day_axis(**extra) -> dict:
    return dict(
        title="Clock time (shaded: asleep)",
        range=[_START_H, _START_H + 24],
        tickvals=_HOURS,
        ticktext=[f"{h % 24:02d}:00" for h in _HOURS],
        **extra,
    )


def _noon_to_noon(values: np.ndarray) -> np.ndarray:
    """Reorder one day of samples (from midnight) to run from noon to noon."""
    return np.roll(values, -int(round(_START_H / gh.DT_H)))


def _clock_axis() -> np.ndarray:
    """x-values of one day drawn from noon to noon (12 to 36 hours)."""
    return np.round(_START_H + np.arange(int(round(24 / gh.DT_H))) * gh.DT_H, 4)


def _percent_of(run: gh.AxisDays, reference: gh.AxisDays) -> np.ndarray:
    """GH of ``run`` over one day (noon to noon) in % of the daily mean of ``reference``."""
    return np.round(_noon_to_noon(100.0 * run.gh / reference.mean_gh), 2)


def gh_figure(
    age_years: float = 60.0,
    ghrh_analogue: float = 0.0,
    secretagogue: float = 0.0,
    somatostatin: float = 1.0,
    name: str = "Your scenario",
) -> go.Figure:
    """One day of GH for a scenario against the baseline at the same age, and four summary bars.

    Trace 0 is the baseline GH profile (no drug, baseline somatostatin), trace 1 the scenario's
    profile, both in % of the baseline's daily mean; trace 2 holds the scenario's mean GH, mean
    IGF-1, night peak and trough in % of the baseline's.
    """
    base = gh.simulate_axis(age_years=age_years)
    run = gh.simulate_axis(age_years, ghrh_analogue, secretagogue, somatostatin)
    rel = gh.relative_to(run, base)
    clock = _clock_axis()
    values = [round(rel[key], 1) for key, _ in MEASURES]
    # Axes laid out by hand: make_subplots and add_vrect would triple the time of a live redraw.
    fig = CourseFigure(
        layout=dict(
            xaxis=_day_axis(domain=[0.0, 0.6]),
            yaxis=dict(title="GH (% of baseline daily mean)", rangemode="tozero"),
            xaxis2=dict(domain=[0.7, 1.0], anchor="y2", title="% of baseline", tickangle=0),
            yaxis2=dict(anchor="x2", range=[0, max(250.0, 1.15 * max(values))]),
            shapes=[
                *_sleep_shapes(),
                dict(
                    type="line",
                    xref="x2 domain",
                    yref="y2",
                    x0=0,
                    x1=1,
                    y0=100,
                    y1=100,
                    line=dict(color=PALETTE["black"], width=1, dash="dot"),
                ),
            ],
        )
    )
    fig.add_scatter(
        x=clock,
        y=_percent_of(base, base),
        name="Baseline",
        mode="lines",
        line=dict(color=PALETTE["black"], width=2, dash="dash"),
    )
    fig.add_scatter(
        x=clock, y=_percent_of(run, base), name=name, mode="lines", line=dict(color=PALETTE["vermillion"], width=3)
    )
    fig.add_bar(
        x=[label for _, label in MEASURES],
        y=values,
        name=f"{name} (% of baseline)",
        marker_color=PALETTE["vermillion"],
        text=[f"{v:.0f}%" for v in values],
        textposition="outside",
        showlegend=False,
        xaxis="x2",
        yaxis="y2",
    )
    alt = (
        f"Two panels for a teaching model at age {age_years:g}. Left: growth hormone from noon to noon as a "
        "percentage of the baseline's daily mean, with pulses every few hours and the largest pulse "
        "an hour after sleep onset at 23:00; the baseline is dashed. Right: bars for the scenario "
        f"(GHRH analogue {ghrh_analogue:g}, secretagogue pulse {secretagogue:g}, somatostatin "
        f"tone {somatostatin:g} times baseline): mean GH {values[0]:.0f}%, mean IGF-1 {values[1]:.0f}%, "
        f"night peak {values[2]:.0f}% and trough {values[3]:.0f}% of baseline. Arbitrary units; not doses."
    )
    fig = base_layout(fig, "A day of growth hormone in a teaching model", alt)
    fig.update_layout(legend=dict(orientation="h", x=0.0, y=-0.3, yanchor="top"), height=520, margin=dict(b=130))
    return fig


def gh_scenarios_static(age_years: float = 60.0) -> go.Figure:
    """The GH figure with one button per teaching scenario, computed ahead of time.

    Trace 0 is the baseline profile (always shown) and trace 1 the baseline's bars (all 100%);
    each further scenario adds a profile and a bar trace. A button shows the baseline profile
    plus the chosen scenario's profile and bars.
    """
    names = list(gh.SCENARIOS)
    fig = gh_figure(age_years, name="Baseline")
    fig.data = (fig.data[0], fig.data[2])
    fig.data[1].marker.color = _SCENARIO_COLOURS["Baseline"]
    for name in names[1:]:
        one = gh_figure(**gh.scenario_params(name, age_years), name=name)
        line, bars = one.data[1], one.data[2]
        line.line.color = bars.marker.color = _SCENARIO_COLOURS[name]
        fig.add_traces([line, bars])
    buttons = []
    for k, name in enumerate(names):
        visible = [False] * len(fig.data)
        visible[0] = True
        if k == 0:
            visible[1] = True
        else:
            visible[2 * k] = visible[2 * k + 1] = True
        buttons.append((name, visible))
    results = gh.compare_scenarios(age_years)
    top = max(max(r[key] for key, _ in MEASURES) for r in results.values())
    fig.update_layout(yaxis2=dict(range=[0, max(250.0, 1.15 * top)]))
    analogue, pulse, both = (results[n] for n in names[1:])
    fig.layout.meta = {
        "alt": (
            f"Two panels for a teaching model at age {age_years:g}, with four buttons: baseline, long-acting "
            "GHRH analogue, secretagogue pulse, and both. Left: growth hormone from noon to noon as a percentage "
            "of the baseline's daily mean, baseline dashed. Right: mean GH, mean IGF-1, night peak and trough "
            f"as a percentage of baseline. GHRH analogue: the pulses are unchanged on a raised floor; mean GH "
            f"{analogue['mean_gh']:.0f}%, IGF-1 {analogue['mean_igf1']:.0f}%, trough {analogue['trough']:.0f}%. "
            f"Secretagogue pulse: mean GH {pulse['mean_gh']:.0f}%, IGF-1 "
            f"{pulse['mean_igf1']:.0f}%. Both: mean GH {both['mean_gh']:.0f}%, IGF-1 {both['mean_igf1']:.0f}%. "
            "Arbitrary units; not doses."
        )
    }
    fig.update_layout(title="Drug scenarios in a teaching model (% of baseline, not doses)")
    return add_buttons(fig, buttons, active=0, title="Scenario:")


def gh_age_figure(age_years: float = 60.0) -> go.Figure:
    """GH over one day at an age against a young adult, in % of the young adult's daily mean.

    Trace 0 is the chosen age; trace 1 the young adult (``YOUNG_AGE``).
    """
    young = gh.simulate_axis(age_years=YOUNG_AGE)
    run = gh.simulate_axis(age_years=age_years)
    rel = gh.relative_to(run, young)
    clock = _clock_axis()
    fig = CourseFigure()
    fig.add_scatter(
        x=clock,
        y=_percent_of(run, young),
        name=f"Age {age_years:g}",
        mode="lines",
        line=dict(color=PALETTE["vermillion"], width=3),
    )
    fig.add_scatter(
        x=clock,
        y=_percent_of(young, young),
        name=f"Age {YOUNG_AGE:g}",
        mode="lines",
        line=dict(color=PALETTE["blue"], width=2, dash="dash"),
    )
    fig.update_layout(
        xaxis=_day_axis(),
        shapes=_sleep_shapes(),
        yaxis=dict(title=f"GH, % of a {YOUNG_AGE:g}-year-old's daily mean", rangemode="tozero"),
    )
    alt = (
        "Line chart of growth hormone from noon to noon in a teaching model, as a percentage of a "
        f"{YOUNG_AGE:g}-year-old's daily mean. The nocturnal pulse shrinks in proportion to deep "
        f"slow-wave sleep (Van Cauter 2000). At age {age_years:g} the night peak is "
        f"{rel['night_peak']:.0f}% and mean GH {rel['mean_gh']:.0f}% of the {YOUNG_AGE:g}-year-old's; "
        "daytime pulses do not change."
    )
    return base_layout(fig, "Growth hormone and age in a teaching model", alt)


def gh_age_static(ages: Sequence[float] = AGE_STEPS, active_age: float = 60.0) -> go.Figure:
    """The age figure with a slider over age, computed ahead of time from the same model."""
    ages = [float(a) for a in ages]
    active = int(np.argmin(np.abs(np.array(ages) - active_age)))
    fig = gh_age_figure(ages[active])
    young = gh.simulate_axis(age_years=YOUNG_AGE)
    steps = [(f"{a:g} years", _percent_of(gh.simulate_axis(age_years=a), young)) for a in ages]
    fig.layout.meta = {
        "alt": fig.layout.meta["alt"]
        + f" A slider sets the age from {ages[0]:g} to {ages[-1]:g} years; the curve redraws."
    }
    fig = add_slider(fig, 0, steps, active, "Age: ")
    # Each step also renames the curve. Besides labelling it, this keeps plotly.js from moving the slider
    # by itself: with a y-only step it binds the slider to the curve and, as the model's curves are identical
    # from midlife on, jumps to the last identical step (80 years) when the page loads.
    for step, age in zip(fig.layout.sliders[0].steps, ages, strict=True):
        step.args = ({**step.args[0], "name": [f"Age {age:g}"]}, *step.args[1:])
    return fig
