"""Live explorers for the stress, sleep and heat chapter (Jupyter, Binder, Colab)."""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display

from ..figures import stress as stress_figures
from ..models import heat
from ._core import STYLE, slider


def heat_explorer() -> widgets.VBox:
    """Sliders for water temperature, time in the water and warming speed, redrawing the heat figure.

    Returns
    -------
    ipywidgets.VBox
        The controls above the figure; display it as the last expression of a cell.
    """
    water = slider(widgets.FloatSlider, "Water temperature (°C)", 40.0, 30.0, 44.0, 0.5, ".1f")
    minutes = slider(widgets.IntSlider, "Minutes in the water", 20, 0, 90, 1, "d")
    tau = slider(
        widgets.FloatSlider, "Warming time constant (min)", heat.HEATING_TIME_CONSTANT_MIN, 5.0, 60.0, 1.0, ".0f"
    )

    def draw(water_temp_c, immersion_min, heating_time_constant_min):
        display(stress_figures.heat_figure(water_temp_c, immersion_min, heating_time_constant_min))

    out = widgets.interactive_output(
        draw, {"water_temp_c": water, "immersion_min": minutes, "heating_time_constant_min": tau}
    )
    return widgets.VBox([water, minutes, tau, out])


def heating_bdnf_explorer() -> widgets.VBox:
    """A serum/plasma toggle redrawing the passive-heating BDNF figure (Ogawa et al. 2021)."""
    table = stress_figures.heating_bdnf_table()
    choice = widgets.ToggleButtons(
        options=[("Serum", "serum"), ("Plasma", "plasma")],
        value="serum",
        description="Measured in",
        style=STYLE,
    )

    def draw(compartment):
        display(stress_figures.heating_bdnf_figure(compartment, table))

    out = widgets.interactive_output(draw, {"compartment": choice})
    return widgets.VBox([choice, out])
