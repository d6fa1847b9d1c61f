"""One mechanism for the numbers a chapter quotes, in its prose and in its quiz.

A hidden cell of the chapter calls ``neurotrophins.checks.quoted({"text as written": value})``: when the
notebook runs (nbval, the book build) the value from the dataset or a model must match the text at the
precision it is written. This test checks the other half, without running anything: every quoted text
appears in the chapter's prose or quiz, and every number in a quiz is one the chapter (or, for a
cumulative item, the chapter it revisits) quotes, or is marked as a number of an invented scenario.
"""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

from neurotrophins.checks import parse_quote
from neurotrophins.quiz import load_quiz, quiz_names

from .helpers import ROOT, pending, toc_chapters

NOTEBOOKS = [*toc_chapters(), "book/template/chapter-template"]
NUMBER = re.compile(r"(?<![\w.])[-\u2212]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])[-\u2212]?\d+(?:\.\d+)?")
# Numbers that are not facts to check: a year, and the small whole numbers of arithmetic and counting
# (1 - exp(...), "two studies", percent as a share of 100).
YEAR = range(1900, 2100)
PLAIN = {float(n) for n in range(11)} | {100.0}


def _slug(notebook: str) -> str:
    return notebook.rsplit("/", 1)[1]


def _quotes(notebook: str) -> list[str]:
    """Every quoted text of a notebook: the keys of the dicts passed to quoted(...)."""
    found = []
    nb = nbformat.read(ROOT / f"{notebook}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code" or "quoted(" not in cell.source:
            continue
        source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "quoted":
                (arg,) = node.args
                assert isinstance(arg, ast.Dict), f"{notebook}: quoted() takes a dict literal"
                for key in arg.keys:
                    assert isinstance(key, ast.Constant) and isinstance(key.value, str), (
                        f"{notebook}: a quoted text must be a string literal"
                    )
                    found.append(key.value)
    return found


def _flat(text: str) -> str:
    return " ".join(text.split())


def _quiz_text(quiz: dict) -> str:
    parts = []
    for q in quiz["questions"]:
        parts += [q["prompt"], q.get("reveal", "")]
        parts += [t for o in q.get("options", []) for t in (o["text"], o["feedback"])]
        parts += list(q.get("feedback", {}).values()) + [e["feedback"] for e in q.get("common_errors", [])]
    return _flat(" ".join(parts))


def _prose(notebook: str) -> str:
    nb = nbformat.read(ROOT / f"{notebook}.ipynb", as_version=4)
    return _flat(" ".join(c.source for c in nb.cells if c.cell_type == "markdown"))


@pytest.mark.parametrize("notebook", [pending(n) for n in NOTEBOOKS])
def test_every_quoted_text_appears_in_the_prose_or_the_quiz(notebook):
    text = _prose(notebook) + " " + _quiz_text(load_quiz(_slug(notebook)))
    quotes = _quotes(notebook)
    assert quotes, f"{notebook}: no quoted() check"
    for quote in quotes:
        parse_quote(quote)  # exactly one number
        assert _flat(quote) in text, f"{notebook}: quoted({quote!r}) but the text does not say {quote!r}"


def _numbers(text: str) -> set[float]:
    return {float(t.replace("\u2212", "-").replace(",", "")) for t in NUMBER.findall(text)}


def _quoted_values(notebook: str) -> set[float]:
    """The numbers a notebook quotes; a percentage also covers the same number as a share (1.75% -> 0.0175)."""
    values = set()
    for quote in _quotes(notebook):
        number, decimals = parse_quote(quote)
        values.add(number)
        if "%" in quote:
            values.add(round(number / 100, decimals + 2))
    return values


@pytest.mark.parametrize(
    "name",
    [pending(n) for n in quiz_names()],
)
def test_every_number_in_a_quiz_is_quoted_by_its_chapter_or_marked_as_a_scenario(name):
    notebook = next(n for n in NOTEBOOKS if _slug(n) == name)
    quoted = _quoted_values(notebook)
    by_chapter = {_slug(n): _quoted_values(n) for n in NOTEBOOKS}
    for q in load_quiz(name)["questions"]:
        allowed = quoted | by_chapter.get(q.get("revisits", ""), set())
        allowed |= {x for s in q.get("scenario_numbers", []) for x in _numbers(s)}
        item = _quiz_text({"questions": [q]})
        if "answer" in q:
            item += f" {q['answer']['value']:g}"
        stray = sorted(
            x for x in _numbers(item) if abs(x) not in allowed | PLAIN and not (x.is_integer() and int(x) in YEAR)
        )
        assert stray == [], f"{name}/{q['id']}: numbers neither quoted by the chapter nor marked as a scenario: {stray}"
