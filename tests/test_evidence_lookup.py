"""The capstone's lookup: find the claims that mention every word, most certain first."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from neurotrophins import evidence_summary as es


@pytest.fixture(scope="module")
def claims():
    return es.claims_with_references()


def test_mentions_all_needs_every_word_and_ignores_case():
    texts = ["Serum BDNF rose after exercise", "Plasma BDNF", "serum only"]
    np.testing.assert_array_equal(es.mentions_all(texts, ["bdnf", "SERUM"]), [True, False, False])
    np.testing.assert_array_equal(es.mentions_all(texts, "bdnf"), [True, True, False])
    np.testing.assert_array_equal(es.mentions_all([], ["bdnf"]), np.array([], dtype=bool))


@pytest.mark.parametrize("words", [[], "", ["bdnf", " "]])
def test_mentions_all_rejects_missing_words(words):
    with pytest.raises(ValueError, match="at least one non-empty word"):
        es.mentions_all(["text"], words)


def test_find_claims_finds_statements_and_notes_and_sorts_by_grade(claims):
    found = es.find_claims(claims, "exercise", "serum")
    assert "exercise-acute-serum" in set(found["id"])
    text = (
        found["statement"] + " " + claims.set_index("id").loc[found["id"], "note"].fillna("").to_numpy()
    ).str.lower()
    assert text.str.contains("exercise").all() and text.str.contains("serum").all()
    ranks = found["grade"].astype(str).map(es.GRADES.index).to_numpy()
    assert (np.diff(ranks) <= 0).all(), "highest grade first"
    assert list(found.columns) == [
        "id",
        "origin",
        "topic",
        "statement",
        "verdict",
        "grade",
        "population",
        "measure",
        "references",
    ]


def test_find_claims_filters_by_topic_and_origin(claims):
    found = es.find_claims(claims, "bdnf", topic="exercise", origin="course")
    assert len(found) > 0
    assert set(found["topic"].astype(str)) == {"exercise"} and set(found["origin"].astype(str)) == {"course"}


def test_find_claims_without_a_match_is_empty_with_the_same_columns(claims):
    found = es.find_claims(claims, "no-such-word-anywhere")
    assert found.empty and "verdict" in found.columns


def test_find_claims_needs_a_word_and_checks_the_filters(claims):
    with pytest.raises(ValueError, match="at least one word"):
        es.find_claims(claims)
    with pytest.raises(ValueError, match="topic must be one of"):
        es.find_claims(claims, "bdnf", topic="cold")


def test_find_claims_works_on_the_plain_claims_table():
    plain = es.data.load("claims")
    found = es.find_claims(plain, "exercise")
    assert "references" not in found.columns and isinstance(found, pd.DataFrame) and len(found) > 0
