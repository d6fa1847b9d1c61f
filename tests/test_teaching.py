"""Lesson plans: every chapter's plan agrees with its notebook and quiz, fits 90 minutes and covers the deck.

One generic check for every chapter (``neurotrophins.build.lessons.lesson``); broken plans are
rejected with the file and the place named.
"""

import json
import re
import shutil

import nbformat
import pytest
import yaml

from neurotrophins.build.lessons import (
    CAPSTONE_PARTS,
    GENERATED_SLIDES,
    SESSION_MINUTES,
    LessonError,
    capstone_markdown,
    lesson,
)
from neurotrophins.quiz import quiz_path

from .helpers import ROOT, pending, toc_chapters, toc_files

CHAPTERS = toc_chapters()


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_objective_is_assessed_by_a_quiz_question_or_an_exercise(chapter):
    plan = lesson(ROOT / f"{chapter}.ipynb")
    assert 3 <= len(plan.objectives) <= 6, f"{chapter}: {len(plan.objectives)} objectives"
    unassessed = [o for o, found in plan.assessed_by().items() if not found]
    assert unassessed == [], f"{chapter}: objectives {unassessed} are assessed by nothing"
    assert len(plan.exercises) >= 2, f"{chapter}: needs at least two exercises"
    assert all(ex.objectives for ex in plan.exercises), f"{chapter}: an exercise names no assesses-O<n> class"


@pytest.mark.parametrize("chapter", [pending(c) for c in CHAPTERS])
def test_the_run_sheet_is_a_full_session(chapter):
    plan = lesson(ROOT / f"{chapter}.ipynb")
    activities = [s.activity for s in plan.run_sheet]
    assert plan.total_minutes == SESSION_MINUTES
    assert activities.count("poll") >= 2, f"{chapter}: a session has at least two polls"
    assert activities.count("think-pair-share") >= 1, f"{chapter}: a session has a think-pair-share"
    assert activities.count("exercise") >= 1, f"{chapter}: a session has an in-class exercise"
    assert "explorer" in activities, f"{chapter}: a session has an explorer moment"
    assert len(plan.discussion_prompts) >= 3 and len(plan.misconceptions) >= 3
    assert len(plan.exam) == 5, f"{chapter}: five exam-style questions"
    assert len(plan.exercises) >= 3, f"{chapter}: at least three exercises (fill-in, by hand, reading data)"


@pytest.mark.parametrize("chapter", [pending(c) for c in CHAPTERS])
def test_every_question_to_think_about_has_a_folded_sample_answer(chapter):
    plan = lesson(ROOT / f"{chapter}.ipynb")
    assert plan.think, f"{chapter}: no questions to think about"
    missing = [q for q, a in plan.think if not a]
    assert missing == [], f"{chapter}: questions without a sample answer: {missing}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_has_an_instructor_page(chapter):
    slug = chapter.rsplit("/", 1)[1]
    assert f"book/instructors/{slug}" in toc_files(), f"book/instructors/{slug}.md is not in _toc.yml"
    page = (ROOT / "book" / "instructors" / f"{slug}.md").read_text(encoding="utf-8")
    assert f"{{lesson-plan}} {chapter}" in page


@pytest.fixture
def chapter_copy(tmp_path):
    src = ROOT / "book" / "01-foundations"
    for name in ("neurotrophins-and-bdnf.ipynb", "lesson-neurotrophins-and-bdnf.yml"):
        shutil.copy(src / name, tmp_path / name)
    shutil.copy(quiz_path("neurotrophins-and-bdnf"), tmp_path / "quiz.json")
    (tmp_path.parent / "images").mkdir(exist_ok=True)
    for image in (ROOT / "book" / "images").iterdir():
        shutil.copy(image, tmp_path.parent / "images" / image.name)
    return tmp_path


def _plan(chapter_copy) -> dict:
    return yaml.safe_load((chapter_copy / "lesson-neurotrophins-and-bdnf.yml").read_text(encoding="utf-8"))


