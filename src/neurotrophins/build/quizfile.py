"""Write quiz files in the house layout: two-space indents, one option (or common error) per line.

``python -m neurotrophins.build.quizfile`` rewrites every quiz in ``book/quizzes/`` in that layout
(``make format`` runs it), so that a diff shows one changed option as one changed line.
"""

from __future__ import annotations

import json
import sys

from ..quiz import quiz_names, quiz_path

_ONE_LINE = ("options", "common_errors")


def dumps(quiz: dict) -> str:
    """The quiz as JSON text in the house layout."""
    placeholders: dict[str, str] = {}

    def compact(value):
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                if key in _ONE_LINE and isinstance(item, list):
                    marks = []
                    for entry in item:
                        mark = f"@@{len(placeholders)}@@"
                        placeholders[mark] = json.dumps(entry, ensure_ascii=False)
                        marks.append(mark)
                    out[key] = marks
                else:
                    out[key] = compact(item)
            return out
        if isinstance(value, list):
            return [compact(v) for v in value]
        return value

    text = json.dumps(compact(quiz), indent=2, ensure_ascii=False)
    for mark, line in placeholders.items():
        text = text.replace(json.dumps(mark), line)
    return text + "\n"


def main() -> int:
    for name in quiz_names():
        path = quiz_path(name)
        text = path.read_text(encoding="utf-8")
        formatted = dumps(json.loads(text))
        if formatted != text:
            path.write_text(formatted, encoding="utf-8")
            print(f"reformatted {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
