"""Lesson plans: every chapter has one, it agrees with the notebook and quiz, and every objective is assessed."""

import json
import shutil

import pytest

from neurotrophins.build.lessons import LessonError, lesson
from neurotrophins.quiz import quiz_path

from .helpers import ROOT, toc_chapters, toc_files

CHAPTERS = toc_chapters()


def test_the_book_has_chapters():
    assert CHAPTERS and all(c.startswith("book/0") for c in CHAPTERS)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_objective_is_assessed_by_a_quiz_question_or_an_exercise(chapter):
    plan = lesson(ROOT / f"{chapter}.ipynb")
    assert 3 <= len(plan.objectives) <= 6, f"{chapter}: {len(plan.objectives)} objectives"
    unassessed = [o for o, found in plan.assessed_by().items() if not found]
    assert unassessed == [], f"{chapter}: objectives {unassessed} are assessed by nothing"
    assert len(plan.exercises) >= 2, f"{chapter}: needs at least two exercises"
    assert all(ex.objectives for ex in plan.exercises), f"{chapter}: an exercise names no assesses-O<n> class"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_lesson_plan_is_complete_and_fits_a_session(chapter):
    plan = lesson(ROOT / f"{chapter}.ipynb")
    assert 45 <= plan.total_minutes <= 120, f"{chapter}: {plan.total_minutes} minutes"
    assert len(plan.discussion_prompts) >= 3
    assert len(plan.misconceptions) >= 3
    assert all(m["belief"] and m["correction"] for m in plan.misconceptions)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_has_an_instructor_page_and_a_slide_deck(chapter):
    slug = chapter.rsplit("/", 1)[1]
    assert f"book/instructors/{slug}" in toc_files(), f"book/instructors/{slug}.md is not in _toc.yml"
    page = (ROOT / "book" / "instructors" / f"{slug}.md").read_text(encoding="utf-8")
    assert f"{{lesson-plan}} {chapter}" in page
    plan = lesson(ROOT / f"{chapter}.ipynb")
    assert 5 <= plan.slides.count("slide") <= 25, f"{chapter}: {plan.slides.count('slide')} slides"


@pytest.fixture
def chapter_copy(tmp_path):
    src = ROOT / "book" / "01-foundations"
    for name in ("neurotrophins-and-bdnf.ipynb", "lesson-neurotrophins-and-bdnf.yml"):
        shutil.copy(src / name, tmp_path / name)
    shutil.copy(quiz_path("neurotrophins-and-bdnf"), tmp_path / "quiz.json")
    return tmp_path


def test_missing_lesson_plan_is_named(chapter_copy):
    (chapter_copy / "lesson-neurotrophins-and-bdnf.yml").unlink()
    with pytest.raises(LessonError, match=r"lesson-neurotrophins-and-bdnf\.yml: missing"):
        lesson(chapter_copy / "neurotrophins-and-bdnf.ipynb", chapter_copy / "quiz.json")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("intro: 5,", "intro: -5,", r"minutes\.intro must be a positive whole number; got -5"),
        ("  O5: judge", "  O6: judge", r"objectives \[.*'O6'\] differ from the notebook's"),
        ("  - label: ex-turnover", "  - label: ex-nothing", "no answer key for exercise 'ex-turnover'"),
        ("discussion_prompts:", "prompts:", "missing key 'discussion_prompts'"),
        ("minutes: {", "minutes: {lunch: 60, ", "'minutes' keys must be among"),
    ],
)
def test_broken_lesson_plans_are_rejected_with_the_file_named(chapter_copy, old, new, message):
    path = chapter_copy / "lesson-neurotrophins-and-bdnf.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(LessonError, match=message) as err:
        lesson(chapter_copy / "neurotrophins-and-bdnf.ipynb", chapter_copy / "quiz.json")
    assert "lesson-neurotrophins-and-bdnf.yml" in str(err.value)


def test_quiz_question_for_an_unknown_objective_is_rejected(chapter_copy):
    path = chapter_copy / "quiz.json"
    quiz = json.loads(path.read_text(encoding="utf-8"))
    quiz["questions"][2]["objective"] = "O9"
    path.write_text(json.dumps(quiz), encoding="utf-8")
    with pytest.raises(LessonError, match="question 3 assesses 'O9'"):
        lesson(chapter_copy / "neurotrophins-and-bdnf.ipynb", chapter_copy / "quiz.json")
