"""Exercise chapter figures: a forest plot of meta-analytic effects and the acute-response explorer.

Both come in two front-ends: a static figure (buttons and a slider computed ahead of time, so it
stays interactive in the offline book) and a live figure for one parameter set, which
:mod:`neurotrophins.explorers.exercise` redraws from ipywidgets controls.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..data import load
from ..models import exercise as ex
from ._core import PALETTE, CourseFigure, add_buttons, add_slider, base_layout

#: Metrics in standard-deviation units, which can share one axis.
STANDARDIZED_METRICS = ("SMD", "Hedges g", "ES")

#: Paradigms offered by the forest plot's buttons, with their colours.
PARADIGMS = {
    "single session": PALETTE["vermillion"],
    "session after training": PALETTE["orange"],
    "resting after training": PALETTE["blue"],
    "mixed": PALETTE["black"],
}

#: Row labels of the forest plot, keyed by effect_sizes id.
FOREST_LABELS = {
    "szuhany_single_session": "Szuhany 2015<br>one session",
    "szuhany_session_after_training": "Szuhany 2015<br>session after training",
    "szuhany_resting_after_training": "Szuhany 2015<br>resting after training",
    "dinoff2017_acute": "Dinoff 2017<br>one session",
    "dinoff2016_overall": "Dinoff 2016<br>all programmes",
    "dinoff2016_aerobic": "Dinoff 2016<br>aerobic programmes",
    "dinoff2016_resistance": "Dinoff 2016<br>resistance programmes",
    "garciasuarez2021_overall": "García-Suárez 2021<br>intervals, all analyses",
    "garciasuarez2021_acute": "García-Suárez 2021<br>one interval session",
    "garciasuarez2021_chronic": "García-Suárez 2021<br>interval programmes",
}


@functools.lru_cache(maxsize=1)
def _exercise_effects() -> pd.DataFrame:
    """The effect_sizes table, loaded and validated once per session (the live dropdown redraws often)."""
    return load("effect_sizes")


def forest_rows(effects: pd.DataFrame | None = None) -> pd.DataFrame:
    """Exercise effects in SD units, ready for the forest plot, in plotting order.

    Rows of ``effect_sizes`` with topic ``exercise`` and a standardized metric (SMD, Hedges' g,
    ES). Raw mean differences (Zhou 2022) are left out: their unit is a concentration, not an SD.
    Adds ``label`` and ``has_ci`` (False where the paper published no confidence interval).
    """
    eff = _exercise_effects() if effects is None else effects
    rows = eff[(eff["topic"] == "exercise") & eff["metric"].isin(STANDARDIZED_METRICS)].copy()
    rows["label"] = [FOREST_LABELS.get(i, i) for i in rows["id"]]
    rows["has_ci"] = rows["ci_low"].notna() & rows["ci_high"].notna()
    order = {p: n for n, p in enumerate(PARADIGMS)}
    rows["_order"] = rows["paradigm"].astype(str).map(order)
    return rows.sort_values(["_order", "estimate"], kind="stable").drop(columns="_order").reset_index(drop=True)


def modality_table() -> pd.DataFrame:
    """The source article's modality table (its mechanism and its outcome) next to the evidence, one row per kind."""
    tab = load("exercise_modalities")
    return pd.DataFrame(
        {
            "Exercise": tab["modality"].astype(str).str.capitalize(),
            "The article's mechanism": tab["source_mechanism"],
            "The article's outcome": tab["source_outcome"],
            "What the evidence shows": tab["evidence"],
        }
    )


#: Rows of the "38%" table (Murawska-Ciałowicz et al. 2021): training group -> the key_numbers ids of
#: its BDNF change right after the graded test before and after training and after the Wingate test
#: before training; None where the abstract gives no figure (no significant rise).
MURAWSKA_ROWS = {
    "HIIT (intervals)": ("murawska_hiit_gxt_before", "murawska_hiit_gxt_after", "murawska_hiit_want_before"),
    "HIPT (power)": ("murawska_hipt_gxt_before", None, "murawska_hipt_want_before"),
    "HIFT (functional)": ("murawska_hift_gxt_before", "murawska_hift_gxt_after", "murawska_hift_want_before"),
    "HIET (endurance)": ("murawska_hiet_gxt_before", None, "murawska_hiet_want_before"),
}
#: Changes the abstract reports as not significant.
MURAWSKA_NOT_SIGNIFICANT = {"murawska_hiet_gxt_before", "murawska_hiit_want_before"}
MURAWSKA_COLUMNS = ("Graded test, before training", "Graded test, after 9 weeks", "Wingate test, before training")


