"""Figures for the stress, sleep and heat chapter.

* Core temperature during and after hot-water immersion (teaching model of
  :mod:`neurotrophins.models.heat`): a live figure for one parameter set, and a static figure whose
  two sliders (water temperature, time in the water) switch between curves computed ahead of time.
* Serum and plasma BDNF before and after whole-body, leg-only and no heating (Ogawa et al. 2021,
  from ``key_numbers``): a live figure for one compartment, and a static one with buttons.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .._validate import check_choice, check_range, check_steps, check_whole
from ..data import load
from ..models import heat
from ..models.stress import percent_change
from ._core import PALETTE, CourseFigure, add_buttons, add_slider, base_layout

#: Minutes since entering the water shown by the heat figures.
TIME_MIN = np.arange(0.0, 121.0, 1.0)
#: Water temperatures offered by the static figure's first slider (°C).
WATER_STEPS = np.round(np.arange(34.0, 42.01, 0.5), 1)
#: Times in the water offered by the static figure's second slider (minutes).
IMMERSION_STEPS = (5, 10, 15, 20, 30, 45, 60)
Y_RANGE_C = (36.0, 42.0)

_CAVEAT = "Illustrative parameters; not a guide to safe exposure."


def _heat_shapes(immersion_min: float) -> list[dict]:
    """Shaded bands: raised core temperature, the heatstroke range, and the time in the water."""
    band = dict(type="rect", xref="paper", x0=0, x1=1, layer="below", line=dict(width=0))
    return [
        dict(band, y0=heat.RAISED_C, y1=heat.HEATSTROKE_C, fillcolor=PALETTE["orange"], opacity=0.18),
        dict(band, y0=heat.HEATSTROKE_C, y1=Y_RANGE_C[1], fillcolor=PALETTE["vermillion"], opacity=0.22),
        dict(
            type="rect",
            xref="x",
            yref="paper",
            x0=0,
            x1=float(immersion_min),
            y0=0,
            y1=1,
            layer="below",
            line=dict(width=0),
            fillcolor=PALETTE["sky_blue"],
            opacity=0.18,
        ),
        dict(
            type="line",
            xref="paper",
            x0=0,
            x1=1,
            y0=heat.BASELINE_C,
            y1=heat.BASELINE_C,
            line=dict(color=PALETTE["black"], width=1, dash="dot"),
        ),
    ]


def _heat_annotations(immersion_min: float) -> list[dict]:
    text = dict(xref="paper", x=0.99, xanchor="right", showarrow=False, font=dict(size=12))
    return [
        dict(text, y=(heat.HEATSTROKE_C + Y_RANGE_C[1]) / 2, text=f"Heatstroke usually above {heat.HEATSTROKE_C:g} °C"),
        dict(
            text,
            y=(heat.RAISED_C + heat.HEATSTROKE_C) / 2,
            text=f"Raised core temperature (band from {heat.RAISED_C:g} °C is illustrative)",
        ),
        dict(
            xref="x",
            yref="paper",
            x=float(immersion_min) / 2,
            y=0.02,
            yanchor="bottom",
            text="in the water" if immersion_min >= 10 else "",
            showarrow=False,
            font=dict(size=12),
        ),
    ]


def _heat_axes(fig: go.Figure, immersion_min: float) -> go.Figure:
    fig.update_xaxes(title="Minutes since entering the water", range=[TIME_MIN[0], TIME_MIN[-1]])
    fig.update_yaxes(title="Core temperature (°C)", range=list(Y_RANGE_C))
    fig.update_layout(shapes=_heat_shapes(immersion_min), annotations=_heat_annotations(immersion_min))
    return fig


def _heat_alt(water_temp_c: float, immersion_min: float, curve: np.ndarray) -> str:
    return (
        f"Line chart of the teaching model's core temperature over {TIME_MIN[-1]:g} minutes: "
        f"{immersion_min:g} minutes in water at {water_temp_c:g} °C, then cooling in air. It starts at "
        f"{curve[0]:.1f} °C, peaks at {curve.max():.1f} °C on leaving the water and is back to "
        f"{curve[-1]:.1f} °C at {TIME_MIN[-1]:g} minutes. Shaded bands mark a raised core temperature "
        f"from {heat.RAISED_C:g} °C (illustrative) and the range above {heat.HEATSTROKE_C:g} °C where "
        f"heatstroke usually lies. {_CAVEAT}"
    )


def heat_figure(
    water_temp_c: float = 40.0,
    immersion_min: float = 20.0,
    heating_time_constant_min: float = heat.HEATING_TIME_CONSTANT_MIN,
) -> go.Figure:
    """Core temperature during ``immersion_min`` minutes in water at ``water_temp_c``, then in air.

    Trace 0 is the model curve; the shaded bands are layout shapes.
    """
    curve = heat.core_temperature(
        TIME_MIN, water_temp_c, immersion_min, heating_time_constant_min=heating_time_constant_min
    )
    fig = CourseFigure()
    fig.add_scatter(
        x=TIME_MIN,
        y=curve,
        mode="lines",
        line=dict(color=PALETTE["vermillion"], width=4),
        name=f"{immersion_min:g} min in {water_temp_c:g} °C water",
    )
    _heat_axes(fig, immersion_min)
    alt = _heat_alt(water_temp_c, immersion_min, curve)
    return base_layout(fig, "Core temperature in hot water: a teaching model", alt)


def heat_static(
    water_steps: Sequence[float] = WATER_STEPS,
    immersion_steps: Sequence[int] = IMMERSION_STEPS,
    water_temp_c: float = 40.0,
    immersion_min: int = 20,
) -> go.Figure:
    """The heat figure with two sliders, every curve computed ahead of time by the model.

    There is one trace per time in the water (only the chosen one is visible). The first slider
    (water temperature) replaces the y-values of every trace; the second (time in the water) shows
    the matching trace and moves the "in the water" band.

    Parameters
    ----------
    water_steps : sequence of float
        Water temperatures of the first slider, 20 to 45 °C (at least one).
    immersion_steps : sequence of int
        Times in the water of the second slider, whole minutes from 0 to 240 (at least one).
    water_temp_c : float
        The water temperature shown first; one of ``water_steps``.
    immersion_min : int
        The time in the water shown first; one of ``immersion_steps``.
    """
    waters = check_steps("water_steps", water_steps, *heat.WATER_RANGE, unit="°C")
    steps = check_steps("immersion_steps", immersion_steps, *heat.IMMERSION_RANGE, unit="min")
    durations = [check_whole("immersion_steps", d, *heat.IMMERSION_RANGE, "min") for d in steps]
    if check_range("water_temp_c", water_temp_c, *heat.WATER_RANGE, unit="°C") not in waters:
        raise ValueError(
            f"water_temp_c must be one of water_steps ({waters[0]:g} to {waters[-1]:g} °C); got {water_temp_c}"
        )
    if check_range("immersion_min", immersion_min, *heat.IMMERSION_RANGE, unit="min") not in durations:
        raise ValueError(f"immersion_min must be one of immersion_steps {durations}; got {immersion_min}")
    # One model call for the whole grid, water temperature x time in the water x time: the model's core, as the
    # steps were checked above and the body's constants are the model's defaults.
    grid = np.round(
        heat.temperature_curve(
            TIME_MIN,
            np.array(waters)[:, None, None],
            np.array(durations, dtype=float)[:, None],
            heat.BASELINE_C,
            heat.NEUTRAL_WATER_C,
            heat.PLATEAU_GAIN,
            heat.HEATING_TIME_CONSTANT_MIN,
            heat.COOLING_TIME_CONSTANT_MIN,
        ),
        3,
    )
    fig = CourseFigure()
    for k, d in enumerate(durations):
        fig.add_scatter(
            x=TIME_MIN,
            y=grid[waters.index(water_temp_c), k],
            mode="lines",
            line=dict(color=PALETTE["vermillion"], width=4),
            name=f"{d} min in the water",
            visible=d == immersion_min,
        )
    _heat_axes(fig, immersion_min)
    traces = range(len(durations))
    below = dict(x=0, len=1, yanchor="top", pad=dict(t=30))
    water = [(f"{w:g} °C", {"y": list(curves)}) for w, curves in zip(waters, grid, strict=True)]
    add_slider(fig, water, waters.index(water_temp_c), "Water temperature: ", traces, y=-0.14, **below)
    times = [
        (
            f"{d} min",
            {"visible": [d == other for other in durations]},
            {"shapes": _heat_shapes(d), "annotations": _heat_annotations(d)},
        )
        for d in durations
    ]
    add_slider(fig, times, durations.index(immersion_min), "Time in the water: ", traces, "update", y=-0.52, **below)
    fig.update_layout(height=720, margin=dict(b=250))
    curve = heat.core_temperature(TIME_MIN, water_temp_c, immersion_min)
    alt = (
        _heat_alt(water_temp_c, immersion_min, curve)
        + f" Two sliders set the water temperature ({waters[0]:g} to {waters[-1]:g} °C) and the time in "
        f"the water ({durations[0]} to {durations[-1]} minutes); the curve redraws."
    )
    return base_layout(fig, "Core temperature in hot water: a teaching model", alt)


#: Conditions of the passive-heating study (Ogawa et al. 2021), in plotting order.
HEATING_CONDITIONS = (
    ("whole", "Whole body heated", PALETTE["vermillion"]),
    ("legs", "Legs only heated", PALETTE["blue"]),
    ("control", "No heating (control)", PALETTE["black"]),
)
COMPARTMENTS = ("serum", "plasma")


def heating_bdnf_table(numbers: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tidy table of Ogawa et al. (2021): BDNF before and after each condition, from ``key_numbers``.

    Columns: ``condition``, ``label``, ``compartment``, ``before``, ``before_sd``, ``after``,
    ``after_sd`` (ng/mL, mean and SD), ``change_percent`` (of the means), and the study's
    ``minutes`` of heating and number of ``participants``.
    """
    if numbers is None:
        numbers = load("key_numbers").set_index("id")
    rows = []
    for cond, label, _ in HEATING_CONDITIONS:
        for comp in COMPARTMENTS:
            before = numbers.loc[f"ogawa_{cond}_{comp}_before"]
            after = numbers.loc[f"ogawa_{cond}_{comp}_after"]
            rows.append(
                dict(
                    condition=cond,
                    label=label,
                    compartment=comp,
                    before=float(before["value"]),
                    before_sd=float(before["spread"]),
                    after=float(after["value"]),
                    after_sd=float(after["spread"]),
                )
            )
    table = pd.DataFrame(rows)
    table["change_percent"] = percent_change(table["before"], table["after"])
    table["minutes"] = int(numbers.loc["ogawa_heating_minutes", "value"])
    table["participants"] = int(numbers.loc["ogawa_participants", "value"])
    return table


