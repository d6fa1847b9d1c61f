"""What a lecturer needs from each chapter, read from the chapter's own files; each fact in one place.

A chapter ``book/<part>/<slug>.ipynb`` has its quiz ``book/quizzes/<slug>.json`` and its lesson plan
``lesson-<slug>.yml`` next to it. The notebook holds everything a learner reads: the title, the
objectives (its "Learning objectives" list), the exercises and the objectives each assesses (the
``{exercise}`` directives and their ``assesses-O<n>`` classes), the solutions, the questions to think
about and their sample answers, and the slide cells with their speaker notes. The quiz holds the
questions and their feedback. The lesson plan holds only what exists nowhere else:

* ``run_sheet``: the 90-minute session, segment by segment: minutes, activity, the notebook slides it
  covers (by the id of each slide cell), the poll (a quiz item), the think-pair-share prompt, the
  exercise, and what the teacher does;
* ``discussion_prompts`` and ``misconceptions`` (each with the claim whose badge it shows);
* ``exam``: five exam-style questions with their marks and marking notes;
* ``handout``: the diagram of the one-page handout and whether it carries the six-question checklist;
* ``exercise_notes`` (optional): a teaching note per exercise;
* ``capstone`` (optional): the chapter's capstone assignment for the instructor page, as the ids of the
  notebook's markdown cells that hold its ``text`` (which must say it is fictional), ``tasks``, ``rubric``
  and ``model_answer`` (which must be folded); four different cells. The notebook keeps the one copy;
  :func:`capstone_markdown` unfolds it for the page.

:func:`lesson` reads all three, checks that they agree and returns a :class:`Lesson`. Every problem
is a :class:`LessonError` naming the file and the place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

from ..quiz import QuizError, load_quiz
from ..quiz import quiz_path as course_quiz_path

SESSION_MINUTES = 90
#: Slides the deck makes itself (chapter title; the objectives); a run-sheet places them like any other.
GENERATED_SLIDES = ("title", "objectives")
ACTIVITIES = (
    "opening",
    "lecture",
    "explorer",
    "poll",
    "think-pair-share",
    "exercise",
    "discussion",
    "wrap-up",
    "break",
)
_OBJECTIVE = re.compile(r"^\s*(\d+)\.\s+(.+?)(?=^\s*\d+\.\s|\Z)", re.M | re.S)
_EXERCISE = re.compile(
    r"```\{exercise\}[ \t]*(?P<title>[^\n]*)\n(?P<options>(?::[^\n]*\n)*)(?P<body>.*?)^```[ \t]*$", re.M | re.S
)
_THINK = re.compile(r"\*\*Questions to think about\*\*\s*\n(?P<body>.*)", re.S)
_THINK_ITEM = re.compile(
    r"^(?P<n>\d+)\.\s+(?P<question>.+?)\n\s*\n?\s+:::\{admonition\} Sample answer\s*\n\s+:class: dropdown[^\n]*\n"
    r"(?P<answer>.*?)\n\s+:::[ \t]*$",
    re.M | re.S,
)
_PLAN_KEYS = {"run_sheet", "discussion_prompts", "misconceptions", "exam", "handout", "exercise_notes", "capstone"}
#: The parts of a capstone, in the order the instructor page shows them.
CAPSTONE_PARTS = ("text", "tasks", "rubric", "model_answer")
_SEGMENT_KEYS = {"minutes", "activity", "slides", "poll", "prompt", "answer", "exercise", "do"}


class LessonError(ValueError):
    """A chapter's lesson plan, quiz and notebook disagree; the message names the file and the place."""


@dataclass
class Exercise:
    label: str
    title: str
    objectives: list[str]
    statement: str = ""


@dataclass
class Slide:
    """One slide cell of the notebook: its id, its cells (the slide and what follows on it) and notes."""

    id: str
    cells: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Segment:
    """One row of the run-sheet."""

    minutes: int
    activity: str
    do: str
    slides: list[str] = field(default_factory=list)
    poll: str | None = None
    prompt: str | None = None
    answer: str | None = None
    exercise: str | None = None


