"""Exercise chapter figures: a forest plot of meta-analytic effects and the acute-response explorer.

Both come in two front-ends: a static figure (buttons and a slider computed ahead of time, so it
stays interactive in the offline book) and a live figure for one parameter set, which
:mod:`neurotrophins.explorers.exercise` redraws from ipywidgets controls.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .._validate import check_choice, check_range, check_steps
from ..data import load
from ..models import exercise as ex
from . import forest
from ._core import PALETTE, CourseFigure, add_buttons, add_slider, base_layout

#: Paradigms offered by the forest plot's buttons, with their colours.
PARADIGMS = {
    "single session": PALETTE["vermillion"],
    "session after training": PALETTE["orange"],
    "resting after training": PALETTE["blue"],
    "mixed": PALETTE["black"],
}
#: Legend names that differ from the paradigm's own value.
PARADIGM_NAMES = {"mixed": "sessions and programmes pooled"}


def forest_rows(effects: pd.DataFrame | None = None) -> pd.DataFrame:
    """Exercise effects in SD units, ready for the forest plot, in plotting order (paradigm, then estimate).

    Rows of :func:`neurotrophins.figures.forest.forest_table` with topic ``exercise`` and a
    standardised metric (SMD, Hedges' g, ES). Raw mean differences (Zhou 2022) are left out: their unit
    is a concentration, not an SD.
    """
    table = forest.forest_table(effects)
    rows = table[(table["topic"] == "exercise") & (table["panel"] == "standardised")].copy()
    rows["_order"] = rows["paradigm"].map({p: n for n, p in enumerate(PARADIGMS)})
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


def forest_figure(paradigm: str = "all", rows: pd.DataFrame | None = None) -> go.Figure:
    """Forest plot of exercise effects on peripheral BDNF, in SD units, for one paradigm or all.

    Parameters
    ----------
    paradigm : str
        ``"all"`` or one of :data:`PARADIGMS`.
    rows : pandas.DataFrame, optional
        :func:`forest_rows` (default: built from the dataset; pass it when drawing many times).

    Returns
    -------
    plotly.graph_objects.Figure
        One trace per estimate (see :func:`neurotrophins.figures.forest.forest_figure`), coloured by
        paradigm; an open diamond without a bar marks an estimate published without a CI.
    """
    check_choice("paradigm", paradigm, ("all", *PARADIGMS))
    rows = forest_rows() if rows is None else rows
    if paradigm != "all":
        rows = rows[rows["paradigm"] == paradigm]
    groups = {p: (PARADIGM_NAMES.get(p, p), colour) for p, colour in PARADIGMS.items()}
    title = "Exercise and peripheral BDNF: pooled effects"
    return forest.forest_figure(rows, groups, "paradigm", "no_ci", title, x_range=(-0.4, 2.3))


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
    buttons = [(label, [trace.legendgroup in shown for trace in fig.data]) for label, shown in FOREST_BUTTONS]
    fig.layout.meta = {"alt": fig.layout.meta["alt"] + " Buttons above the plot show one paradigm at a time."}
    add_buttons(fig, buttons, active=0, title="Show:")
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

    Parameters
    ----------
    intensity : float
        Exercise intensity, 0.2 to 1 of peak oxygen uptake.
    duration_min : float
        Length of the bout, 1 to 120 min.
    half_life_min : float
        Half-life of the rise after the bout, 2 to 60 min.
    show : {"both", "untrained", "trained"}
        Which group's curves are visible.

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0: untrained; trace 1: trained; trace 2: untrained resting level; trace 3: trained
        resting level (ng/mL).
    """
    check_choice("show", show, ("both", "untrained", "trained"))
    intensity = check_range("intensity", intensity, *ex.INTENSITY_RANGE, unit="of peak oxygen uptake")
    duration_min = check_range("duration_min", duration_min, *ex.DURATION_RANGE, unit="min")
    half_life_min = check_range("half_life_min", half_life_min, *ex.HALF_LIFE_RANGE, unit="min")
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

    Parameters
    ----------
    duration_min, half_life_min : float
        As in :func:`acute_response_figure`, minutes.
    intensities : sequence of float
        The slider's intensities, 0.2 to 1 of peak oxygen uptake (at least one).
    """
    intensities = check_steps("intensities", intensities, *ex.INTENSITY_RANGE, unit="of peak oxygen uptake")
    active = int(np.argmin(np.abs(np.array(intensities) - ex.REFERENCE_INTENSITY)))
    fig = acute_response_figure(intensities[active], duration_min, half_life_min)
    t = np.asarray(fig.data[0].x)
    steps = [
        (
            f"{i:.0%}",
            {
                "y": [
                    np.round(ex.serum_bdnf_ng_ml(t, i, duration_min, trained, half_life_min), 3)
                    for trained in (False, True)
                ]
            },
        )
        for i in intensities
    ]
    add_slider(fig, steps, active, "Intensity (share of peak oxygen uptake): ", traces=(0, 1))
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
