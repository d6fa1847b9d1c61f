"""How the course names a reference in running text: one formatter for the book, figures and slides."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["short_citation"]


def short_citation(ref: Mapping) -> str:
    """'Spalding et al. 2013' style label for a row of the ``references`` table.

    Parameters
    ----------
    ref : mapping
        A row with ``authors`` ("Last, First and Last, First"; "and others" marks a list the
        verifying record did not show in full) and ``year``.

    Examples
    --------
    >>> short_citation({"authors": "Egan, Michael F. and Kojima, Masami", "year": 2003})
    'Egan and Kojima 2003'
    """
    authors = [a.strip() for a in str(ref["authors"]).split(" and ")]
    first = authors[0].split(",")[0]
    if len(authors) == 1:
        who = first
    elif len(authors) == 2 and authors[1] != "others":
        who = f"{first} and {authors[1].split(',')[0]}"
    else:
        who = f"{first} et al."
    return f"{who} {ref['year']}"
