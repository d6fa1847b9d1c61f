"""Checks for the exercises of "See how the HPG axis regulates itself"."""

from __future__ import annotations

import numpy as np

from ..checks import Feedback, check_function
from ..models import hpg

__all__ = ["feedback_targets", "gains"]


def gains(constants: hpg.FeedbackConstants) -> tuple[float, float, float]:
    """The gains g, l, f of the GnRH, LH and FSH equations (they put the untreated state at 1)."""
    return hpg._gains(constants)


def _cases() -> list[dict]:
    """Calls that tell the typical mistakes apart (the constants are named by sex, so feedback stays short)."""
    return [
        dict(state=np.ones(5), exogenous=0.0, aromatase=1.0, gonadal=1.0, sex="male"),
        dict(state=np.array([0.8, 0.6, 0.7, 0.5, 1.3]), exogenous=1.5, aromatase=0.6, gonadal=0.8, sex="male"),
        dict(state=np.array([1.2, 1.5, 2.0, 0.9, 0.4]), exogenous=0.5, aromatase=0.7, gonadal=0.3, sex="female"),
    ]


def _with_constants(function):
    """Call ``function(state, exogenous, aromatase, gonadal, p)`` with the constants of ``sex``."""

    def call(state, exogenous, aromatase, gonadal, sex):
        return function(state, exogenous, aromatase, gonadal, hpg.CONSTANTS[sex])

    return call


def _estradiol_variants(case) -> list[tuple[float, str]]:
    """Typical wrong estradiol targets, each with what to look at."""
    _, _, fsh, testosterone, _ = case["state"]
    x, r, c, p = case["exogenous"], case["aromatase"], case["gonadal"], hpg.CONSTANTS[case["sex"]]
    ovary = c * p.ovarian_share * fsh
    return [
        (
            r * p.aromatase_share * testosterone + ovary,
            "aromatase turns the outside androgen into estradiol too: use androgen (testosterone + exogenous), "
            "not testosterone alone, in the aromatase term.",
        ),
        (
            p.aromatase_share * (testosterone + x) + ovary,
            "the aromatase term ignores how much aromatase is left: multiply it by aromatase.",
        ),
        (
            r * p.aromatase_share * (testosterone + x) + p.ovarian_share * fsh,
            "the ovary's share of estradiol depends on how much ovary is left: multiply it by gonadal.",
        ),
        (
            r * p.aromatase_share * (testosterone + x),
            "estradiol has two sources: aromatase and the ovary (gonadal * p.ovarian_share * fsh). Add both.",
        ),
    ]


def _hints():
    def forgot_exogenous(got, want, case):
        alt = hpg.feedback_targets(case["state"], 0.0, case["aromatase"], case["gonadal"], hpg.CONSTANTS[case["sex"]])
        return case["exogenous"] > 0 and np.allclose(got, alt)

    def testosterone_without_gonad(got, want, case):
        return np.isclose(np.asarray(got)[3], case["state"][1]) and not np.isclose(want[3], case["state"][1])

    def testosterone_wrong(got, want, case):
        return not np.isclose(np.asarray(got)[3], want[3])

    hints = [
        (
            forgot_exogenous,
            "the hypothalamus and aromatase see all the androgen, the body's own and the outside supply: "
            "androgen = testosterone + exogenous.",
        ),
        (
            testosterone_without_gonad,
            "the testosterone target is LH times what the gonads can still do: gonadal * lh.",
        ),
        (testosterone_wrong, "look at the fourth line: the testes' testosterone follows LH, scaled by gonadal."),
    ]
    for k in range(4):

        def estradiol_variant(got, want, case, k=k):
            value, _ = _estradiol_variants(case)[k]
            return np.isclose(np.asarray(got)[4], value) and not np.isclose(value, want[4])

        hints.append((estradiol_variant, _estradiol_variants(_cases()[1])[k][1]))
    return hints


def feedback_targets(function) -> Feedback:
    """Compare a learner's feedback targets with :func:`neurotrophins.models.hpg.feedback_targets`."""
    return check_function(
        _with_constants(function),
        _with_constants(hpg.feedback_targets),
        _cases(),
        hints=_hints(),
        success="your targets match the course's model: androgen from both sources brakes GnRH, the gonads "
        "follow LH, and estradiol comes from aromatase and the ovary.",
    )
