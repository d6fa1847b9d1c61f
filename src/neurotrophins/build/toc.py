"""The book's table of contents: ``_toc.yml`` is the only authority on what the chapters are."""

from __future__ import annotations

from pathlib import Path

import yaml


def toc_files(toc_path: str | Path) -> list[str]:
    """Every file entry of a ``_toc.yml`` (root, chapters, sections), without extension, in book order."""
    toc = yaml.safe_load(Path(toc_path).read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            files.append(chapter["file"])
            files += [s["file"] for s in chapter.get("sections", [])]
    return files


#: The notebook a new chapter starts from: built and tested like a chapter, but not one of the course's.
TEMPLATE = "book/template/chapter-template"


def toc_notebooks(toc_path: str | Path) -> list[str]:
    """Every notebook of a ``_toc.yml`` (entries with an ``.ipynb`` next to it), in book order."""
    root = Path(toc_path).parent
    return [f for f in toc_files(toc_path) if (root / f"{f}.ipynb").is_file()]


def toc_chapters(toc_path: str | Path) -> list[str]:
    """The course's chapter notebooks, in book order (every notebook but the chapter template)."""
    return [f for f in toc_notebooks(toc_path) if f != TEMPLATE]
