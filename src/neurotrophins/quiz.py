"""Self-check quizzes that work in Jupyter, Colab and the static book, offline.

A quiz is a JSON file named after its chapter, ``book/quizzes/<chapter>.json``, installed with the
package, so a notebook finds its quiz by name wherever it is opened (``display_quiz("exercise")``).
``quiz.schema.json`` (next to this module) documents the format; :func:`load_quiz` checks it and
names the file and the place of any mistake. Three kinds of item:

* a **choice** item has ``options``, exactly one of them ``correct``, each with its own feedback;
* a **numeric** item has an ``answer`` (``value``, ``tolerance``, ``unit``), ``feedback`` for a
  right and a wrong answer, and optional ``common_errors`` with feedback for typical wrong values;
* either becomes **predict, then reveal** when it has a ``reveal`` text: the learner commits to a
  prediction first, and only then sees what the model or the study showed.

Items also say which ``objective`` they assess, their ``kind`` (``recall``, ``interpretation`` or
``prediction``), ``revisits`` for a cumulative item that returns to an earlier chapter, and
``scenario_numbers`` for numbers that belong to an invented scenario rather than to a source. An item
with a ``section`` is shown where the notebook displays that section (next to an explorer, say); the
others form the chapter's end-of-chapter quiz.

Options are shown in an order fixed per quiz and item (:func:`option_order`): the same in the book,
in Jupyter, on the slides and in the LMS exports, with the correct option spread evenly over the
positions. :func:`quiz_html` writes plain HTML and one small inline script: no external file, no
CDN, usable by keyboard, feedback in a live region. Answers are remembered only in the learner's own
browser (``localStorage``), for the book's progress display; nothing leaves the browser.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
from functools import cache
from pathlib import Path

from ._content import content_dir

__all__ = [
    "KINDS",
    "QuizError",
    "display_quiz",
    "grade",
    "load_quiz",
    "option_order",
    "ordered_options",
    "parse_number",
    "quiz_html",
    "quiz_names",
    "quiz_path",
]

KINDS = ("recall", "interpretation", "prediction")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
SCHEMA = Path(__file__).with_name("quiz.schema.json")


class QuizError(ValueError):
    """A quiz file is malformed; the message names the file and the question."""


def _quizzes_dir() -> Path:
    return content_dir("quizzes", "book/quizzes")


def quiz_path(name: str | Path) -> Path:
    """The file of quiz ``name`` (a chapter's name, e.g. ``"exercise"``), or ``name`` itself if it is a path."""
    if isinstance(name, Path) or str(name).endswith(".json"):
        return Path(name)
    return _quizzes_dir() / f"{name}.json"


def quiz_names() -> list[str]:
    """The names of every quiz the package holds, sorted."""
    return sorted(p.stem for p in _quizzes_dir().glob("*.json"))


@cache
def _validator():
    import fastjsonschema

    return fastjsonschema.compile(json.loads(SCHEMA.read_text(encoding="utf-8")))


def _where(path: Path, exc) -> str:
    """'questions[2].options[1]' from fastjsonschema's 'data.questions[2].options[1]'."""
    return exc.name.removeprefix("data").removeprefix(".") or "the top level"


def load_quiz(name: str | Path) -> dict:
    """Read and validate a quiz, by chapter name or by path.

    Raises
    ------
    QuizError
        If the file is missing, is not JSON, does not follow ``quiz.schema.json``, or breaks a rule
        the schema cannot express (unique item ids, exactly one correct option, a tolerance that
        contains no other offered value). The message names the file and the place.
    """
    import fastjsonschema

    path = quiz_path(name)
    if not path.is_file():
        raise QuizError(f"{path}: quiz file not found (quizzes: {', '.join(quiz_names())})")
    try:
        quiz = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise QuizError(f"{path}: not valid JSON ({exc})") from exc
    except UnicodeDecodeError as exc:
        raise QuizError(f"{path}: not UTF-8 text ({exc})") from exc
    try:
        _validator()(quiz)
    except fastjsonschema.JsonSchemaValueException as exc:
        message = exc.message.replace(exc.name, "it", 1) if exc.name else exc.message
        raise QuizError(f"{path}, {_where(path, exc)}: {message}") from None
    seen: set[str] = set()
    for n, q in enumerate(quiz["questions"], start=1):
        where = f"{path}, question {n} ({q['id']})"
        if q["id"] in seen:
            raise QuizError(f"{where}: the id is used twice; every question needs its own")
        seen.add(q["id"])
        if "options" in q:
            correct = sum(o["correct"] for o in q["options"])
            if correct != 1:
                raise QuizError(f"{where}: needs exactly one correct option; found {correct}")
            texts = [o["text"].strip().lower() for o in q["options"]]
            if len(set(texts)) != len(texts):
                raise QuizError(f"{where}: two options have the same text")
        else:
            answer = q["answer"]
            for k, err in enumerate(q.get("common_errors", []), start=1):
                if abs(err["value"] - answer["value"]) <= answer["tolerance"]:
                    raise QuizError(
                        f"{where}, common_errors[{k - 1}]: {err['value']:g} is within the tolerance of the answer"
                    )
    return quiz


def option_order(quiz: dict) -> dict[str, list[int]]:
    """Question id -> the order in which its options are shown (indices into ``options``).

    Fixed for a given quiz (a hash of the quiz and question ids orders the distractors) and balanced:
    going through the choice items in file order, the correct option is placed at the position that
    has held the key least often so far (ties broken by the hash). The book, Jupyter, the slides and
    the LMS exports all use this order.
    """
    orders: dict[str, list[int]] = {}
    counts: dict[int, int] = {}
    for q in quiz["questions"]:
        options = q.get("options")
        if not options:
            continue
        n = len(options)

        def rank(i: int, qid: str = q["id"]) -> str:
            return hashlib.sha256(f"{quiz['id']}/{qid}/{i}".encode()).hexdigest()

        key = next(i for i, o in enumerate(options) if o["correct"])
        others = sorted((i for i in range(n) if i != key), key=rank)
        position = min(range(n), key=lambda p: (counts.get(p, 0), rank(100 + p)))
        counts[position] = counts.get(position, 0) + 1
        orders[q["id"]] = others[:position] + [key] + others[position:]
    return orders


def ordered_options(quiz: dict, question: dict) -> list[dict]:
    """The options of ``question`` in the order they are shown (see :func:`option_order`)."""
    return [question["options"][i] for i in option_order(quiz)[question["id"]]]


def parse_number(text: str) -> float | None:
    """The number a learner typed ('12.5', '12,5', '−3', '1 200'), or None (the page's script does the same)."""
    cleaned = text.strip().replace("\u2212", "-").replace(" ", "").replace("\u202f", "")
    if re.fullmatch(r"[+-]?\d+,\d+", cleaned):
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def grade(question: dict, response) -> tuple[bool, str]:
    """Mark one response as the page does: ``(correct, feedback)``.

    ``response`` is the index of the chosen option (in file order) for a choice item, or the text a
    learner typed for a numeric item.
    """
    if "options" in question:
        option = question["options"][int(response)]
        return bool(option["correct"]), option["feedback"]
    value = parse_number(str(response))
    if value is None:
        return False, "Type a number, for example 12.5."
    answer = question["answer"]
    if abs(value - answer["value"]) <= answer["tolerance"]:
        return True, question["feedback"]["correct"]
    for err in question.get("common_errors", []):
        if abs(value - err["value"]) <= err["tolerance"]:
            return False, err["feedback"]
    return False, question["feedback"]["wrong"]


_SCRIPT = """<script>(function(){
var root=document.getElementById(%(id)s);if(!root||root.dataset.ready)return;root.dataset.ready="1";
var KEY="neurotrophins-course-progress";
function remember(item,ok){try{var s=JSON.parse(localStorage.getItem(KEY)||"{}");s.quiz=s.quiz||{};
if(ok)s.quiz[item]=true;else if(!(item in s.quiz))s.quiz[item]=false;
localStorage.setItem(KEY,JSON.stringify(s));}catch(e){}
document.dispatchEvent(new CustomEvent("course-progress",{detail:{item:item,correct:ok}}));}
function score(){var n=root.querySelectorAll("fieldset[data-answered=correct]").length;
var t=root.querySelectorAll("fieldset").length;var s=root.querySelector(".course-quiz-score");
if(s)s.textContent=n+" of "+t+" answered correctly";}
function show(fs,ok,text){var fb=fs.querySelector(".course-quiz-feedback");
fb.textContent=(ok?"Correct. ":"Not quite. ")+text;fb.className="course-quiz-feedback "+(ok?"is-correct":"is-wrong");
fs.dataset.answered=ok?"correct":"wrong";var r=fs.querySelector(".course-quiz-reveal");if(r)r.hidden=false;
remember(fs.dataset.item,ok);score();}
root.addEventListener("change",function(e){var t=e.target;if(t.type!=="radio")return;
show(t.closest("fieldset"),t.dataset.correct==="1",t.dataset.feedback);});
function check(fs){var input=fs.querySelector("input.course-quiz-number");
var raw=input.value.trim().replace(/\\u2212/g,"-").replace(/[\\s\\u202f]/g,"");
if(/^[+-]?\\d+,\\d+$/.test(raw))raw=raw.replace(",",".");var v=Number(raw);
if(raw===""||!isFinite(v)){var fb=fs.querySelector(".course-quiz-feedback");
fb.textContent="Type a number, for example 12.5.";fb.className="course-quiz-feedback is-wrong";return;}
var a=JSON.parse(fs.dataset.answer);if(Math.abs(v-a.value)<=a.tolerance){show(fs,true,a.right);return;}
for(var i=0;i<a.errors.length;i++){var er=a.errors[i];
if(Math.abs(v-er.value)<=er.tolerance){show(fs,false,er.feedback);return;}}
show(fs,false,a.wrong);}
root.addEventListener("click",function(e){var b=e.target.closest("button.course-quiz-check");
if(b)check(b.closest("fieldset"));});
root.addEventListener("keydown",function(e){if(e.key==="Enter"&&e.target.classList.contains("course-quiz-number")){
e.preventDefault();check(e.target.closest("fieldset"));}});
})();</script>"""

_STYLE = """<style>
.course-quiz fieldset{border:1px solid #888;border-radius:6px;margin:0 0 1em;padding:.5em 1em}
.course-quiz legend{font-size:1rem;font-weight:600;padding:0 .3em;float:none;width:auto;margin:0 0 .3em}
.course-quiz label{display:block;margin:.25em 0;cursor:pointer}
.course-quiz .course-quiz-tag{font-size:.8em;font-weight:400;color:#555;margin-left:.4em}
.course-quiz input.course-quiz-number{width:8em;margin-right:.5em}
.course-quiz-feedback{margin:.4em 0 0;min-height:1.2em}
.course-quiz-feedback.is-correct{color:#00603f}.course-quiz-feedback.is-correct::before{content:"\\2714\\00a0"}
.course-quiz-feedback.is-wrong{color:#9a3700}.course-quiz-feedback.is-wrong::before{content:"\\2716\\00a0"}
.course-quiz-reveal{border-left:3px solid #0072B2;padding:.2em .8em;margin:.5em 0 0}
html[data-theme=dark] .course-quiz .course-quiz-tag{color:#bbb}
html[data-theme=dark] .course-quiz-feedback.is-correct{color:#5fd3a5}
html[data-theme=dark] .course-quiz-feedback.is-wrong{color:#ffab70}
</style>"""


def _tags(q: dict) -> str:
    tags = []
    if q.get("reveal"):
        tags.append("predict, then reveal")
    if q.get("revisits"):
        tags.append("from an earlier chapter")
    return f'<span class="course-quiz-tag">({"; ".join(tags)})</span>' if tags else ""


def quiz_html(quiz: dict, section: str | None = None) -> str:
    """HTML for the items of a validated quiz: fieldsets, inputs, live feedback, a running score.

    Parameters
    ----------
    quiz : dict
        As returned by :func:`load_quiz`.
    section : str, optional
        Show only the items of this ``section``; by default the items without one (the chapter's quiz).
    """
    items = [q for q in quiz["questions"] if q.get("section") == section]
    if not items:
        raise QuizError(f"quiz {quiz['id']!r} has no items in section {section!r}")
    qid = f"quiz-{quiz['id']}" + (f"-{section}" if section else "")
    esc = html.escape
    order = option_order(quiz)
    parts = [_STYLE, f'<form class="course-quiz" id="{qid}" data-quiz="{esc(quiz["id"])}" onsubmit="return false">']
    if quiz.get("title") and section is None:
        parts.append(f'<p class="course-quiz-title"><strong>{esc(quiz["title"])}</strong></p>')
    for n, q in enumerate(items, start=1):
        name = f"{qid}-{q['id']}"
        item = f"{quiz['id']}/{q['id']}"
        number = f"{n}. " if section is None else ""
        if "options" in q:
            parts.append(f'<fieldset data-question="{esc(q["id"])}" data-item="{esc(item)}">')
            parts.append(f"<legend>{number}{esc(q['prompt'])}{_tags(q)}</legend>")
            for k in order[q["id"]]:
                o = q["options"][k]
                oid = f"{name}-{k}"
                parts.append(
                    f'<label for="{oid}"><input type="radio" id="{oid}" name="{name}" '
                    f'data-correct="{1 if o["correct"] else 0}" data-feedback="{esc(o["feedback"])}"> '
                    f"{esc(o['text'])}</label>"
                )
        else:
            answer = q["answer"]
            data = {
                "value": answer["value"],
                "tolerance": answer["tolerance"],
                "right": q["feedback"]["correct"],
                "wrong": q["feedback"]["wrong"],
                "errors": q.get("common_errors", []),
            }
            parts.append(
                f'<fieldset data-question="{esc(q["id"])}" data-item="{esc(item)}" '
                f"data-answer='{esc(json.dumps(data), quote=True)}'>"
            )
            parts.append(f"<legend>{number}{esc(q['prompt'])}{_tags(q)}</legend>")
            unit = f" {esc(answer['unit'])}" if answer.get("unit") else ""
            parts.append(
                f'<label for="{name}-value">Your answer{unit}: <input type="text" inputmode="decimal" '
                f'class="course-quiz-number" id="{name}-value" autocomplete="off"></label>'
                f'<button type="button" class="course-quiz-check">Check</button>'
            )
        parts.append('<p class="course-quiz-feedback" role="status" aria-live="polite"></p>')
        if q.get("reveal"):
            parts.append(f'<div class="course-quiz-reveal" hidden><strong>Reveal.</strong> {esc(q["reveal"])}</div>')
        parts.append("</fieldset>")
    if section is None:
        parts.append(f'<p class="course-quiz-score" aria-live="polite">0 of {len(items)} answered correctly</p>')
    parts.append("</form>")
    parts.append(_SCRIPT % {"id": json.dumps(qid)})
    return "\n".join(parts)


class QuizDisplay:
    """What :func:`display_quiz` returns: the quiz as HTML for Jupyter, Colab and the book."""

    def __init__(self, quiz: dict, section: str | None = None) -> None:
        self.quiz, self.section = quiz, section
        self.html = quiz_html(quiz, section)

    def _repr_html_(self) -> str:
        return self.html


def display_quiz(name: str | Path, section: str | None = None) -> QuizDisplay:
    """Load, validate and return a quiz for display (make it the last expression of a cell).

    ``section`` shows only the items placed in that section (for example next to an explorer);
    without it, the chapter's end-of-chapter items.
    """
    return QuizDisplay(load_quiz(name), section)
