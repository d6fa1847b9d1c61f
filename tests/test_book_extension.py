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


def _lesson_plan_page(tmp_path: Path, hub_url: str) -> str:
    """The template chapter's lesson plan built in a tiny project whose theme options name ``hub_url``."""
    import shutil

    root = Path(__file__).resolve().parents[1]
    src = tmp_path / "src"
    shutil.copytree(root / "book" / "template", src / "book" / "template")
    shutil.copytree(root / "book" / "images", src / "book" / "images")
    options = {
        "launch_buttons": {"jupyterhub_url": hub_url, "notebook_interface": "jupyterlab"},
        "repository_url": "https://github.com/someone/their-fork",
        "repository_branch": "spring",
        "path_to_docs": "",
    }
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "neurotrophins.build.sphinx"]\nmathjax_path = "x.js"\n'
        f'exclude_patterns = ["book"]\nhtml_theme_options = {options!r}\n'
    )
    (src / "index.md").write_text("# Plan\n\n```{lesson-plan} book/template/chapter-template\n```\n")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "index.html").read_text()
    assert "Run-sheet" in page, "the lesson plan did not render"
    return page


def test_a_lesson_plan_links_its_chapter_on_the_configured_hub(tmp_path):
    from neurotrophins.build.hub import nbgitpuller_link

    page = _lesson_plan_page(tmp_path, "https://hub.example.edu")
    link = nbgitpuller_link(
        "https://hub.example.edu",
        "https://github.com/someone/their-fork",
        "spring",
        "book/template/chapter-template.ipynb",
    )
    assert f'href="{link.replace("&", "&amp;")}"' in page or f'href="{link}"' in page


def test_a_lesson_plan_without_a_hub_shows_no_hub_link(tmp_path):
    page = _lesson_plan_page(tmp_path, "")
    assert "git-pull" not in page and "JupyterHub" not in page
