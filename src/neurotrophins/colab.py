"""The first cell of every chapter notebook: in Colab, fetch the course; anywhere else, do nothing.

Colab opens a single notebook, without the package, the dataset or the quiz files next to it. The
setup cell clones the repository named in ``_config.yml``, installs the package's dependencies and
moves into the chapter's folder, so every later cell runs as it does locally. The cell is tagged
``remove-cell`` (not shown in the book) and skipped in the slides.

``python -m neurotrophins.colab`` (``make colab``) writes or refreshes the cell in every chapter.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import yaml

from .teaching import toc_chapters

CELL_ID = "colab-setup"
TEMPLATE = '''\
# Colab only: fetch the course (package, data, quizzes) and open this chapter's folder. Does nothing elsewhere.
import sys

if "google.colab" in sys.modules:
    import os
    import subprocess

    repo, branch = "{url}", "{branch}"
    subprocess.run(["git", "clone", "--depth", "1", "--branch", branch, repo, "/content/course"], check=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "-e", "/content/course"], check=True)
    sys.path.insert(0, "/content/course/src")
    os.chdir("/content/course/{folder}")'''


def repository(root: Path) -> tuple[str, str]:
    """``(url, branch)`` of the repository from ``_config.yml``."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    repo = config.get("repository") or {}
    if not repo.get("url"):
        raise ValueError(f"{root / '_config.yml'}: repository.url is not set (the Colab cell clones it)")
    return repo["url"], repo.get("branch", "main")


def cell_source(url: str, branch: str, folder: str) -> str:
    """The setup cell for a notebook in ``folder`` (relative to the repository root)."""
    return TEMPLATE.format(url=url, branch=branch, folder=folder)


def setup_cell(root: Path, chapter: str):
    url, branch = repository(root)
    cell = nbformat.v4.new_code_cell(cell_source(url, branch, str(Path(chapter).parent)))
    cell.id = CELL_ID
    cell.metadata = {"tags": ["remove-cell"], "slideshow": {"slide_type": "skip"}}
    return cell


def write_cells(root: Path) -> list[str]:
    """Insert or refresh the setup cell as the first cell of every chapter; return those changed."""
    changed = []
    for chapter in toc_chapters(root / "_toc.yml"):
        path = root / f"{chapter}.ipynb"
        nb = nbformat.read(path, as_version=4)
        cell = setup_cell(root, chapter)
        if nb.cells and nb.cells[0].get("id") == CELL_ID:
            if nb.cells[0].source == cell.source and nb.cells[0].metadata == cell.metadata:
                continue
            nb.cells[0] = cell
        else:
            nb.cells.insert(0, cell)
        nbformat.write(nb, path)
        changed.append(chapter)
    return changed


if __name__ == "__main__":
    for chapter in write_cells(Path.cwd()):
        print(f"updated the Colab cell of {chapter}")
    sys.exit(0)