def _broken(chapter_copy, edit) -> str:
    plan = _plan(chapter_copy)
    edit(plan)
    path = chapter_copy / "lesson-neurotrophins-and-bdnf.yml"
    path.write_text(yaml.safe_dump(plan, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(LessonError) as err:
        lesson(chapter_copy / "neurotrophins-and-bdnf.ipynb", chapter_copy / "quiz.json")
    assert "lesson-neurotrophins-and-bdnf.yml" in str(err.value) or "quiz.json" in str(err.value)
    return str(err.value)


def _first(plan, activity):
    return next(s for s in plan["run_sheet"] if s["activity"] == activity)


BROKEN = [
    (
        "minutes do not add up",
        lambda p: p["run_sheet"][0].update(minutes=p["run_sheet"][0]["minutes"] + 1),
        f"adds up to {SESSION_MINUTES + 1} minutes",
    ),
    ("zero minutes", lambda p: p["run_sheet"][0].update(minutes=0), r"run_sheet\[0\]: minutes must be a positive"),
    ("minutes as text", lambda p: p["run_sheet"][0].update(minutes="5"), "minutes must be a positive whole number"),
    ("unknown activity", lambda p: p["run_sheet"][0].update(activity="lunch"), "activity must be one of"),
    ("no 'do'", lambda p: p["run_sheet"][0].pop("do"), r"'do' \(what the teacher does\) is required"),
    ("unknown slide", lambda p: p["run_sheet"][0]["slides"].append("no-such-slide"), "names slide 'no-such-slide'"),
    (
        "slide left out",
        lambda p: [s for s in p["run_sheet"] if len(s.get("slides", [])) > 2][-1]["slides"].pop(),
        "leaves out the slides",
    ),
    ("generated slides missing", lambda p: p["run_sheet"][0].update(slides=[]), "generated slides"),
    ("unknown poll", lambda p: _first(p, "poll").update(poll="no-such-question"), "poll 'no-such-question' is not"),
    ("poll without item", lambda p: _first(p, "poll").pop("poll"), "a poll segment needs 'poll'"),
    ("unknown exercise", lambda p: _first(p, "exercise").update(exercise="ex-nothing"), "'ex-nothing' is not an"),
    ("think-pair-share without answer", lambda p: _first(p, "think-pair-share").pop("answer"), "sample 'answer'"),
    ("segment is a string", lambda p: p["run_sheet"].append("talk for ten minutes"), "'run_sheet' must be a list of"),
    ("run sheet is a mapping", lambda p: p.update(run_sheet={"a": 1}), "'run_sheet' must be a list"),
    ("unknown key", lambda p: p.update(objectives={"O1": "x"}), r"unknown keys \['objectives'\]"),
    ("missing key", lambda p: p.pop("exam"), "missing key 'exam'"),
    ("exam objective unknown", lambda p: p["exam"][0].update(objective="O9"), "objective 'O9' is not an objective"),
    ("exam without marking", lambda p: p["exam"][0].pop("marking"), r"exam\[0\]: missing \['marking'\]"),
    ("exam marks as text", lambda p: p["exam"][0].update(marks="four"), "marks must be a positive whole number"),
    ("misconception without correction", lambda p: p["misconceptions"][0].pop("correction"), "needs 'belief'"),
    ("prompts not a list", lambda p: p.update(discussion_prompts="talk"), "'discussion_prompts' must be a list"),
    ("handout diagram missing", lambda p: p["handout"].update(diagram="nope.svg"), "'nope.svg' is not in book/images"),
    ("exercise note for unknown exercise", lambda p: p.update(exercise_notes={"ex-nothing": "x"}), "exercise_notes"),
]


@pytest.mark.parametrize(("case", "edit", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_lesson_plans_are_rejected_with_the_file_and_place_named(chapter_copy, case, edit, message):
    assert re.search(message, _broken(chapter_copy, edit)), case


def test_the_course_plan_still_loads_after_the_fixture_copy(chapter_copy):
    """The broken-plan cases above start from a plan that loads: a failure there is the edit's."""
    plan = lesson(chapter_copy / "neurotrophins-and-bdnf.ipynb", chapter_copy / "quiz.json")
    assert plan.total_minutes == SESSION_MINUTES
    assert plan.run_sheet[0].slides[:2] == list(GENERATED_SLIDES)


@pytest.mark.parametrize(
    ("content", "message"),
    [("- just\n- a list\n", "expected a mapping"), ("run_sheet: [\n", "not valid YAML")],
)
def test_a_plan_that_is_not_a_mapping_is_rejected(chapter_copy, content, message):
    (chapter_copy / "lesson-neurotrophins-and-bdnf.yml").write_text(content, encoding="utf-8")
    with pytest.raises(LessonError, match=message):
        lesson(chapter_copy / "neurotrophins-and-bdnf.ipynb", chapter_copy / "quiz.json")


def test_missing_lesson_plan_is_named(chapter_copy):
    (chapter_copy / "lesson-neurotrophins-and-bdnf.yml").unlink()
    with pytest.raises(LessonError, match=r"lesson-neurotrophins-and-bdnf\.yml: missing"):
        lesson(chapter_copy / "neurotrophins-and-bdnf.ipynb", chapter_copy / "quiz.json")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda q: q["questions"][2].update(objective="O9"), "question 3 assesses 'O9'"),
        (lambda q: q["questions"][0].pop("prompt"), r"questions\[0\]"),
        (lambda q: q.update(questions="none"), "questions"),
    ],
)
def test_a_lesson_plan_validates_its_quiz(chapter_copy, edit, message):
    path = chapter_copy / "quiz.json"
    quiz = json.loads(path.read_text(encoding="utf-8"))
    edit(quiz)
    path.write_text(json.dumps(quiz), encoding="utf-8")
    with pytest.raises(LessonError, match=message):
        lesson(chapter_copy / "neurotrophins-and-bdnf.ipynb", chapter_copy / "quiz.json")


# --- the optional capstone field ---------------------------------------------------------------

CAPSTONE_CELLS = {
    "cap-text": ":::{admonition} The advert (fictional: written for the course)\n:class: note\nBuy it.\n:::",
    "cap-tasks": "```{exercise} Fact-check it\n:label: ex-cap\n:class: assesses-O1\n\nWrite a fact-check.\n```",
    "cap-rubric": "| Criterion | Marks |\n|---|---|\n| Evidence | 4 |",
    "cap-answer": ":::{admonition} Model answer\n:class: dropdown\nThe advert overstates.\n:::",
}
CAPSTONE = dict(zip(CAPSTONE_PARTS, CAPSTONE_CELLS, strict=True))


@pytest.fixture
def capstone_copy(chapter_copy):
    """Chapter 1's copy with four capstone cells appended and a plan that names them."""
    path = chapter_copy / "neurotrophins-and-bdnf.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell_id, source in CAPSTONE_CELLS.items():
        cell = nbformat.v4.new_markdown_cell(source)
        cell["id"] = cell_id
        nb.cells.append(cell)
    nbformat.write(nb, path)
    return chapter_copy


def _with_capstone(copy, capstone):
    plan = _plan(copy)
    plan["capstone"] = capstone
    path = copy / "lesson-neurotrophins-and-bdnf.yml"
    path.write_text(yaml.safe_dump(plan, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return lesson(copy / "neurotrophins-and-bdnf.ipynb", copy / "quiz.json")


def test_a_plan_without_a_capstone_has_none(chapter_copy):
    assert lesson(chapter_copy / "neurotrophins-and-bdnf.ipynb", chapter_copy / "quiz.json").capstone == {}


def test_a_capstone_is_read_from_the_notebook_in_order_and_unfolded(capstone_copy):
    plan = _with_capstone(capstone_copy, CAPSTONE)
    assert list(plan.capstone) == list(CAPSTONE_PARTS)
    assert "fictional" in plan.capstone["text"]
    assert plan.capstone["tasks"].startswith("**Fact-check it**") and ":label:" not in plan.capstone["tasks"]
    assert "dropdown" not in plan.capstone["model_answer"] and "The advert overstates." in plan.capstone["model_answer"]


BROKEN_CAPSTONES = [
    ("a part missing", lambda c: c.pop("rubric"), "capstone must map each of"),
    ("not a mapping", lambda c: "cap-text", "capstone must map each of"),
    ("unknown cell", lambda c: c.update(rubric="no-such-cell"), r"capstone\.rubric: 'no-such-cell' is not the id"),
    ("a code cell", lambda c: c.update(tasks="imports"), r"capstone\.tasks: 'imports' is not the id of a markdown"),
    ("one cell twice", lambda c: c.update(rubric="cap-tasks"), "the same cell for two parts"),
    ("text not fictional", lambda c: c.update(text="cap-rubric", rubric="cap-text"), "must say that the text is"),
    ("answer not folded", lambda c: c.update(model_answer="cap-rubric", rubric="cap-answer"), "must fold the model"),
]


@pytest.mark.parametrize(("case", "edit", "message"), BROKEN_CAPSTONES, ids=[b[0] for b in BROKEN_CAPSTONES])
def test_broken_capstones_are_rejected_with_the_place_named(capstone_copy, case, edit, message):
    capstone = dict(CAPSTONE)
    edited = edit(capstone)
    if isinstance(edited, str):
        capstone = edited
    with pytest.raises(LessonError, match=message) as err:
        _with_capstone(capstone_copy, capstone)
    assert "lesson-neurotrophins-and-bdnf.yml" in str(err.value), case


def test_capstone_markdown_shows_everything_once():
    source = (
        "(ex-label)=\n```{solution-start} ex-cap\n:class: dropdown\n```\n"
        ":::{admonition} Model answer\n:class: dropdown\nText with {cite}`key`.\n:::\n```{solution-end}\n```\n"
    )
    shown = capstone_markdown(source)
    assert "(ex-label)=" not in shown and "solution-" not in shown and "dropdown" not in shown
    assert ":::{admonition} Model answer" in shown and "{cite}`key`" in shown


def test_the_synthesis_chapter_carries_its_capstone():
    plan = lesson(ROOT / "book" / "04-synthesis" / "synthesis.ipynb")
    assert list(plan.capstone) == list(CAPSTONE_PARTS)
    assert "fictional" in plan.capstone["text"] and "Marking rubric" in plan.capstone["rubric"]
    assert "dropdown" not in plan.capstone["model_answer"]
