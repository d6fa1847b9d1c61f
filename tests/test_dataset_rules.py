"""Rules of the evidence dataset beyond the schema: coverage, provenance, honesty."""

from __future__ import annotations

from pathlib import Path

import frictionless
import pandas as pd
import pytest

from neurotrophins.data import load

ROOT = Path(__file__).resolve().parents[1]


def test_data_package_validates_with_frictionless():
    report = frictionless.validate(str(ROOT / "data" / "datapackage.json"))
    errors = report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])
    assert report.valid, f"frictionless found errors: {errors[:10]}"


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return load("claims")


@pytest.fixture(scope="module")
def links() -> pd.DataFrame:
    return load("claim_references")


def test_at_least_sixty_claims_including_every_source_claim(claims):
    assert len(claims) >= 60
    source = claims[claims["origin"] == "source article"]
    assert sorted(source["source_id"]) == [f"C{i:02d}" for i in range(1, 42)]
    assert source["source_id"].is_unique
    assert claims.loc[claims["origin"] == "course", "source_id"].isna().all()


def test_every_claim_has_a_reference(claims, links):
    missing = set(claims["id"]) - set(links["claim_id"])
    assert not missing, f"claims without a reference in claim_references.csv: {sorted(missing)}"


def test_grades_are_ordered(claims):
    grades = claims["grade"]
    assert grades.cat.ordered and list(grades.cat.categories) == ["very low", "low", "moderate", "high"]
    assert ((grades >= "moderate") == grades.isin(["moderate", "high"])).all()


def test_grey_literature_never_supports_a_claim(links):
    refs = load("references").set_index("key")
    grey = set(refs.index[refs["kind"] == "grey literature"])
    bad = links[links["reference"].isin(grey) & (links["relation"] == "supports")]
    assert bad.empty, f"grey literature used as support: {bad.to_dict('records')}"


def test_claims_that_fail_are_graded_very_low(claims):
    failing = claims[claims["verdict"].isin(["unsupported", "contradicted", "unverified"])]
    assert (failing["grade"] == "very low").all(), failing.loc[failing["grade"] != "very low", "id"].tolist()


def test_contradicted_claims_cite_the_contradicting_evidence(claims, links):
    for claim_id in claims.loc[claims["verdict"] == "contradicted", "id"]:
        relations = set(links.loc[links["claim_id"] == claim_id, "relation"])
        assert "contradicts" in relations, f"{claim_id}: contradicted but no contradicting reference"


def test_source_reference_audit_covers_all_ten_references():
    audit = load("source_reference_audit")
    assert sorted(audit["ref_no"], key=lambda r: int(r[1:])) == [f"R{i}" for i in range(1, 11)]
    miscited = audit[audit["citation_status"] == "mis-cited"]
    assert (miscited["wrong_fields"].notna()).all()
    assert len(miscited) >= 7, "the fact-check found at least 7 of 10 references mis-cited"


def test_effect_sizes_have_consistent_intervals():
    eff = load("effect_sizes")
    both = eff.dropna(subset=["ci_low", "ci_high"])
    bad = both[~((both["ci_low"] <= both["estimate"]) & (both["estimate"] <= both["ci_high"]))]
    assert bad.empty, f"estimate outside its CI: {bad['id'].tolist()}"


def test_glossary_related_terms_exist_and_there_are_at_least_forty_terms():
    gloss = load("glossary")
    assert len(gloss) >= 40
    terms = set(gloss["term"])
    for _, row in gloss.dropna(subset=["related_terms"]).iterrows():
        for rel in (t.strip() for t in row["related_terms"].split(";")):
            assert rel in terms, f"glossary.csv, term {row['term']!r}: related term {rel!r} is not in the glossary"


def test_drug_table_gives_status_and_no_doses():
    drugs = load("peptides_and_drugs")
    assert drugs["regulatory_status"].notna().all() and drugs["anti_doping"].notna().all()
    text = " ".join(str(v) for v in drugs.to_numpy().ravel()).lower()
    for unit in [" mg", " µg", " mcg", " iu ", "mg/", "µg/kg", "mcg/"]:
        assert unit not in text, f"peptides_and_drugs.csv mentions a dose unit ({unit.strip()!r}): no doses here"


def test_every_claim_reference_link_has_been_re_read_by_a_second_reader(links):
    """Each link records when it was last read against the paper and what was read, so an audit can sample them."""
    unread = links[links["checked_on"].isna() | links["checked_against"].isna()]
    assert unread.empty, f"links never re-read: {unread[['claim_id', 'reference']].to_dict('records')}"


def test_every_reference_has_a_doi_or_pmid_or_says_why_not():
    refs = load("references")
    bare = refs[refs["doi"].isna() & refs["pmid"].isna()]
    unexplained = bare[~bare["note"].fillna("").str.contains(r"searched|no (?:DOI|PMID)|not indexed", case=False)]
    assert unexplained.empty, f"references with neither DOI nor PMID and no note saying why: {list(unexplained['key'])}"
