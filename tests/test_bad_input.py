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
import dataclasses
import importlib
import inspect
import itertools
import json
import math
import pkgutil
import shutil

import ipywidgets as widgets
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from neurotrophins import data, evidence_summary, explorers, figures
from neurotrophins.figures import evidence as ef
from neurotrophins.figures import exercise as fx
from neurotrophins.figures import gh as gf
from neurotrophins.figures import hpg as hf
from neurotrophins.figures import measuring as fm
from neurotrophins.figures import nutrition as nf
from neurotrophins.figures import stress as st
from neurotrophins.models import effect_size as es
from neurotrophins.models import exercise as ex
from neurotrophins.models import gh, heat, hpg, stats, stress
from neurotrophins.models import heterogeneity as het
from neurotrophins.models import neurogenesis as ng

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


# ================================================================ models and figures: one table of calls

#: Error classes for a parameter that takes one number: (class name, bad value made from the good one).
NOT_A_NUMBER = [
    ("text", lambda v: str(v)),
    ("bool", lambda v: True),
    ("none", lambda v: None),
    ("nan", lambda v: math.nan),
    ("inf", lambda v: math.inf),
    ("minus-inf", lambda v: -math.inf),
    ("overflow-1e400", lambda v: float("1e400") * (-1 if v < 0 else 1)),
    ("complex", lambda v: complex(v, 0)),
    ("huge", lambda v: 1e12),
    ("minus-huge", lambda v: -1e12),
]
#: Forms of a good number that must give the same result as a float.
SAME_NUMBER = [("numpy-float", np.float64), ("zero-d-array", np.asarray)]


class Call:
    """One function of the package with a good call; every parameter is then fed each input class.

    ``arrays``: parameters that accept an array (a list gives the result for each element);
    ``whole``: parameters that must be whole numbers; ``steps``: slider steps (a list of numbers);
    ``vectors``: fixed-length vectors; ``optional``: parameters whose ``None`` means "the default";
    ``infinite``: parameters that accept infinities, with the expected results at +-inf and +-1e12.
    Text and True/False parameters are found from the good call.
    """

    def __init__(self, func, arrays=(), whole=(), steps=(), vectors=(), optional=(), infinite=None, **kwargs):
        self.func, self.kwargs = func, kwargs
        self.arrays, self.whole, self.steps, self.vectors, self.optional = arrays, whole, steps, vectors, optional
        self.infinite = infinite or {}

    @property
    def name(self) -> str:
        return f"{self.func.__module__.rsplit('.', 1)[-1]}.{self.func.__name__}"

    def cases(self, surface: str) -> list:
        out = []

        def add(param, kind, value, outcome):
            out.append(
                pytest.param(self, param, value, outcome, id=f"{surface}-{outcome[0]}-{self.name}.{param}={kind}")
            )

        for param, good in self.kwargs.items():
            if param in self.steps:
                for kind, value in [
                    ("empty", []),
                    ("text", "0.5"),
                    ("one-number", good[0]),
                    ("text-inside", [good[0], "x"]),
                    ("nan-inside", [good[0], math.nan]),
                    ("huge-inside", [good[0], 1e12]),
                    ("nested", [list(good)]),
                    ("bool-inside", [good[0], True]),
                ]:
                    add(param, kind, value, ("error",))
                add(param, "numpy-array", np.asarray(good), ("result", "same"))
                add(param, "tuple", tuple(good), ("result", "same"))
            elif param in self.vectors:
                for kind, value in [
                    ("text", " ".join(map(str, good))),
                    ("none", None),
                    ("too-short", list(good[:-1])),
                    ("nan-inside", [math.nan, *good[1:]]),
                    ("negative-inside", [-1.0, *good[1:]]),
                    ("bool-inside", [True, *good[1:]]),
                ]:
                    add(param, kind, value, ("error",))
                add(param, "numpy-array", np.asarray(good), ("result", "same"))
            elif isinstance(good, (bool, np.bool_)):
                for kind, value in [("text-no", "no"), ("text-true", "True"), ("one", 1), ("zero", 0), ("none", None)]:
                    add(param, kind, value, ("error",))
                add(param, "numpy-bool", np.bool_(good), ("result", "same"))
            elif isinstance(good, str):
                for kind, value in [
                    ("unknown", "no such thing"),
                    ("capitals", good.upper()),
                    ("number", 1),
                    ("none", None),
                ]:
                    add(param, kind, value, ("error",))
                add(param, "list", [good], ("error",))
            elif isinstance(good, (int, float)):
                for kind, make in NOT_A_NUMBER:
                    if kind == "none" and param in self.optional:
                        continue
                    if param in self.infinite and kind in self.infinite[param]:
                        add(param, kind, make(good), ("result", "value", self.infinite[param][kind]))
                    else:
                        add(param, kind, make(good), ("error",))
                for kind, make in SAME_NUMBER:
                    add(param, kind, make(good), ("result", "same"))
                if param in self.arrays:
                    add(param, "list", [good, good], ("result", "twice"))
                else:
                    add(param, "list", [good, good], ("error",))
                    add(param, "numpy-array", np.array([good, good]), ("error",))
                if param in self.whole:
                    add(param, "fraction", good + 0.5, ("error",))
        return out


