"""The plotly.js the book serves: plotly.py's version of it, and able to draw every course figure.

The book serves plotly.js's basic partial bundle (npm ``plotly.js-basic-dist-min``, pinned in package.json) instead
of the full bundle inside the plotly wheel. These tests fail when the pin drifts from the plotly.js version plotly.py
expects, or when a course figure uses a trace type the basic bundle does not have.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest
from plotly.offline import get_plotlyjs_version

import neurotrophins.figures as figures
from neurotrophins.build.assets import PLOTLY_PACKAGE, plotly_bundle
from neurotrophins.figures import forest, hpg

ROOT = Path(__file__).resolve().parents[1]
ROWS = forest.forest_table()
#: Arguments for figure functions that have no default for them (module.function): every value the course uses.
REQUIRED_ARGS = {
    "hpg.scenario_static": [{"scenario": name} for name in hpg.SCENARIOS],
    # The shared forest plot: every row of effect_sizes.csv, both kinds of diamond.
    "forest.forest_figure": [
        {"rows": ROWS, "groups": {t: (t, "#000000") for t in set(ROWS["topic"])}, "diamonds": diamonds}
        for diamonds in ("high_i2", "no_ci")
    ],
}


def _bundle_text() -> str:
    try:
        return plotly_bundle(ROOT).read_text(encoding="utf-8")
    except FileNotFoundError as err:
        pytest.fail(str(err))


def bundle_trace_types() -> set[str]:
    """The trace types the installed bundle registers (plotly.js modules declare ``moduleType:"trace"``)."""
    return set(re.findall(r'moduleType:"trace",name:"(\w+)"', _bundle_text()))


def course_figures():
    """(name, figure) for every figure function of the package (static and live), at every required value."""
    for info in pkgutil.iter_modules(figures.__path__):
        if info.name.startswith("_"):
            continue  # shared helpers (layout, sliders, buttons) make no figure of their own
        module = importlib.import_module(f"{figures.__name__}.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__ or name.startswith("_"):
                continue
            if inspect.signature(fn).return_annotation not in ("go.Figure", go.Figure):
                continue
            for kwargs in REQUIRED_ARGS.get(f"{info.name}.{name}", [{}]):
                yield f"{info.name}.{name}({kwargs or ''})", fn(**kwargs)


def test_pinned_bundle_is_the_plotly_js_version_plotly_py_expects():
    expected = get_plotlyjs_version()
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"][PLOTLY_PACKAGE.as_posix()]["version"]
    assert pinned == expected, f"package-lock.json pins plotly.js {pinned}; plotly.py expects {expected}"
    installed = json.loads((ROOT / PLOTLY_PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == expected, f"node_modules holds plotly.js {installed}: run `make js`"
    assert f"plotly.js (basic - minified) v{expected}" in _bundle_text()[:200]


def test_bundle_draws_every_trace_type_of_every_course_figure():
    available = bundle_trace_types()
    assert "scatter" in available, "could not read the trace types of the bundle"
    seen = 0
    for name, fig in course_figures():
        seen += 1
        used = {trace.type for trace in fig.data}
        assert used <= available, f"{name} uses {sorted(used - available)}, not in plotly.js's basic bundle"
    assert seen >= 20, f"only {seen} figure functions found"
