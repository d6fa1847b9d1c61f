"""Colab: every chapter starts with the hidden setup cell that fetches the course, and it is inert elsewhere."""

import subprocess
import sys

import nbformat
import pytest

from neurotrophins.colab import CELL_ID, cell_source, repository, setup_cell

from .helpers import ROOT, toc_chapters


@pytest.mark.parametrize("chapter", toc_chapters())
def test_first_cell_is_the_current_colab_setup_cell(chapter):
    nb = nbformat.read(ROOT / f"{chapter}.ipynb", as_version=4)
    first, expected = nb.cells[0], setup_cell(ROOT, chapter)
    assert first.get("id") == CELL_ID, f"{chapter}: run `make colab` to add the Colab setup cell"
    assert first.source == expected.source, f"{chapter}: the Colab cell is out of date; run `make colab`"
    assert "remove-cell" in first.metadata["tags"]
    assert first.metadata["slideshow"]["slide_type"] == "skip"


def test_setup_cell_clones_the_configured_repository_into_the_chapter_folder():
    url, branch = repository(ROOT)
    source = cell_source(url, branch, "book/02-lifestyle")
    assert url.startswith("https://github.com/") and branch == "main"
    assert f'repo, branch = "{url}", "main"' in source
    assert 'os.chdir("/content/course/book/02-lifestyle")' in source


def test_setup_cell_does_nothing_outside_colab(tmp_path):
    probe = "\nprint(sorted(k for k in dir() if k in {'os', 'subprocess'}))"
    code = cell_source("https://github.com/x/y", "main", "book") + probe
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert out.stdout.strip() == "[]"
    assert list(tmp_path.iterdir()) == []
