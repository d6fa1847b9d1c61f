"""Pure functions from data or model parameters to plotly figures, one module per topic.

Every explorer has two front-ends built here from the same model call:

* a *static* figure: the model evaluated on a grid of parameter values, packed into one plotly
  figure whose slider (or buttons) restyle the traces. It needs no kernel, so it stays interactive
  in the online book, offline, and in any notebook viewer;
* a *live* figure for one parameter set, which :mod:`neurotrophins.explorers` redraws whenever an
  ipywidgets control moves.

Every figure is a :class:`CourseFigure`: it shows itself the same way in Jupyter, Colab and the book,
and importing this package changes none of plotly's global settings (it registers the ``course``
template, nothing else).
"""

from ._core import PALETTE, CourseFigure, CourseRenderer, add_buttons, add_slider, base_layout, use_course_renderer
from .neurogenesis import NEUROGENESIS_STEPS, neurogenesis_figure, neurogenesis_static

__all__ = [
    "NEUROGENESIS_STEPS",
    "PALETTE",
    "CourseFigure",
    "CourseRenderer",
    "add_buttons",
    "add_slider",
    "base_layout",
    "neurogenesis_figure",
    "neurogenesis_static",
    "use_course_renderer",
]
