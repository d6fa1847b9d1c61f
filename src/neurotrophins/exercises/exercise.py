"""Checks for the exercises of "Weigh what exercise does to BDNF"."""

from __future__ import annotations

import numpy as np

from ..checks import Feedback, check_function
from ..models import exercise as ex

__all__ = ["bout_rise"]

#: Times (minutes from the start of the bout) at which a learner's curve is compared with the model's.
TIMES = np.array([-10.0, 0.0, 10.0, 20.0, 30.0, 35.0, 40.0, 50.0, 60.0, 90.0, 120.0])

CASES = [
    dict(time_min=TIMES, intensity=0.7, duration_min=30.0, amplitude_sd=0.46, half_life_min=10.0),
    dict(time_min=TIMES, intensity=0.9, duration_min=45.0, amplitude_sd=0.59, half_life_min=20.0),
    dict(time_min=TIMES, intensity=0.8, duration_min=10.0, amplitude_sd=0.46, half_life_min=5.0),
]


def _variant(case, *, rate=None, from_start=False, from_ceiling=False) -> np.ndarray:
    """The model's curve with one typical mistake made, for recognising it in a learner's answer."""
    t = np.asarray(case["time_min"], dtype=float)
    d, half_life = case["duration_min"], case["half_life_min"]
    k = np.log(2) / half_life if rate is None else rate(half_life)
    gain = max(0.0, case["intensity"] - ex.INTENSITY_THRESHOLD) / (ex.REFERENCE_INTENSITY - ex.INTENSITY_THRESHOLD)
    ceiling = case["amplitude_sd"] * gain / (1 - np.exp(-k * ex.REFERENCE_DURATION_MIN))
    during = ceiling * (1 - np.exp(-k * np.clip(t, 0.0, d)))
    start = ceiling if from_ceiling else ceiling * (1 - np.exp(-k * d))
    elapsed = t if from_start else t - d
    after = start * np.exp(-k * np.clip(elapsed, 0.0, None))
    return np.where(t < 0, 0.0, np.where(t <= d, during, after))


def _after_bout(got, case) -> np.ndarray:
    t = np.asarray(case["time_min"], dtype=float)
    return np.asarray(got, dtype=float)[t > case["duration_min"]]


def _grows_after_the_bout(got, want, case) -> bool:
    after = _after_bout(got, case)
    return after.size > 1 and bool(np.all(np.diff(after) > 0))


def _close(got, variant) -> bool:
    return bool(np.allclose(np.asarray(got, dtype=float), variant, rtol=1e-6, atol=1e-12))


HINTS = [
    (
        lambda got, want, case: _close(got, _variant(case, rate=lambda h: 1 / h)),
        "your rate is 1 / half_life_min, so one half-life after the bout 37% of the rise is left instead of 50%. "
        "A half-life t½ means exp(-k t½) = 1/2, so k = ln 2 / t½: np.log(2) / half_life_min.",
    ),
    (
        lambda got, want, case: (
            _close(got, _variant(case, rate=lambda h: np.log(2) * h)) or _close(got, _variant(case, rate=lambda h: h))
        ),
        "your rate grows with the half-life, so a longer half-life would make the rise fade faster. "
        "k is ln 2 divided by the half-life: np.log(2) / half_life_min.",
    ),
    (
        _grows_after_the_bout,
        "your curve keeps rising after the bout ends. The fade is exp(-k × time since the bout ended), "
        "with a minus sign: it shrinks towards the resting level.",
    ),
    (
        lambda got, want, case: _close(got, _variant(case, from_start=True)),
        "the fade starts at the beginning of the bout in your version, so the curve drops when the bout ends. "
        "Count the time since the END of the bout: t - duration_min.",
    ),
    (
        lambda got, want, case: _close(got, _variant(case, from_ceiling=True)),
        "your fade starts from the ceiling, so the curve jumps up when the bout ends. "
        "Start it from peak, the rise reached at the end of the bout.",
    ),
]


def bout_rise(function) -> Feedback:
    """Compare a learner's version of the teaching model's equation with the course's own.

    The learner writes the clearance rate ``k`` from the half-life and the fade after the bout; the
    cases differ in intensity, bout length, amplitude and half-life, and sample the curve before,
    during and after the bout.
    """
    return check_function(
        function,
        ex.bout_rise_core,
        CASES,
        hints=HINTS,
        success="your curve is the course's: it climbs during the bout and halves every half-life after it.",
    )
