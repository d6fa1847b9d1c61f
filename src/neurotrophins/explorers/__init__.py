"""Live explorers for Jupyter, Binder and Colab: ipywidgets controls wired to figure functions.

One module per topic. No maths here: each control calls a function of :mod:`neurotrophins.figures`,
which calls a model. In the online book the live cells are removed (a widget without a kernel cannot
recompute); the static figure with a slider or buttons stands in for them there.
"""

from ._core import slider
from .neurogenesis import neurogenesis_explorer

__all__ = ["neurogenesis_explorer", "slider"]
