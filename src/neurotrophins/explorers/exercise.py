"""Exercise chapter live explorers: the acute-response model and the forest plot, in ipywidgets."""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display

from ..figures import exercise as fx
from ..models import exercise as ex
from ._core import STYLE, slider


def acute_response_explorer() -> widgets.VBox:
    """Sliders for intensity, duration and half-life and a toggle for training status.

    Every change redraws :func:`neurotrophins.figures.exercise.acute_response_figure`, which calls
    the teaching model in :mod:`neurotrophins.models.exercise` for the chosen values.

    Returns
    -------
    ipywidgets.VBox
        The controls above the figure; display it as the last expression of a cell.
    """
    intensity = slider(
        widgets.FloatSlider,
        "Intensity (share of peak O₂ uptake)",
        ex.REFERENCE_INTENSITY,
        *ex.INTENSITY_RANGE,
        0.01,
        ".0%",
    )
    duration = slider(
        widgets.FloatSlider, "Duration of the bout (min)", ex.REFERENCE_DURATION_MIN, 5.0, 90.0, 1.0, ".0f"
    )
    half_life = slider(
        widgets.FloatSlider,
        "Half-life after the bout (min, illustrative)",
        ex.HALF_LIFE_MIN,
        *ex.HALF_LIFE_RANGE,
        1.0,
        ".0f",
    )
    show = widgets.ToggleButtons(
        options=[("Both", "both"), ("Untrained", "untrained"), ("After training", "trained")],
        value="both",
        description="Show",
        style=STYLE,
    )

    def draw(intensity, duration_min, half_life_min, show):
        display(fx.acute_response_figure(intensity, duration_min, half_life_min, show))

    out = widgets.interactive_output(
        draw,
        {"intensity": intensity, "duration_min": duration, "half_life_min": half_life, "show": show},
    )
    return widgets.VBox([intensity, duration, half_life, show, out])


def forest_explorer() -> widgets.VBox:
    """A dropdown that filters the forest plot by paradigm.

    Returns
    -------
    ipywidgets.VBox
        The dropdown above the figure.
    """
    paradigm = widgets.Dropdown(
        options=[("All paradigms", "all")] + [(p.capitalize(), p) for p in fx.PARADIGMS],
        value="all",
        description="Paradigm",
        style=STYLE,
    )

    rows = fx.forest_rows()  # loaded once: each change of the dropdown only filters them

    def draw(paradigm):
        display(fx.forest_figure(paradigm, rows))

    out = widgets.interactive_output(draw, {"paradigm": paradigm})
    return widgets.VBox([paradigm, out])