@dataclass
class Lesson:
    """Everything the instructor page, the slides and the handout of one chapter show."""

    slug: str
    notebook: Path
    title: str
    objectives: dict[str, str]
    exercises: list[Exercise]
    quiz: dict
    run_sheet: list[Segment]
    discussion_prompts: list[str]
    misconceptions: list[dict]
    exam: list[dict]
    handout: dict
    exercise_notes: dict[str, str]
    think: list[tuple[str, str | None]]
    slides: dict[str, Slide]
    takeaways: list[str]
    capstone: dict[str, str] = field(default_factory=dict)

    @property
    def total_minutes(self) -> int:
        return sum(s.minutes for s in self.run_sheet)

    def assessed_by(self) -> dict[str, list[str]]:
        """Objective id -> the quiz questions ("Q3"), exercise labels and exam questions ("E2") assessing it."""
        found: dict[str, list[str]] = {o: [] for o in self.objectives}
        for i, q in enumerate(self.quiz["questions"], start=1):
            found.setdefault(q["objective"], []).append(f"Q{i}")
        for ex in self.exercises:
            for o in ex.objectives:
                found.setdefault(o, []).append(ex.label)
        for i, e in enumerate(self.exam, start=1):
            found.setdefault(e["objective"], []).append(f"E{i}")
        return found


def _markdown(nb) -> str:
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def notebook_objectives(nb) -> dict[str, str]:
    """``{"O1": "name the four ...", ...}`` from the notebook's "Learning objectives" list."""
    m = re.search(r"^## Learning objectives\s*\n(.*?)(?=^#{1,3} |^:::|\Z)", _markdown(nb), re.M | re.S)
    if not m:
        return {}
    items = _OBJECTIVE.findall(m.group(1))
    return {f"O{n}": " ".join(body.replace("**", "").split()).rstrip(";.") for n, body in items}


def notebook_exercises(nb) -> list[Exercise]:
    """Every ``{exercise}`` with its label, the objectives of its ``assesses-O<n>`` classes, and its text."""
    found = []
    for m in _EXERCISE.finditer(_markdown(nb)):
        options = {}
        for line in m.group("options").splitlines():
            if line.count(":") >= 2:
                options[line[1:].split(":", 1)[0].strip()] = line.split(":", 2)[2].strip()
        objectives = re.findall(r"assesses-(O\d+)", options.get("class", ""))
        found.append(Exercise(options.get("label", ""), m.group("title").strip(), objectives, m.group("body").strip()))
    return found


def think_questions(nb) -> list[tuple[str, str | None]]:
    """Every "Questions to think about" item with its folded sample answer, as (question, answer or None).

    A sample answer is a ``:::{admonition} Sample answer`` with ``:class: dropdown``, indented under
    its question in the numbered list.
    """
    found = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        m = _THINK.search(cell.source)
        if not m:
            continue
        body = m.group("body")
        answered = {int(m.group("n")): m for m in _THINK_ITEM.finditer(body)}
        for number, question in re.findall(r"^(\d+)\.\s+(.+?)(?=\n\s*\n|\n\s+:::|\n\d+\.\s|\Z)", body, re.M | re.S):
            item = answered.get(int(number))
            answer = " ".join(line.strip() for line in item.group("answer").splitlines()).strip() if item else None
            found.append((" ".join(question.split()), answer))
    return found


def _title(nb) -> str:
    for c in nb.cells:
        if c.cell_type == "markdown":
            m = re.search(r"^# (.+)$", c.source, re.M)
            if m:
                return m.group(1).strip()
    return ""


def takeaways(nb) -> list[str]:
    """The bullet points under the notebook's "## Key takeaways"."""
    m = re.search(r"^## Key takeaways\s*\n(.*?)(?=^#{1,3} |\Z)", _markdown(nb), re.M | re.S)
    if not m:
        return []
    return [" ".join(item.split()) for item in re.findall(r"^- (.+?)(?=^- |\Z)", m.group(1).strip(), re.M | re.S)]


def solutions(nb) -> dict[str, list]:
    """Exercise label -> the cells of its folded solution (between ``{solution-start}`` and ``{solution-end}``).

    The first and last cells are cut to the text inside the two fences.
    """
    found: dict[str, list] = {}
    current: str | None = None
    for cell in nb.cells:
        text = cell.source if cell.cell_type == "markdown" else ""
        start = re.search(r"```\{solution-start\}\s*(\S+)[^\n]*\n(?::[^\n]*\n)*```\s*\n?", text)
        if start:
            current = start.group(1)
            found[current] = []
            cell = nbformat.from_dict({**cell, "source": text[start.end() :]})
            text = cell.source
        if current is None:
            continue
        end = re.search(r"```\{solution-end\}\s*```", text)
        if end:
            cell = nbformat.from_dict({**cell, "source": text[: end.start()]})
        if cell.source.strip() or cell.cell_type == "code":
            found[current].append(cell)
        if end:
            current = None
    return found


