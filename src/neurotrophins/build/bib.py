"""Generate ``data/references.bib`` from the ``references`` table.

The CSV is the single source of truth; the BibTeX file that sphinxcontrib-bibtex reads is derived
from it (``make data``), and a test checks that the committed file matches.
"""

from __future__ import annotations

import re
import sys

import pandas as pd

from .. import data

HEADER = (
    "% Generated from data/references.csv by `python -m neurotrophins.bib` (make data).\n"
    "% Do not edit by hand: edit the CSV and regenerate.\n"
)


def _protect(title: str) -> str:
    """Brace words with capitals after the first word, so BibTeX styles keep their case."""
    words = title.split(" ")
    out = [words[0]]
    for word in words[1:]:
        out.append("{" + word + "}" if re.search(r"[A-Z]", word) else word)
    return " ".join(out)


def entry(row: pd.Series) -> str:
    """One BibTeX ``@article`` for a row of the references table."""
    fields = {
        "author": row["authors"],
        "title": _protect(row["title"]),
        "journal": row["journal"],
        "year": str(row["year"]),
        "volume": row["volume"],
        "number": row["issue"],
        "pages": None if pd.isna(row["pages"]) else str(row["pages"]).replace("-", "--"),
        "doi": row["doi"],
        "pmid": None if pd.isna(row["pmid"]) else str(row["pmid"]),
        "pmcid": row["pmcid"],
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if not pd.isna(value))
    return f"@article{{{row['key']},\n{body}\n}}\n"


def bibtex(references: pd.DataFrame) -> str:
    """The whole BibTeX file for a references table, in key order."""
    rows = references.sort_values("key")
    return HEADER + "\n" + "\n".join(entry(r) for _, r in rows.iterrows())


def main() -> int:
    path = data.data_dir() / "references.bib"
    path.write_text(bibtex(data.load("references")), encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
