"""Chapter "Measuring BDNF in people": an effect size as pictures, and sample size and power (static and live).

Both static figures use a slider (:func:`~neurotrophins.figures.add_slider`) whose steps call
``Plotly.update``: they restyle the y-values of the traces that change and relayout the marker lines
and the text box, all computed ahead of time with :mod:`neurotrophins.models.effect_size`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from .._validate import check_range, check_steps
from ..data import load
from ..models import effect_size as es
from ._core import PALETTE, CourseFigure, add_slider, base_layout

#: Hedges' g values offered by the static effect-size slider.
EFFECT_SIZE_STEPS = np.round(np.arange(0.0, 1.501, 0.02), 2)
#: Differences (percent of the mean) offered by the static sample-size slider.
PERCENT_STEPS = np.round(np.arange(10.0, 50.01, 2.5), 1)
#: Coefficient of variation of serum BDNF between people in Naegelin et al. (2018), percent.
NAEGELIN_CV_PERCENT = 100 * es.NAEGELIN_SERUM_SD / es.NAEGELIN_SERUM_MEAN
#: Row of ``key_numbers`` with the group size Naegelin et al. (2018) report for detecting a 20 % change.
NAEGELIN_GROUP_SIZE_ID = "naegelin_group_size_20pct"


def naegelin_group_size() -> int:
    """Group size (people per group) that Naegelin et al. (2018) report for detecting a 20 % change.

    Read from ``key_numbers`` (row :data:`NAEGELIN_GROUP_SIZE_ID`) each time, so it has one home.
    """
    return int(load("key_numbers").set_index("id").loc[NAEGELIN_GROUP_SIZE_ID, "value"])


#: Legend in a row between the title and the plot, so that it never hides a curve.
_LEGEND_ON_TOP = dict(
    legend=dict(orientation="h", x=0, xanchor="left", y=1.02, yanchor="bottom", bgcolor="rgba(255,255,255,0)"),
    margin=dict(t=120),
)


def _rounded(y) -> list[float]:
    return np.round(np.asarray(y, dtype=float), 5).tolist()


# --- explorer 1: an effect size as pictures ----------------------------------------------------


def effect_size_summary(g: float, mean: float = es.NAEGELIN_SERUM_MEAN, sd: float = es.NAEGELIN_SERUM_SD) -> dict:
    """The numbers shown next to the effect-size picture, from the model.

    Parameters are those of :func:`effect_size_figure`. Returns a dict with ``g``, ``u3``,
    ``superiority`` and ``overlap`` (fractions), ``delta`` (ng/mL) and ``delta_percent`` (% of the mean).
    """
    g = check_range("g", g, *es.D_RANGE, unit="SD")
    mean = check_range("mean", mean, 0.01, es.CONCENTRATION_RANGE[1], unit="ng/mL")
    return {
        "g": g,
        "u3": float(es.cohens_u3(g)),
        "superiority": float(es.probability_of_superiority(g)),
        "overlap": float(es.overlap_coefficient(g)),
        "delta": float(es.difference_in_units(g, sd)),
        "delta_percent": 100 * float(es.difference_in_units(g, sd)) / mean,
    }


def _effect_text(s: dict) -> str:
    return (
        f"<b>g = {s['g']:.2f}</b><br>"
        f"Difference: {s['delta']:.1f} ng/mL ({s['delta_percent']:.0f}% of the mean)<br>"
        f"Treated above the control mean (U3): {s['u3']:.0%}<br>"
        f"Random treated > random control: {s['superiority']:.0%}<br>"
        f"Shared area of the curves (OVL): {s['overlap']:.0%}"
    )


def _effect_grid(mean: float, sd: float, g_max: float) -> np.ndarray:
    return np.round(np.linspace(max(0.0, mean - 4 * sd), mean + (4 + g_max) * sd, 161), 3)


def effect_size_figure(
    g: float = 0.46, mean: float = es.NAEGELIN_SERUM_MEAN, sd: float = es.NAEGELIN_SERUM_SD, g_max: float | None = None
) -> go.Figure:
    """Two normal curves of serum BDNF, a control group and a group shifted by g SDs.

    Trace 0 is the shared area (the overlap), trace 1 the control curve, trace 2 the shifted
    curve. Shapes 0 and 1 mark the two means; annotation 0 holds the numbers.

    Parameters
    ----------
    g : float
        Standardized difference (Hedges' g), -5 to 5.
    mean, sd : float
        Mean and between-person SD of the control group, ng/mL (Naegelin et al. 2018 by default).
    g_max : float, optional
        Largest g the x-axis must hold (for the static slider), 0 to 5 SD; defaults to max(|g|, 1.5).
    """
    summary = effect_size_summary(g, mean, sd)
    g, mean, sd = summary["g"], float(mean), check_range("sd", sd, *es.SD_RANGE, unit="ng/mL")
    g_max = max(abs(summary["g"]), 1.5) if g_max is None else check_range("g_max", g_max, 0.0, 5.0, unit="SD")
    x = _effect_grid(mean, sd, g_max)
    control = es.normal_pdf(x, mean, sd)
    treated = es.normal_pdf(x, mean + summary["delta"], sd)
    top = float(control.max()) * 1.9  # headroom for the numbers box
    fig = CourseFigure()
    fig.add_scatter(
        x=x,
        y=np.minimum(control, treated),
        name="Shared area",
        mode="lines",
        line=dict(width=0, color=PALETTE["yellow"]),
        fill="tozeroy",
        fillcolor="rgba(240, 228, 66, 0.6)",
        hoverinfo="skip",
    )
    fig.add_scatter(x=x, y=control, name="Control group", mode="lines", line=dict(color=PALETTE["blue"], width=3))
    fig.add_scatter(
        x=x,
        y=treated,
        name="Treated group (shifted by g)",
        mode="lines",
        line=dict(color=PALETTE["vermillion"], width=3, dash="dash"),
    )
    for where, colour in ((mean, PALETTE["blue"]), (mean + summary["delta"], PALETTE["vermillion"])):
        fig.add_shape(type="line", x0=where, x1=where, y0=0, y1=top, line=dict(color=colour, width=1, dash="dot"))
    fig.add_annotation(
        text=_effect_text(summary),
        xref="paper",
        yref="paper",
        x=0.99,
        y=0.97,
        xanchor="right",
        yanchor="top",
        align="left",
        showarrow=False,
        bgcolor="rgba(255,255,255,0.85)",
        bordercolor=PALETTE["black"],
        borderwidth=1,
    )
    fig.update_xaxes(title="Serum BDNF (ng/mL)", range=[float(x[0]), float(x[-1])])
    fig.update_yaxes(title="Share of people per ng/mL", range=[0, top], showticklabels=False)
    fig = base_layout(fig, "What an effect size looks like in serum BDNF", "")
    fig.update_layout(**_LEGEND_ON_TOP)
    alt = (
        f"Two bell curves of serum BDNF with a common SD of {sd:.2f} ng/mL: a control group centred on "
        f"{mean:.2f} ng/mL and a treated group shifted by g = {g:.2f}, that is {summary['delta']:.1f} ng/mL. "
        f"{summary['u3']:.0%} of the treated group lies above the control mean; a random treated person "
        f"beats a random control with probability {summary['superiority']:.0%}; the curves share "
        f"{summary['overlap']:.0%} of their area."
    )
    fig.layout.meta = {"alt": alt}
    return fig


def effect_size_static(
    mean: float = es.NAEGELIN_SERUM_MEAN,
    sd: float = es.NAEGELIN_SERUM_SD,
    gs: Sequence[float] = EFFECT_SIZE_STEPS,
    start: float = 0.46,
) -> go.Figure:
    """The effect-size figure with a slider over g, every step computed ahead of time.

    Parameters
    ----------
    mean, sd : float
        As in :func:`effect_size_figure`, ng/mL.
    gs : sequence of float
        The slider's values of g, -5 to 5 SD (at least one).
    start : float
        The slider starts at the step nearest to this g, -5 to 5 SD.
    """
    gs = check_steps("gs", gs, *es.D_RANGE, unit="SD")
    mean = check_range("mean", mean, 0.01, es.CONCENTRATION_RANGE[1], unit="ng/mL")
    sd = check_range("sd", sd, *es.SD_RANGE, unit="ng/mL")
    active = int(np.argmin(np.abs(np.array(gs) - check_range("start", start, *es.D_RANGE, unit="SD"))))
    g_max = max(abs(g) for g in gs)
    fig = effect_size_figure(gs[active], mean, sd, g_max=g_max)
    x = np.asarray(fig.data[1].x)
    control = es.normal_pdf(x, mean, sd)
    steps = []
    for g in gs:
        s = effect_size_summary(g, mean, sd)
        treated = es.normal_pdf(x, mean + s["delta"], sd)
        shifted = mean + s["delta"]
        steps.append(
            (
                f"{g:.2f}",
                {"y": [_rounded(np.minimum(control, treated)), _rounded(treated)]},
                {
                    "shapes[1].x0": round(shifted, 4),
                    "shapes[1].x1": round(shifted, 4),
                    "annotations[0].text": _effect_text(s),
                },
            )
        )
    fig.layout.meta = {
        "alt": fig.layout.meta["alt"] + f" A slider sets g from {gs[0]:.2f} to {gs[-1]:.2f}; "
        "the shifted curve and the numbers redraw."
    }
    return add_slider(fig, steps, active, "Hedges' g: ", traces=(0, 2), method="update")


# --- explorer 2: sample size and power ---------------------------------------------------------


def sample_size_summary(
    percent_difference: float = 20.0,
    cv_percent: float = NAEGELIN_CV_PERCENT,
    alpha: float = 0.05,
    power: float = 0.8,
    rho: float = 0.5,
) -> dict:
    """Required numbers of people for both designs, normal approximation and t correction.

    Parameters are those of :func:`sample_size_figure`. Returns a dict with the inputs, ``d`` and
    ``dz`` (SD units) and the four group sizes (people): ``n_groups``, ``n_groups_t``, ``n_paired``,
    ``n_paired_t``.

    Raises
    ------
    ValueError
        If a parameter is out of range, or the difference divided by the CV (the standardized difference
        d) is outside 0.01 to 50 SD; the message names the figure's own parameters.
    """
    percent_difference = check_range("percent_difference", percent_difference, *es.PERCENT_RANGE, unit="%")
    cv_percent = check_range("cv_percent", cv_percent, *es.CV_RANGE, unit="%")
    alpha = check_range("alpha", alpha, *es.ALPHA_RANGE)
    power = check_range("power", power, *es.POWER_RANGE)
    rho = check_range("rho", rho, *es.RHO_RANGE)
    d = percent_difference / cv_percent
    low, high = es.POSITIVE_D_RANGE
    if not low <= d <= high:
        raise ValueError(
            f"percent_difference / cv_percent (the standardized difference d) must be between {low:g} and "
            f"{high:g} SD; got {percent_difference:g} / {cv_percent:g} = {d:.3g} SD"
        )
    out = {
        "percent": float(percent_difference),
        "cv": float(cv_percent),
        "d": d,
        "alpha": alpha,
        "power": power,
        "rho": rho,
    }
    out["n_groups"] = es.sample_size_two_groups(d, alpha, power)
    out["n_groups_t"] = es.sample_size_two_groups(d, alpha, power, method="t")
    dz = float(es.paired_dz(d, rho))
    out["dz"] = dz
    if dz <= high:
        out["n_paired"] = es.sample_size_paired(d, rho, alpha, power)
        out["n_paired_t"] = es.sample_size_paired(d, rho, alpha, power, method="t")
    else:  # d_z above 50 SD: the smallest designs (2 people; 3 with the t correction) reach any power allowed
        out["n_paired"], out["n_paired_t"] = 2, 3
    return out


def _sample_text(s: dict) -> str:
    return (
        f"<b>{s['percent']:.1f}% difference, CV {s['cv']:.1f}% → d = {s['d']:.2f}</b><br>"
        f"Two groups: {s['n_groups']} per group ({2 * s['n_groups']} people); t correction {s['n_groups_t']}<br>"
        f"Before/after in one group (ρ = {s['rho']:.2f}): {s['n_paired']} people; "
        f"t correction {s['n_paired_t']}<br>"
        f"α = {s['alpha']:.2f} two-sided, power {s['power']:.0%}"
    )


def _n_grid(n_max: float) -> np.ndarray:
    return np.unique(np.round(np.linspace(2, n_max, 300))).astype(float)


def sample_size_figure(
    percent_difference: float = 20.0,
    cv_percent: float = NAEGELIN_CV_PERCENT,
    alpha: float = 0.05,
    power: float = 0.8,
    rho: float = 0.5,
    n_max: float | None = None,
    group_size: float | None = None,
) -> go.Figure:
    """Power against the number of people, for two groups and for a before/after design.

    Trace 0 is the two-group power curve, trace 1 the paired curve (normal approximation), trace
    2 the target power, trace 3 Naegelin et al.'s (2018) group size for a 20 % change. Shapes 0 and 1
    mark the required n of each design; annotation 0 holds the numbers.

    Parameters
    ----------
    percent_difference : float
        Difference to detect, percent of the control mean, 0.1 to 500.
    cv_percent : float
        Between-person SD as percent of the mean, 0.1 to 500 (Naegelin et al. 2018: 25.5).
    alpha : float
        Two-sided significance level, 0.001 to 0.2.
    power : float
        Wanted power, 0.5 to 0.999.
    rho : float
        Correlation between a person's two measurements in the paired design, -0.99 to 0.99.
    n_max : float, optional
        Largest n on the x-axis, 10 to 1e6 people; by default 120, or more (up to 5000) if a design
        needs more.
    group_size : float, optional
        Naegelin et al.'s group size, people (default: read with :func:`naegelin_group_size`; a live
        explorer passes it once).
    """
    s = sample_size_summary(percent_difference, cv_percent, alpha, power, rho)
    percent_difference, cv_percent, alpha, power, rho = (s[k] for k in ("percent", "cv", "alpha", "power", "rho"))
    if n_max is None:
        n_max = min(5000.0, max(120.0, 1.2 * max(s["n_groups"], s["n_paired"])))
    n = _n_grid(check_range("n_max", n_max, 10.0, 1e6, unit="people"))
    group = naegelin_group_size() if group_size is None else check_range("group_size", group_size, 2, 1e6, "people")
    fig = CourseFigure()
    fig.add_scatter(
        x=n,
        y=es.power_two_groups(s["d"], n, alpha),
        name="Two groups (n each)",
        mode="lines",
        line=dict(color=PALETTE["blue"], width=3),
    )
    fig.add_scatter(
        x=n,
        y=es.power_paired(s["d"], n, rho, alpha),
        name=f"Before/after, ρ = {rho:.2f}",
        mode="lines",
        line=dict(color=PALETTE["green"], width=3, dash="dash"),
    )
    fig.add_scatter(
        x=[n[0], n[-1]],
        y=[power, power],
        name=f"Power {power:.0%}",
        mode="lines",
        line=dict(color=PALETTE["black"], width=1, dash="dot"),
    )
    fig.add_scatter(
        x=[group, group],
        y=[0, 1],
        mode="lines",
        name=f"Naegelin 2018: {group:g}",
        line=dict(color=PALETTE["purple"], width=2, dash="dashdot"),
    )
    for key, colour in (("n_groups", PALETTE["blue"]), ("n_paired", PALETTE["green"])):
        fig.add_shape(type="line", x0=s[key], x1=s[key], y0=0, y1=power, line=dict(color=colour, width=1))
    fig.add_annotation(
        text=_sample_text(s),
        xref="paper",
        yref="paper",
        x=0.99,
        y=0.03,
        xanchor="right",
        yanchor="bottom",
        align="left",
        showarrow=False,
        bgcolor="rgba(255,255,255,0.85)",
        bordercolor=PALETTE["black"],
        borderwidth=1,
    )
    fig.update_xaxes(title="Number of people (per group, or in the before/after group)", range=[0, float(n[-1])])
    fig.update_yaxes(title="Power (chance of a significant result)", tickformat=".0%", range=[0, 1.02])
    alt = (
        f"Power curves against the number of people for detecting a {percent_difference:.1f}% difference in a "
        f"measure whose between-person SD is {cv_percent:.1f}% of its mean (d = {s['d']:.2f}), two-sided alpha "
        f"{alpha:.2f}. Two independent groups reach {power:.0%} power with {s['n_groups']} people per group "
        f"({s['n_groups_t']} with the t correction); a before/after design with a correlation of {rho:.2f} "
        f"needs {s['n_paired']} people ({s['n_paired_t']} with the t correction). A vertical line marks the group "
        f"size of {group:g} reported by Naegelin and colleagues for a 20% change."
    )
    fig = base_layout(fig, "How many people does a BDNF study need?", alt)
    return fig.update_layout(**_LEGEND_ON_TOP)


def sample_size_static(
    cv_percent: float = NAEGELIN_CV_PERCENT,
    alpha: float = 0.05,
    power: float = 0.8,
    rho: float = 0.5,
    percents: Sequence[float] = PERCENT_STEPS,
    start: float = 20.0,
) -> go.Figure:
    """The sample-size figure with a slider over the percentage difference, computed ahead of time.

    Parameters
    ----------
    cv_percent, alpha, power, rho : float
        As in :func:`sample_size_figure`.
    percents : sequence of float
        The slider's differences to detect, 0.1 to 500 % (at least one).
    start : float
        The slider starts at the step nearest to this difference, 0.1 to 500 %.
    """
    percents = check_steps("percents", percents, *es.PERCENT_RANGE, unit="%")
    active = int(np.argmin(np.abs(np.array(percents) - check_range("start", start, *es.PERCENT_RANGE, unit="%"))))
    smallest = sample_size_summary(min(percents), cv_percent, alpha, power, rho)
    n_max = min(5000.0, max(120.0, 1.2 * max(smallest["n_groups"], smallest["n_paired"])))
    fig = sample_size_figure(percents[active], cv_percent, alpha, power, rho, n_max, naegelin_group_size())
    n = np.asarray(fig.data[0].x)
    steps = []
    for p in percents:
        s = sample_size_summary(p, cv_percent, alpha, power, rho)
        steps.append(
            (
                f"{p:g}%",
                {
                    "y": [
                        _rounded(es.power_two_groups(s["d"], n, alpha)),
                        _rounded(es.power_paired(s["d"], n, rho, alpha)),
                    ]
                },
                {
                    "shapes[0].x0": s["n_groups"],
                    "shapes[0].x1": s["n_groups"],
                    "shapes[1].x0": s["n_paired"],
                    "shapes[1].x1": s["n_paired"],
                    "annotations[0].text": _sample_text(s),
                },
            )
        )
    fig.layout.meta = {
        "alt": fig.layout.meta["alt"] + f" A slider sets the difference from {percents[0]:g}% to {percents[-1]:g}%; "
        "the curves, markers and numbers redraw."
    }
    return add_slider(fig, steps, active, "Difference to detect: ", traces=(0, 1), method="update")