def _heating_traces(fig: go.Figure, table: pd.DataFrame, compartment: str) -> None:
    minutes = int(table["minutes"].iloc[0])
    for k, (cond, label, colour) in enumerate(HEATING_CONDITIONS):
        row = table[(table["condition"] == cond) & (table["compartment"] == compartment)].iloc[0]
        offset = (k - 1) * 0.06
        fig.add_scatter(
            x=[offset, 1 + offset],
            y=[row["before"], row["after"]],
            mode="lines+markers",
            name=f"{label} ({compartment})",
            line=dict(color=colour, width=3),
            marker=dict(size=10),
            error_y=dict(type="data", array=[row["before_sd"], row["after_sd"]], thickness=1.5, width=6),
            hovertemplate=f"{label}<br>%{{y:.2f}} ng/mL<extra>{compartment}</extra>",
        )
    fig.update_xaxes(tickvals=[0, 1], ticktext=["Before", f"After {minutes} min"], range=[-0.3, 1.3])


def _heating_legend(fig: go.Figure) -> go.Figure:
    """Legend in one row under the x-axis, clear of the error bars."""
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.15, xanchor="left", x=0), margin=dict(b=110))
    return fig


def _heating_alt(table: pd.DataFrame, compartments: Sequence[str]) -> str:
    parts = []
    for comp in compartments:
        sub = table[table["compartment"] == comp]
        parts.append(
            f"{comp.capitalize()} BDNF: "
            + "; ".join(
                f"{r.label.lower()} {r.before:g} to {r.after:g} ng/mL ({r.change_percent:+.0f}%)"
                for r in sub.itertuples()
            )
            + "."
        )
    return (
        f"Before-and-after chart of mean BDNF (error bars: one standard deviation) in "
        f"{table['participants'].iloc[0]} active men, {table['minutes'].iloc[0]} minutes per condition, "
        "Ogawa et al. 2021. "
        + " ".join(parts)
        + " The whole-body rises were statistically significant; the leg-only changes were not."
    )


