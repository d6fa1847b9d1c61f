"""The executed notebooks of a book build, as myst-nb writes them to ``_build/jupyter_execute/``.

Slides, downloads, print and the instructor answer keys all read a chapter's outputs from there,
so nothing is executed twice. (The book's Sphinx extension makes sure every copy there carries its
outputs, also when myst-nb served them from its execution cache.)
"""

from __future__ import annotations

from pathlib import Path

EXECUTED_DIR = Path("_build") / "jupyter_execute"


class NotExecutedError(RuntimeError):
    """A chapter has no executed copy; the message says which and what to run."""


def has_outputs(nb) -> bool:
    """True when at least one code cell of ``nb`` carries an output."""
    return any(c.cell_type == "code" and c.get("outputs") for c in nb.cells)


def up_to_date(target: Path, root: str | Path, docname: str, *also: Path) -> bool:
    """True when ``target``, made from the executed copy of ``docname``, is newer than that copy (and ``also``).

    ``make build`` writes slides and downloads again only for the chapters the book build read again (a
    fresh build starts from an empty ``_build/html``, so everything is written then).
    """
    source = Path(root) / EXECUTED_DIR / f"{docname}.ipynb"
    if not (target.is_file() and source.is_file()):
        return False
    made = target.stat().st_mtime
    return all(made >= p.stat().st_mtime for p in (source, *also) if p.is_file())


def executed_notebook(root: str | Path, docname: str):
    """The executed copy of ``docname`` (e.g. ``book/01-foundations/neurotrophins-and-bdnf``).

    Raises
    ------
    NotExecutedError
        If the build wrote no copy, or a copy without outputs.
    """
    import nbformat  # here, not at the top: downloads with nothing to write import neither nbformat nor jsonschema

    path = Path(root) / EXECUTED_DIR / f"{docname}.ipynb"
    if not path.is_file():
        raise NotExecutedError(f"{path} is missing: run `make build` first")
    nb = nbformat.read(path, as_version=4)
    if not has_outputs(nb):
        raise NotExecutedError(f"{path} has no outputs: run `make build` first")
    return nb