def solution_text(cells: list) -> str:
    """A solution as plain text: its prose, and the printed output of its code (not the code)."""
    parts = []
    for cell in cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source.strip())
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append("".join(out.get("text", "")).strip())
            elif out.get("output_type") in ("execute_result", "display_data") and "text/plain" in out.get("data", {}):
                text = "".join(out["data"]["text/plain"]).strip()
                if not text.startswith("<"):
                    parts.append(text)
    return "\n\n".join(p for p in parts if p)


def capstone_markdown(source: str) -> str:
    """A notebook cell's Markdown made fit for the instructor page: everything shown, nothing labelled twice.

    Label targets (``(name)=``) and the fences of ``{solution-start}`` and ``{solution-end}`` are
    dropped, an ``{exercise}`` becomes its bold title followed by its text, and folded admonitions
    (``:class: dropdown``) are unfolded, so that the page shows the full text without repeating a
    label that the chapter already defines.
    """
    text = re.sub(r"^\([A-Za-z0-9_-]+\)=[ \t]*\n", "", source, flags=re.M)
    text = re.sub(r"^```\{solution-(?:start|end)\}[^\n]*\n(?::[^\n]*\n)*```[ \t]*\n?", "", text, flags=re.M)

    def exercise(m: re.Match) -> str:
        return f"**{m.group('title').strip()}**\n\n{m.group('body').strip()}\n"

    text = _EXERCISE.sub(exercise, text)
    text = re.sub(r"^([ \t]*):class:[ \t]*dropdown[ \t]*\n", "", text, flags=re.M)
    return text.strip() + "\n"