def murawska_table() -> pd.DataFrame:
    """BDNF change right after each test, by training group and stage, from ``key_numbers``."""
    numbers = load("key_numbers").set_index("id")["value"]

    def shown(key):
        if key is None:
            return "n.s."
        return f"{numbers[key]:+.0%}".replace("-", "\u2212") + (" n.s." if key in MURAWSKA_NOT_SIGNIFICANT else "")

    return pd.DataFrame(
        [(group, *(shown(k) for k in keys)) for group, keys in MURAWSKA_ROWS.items()],
        columns=["Training group", *MURAWSKA_COLUMNS],
    )


def styled(table: pd.DataFrame):
    """A table for the page: no index column, text aligned left and to the top of each cell."""
    return table.style.hide(axis="index").set_properties(**{"text-align": "left", "vertical-align": "top"})


def _hover(row) -> str:
    ci = f"95% CI {row.ci_low:.2f} to {row.ci_high:.2f}" if row.has_ci else "no CI published"
    k = f"{int(row.studies)} studies" if pd.notna(row.studies) else "studies: not in the abstract"
    i2 = f", I² {row.i2_percent:g}%" if pd.notna(row.i2_percent) else ""
    return f"{row.label}<br>{row.metric} {row.estimate:.2f} ({ci})<br>{k}{i2}<br>{row.compartment}"


def forest_figure(paradigm: str = "all") -> go.Figure:
    """Forest plot of exercise effects on peripheral BDNF, in SD units, for one paradigm or all.

    Two traces per paradigm (in :data:`PARADIGMS` order): estimates with a published 95% CI (filled
    markers with error bars), then estimates published without a CI (open diamonds, no bar).
    """
    if paradigm != "all" and paradigm not in PARADIGMS:
        raise ValueError(f"paradigm must be 'all' or one of {list(PARADIGMS)}; got {paradigm!r}")
    rows = forest_rows()
    fig = CourseFigure()
    for name, colour in PARADIGMS.items():
        sub = rows[rows["paradigm"] == name]
        first = True
        for with_ci in (True, False):
            part = sub[sub["has_ci"] == with_ci]
            fig.add_scatter(
                x=part["estimate"].astype(float).round(2).tolist(),
                y=part["label"].tolist(),
                mode="markers",
                name="sessions and programmes pooled" if name == "mixed" else name,
                legendgroup=name,
                showlegend=first and not part.empty,
                visible=paradigm in ("all", name),
                marker=dict(
                    color=colour,
                    size=12,
                    symbol="circle" if with_ci else "diamond-open",
                    line=dict(width=2, color=colour),
                ),
                error_x=dict(
                    type="data",
                    symmetric=False,
                    visible=with_ci,
                    color=colour,
                    thickness=2,
                    array=(part["ci_high"] - part["estimate"]).astype(float).round(3).tolist() if with_ci else None,
                    arrayminus=(part["estimate"] - part["ci_low"]).astype(float).round(3).tolist() if with_ci else None,
                ),
                hovertext=[_hover(r) for r in part.itertuples()],
                hoverinfo="text",
            )
            first = first and part.empty
    fig.add_vline(x=0, line=dict(color=PALETTE["black"], width=1, dash="dot"))
    fig.update_xaxes(title="Effect in standard deviations (SMD, Hedges' g, ES)", range=[-0.4, 2.3], zeroline=False)
    fig.update_yaxes(autorange="reversed", type="category", tickfont=dict(size=12))
    described = "; ".join(
        f"{r.label.replace('<br>', ', ')}: {r.estimate:.2f}"
        + (f" (95% CI {r.ci_low:.2f} to {r.ci_high:.2f})" if r.has_ci else " (no CI)")
        for r in rows.itertuples()
    )
    alt = (
        "Forest plot of meta-analytic effects of exercise on peripheral BDNF in standard-deviation units, "
        f"grouped by paradigm (showing: {paradigm}). {described}. "
        "Szuhany 2015 published no confidence intervals, so its three estimates are open diamonds without bars."
    )
    base_layout(fig, "Exercise and peripheral BDNF: pooled effects", alt)
    fig.update_layout(
        height=620,
        margin=dict(l=175, r=20, b=150),
        legend=dict(
            orientation="h",
            x=0,
            xanchor="left",
            y=-0.16,
            yanchor="top",
            font=dict(size=12),
            title=dict(text="Colour: paradigm. Open diamond: no CI published.", side="top", font=dict(size=12)),
        ),
    )
    return fig


