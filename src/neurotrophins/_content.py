"""Where the course's content files live: inside the installed package, or in the clone it came from.

A wheel (``pip install .``, ``pip install git+URL``) carries the dataset and the quizzes as package
data (``neurotrophins/dataset``, ``neurotrophins/quizzes``), read with :mod:`importlib.resources`.
An editable install from a clone (``pip install -e .``, what ``requirements.txt`` does) reads the
same files where authors edit them, ``data/`` and ``book/quizzes/``, so nothing is copied twice.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def content_dir(packaged: str, in_clone: str) -> Path:
    """The folder ``packaged`` of the installed package, else ``in_clone`` of the repository.

    Raises
    ------
    FileNotFoundError
        If neither exists (a broken install); the message names both places.
    """
    shipped = files("neurotrophins").joinpath(packaged)
    if shipped.is_dir():
        return Path(str(shipped))
    clone = Path(__file__).resolve().parents[2] / in_clone
    if clone.is_dir():
        return clone
    raise FileNotFoundError(
        f"neither {shipped} (an installed wheel) nor {clone} (a clone) exists: reinstall the course package"
    )
