"""The learner package stands alone: a wheel in a fresh virtual environment runs every chapter.

The wheel is built from the clone, installed with only its declared dependencies (held to the pinned
versions of requirements.txt) into a new virtual environment, and each chapter notebook is executed,
alone, from a temporary folder outside the repository: no quiz file, no dataset and no package source
next to it. Timings go to ``_build/package-report.md``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

import pytest

from .helpers import ROOT, toc_chapters

RUNNER = Path(__file__).with_name("package") / "run_notebooks.py"
# Only what executes a notebook; the course's own dependencies come from the wheel's metadata.
RUNNER_TOOLS = ["ipykernel", "nbclient"]
WHEEL_SOURCES = ["pyproject.toml", "README.md", "LICENSE", "src", "data", "book/quizzes"]


def _run(cmd, **kwargs):
    return subprocess.run(cmd, capture_output=True, text=True, check=True, **kwargs)


@pytest.fixture(scope="module")
def fresh_env(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    # Build from a copy of what the wheel is made of, so the clone gets no build/ folder.
    source = work / "source"
    source.mkdir()
    for name in WHEEL_SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy(ROOT / name, source / name)
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"), str(source)])
    (wheel,) = (work / "dist").glob("neurotrophins-*.whl")
    env = work / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    constraints = work / "constraints.txt"
    constraints.write_text(
        "".join(
            line + "\n"
            for line in (ROOT / "requirements.txt").read_text().splitlines()
            if line and not line.startswith(("-e ", "#", " "))
        )
    )
    started = time.perf_counter()
    _run([str(python), "-m", "pip", "install", "--quiet", "-c", str(constraints), str(wheel)])
    install_s = time.perf_counter() - started
    _run([str(python), "-m", "pip", "install", "--quiet", "-c", str(constraints), *RUNNER_TOOLS])
    return {"python": python, "wheel": wheel, "install_s": install_s, "work": work}


def test_the_wheel_carries_the_dataset_and_the_quizzes_and_no_build_dependency(fresh_env):
    code = (
        "import importlib.util, json, neurotrophins.data as d, neurotrophins.quiz as q\n"
        "print(json.dumps({'data': str(d.data_dir()), 'tables': d.tables(), 'quizzes': q.quiz_names(),"
        " 'sphinx': importlib.util.find_spec('sphinx') is not None,"
        " 'yaml': importlib.util.find_spec('yaml') is not None}))"
    )
    out = json.loads(_run([str(fresh_env["python"]), "-c", code], cwd=fresh_env["work"]).stdout)
    assert "site-packages" in out["data"] and str(ROOT) not in out["data"]
    assert out["tables"] == __import__("neurotrophins.data", fromlist=["tables"]).tables()
    assert set(out["quizzes"]) >= {Path(c).name for c in toc_chapters()}, "a chapter's quiz is not in the wheel"
    assert not out["sphinx"] and not out["yaml"], "a build tool was installed as a learner dependency"


def test_every_chapter_runs_alone_outside_the_repository(fresh_env, tmp_path):
    for chapter in toc_chapters():
        shutil.copy(ROOT / f"{chapter}.ipynb", tmp_path)
    started = time.perf_counter()
    result = subprocess.run([str(fresh_env["python"]), str(RUNNER), str(tmp_path)], capture_output=True, text=True)
    run_s = time.perf_counter() - started
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert sorted(report["notebooks"]) == sorted(f"{Path(c).name}.ipynb" for c in toc_chapters())
    for name, info in report["notebooks"].items():
        assert info["errors"] == [], f"{name}: {info['errors']}"
        assert not info["build_modules"], f"{name} imported build tools: {info['build_modules']}"
    lines = [
        "# Learner package in a fresh virtual environment",
        "",
        f"- install of the wheel with its declared dependencies: {fresh_env['install_s']:.1f} s",
        f"- import of `neurotrophins` and its figures in a fresh kernel: {report['import_s']:.2f} s",
        f"- all chapters executed, alone, outside the repository: {run_s:.1f} s",
    ]
    lines += [f"  - {name}: {info['seconds']:.1f} s" for name, info in sorted(report["notebooks"].items())]
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "package-report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
