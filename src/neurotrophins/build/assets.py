"""The JavaScript and CSS the book serves itself, under names that change with their content.

A name holds a hash of the file (``plotly.<hash>.min.js``, ``course.<hash>.css``), so a static host can let
browsers cache them for as long as it likes: a new version is a new name. MathJax, a tree of files that load
each other by relative path, is versioned by its folder instead (``mathjax-<version>/``).
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

#: plotly.js's official "basic" partial bundle (scatter, bar and pie traces; every component: shapes,
#: annotations, sliders, buttons, error bars), pinned in package.json at the version plotly.py expects.
PLOTLY_PACKAGE = Path("node_modules") / "plotly.js-basic-dist-min"
PLOTLY_FILE = "plotly-basic.min.js"
#: The local MathJax 3 (django-static-mathjax wheel), in a folder named after its version.
MATHJAX_DIR = f"mathjax-{version('django-static-mathjax')}"


class MissingAssetError(FileNotFoundError):
    """An asset the book serves is not installed; the message says how to install it."""


def plotly_bundle(root: Path) -> Path:
    """The plotly.js bundle the book serves, installed by ``make js`` (npm ci) under ``root``."""
    path = Path(root) / PLOTLY_PACKAGE / PLOTLY_FILE
    if not path.is_file():
        raise MissingAssetError(f"{path} is missing: run `make js` (npm ci) first")
    return path


def fingerprinted(path: Path, stem: str, suffix: str) -> str:
    """``stem.<first 12 hex digits of the file's SHA-256>suffix``, e.g. ``plotly.0123456789ab.min.js``."""
    return f"{stem}.{hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]}{suffix}"


def plotly_name(root: Path) -> str:
    """The file name of the plotly.js bundle in the book's ``_static`` folder."""
    return fingerprinted(plotly_bundle(root), "plotly", ".min.js")
