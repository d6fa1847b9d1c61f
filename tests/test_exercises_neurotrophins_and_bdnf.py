"""The checks of chapter 1's exercises: the right answer passes, each typical mistake gets its own hint."""

from __future__ import annotations

import numpy as np
import pytest

from neurotrophins.exercises import neurotrophins_and_bdnf as check
from neurotrophins.models import neurogenesis as ng

# ---------------------------------------------------------------- life cycle order

RIGHT_ORDER = list(check.LIFE_CYCLE_STEPS)


def test_the_right_order_passes():
    feedback = check.life_cycle_order(RIGHT_ORDER)
    assert feedback and "Correct" in str(feedback)


def _swap(steps, a, b):
    steps = list(steps)
    i, j = steps.index(a), steps.index(b)
    steps[i], steps[j] = steps[j], steps[i]
    return steps


@pytest.mark.parametrize(
    ("mistake", "steps", "hint"),
    [
        (
            "cut only after release (the extracellular route as the main one)",
            [RIGHT_ORDER[i] for i in (0, 1, 3, 4, 2, 5)],
            "The cut comes before storage",
        ),
        (
            "released before being stored",
            _swap(RIGHT_ORDER, "stored in dense-core granules", "released when the neuron is active"),
            "Storage comes before release",
        ),
        (
            "mature BDNF made before the precursor",
            _swap(
                RIGHT_ORDER,
                "made as pro-BDNF in the endoplasmic reticulum",
                "cut to mature BDNF by furin or other proconvertases",
            ),
            "what comes out is the precursor",
        ),
        (
            "binding before release",
            _swap(RIGHT_ORDER, "released when the neuron is active", "binds TrkB on a nearby cell"),
            "Release needs activity",
        ),
    ],
)
def test_typical_ordering_mistakes_get_their_hint(mistake, steps, hint):
    feedback = check.life_cycle_order(steps)
    assert not feedback, mistake
    assert hint in feedback.message, (mistake, feedback.message)


def test_a_step_left_out_or_retyped_is_named():
    feedback = check.life_cycle_order([*RIGHT_ORDER[:-1], "binds TrkB"])
    assert not feedback and "missing" in feedback.message and "binds TrkB" in feedback.message


def test_an_unfinished_list_says_so():
    assert "not completed" in check.life_cycle_order([..., *RIGHT_ORDER[1:]]).message
    assert "list" in check.life_cycle_order("gene, protein").message


# ---------------------------------------------------------------- mutant phenotypes

RIGHT = {
    "no tPA": "A",
    "Met variant knocked in": "B",
    "TrkB PLCγ site mutated": "C",
    "TrkB Shc site mutated": "E",
    "no p75NTR": "D",
}


def test_every_mouse_right_passes_and_lower_case_letters_count():
    assert check.mutant_phenotypes(RIGHT)
    assert check.mutant_phenotypes({m: letter.lower() for m, letter in RIGHT.items()})
    assert set(check.MUTANTS) == set(RIGHT) and set(RIGHT.values()) < set(check.OUTCOMES)


@pytest.mark.parametrize(
    ("mouse", "wrong", "hint"),
    [
        ("Met variant knocked in", "F", "made normal amounts"),
        ("no tPA", "C", "the trouble is the late phase"),
        ("no p75NTR", "C", "p75NTR is pro-BDNF's receptor"),
        ("TrkB PLCγ site mutated", "A", "so does early LTP"),
        ("TrkB Shc site mutated", "C", "left hippocampal LTP intact"),
        ("no tPA", "B", "which phase of LTP needs that"),  # no specific hint: the mouse's general one
    ],
)
def test_each_typical_wrong_prediction_gets_its_own_hint(mouse, wrong, hint):
    feedback = check.mutant_phenotypes({**RIGHT, mouse: wrong})
    assert not feedback
    assert "4 of 5 right" in feedback.message
    assert hint in feedback.message, feedback.message


def test_missing_mice_unknown_letters_and_placeholders_are_named():
    assert "missing: no p75NTR" in check.mutant_phenotypes({k: v for k, v in RIGHT.items() if k != "no p75NTR"}).message
    assert "letters" in check.mutant_phenotypes({**RIGHT, "no tPA": "Z"}).message
    assert "not completed" in check.mutant_phenotypes({**RIGHT, "no tPA": ...}).message
    assert "dict" in check.mutant_phenotypes(["A", "B"]).message


# ---------------------------------------------------------------- the model's equation


def test_the_models_own_equation_passes():
    assert check.adult_born_share(ng.adult_born_share)


def _no_clip(age_years, turnover_per_year, renewing_fraction, onset_age_years):
    elapsed = np.asarray(age_years, dtype=float) - onset_age_years
    return renewing_fraction * (1.0 - np.exp(-turnover_per_year * elapsed))


def _no_fraction(age_years, turnover_per_year, renewing_fraction, onset_age_years):
    elapsed = np.clip(np.asarray(age_years, dtype=float) - onset_age_years, 0.0, None)
    return 1.0 - np.exp(-turnover_per_year * elapsed)


def _decay(age_years, turnover_per_year, renewing_fraction, onset_age_years):
    elapsed = np.clip(np.asarray(age_years, dtype=float) - onset_age_years, 0.0, None)
    return renewing_fraction * np.exp(-turnover_per_year * elapsed)


def _unfinished(age_years, turnover_per_year, renewing_fraction, onset_age_years):
    raise NotImplementedError("Exercise: complete the equation")


@pytest.mark.parametrize(
    ("function", "hint"),
    [
        (_no_clip, "must not go below zero"),
        (_no_fraction, "multiply by renewing_fraction"),
        (_decay, "not exp(-r t)"),
        (_unfinished, "not completed yet"),
    ],
)
def test_typical_equation_mistakes_get_their_hint(function, hint):
    feedback = check.adult_born_share(function)
    assert not feedback and hint in feedback.message, feedback.message
