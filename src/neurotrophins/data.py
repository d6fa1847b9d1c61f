"""The course dataset: one loader for every table in ``data/``.

``data/datapackage.json`` (a Frictionless Tabular Data Package) describes each table: its fields,
their types, enums, ranges, keys and foreign keys. :func:`load` reads a CSV, checks every row against
that description, and returns a typed :class:`pandas.DataFrame` (integers, floats, booleans, dates,
categoricals for enums, ordered where the schema says so). Any problem raises
:class:`DataValidationError` naming the file, the row (as the line number in the CSV where the row
starts, header = 1) and the field; nothing is silently dropped or coerced.

The files are UTF-8 (a byte-order mark, as spreadsheets write in "CSV UTF-8", is allowed). Numbers are
plain decimal ASCII (``12``, ``-0.15``, ``3.2e-4``): ``NaN``, ``inf``, ``1e400``, ``1_000`` or other
scripts' digits are refused. An empty cell is the only missing value (``missingValues`` in
``datapackage.json``); a cell that pandas would read as missing (``NA``, ``null``, ``N/A``, ``None``,
``nan``...) is refused, so that ``pandas.read_csv("data/claims.csv")`` reads every table as
:func:`load` does, without this package.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
import os
import re
from pathlib import Path

import pandas as pd

from ._content import content_dir

__all__ = ["PANDAS_MISSING", "DataValidationError", "data_dir", "load", "missing_values", "schema", "tables"]


class DataValidationError(ValueError):
    """A table does not match ``datapackage.json``; the message names file, row and field."""


def data_dir() -> Path:
    """The folder holding ``datapackage.json``.

    ``NEUROTROPHINS_DATA`` overrides it (tests point it at broken copies). Otherwise it is the
    dataset installed with the package, or, in an editable install, the clone's ``data/`` folder.
    """
    env = os.environ.get("NEUROTROPHINS_DATA")
    if env:
        return Path(env)
    return content_dir("dataset", "data")


def _package(folder: Path) -> dict:
    path = folder / "datapackage.json"
    if not path.is_file():
        raise DataValidationError(f"{path}: file not found (the dataset's descriptor is missing)")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataValidationError(f"{path}: not valid JSON ({exc})") from exc


def _resources(folder: Path) -> dict[str, dict]:
    return {r["name"]: r for r in _package(folder)["resources"]}


def tables() -> list[str]:
    """Names of the tables in the dataset, in the order ``datapackage.json`` lists them."""
    return list(_resources(data_dir()))


def schema(name: str) -> dict:
    """The Table Schema of table ``name`` (fields, primary key, foreign keys)."""
    return _resource(name, data_dir())["schema"]


def _resource(name: str, folder: Path) -> dict:
    res = _resources(folder)
    if name not in res:
        raise KeyError(f"no table named {name!r}; the tables are: {', '.join(res)}")
    return res[name]


_TRUE = {"true", "True", "TRUE", "1", "yes"}
_FALSE = {"false", "False", "FALSE", "0", "no"}
#: Cells that ``pandas.read_csv`` reads as missing by default (its ``na_values``, pandas 2.x).
PANDAS_MISSING = frozenset(
    {"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A"}
    | {"NA", "NULL", "NaN", "None", "n/a", "nan", "null"}
)
_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


def missing_values(name: str) -> list[str]:
    """The cells that mean "missing" in table ``name``: its schema's ``missingValues`` (default ``[""]``)."""
    return list(schema(name).get("missingValues", [""]))


def _convert(value: str, field: dict, where: str):
    """Convert one non-empty CSV cell according to its field type; raise naming ``where``."""
    ftype = field.get("type", "string")
    try:
        if ftype == "integer":
            if not _INTEGER.fullmatch(value):
                raise ValueError
            return int(value)
        if ftype == "number":
            if not _NUMBER.fullmatch(value):
                raise ValueError
            number = float(value)
            if not math.isfinite(number):
                raise DataValidationError(f"{where}: {value!r} is too large to be a number") from None
            return number
        if ftype == "boolean":
            if value in _TRUE:
                return True
            if value in _FALSE:
                return False
            raise ValueError
        if ftype == "date":
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
                raise ValueError
            return pd.Timestamp(value)
        if ftype == "year":
            if not re.fullmatch(r"[0-9]{4}", value):
                raise ValueError
            return int(value)
    except DataValidationError:
        raise
    except ValueError:
        hint = " (write plain decimal digits, for example 12 or -0.15)" if ftype in ("integer", "number") else ""
        raise DataValidationError(f"{where}: {value!r} is not a valid {ftype}{hint}") from None
    return value


