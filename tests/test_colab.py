"""Every chapter opens with a "how to use" cell and the Colab setup cell, which installs only the learner package."""

import subprocess
import sys

import nbformat
import pytest

from neurotrophins.build.colab import CELL_ID, GUIDE_ID, cell_source, guide_cell, repository, setup_cell

from .helpers import ROOT, toc_chapters


@pytest.mark.parametrize("chapter", toc_chapters())
def test_chapters_open_with_the_current_guide_and_setup_cells(chapter):
    nb = nbformat.read(ROOT / f"{chapter}.ipynb", as_version=4)
    guide, setup = nb.cells[0], nb.cells[1]
    assert (guide.get("id"), setup.get("id")) == (GUIDE_ID, CELL_ID), f"{chapter}: run `make colab`"
    assert guide.source == guide_cell().source and setup.source == setup_cell(ROOT).source, (
        f"{chapter}: the guide or Colab cell is out of date; run `make colab`"
    )
    for cell in (guide, setup):
        assert "remove-cell" in cell.metadata["tags"] and cell.metadata["slideshow"]["slide_type"] == "skip"
    assert setup.metadata["jupyter"]["source_hidden"] is True and setup.metadata["cellView"] == "form"


def test_setup_cell_installs_the_learner_package_from_the_configured_repository():
    url, branch = repository(ROOT)
    source = cell_source(url, branch)
    assert f'"neurotrophins @ git+{url}@{branch}"' in source
    assert "clone" not in source and "chdir" not in source and "sys.path" not in source
    assert source.splitlines()[0].startswith("# @title "), "Colab shows the cell as a one-line form"


def test_setup_cell_does_nothing_outside_colab(tmp_path):
    probe = "\nprint(sorted(k for k in dir() if k in {'subprocess', 'package'}))"
    code = cell_source("https://github.com/x/y", "main") + probe
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert out.stdout.strip() == "[]"
    assert list(tmp_path.iterdir()) == []
