"""The hub configuration a campus deploys: it parses, runs the course's image, and its limits fit what
``make classroom`` measured (hub/capacity.json); the TLJH recipe and the sizing figures agree with it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from neurotrophins.build.hub import sizing

ROOT = Path(__file__).resolve().parents[1]
UNITS = {"K": 2**10, "M": 2**20, "G": 2**30}


def megabytes(size: str) -> float:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG])", str(size))
    assert m, f"{size!r} is not a size like 512M or 2G"
    return float(m.group(1)) * UNITS[m.group(2)] / 2**20


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load((ROOT / "hub" / "zero-to-jupyterhub.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def measured() -> dict:
    return json.loads((ROOT / "hub" / "capacity.json").read_text(encoding="utf-8"))


def test_the_fragment_runs_the_course_image_in_jupyterlab(config):
    user = config["singleuser"]
    assert user["image"]["name"] and user["image"]["tag"], "name the image and pin its tag"
    assert user["image"]["tag"] != "latest"
    assert user["defaultUrl"] == "/lab"
    assert user["cmd"] == "jupyterhub-singleuser"
    pins = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8")
    for needed in ("jupyterhub", "nbgitpuller", "jupyterlab", "nbgrader"):
        assert re.search(rf"^{needed}==", pins, re.M), f"the image (binder/) lacks {needed}"


def test_the_measurement_is_recent_complete_and_without_failures(measured):
    assert measured["students"] >= 20 and measured["failures"] == []
    for key in ("spawn_seconds", "chapter_run_seconds"):
        assert 0 < measured[key]["median"] <= measured[key]["p95"]
    peak = measured["peak_memory_mb"]
    assert 0 < peak["median"] <= peak["p95"] <= peak["max"]
    assert {"cpus", "memory_gb", "system", "python"} <= set(measured["machine"])


def test_guarantee_covers_the_typical_student_and_the_limit_leaves_room_above_the_largest(config, measured):
    memory = config["singleuser"]["memory"]
    guarantee, limit = megabytes(memory["guarantee"]), megabytes(memory["limit"])
    peak = measured["peak_memory_mb"]
    assert guarantee >= peak["median"], f"guarantee {memory['guarantee']} is below the median peak {peak['median']} MB"
    assert limit >= 1.25 * peak["max"], f"limit {memory['limit']} leaves no room above the largest {peak['max']} MB"
    assert limit >= guarantee
    cpu = config["singleuser"]["cpu"]
    assert 0 < cpu["guarantee"] <= cpu["limit"]
    # a hub starting a class at once must wait at least as long as a measured spawn took
    assert config["singleuser"]["startTimeout"] >= 2 * measured["spawn_seconds"]["p95"]


def test_the_littlest_jupyterhub_recipe_sets_the_same_limits(config):
    recipe = (ROOT / "hub" / "littlest-jupyterhub.md").read_text(encoding="utf-8")
    memory = re.search(r"tljh-config set limits\.memory (\S+)", recipe)
    cpu = re.search(r"tljh-config set limits\.cpu (\S+)", recipe)
    assert memory and memory.group(1) == config["singleuser"]["memory"]["limit"]
    assert cpu and float(cpu.group(1)) == config["singleuser"]["cpu"]["limit"]
    assert "binder/requirements.txt" in recipe, "TLJH installs the same pinned environment"


def test_sizing_follows_from_the_measurement(measured):
    size = sizing(measured)
    assert size["students_per_gb"] == pytest.approx(1024 / measured["peak_memory_mb"]["p95"])
    assert size["memory_gb_200"] * 1024 >= 200 * measured["peak_memory_mb"]["p95"]
    assert size["cores_200"] * size["students_per_core"] >= 200
