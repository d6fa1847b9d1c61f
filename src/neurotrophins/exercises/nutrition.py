"""Checks for the exercises of "Sort the nutrition claims about BDNF by their evidence"."""

from __future__ import annotations

import math

import numpy as np

from ..checks import Feedback, check_function
from ..models import heterogeneity as het

__all__ = ["prediction_interval"]

#: Cases a learner's prediction interval is compared on: the omega-3 meta-analysis (SD units), the curcumin one
#: (pg/mL) and an estimate below zero with no heterogeneity at all.
CASES = [
    dict(mean=0.72, se=0.2219, tau_squared=0.4986, t_quantile=2.228),
    dict(mean=1789.38, se=544.55, tau_squared=990423.0, t_quantile=4.303),
    dict(mean=-0.3, se=0.1, tau_squared=0.0, t_quantile=2.0),
]


def _interval(case, half_width: float) -> np.ndarray:
    return np.array([case["mean"] - half_width, case["mean"] + half_width])


def _is(got, case, half_width: float) -> bool:
    return bool(np.allclose(np.asarray(got, dtype=float), _interval(case, half_width), rtol=1e-6, atol=0.0))


def _hints():
    """(predicate, message) pairs for the typical mistakes, each recognised by the interval it gives."""
    return [
        (
            lambda got, want, c: _is(got, c, c["t_quantile"] * c["se"]),
            "that is the confidence interval of the average: it has no τ² in it. A new study's true effect also "
            "varies around the average, so add the between-study variance τ² to SE² before the square root.",
        ),
        (
            lambda got, want, c: _is(got, c, c["t_quantile"] * math.sqrt(c["tau_squared"])),
            "you left out SE²: the spread of true effects (τ²) is measured around the true average, but the "
            "average itself is only estimated, so its variance SE² adds to τ².",
        ),
        (
            lambda got, want, c: _is(got, c, c["t_quantile"] * (math.sqrt(c["tau_squared"]) + c["se"])),
            "you added the two standard deviations (τ + SE). Variances add, standard deviations do not: "
            "take the square root of τ² + SE².",
        ),
        (
            lambda got, want, c: _is(got, c, c["t_quantile"] * (c["tau_squared"] + c["se"] ** 2)),
            "τ² + SE² is a variance, in squared units: take its square root to get back to the effect's units "
            "before you multiply by t.",
        ),
        (
            lambda got, want, c: _is(got, c, math.sqrt(c["tau_squared"] + c["se"] ** 2)),
            "the half-width is missing its multiplier: a 95% interval is t_quantile standard deviations "
            "either side of the mean, not one.",
        ),
        (
            lambda got, want, c: bool(np.allclose(np.asarray(got, dtype=float)[::-1], want, rtol=1e-6, atol=0.0)),
            "the two limits are the right numbers in the wrong order: return the lower limit first.",
        ),
    ]


def prediction_interval(function) -> Feedback:
    """Compare a learner's prediction interval (mean, se, tau_squared, t_quantile -> (low, high)) with the model's."""
    return check_function(
        function,
        het.prediction_interval_core,
        CASES,
        hints=_hints(),
        success="your interval is the course's: the mean plus or minus t standard deviations of a new study's "
        "true effect, with τ² and SE² added as variances.",
    )
