"""The fill-in exercise of the HPG chapter: the right answer passes, each typical mistake gets its own hint."""

from __future__ import annotations

import numpy as np
import pytest

from neurotrophins.exercises import hpg_axis as check
from neurotrophins.models import hpg


def _phi(level, half, hill):
    return 1.0 / (1.0 + (level / half) ** hill)


def _targets(
    *,
    sense_exogenous=True,
    scale_testosterone=True,
    aromatize_exogenous=True,
    scale_aromatase=True,
    scale_ovary=True,
    ovary=True,
):
    """A learner's version of ``feedback_targets``; each flag switched off is one typical mistake."""

    def feedback_targets(state, exogenous, aromatase, gonadal, p):
        gnrh, lh, fsh, testosterone, estradiol = state
        g, ell, f = check.gains(p)
        androgen = testosterone + exogenous if sense_exogenous else testosterone
        substrate = androgen if aromatize_exogenous else testosterone
        from_aromatase = (aromatase if scale_aromatase else 1.0) * p.aromatase_share * substrate
        from_ovary = (gonadal if scale_ovary else 1.0) * p.ovarian_share * fsh if ovary else 0.0
        return np.array(
            [
                g * _phi(androgen, p.k_androgen, 1.0) * _phi(estradiol, p.k_estradiol_hypothalamus, p.hill),
                ell * gnrh * _phi(estradiol, p.k_estradiol_lh, p.hill),
                f * gnrh * _phi(estradiol, p.k_estradiol_fsh, p.hill),
                (gonadal if scale_testosterone else 1.0) * lh,
                from_aromatase + from_ovary,
            ]
        )

    return feedback_targets


def test_the_right_answer_passes():
    feedback = check.feedback_targets(_targets())
    assert feedback, feedback
    assert "match the course's model" in str(feedback)


def test_the_course_function_passes_its_own_check():
    assert check.feedback_targets(hpg.feedback_targets)


@pytest.mark.parametrize(
    ("mistake", "hint"),
    [
        ({"sense_exogenous": False}, "androgen = testosterone + exogenous"),
        ({"scale_testosterone": False}, "gonadal * lh"),
        ({"aromatize_exogenous": False}, "aromatase turns the outside androgen into estradiol too"),
        ({"scale_aromatase": False}, "multiply it by aromatase"),
        ({"scale_ovary": False}, "multiply it by gonadal"),
        ({"ovary": False}, "estradiol has two sources"),
    ],
)
def test_each_typical_mistake_gets_its_hint(mistake, hint):
    feedback = check.feedback_targets(_targets(**mistake))
    assert not feedback
    assert hint in str(feedback), str(feedback)


def test_an_unfinished_exercise_and_a_missing_return_are_named():
    def unfinished(state, exogenous, aromatase, gonadal, p):
        raise NotImplementedError("Exercise: complete the three lines marked ...")

    def no_return(state, exogenous, aromatase, gonadal, p):
        pass

    assert "not completed yet" in str(check.feedback_targets(unfinished))
    assert "returns nothing" in str(check.feedback_targets(no_return))


def test_feedback_names_the_constants_by_sex_not_by_their_long_repr():
    feedback = str(check.feedback_targets(_targets(scale_testosterone=False)))
    assert "sex='male'" in feedback and "FeedbackConstants" not in feedback
