"""The fill-in exercise of the exercise chapter: the right answer passes, each typical mistake gets its hint."""

from __future__ import annotations

import numpy as np
import pytest

from neurotrophins.exercises import exercise as check
from neurotrophins.models.exercise import INTENSITY_THRESHOLD, REFERENCE_DURATION_MIN, REFERENCE_INTENSITY


def _learner(rate, fade):
    """A learner's version of the model's equation with the given rate and fade lines."""

    def bout_rise(time_min, intensity, duration_min, amplitude_sd, half_life_min):
        gain = max(0.0, intensity - INTENSITY_THRESHOLD) / (REFERENCE_INTENSITY - INTENSITY_THRESHOLD)
        t = np.asarray(time_min, dtype=float)
        k = rate(half_life_min)
        ceiling = amplitude_sd * gain / (1 - np.exp(-k * REFERENCE_DURATION_MIN))
        during = ceiling * (1 - np.exp(-k * np.clip(t, 0.0, duration_min)))
        peak = ceiling * (1 - np.exp(-k * duration_min))
        after = fade(t, duration_min, k, peak, ceiling, half_life_min)
        return np.where(t < 0, 0.0, np.where(t <= duration_min, during, after))

    return bout_rise


RIGHT_RATE = lambda h: np.log(2) / h  # noqa: E731
RIGHT_FADE = lambda t, d, k, peak, ceiling, h: peak * np.exp(-k * (t - d))  # noqa: E731


@pytest.mark.parametrize(
    "fade",
    [
        RIGHT_FADE,
        lambda t, d, k, peak, ceiling, h: peak * 0.5 ** ((t - d) / h),
        lambda t, d, k, peak, ceiling, h: peak * np.exp(-k * np.clip(t - d, 0, None)),
    ],
    ids=["exp", "halves", "clipped"],
)
def test_the_right_answer_passes_in_any_equivalent_form(fade):
    feedback = check.bout_rise(_learner(RIGHT_RATE, fade))
    assert feedback, str(feedback)
    assert "course's" in str(feedback)


@pytest.mark.parametrize(
    ("rate", "fade", "hint"),
    [
        (lambda h: 1 / h, RIGHT_FADE, "k = ln 2"),
        (lambda h: np.log(2) * h, RIGHT_FADE, "grows with the half-life"),
        (lambda h: h, RIGHT_FADE, "grows with the half-life"),
        (RIGHT_RATE, lambda t, d, k, peak, ceiling, h: peak * np.exp(k * (t - d)), "keeps rising"),
        (RIGHT_RATE, lambda t, d, k, peak, ceiling, h: peak * np.exp(-k * t), "END of the bout"),
        (RIGHT_RATE, lambda t, d, k, peak, ceiling, h: ceiling * np.exp(-k * (t - d)), "from peak"),
    ],
    ids=["rate-1-over-t", "rate-times-t", "rate-is-t", "sign", "from-start", "from-ceiling"],
)
def test_each_typical_mistake_gets_its_hint(rate, fade, hint):
    feedback = check.bout_rise(_learner(rate, fade))
    assert not feedback
    assert hint in str(feedback), str(feedback)


def test_an_unfinished_or_unrecognised_answer_gets_a_specific_message():
    def unfinished(time_min, intensity, duration_min, amplitude_sd, half_life_min):
        raise NotImplementedError("Exercise: write k and the fade after the bout")

    assert "not completed yet" in str(check.bout_rise(unfinished))
    linear = _learner(RIGHT_RATE, lambda t, d, k, peak, ceiling, h: peak * (1 - (t - d) / (2 * h)))
    feedback = check.bout_rise(linear)
    assert not feedback and "the course's gives" in str(feedback)
