"""Chapter 1 live explorer: sliders for the neurogenesis teaching model."""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display

from .. import figures
from ..models import neurogenesis as ng
from ._core import slider


def neurogenesis_explorer() -> widgets.VBox:
    """Sliders for turnover, renewing fraction and onset age, redrawing the neurogenesis figure.

    Returns
    -------
    ipywidgets.VBox
        The controls above the figure; display it as the last expression of a cell.
    """
    turnover = slider(
        widgets.FloatSlider, "Yearly turnover", ng.SPALDING_TURNOVER_PER_YEAR, *ng.TURNOVER_RANGE, 0.0005, ".2%"
    )
    fraction = slider(
        widgets.FloatSlider, "Renewing fraction", ng.SPALDING_RENEWING_FRACTION, *ng.FRACTION_RANGE, 0.01, ".0%"
    )
    onset = slider(widgets.IntSlider, "Count neurons born after age", 18, 0, 60, 1, "d")

    def draw(turnover_per_year, renewing_fraction, onset_age_years):
        display(figures.neurogenesis_figure(turnover_per_year, renewing_fraction, onset_age_years))

    out = widgets.interactive_output(
        draw,
        {"turnover_per_year": turnover, "renewing_fraction": fraction, "onset_age_years": onset},
    )
    return widgets.VBox([turnover, fraction, onset, out])