def _capstone(plan_path: Path, notebook: Path, nb, raw) -> dict[str, str]:
    """The capstone's parts as Markdown, from the notebook cells the plan names; {} without a capstone."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or set(raw) != set(CAPSTONE_PARTS):
        shown = sorted(raw) if isinstance(raw, dict) else type(raw).__name__
        raise LessonError(
            f"{plan_path}: capstone must map each of {list(CAPSTONE_PARTS)} to the id of a markdown cell of "
            f"{notebook.name}; got {shown}"
        )
    if len(set(raw.values())) != len(CAPSTONE_PARTS):
        raise LessonError(f"{plan_path}: capstone names the same cell for two parts: {raw}")
    cells = {c.get("id"): c for c in nb.cells}
    parts = {}
    for part in CAPSTONE_PARTS:
        cell = cells.get(raw[part])
        if cell is None or cell.cell_type != "markdown":
            raise LessonError(
                f"{plan_path}, capstone.{part}: {raw[part]!r} is not the id of a markdown cell of {notebook.name}"
            )
        parts[part] = capstone_markdown(cell.source)
    if not re.search(r"\bfictional\b", cells[raw["text"]].source, re.I):
        raise LessonError(
            f"{plan_path}, capstone.text: cell {raw['text']!r} must say that the text is fictional (invented for the "
            "course), so that no learner takes it for a real product"
        )
    if not re.search(r"^\s*:class:[^\n]*\bdropdown\b", cells[raw["model_answer"]].source, re.M):
        raise LessonError(
            f"{plan_path}, capstone.model_answer: cell {raw['model_answer']!r} must fold the model answer "
            "(an admonition or solution with ':class: dropdown'), so that self-paced learners try first"
        )
    return parts


def slide_type(cell) -> str:
    return cell.metadata.get("slideshow", {}).get("slide_type", "skip")


def notebook_slides(nb) -> dict[str, Slide]:
    """The slides of a notebook in order, keyed by the id of the cell that starts each."""
    slides: dict[str, Slide] = {}
    current: Slide | None = None
    for cell in nb.cells:
        kind = slide_type(cell)
        if kind in ("slide", "subslide"):
            current = Slide(id=cell.id, cells=[cell])
            slides[cell.id] = current
        elif kind in ("-", "fragment") and current is not None:
            current.cells.append(cell)
        elif kind == "notes" and current is not None:
            current.notes.append(cell.source)
    return slides


def _segment(plan_path: Path, n: int, raw) -> Segment:
    where = f"{plan_path}, run_sheet[{n}]"
    unknown = set(raw) - _SEGMENT_KEYS
    if unknown:
        raise LessonError(f"{where}: unknown keys {sorted(unknown)}; allowed: {sorted(_SEGMENT_KEYS)}")
    minutes = raw.get("minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        raise LessonError(f"{where}: minutes must be a positive whole number; got {minutes!r}")
    if raw.get("activity") not in ACTIVITIES:
        raise LessonError(f"{where}: activity must be one of {', '.join(ACTIVITIES)}; got {raw.get('activity')!r}")
    if not isinstance(raw.get("do"), str) or not raw["do"].strip():
        raise LessonError(f"{where}: 'do' (what the teacher does) is required")
    slides = raw.get("slides", [])
    if not isinstance(slides, list) or not all(isinstance(s, str) for s in slides):
        raise LessonError(f"{where}: slides must be a list of slide ids; got {slides!r}")
    segment = Segment(
        minutes,
        raw["activity"],
        raw["do"].strip(),
        list(slides),
        raw.get("poll"),
        raw.get("prompt"),
        raw.get("answer"),
        raw.get("exercise"),
    )
    needs = {"poll": "poll", "think-pair-share": "prompt", "exercise": "exercise", "discussion": "prompt"}
    if segment.activity in needs and not getattr(segment, needs[segment.activity]):
        raise LessonError(f"{where}: a {segment.activity} segment needs '{needs[segment.activity]}'")
    if segment.activity == "think-pair-share" and not segment.answer:
        raise LessonError(f"{where}: a think-pair-share segment needs a sample 'answer' for the teacher")
    return segment


def _list_of(plan_path: Path, plan: dict, key: str, item_type: type) -> list:
    value = plan.get(key)
    if not isinstance(value, list) or not all(isinstance(v, item_type) for v in value):
        shown = type(value).__name__ if not isinstance(value, list) else "a list holding other things"
        raise LessonError(
            f"{plan_path}: '{key}' must be a list of {item_type.__name__}s (mappings for dict); got {shown}"
        )
    return value


def lesson(notebook: str | Path, quiz: str | Path | None = None) -> Lesson:
    """Read and cross-check one chapter's notebook, quiz (by default the course quiz named after it) and plan.

    Raises
    ------
    LessonError
        Naming the file and what disagrees: a missing file or key, a malformed quiz, a run-sheet
        whose minutes do not add up to 90 or that leaves out or repeats a slide, a poll or exercise
        that does not exist, an objective id that is not the notebook's.
    """
    notebook = Path(notebook)
    slug = notebook.stem
    plan_path = notebook.with_name(f"lesson-{slug}.yml")
    quiz_file = Path(quiz) if quiz is not None else course_quiz_path(slug)
    for path in (notebook, plan_path, quiz_file):
        if not path.is_file():
            raise LessonError(f"{path}: missing (every chapter needs its notebook, quiz and lesson plan)")
    nb = nbformat.read(notebook, as_version=4)
    try:
        plan = yaml.safe_load(plan_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise LessonError(f"{plan_path}: not valid YAML: {err}") from err
    if not isinstance(plan, dict):
        raise LessonError(f"{plan_path}: expected a mapping of keys, got {type(plan).__name__}")
    unknown = set(plan) - _PLAN_KEYS
    if unknown:
        raise LessonError(
            f"{plan_path}: unknown keys {sorted(unknown)} (the notebook holds titles, objectives and "
            f"answers); allowed: {sorted(_PLAN_KEYS)}"
        )
    for key in ("run_sheet", "discussion_prompts", "misconceptions", "exam", "handout"):
        if key not in plan:
            raise LessonError(f"{plan_path}: missing key {key!r}")
    try:
        quiz_data = load_quiz(quiz_file)
    except QuizError as err:
        raise LessonError(str(err)) from err

    objectives = notebook_objectives(nb)
    if not objectives:
        raise LessonError(f"{notebook}: no numbered list under '## Learning objectives'")
    exercises = notebook_exercises(nb)
    labels = {ex.label for ex in exercises}
    for ex in exercises:
        if not ex.label:
            raise LessonError(f"{notebook}: exercise {ex.title!r} has no :label:")
        for o in ex.objectives:
            if o not in objectives:
                raise LessonError(f"{notebook}: exercise {ex.label} assesses {o}, not an objective of {slug}")
    for i, q in enumerate(quiz_data["questions"], start=1):
        if q["objective"] not in objectives:
            raise LessonError(f"{quiz_file}: question {i} assesses {q['objective']!r}, not an objective of {slug}")
    think = think_questions(nb)

    run_sheet = [_segment(plan_path, n, raw) for n, raw in enumerate(_list_of(plan_path, plan, "run_sheet", dict))]
    slides = notebook_slides(nb)
    used = [s for seg in run_sheet for s in seg.slides if s not in GENERATED_SLIDES]
    generated = [s for seg in run_sheet for s in seg.slides if s in GENERATED_SLIDES]
    if generated != list(GENERATED_SLIDES):
        raise LessonError(
            f"{plan_path}: run_sheet must show the generated slides {list(GENERATED_SLIDES)} once, in "
            f"that order (got {generated})"
        )
    for s in used:
        if s not in slides:
            raise LessonError(
                f"{plan_path}: run_sheet names slide {s!r}, but no slide cell of {notebook.name} has that "
                f"id (slides: {', '.join(slides)})"
            )
    repeated = sorted({s for s in used if used.count(s) > 1})
    if repeated:
        raise LessonError(f"{plan_path}: run_sheet uses slides {repeated} more than once")
    left_out = [s for s in slides if s not in used]
    if left_out:
        raise LessonError(f"{plan_path}: run_sheet leaves out the slides {left_out}")
    if used != [s for s in slides if s in used]:
        raise LessonError(f"{plan_path}: run_sheet shows the slides out of the notebook's order")
    items = {q["id"]: q for q in quiz_data["questions"]}
    for n, seg in enumerate(run_sheet):
        if seg.poll and seg.poll not in items:
            raise LessonError(f"{plan_path}, run_sheet[{n}]: poll {seg.poll!r} is not a question of {quiz_file.name}")
        if seg.exercise and seg.exercise not in labels:
            raise LessonError(
                f"{plan_path}, run_sheet[{n}]: exercise {seg.exercise!r} is not an exercise of {notebook.name}"
            )
    total = sum(s.minutes for s in run_sheet)
    if total != SESSION_MINUTES:
        raise LessonError(f"{plan_path}: the run_sheet adds up to {total} minutes, not {SESSION_MINUTES}")

    misconceptions = _list_of(plan_path, plan, "misconceptions", dict)
    for k, m in enumerate(misconceptions):
        if not m.get("belief") or not m.get("correction"):
            raise LessonError(f"{plan_path}, misconceptions[{k}]: needs 'belief' and 'correction'")
    exam = _list_of(plan_path, plan, "exam", dict)
    for k, e in enumerate(exam):
        where = f"{plan_path}, exam[{k}]"
        missing = [key for key in ("objective", "marks", "question", "marking") if not e.get(key)]
        if missing:
            raise LessonError(f"{where}: missing {missing}")
        if e["objective"] not in objectives:
            raise LessonError(f"{where}: objective {e['objective']!r} is not an objective of {slug}")
        if not isinstance(e["marks"], int) or isinstance(e["marks"], bool) or e["marks"] <= 0:
            raise LessonError(f"{where}: marks must be a positive whole number; got {e['marks']!r}")
    handout = plan["handout"]
    if not isinstance(handout, dict) or not isinstance(handout.get("checklist", False), bool):
        raise LessonError(f"{plan_path}: handout must be a mapping with 'diagram' (an image file) and 'checklist'")
    diagram = handout.get("diagram")
    if diagram and not (notebook.parent.parent / "images" / diagram).is_file():
        raise LessonError(f"{plan_path}: handout diagram {diagram!r} is not in book/images/")
    notes = plan.get("exercise_notes") or {}
    if not isinstance(notes, dict) or set(notes) - labels:
        raise LessonError(f"{plan_path}: exercise_notes must map exercise labels of {notebook.name} to notes")
    capstone = _capstone(plan_path, notebook, nb, plan.get("capstone"))
    return Lesson(
        slug=slug,
        notebook=notebook,
        title=_title(nb),
        objectives=objectives,
        exercises=exercises,
        quiz=quiz_data,
        run_sheet=run_sheet,
        discussion_prompts=_list_of(plan_path, plan, "discussion_prompts", str),
        misconceptions=misconceptions,
        exam=exam,
        handout=handout,
        exercise_notes=notes,
        think=think,
        slides=slides,
        takeaways=takeaways(nb),
        capstone=capstone,
    )
