"""HPG-axis chapter figures: hormones as % of the untreated steady state (static and live).

Every bar comes from :func:`neurotrophins.models.hpg.percent_of_baseline`. The static versions
evaluate the model over a grid of one input and attach a slider; the live version
(:func:`hpg_figure`) is what :mod:`neurotrophins.explorers.hpg` redraws.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from ..models import hpg
from ._core import PALETTE, CourseFigure, add_slider, base_layout

#: Bars shown for each sex: (key in the model output, label, colour).
BARS = {
    "male": [
        ("lh", "LH", PALETTE["blue"]),
        ("fsh", "FSH", PALETTE["sky_blue"]),
        ("testosterone", "Own<br>testosterone", PALETTE["vermillion"]),
        ("total_androgen", "Total<br>androgen", PALETTE["orange"]),
        ("estradiol", "Estradiol", PALETTE["purple"]),
    ],
    "female": [
        ("lh", "LH", PALETTE["blue"]),
        ("fsh", "FSH", PALETTE["sky_blue"]),
        ("estradiol", "Estradiol", PALETTE["purple"]),
    ],
}

#: The three static explorers: which input the slider moves, its grid, the sex and labels.
SCENARIOS = {
    "exogenous-androgen": dict(
        sex="male",
        parameter="exogenous_androgen",
        values=np.round(np.arange(0.0, 3.001, 0.25), 2),
        start=0.0,  # untreated: the learner predicts, then drags
        label=lambda v: f"{v:.2f} a.u.",
        prefix="Exogenous androgen exposure: ",
        title="Androgen from outside: the axis turns itself down",
    ),
    "aromatase-block": dict(
        sex="male",
        parameter="aromatase_activity",
        values=np.round(np.arange(1.0, -0.001, -0.1), 2),
        start=1.0,  # untreated
        label=lambda v: f"{1 - v:.0%}",
        prefix="Aromatase blocked by: ",
        title="Blocking aromatase: less estradiol, more testosterone",
    ),
    "ovarian-loss": dict(
        sex="female",
        parameter="gonadal_function",
        values=np.round(np.arange(1.0, -0.001, -0.1), 2),
        start=1.0,  # untreated
        label=lambda v: f"{v:.0%}",
        prefix="Ovarian function left: ",
        title="Losing ovarian estradiol: LH and FSH climb",
    ),
}

_Y_TITLE = "% of untreated steady state (dashed: 100%)"


def _percent(sex: str, **inputs) -> dict[str, float]:
    return {k: float(v) for k, v in hpg.percent_of_baseline(sex=sex, **inputs).items()}


def _describe(sex: str, pct: dict[str, float]) -> str:
    return "; ".join(f"{label.replace('<br>', ' ')} {pct[key]:.0f}%" for key, label, _ in BARS[sex])


def hpg_figure(
    exogenous_androgen: float = 0.0,
    aromatase_activity: float = 1.0,
    gonadal_function: float = 1.0,
    sex: str = "male",
    y_max: float | None = None,
) -> go.Figure:
    """Bar chart of each hormone as a percentage of the model's untreated steady state.

    Parameters
    ----------
    exogenous_androgen, aromatase_activity, gonadal_function, sex
        Inputs of :func:`neurotrophins.models.hpg.steady_state`.
    y_max : float, optional
        Upper end of the y-axis in percent; by default a little above the tallest bar (and at
        least 200).

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace (trace 0) and a dashed line at 100% (the untreated level).
    """
    pct = _percent(
        sex,
        exogenous_androgen=exogenous_androgen,
        aromatase_activity=aromatase_activity,
        gonadal_function=gonadal_function,
    )
    keys = [key for key, _, _ in BARS[sex]]
    labels = [label for _, label, _ in BARS[sex]]
    values = [round(pct[key], 1) for key in keys]
    fig = CourseFigure()
    fig.add_bar(
        x=labels,
        y=values,
        text=[f"{v:.0f}%" for v in values],
        textposition="outside",
        marker_color=[colour for _, _, colour in BARS[sex]],
        name="Model steady state",
        hovertemplate="%{x}: %{y:.0f}% of untreated<extra></extra>",
        cliponaxis=False,
    )
    fig.add_hline(y=100, line=dict(color=PALETTE["black"], dash="dash", width=1.5))
    top = y_max if y_max is not None else max(200.0, 1.15 * max(values))
    fig.update_yaxes(title=_Y_TITLE, range=[0, top], ticksuffix="%")
    fig.update_xaxes(title="", tickangle=0)
    fig.update_layout(showlegend=False)
    who = "male" if sex == "male" else "female"
    alt = (
        f"Bar chart from the HPG teaching model ({who} constants): exogenous androgen exposure "
        f"{exogenous_androgen:g} (arbitrary units), aromatase activity {aromatase_activity:.0%} of normal, "
        f"gonadal function {gonadal_function:.0%} of normal. As a percentage of the untreated steady state: "
        f"{_describe(sex, pct)}. A dashed line marks 100%."
    )
    return base_layout(fig, "HPG teaching model: hormones relative to the untreated state", alt)


def scenario_static(scenario: str, values: Sequence[float] | None = None) -> go.Figure:
    """A :func:`hpg_figure` with a slider over one input, every step computed by the model.

    Parameters
    ----------
    scenario : {"exogenous-androgen", "aromatase-block", "ovarian-loss"}
        Which input the slider moves (see :data:`SCENARIOS`).
    values : sequence of float, optional
        Grid of the input; defaults to the scenario's grid.

    Raises
    ------
    ValueError
        If the scenario is unknown.
    """
    if scenario not in SCENARIOS:
        raise ValueError(f"scenario must be one of {', '.join(SCENARIOS)}; got {scenario!r}")
    spec = SCENARIOS[scenario]
    sex, parameter = spec["sex"], spec["parameter"]
    grid = [float(v) for v in (spec["values"] if values is None else values)]
    keys = [key for key, _, _ in BARS[sex]]
    rows = [_percent(sex, **{parameter: v}) for v in grid]
    heights = [np.array([row[k] for k in keys]) for row in rows]
    active = int(np.argmin(np.abs(np.array(grid) - spec["start"])))
    y_max = max(200.0, 1.15 * max(float(h.max()) for h in heights))
    fig = hpg_figure(sex=sex, y_max=y_max, **{parameter: grid[active]})
    steps = [(spec["label"](v), np.round(h, 1)) for v, h in zip(grid, heights, strict=True)]
    add_slider(fig, 0, steps, active, spec["prefix"])
    # Bar labels follow the slider: add the text of each step to its restyle arguments.
    slider = fig.layout.sliders[0]
    new_steps = []
    for step, h in zip(slider.steps, heights, strict=True):
        restyle = dict(step.args[0])
        restyle["text"] = [[f"{v:.0f}%" for v in h]]
        new_steps.append(dict(method="restyle", label=step.label, args=[restyle, list(step.args[1])]))
    fig.update_layout(sliders=[dict(slider.to_plotly_json(), steps=new_steps)], title=spec["title"])
    first, last = grid[0], grid[-1]
    fig.layout.meta = {
        "alt": fig.layout.meta["alt"]
        + f" A slider ({spec['prefix'].rstrip(': ').lower()}) runs from {spec['label'](first)} to"
        + f" {spec['label'](last)}; at the far end: {_describe(sex, rows[-1])}."
    }
    return fig
