"""The fill-in check of the stress, sleep and heat chapter: the right answer passes, each mistake gets its hint."""

from __future__ import annotations

import numpy as np
import pytest

from neurotrophins.exercises import stress_sleep_heat as check
from neurotrophins.models import heat


def right(t, water_c, baseline_c=37.0, neutral_c=35.0, gain=0.6, tau_heat=20.0):
    t = np.asarray(t, dtype=float)
    plateau = baseline_c + gain * (water_c - neutral_c)
    return plateau + (baseline_c - plateau) * np.exp(-t / tau_heat)


def test_the_right_answer_passes_and_agrees_with_the_model():
    feedback = check.core_in_water(right)
    assert feedback, feedback
    assert "Correct" in str(feedback)
    t = np.array([0.0, 15.0, 30.0])
    np.testing.assert_allclose(right(t, 40.0), heat.core_temperature(t, 40.0, 60.0))


def mistake(plateau=None, start=None, sign=-1.0, flat=False, scalar=False, dots=False):
    """A learner's curve with one typical mistake: another plateau or start, a sign, a flat or scalar answer."""

    def function(t, water_c, baseline_c=37.0, neutral_c=35.0, gain=0.6, tau_heat=20.0):
        if dots:
            return ...
        t = np.asarray(t, dtype=float)
        right_plateau = baseline_c + gain * (water_c - neutral_c)
        top = right_plateau if plateau is None else plateau(water_c, baseline_c, neutral_c, gain)
        if scalar:
            return float(top)
        if flat:
            return np.full(t.shape, top)
        first = baseline_c if start is None else start(baseline_c, right_plateau)
        return top + (first - top) * np.exp(sign * t / tau_heat)

    return function


MISTAKES = [
    ("unfinished", mistake(dots=True), "return line"),
    ("one number", mistake(scalar=True), "one number for many times"),
    ("flat at the plateau", mistake(flat=True), "flat at the plateau"),
    ("starts at zero", mistake(start=lambda base, top: 0.0), "starts at 0 °C"),
    ("plus sign", mistake(sign=1.0), "minus sign"),
    (
        "swapped",
        mistake(plateau=lambda water, base, neutral, gain: base, start=lambda base, top: top),
        "swapped",
    ),
    (
        "no thermoneutral",
        mistake(plateau=lambda water, base, neutral, gain: base + gain * water),
        "water_c - neutral_c",
    ),
    (
        "no resting temperature",
        mistake(plateau=lambda water, base, neutral, gain: gain * (water - neutral)),
        "add the rise",
    ),
]


@pytest.mark.parametrize(("case", "function", "hint"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_typical_mistake_gets_its_hint(case, function, hint):
    feedback = check.core_in_water(function)
    assert not feedback, case
    assert hint in feedback.message, f"{case}: {feedback.message}"


def test_an_unfinished_exercise_and_a_crash_are_named():
    def unfinished(t, water_c, baseline_c=37.0, neutral_c=35.0, gain=0.6, tau_heat=20.0):
        raise NotImplementedError("Exercise")

    assert "not completed yet" in check.core_in_water(unfinished).message

    def crashes(t, water_c, baseline_c=37.0, neutral_c=35.0, gain=0.6, tau_heat=20.0):
        plateau = ...
        return plateau + t

    assert "raised TypeError" in check.core_in_water(crashes).message


def test_an_unrecognised_wrong_answer_gets_the_general_comparison():
    def off_by_one(t, water_c, baseline_c=37.0, neutral_c=35.0, gain=0.6, tau_heat=20.0):
        return right(t, water_c, baseline_c, neutral_c, gain, tau_heat) + 1.0

    message = check.core_in_water(off_by_one).message
    assert "the course's gives" in message and "Compare your formula" in message
