"""The dataset: every table loads typed and valid; broken files fail with file, row and field named."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from neurotrophins import data
from neurotrophins.build import bib

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def _same(value):
    """A cell as both readers can agree on it: dates as text, flags as bools, numbers (and numeric text) as floats."""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


@pytest.mark.parametrize("name", data.tables())
def test_every_table_reads_the_same_with_the_loader_and_with_plain_pandas(name):
    typed = data.load(name)
    declared = pd.read_csv(DATA / f"{name}.csv", keep_default_na=False, na_values=data.missing_values(name))
    for plain in (pd.read_csv(DATA / f"{name}.csv"), declared):  # pandas' defaults, and the declared rule
        assert list(typed.columns) == list(plain.columns) and len(typed) == len(plain) > 0
        for column in typed.columns:
            loaded, read = typed[column], plain[column]
            assert list(loaded.isna()) == list(read.isna()), f"{name}.{column}: the readers disagree on missing cells"
            pairs = zip(loaded[loaded.notna()], read[read.notna()], strict=True)
            for a, b in pairs:
                a, b = _same(a), _same(b)
                assert a == b or (isinstance(a, float) and math.isclose(a, b, rel_tol=1e-12)), (name, column, a, b)


def test_enums_become_categoricals_and_numbers_are_typed():
    refs = data.load("references")
    assert isinstance(refs["kind"].dtype, pd.CategoricalDtype)
    assert str(refs["year"].dtype) == "Int64"
    assert str(refs["date_verified"].dtype).startswith("datetime64")
    assert str(data.load("key_numbers")["value"].dtype) == "Float64"
    assert data.load("neurotrophins")["binds_p75ntr"].dtype == "boolean"


def test_unknown_table_names_the_known_ones():
    with pytest.raises(KeyError, match="references"):
        data.load("nope")


def test_references_bib_is_generated_from_the_table():
    assert (DATA / "references.bib").read_text(encoding="utf-8") == bib.bibtex(data.load("references")), (
        "data/references.bib is out of date: run `make data`"
    )


def test_dois_are_well_formed_and_unique_and_every_reference_has_an_identifier():
    refs = data.load("references")
    dois = refs["doi"].dropna()
    assert dois.is_unique
    assert all(re.fullmatch(r"10\.\d{4,9}/\S+", d) for d in dois)
    pmids = refs["pmid"].dropna()
    assert pmids.is_unique
    for _, row in refs.iterrows():
        assert not (pd.isna(row["doi"]) and pd.isna(row["pmid"]) and pd.isna(row["pmcid"])) or row["note"], (
            f"references.csv, key {row['key']}: no DOI, PMID or PMCID and no note saying why"
        )


def _cited_keys() -> set[str]:
    keys: set[str] = set()
    for path in list((ROOT / "book").rglob("*.ipynb")) + list((ROOT / "book").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        for group in re.findall(r"\{cite(?::[a-z]+)?\}`([^`]+)`", text):
            keys.update(k.strip() for k in group.split(","))
    return keys


def test_every_cited_key_exists_and_every_reference_is_used():
    keys = set(data.load("references")["key"])
    cited = _cited_keys()
    used_in_tables = set()
    for name in data.tables():
        df = data.load(name)
        if "reference" in df.columns:
            used_in_tables.update(df["reference"].dropna())
    assert cited - keys == set(), f"cited but not in references.csv: {sorted(cited - keys)}"
    unused = keys - cited - used_in_tables
    assert unused == set(), f"in references.csv but never cited or used: {sorted(unused)}"


# ---------------------------------------------------------------- broken files


@pytest.fixture
def broken(tmp_path, monkeypatch):
    """A copy of the dataset that a test may damage; the loader is pointed at it."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv("NEUROTROPHINS_DATA", str(copy))
    return copy


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_file(broken):
    (broken / "neurotrophins.csv").unlink()
    with pytest.raises(data.DataValidationError, match=r"neurotrophins\.csv: file not found"):
        data.load("neurotrophins")


def test_missing_descriptor(broken):
    (broken / "datapackage.json").unlink()
    with pytest.raises(data.DataValidationError, match=r"datapackage\.json: file not found"):
        data.load("references")


