"""The GH chapter's fill-in exercise: the right equation passes, and each typical mistake gets its own hint."""

from __future__ import annotations

import numpy as np
import pytest

from neurotrophins.exercises import gh_igf1_axis as check
from neurotrophins.models import gh


def _secretion(*, scale_pulses=False, restrain_floor=True, invert=False, with_tone=True, with_floor=True):
    """The learner's function, right by default, with one typical mistake switched on."""

    def secretion(pulses, night, added, night_factor, ghrh_analogue, secretagogue, somatostatin):
        pulsatile = (
            gh.BASAL_AU_H
            + gh.PULSE_AMPLITUDE_AU_H * pulses
            + gh.NIGHT_PULSE_AMPLITUDE_AU_H * night_factor * night
            + secretagogue * added
        )
        envelope = np.minimum(1.0, pulses + night)
        tone = somatostatin if with_tone else 1.0
        restraint = 1.0 + gh.SOMATOSTATIN_STRENGTH * tone * (envelope if invert else 1.0 - envelope)
        floor = ghrh_analogue * gh.BASAL_AU_H
        if restrain_floor:
            floor = floor / (1.0 + gh.SOMATOSTATIN_STRENGTH * tone)
        if scale_pulses:
            return (1.0 + ghrh_analogue) * pulsatile / restraint
        return pulsatile / restraint + (floor if with_floor else 0.0)

    return secretion


def test_the_right_equation_passes():
    feedback = check.secretion(_secretion())
    assert feedback and "floor" in feedback.message


def test_the_course_function_itself_passes():
    assert check.secretion(gh.secretion_core)


@pytest.mark.parametrize(
    ("mistake", "hint"),
    [
        ({"scale_pulses": True}, "multiplies the pulses"),
        ({"with_floor": False}, "has no effect yet"),
        ({"restrain_floor": False}, "four times too high"),
        ({"invert": True}, "strongest during the pulses"),
        ({"with_tone": False}, "somatostatin tone is missing"),
    ],
)
def test_each_typical_mistake_gets_its_hint(mistake, hint):
    feedback = check.secretion(_secretion(**mistake))
    assert not feedback
    assert hint in feedback.message, feedback.message


def test_an_unfinished_exercise_says_what_to_do():
    def secretion(**kwargs):
        raise NotImplementedError("Exercise: write restraint and floor")

    feedback = check.secretion(secretion)
    assert not feedback and "NotImplementedError" in feedback.message


def test_a_function_that_returns_nothing_is_told_so():
    def secretion(**kwargs):
        return None

    assert "returns nothing" in check.secretion(secretion).message
