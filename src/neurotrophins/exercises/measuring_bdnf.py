"""Checks for the exercises of "Read a BDNF blood test"."""

from __future__ import annotations

import math

from ..checks import Feedback, check_function
from ..models import effect_size as es

__all__ = ["people_for_change"]


def _people(percent_change: float, cv_percent: float, dz_of, groups: int = 1) -> float:
    """People the course's model needs when the learner's d_z is ``dz_of(d, rho)``."""
    return es.people_needed(dz_of(percent_change / cv_percent), groups=groups)


def _reference(percent_change: float, cv_percent: float, rho: float) -> float:
    d = float(es.d_from_percent(percent_change, cv_percent))
    return es.people_needed(float(es.paired_dz(d, rho)), groups=1)


def _is(got, percent_change, cv_percent, dz_of, groups=1) -> bool:
    return math.isclose(float(got), _people(percent_change, cv_percent, dz_of, groups), rel_tol=1e-6)


def people_for_change(function) -> Feedback:
    """Check a learner's ``people_for_change(percent_change, cv_percent, rho)`` for a before/after study."""
    cases = [
        dict(percent_change=20.0, cv_percent=25.5, rho=0.5),
        dict(percent_change=20.0, cv_percent=25.5, rho=0.8),
        dict(percent_change=10.0, cv_percent=30.0, rho=0.0),
    ]
    hints = [
        (
            lambda got, want, c: math.isclose(float(got), 2 * want, rel_tol=1e-6),
            "your answer is twice the course's: a before/after study measures one group twice, so call "
            "es.people_needed(..., groups=1).",
        ),
        (
            lambda got, want, c: _is(got, c["percent_change"], c["cv_percent"], lambda d: d),
            "you used d itself: with a correlation rho between a person's two values, their difference has "
            "an SD of sqrt(2 (1 - rho)) between-person SDs, so d_z = d / sqrt(2 * (1 - rho)).",
        ),
        (
            lambda got, want, c: _is(
                got, c["percent_change"], c["cv_percent"], lambda d: d * math.sqrt(2 * (1 - c["rho"]))
            ),
            "you multiplied by sqrt(2 (1 - rho)): a higher correlation should make the study smaller, so "
            "divide d by it.",
        ),
        (
            lambda got, want, c: _is(got, c["percent_change"], c["cv_percent"], lambda d: d / math.sqrt(1 - c["rho"])),
            "the 2 is missing: the SD of a difference of two measurements is sigma * sqrt(2 (1 - rho)).",
        ),
        (
            lambda got, want, c: _is(
                got, c["percent_change"], c["cv_percent"], lambda d: d / math.sqrt(2 * (1 + c["rho"]))
            ),
            "the correlation enters as 1 - rho, not 1 + rho: the more a person's two values move together, "
            "the less noisy their difference.",
        ),
        (
            lambda got, want, c: math.isclose(
                float(got),
                es.people_needed(float(es.paired_dz(c["cv_percent"] / c["percent_change"], c["rho"])), groups=1),
                rel_tol=1e-6,
            ),
            "d is upside down: it is the change divided by the coefficient of variation (both in percent).",
        ),
    ]
    return check_function(
        function,
        _reference,
        cases,
        hints=hints,
        success="your function gives the course's numbers for a before/after study, whatever the correlation.",
    )