#: Buttons of the static forest plot: label and the paradigms each shows.
FOREST_BUTTONS = (
    ("All", tuple(PARADIGMS)),
    ("Single session", ("single session",)),
    ("Session after training", ("session after training",)),
    ("Resting after training", ("resting after training",)),
)


def forest_static() -> go.Figure:
    """The forest plot with a row of buttons that filter by paradigm (pure plotly.js, no kernel)."""
    fig = forest_figure("all")
    names = [p for p in PARADIGMS for _ in (True, False)]
    buttons = [(label, [name in shown for name in names]) for label, shown in FOREST_BUTTONS]
    fig.layout.meta = {"alt": fig.layout.meta["alt"] + " Buttons above the plot show one paradigm at a time."}
    add_buttons(fig, buttons, active=0, title="Show:")
    fig.update_layout(margin=dict(t=120, b=150))
    fig.layout.updatemenus[0].font = dict(size=12)
    return fig


# ---------------------------------------------------------------------------------------------
# Acute response
# ---------------------------------------------------------------------------------------------

#: Time axis of the acute-response figures, minutes from the start of the bout.
ACUTE_TIMES = np.arange(-20.0, 151.0, 1.0)
#: Intensities offered by the static explorer's slider (fraction of peak oxygen uptake).
INTENSITY_STEPS = np.round(np.arange(0.30, 1.001, 0.05), 2)


