"""Argument checks shared by the models: one message format for every bad parameter."""

from __future__ import annotations

import math

import numpy as np


def check_range(name: str, value, low: float, high: float, unit: str = "") -> None:
    """Raise ``ValueError`` unless every element of ``value`` is finite and in ``[low, high]``.

    The message names the parameter, the allowed range and the offending value, so that a
    learner who types a wrong number in a notebook sees at once what to change.
    """
    arr = np.asarray(value, dtype=float)
    unit_txt = f" {unit}" if unit else ""
    bad = ~np.isfinite(arr) | (arr < low) | (arr > high)
    if np.any(bad):
        shown = arr[bad].flat[0]
        shown_txt = "nan" if math.isnan(shown) else f"{shown:g}"
        raise ValueError(f"{name} must be between {low:g} and {high:g}{unit_txt}; got {shown_txt}{unit_txt}")
