"""Argument checks shared by the models and figures: one message format for every bad parameter.

Every message starts with the parameter's name and says what is allowed, so that a learner who types a
wrong value in a notebook sees at once what to change, for example
``aromatase_activity must be between 0 and 1; got 1.5`` or
``days must be a number between 0.1 and 365 days; got '20' (text)``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable

import numpy as np

__all__ = ["ParameterTypeError", "check_choice", "check_flag", "check_range", "check_steps", "check_whole"]


class ParameterTypeError(TypeError, ValueError):
    """A parameter of the wrong kind: text, a bool, None, or several values where one number belongs.

    It is a :class:`TypeError` and also a :class:`ValueError`, so code that catches either sees it.
    """


def _describe(value) -> str:
    """How a wrong value is shown in a message: short, and saying what kind of thing it is."""
    if isinstance(value, (str, bytes)):
        return f"{value!r} (text)"
    if isinstance(value, (bool, np.bool_)):
        return f"{value!r} (True/False, not a number)"
    if value is None:
        return "None"
    if isinstance(value, (list, tuple, np.ndarray)) or hasattr(value, "__array__"):
        n = len(value) if isinstance(value, (list, tuple)) else np.size(value)
        return f"{n} value{'' if n == 1 else 's'} ({type(value).__name__})"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_number(v) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))


def _as_numbers(name: str, value, expected: str) -> np.ndarray:
    """``value`` as a float array; ParameterTypeError unless it holds real numbers only (no bools, no text)."""
    if _is_number(value):
        return np.asarray(float(value))
    arr = None
    if isinstance(value, np.ndarray):
        arr = value
    elif isinstance(value, (list, tuple)) or hasattr(value, "__array__"):
        try:  # element by element, as objects: numpy would quietly turn True into 1.0 and "2" into text
            items = np.asarray(value, dtype=object)
        except ValueError:  # ragged nesting
            items = None
        if items is not None and all(_is_number(v) for v in items.ravel()):
            arr = items.astype(float)
    if arr is None or arr.dtype.kind not in "iuf":
        raise ParameterTypeError(f"{name} must be {expected}; got {_describe(value)}")
    return arr.astype(float)


def check_range(
    name: str,
    value,
    low: float,
    high: float,
    unit: str = "",
    *,
    array: bool = False,
    finite: bool = True,
):
    """Return ``value`` as a float (or float array) if it is a number in ``[low, high]``; raise otherwise.

    Parameters
    ----------
    name : str
        The parameter's name, as the learner typed it.
    value
        What was passed.
    low, high : float
        Allowed range, ends included.
    unit : str
        Unit shown after the numbers in the message (for example ``"min"``).
    array : bool
        Whether a list or array of numbers is allowed (each element is checked); by default one number.
    finite : bool
        Whether infinities are refused (NaN always is).

    Returns
    -------
    float or numpy.ndarray
        The value as a float, or as a float array when ``array`` is true.

    Raises
    ------
    ParameterTypeError
        A :class:`TypeError` (and :class:`ValueError`) if ``value`` is not a number: text, a bool, None,
        or, unless ``array`` is true, a list or array.
    ValueError
        If a value is NaN, infinite (when ``finite``), or outside ``[low, high]``.
    """
    unit_txt = f" {unit}" if unit else ""
    between = f"between {low:g} and {high:g}{unit_txt}"
    kind = "a number or an array of numbers" if array else "a number"
    arr = _as_numbers(name, value, f"{kind} {between}")
    if not array and arr.ndim:
        raise ParameterTypeError(f"{name} must be a single number {between}; got {_describe(value)}")
    bad = np.isnan(arr) | (arr < low) | (arr > high)
    if finite:
        bad |= ~np.isfinite(arr)
    if np.any(bad):
        shown = float(arr[bad].flat[0])
        shown_txt = "nan" if math.isnan(shown) else f"{shown:g}"
        raise ValueError(f"{name} must be {between}; got {shown_txt}{unit_txt}")
    return arr if array else float(arr)


def check_steps(name: str, values, low: float, high: float, unit: str = "") -> list[float]:
    """Return the slider steps ``values`` as a list of floats: at least one, each a number in ``[low, high]``."""
    steps = check_range(name, values, low, high, unit, array=True)
    if steps.ndim != 1 or steps.size == 0:
        unit_txt = f" {unit}" if unit else ""
        raise ParameterTypeError(
            f"{name} must be a list of at least one number between {low:g} and {high:g}{unit_txt};"
            f" got {_describe(values)}"
        )
    return steps.tolist()


def check_whole(name: str, value, low: int, high: int, unit: str = "") -> int:
    """Return ``value`` as an int if it is a whole number in ``[low, high]`` (``12.0`` counts; ``12.5`` does not)."""
    number = check_range(name, value, low, high, unit)
    if number != int(number):
        unit_txt = f" {unit}" if unit else ""
        raise ValueError(f"{name} must be a whole number between {low} and {high}{unit_txt}; got {number:g}")
    return int(number)


def check_flag(name: str, value) -> bool:
    """Return ``value`` if it is ``True`` or ``False`` (numpy bools too); 1, "yes" or "no" are refused."""
    if not isinstance(value, (bool, np.bool_)):
        raise ParameterTypeError(f"{name} must be True or False; got {value!r}")
    return bool(value)


def check_choice(name: str, value, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of the text ``choices``; ValueError listing them otherwise."""
    allowed = tuple(choices)
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}")
    return value