def acute_response_figure(
    intensity: float = ex.REFERENCE_INTENSITY,
    duration_min: float = ex.REFERENCE_DURATION_MIN,
    half_life_min: float = ex.HALF_LIFE_MIN,
    show: str = "both",
) -> go.Figure:
    """Serum BDNF before, during and after one bout, for an untrained and a trained person.

    Trace 0: untrained; trace 1: trained; trace 2: untrained resting level; trace 3: trained resting
    level. ``show`` is ``"both"``, ``"untrained"`` or ``"trained"``.
    """
    if show not in ("both", "untrained", "trained"):
        raise ValueError(f"show must be 'both', 'untrained' or 'trained'; got {show!r}")
    t = ACUTE_TIMES
    untrained = ex.serum_bdnf_ng_ml(t, intensity, duration_min, False, half_life_min)
    trained = ex.serum_bdnf_ng_ml(t, intensity, duration_min, True, half_life_min)
    rest_u, rest_t = ex.resting_level_ng_ml(False), ex.resting_level_ng_ml(True)
    fig = CourseFigure()
    fig.add_scatter(
        x=t,
        y=np.round(untrained, 3),
        name="Untrained",
        mode="lines",
        line=dict(color=PALETTE["vermillion"], width=4),
        visible=show in ("both", "untrained"),
    )
    fig.add_scatter(
        x=t,
        y=np.round(trained, 3),
        name="After a training programme",
        mode="lines",
        line=dict(color=PALETTE["blue"], width=4),
        visible=show in ("both", "trained"),
    )
    fig.add_scatter(
        x=[t[0], t[-1]],
        y=[rest_u, rest_u],
        name="Resting level, untrained",
        mode="lines",
        line=dict(color=PALETTE["vermillion"], width=1.5, dash="dot"),
        visible=show in ("both", "untrained"),
    )
    fig.add_scatter(
        x=[t[0], t[-1]],
        y=[rest_t, rest_t],
        name="Resting level, trained",
        mode="lines",
        line=dict(color=PALETTE["blue"], width=1.5, dash="dot"),
        visible=show in ("both", "trained"),
    )
    fig.add_vrect(
        x0=0,
        x1=duration_min,
        fillcolor=PALETTE["yellow"],
        opacity=0.25,
        line_width=0,
        annotation_text="bout",
        annotation_position="top left",
    )
    fig.update_xaxes(title="Minutes from the start of the bout", range=[t[0], t[-1]])
    top = max(48.0, float(np.ceil(trained.max() + 1)))  # fixed for the slider, wider for extreme live settings
    fig.update_yaxes(title="Serum BDNF (ng/mL, teaching model)", range=[30, top])
    peak_u = ex.peak_rise_sd(intensity, duration_min, False, half_life_min) * ex.BETWEEN_PERSON_SD_NG_ML
    peak_t = ex.peak_rise_sd(intensity, duration_min, True, half_life_min) * ex.BETWEEN_PERSON_SD_NG_ML
    left_60 = 0.5 ** (60.0 / half_life_min)
    alt = (
        f"Line chart from the teaching model: serum BDNF from 20 minutes before to 150 minutes after the start of "
        f"a {duration_min:g}-minute bout at {intensity:.0%} of peak oxygen uptake. Untrained: resting "
        f"{rest_u:.2f} ng/mL, rising by {peak_u:.2f} ng/mL by the end of the bout. After training: resting "
        f"{rest_t:.2f} ng/mL, rising by {peak_t:.2f} ng/mL. After the bout both curves halve their excess every "
        f"{half_life_min:g} minutes; an hour after the bout {left_60:.1%} of the rise is left."
    )
    base_layout(fig, "One bout of exercise: serum BDNF rises, then fades", alt)
    fig.update_layout(height=560, legend=dict(x=0.98, xanchor="right"))
    return fig


def acute_response_static(
    duration_min: float = ex.REFERENCE_DURATION_MIN,
    half_life_min: float = ex.HALF_LIFE_MIN,
    intensities: Sequence[float] = INTENSITY_STEPS,
) -> go.Figure:
    """The acute-response figure with a slider over intensity and buttons for training status.

    Each slider step replaces the y-values of traces 0 (untrained) and 1 (trained) with curves the
    model computed ahead of time; the buttons show both, or one of the two.
    """
    intensities = [float(i) for i in intensities]
    active = int(np.argmin(np.abs(np.array(intensities) - ex.REFERENCE_INTENSITY)))
    fig = acute_response_figure(intensities[active], duration_min, half_life_min)
    t = np.asarray(fig.data[0].x)
    curves = {
        f"{i:.0%}": [ex.serum_bdnf_ng_ml(t, i, duration_min, trained, half_life_min) for trained in (False, True)]
        for i in intensities
    }
    add_slider(
        fig,
        0,
        [(label, pair[0]) for label, pair in curves.items()],
        active,
        "Intensity (share of peak oxygen uptake): ",
    )
    # One slider moves both curves: widen each step to traces 0 and 1.
    for step, pair in zip(fig.layout.sliders[0].steps, curves.values(), strict=True):
        step.args = [{"y": [np.round(y, 3).tolist() for y in pair]}, [0, 1]]
    fig.data[1].y = np.round(curves[f"{intensities[active]:.0%}"][1], 3)
    fig.layout.meta = {
        "alt": fig.layout.meta["alt"]
        + f" A slider sets the intensity from {intensities[0]:.0%} to {intensities[-1]:.0%} of peak oxygen uptake;"
        " below 40% the model gives no rise. Buttons show both groups, or only one."
    }
    buttons = [
        ("Both groups", [True, True, True, True]),
        ("Untrained only", [True, False, True, False]),
        ("After training only", [False, True, False, True]),
    ]
    add_buttons(fig, buttons, active=0)
    return fig
