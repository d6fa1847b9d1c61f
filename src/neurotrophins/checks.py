"""Checks: the numbers the text quotes, and feedback on the code a learner writes.

* :func:`quoted` is the course's one mechanism for numbers quoted in a chapter's prose or quiz. A
  hidden cell of the chapter calls it with each number *as the text writes it* and the value the
  dataset or a model gives; it fails when the two disagree at the precision the text uses. A test
  (``tests/test_quoted_numbers.py``) checks the other half: that each quoted text really appears in
  the chapter's prose or quiz, and that every number in a quiz is quoted (or marked as a scenario
  value).
* :func:`check_function` and :func:`check_sequence` give a learner immediate, specific feedback on a
  fill-in exercise; each chapter's module under :mod:`neurotrophins.exercises` builds its checks
  from them. They return a :class:`Feedback`, which shows itself as a short message and is true
  only for a correct answer (the solution cells' hidden checks assert it).
* :func:`agrees_on_unseen_cases` is what an autograder's hidden test asks of a learner's function: that it
  agrees with the worked solution on cases the check never showed (every number of the check's cases
  scaled), so an answer fitted to the visible cases does not pass.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "Feedback",
    "QuoteError",
    "agrees_on_unseen_cases",
    "check_function",
    "check_sequence",
    "parse_quote",
    "quoted",
    "unseen_cases",
]

_NUMBER = re.compile(r"(?<![\w.])[-\u2212]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])[-\u2212]?\d+(?:\.\d+)?")


class QuoteError(AssertionError):
    """A number quoted in the text disagrees with the dataset or the model."""


def parse_quote(text: str) -> tuple[float, int]:
    """The one number in a quoted text and its number of decimals: ``"14.6 million"`` -> ``(14.6, 1)``.

    Thousands separators (``1,111``) and a minus sign (``-`` or ``−``) are understood.

    Raises
    ------
    ValueError
        If the text holds no number or more than one (quote each number on its own).
    """
    found = _NUMBER.findall(text)
    if len(found) != 1:
        raise ValueError(f"a quote must hold exactly one number; {text!r} holds {len(found)}")
    token = found[0].replace("\u2212", "-").replace(",", "")
    decimals = len(token.split(".")[1]) if "." in token else 0
    return float(token), decimals


def quoted(quotes: Mapping[str, float]) -> None:
    """Check that each quoted number (the key, as the text writes it) matches its value.

    A quote matches when the value, rounded to the decimals the quote shows, equals the quoted
    number: ``quoted({"19%": 100 * 0.19, "86.1 billion": 86.1})``. Give the value in the quote's
    unit (percent as a percentage, millions as millions).

    Raises
    ------
    QuoteError
        Naming the quote and the value the data or model gives.
    """
    wrong = []
    for text, value in quotes.items():
        number, decimals = parse_quote(text)
        value = float(value)
        if not math.isfinite(value) or abs(value - number) > 0.5 * 10.0**-decimals + 1e-9 * max(1.0, abs(number)):
            wrong.append(f"the text quotes {text!r}, but the data or model give {value:.{decimals + 3}g}")
    if wrong:
        raise QuoteError("; ".join(wrong))


@dataclass(frozen=True)
class Feedback:
    """The verdict on a learner's answer: ``ok`` and a message that says what to look at."""

    ok: bool
    message: str

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        return ("\u2714 Correct. " if self.ok else "\u2716 Not yet. ") + _sentence(self.message)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        colour, mark = ("#00603f", "\u2714 Correct.") if self.ok else ("#9a3700", "\u2716 Not yet.")
        return (
            f'<div class="course-feedback" role="status" style="border-left:4px solid {colour};'
            f'padding:.3em .8em;margin:.4em 0"><strong style="color:{colour}">{mark}</strong> '
            f"{html.escape(_sentence(self.message))}</div>"
        )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _shown(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, np.ndarray):
        return _short(value)
    return repr(value)


Hint = tuple[Callable[..., bool], str]


def _same(a, b, rtol: float) -> bool:
    try:
        return bool(np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=rtol, atol=0.0))
    except (TypeError, ValueError):
        return False


