"""The Sphinx extension, in a tiny project: claim badges and unknown ids."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from neurotrophins.data import load


def _build(tmp_path: Path, text: str) -> subprocess.CompletedProcess:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["neurotrophins.build.sphinx"]\nmathjax_path = "x.js"\n')
    (src / "index.rst").write_text(f"Title\n=====\n\n{text}\n")
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(src), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def a_claim():
    return load("claims").iloc[0]


def test_a_known_claim_renders_a_badge_linking_to_the_evidence_map(tmp_path, a_claim):
    result = _build(tmp_path, f"A sentence :claim:`{a_claim['id']}`.")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "index.html").read_text()
    assert f"evidence-map.html#claim-{a_claim['id']}" in page
    assert f"grade-{str(a_claim['grade']).replace(' ', '-')}" in page
    assert f"{a_claim['grade']} evidence" in page


def test_an_unknown_claim_id_fails_the_build_and_names_it(tmp_path):
    result = _build(tmp_path, "A sentence :claim:`no-such-claim`.")
    assert result.returncode != 0
    assert "unknown claim id 'no-such-claim'" in result.stderr
    assert "index.rst" in result.stderr
