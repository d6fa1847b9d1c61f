"""Checks for the exercises of "Test the claims about stress, sleep, meditation and heat"."""

from __future__ import annotations

import numpy as np

from ..checks import Feedback, check_function
from ..models import heat

__all__ = ["core_in_water"]

#: Minutes in the water at which a learner's curve is compared with the model's.
_TIMES = np.array([0.0, 5.0, 10.0, 15.0, 20.0, 40.0, 60.0])


def _reference(t, water_c, baseline_c=37.0, neutral_c=35.0, gain=0.6, tau_heat=20.0):
    """The model's curve while the person is still in the water (the stay outlasts every time asked)."""
    t = np.asarray(t, dtype=float)
    return heat.temperature_curve(
        t, water_c, float(np.max(t)) + 1.0, baseline_c, neutral_c, gain, tau_heat, heat.COOLING_TIME_CONSTANT_MIN
    )


def _variant(case, plateau, start=None, sign=-1.0):
    """A typical wrong curve for ``case``: another plateau, start or sign in the exponential."""
    t = np.asarray(case["t"], dtype=float)
    start = case.get("baseline_c", 37.0) if start is None else start
    return plateau + (start - plateau) * np.exp(sign * t / case.get("tau_heat", 20.0))


def _plateau(case) -> float:
    return case.get("baseline_c", 37.0) + case.get("gain", 0.6) * (case["water_c"] - case.get("neutral_c", 35.0))


def _close(got, curve) -> bool:
    return bool(np.allclose(np.asarray(got, dtype=float), curve, rtol=1e-6))


def core_in_water(function) -> Feedback:
    """Compare a learner's ``core_in_water(t, water_c, ...)`` with the heat model while in the water."""
    cases = [
        dict(t=_TIMES, water_c=40.0),
        dict(t=_TIMES, water_c=42.0),
        dict(t=_TIMES, water_c=30.0),
        dict(t=_TIMES, water_c=41.0, baseline_c=36.6, neutral_c=34.0, gain=0.5, tau_heat=10.0),
    ]
    hints = [
        (
            lambda got, want, case: got is Ellipsis,
            "your function returns `...`: replace the dots on the return line with the equation.",
        ),
        (
            lambda got, want, case: np.ndim(got) == 0 and np.size(case["t"]) > 1,
            "your function returns one number for many times: build the answer from the array t, so that each "
            "minute gets its own temperature.",
        ),
        (
            lambda got, want, case: _close(got, np.full(np.shape(case["t"]), _plateau(case))),
            "your curve is flat at the plateau: the core starts at the resting temperature and only approaches "
            "the plateau, closing the gap as exp(-t / tau_heat).",
        ),
        (
            lambda got, want, case: _close(got, _variant(case, _plateau(case), start=0.0)),
            "at t = 0 your curve starts at 0 °C: it should start at baseline_c. Write it as plateau + "
            "(baseline_c - plateau) * exp(-t / tau_heat).",
        ),
        (
            lambda got, want, case: _close(got, _variant(case, _plateau(case), sign=1.0)),
            "your curve runs away from the plateau: the gap must shrink, so the exponent needs a minus sign, "
            "exp(-t / tau_heat).",
        ),
        (
            lambda got, want, case: _close(got, _variant(case, case.get("baseline_c", 37.0), start=_plateau(case))),
            "your curve starts at the plateau and falls back to rest: the two temperatures are swapped. The "
            "core starts at baseline_c and heads for the plateau.",
        ),
        (
            lambda got, want, case: _close(
                got, _variant(case, case.get("baseline_c", 37.0) + case.get("gain", 0.6) * case["water_c"])
            ),
            "your plateau is far too high: only the water's excess over the thermoneutral temperature warms the "
            "core, so use gain * (water_c - neutral_c).",
        ),
        (
            lambda got, want, case: _close(
                got, _variant(case, case.get("gain", 0.6) * (case["water_c"] - case.get("neutral_c", 35.0)))
            ),
            "your plateau is a few degrees, not a body temperature: add the rise gain * (water_c - neutral_c) "
            "to the resting temperature baseline_c.",
        ),
    ]
    return check_function(
        function,
        _reference,
        cases,
        hints=hints,
        success="your equation gives the model's curve: warming towards the plateau in hot water, cooling in "
        "cool water, for other body parameters too.",
    )
