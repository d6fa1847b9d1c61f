"""Live explorers: the ipywidgets wiring calls the model for any value."""

import ipywidgets as widgets
import numpy as np

from neurotrophins import explorers
from neurotrophins.explorers import neurogenesis as ng_explorer


def test_explorer_has_three_labelled_sliders_and_an_output():
    box = explorers.neurogenesis_explorer()
    descriptions = [c.description for c in box.children[:3]]
    assert descriptions == ["Yearly turnover", "Renewing fraction", "Count neurons born after age"]
    assert isinstance(box.children[-1], widgets.Output)


def test_moving_a_slider_redraws_with_the_new_value(monkeypatch):
    shown = []
    monkeypatch.setattr(ng_explorer, "display", shown.append)
    box = explorers.neurogenesis_explorer()
    turnover, fraction, onset = box.children[:3]
    shown.clear()
    turnover.value = 0.0
    assert np.max(shown[-1].data[0].y) == 0
    turnover.value = 0.05
    fraction.value = 0.5
    onset.value = 30
    fig = shown[-1]
    assert fig.data[0].y[29] == 0 and fig.data[0].y[31] > 0
    assert np.max(fig.data[0].y) > 0.4