def _check_constraints(value, field: dict, where: str) -> None:
    cons = field.get("constraints", {})
    if "enum" in cons and value not in cons["enum"]:
        raise DataValidationError(f"{where}: {value!r} is not one of the allowed values {cons['enum']}")
    if "pattern" in cons and not re.fullmatch(cons["pattern"], str(value)):
        raise DataValidationError(f"{where}: {value!r} does not match the pattern {cons['pattern']}")
    if "minimum" in cons and value < cons["minimum"]:
        raise DataValidationError(f"{where}: {value!r} is below the minimum {cons['minimum']}")
    if "maximum" in cons and value > cons["maximum"]:
        raise DataValidationError(f"{where}: {value!r} is above the maximum {cons['maximum']}")


_DTYPES = {
    "integer": "Int64",
    "year": "Int64",
    "number": "Float64",
    "boolean": "boolean",
    "string": "string",
    "date": "datetime64[ns]",
}


def _read_records(path: Path) -> tuple[list[list[str]], list[int]]:
    """The records of a UTF-8 CSV file (a byte-order mark is dropped) and the line on which each starts."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataValidationError(
            f"{path.name}, line {line}: byte 0x{raw[exc.start]:02X} is not UTF-8; save the file as UTF-8"
            " (in a spreadsheet: 'CSV UTF-8')"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    starts: list[int] = []
    ended = 0  # the line on which the previous record ended (a quoted cell may span lines)
    try:
        for record in reader:
            records.append(record)
            starts.append(ended + 1)
            ended = reader.line_num
    except csv.Error as exc:
        raise DataValidationError(
            f"{path.name}, row {ended + 1}: malformed CSV ({exc}; an unclosed quote starts here or later)"
        ) from None
    return records, starts


def _read_checked(name: str, folder: Path) -> tuple[pd.DataFrame, list[int]]:
    """Table ``name`` as a typed DataFrame, and the CSV line on which each of its rows starts."""
    res = _resource(name, folder)
    path = folder / res["path"]
    if not path.is_file():
        raise DataValidationError(f"{path}: file not found (table {name!r} in datapackage.json)")
    fields = res["schema"]["fields"]
    missing_cells = set(res["schema"].get("missingValues", [""]))
    expected = [f["name"] for f in fields]
    records, starts = _read_records(path)
    header, body, lines = (records[0], records[1:], starts[1:]) if records else ([], [], [])
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        raise DataValidationError(
            f"{path}, header: columns do not match the schema"
            f" (missing: {missing or 'none'}; unexpected: {extra or 'none'};"
            f" expected order: {expected})"
        )
    for i, row in zip(lines, body, strict=True):
        if len(row) != len(header):
            raise DataValidationError(
                f"{path.name}, row {i}: expected {len(header)} fields, found {len(row)}"
                " (check commas and quotes in this row)"
            )
    columns: dict[str, list] = {f["name"]: [] for f in fields}
    seen_unique: dict[str, dict] = {f["name"]: {} for f in fields if f.get("constraints", {}).get("unique")}
    for i, row in zip(lines, body, strict=True):
        for field, cell in zip(fields, row, strict=True):
            fname = field["name"]
            where = f"{path.name}, row {i}, field '{fname}'"
            if cell.strip() != cell:
                raise DataValidationError(f"{where}: leading or trailing whitespace in {cell!r}")
            if cell in missing_cells:
                if field.get("constraints", {}).get("required"):
                    raise DataValidationError(f"{where}: a value is required")
                columns[fname].append(None)
                continue
            if cell in PANDAS_MISSING:
                raise DataValidationError(
                    f"{where}: {cell!r} would be read as a missing value by pandas but as text by this loader;"
                    " leave the cell empty for a missing value (datapackage.json: missingValues)"
                )
            value = _convert(cell, field, where)
            _check_constraints(value, field, where)
            if fname in seen_unique:
                if value in seen_unique[fname]:
                    raise DataValidationError(
                        f"{where}: duplicate value {value!r} (first in row {seen_unique[fname][value]})"
                    )
                seen_unique[fname][value] = i
            columns[fname].append(value)
    pk = res["schema"].get("primaryKey")
    if pk:
        pk = [pk] if isinstance(pk, str) else pk
        seen: dict[tuple, int] = {}
        for i, key in zip(lines, zip(*(columns[k] for k in pk), strict=True), strict=True):
            if key in seen:
                raise DataValidationError(
                    f"{path.name}, row {i}, field '{', '.join(pk)}': duplicate primary key"
                    f" {key if len(key) > 1 else key[0]!r} (first in row {seen[key]})"
                )
            seen[key] = i
    df = pd.DataFrame(columns)
    for field in fields:
        fname, cons = field["name"], field.get("constraints", {})
        if "enum" in cons:
            order = field.get("enumOrdered", False)
            df[fname] = pd.Categorical(df[fname], categories=cons["enum"], ordered=order)
        else:
            df[fname] = df[fname].astype(_DTYPES.get(field.get("type", "string"), "object"))
    return df, lines


def _check_foreign_keys(name: str, df: pd.DataFrame, lines: list[int], folder: Path) -> None:
    res = _resource(name, folder)
    for fk in res["schema"].get("foreignKeys", []):
        fields = [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]
        ref = fk["reference"]
        target = ref.get("resource") or name
        ref_fields = [ref["fields"]] if isinstance(ref["fields"], str) else ref["fields"]
        other = df if target == name else _read_cached(target, folder, _stamp(folder))[0]
        keys = set(zip(*(other[f].astype(object) for f in ref_fields), strict=True))
        for i, key in zip(lines, zip(*(df[f].astype(object) for f in fields), strict=True), strict=True):
            if any(pd.isna(k) for k in key):
                continue
            if key not in keys:
                shown = key if len(key) > 1 else key[0]
                raise DataValidationError(
                    f"{res['path']}, row {i}, field '{', '.join(fields)}': {shown!r} has no match in"
                    f" table {target!r} ({', '.join(ref_fields)})"
                )


def load(name: str) -> pd.DataFrame:
    """Load table ``name`` as a typed DataFrame validated against ``datapackage.json``.

    Parameters
    ----------
    name : str
        A table name, as listed by :func:`tables`.

    Returns
    -------
    pandas.DataFrame
        One row per observation; enums as categoricals (ordered where the schema sets
        ``enumOrdered``), integers as ``Int64``, numbers as ``Float64``, dates as datetimes.

    Raises
    ------
    KeyError
        If there is no such table.
    DataValidationError
        If the file is missing or any row breaks the schema (type, required value, enum,
        pattern, range, uniqueness, primary key, foreign key); the message names the file,
        the row and the field.
    """
    folder = data_dir()
    return _validated(name, folder, _stamp(folder)).copy()


def _stamp(folder: Path) -> tuple:
    """Name, size and modification time of every file of the dataset: a key that changes with any edit."""
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()))


# A notebook loads the same tables several times (and each foreign key loads another): read and validate each
# once per process and version of the files; load() hands out copies, and the cached tables are never changed.
@functools.lru_cache(maxsize=64)
def _read_cached(name: str, folder: Path, stamp: tuple) -> tuple[pd.DataFrame, list[int]]:
    return _read_checked(name, folder)


@functools.lru_cache(maxsize=64)
def _validated(name: str, folder: Path, stamp: tuple) -> pd.DataFrame:
    df, lines = _read_cached(name, folder, stamp)
    _check_foreign_keys(name, df, lines, folder)
    return df
