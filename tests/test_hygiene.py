"""Notebook hygiene: no committed outputs or widget state, one H1, the python3 kernel, all in the TOC."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from .helpers import toc_files

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (ROOT / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def _h1_lines(nb) -> list[str]:
    lines = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        in_fence = False
        for line in cell.source.splitlines():
            if line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
            if not in_fence and re.match(r"# \S", line):
                lines.append(line)
    return lines


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    name = path.relative_to(ROOT)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", f"{name}: kernelspec must be python3"
    assert "widgets" not in nb.metadata, f"{name}: widget state is committed"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name}, cell {i}: outputs are committed"
            assert cell.execution_count is None, f"{name}, cell {i}: execution count is committed"
    h1 = _h1_lines(nb)
    assert len(h1) == 1, f"{name}: expected one H1, found {h1}"
    # The first markdown cell the book shows (the "how to use" cell is for Jupyter and Colab only).
    first = next(
        c for c in nb.cells if c.cell_type == "markdown" and "remove-cell" not in c.metadata.get("tags", [])
    ).source.splitlines()
    assert re.fullmatch(r"\([a-z0-9-]+\)=", first[0]), f"{name}: the first line should be a (label)= target"
    assert first[1].startswith("# "), f"{name}: the H1 should follow the label"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_check_cells_stay_out_of_a_learners_way(path):
    """A cell that checks (assert, quoted) is removed from the book, collapsed in Jupyter and a form in Colab."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not re.search(r"^\s*assert |quoted\(", cell.source, re.M):
            continue
        where = f"{path.name}, cell {i} ({cell.get('id')})"
        assert "remove-cell" in cell.metadata.get("tags", []), f"{where}: a check cell must be tagged remove-cell"
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, f"{where}: collapse it (source_hidden)"
        assert cell.metadata.get("cellView") == "form", f"{where}: show it as a form in Colab (cellView: form)"
        assert cell.source.startswith("# @title "), f"{where}: start it with '# @title Check: ...'"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_follows_the_chapter_anatomy(path):
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
    for heading in [
        "## Learning objectives",
        "## Prerequisites",
        "Time to learn",
        "## Check your understanding",
        "## Exercises",
        "## Key takeaways",
        "## What's next",
    ]:
        assert heading in text, f"{path.name}: missing '{heading}'"
    assert text.count("{solution-start}") >= 2


def test_every_notebook_is_in_the_toc_and_every_toc_entry_exists():
    toc = set(toc_files())
    notebooks = {str(p.relative_to(ROOT).with_suffix("")) for p in NOTEBOOKS}
    assert notebooks - toc == set(), f"notebooks missing from _toc.yml: {notebooks - toc}"
    for entry in toc:
        assert (ROOT / f"{entry}.ipynb").exists() or (ROOT / f"{entry}.md").exists(), f"_toc.yml: {entry} not found"


def test_jupyter_book_is_pinned_below_2():
    pins = (ROOT / "requirements.txt").read_text()
    match = re.search(r"^jupyter-book==(\d+)\.(\d+)\.(\d+)", pins, re.M)
    assert match and int(match.group(1)) == 1 and tuple(map(int, match.groups())) >= (1, 0, 4)
    for line in pins.splitlines():
        if line and not line.startswith(("#", " ", "-e ")):
            assert "==" in line, f"requirements.txt: {line!r} is not pinned"


def test_the_package_is_installed_from_the_clone_itself():
    editable = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line.startswith("-e ")]
    assert editable == ["-e ."], f"requirements.txt must install the package from the clone ('-e .'), got {editable}"
