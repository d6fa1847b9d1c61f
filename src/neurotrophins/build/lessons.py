"""What a lecturer needs from each chapter, read from the chapter's own files.

A chapter ``book/<part>/<slug>.ipynb`` comes with its quiz ``book/quizzes/<slug>.json`` (questions
tagged with the objective they assess) and ``lesson-<slug>.yml`` next to it (timings, discussion
prompts, misconceptions and the exercise answer keys). The objectives are read from the notebook's
"Learning objectives" list and the exercises from its ``{exercise}`` directives, whose ``:class:
assesses-O2`` names the objectives they assess, so nothing is written twice. :func:`lesson` checks
that the three agree.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

from ..quiz import quiz_path as course_quiz_path

MINUTE_KEYS = ("intro", "reading", "explorer", "quiz", "exercises", "discussion")
_OBJECTIVE = re.compile(r"^\s*(\d+)\.\s+(.+?)(?=^\s*\d+\.\s|\Z)", re.M | re.S)
_EXERCISE = re.compile(r"```\{exercise\}\s*(?P<title>[^\n]*)\n(?P<options>(?::[^\n]*\n)*)")


class LessonError(ValueError):
    """A chapter's lesson plan, quiz and notebook disagree; the message names the file."""


@dataclass
class Exercise:
    label: str
    title: str
    objectives: list[str]


@dataclass
class Lesson:
    """Everything the instructor page of one chapter shows."""

    slug: str
    notebook: Path
    title: str
    objectives: dict[str, str]
    exercises: list[Exercise]
    quiz: dict
    minutes: dict[str, int]
    discussion_prompts: list[str]
    misconceptions: list[dict]
    exercise_keys: dict[str, dict]
    slides: list[str] = field(default_factory=list)

    @property
    def total_minutes(self) -> int:
        return sum(self.minutes.values())

    def assessed_by(self) -> dict[str, list[str]]:
        """Objective id -> the quiz questions ("Q3") and exercise labels that assess it."""
        found: dict[str, list[str]] = {o: [] for o in self.objectives}
        for i, q in enumerate(self.quiz["questions"], start=1):
            found.setdefault(q["objective"], []).append(f"Q{i}")
        for ex in self.exercises:
            for o in ex.objectives:
                found.setdefault(o, []).append(ex.label)
        return found


def _markdown(nb) -> str:
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def notebook_objectives(nb) -> dict[str, str]:
    """``{"O1": "name the four ...", ...}`` from the notebook's "Learning objectives" list."""
    text = _markdown(nb)
    m = re.search(r"^## Learning objectives\s*\n(.*?)(?=^#{1,3} |^:::|\Z)", text, re.M | re.S)
    if not m:
        return {}
    items = _OBJECTIVE.findall(m.group(1))
    return {f"O{n}": " ".join(body.replace("**", "").split()).rstrip(";.") for n, body in items}


def notebook_exercises(nb) -> list[Exercise]:
    """Every ``{exercise}`` with its label and the objectives named by ``assesses-O<n>`` classes."""
    found = []
    for m in _EXERCISE.finditer(_markdown(nb)):
        options = dict(
            (line[1:].split(":", 1)[0].strip(), line.split(":", 2)[2].strip())
            for line in m.group("options").splitlines()
            if line.count(":") >= 2
        )
        objectives = re.findall(r"assesses-(O\d+)", options.get("class", ""))
        found.append(Exercise(options.get("label", ""), m.group("title").strip(), objectives))
    return found


def _title(nb) -> str:
    for c in nb.cells:
        if c.cell_type == "markdown":
            m = re.search(r"^# (.+)$", c.source, re.M)
            if m:
                return m.group(1).strip()
    return ""


def slide_cells(nb) -> list[str]:
    """The slide type of every cell (``"skip"`` when a cell has none)."""
    return [c.metadata.get("slideshow", {}).get("slide_type", "skip") for c in nb.cells]


def lesson(notebook: str | Path, quiz: str | Path | None = None) -> Lesson:
    """Read and cross-check one chapter's notebook, quiz (by default the course quiz named after it) and lesson plan.

    Raises
    ------
    LessonError
        Naming the file and what disagrees: a missing file or key, minutes that are not positive
        whole numbers, objectives that differ from the notebook's, exercises without an answer key.
    """
    notebook = Path(notebook)
    slug = notebook.stem
    plan_path = notebook.with_name(f"lesson-{slug}.yml")
    quiz_path = Path(quiz) if quiz is not None else course_quiz_path(slug)
    for path in (notebook, plan_path, quiz_path):
        if not path.is_file():
            raise LessonError(f"{path}: missing (every chapter needs its notebook, quiz and lesson plan)")
    nb = nbformat.read(notebook, as_version=4)
    try:
        plan = yaml.safe_load(plan_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise LessonError(f"{plan_path}: not valid YAML: {err}") from err
    quiz = json.loads(quiz_path.read_text(encoding="utf-8"))
    if not isinstance(plan, dict):
        raise LessonError(f"{plan_path}: expected a mapping of keys, got {type(plan).__name__}")
    for key in ("minutes", "objectives", "discussion_prompts", "misconceptions", "exercise_keys"):
        if key not in plan:
            raise LessonError(f"{plan_path}: missing key {key!r}")
    minutes = plan["minutes"]
    if not isinstance(minutes, dict) or set(minutes) - set(MINUTE_KEYS):
        raise LessonError(f"{plan_path}: 'minutes' keys must be among {', '.join(MINUTE_KEYS)}; got {minutes}")
    for key, value in minutes.items():
        if not isinstance(value, int) or value <= 0:
            raise LessonError(f"{plan_path}: minutes.{key} must be a positive whole number; got {value!r}")
    objectives = notebook_objectives(nb)
    if not objectives:
        raise LessonError(f"{notebook}: no numbered list under '## Learning objectives'")
    if list(plan["objectives"]) != list(objectives):
        raise LessonError(
            f"{plan_path}: objectives {list(plan['objectives'])} differ from the notebook's {list(objectives)}"
        )
    exercises = notebook_exercises(nb)
    keys = {k["label"]: k for k in plan["exercise_keys"]}
    for ex in exercises:
        if not ex.label:
            raise LessonError(f"{notebook}: exercise {ex.title!r} has no :label:")
        if ex.label not in keys:
            raise LessonError(f"{plan_path}: no answer key for exercise {ex.label!r}")
    extra = set(keys) - {ex.label for ex in exercises}
    if extra:
        raise LessonError(f"{plan_path}: answer keys for exercises the notebook does not have: {sorted(extra)}")
    for i, q in enumerate(quiz["questions"], start=1):
        if q.get("objective") not in objectives:
            raise LessonError(f"{quiz_path}: question {i} assesses {q.get('objective')!r}, not an objective of {slug}")
    return Lesson(
        slug=slug,
        notebook=notebook,
        title=_title(nb),
        objectives=objectives,
        exercises=exercises,
        quiz=quiz,
        minutes=dict(minutes),
        discussion_prompts=list(plan["discussion_prompts"]),
        misconceptions=list(plan["misconceptions"]),
        exercise_keys=keys,
        slides=slide_cells(nb),
    )