def check_function(
    function: Callable,
    reference: Callable,
    cases: Sequence[Mapping],
    *,
    rtol: float = 1e-6,
    hints: Iterable[Hint] = (),
    success: str = "",
) -> Feedback:
    """Call the learner's ``function`` and the course's ``reference`` on every case and compare.

    Parameters
    ----------
    function, reference : callable
        The learner's version and the course's own.
    cases : sequence of mapping
        Keyword arguments for one call each.
    rtol : float
        Relative tolerance of the comparison.
    hints : iterable of (predicate, message)
        ``predicate(got, expected, case)`` recognises a typical mistake; the first that matches gives
        its message as the feedback.
    success : str
        What to say when every case agrees.
    """
    hints = list(hints)
    for case in cases:
        expected = reference(**case)
        shown = ", ".join(f"{k}={_shown(v)}" for k, v in case.items())
        try:
            got = function(**case)
        except NotImplementedError:
            return Feedback(
                False,
                "the exercise is not completed yet: fill in the '...' and delete the "
                "`raise NotImplementedError` line, then run the cell again.",
            )
        except Exception as exc:  # noqa: BLE001 - any error of the learner's code becomes feedback
            return Feedback(False, f"with {shown} your function raised {type(exc).__name__}: {exc}")
        if got is None:
            return Feedback(False, "your function returns nothing: end it with `return ...`.")
        if not _same(got, expected, rtol):
            for predicate, message in hints:
                try:
                    if predicate(got, expected, case):
                        return Feedback(False, f"with {shown}: {message}")
                except Exception:  # noqa: BLE001, S112 - a hint that cannot judge this answer is skipped
                    continue
            return Feedback(
                False,
                f"with {shown} your function gives {_short(got)}, the course's gives "
                f"{_short(expected)}. Compare your formula with the equation above.",
            )
    return Feedback(True, success or f"your function agrees with the course's model in all {len(cases)} cases.")


def _short(value) -> str:
    arr = np.asarray(value, dtype=float)
    if arr.ndim == 0:
        return f"{float(arr):.4g}"
    return "[" + ", ".join(f"{x:.4g}" for x in arr.ravel()[:4]) + (", ...]" if arr.size > 4 else "]")


def check_sequence(
    answer: Sequence[str], expected: Sequence[str], *, explain: Mapping[str, str], success: str = ""
) -> Feedback:
    """Compare a learner's ordering of steps with the expected order.

    Parameters
    ----------
    answer, expected : sequence of str
        The learner's order and the right one; both must hold the same steps.
    explain : mapping
        Step -> why it comes where it does; the first misplaced step's explanation is the feedback.
    """
    answer = [str(a).strip() for a in answer]
    if sorted(answer) != sorted(expected):
        missing = sorted(set(expected) - set(answer))
        extra = sorted(set(answer) - set(expected))
        return Feedback(
            False, f"use each step exactly once (missing: {missing or 'none'}; not a step: {extra or 'none'})."
        )
    for position, (got, want) in enumerate(zip(answer, expected, strict=True), start=1):
        if got != want:
            return Feedback(False, f"step {position} should be '{want}', not '{got}'. {explain.get(want, '')}".strip())
    return Feedback(True, success or "every step is in its place.")


Call = tuple[tuple, dict]


def _scaled(value, factor: float):
    """``value`` with every float in it multiplied by ``factor`` (ints, text and objects are left alone)."""
    if isinstance(value, bool) or isinstance(value, int | np.integer):
        return value
    if isinstance(value, float | np.floating):
        return float(value) * factor
    if isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.floating):
        return value * factor
    return value


def unseen_cases(check: Callable, reference: Callable, factors: Sequence[float] = (0.8, 1.25)) -> list[Call]:
    """The calls ``check`` makes of a learner's function, with every float in them scaled by each factor.

    ``check`` is one of the course's exercise checks (it takes the learner's function); it is run once on
    ``reference`` to record its calls. Only scaled calls the reference answers with finite numbers are kept.

    Raises
    ------
    ValueError
        If the check made no call the reference could answer once scaled.
    """
    seen: list[Call] = []

    def spy(*args, **kwargs):
        seen.append((args, kwargs))
        return reference(*args, **kwargs)

    check(spy)
    cases = []
    for factor in factors:
        for args, kwargs in seen:
            call = (
                tuple(_scaled(a, factor) for a in args),
                {k: _scaled(v, factor) for k, v in kwargs.items()},
            )
            try:
                value = np.asarray(reference(*call[0], **call[1]), dtype=float)
            except Exception:  # noqa: BLE001, S112 - a scaled case outside the reference's domain is not used
                continue
            if np.all(np.isfinite(value)):
                cases.append(call)
    if not cases:
        raise ValueError(f"{getattr(check, '__name__', check)!s} made no call that could be scaled")
    return cases


def agrees_on_unseen_cases(check: Callable, function: Callable, reference: Callable, *, rtol: float = 1e-6) -> Feedback:
    """Whether a learner's ``function`` agrees with ``reference`` on :func:`unseen_cases` of ``check``."""
    cases = unseen_cases(check, reference)
    for args, kwargs in cases:
        try:
            got = function(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - any error of the learner's code becomes feedback
            return Feedback(False, f"on a case the check did not show, your function raised {type(exc).__name__}")
        if not _same(got, reference(*args, **kwargs), rtol):
            return Feedback(False, "your function disagrees with the worked solution on a case the check did not show.")
    return Feedback(
        True, f"your function agrees with the worked solution on {len(cases)} cases the check did not show."
    )
