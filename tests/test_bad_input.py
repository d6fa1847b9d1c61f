"""Bad input never gives a silent wrong number: a table-driven battery over the real loader, models,
figures and explorers.

Every case feeds one class of input to the real code and expects one of two outcomes, named in its id:

* ``error``: a clear error. For the dataset, a :class:`~neurotrophins.data.DataValidationError` naming
  the file, the CSV line and the field; for models and figures, a ``TypeError`` or ``ValueError`` whose
  message starts with the parameter's own name and says what is allowed.
* ``result``: a correct result, the same as for the well-formed input.

Anything else (a bare exception, a message naming something else, a result where an error belongs or a
different result) fails the case. ``python -m pytest tests/test_bad_input.py --collect-only -q`` lists
the cases by surface (data, models, figures, explorers) and outcome.
"""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest

from neurotrophins import data

from .helpers import ROOT

DATA = ROOT / "data"


# ================================================================ data: the loader and the CSV files


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """A copy of the dataset that a case may damage; the loader is pointed at it."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("*.bib", "*.md"))
    monkeypatch.setenv("NEUROTROPHINS_DATA", str(folder))
    return folder


def _records(path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write(path, records: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(records)


def _set_cell(folder, table: str, key: str, field: str, text: str) -> int:
    """Write ``text`` into the cell (row whose first column is ``key``, ``field``); return the row's CSV line."""
    path = folder / f"{table}.csv"
    records = _records(path)
    column = records[0].index(field)
    row = next(i for i, r in enumerate(records) if r[0] == key)
    records[row][column] = text
    _write(path, records)
    return row + 1  # the files have no quoted line breaks, so a record is one line; header = 1


#: Number and integer fields (table, row key, field), required and optional, with and without a range.
NUMBER_FIELDS = [
    ("key_numbers", "brain_neurons", "value"),  # required number
    ("key_numbers", "naegelin_serum_mean", "spread"),  # optional number
    ("effect_sizes", "ziaei2024_omega3", "estimate"),  # required number
    ("effect_sizes", "ziaei2024_omega3", "i2_percent"),  # optional number, 0 to 100
    ("effect_sizes", "ziaei2024_omega3", "studies"),  # optional integer, at least 1
    ("references", "reichardt2006neurotrophin", "year"),  # required integer, 1900 to 2100
    ("references", "reichardt2006neurotrophin", "pmid"),  # optional integer
]
#: Texts that are not a plain decimal number: not-a-number, infinities, overflow, other notations and digits.
NOT_NUMBERS = [
    "NaN",
    "nan",
    "-NaN",
    "inf",
    "-inf",
    "Infinity",
    "-Infinity",
    "1e400",
    "-1e400",
    "1_000",
    "1,000",
    "0x1A",
    "12.5.3",
    "١٢",  # Arabic-Indic digits
    "１２",  # full-width digits
    "½",
    "²",
    "12 ng",
]
#: Texts that pandas.read_csv reads as missing by default (the loader used to read them as text).
MISSING_MARKERS = ["NA", "N/A", "n/a", "null", "NULL", "None", "nan", "NaN", "<NA>", "#N/A"]
#: Fields of every kind (table, row key, field) that must refuse a missing marker.
MARKER_FIELDS = [
    ("claims", "brain-86-billion-neurons", "statement"),  # required text
    ("key_numbers", "brain_neurons", "population"),  # required enum
    ("references", "reichardt2006neurotrophin", "note"),  # optional text
    ("effect_sizes", "ziaei2024_omega3", "ci_low"),  # optional number
    ("neurotrophins", "NGF", "binds_p75ntr"),  # required boolean
]
#: Numbers past a declared range.
OUT_OF_RANGE = [
    ("effect_sizes", "ziaei2024_omega3", "i2_percent", "100.5", "above the maximum 100"),
    ("effect_sizes", "ziaei2024_omega3", "i2_percent", "-0.1", "below the minimum 0"),
    ("effect_sizes", "ziaei2024_omega3", "studies", "0", "below the minimum 1"),
    ("references", "reichardt2006neurotrophin", "year", "1850", "below the minimum 1900"),
]

DATA_ERRORS = (
    [
        pytest.param(table, key, field, text, "", id=f"data-error-{table}.{field}={text}")
        for table, key, field in NUMBER_FIELDS
        for text in NOT_NUMBERS
    ]
    + [
        pytest.param(
            table, key, field, text, "would be read as a missing value", id=f"data-error-{table}.{field}={text}"
        )
        for table, key, field in MARKER_FIELDS
        for text in MISSING_MARKERS
    ]
    + [
        pytest.param(table, key, field, text, f"{text} is {message}", id=f"data-error-{table}.{field}={text}")
        for table, key, field, text, message in OUT_OF_RANGE
    ]
)


