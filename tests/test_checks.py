"""The exercise checks' hidden-test helpers: cases the visible check never shows, and agreement on them."""

from __future__ import annotations

import numpy as np
import pytest

from neurotrophins.checks import agrees_on_unseen_cases, check_function, unseen_cases


def reference(rate, hours, steps=3):
    """A small model: exponential decay of ``rate`` over ``hours``, ``steps`` an int that must stay one."""
    return rate * np.exp(-hours / 2.0) * steps


def visible_check(function):
    return check_function(function, reference, [{"rate": 2.0, "hours": 1.0}, {"rate": 5.0, "hours": 3.0}])


def test_unseen_cases_scale_the_floats_of_every_call_the_check_made_and_leave_ints_alone():
    cases = unseen_cases(visible_check, reference)
    # two recorded calls, each scaled by 0.8 and by 1.25
    assert len(cases) == 4
    rates = sorted(kwargs["rate"] for _, kwargs in cases)
    assert rates == pytest.approx([1.6, 2.5, 4.0, 6.25])
    assert all("steps" not in kwargs for _, kwargs in cases)
    shown = {(2.0, 1.0), (5.0, 3.0)}
    assert not {(kw["rate"], kw["hours"]) for _, kw in cases} & shown, "an unseen case repeats a shown one"


def test_ints_and_arrays_are_scaled_as_their_type_says():
    seen = []

    def check(function):
        function(np.array([1.0, 2.0]), 3, flag=True)

    def ref(values, count, flag):
        seen.append((values, count, flag))
        return values * count

    cases = unseen_cases(check, ref, factors=(2.0,))
    ((args, kwargs),) = cases
    assert np.allclose(args[0], [2.0, 4.0]) and args[1] == 3 and kwargs == {"flag": True}


def test_cases_the_reference_cannot_answer_are_dropped_and_none_left_is_an_error():
    def ref(x):
        if x > 1.0:
            raise ValueError("x must be at most 1")
        return np.log(x)

    def check(function):
        function(x=1.0)

    kept = unseen_cases(check, ref)
    assert [kwargs["x"] for _, kwargs in kept] == [pytest.approx(0.8)]

    def check_too_large(function):
        function(x=1.0)

    with pytest.raises(ValueError, match="no call that could be scaled"):
        unseen_cases(check_too_large, ref, factors=(1.5, 2.0))


def test_the_right_function_agrees_and_says_on_how_many_cases():
    feedback = agrees_on_unseen_cases(
        visible_check, lambda rate, hours, steps=3: reference(rate, hours, steps), reference
    )
    assert feedback.ok and "4 cases" in feedback.message


def test_an_answer_fitted_to_the_shown_cases_fails_the_hidden_test():
    shown = {(2.0, 1.0): reference(2.0, 1.0), (5.0, 3.0): reference(5.0, 3.0)}

    def fitted(rate, hours, steps=3):
        return shown.get((rate, hours), 0.0)

    assert visible_check(fitted).ok, "the fitted answer passes what it was fitted to"
    feedback = agrees_on_unseen_cases(visible_check, fitted, reference)
    assert not feedback.ok and "did not show" in feedback.message


def test_an_answer_that_raises_on_an_unseen_case_gets_feedback_not_a_crash():
    def brittle(rate, hours, steps=3):
        if rate not in (2.0, 5.0):
            raise ZeroDivisionError
        return reference(rate, hours, steps)

    feedback = agrees_on_unseen_cases(visible_check, brittle, reference)
    assert not feedback.ok and "ZeroDivisionError" in feedback.message
