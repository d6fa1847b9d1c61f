"""The fill-in exercise of "Read a BDNF blood test": the right answer passes, each typical mistake gets its hint."""

from __future__ import annotations

import math

import numpy as np
import pytest

from neurotrophins.exercises import measuring_bdnf as check
from neurotrophins.models import effect_size as es


def right(percent_change, cv_percent, rho):
    d = percent_change / cv_percent
    d_z = d / np.sqrt(2 * (1 - rho))
    return es.people_needed(d_z, groups=1)


def test_the_core_on_the_page_is_the_checked_formula():
    for d in (0.1, 0.46, 0.78, 2.0):
        for alpha, power in ((0.05, 0.8), (0.01, 0.9)):
            assert es.people_needed(d, alpha, power) == pytest.approx(es.n_formula(d, alpha, power))
            assert es.people_needed(d, alpha, power, groups=1) == pytest.approx(es.n_formula(d, alpha, power, True))
    # Cohen's d = 0.8 at alpha 0.05 and 80% power: 24.5 by the normal formula (26 with Student's t)
    assert round(es.people_needed(0.8), 1) == 24.5


def test_the_right_answer_passes():
    feedback = check.people_for_change(right)
    assert feedback, feedback
    assert "whatever the correlation" in str(feedback)


def _with(dz_of, groups=1, flip=False):
    def answer(percent_change, cv_percent, rho):
        d = cv_percent / percent_change if flip else percent_change / cv_percent
        return es.people_needed(dz_of(d, rho), groups=groups)

    return answer


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (_with(lambda d, r: d / math.sqrt(2 * (1 - r)), groups=2), "groups=1"),
        (_with(lambda d, r: d), "you used d itself"),
        (_with(lambda d, r: d * math.sqrt(2 * (1 - r))), "divide d by it"),
        (_with(lambda d, r: d / math.sqrt(1 - r)), "the 2 is missing"),
        (_with(lambda d, r: d / math.sqrt(2 * (1 + r))), "1 - rho, not 1 + rho"),
        (_with(lambda d, r: d / math.sqrt(2 * (1 - r)), flip=True), "upside down"),
    ],
    ids=["two-groups", "no-pairing", "multiplied", "no-two", "plus-rho", "d-inverted"],
)
def test_each_typical_mistake_gets_its_hint(answer, hint):
    feedback = check.people_for_change(answer)
    assert not feedback
    assert hint in str(feedback), str(feedback)


def test_an_unfinished_exercise_says_what_to_do():
    def unfinished(percent_change, cv_percent, rho):
        raise NotImplementedError("Exercise: complete d_z")

    feedback = check.people_for_change(unfinished)
    assert not feedback and "NotImplementedError" in str(feedback)


def test_another_wrong_answer_gets_the_numbers_to_compare():
    feedback = check.people_for_change(lambda percent_change, cv_percent, rho: 12.0)
    assert not feedback and "the course's gives" in str(feedback)
