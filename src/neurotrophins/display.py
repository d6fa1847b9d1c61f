"""Showing things on a chapter page: a model's own code, and tables laid out for reading.

* :func:`show_source` puts the code of a course function on the page, highlighted, from the package
  itself: the model a learner reads is the model that draws the figures (one copy, never retyped).
* :func:`show_table` lays a table out for a reader or a lecture room: chosen columns under readable
  names, no pandas index, and reference keys replaced by "Author Year".
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable, Mapping

import pandas as pd

from . import data
from .references import short_citation

__all__ = ["SourceCode", "show_source", "show_table"]


class SourceCode:
    """A function's source as a Markdown code block (the book, JupyterLab and Colab highlight it)."""

    def __init__(self, source: str) -> None:
        self.source = source

    def _repr_markdown_(self) -> str:
        return f"```python\n{self.source}```\n"

    def __repr__(self) -> str:
        return self.source


def show_source(function: Callable, *, max_lines: int = 30) -> SourceCode:
    """The source of a course function, for display (make it the last expression of a cell).

    Raises
    ------
    ValueError
        If the function is longer than ``max_lines``: a function shown to learners must stay short.
    """
    source = textwrap.dedent(inspect.getsource(function))
    lines = source.count("\n")
    if lines > max_lines:
        raise ValueError(
            f"{function.__qualname__} has {lines} lines; a function shown on the page has at most {max_lines}"
        )
    return SourceCode(source)


def show_table(
    frame: pd.DataFrame,
    columns: Mapping[str, str] | None = None,
    *,
    citation_columns: tuple[str, ...] = ("reference",),
) -> pd.io.formats.style.Styler:
    """A table for reading: ``columns`` maps the frame's column -> the heading shown (in that order).

    Columns named in ``citation_columns`` hold reference keys; they are shown as "Author et al. Year".
    The pandas index is hidden.
    """
    shown = frame.copy()
    cited = [c for c in citation_columns if c in shown.columns]
    if cited:
        refs = data.load("references").set_index("key")
        for column in cited:
            shown[column] = [
                short_citation(refs.loc[k]) if isinstance(k, str) and k in refs.index else k for k in shown[column]
            ]
    if columns is not None:
        missing = [c for c in columns if c not in shown.columns]
        if missing:
            raise KeyError(f"no column {missing} in the table; it has {list(frame.columns)}")
        shown = shown[list(columns)].rename(columns=dict(columns))
    return shown.style.hide(axis="index")
