"""Downloads for learners: each chapter as an executed notebook, and the whole dataset as one zip.

The executed notebooks carry the outputs the book build computed (read from ``_build/jupyter_execute``), so
they open with figures and tables in any notebook viewer. Written into ``_build/html/downloads/`` by
``python -m neurotrophins.downloads`` (``make build`` runs it); the ``{downloads}`` directive links them.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import nbformat

from ..data import data_dir
from .executed import NotExecutedError, executed_notebook
from .toc import toc_chapters

DOWNLOADS = "downloads"
DATASET_ZIP = "neurotrophins-dataset.zip"


def write_dataset_zip(target: Path) -> Path:
    """The data package (descriptor, README, every CSV, the generated .bib) in one zip."""
    folder = data_dir()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.iterdir()):
            if path.suffix in {".csv", ".json", ".md", ".bib"}:
                zf.write(path, f"neurotrophins-dataset/{path.name}")
    return target


def write_all(root: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for chapter in toc_chapters(root / "_toc.yml"):
        nb = executed_notebook(root, chapter)
        target = out / f"{Path(chapter).name}.ipynb"
        nbformat.write(nb, target)
        written.append(target)
    written.append(write_dataset_zip(out / DATASET_ZIP))
    return written


def main() -> int:
    root = Path.cwd()
    try:
        written = write_all(root, root / "_build" / "html" / DOWNLOADS)
    except NotExecutedError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"{path.relative_to(root)}: {path.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
