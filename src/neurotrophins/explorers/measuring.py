"""Chapter "Measuring BDNF in people" live explorers: an effect size as pictures; sample size and power."""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display

from ..figures import measuring as fm
from ..models import effect_size as es
from ._core import slider


def effect_size_explorer() -> widgets.VBox:
    """Sliders for Hedges' g and the control group's serum mean and SD, redrawing the two curves.

    Returns
    -------
    ipywidgets.VBox
        The controls above the figure; display it as the last expression of a cell.
    """
    g = slider(widgets.FloatSlider, "Hedges' g", 0.46, 0.0, 2.0, 0.01, ".2f")
    mean = slider(widgets.FloatSlider, "Control mean (ng/mL)", es.NAEGELIN_SERUM_MEAN, 5.0, 80.0, 0.01, ".2f")
    sd = slider(widgets.FloatSlider, "Between-person SD (ng/mL)", es.NAEGELIN_SERUM_SD, 1.0, 30.0, 0.01, ".2f")

    def draw(g, mean, sd):
        display(fm.effect_size_figure(g, mean, sd))

    out = widgets.interactive_output(draw, {"g": g, "mean": mean, "sd": sd})
    return widgets.VBox([g, mean, sd, out])


def sample_size_explorer() -> widgets.VBox:
    """Sliders for the difference, the CV, alpha, power and the before/after correlation.

    Returns
    -------
    ipywidgets.VBox
        The controls above the power figure; display it as the last expression of a cell.
    """
    percent = slider(widgets.FloatSlider, "Difference to detect (%)", 20.0, 5.0, 60.0, 0.5, ".1f")
    cv = slider(widgets.FloatSlider, "Between-person CV (%)", round(fm.NAEGELIN_CV_PERCENT, 1), 5.0, 60.0, 0.5, ".1f")
    alpha = slider(widgets.FloatSlider, "Alpha (two-sided)", 0.05, 0.01, 0.10, 0.01, ".2f")
    power = slider(widgets.FloatSlider, "Wanted power", 0.80, 0.50, 0.95, 0.05, ".2f")
    rho = slider(widgets.FloatSlider, "Before/after correlation ρ", 0.5, 0.0, 0.95, 0.05, ".2f")

    group_size = fm.naegelin_group_size()  # read once: each move of a slider only redraws

    def draw(percent_difference, cv_percent, alpha, power, rho):
        display(fm.sample_size_figure(percent_difference, cv_percent, alpha, power, rho, group_size=group_size))

    out = widgets.interactive_output(
        draw,
        {"percent_difference": percent, "cv_percent": cv, "alpha": alpha, "power": power, "rho": rho},
    )
    return widgets.VBox([percent, cv, alpha, power, rho, out])
