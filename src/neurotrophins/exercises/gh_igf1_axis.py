"""Checks for the exercises of "Trace the GH/IGF-1 axis and weigh the peptides sold around it"."""

from __future__ import annotations

import numpy as np

from ..checks import Feedback, check_function
from ..models import gh

__all__ = ["secretion"]


def _parts(case: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pulsatile numerator, the release envelope and the right restraint of one case."""
    pulsatile = (
        gh.BASAL_AU_H
        + gh.PULSE_AMPLITUDE_AU_H * case["pulses"]
        + gh.NIGHT_PULSE_AMPLITUDE_AU_H * case["night_factor"] * case["night"]
        + case["secretagogue"] * case["added"]
    )
    envelope = np.minimum(1.0, case["pulses"] + case["night"])
    restraint = 1.0 + gh.SOMATOSTATIN_STRENGTH * case["somatostatin"] * (1.0 - envelope)
    return pulsatile, envelope, restraint


def _floor(case: dict, tone: float) -> float:
    return case["ghrh_analogue"] * gh.BASAL_AU_H / (1.0 + gh.SOMATOSTATIN_STRENGTH * tone)


def _like(got, variant) -> bool:
    return bool(np.allclose(np.asarray(got, dtype=float), variant, rtol=1e-6, atol=0.0))


def _scaled_pulses(got, want, case) -> bool:
    pulsatile, _, restraint = _parts(case)
    return _like(got, (1.0 + case["ghrh_analogue"]) * pulsatile / restraint)


def _floor_unrestrained(got, want, case) -> bool:
    pulsatile, _, restraint = _parts(case)
    return _like(got, pulsatile / restraint + case["ghrh_analogue"] * gh.BASAL_AU_H)


def _no_floor(got, want, case) -> bool:
    pulsatile, _, restraint = _parts(case)
    return case["ghrh_analogue"] > 0 and _like(got, pulsatile / restraint)


def _restraint_inverted(got, want, case) -> bool:
    pulsatile, envelope, _ = _parts(case)
    restraint = 1.0 + gh.SOMATOSTATIN_STRENGTH * case["somatostatin"] * envelope
    return _like(got, pulsatile / restraint + _floor(case, case["somatostatin"]))


def _tone_left_out(got, want, case) -> bool:
    if case["somatostatin"] == 1.0:
        return False
    pulsatile, envelope, restraint = _parts(case)
    plain = 1.0 + gh.SOMATOSTATIN_STRENGTH * (1.0 - envelope)
    return any(
        _like(got, p / r + _floor(case, tone))
        for p, r, tone in (
            (pulsatile, plain, 1.0),
            (pulsatile, plain, case["somatostatin"]),
            (pulsatile, restraint, 1.0),
        )
    )


HINTS = [
    (
        _scaled_pulses,
        "your analogue multiplies the pulses as well as the trough. In the human study of continuous CJC-1295 "
        "exposure the pulses kept their size and only the floor rose: add a floor instead of scaling everything.",
    ),
    (
        _no_floor,
        "the analogue has no effect yet: floor should be ghrh_analogue times the between-pulse secretion, "
        "BASAL_AU_H / (1 + SOMATOSTATIN_STRENGTH * somatostatin).",
    ),
    (
        _floor_unrestrained,
        "your floor is ghrh_analogue * BASAL_AU_H, four times too high at baseline tone: between pulses somatostatin "
        "restrains the basal rate, so divide by (1 + SOMATOSTATIN_STRENGTH * somatostatin).",
    ),
    (
        _restraint_inverted,
        "your restraint is strongest during the pulses. Somatostatin restrains secretion between pulses, when the "
        "envelope is 0: use (1.0 - envelope).",
    ),
    (
        _tone_left_out,
        "the somatostatin tone is missing somewhere: it multiplies SOMATOSTATIN_STRENGTH both in the restraint and "
        "in the floor's denominator.",
    ),
]


def secretion(function) -> Feedback:
    """Compare a learner's version of the GH model's secretion equation with the course's ``secretion_core``."""
    shapes = gh.day_shapes()
    cases = [
        dict(shapes, night_factor=1.0, ghrh_analogue=0.0, secretagogue=0.0, somatostatin=1.0),
        dict(
            shapes, night_factor=float(gh.night_pulse_factor(60)), ghrh_analogue=6.5, secretagogue=0, somatostatin=1.0
        ),
        dict(shapes, night_factor=0.5, ghrh_analogue=3.0, secretagogue=4.0, somatostatin=2.0),
    ]
    return check_function(
        function,
        gh.secretion_core,
        cases,
        hints=HINTS,
        success="your equation is the course's: the pulses keep their size and the analogue lifts the floor.",
    )
