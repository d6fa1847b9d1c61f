"""Small helpers shared by the tests."""

from __future__ import annotations

from pathlib import Path

from neurotrophins.build import toc

ROOT = Path(__file__).resolve().parents[1]


def toc_files() -> list[str]:
    """Every file entry of ``_toc.yml`` (root, chapters, sections), without extension, in book order."""
    return toc.toc_files(ROOT / "_toc.yml")


def toc_chapters() -> list[str]:
    """The chapter notebooks listed in ``_toc.yml``, in book order."""
    return toc.toc_chapters(ROOT / "_toc.yml")
