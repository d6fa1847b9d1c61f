"""Live explorers for Jupyter, Binder and Colab: ipywidgets controls wired to figure functions.

No maths here: each control calls a function of :mod:`neurotrophins.figures`, which calls a model.
In the online book these cells are removed (a widget without a kernel cannot recompute); the static
figure with a slider stands in for them there.
"""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display

from . import figures
from .models import neurogenesis as ng

_STYLE = {"description_width": "16em"}


def _slider(cls, description: str, value, low, high, step, fmt: str):
    # Widgets (a Layout included) are created only when an explorer is built, never at import:
    # a widget made at import time would put widget state on every book page that imports us.
    return cls(
        value=value, min=low, max=high, step=step, description=description,
        readout_format=fmt, style=_STYLE, layout=widgets.Layout(width="36em"), continuous_update=False,
    )


def neurogenesis_explorer() -> widgets.VBox:
    """Sliders for turnover, renewing fraction and onset age, redrawing the neurogenesis figure.

    Returns
    -------
    ipywidgets.VBox
        The controls above the figure; display it as the last expression of a cell.
    """
    turnover = _slider(widgets.FloatSlider, "Yearly turnover", ng.SPALDING_TURNOVER_PER_YEAR,
                       *ng.TURNOVER_RANGE, 0.0005, ".2%")
    fraction = _slider(widgets.FloatSlider, "Renewing fraction", ng.SPALDING_RENEWING_FRACTION,
                       *ng.FRACTION_RANGE, 0.01, ".0%")
    onset = _slider(widgets.IntSlider, "Count neurons born after age", 18, 0, 60, 1, "d")

    def draw(turnover_per_year, renewing_fraction, onset_age_years):
        display(figures.neurogenesis_figure(turnover_per_year, renewing_fraction, onset_age_years))

    out = widgets.interactive_output(
        draw,
        {"turnover_per_year": turnover, "renewing_fraction": fraction, "onset_age_years": onset},
    )
    return widgets.VBox([turnover, fraction, onset, out])
