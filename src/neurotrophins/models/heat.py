r"""A teaching model of core body temperature during and after head-out hot-water immersion.

Why a model at all? The only verified human study of passive heating and BDNF in this course
(Ogawa et al. 2021) found that heating the whole body raised serum and plasma BDNF while heating
only the legs did not: what seems to matter is a *systemic* heat load. This module lets a learner see
how the water temperature and the time in the water change that load, in the simplest model that
has the right shape. It is not a guide to safe exposure.

The model
---------
While a person sits in water at temperature :math:`T_w` (head out), the core temperature
:math:`T` relaxes, at first order, towards a plateau that rises with the water temperature above a
thermoneutral water temperature :math:`T_n` (water in which the core neither warms nor cools):

.. math::

    \frac{dT}{dt} = \frac{T_\infty - T}{\tau_h}, \qquad T_\infty = T_0 + g\,(T_w - T_n),

so that, starting from the resting value :math:`T_0`,

.. math::

    T(t) = T_\infty + (T_0 - T_\infty)\,e^{-t/\tau_h}, \qquad 0 \le t \le D,

where :math:`D` is the time in the water. After leaving the water the core cools back towards
:math:`T_0` with its own time constant :math:`\tau_c`:

.. math::

    T(t) = T_0 + \bigl(T(D) - T_0\bigr)\,e^{-(t - D)/\tau_c}, \qquad t > D.

Parameters
----------
All physiological parameters (:data:`BASELINE_C`, :data:`NEUTRAL_WATER_C`, :data:`PLATEAU_GAIN`,
:data:`HEATING_TIME_CONSTANT_MIN`, :data:`COOLING_TIME_CONSTANT_MIN`) are **illustrative**: chosen
to give a plausible shape, not fitted to any study. Real responses differ widely between people
(body size and fat, fitness, age, hydration, medications, alcohol). Only :data:`HEATSTROKE_C`
comes from a source: heatstroke usually comes with a core temperature above 40.5 °C (Epstein and
Yanovich 2019).
"""

from __future__ import annotations

import numpy as np

from .._validate import check_range

#: Resting core temperature, °C (illustrative).
BASELINE_C = 37.0
#: Water temperature at which the core neither warms nor cools, °C (illustrative).
NEUTRAL_WATER_C = 35.0
#: Rise of the plateau core temperature per °C of water above neutral (illustrative, dimensionless).
PLATEAU_GAIN = 0.6
#: Time constant of warming in the water, minutes (illustrative).
HEATING_TIME_CONSTANT_MIN = 20.0
#: Time constant of cooling back to rest after leaving the water, minutes (illustrative).
COOLING_TIME_CONSTANT_MIN = 30.0
#: Core temperature above which heatstroke usually lies, °C (Epstein and Yanovich 2019).
HEATSTROKE_C = 40.5
#: Lower edge of the "raised core temperature" band in the figures, °C (illustrative, not clinical).
RAISED_C = 38.0

TIME_RANGE = (0.0, 600.0)
WATER_RANGE = (20.0, 45.0)
IMMERSION_RANGE = (0.0, 240.0)
BASELINE_RANGE = (35.0, 39.0)
NEUTRAL_RANGE = (30.0, 37.0)
GAIN_RANGE = (0.0, 1.0)
TAU_RANGE = (1.0, 240.0)
THRESHOLD_RANGE = (30.0, 45.0)


def _check_body(baseline_c, neutral_water_c, gain, heating_time_constant_min) -> None:
    check_range("baseline_c", baseline_c, *BASELINE_RANGE, unit="°C")
    check_range("neutral_water_c", neutral_water_c, *NEUTRAL_RANGE, unit="°C")
    check_range("gain", gain, *GAIN_RANGE)
    check_range("heating_time_constant_min", heating_time_constant_min, *TAU_RANGE, unit="min")


def plateau_temperature(
    water_temp_c,
    baseline_c: float = BASELINE_C,
    neutral_water_c: float = NEUTRAL_WATER_C,
    gain: float = PLATEAU_GAIN,
) -> np.ndarray:
    r"""Core temperature approached after a long time in the water, :math:`T_0 + g\,(T_w - T_n)`.

    Parameters
    ----------
    water_temp_c : float or array_like
        Water temperature, 20 to 45 °C.
    baseline_c : float
        Resting core temperature, 35 to 39 °C.
    neutral_water_c : float
        Thermoneutral water temperature, 30 to 37 °C.
    gain : float
        Plateau rise per °C of water above neutral, 0 to 1.

    Returns
    -------
    numpy.ndarray
        Plateau core temperature in °C, with the shape of ``water_temp_c``.
    """
    check_range("water_temp_c", water_temp_c, *WATER_RANGE, unit="°C")
    _check_body(baseline_c, neutral_water_c, gain, HEATING_TIME_CONSTANT_MIN)
    return baseline_c + gain * (np.asarray(water_temp_c, dtype=float) - neutral_water_c)


