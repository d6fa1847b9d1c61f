"""HPG-axis chapter live explorer: controls for the feedback teaching model."""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display

from ..figures import hpg as hpg_figures
from ..models import hpg
from ._core import STYLE, slider


def hpg_explorer() -> widgets.VBox:
    """A sex toggle and three sliders (exogenous androgen, aromatase, gonadal function) over the bar chart.

    Every move recomputes the model's steady state (about a millisecond) and redraws
    :func:`neurotrophins.figures.hpg.hpg_figure`. The exposure slider is in arbitrary units: the
    model is a teaching tool, not a dosing tool.

    Returns
    -------
    ipywidgets.VBox
        The controls above the figure; display it as the last expression of a cell.
    """
    sex = widgets.ToggleButtons(
        options=[("Male constants", "male"), ("Female constants", "female")],
        value="male",
        description="Model",
        style=STYLE,
    )
    exogenous = slider(widgets.FloatSlider, "Exogenous androgen (a.u.)", 0.0, 0.0, 3.0, 0.05, ".2f")
    aromatase = slider(widgets.FloatSlider, "Aromatase activity", 1.0, *hpg.FRACTION_RANGE, 0.05, ".0%")
    gonad = slider(widgets.FloatSlider, "Gonadal function", 1.0, *hpg.FRACTION_RANGE, 0.05, ".0%")

    def draw(exogenous_androgen, aromatase_activity, gonadal_function, sex):
        display(hpg_figures.hpg_figure(exogenous_androgen, aromatase_activity, gonadal_function, sex, y_max=520))

    out = widgets.interactive_output(
        draw,
        {"exogenous_androgen": exogenous, "aromatase_activity": aromatase, "gonadal_function": gonad, "sex": sex},
    )
    return widgets.VBox([sex, exogenous, aromatase, gonad, out])
