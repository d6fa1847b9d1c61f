"""The first two cells of every chapter notebook: how to use it, and (in Colab only) the course package.

A notebook opened on its own (downloaded from the book, in Colab, in JupyterLab or Notebook 7) finds
its models, figures, quiz and dataset in the learner package, so the only setup it needs is that
package. The setup cell installs it in Colab, from the repository named in ``_config.yml``, and does
nothing anywhere else. Both cells stay out of the book and the slides (tag ``remove-cell``,
``slide_type: skip``); the setup cell is collapsed in JupyterLab and shown as a one-line form in Colab.

``python -m neurotrophins.build.colab`` (``make colab``) writes or refreshes both cells in every chapter.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import yaml

from .toc import toc_notebooks

GUIDE_ID = "how-to-use"
CELL_ID = "colab-setup"
GUIDE = """\
**How to use this notebook.** This is a chapter of the open course *Neurotrophins and BDNF: an evidence-graded
course*, also published as an online book. Run the cells in order from the top (Shift+Enter). The course package
`neurotrophins` supplies the dataset, the models, the figures and the quiz: in Colab the first code cell installs it;
elsewhere install it first (see the course README). Collapsed cells are the course's own checks of the numbers
quoted in the text: run them, there is no need to read them. A cell marked as an exercise stops with
`NotImplementedError` until you complete it; its solution is folded below it. The live explorers (sliders) need a
running kernel. Education, not medical advice."""
TEMPLATE = """\
# @title Colab only: install the course package (does nothing elsewhere)
import sys

if "google.colab" in sys.modules:
    import subprocess

    package = "neurotrophins @ git+{url}@{branch}"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", package], check=True)"""


def repository(root: Path) -> tuple[str, str]:
    """``(url, branch)`` of the repository from ``_config.yml``."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    repo = config.get("repository") or {}
    if not repo.get("url"):
        raise ValueError(f"{root / '_config.yml'}: repository.url is not set (the Colab cell installs from it)")
    return repo["url"], repo.get("branch", "main")


def cell_source(url: str, branch: str) -> str:
    """The setup cell: install the learner package from ``url`` at ``branch`` when running in Colab."""
    return TEMPLATE.format(url=url.removesuffix(".git"), branch=branch)


def guide_cell():
    cell = nbformat.v4.new_markdown_cell(GUIDE)
    cell.id = GUIDE_ID
    cell.metadata = {"tags": ["remove-cell"], "slideshow": {"slide_type": "skip"}}
    return cell


def setup_cell(root: Path):
    cell = nbformat.v4.new_code_cell(cell_source(*repository(root)))
    cell.id = CELL_ID
    cell.metadata = {
        "tags": ["remove-cell"],
        "slideshow": {"slide_type": "skip"},
        "jupyter": {"source_hidden": True},
        "cellView": "form",
    }
    return cell


def write_cells(root: Path) -> list[str]:
    """Insert or refresh the guide and setup cells at the top of every chapter; return those changed."""
    changed = []
    for chapter in toc_notebooks(root / "_toc.yml"):
        path = root / f"{chapter}.ipynb"
        nb = nbformat.read(path, as_version=4)
        wanted = [guide_cell(), setup_cell(root)]
        rest = [c for c in nb.cells if c.get("id") not in {GUIDE_ID, CELL_ID}]
        head = nb.cells[: len(nb.cells) - len(rest)]
        if [(c.id, c.source, c.metadata) for c in head] == [(c.id, c.source, c.metadata) for c in wanted]:
            continue
        nb.cells = wanted + rest
        nbformat.write(nb, path)
        changed.append(chapter)
    return changed


if __name__ == "__main__":
    for chapter in write_cells(Path.cwd()):
        print(f"updated the guide and Colab cells of {chapter}")
    sys.exit(0)