def _normalised(value):
    """A result as plain Python data, to compare two results exactly (figures as their JSON)."""
    if isinstance(value, go.Figure):
        return json.loads(value.to_json())
    if dataclasses.is_dataclass(value):
        return _normalised(dataclasses.asdict(value))
    if isinstance(value, pd.DataFrame):
        return _normalised(value.to_dict("list"))
    if isinstance(value, dict):
        return {k: _normalised(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normalised(v) for v in value]
    if isinstance(value, (np.ndarray, np.generic, float, int)):
        return np.asarray(value, dtype=float).tolist()
    return value


def _twice(value):
    """The result of an array call with the good value twice: each array result gains a first axis of 2."""
    if isinstance(value, dict):
        return {k: _twice(v) for k, v in value.items()}
    return np.stack([np.asarray(value, dtype=float)] * 2).tolist()


INF_CDF = {"inf": 1.0, "minus-inf": 0.0, "overflow-1e400": 1.0, "huge": 1.0, "minus-huge": 0.0}

MODEL_CALLS = [
    Call(stats.normal_cdf, arrays=("x",), infinite={"x": INF_CDF}, x=1.0),
    Call(stats.normal_ppf, p=0.975),
    Call(stats.normal_pdf, arrays=("x",), x=30.0, mean=32.69, sd=8.33),
    Call(stats.t_cdf, arrays=("t",), infinite={"t": INF_CDF}, t=1.0, df=10.0),
    Call(stats.t_ppf, p=0.975, df=10.0),
    Call(es.cohens_d, mean_treated=36.0, mean_control=32.0, sd=8.0),
    Call(es.cohens_u3, arrays=("d",), d=0.5),
    Call(es.overlap_coefficient, arrays=("d",), d=0.5),
    Call(es.probability_of_superiority, arrays=("d",), d=0.5),
    Call(es.hedges_correction, n1=10.0, n2=12.0),
    Call(es.hedges_g, arrays=("d",), d=0.5, n1=10.0, n2=12.0),
    Call(es.difference_in_units, arrays=("g",), g=0.46, sd=8.33),
    Call(es.d_from_percent, arrays=("percent_difference",), percent_difference=20.0, cv_percent=25.0),
    Call(es.paired_dz, arrays=("d",), d=0.8, rho=0.5),
    Call(es.n_formula, d=0.8, alpha=0.05, power=0.8, paired=True),
    Call(es.sample_size_two_groups, d=0.5, alpha=0.05, power=0.8, method="t"),
    Call(es.sample_size_paired, d=0.5, rho=0.5, alpha=0.05, power=0.8, method="normal"),
    Call(es.power_two_groups, arrays=("n",), d=0.5, n=40.0, alpha=0.05),
    Call(es.power_paired, arrays=("n",), d=0.5, n=40.0, rho=0.5, alpha=0.05),
    Call(het.i_squared, whole=("df",), q=70.5, df=11),
    Call(het.tau_squared_from_i_squared, i2=0.5, typical_variance=0.09),
    Call(het.tau_squared_from_summary, whole=("k",), se=0.22, k=12, i2=0.8439),
    Call(het.se_from_ci, ci_low=0.28, ci_high=1.15, level=0.95),
    Call(het.confidence_interval, mean=0.72, se=0.22, level=0.95),
    Call(het.prediction_interval, whole=("k",), mean=0.72, se=0.22, tau_squared=0.5, k=12, level=0.95),
    Call(het.summarise, whole=("k",), mean=0.72, ci_low=0.28, ci_high=1.15, k=12, i2=0.8439),
    Call(stress.percent_change, arrays=("before", "after"), before=30.0, after=33.0),
    Call(ex.peak_rise_sd, intensity=0.8, duration_min=30.0, trained=True, half_life_min=10.0),
    Call(ex.bout_rise_sd, arrays=("time_min",), time_min=40.0, intensity=0.8, duration_min=30.0, trained=False),
    Call(ex.serum_bdnf_ng_ml, arrays=("time_min",), time_min=40.0, intensity=0.8, half_life_min=12.0, trained=True),
    Call(ex.resting_level_ng_ml, trained=True),
    Call(ex.minutes_to_fraction_left, fraction=0.1, half_life_min=10.0),
    Call(gh.sws_share_pct, arrays=("age_years",), age_years=30.0),
    Call(gh.night_pulse_factor, arrays=("age_years",), age_years=30.0),
    Call(gh.secretion_rate, age_years=60.0, ghrh_analogue=1.5, secretagogue=2.0, somatostatin=1.5),
    Call(
        gh.simulate_axis,
        whole=("days", "burn_in_days"),
        age_years=60.0,
        ghrh_analogue=1.5,
        secretagogue=2.0,
        somatostatin=1.5,
        days=1,
        burn_in_days=2,
    ),
    Call(gh.scenario_params, scenario="Both", age_years=60.0),
    Call(gh.compare_scenarios, age_years=60.0),
    Call(heat.plateau_temperature, arrays=("water_temp_c",), water_temp_c=40.0, baseline_c=37.0, gain=0.6),
    Call(
        heat.core_temperature,
        arrays=("time_min",),
        time_min=30.0,
        water_temp_c=40.0,
        immersion_min=20.0,
        baseline_c=37.0,
        neutral_water_c=35.0,
        gain=0.6,
        heating_time_constant_min=20.0,
        cooling_time_constant_min=30.0,
    ),
    Call(heat.minutes_to_reach, threshold_c=38.5, water_temp_c=40.0, heating_time_constant_min=15.0),
    Call(heat.fahrenheit_to_celsius, arrays=("temp_f",), temp_f=104.0),
    Call(
        hpg.steady_state,
        arrays=("exogenous_androgen", "aromatase_activity", "gonadal_function"),
        exogenous_androgen=1.0,
        aromatase_activity=0.5,
        gonadal_function=0.8,
        sex="male",
    ),
    Call(
        hpg.percent_of_baseline,
        arrays=("exogenous_androgen", "aromatase_activity", "gonadal_function"),
        exogenous_androgen=1.0,
        aromatase_activity=0.5,
        gonadal_function=0.8,
        sex="female",
    ),
    Call(
        hpg.derivatives,
        vectors=("state",),
        state=[1.0, 1.2, 0.8, 1.0, 0.9],
        exogenous_androgen=1.0,
        aromatase_activity=0.5,
        gonadal_function=0.8,
        sex="male",
    ),
    Call(
        hpg.simulate,
        vectors=("initial",),
        initial=[1.0, 1.2, 0.8, 1.0, 0.9],
        days=2.0,
        dt=0.05,
        exogenous_androgen=1.0,
        aromatase_activity=0.5,
        gonadal_function=0.8,
        sex="female",
    ),
    Call(
        ng.adult_born_fraction,
        arrays=("age_years",),
        age_years=50.0,
        turnover_per_year=0.03,
        renewing_fraction=0.5,
        onset_age_years=20.0,
    ),
    Call(ng.implied_renewing_pool, neurons_per_day=700.0, turnover_per_year=0.0175),
    Call(evidence_summary.cell_offsets, whole=("n",), n=7, aspect=2.5, span=0.8, max_step=0.22),
]

FIGURE_CALLS = [
    Call(fx.acute_response_figure, intensity=0.85, duration_min=45.0, half_life_min=12.0, show="trained"),
    Call(
        fx.acute_response_static,
        steps=("intensities",),
        duration_min=30.0,
        half_life_min=10.0,
        intensities=[0.5, 0.7, 0.9],
    ),
    Call(fx.forest_figure, paradigm="single session"),
    Call(nf.prediction_figure, vectors=(), optional=("y_range",), mean=0.72, ci_low=0.28, ci_high=1.15, k=12, i2=0.5),
    Call(nf.prediction_inputs, effect_id="sarraf2019_curcumin"),
    Call(nf.prediction_static, effect_id="sarraf2019_curcumin"),
    Call(nf.i2_steps, optional=("reported",), reported=0.5),
    Call(fm.effect_size_summary, g=0.8, mean=30.0, sd=10.0),
    Call(fm.effect_size_figure, optional=("g_max",), g=0.8, mean=30.0, sd=10.0, g_max=2.0),
    Call(fm.effect_size_static, steps=("gs",), mean=30.0, sd=10.0, gs=[0.0, 0.5, 1.0], start=0.5),
    Call(fm.sample_size_summary, percent_difference=30.0, cv_percent=20.0, alpha=0.01, power=0.9, rho=0.7),
    Call(
        fm.sample_size_figure,
        optional=("n_max", "group_size"),
        percent_difference=30.0,
        cv_percent=20.0,
        alpha=0.01,
        power=0.9,
        rho=0.7,
        n_max=200.0,
        group_size=60.0,
    ),
    Call(
        fm.sample_size_static,
        steps=("percents",),
        cv_percent=20.0,
        alpha=0.05,
        power=0.8,
        rho=0.5,
        percents=[10.0, 20.0],
        start=20.0,
    ),
    Call(st.heat_figure, water_temp_c=40.0, immersion_min=20.0, heating_time_constant_min=25.0),
    Call(
        st.heat_static,
        steps=("water_steps", "immersion_steps"),
        water_steps=[38.0, 40.0],
        immersion_steps=[10, 20],
        water_temp_c=40.0,
        immersion_min=20,
    ),
    Call(st.heating_bdnf_figure, compartment="plasma"),
    Call(st.heating_bdnf_static, active="plasma"),
    Call(
        hf.hpg_figure,
        optional=("y_max",),
        exogenous_androgen=1.0,
        aromatase_activity=0.5,
        gonadal_function=0.8,
        sex="male",
        y_max=300.0,
    ),
    Call(hf.scenario_static, steps=("values",), scenario="aromatase-block", values=[1.0, 0.5, 0.0]),
    Call(gf.gh_figure, age_years=60.0, ghrh_analogue=2.0, secretagogue=4.0, somatostatin=1.5),
    Call(gf.gh_age_figure, age_years=45.0),
    Call(gf.gh_scenarios_static, age_years=45.0),
    Call(gf.gh_age_static, steps=("ages",), ages=[20.0, 60.0], active_age=60.0),
    Call(figures.neurogenesis_figure, turnover_per_year=0.03, renewing_fraction=0.5, onset_age_years=20.0),
    Call(
        figures.neurogenesis_static,
        steps=("turnovers",),
        renewing_fraction=0.5,
        onset_age_years=20.0,
        turnovers=[0.0, 0.02],
    ),
    Call(ef.evidence_map_figure, topic="exercise", origin="course", min_grade="low"),
    Call(nf.evidence_figure, high_i2_only=True),
]

MODEL_CASES = [case for call in MODEL_CALLS for case in call.cases("models")]
FIGURE_CASES = [case for call in FIGURE_CALLS for case in call.cases("figures")]
_GOOD: dict[int, object] = {}


@pytest.mark.parametrize(("call", "param", "value", "outcome"), MODEL_CASES + FIGURE_CASES)
def test_every_parameter_refuses_what_is_not_allowed_by_name_and_takes_what_is(call, param, value, outcome):
    if outcome[0] == "error":
        with pytest.raises((TypeError, ValueError)) as err:
            call.func(**{**call.kwargs, param: value})
        assert str(err.value).startswith(f"{param} "), f"the message must start with {param!r}: {err.value}"
        return
    result = _normalised(call.func(**{**call.kwargs, param: value}))
    if outcome[1] == "value":
        assert result == pytest.approx(outcome[2])
        return
    if id(call) not in _GOOD:
        _GOOD[id(call)] = call.func(**call.kwargs)
    good = _GOOD[id(call)]
    assert result == (_twice(good) if outcome[1] == "twice" else _normalised(good))


# ================================================================ explorers: every corner of every control


def _explorers() -> list:
    found = []
    for info in pkgutil.iter_modules(explorers.__path__):
        module = importlib.import_module(f"{explorers.__name__}.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and name.endswith("_explorer"):
                found.append(pytest.param(module, fn, id=f"explorers-result-{info.name}.{name}"))
    return found


def _controls(widget) -> list:
    if isinstance(widget, widgets.Box):
        return [c for child in widget.children for c in _controls(child)]
    return [] if isinstance(widget, widgets.Output) else [widget]


def corners(control) -> list:
    """The values a control allows at its ends: a slider's minimum and maximum, every option, both ticks."""
    if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
        return [control.min, control.max]
    if isinstance(control, widgets.Checkbox):
        return [False, True]
    return [o[1] if isinstance(o, tuple) else o for o in control.options]


@pytest.mark.parametrize(("module", "explorer"), _explorers())
def test_every_explorer_draws_at_every_corner_of_its_controls(monkeypatch, module, explorer):
    shown: list = []
    monkeypatch.setattr(module, "display", shown.append)
    controls = _controls(explorer())
    assert controls and any(isinstance(s, go.Figure) for s in shown), "the explorer draws when it is built"
    state = [c.value for c in controls]
    combinations = list(itertools.product(*(corners(c) for c in controls)))
    for combination in combinations:
        before = len(shown)
        for control, value in zip(controls, combination, strict=True):
            control.value = value  # a failing redraw raises here
        now = [c.value for c in controls]
        if now != state:
            assert any(isinstance(s, go.Figure) for s in shown[before:]), f"nothing drawn at {combination}"
        state = now
    assert len(combinations) >= 2
