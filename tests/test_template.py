"""The chapter template builds and is tested like a chapter, and `make chapter` starts a working chapter from it."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from neurotrophins.build.lessons import lesson
from neurotrophins.build.newchapter import NewChapterError, new_chapter
from neurotrophins.build.toc import TEMPLATE, toc_chapters, toc_files
from neurotrophins.quiz import load_quiz

from .helpers import ROOT


def test_the_template_is_in_the_book_but_not_a_course_chapter():
    assert TEMPLATE in toc_files(ROOT / "_toc.yml")
    assert TEMPLATE not in toc_chapters(ROOT / "_toc.yml")


def test_the_template_shows_every_pattern_of_a_chapter():
    plan = lesson(ROOT / f"{TEMPLATE}.ipynb")
    assert plan.total_minutes == 90 and {s.activity for s in plan.run_sheet} >= {
        "poll",
        "think-pair-share",
        "exercise",
        "explorer",
    }
    assert all(answer for _, answer in plan.think), "every question to think about has its sample answer"
    quiz = load_quiz("chapter-template")
    assert any("answer" in q for q in quiz["questions"]) and any(q.get("reveal") for q in quiz["questions"])
    nb = nbformat.read(ROOT / f"{TEMPLATE}.ipynb", as_version=4)
    sources = [c.source for c in nb.cells if c.cell_type == "code"]
    assert any("raise NotImplementedError" in s for s in sources), "a fill-in exercise"
    assert any("show_source(" in s for s in sources), "the model's code on the page"
    assert any("quoted(" in s for s in sources), "numbers pinned with quoted()"
    assert len(plan.exam) == 5


@pytest.fixture
def scratch_repo(tmp_path):
    for name in ("book", "data", "_toc.yml"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, tmp_path / name)
    return tmp_path


def test_make_chapter_starts_a_chapter_that_loads_and_runs(scratch_repo, monkeypatch):
    written = new_chapter(scratch_repo, "cold-exposure", "02-lifestyle")
    assert {p.name for p in written} >= {"cold-exposure.ipynb", "cold-exposure.json", "lesson-cold-exposure.yml"}
    assert "book/02-lifestyle/cold-exposure" in toc_chapters(scratch_repo / "_toc.yml")
    assert "book/instructors/cold-exposure" in toc_files(scratch_repo / "_toc.yml")
    quiz = scratch_repo / "book" / "quizzes" / "cold-exposure.json"
    plan = lesson(scratch_repo / "book" / "02-lifestyle" / "cold-exposure.ipynb", quiz)
    assert plan.total_minutes == 90
    nb = nbformat.read(scratch_repo / "book" / "02-lifestyle" / "cold-exposure.ipynb", as_version=4)
    assert "(cold-exposure)=" in nb.cells[2].source
    # The new chapter runs as it is (its quiz is read from the new chapter's file).
    for cell in nb.cells:
        cell.source = cell.source.replace('display_quiz("cold-exposure"', f'display_quiz("{quiz}"')
    NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(scratch_repo / "book" / "02-lifestyle")}},
    ).execute()
    errors = [
        o
        for c in nb.cells
        if c.cell_type == "code" and "raises-exception" not in c.metadata.get("tags", [])
        for o in c.outputs
        if o.output_type == "error"
    ]
    assert errors == []


@pytest.mark.parametrize(
    ("slug", "part", "message"),
    [
        ("Cold Exposure", "02-lifestyle", "lower-case words"),
        ("cold", "99-nowhere", "PART must be one of"),
        ("exercise", "02-lifestyle", "exists already"),
    ],
)
def test_make_chapter_refuses_bad_names(scratch_repo, slug, part, message):
    with pytest.raises(NewChapterError, match=message):
        new_chapter(scratch_repo, slug, part)
