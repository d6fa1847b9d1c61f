"""The fill-in exercise of the nutrition chapter: the right answer passes, each typical mistake gets its hint."""

from __future__ import annotations

import math

import numpy as np
import pytest

from neurotrophins.exercises import nutrition as check
from neurotrophins.models import heterogeneity as het


def _learner(half_width):
    """A learner's prediction interval whose half-width is computed by ``half_width(se, tau_squared, t)``."""

    def prediction_interval(mean, se, tau_squared, t_quantile):
        h = half_width(se, tau_squared, t_quantile)
        return mean - h, mean + h

    return prediction_interval


@pytest.mark.parametrize(
    "half_width",
    [
        lambda se, tau2, t: t * math.sqrt(tau2 + se**2),
        lambda se, tau2, t: t * np.hypot(math.sqrt(tau2), se),
        lambda se, tau2, t: t * (tau2 + se * se) ** 0.5,
    ],
    ids=["sqrt", "hypot", "power"],
)
def test_the_right_answer_passes_in_any_equivalent_form(half_width):
    feedback = check.prediction_interval(_learner(half_width))
    assert feedback, str(feedback)
    assert "course's" in str(feedback)


@pytest.mark.parametrize(
    ("half_width", "hint"),
    [
        (lambda se, tau2, t: t * se, "confidence interval"),
        (lambda se, tau2, t: t * math.sqrt(tau2), "left out SE²"),
        (lambda se, tau2, t: t * (math.sqrt(tau2) + se), "Variances add"),
        (lambda se, tau2, t: t * (tau2 + se**2), "square root"),
        (lambda se, tau2, t: math.sqrt(tau2 + se**2), "multiplier"),
    ],
    ids=["ci", "no-se", "sd-sum", "no-sqrt", "no-t"],
)
def test_each_typical_mistake_gets_its_hint(half_width, hint):
    feedback = check.prediction_interval(_learner(half_width))
    assert not feedback
    assert hint in str(feedback), str(feedback)


def test_limits_in_the_wrong_order_are_named():
    def reversed_limits(mean, se, tau_squared, t_quantile):
        h = t_quantile * math.sqrt(tau_squared + se**2)
        return mean + h, mean - h

    feedback = check.prediction_interval(reversed_limits)
    assert not feedback and "lower limit first" in str(feedback)


def test_an_unfinished_exercise_and_a_missing_return_are_named():
    def unfinished(mean, se, tau_squared, t_quantile):
        raise NotImplementedError("Exercise")

    def no_return(mean, se, tau_squared, t_quantile):
        math.sqrt(tau_squared + se**2)

    assert "not completed yet" in str(check.prediction_interval(unfinished))
    assert "returns nothing" in str(check.prediction_interval(no_return))


def test_the_core_is_what_the_public_function_computes():
    se, tau2 = het.se_from_ci(0.28, 1.15), het.tau_squared_from_summary(het.se_from_ci(0.28, 1.15), 12, 0.8439)
    t = het.student_t_quantile(0.975, 10)
    assert het.prediction_interval_core(0.72, se, tau2, t) == pytest.approx(het.prediction_interval(0.72, se, tau2, 12))
    low, high = het.prediction_interval_core(0.72, se, 0.0, 1.959964)
    assert (low, high) == pytest.approx(het.confidence_interval(0.72, se), abs=1e-6)
