"""Setup a newcomer can follow: one supported Python range everywhere, a clear stop before any install,
and a Binder (repo2docker) configuration that installs the learner package and opens JupyterLab."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib

import pytest
import yaml

from .helpers import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
FIND_PYTHON = ROOT / "scripts" / "find-python.sh"


def supported_versions() -> list[str]:
    """The minor versions pyproject's requires-python admits (">=3.11,<3.14" -> 3.11, 3.12, 3.13)."""
    spec = PYPROJECT["project"]["requires-python"]
    low = re.search(r">=\s*3\.(\d+)", spec)
    high = re.search(r"<\s*3\.(\d+)", spec)
    assert low and high, f"requires-python must be a closed range like '>=3.11,<3.14', got {spec!r}"
    return [f"3.{m}" for m in range(int(low.group(1)), int(high.group(1)))]


def test_one_python_range_in_pyproject_readme_script_binder_and_pages():
    versions = supported_versions()
    assert versions == ["3.11", "3.12", "3.13"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Python 3.11, 3.12 or 3.13" in readme
    script = FIND_PYTHON.read_text(encoding="utf-8")
    assert re.search(r"^SUPPORTED=\((.*)\)$", script, re.M).group(1).split() == sorted(versions, reverse=True)
    runtime = (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"python-3\.\d+", runtime) and runtime.removeprefix("python-") in versions
    pages = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    setup = [s for s in pages["jobs"]["build"]["steps"] if "setup-python" in s.get("uses", "")]
    assert setup and str(setup[0]["with"]["python-version"]) in versions


def _fake_path(tmp_path, pythons: dict[str, str]) -> str:
    """A PATH holding only fake interpreters that report the given versions, plus the tools the script uses."""
    for name, version in pythons.items():
        fake = tmp_path / name
        fake.write_text(f"#!/bin/sh\necho {version}\n")
        fake.chmod(0o755)
    for tool in ("cat",):
        os.symlink(shutil.which(tool), tmp_path / tool)
    return str(tmp_path)


@pytest.mark.parametrize(
    ("pythons", "wanted", "picked"),
    [
        ({"python3": "3.12"}, "python3", "python3"),
        ({"python3": "3.10", "python3.11": "3.11", "python3.13": "3.13"}, "python3", "python3.13"),
        ({"python3": "3.14", "python3.12": "3.12"}, "python3", "python3.12"),
        ({"python3": "3.10", "python3.12": "3.12"}, "python3.12", "python3.12"),
    ],
)
def test_make_book_uses_a_supported_python_it_finds(tmp_path, pythons, wanted, picked):
    env = {"PATH": _fake_path(tmp_path, pythons)}
    out = subprocess.run([shutil.which("bash"), str(FIND_PYTHON), wanted], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == picked


def test_make_book_stops_at_once_with_a_message_when_no_supported_python_exists(tmp_path):
    env = {"PATH": _fake_path(tmp_path, {"python3": "3.10"})}
    out = subprocess.run([shutil.which("bash"), str(FIND_PYTHON)], capture_output=True, text=True, env=env)
    assert out.returncode == 1 and out.stdout == ""
    assert "needs Python 3.11, 3.12 or 3.13" in out.stderr and "Python 3.10" in out.stderr
    assert "make book PYTHON=python3.12" in out.stderr and "Nothing has been installed" in out.stderr


def test_the_makefile_checks_the_python_before_it_creates_the_venv():
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("$(STAMP): requirements.txt pyproject.toml")[1]
    find, venv = recipe.index("scripts/find-python.sh $(PYTHON)"), recipe.index("-m venv")
    install = recipe.index("pip install")
    assert find < venv < install


def _pins(path) -> dict[str, str]:
    return dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", path.read_text(encoding="utf-8"), re.M))


def test_binder_installs_the_learner_package_and_jupyterlab_at_the_locked_versions():
    binder = ROOT / "binder"
    assert sorted(p.name for p in binder.iterdir()) == [
        "postBuild",
        "requirements.in",
        "requirements.txt",
        "runtime.txt",
    ]
    pins, locked = _pins(binder / "requirements.txt"), _pins(ROOT / "requirements.txt")
    for name in ("jupyterlab", "notebook", "jupyterlab-myst", "ipykernel"):
        assert name in pins, f"binder/requirements.txt does not install {name}"
    for dep in PYPROJECT["project"]["dependencies"]:
        name = re.match(r"[A-Za-z0-9_.-]+", dep).group(0).lower()
        assert name in {k.lower() for k in pins}, f"binder/requirements.txt misses the package dependency {name}"
    drift = {k: (v, locked.get(k)) for k, v in pins.items() if locked.get(k) != v}
    assert drift == {}, f"binder/requirements.txt and requirements.txt disagree (run make lock): {drift}"
    for heavy in ("jupyter-book", "playwright", "sphinx", "pytest"):
        assert heavy not in {k.lower() for k in pins}, f"Binder would install the build/test tool {heavy}"
    post = (binder / "postBuild").read_text(encoding="utf-8")
    assert os.access(binder / "postBuild", os.X_OK)
    assert re.search(r"pip install --no-deps .* \.$", post, re.M), "postBuild must install the course package"


def test_launch_buttons_open_notebooks_in_jupyterlab():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["launch_buttons"]["notebook_interface"] == "jupyterlab"
    assert config["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    url, branch = config["repository"]["url"], config["repository"]["branch"]
    repo = url.removeprefix("https://github.com/")
    badge = re.search(r"\]\((https://mybinder\.org/v2/gh/[^)]+)\)", readme)
    assert badge, "README.md needs a Binder launch badge"
    assert badge.group(1).startswith(f"https://mybinder.org/v2/gh/{repo}/{branch}?urlpath=lab")


def test_every_pin_installs_on_the_oldest_python_the_course_supports():
    """Each pinned package admits Python 3.11.0 (Debian 12's python3 is 3.11.2): no install fails halfway.

    Read from the metadata of the packages installed from the pins (the venv ``make`` builds).
    """
    from importlib import metadata

    from packaging.specifiers import SpecifierSet

    floor = f"{supported_versions()[0]}.0"
    pins = _pins(ROOT / "requirements.txt")
    refused = {}
    for name, version in pins.items():
        dist = metadata.distribution(name)
        assert dist.version == version, f"{name} {dist.version} is installed, the lock says {version}: make venv"
        spec = dist.metadata.get("Requires-Python")
        if spec and not SpecifierSet(spec).contains(floor):
            refused[name] = spec
    assert refused == {}, f"pins that refuse Python {floor}: {refused} (hold them back in requirements.in)"