def heating_bdnf_figure(compartment: str = "serum", table: pd.DataFrame | None = None) -> go.Figure:
    """Mean BDNF before and after whole-body, leg-only and no heating, for one compartment."""
    check_choice("compartment", compartment, COMPARTMENTS)
    table = heating_bdnf_table() if table is None else table
    fig = CourseFigure()
    _heating_traces(fig, table, compartment)
    fig.update_yaxes(title=f"{compartment.capitalize()} BDNF (ng/mL)", rangemode="tozero")
    base_layout(fig, "Heating the whole body, or only the legs", _heating_alt(table, [compartment]))
    return _heating_legend(fig)


def heating_bdnf_static(table: pd.DataFrame | None = None, active: str = "serum") -> go.Figure:
    """Serum and plasma versions of the heating figure in one figure, with a button for each (``active`` first)."""
    check_choice("active", active, COMPARTMENTS)
    table = heating_bdnf_table() if table is None else table
    fig = CourseFigure()
    for comp in COMPARTMENTS:
        _heating_traces(fig, table, comp)
    n = len(HEATING_CONDITIONS)
    fig.update_yaxes(title="BDNF (ng/mL)", rangemode="tozero")
    base_layout(
        fig,
        "Heating the whole body, or only the legs",
        _heating_alt(table, COMPARTMENTS) + " Buttons switch between serum and plasma.",
    )
    buttons = [(comp.capitalize(), [i // n == j for i in range(len(fig.data))]) for j, comp in enumerate(COMPARTMENTS)]
    add_buttons(fig, buttons, active=COMPARTMENTS.index(active), title="Measured in:")
    fig.update_layout(margin=dict(l=120))  # room for the button row's title
    return _heating_legend(fig)