def test_malformed_row(broken):
    _edit(broken / "neurotrophins.csv", "NT-3,Neurotrophin-3,TrkC,true,", "NT-3,Neurotrophin-3,TrkC,extra,true,")
    with pytest.raises(data.DataValidationError, match=r"neurotrophins\.csv, row 4: expected 5 fields, found 6"):
        data.load("neurotrophins")


def test_unbalanced_quote(broken):
    _edit(broken / "neurotrophins.csv", "NT-3,Neurotrophin-3,TrkC,true,", 'NT-3,"Neurotrophin-3,TrkC,true,')
    with pytest.raises(data.DataValidationError, match=r"neurotrophins\.csv, row 4: malformed CSV"):
        data.load("neurotrophins")


def test_wrong_column(broken):
    _edit(broken / "neurotrophins.csv", "binds_p75ntr", "binds_p75")
    with pytest.raises(data.DataValidationError, match=r"neurotrophins\.csv, header: .*missing: \['binds_p75ntr'\]"):
        data.load("neurotrophins")


def test_wrong_type(broken):
    _edit(
        broken / "key_numbers.csv",
        "brain_neurons,Neurons in the adult human brain,86.1",
        "brain_neurons,Neurons in the adult human brain,about 86",
    )
    with pytest.raises(
        data.DataValidationError, match=r"key_numbers\.csv, row 2, field 'value': 'about 86' is not a valid number"
    ):
        data.load("key_numbers")


def test_wrong_boolean(broken):
    _edit(broken / "neurotrophins.csv", "NGF,Nerve growth factor,TrkA,true", "NGF,Nerve growth factor,TrkA,maybe")
    with pytest.raises(data.DataValidationError, match=r"row 2, field 'binds_p75ntr': 'maybe' is not a valid boolean"):
        data.load("neurotrophins")


def test_unknown_enum_value(broken):
    _edit(
        broken / "neurotrophins.csv",
        "BDNF,Brain-derived neurotrophic factor,TrkB",
        "BDNF,Brain-derived neurotrophic factor,TrkZ",
    )
    with pytest.raises(
        data.DataValidationError,
        match=r"neurotrophins\.csv, row 3, field 'preferred_trk_receptor': 'TrkZ' is not one of",
    ):
        data.load("neurotrophins")


def test_duplicate_key(broken):
    _edit(broken / "neurotrophins.csv", "NT-4,Neurotrophin-4", "NT-3,Neurotrophin-4")
    with pytest.raises(
        data.DataValidationError,
        match=r"neurotrophins\.csv, row 5, field 'abbreviation': "
        r"duplicate value 'NT-3' \(first in row 4\)",
    ):
        data.load("neurotrophins")


def test_dangling_foreign_key(broken):
    _edit(broken / "neurogenesis_studies.csv", "sorrells2018,sorrells2018human", "sorrells2018,sorrells2019human")
    with pytest.raises(
        data.DataValidationError,
        match=r"neurogenesis_studies\.csv, row 4, field 'reference': 'sorrells2019human' has no match"
        r" in table 'references'",
    ):
        data.load("neurogenesis_studies")


def test_missing_required_value(broken):
    _edit(
        broken / "key_numbers.csv",
        "bdnf_gene_exons,Exons in the human BDNF gene,11,,none,exons,human",
        "bdnf_gene_exons,Exons in the human BDNF gene,11,,none,exons,",
    )
    with pytest.raises(
        data.DataValidationError, match=r"key_numbers\.csv, row 4, field 'population': a value is required"
    ):
        data.load("key_numbers")


def test_bad_pattern_and_range(broken):
    _edit(broken / "references.csv", "10.1038/nrn3379", "doi:10.1038/nrn3379")
    with pytest.raises(data.DataValidationError, match=r"references\.csv, row 4, field 'doi': .*does not match"):
        data.load("references")


def test_stray_whitespace(broken):
    _edit(broken / "neurotrophins.csv", "NGF,Nerve growth factor", "NGF, Nerve growth factor")
    with pytest.raises(data.DataValidationError, match=r"row 2, field 'name': leading or trailing whitespace"):
        data.load("neurotrophins")


def test_descriptor_lists_every_csv_and_every_table_documents_its_fields():
    pkg = json.loads((DATA / "datapackage.json").read_text())
    listed = {r["path"] for r in pkg["resources"]}
    assert listed == {p.name for p in DATA.glob("*.csv")}
    for res in pkg["resources"]:
        assert res.get("description"), f"{res['name']}: no description"
