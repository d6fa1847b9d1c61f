"""Checks for the exercises of "Read the next BDNF headline" (the synthesis chapter)."""

from __future__ import annotations

import numpy as np

from ..checks import Feedback, check_function
from ..evidence_summary import mentions_all as _mentions_all

__all__ = ["mentions_all"]

#: Short texts in the style of the claims table, and the words a learner's lookup is tried with.
_TEXTS = [
    "A single exercise session raises BDNF in peripheral blood by a moderate amount.",
    "Serum and plasma BDNF are different pools.",
    "In ten active men, whole-body passive heating raised serum BDNF.",
    "Exercise training raises resting serum BDNF a little.",
    "Cold water raised plasma noradrenaline; no BDNF was measured.",
]
#: The words of each case; the texts are always :data:`_TEXTS` (so the feedback names only the words).
_CASES = [
    dict(words=["serum", "exercise"]),
    dict(words=["BDNF", "Serum"]),
    dict(words=["heating"]),
    dict(words=["plasma", "cold", "water"]),
]


def _lowered(case) -> list[str]:
    return [t.lower() for t in _TEXTS]


def _any_word(case) -> np.ndarray:
    return np.array([any(w.lower() in t for w in case["words"]) for t in _lowered(case)], dtype=float)


def _words_not_lowered(case) -> np.ndarray:
    return np.array([all(w in t for w in case["words"]) for t in _lowered(case)], dtype=float)


def _first_word_only(case) -> np.ndarray:
    return np.array([case["words"][0].lower() in t for t in _lowered(case)], dtype=float)


def _as_array(got) -> np.ndarray | None:
    try:
        return np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return None


def _is(got, variant) -> bool:
    arr = _as_array(got)
    return arr is not None and arr.shape == variant.shape and bool(np.array_equal(arr, variant))


_HINTS = [
    (
        lambda got, want, case: got is Ellipsis or (isinstance(got, list) and Ellipsis in got),
        "your function still returns `...`: replace the dots with the test for one text, for example "
        "`all(word.lower() in text for word in words)`.",
    ),
    (
        lambda got, want, case: np.ndim(got) == 0,
        "your function returns one value for all the texts together. Return one True or False per text, "
        "in the same order, for example with a list comprehension over `lowered`.",
    ),
    (
        lambda got, want, case: np.size(got) != len(_TEXTS),
        "your answer does not have one entry per text. Keep every text, with True or False for each.",
    ),
    (
        lambda got, want, case: _is(got, 1.0 - want),
        "your True and False are swapped: a text that contains every word should give True.",
    ),
    (
        lambda got, want, case: _is(got, _any_word(case)),
        "a text passes in your version as soon as it contains one of the words. It must contain every "
        "word: use all(...), not any(...).",
    ),
    (
        lambda got, want, case: _is(got, _words_not_lowered(case)),
        "the texts are lower-cased but the words are not, so 'BDNF' or 'Serum' never match. Compare "
        "word.lower() with the lower-cased text.",
    ),
    (
        lambda got, want, case: _is(got, _first_word_only(case)),
        "your version checks only the first word. Every word in `words` must appear in the text.",
    ),
]


def mentions_all(function) -> Feedback:
    """Compare a learner's ``mentions_all(texts, words)`` with the course's lookup on five short claim texts."""
    return check_function(
        lambda words: function(list(_TEXTS), words),
        lambda words: _mentions_all(_TEXTS, words),
        _CASES,
        hints=_HINTS,
        success="your lookup finds exactly the texts that mention every word, whatever their case. "
        "es.find_claims uses the same test on the statements and notes of the claims table.",
    )
