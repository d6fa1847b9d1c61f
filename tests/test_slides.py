"""Slides: MyST in the chapter notebooks becomes Markdown that nbconvert's reveal.js deck renders."""

import pytest

from neurotrophins.build.markdown import SlidesError, myst_to_markdown
from neurotrophins.data import load

REFS = load("references").set_index("key", drop=False)
CLAIMS = load("claims").set_index("id", drop=False)


def convert(text: str) -> str:
    return myst_to_markdown(text, REFS, CLAIMS)


def test_citations_become_author_year():
    assert convert("as shown {cite}`spalding2013dynamics`.") == "as shown (Spalding et al. 2013)."
    assert convert("{cite:t}`bliss1973longlasting` found") == "Bliss and Lømo (1973) found"
    both = convert("{cite:p}`spalding2013dynamics,sorrells2018human`")
    assert both == "(Spalding et al. 2013; Sorrells et al. 2018)"


def test_claims_become_their_badge_and_other_roles_their_text():
    out = convert("Four of them {claim}`neurotrophin-family-four`.")
    assert '<span class="course-badge">high evidence · supported</span>' in out
    assert convert("see {ref}`the exercise chapter <exercise>`") == "see the exercise chapter"
    assert convert("a {term}`TrkB` receptor, {doc}`/book/appendix/glossary`") == "a TrkB receptor, glossary"


def test_labels_exercises_and_admonitions():
    text = (
        "(my-label)=\n# Title\n\n```{exercise} Hard\n:label: ex-x\n\nDo it.\n```\n\n"
        ":::{admonition} Careful\n:class: warning\nNot advice.\n:::\n"
    )
    out = convert(text)
    assert "(my-label)=" not in out and "Do it." not in out
    assert "> **Careful.**\n> Not advice." in out


def test_unknown_citation_key_is_named():
    with pytest.raises(SlidesError, match="unknown reference key 'nobody2020'"):
        convert("{cite}`nobody2020`")


def test_downloaded_notebooks_read_well_without_myst():
    """The notebook a learner downloads has plain Markdown: no MyST roles, directives or label targets."""
    from neurotrophins.build.markdown import myst_to_markdown as convert

    text = (
        "(a-label)=\n## Title\n\nBDNF binds TrkB {cite}`reichardt2006neurotrophin` "
        "{claim}`neurotrophin-family-four`.\n\n"
        "```{exercise} Count\n:label: ex-count\n:class: assesses-O1\n\nCount them.\n```\n\n"
        "```{solution-start} ex-count\n:class: dropdown\n```\n\n"
        "1. Why?\n\n   :::{admonition} Sample answer\n   :class: dropdown\n   Because.\n   :::\n"
    )
    refs = load("references").set_index("key", drop=False)
    claims = load("claims").set_index("id", drop=False)
    out = convert(text, refs, claims, target="notebook")
    for raw in ("{cite}", "{claim}", "```{", ":::", "(a-label)="):
        assert raw not in out, raw
    assert "(Reichardt 2006)" in out and "evidence · supported]" in out
    assert "**Exercise (ex-count): Count**" in out and "**Solution**" in out
    assert "<details><summary>Sample answer</summary>" in out and "Because." in out
