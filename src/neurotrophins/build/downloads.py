"""Downloads for learners: each chapter as an executed notebook, and the whole dataset as one zip.

The executed notebooks carry the outputs the book build computed (read from ``_build/jupyter_execute``), so
they open with figures and tables in any notebook viewer, and their prose is plain Markdown
(:mod:`.markdown`: citations as "Author Year", evidence badges as text, diagrams embedded, sample answers
folded), so it reads well in JupyterLab, Notebook 7 or Colab with no MyST extension. Written into
``_build/html/downloads/`` by ``python -m neurotrophins.build.downloads`` (``make build`` runs it); the
``{downloads}`` directive links them.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from .executed import NotExecutedError, executed_notebook, up_to_date
from .toc import toc_chapters

DOWNLOADS = "downloads"
DATASET_ZIP = "neurotrophins-dataset.zip"


def write_dataset_zip(target: Path) -> Path:
    """The data package (descriptor, README, every CSV, the generated .bib) in one zip (unless it is up to date)."""
    from ..data import data_dir

    files = [p for p in sorted(data_dir().iterdir()) if p.suffix in {".csv", ".json", ".md", ".bib"}]
    if target.is_file() and all(target.stat().st_mtime >= p.stat().st_mtime for p in files):
        return target
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in files:
            zf.write(path, f"neurotrophins-dataset/{path.name}")
    return target


def readable(nb):
    """The notebook with every markdown cell in plain Markdown (see :mod:`.markdown`)."""
    from ..data import load  # here, not at the top: a build with nothing to write imports no pandas
    from .markdown import myst_to_markdown

    refs = load("references").set_index("key", drop=False)
    claims = load("claims").set_index("id", drop=False)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = myst_to_markdown(cell.source, refs, claims, target="notebook")
    return nb


def write_all(root: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for chapter in toc_chapters(root / "_toc.yml"):
        target = out / f"{Path(chapter).name}.ipynb"
        if not up_to_date(target, root, chapter):
            import nbformat

            nbformat.write(readable(executed_notebook(root, chapter)), target)
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