def temperature_curve(t, water_c, immersion_min, baseline_c, neutral_c, gain, tau_heat, tau_cool):
    """Core temperature (°C) at times ``t`` (minutes): the model's equations alone.

    :func:`core_temperature` checks the arguments and then calls this function.
    """
    plateau = baseline_c + gain * (water_c - neutral_c)  # where the core heads while in the water
    in_water = np.minimum(t, immersion_min)  # minutes spent in the water so far
    warmed = plateau + (baseline_c - plateau) * np.exp(-in_water / tau_heat)
    at_exit = plateau + (baseline_c - plateau) * np.exp(-immersion_min / tau_heat)
    after = np.maximum(t - immersion_min, 0.0)  # minutes since leaving the water
    cooled = baseline_c + (at_exit - baseline_c) * np.exp(-after / tau_cool)
    return np.where(t <= immersion_min, warmed, cooled)


def core_temperature(
    time_min,
    water_temp_c: float,
    immersion_min: float,
    baseline_c: float = BASELINE_C,
    neutral_water_c: float = NEUTRAL_WATER_C,
    gain: float = PLATEAU_GAIN,
    heating_time_constant_min: float = HEATING_TIME_CONSTANT_MIN,
    cooling_time_constant_min: float = COOLING_TIME_CONSTANT_MIN,
) -> np.ndarray:
    """Core temperature over time for one immersion that starts at time 0.

    Parameters
    ----------
    time_min : float or array_like
        Minutes since entering the water, 0 to 600.
    water_temp_c : float
        Water temperature, 20 to 45 °C.
    immersion_min : float
        Minutes spent in the water, 0 to 240; afterwards the core cools back towards rest.
    baseline_c : float
        Resting core temperature, 35 to 39 °C (illustrative default 37.0).
    neutral_water_c : float
        Thermoneutral water temperature, 30 to 37 °C (illustrative default 35.0).
    gain : float
        Plateau rise per °C of water above neutral, 0 to 1 (illustrative default 0.6).
    heating_time_constant_min : float
        Time constant of warming in the water, 1 to 240 min (illustrative default 20).
    cooling_time_constant_min : float
        Time constant of cooling after leaving the water, 1 to 240 min (illustrative default 30).

    Returns
    -------
    numpy.ndarray
        Core temperature in °C with the shape of ``time_min``.

    Raises
    ------
    ValueError
        If a parameter is outside its range; the message names the parameter and the range.
    """
    check_range("time_min", time_min, *TIME_RANGE, unit="min")
    check_range("water_temp_c", water_temp_c, *WATER_RANGE, unit="°C")
    check_range("immersion_min", immersion_min, *IMMERSION_RANGE, unit="min")
    _check_body(baseline_c, neutral_water_c, gain, heating_time_constant_min)
    check_range("cooling_time_constant_min", cooling_time_constant_min, *TAU_RANGE, unit="min")
    return temperature_curve(
        np.asarray(time_min, dtype=float),
        float(water_temp_c),
        float(immersion_min),
        baseline_c,
        neutral_water_c,
        gain,
        heating_time_constant_min,
        cooling_time_constant_min,
    )


def minutes_to_reach(
    threshold_c: float,
    water_temp_c: float,
    baseline_c: float = BASELINE_C,
    neutral_water_c: float = NEUTRAL_WATER_C,
    gain: float = PLATEAU_GAIN,
    heating_time_constant_min: float = HEATING_TIME_CONSTANT_MIN,
) -> float:
    r"""Minutes in the water until the model's core temperature reaches ``threshold_c``.

    Solves :math:`T(t) = \theta` during immersion:
    :math:`t = -\tau_h \ln\bigl((T_\infty - \theta)/(T_\infty - T_0)\bigr)`.

    Parameters
    ----------
    threshold_c : float
        Core temperature to reach, 30 to 45 °C.
    water_temp_c : float
        Water temperature, 20 to 45 °C.
    baseline_c, neutral_water_c, gain, heating_time_constant_min : float
        As in :func:`core_temperature`.

    Returns
    -------
    float
        Minutes (0 if the threshold is at or below the resting temperature); ``inf`` if the
        plateau never reaches the threshold.
    """
    check_range("threshold_c", threshold_c, *THRESHOLD_RANGE, unit="°C")
    check_range("water_temp_c", water_temp_c, *WATER_RANGE, unit="°C")
    _check_body(baseline_c, neutral_water_c, gain, heating_time_constant_min)
    if threshold_c <= baseline_c:
        return 0.0
    plateau = baseline_c + gain * (float(water_temp_c) - neutral_water_c)
    if plateau <= threshold_c:
        return float("inf")
    return float(-heating_time_constant_min * np.log((plateau - threshold_c) / (plateau - baseline_c)))


def fahrenheit_to_celsius(temp_f) -> np.ndarray:
    """Convert °F to °C: ``(F - 32) * 5 / 9``. Accepts -100 to 300 °F."""
    check_range("temp_f", temp_f, -100.0, 300.0, unit="°F")
    return (np.asarray(temp_f, dtype=float) - 32.0) * 5.0 / 9.0
