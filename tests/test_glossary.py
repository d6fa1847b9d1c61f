"""Glossary: term spellings and the first-use matching rules."""

import pytest

from neurotrophins.build.sphinx.glossary import aliases, term_pattern
from neurotrophins.data import load


def test_parenthesised_terms_match_either_name():
    assert aliases("docosahexaenoic acid (DHA)") == ["docosahexaenoic acid (DHA)", "docosahexaenoic acid", "DHA"]
    assert aliases("BDNF") == ["BDNF"]
    assert "phospholipase C-γ" in aliases("phospholipase C-gamma")


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("BDNF", "Serum BDNF rose.", "BDNF"),
        ("BDNF", "pro-BDNF is cut", None),  # a hyphenated compound is another term
        ("BDNF", "BDNFs", None),
        ("LH", "LHRH", None),
        ("platelet", "Platelets store it.", "Platelets"),
        ("meta-analysis", "one meta-analysis found", "meta-analysis"),
        ("serum", "sera", None),
    ],
)
def test_term_pattern_matches_whole_words_only(name, text, found):
    m = term_pattern(name).search(text)
    assert (m.group(1) if m else None) == found


def test_glossary_has_at_least_forty_defined_terms():
    glossary = load("glossary")
    assert len(glossary) >= 40
    assert glossary["definition"].str.len().min() > 30
    assert glossary["term"].is_unique
