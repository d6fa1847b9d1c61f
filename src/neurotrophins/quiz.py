"""Self-check quizzes that work in Jupyter, Colab and the static book, offline.

A quiz is a JSON file named after its chapter, ``book/quizzes/<chapter>.json``, installed with the
package, so a notebook finds its quiz by name wherever it is opened (``display_quiz("exercise")``)::

    {"id": "neurotrophins",
     "title": "Check your understanding",
     "questions": [
        {"id": "family", "objective": "O1", "prompt": "Which ...?",
         "options": [{"text": "...", "correct": true, "feedback": "Yes: ..."},
                     {"text": "...", "correct": false, "feedback": "No: ..."}]}]}

Each question has one correct option and feedback for every option. :func:`quiz_html` turns it into
plain HTML (fieldsets of radio buttons) and one small inline script: choosing an option shows its
feedback in a live region. No external file, no CDN, keyboard usable.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from IPython.display import HTML

from ._content import content_dir

__all__ = ["QuizError", "display_quiz", "load_quiz", "quiz_names", "quiz_path", "quiz_html"]

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


class QuizError(ValueError):
    """A quiz file is malformed; the message names the file and the question."""


def quiz_path(name: str | Path) -> Path:
    """The file of quiz ``name`` (a chapter's name, e.g. ``"exercise"``), or ``name`` itself if it is a path."""
    if isinstance(name, Path) or str(name).endswith(".json"):
        return Path(name)
    return content_dir("quizzes", "book/quizzes") / f"{name}.json"


def quiz_names() -> list[str]:
    """The names of every quiz the package holds, sorted."""
    return sorted(p.stem for p in content_dir("quizzes", "book/quizzes").glob("*.json"))


def load_quiz(name: str | Path) -> dict:
    """Read and validate a quiz, by chapter name or by path.

    Raises
    ------
    QuizError
        If the file is missing or not JSON, an id is not lower-case ``a-z0-9-``, a question
        lacks a prompt or options, does not have exactly one correct option, or an option has no
        feedback. The message names the file and the question.
    """
    path = quiz_path(name)
    if not path.is_file():
        raise QuizError(f"{path}: quiz file not found (quizzes: {', '.join(quiz_names())})")
    try:
        quiz = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise QuizError(f"{path}: not valid JSON ({exc})") from exc
    if not _ID.fullmatch(str(quiz.get("id", ""))):
        raise QuizError(f"{path}: 'id' must be lower-case letters, digits and hyphens")
    questions = quiz.get("questions")
    if not isinstance(questions, list) or not questions:
        raise QuizError(f"{path}: 'questions' must be a non-empty list")
    seen = set()
    for n, q in enumerate(questions, start=1):
        where = f"{path}, question {n} ({q.get('id', '?')})"
        if not _ID.fullmatch(str(q.get("id", ""))) or q["id"] in seen:
            raise QuizError(f"{where}: 'id' must be unique, lower-case letters, digits and hyphens")
        seen.add(q["id"])
        if not str(q.get("prompt", "")).strip():
            raise QuizError(f"{where}: 'prompt' is empty")
        options = q.get("options")
        if not isinstance(options, list) or len(options) < 2:
            raise QuizError(f"{where}: needs at least 2 options")
        correct = [o for o in options if o.get("correct") is True]
        if len(correct) != 1:
            raise QuizError(f"{where}: needs exactly one correct option; found {len(correct)}")
        for k, o in enumerate(options, start=1):
            if not str(o.get("text", "")).strip() or not str(o.get("feedback", "")).strip():
                raise QuizError(f"{where}, option {k}: 'text' and 'feedback' are both required")
    return quiz


_SCRIPT = """<script>(function(){
var root=document.getElementById(%s);if(!root||root.dataset.ready)return;root.dataset.ready="1";
root.addEventListener("change",function(e){var t=e.target;if(t.type!=="radio")return;
var fs=t.closest("fieldset"),fb=fs.querySelector(".course-quiz-feedback"),ok=t.dataset.correct==="1";
fb.textContent=(ok?"Correct. ":"Not quite. ")+t.dataset.feedback;
fb.className="course-quiz-feedback "+(ok?"is-correct":"is-wrong");
fs.dataset.answered=ok?"correct":"wrong";
var n=root.querySelectorAll("fieldset[data-answered=correct]").length;
var total=root.querySelectorAll("fieldset").length;
root.querySelector(".course-quiz-score").textContent=n+" of "+total+" answered correctly";
});})();</script>"""

_STYLE = """<style>
.course-quiz fieldset{border:1px solid #888;border-radius:6px;margin:0 0 1em;padding:.5em 1em}
.course-quiz legend{font-size:1rem;font-weight:600;padding:0 .3em;float:none;width:auto;margin:0 0 .3em}
.course-quiz label{display:block;margin:.25em 0;cursor:pointer}
.course-quiz-feedback{margin:.4em 0 0;min-height:1.2em}
.course-quiz-feedback.is-correct{color:#00603f}.course-quiz-feedback.is-correct::before{content:"\\2714\\00a0"}
.course-quiz-feedback.is-wrong{color:#9a3700}.course-quiz-feedback.is-wrong::before{content:"\\2716\\00a0"}
html[data-theme=dark] .course-quiz-feedback.is-correct{color:#5fd3a5}
html[data-theme=dark] .course-quiz-feedback.is-wrong{color:#ffab70}
</style>"""


def quiz_html(quiz: dict) -> str:
    """HTML for a validated quiz: fieldsets, radio buttons, live feedback, a running score."""
    qid = f"quiz-{quiz['id']}"
    esc = html.escape
    parts = [_STYLE, f'<form class="course-quiz" id="{qid}" onsubmit="return false">']
    if quiz.get("title"):
        parts.append(f'<p class="course-quiz-title"><strong>{esc(quiz["title"])}</strong></p>')
    for n, q in enumerate(quiz["questions"], start=1):
        name = f"{qid}-{q['id']}"
        parts.append(f'<fieldset data-question="{esc(q["id"])}">')
        parts.append(f"<legend>{n}. {esc(q['prompt'])}</legend>")
        for k, o in enumerate(q["options"]):
            oid = f"{name}-{k}"
            parts.append(
                f'<label for="{oid}"><input type="radio" id="{oid}" name="{name}" '
                f'data-correct="{1 if o["correct"] else 0}" data-feedback="{esc(o["feedback"])}"> '
                f"{esc(o['text'])}</label>"
            )
        parts.append('<p class="course-quiz-feedback" role="status" aria-live="polite"></p></fieldset>')
    total = len(quiz["questions"])
    parts.append(f'<p class="course-quiz-score" aria-live="polite">0 of {total} answered correctly</p>')
    parts.append("</form>")
    parts.append(_SCRIPT % json.dumps(qid))
    return "\n".join(parts)


def display_quiz(name: str | Path) -> HTML:
    """Load, validate and return a quiz for display (make it the last expression of a cell)."""
    return HTML(quiz_html(load_quiz(name)))
