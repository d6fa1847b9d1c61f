"""The fill-in check of the synthesis chapter: the right lookup passes, each typical mistake gets its hint."""

from __future__ import annotations

import pytest

from neurotrophins.exercises import synthesis as check


def right(texts, words):
    lowered = [str(text).lower() for text in texts]
    return [all(word.lower() in text for word in words) for text in lowered]


def test_the_right_answer_passes():
    feedback = check.mentions_all(right)
    assert feedback, feedback
    assert "Correct" in str(feedback)


def _lowered(texts):
    return [str(text).lower() for text in texts]


MISTAKES = [
    ("unfinished", lambda texts, words: ..., "still returns `...`"),
    ("dots in a list", lambda texts, words: [... for _ in texts], "still returns `...`"),
    ("one number", lambda texts, words: sum(right(texts, words)), "one value for all the texts"),
    ("too short", lambda texts, words: right(texts, words)[:2], "one entry per text"),
    ("swapped", lambda texts, words: [not x for x in right(texts, words)], "swapped"),
    (
        "any instead of all",
        lambda texts, words: [any(w.lower() in t for w in words) for t in _lowered(texts)],
        "not any",
    ),
    (
        "words not lower-cased",
        lambda texts, words: [all(w in t for w in words) for t in _lowered(texts)],
        "word.lower()",
    ),
    ("first word only", lambda texts, words: [words[0].lower() in t for t in _lowered(texts)], "only the first word"),
]


@pytest.mark.parametrize(("name", "function", "hint"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_typical_mistake_gets_its_hint(name, function, hint):
    feedback = check.mentions_all(function)
    assert not feedback, name
    assert hint in str(feedback), (name, str(feedback))


def test_an_unfinished_exercise_says_what_to_do():
    def unfinished(texts, words):
        raise NotImplementedError("Exercise: complete the lookup")

    feedback = check.mentions_all(unfinished)
    assert not feedback and "not completed yet" in str(feedback)


def test_an_error_in_the_learners_code_is_reported_not_raised():
    feedback = check.mentions_all(lambda texts, words: [t.nosuchmethod() for t in texts])
    assert not feedback and "AttributeError" in str(feedback)


def test_feedback_names_the_words_not_the_whole_texts():
    feedback = check.mentions_all(lambda texts, words: [True] * len(texts))
    assert "words=" in str(feedback) and "texts=" not in str(feedback)
