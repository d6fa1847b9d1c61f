"""GH/IGF-1 chapter live explorer: sliders for age, GHRH drive, a secretagogue pulse and somatostatin."""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display

from ..figures import gh as gh_figures
from ..models import gh
from ._core import slider


def gh_explorer() -> widgets.VBox:
    """Sliders for the GH teaching model, redrawing the scenario-versus-baseline figure.

    The GHRH-analogue slider raises the between-pulse (trough) secretion ``1 + C``-fold and leaves
    the pulses unchanged, as continuous CJC-1295 exposure did in people (Ionescu and Frohman 2006).

    Every output is relative to the baseline at the same age (% of baseline, arbitrary units); the
    sliders set relative sizes, never doses.

    Returns
    -------
    ipywidgets.VBox
        The controls above the figure; display it as the last expression of a cell.
    """
    age = slider(widgets.IntSlider, "Age (years)", 60, 20, 90, 1, "d")
    analogue = slider(widgets.FloatSlider, "GHRH analogue (C)", 0.0, *gh.ANALOGUE_RANGE, 0.5, ".1f")
    pulse = slider(widgets.FloatSlider, "Secretagogue pulse (AU/h)", 0.0, *gh.SECRETAGOGUE_RANGE, 0.5, ".1f")
    tone = slider(widgets.FloatSlider, "Somatostatin tone (x baseline)", 1.0, 0.0, 3.0, 0.1, ".1f")

    def draw(age_years, ghrh_analogue, secretagogue, somatostatin):
        display(gh_figures.gh_figure(age_years, ghrh_analogue, secretagogue, somatostatin))

    out = widgets.interactive_output(
        draw,
        {"age_years": age, "ghrh_analogue": analogue, "secretagogue": pulse, "somatostatin": tone},
    )
    return widgets.VBox([age, analogue, pulse, tone, out])
