"""What ``make build`` writes after ``jupyter-book build``: the slide decks, the chapter downloads and the LMS
quiz exports, in one process.

Each step also runs alone (``python -m neurotrophins.build.slides`` and so on). Run together they import
nbformat once, and, as in :mod:`neurotrophins.build.jupyter_book`, without the optional ``rfc3987_syntax``
grammars that jsonschema would compile on import (about 1.1 s, for string formats nothing here checks): on an
unchanged book this is most of what the three steps cost.
"""

from __future__ import annotations

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]  # import now raises ImportError

from . import downloads, lms, slides  # noqa: E402 - after the line above, on purpose


def main() -> int:
    for step in (lambda: slides.main([]), downloads.main, lms.main):
        status = step()
        if status:
            return status
    return 0


if __name__ == "__main__":
    sys.exit(main())