@pytest.mark.parametrize(("table", "key", "field", "text", "message"), DATA_ERRORS)
def test_a_bad_cell_is_named_by_file_line_and_field(copy, table, key, field, text, message):
    line = _set_cell(copy, table, key, field, text)
    with pytest.raises(data.DataValidationError) as err:
        data.load(table)
    assert str(err.value).startswith(f"{table}.csv, row {line}, field '{field}': "), str(err.value)
    assert (message or repr(text)) in str(err.value), str(err.value)


@pytest.mark.parametrize("table", [pytest.param(t, id=f"data-result-bom-{t}") for t in data.tables()])
def test_a_csv_saved_with_a_byte_order_mark_loads_identically(copy, table):
    expected = data.load(table)
    path = copy / f"{table}.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    pd.testing.assert_frame_equal(data.load(table), expected)


@pytest.mark.parametrize("table", [pytest.param(t, id=f"data-result-crlf-{t}") for t in data.tables()])
def test_a_csv_with_windows_line_ends_loads_identically(copy, table):
    expected = data.load(table)
    path = copy / f"{table}.csv"
    text = path.read_bytes().replace(b"\r\n", b"\n")
    path.write_bytes(text.replace(b"\n", b"\r\n"))
    pd.testing.assert_frame_equal(data.load(table), expected)


@pytest.mark.parametrize(
    ("table", "line", "bad"),
    [
        pytest.param("key_numbers", 4, b"\xe9", id="data-error-byte-latin1-e-acute"),
        pytest.param("references", 3, b"\xfc", id="data-error-byte-latin1-u-umlaut"),
        pytest.param("claims", 2, b"\x80", id="data-error-byte-lone-continuation"),
        pytest.param("glossary", 5, b"\xff", id="data-error-byte-ff"),
        pytest.param("neurotrophins", 6, b"\xe2\x82", id="data-error-byte-cut-sequence"),
    ],
)
def test_a_byte_that_is_not_utf8_is_reported_at_its_real_line(copy, table, line, bad):
    path = copy / f"{table}.csv"
    lines = path.read_bytes().split(b"\n")
    lines[line - 1] = lines[line - 1][:3] + bad + lines[line - 1][3:]
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(
        data.DataValidationError, match=rf"^{table}\.csv, line {line}: byte 0x{bad[0]:02X} is not UTF-8"
    ):
        data.load(table)


def _line_break_in_row_2(folder) -> None:
    """Put a line break inside a quoted cell of key_numbers.csv's first row: every later row moves down a line."""
    _set_cell(folder, "key_numbers", "brain_neurons", "quantity", "Neurons in the adult\nhuman brain")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        pytest.param(
            lambda f: _set_cell(f, "key_numbers", "bdnf_gene_exons", "value", "NaN"),
            r"key_numbers\.csv, row 5, field 'value'",
            id="data-error-after-a-line-break-type",
        ),
        pytest.param(
            lambda f: _set_cell(f, "key_numbers", "bdnf_gene_exons", "id", "brain_neurons"),
            r"key_numbers\.csv, row 5, field 'id': duplicate value 'brain_neurons' \(first in row 2\)",
            id="data-error-after-a-line-break-duplicate",
        ),
        pytest.param(
            lambda f: _set_cell(f, "key_numbers", "bdnf_gene_exons", "reference", "nosuch2020paper"),
            r"key_numbers\.csv, row 5, field 'reference': 'nosuch2020paper' has no match",
            id="data-error-after-a-line-break-foreign-key",
        ),
        pytest.param(
            lambda f: _set_cell(f, "key_numbers", "bdnf_gene_exons", "population", "NA"),
            r"key_numbers\.csv, row 5, field 'population': 'NA' would be read as a missing value",
            id="data-error-after-a-line-break-marker",
        ),
    ],
)
def test_rows_are_csv_lines_also_after_a_quoted_line_break(copy, edit, message):
    _line_break_in_row_2(copy)
    edit(copy)
    with pytest.raises(data.DataValidationError, match=message):
        data.load("key_numbers")


@pytest.mark.parametrize("tail", [pytest.param('x,"unclosed\n', id="data-error-after-a-line-break-unclosed-quote")])
def test_an_unclosed_quote_after_a_line_break_is_reported_where_its_row_starts(copy, tail):
    _line_break_in_row_2(copy)
    path = copy / "key_numbers.csv"
    lines = len(path.read_text(encoding="utf-8").splitlines())
    path.write_text(path.read_text(encoding="utf-8") + tail, encoding="utf-8")
    with pytest.raises(data.DataValidationError, match=rf"key_numbers\.csv, row {lines + 1}: malformed CSV"):
        data.load("key_numbers")


@pytest.mark.parametrize("table", [pytest.param("key_numbers", id="data-result-quoted-line-break")])
def test_a_quoted_line_break_is_kept_in_the_text(copy, table):
    _line_break_in_row_2(copy)
    row = data.load(table).set_index("id").loc["brain_neurons"]
    assert row["quantity"] == "Neurons in the adult\nhuman brain" and row["value"] == 86.1
