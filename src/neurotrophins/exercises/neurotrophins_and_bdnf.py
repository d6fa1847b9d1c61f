"""Checks for the exercises of "Follow BDNF from gene to synapse"."""

from __future__ import annotations

import numpy as np

from ..checks import Feedback, check_function
from ..models import neurogenesis as ng

__all__ = ["adult_born_share"]


def adult_born_share(function) -> Feedback:
    """Compare a learner's version of the neurogenesis model's equation with the course's."""
    cases = [
        dict(age_years=80.0, turnover_per_year=0.0175, renewing_fraction=1 / 3, onset_age_years=18.0),
        dict(
            age_years=np.array([10.0, 18.0, 50.0, 100.0]),
            turnover_per_year=0.01,
            renewing_fraction=0.5,
            onset_age_years=18.0,
        ),
        dict(age_years=40.0, turnover_per_year=0.0, renewing_fraction=1 / 3, onset_age_years=18.0),
    ]
    hints = [
        (
            lambda got, want, case: np.any(np.asarray(got) < 0),
            "the share is negative somewhere: before the onset "
            "age nobody is adult-born, so the elapsed time must not go below zero (np.clip or np.maximum).",
        ),
        (
            lambda got, want, case: np.allclose(got, np.asarray(want) / case["renewing_fraction"]),
            "your curve rises towards 1, not towards the renewing fraction: multiply by renewing_fraction.",
        ),
        (
            lambda got, want, case: np.allclose(
                np.asarray(got),
                case["renewing_fraction"]
                * np.exp(
                    -case["turnover_per_year"]
                    * np.clip(np.asarray(case["age_years"]) - case["onset_age_years"], 0, None)
                ),
            ),
            "your curve starts at the renewing fraction and falls: the share born so far is 1 - exp(-r t), "
            "not exp(-r t).",
        ),
    ]
    return check_function(
        function,
        ng.adult_born_share,
        cases,
        hints=hints,
        success="your equation gives the course's curve, before and after the onset age.",
    )
