"""``jupyter-book`` without the second and a half it spends compiling grammars it never uses.

Run as ``python -m neurotrophins.build.jupyter_book build ...`` (``make build`` does). jsonschema, which
jupyter-book and nbformat import, imports the optional ``rfc3987_syntax`` when it is installed (JupyterLab's
jupyter-events asks for it) to check the "iri" string formats; that import compiles 39 lark grammars, about
1.5 s of every build, while neither the book's configuration nor the notebook schema uses those formats.
Marking the module absent makes jsonschema skip those two format checkers, as it does when the package is
not installed; nothing else changes.
"""

from __future__ import annotations

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]  # import now raises ImportError

from jupyter_book.cli.main import main  # noqa: E402 - after the line above, on purpose

if __name__ == "__main__":
    sys.argv[0] = "jupyter-book"
    sys.exit(main())
