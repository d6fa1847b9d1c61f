"""Shared pieces of the live explorers: one way to make a labelled slider."""

from __future__ import annotations

import ipywidgets as widgets

STYLE = {"description_width": "16em"}


def slider(cls, description: str, value, low, high, step, fmt: str):
    """A labelled ipywidgets slider that redraws on release (``continuous_update=False``).

    Widgets (a Layout included) are created only when an explorer is built, never at import: a
    widget made at import time would put widget state on every book page that imports us.
    """
    return cls(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        readout_format=fmt,
        style=STYLE,
        layout=widgets.Layout(width="36em"),
        continuous_update=False,
    )
