"""Autograded assignments: the student version comes from the chapter, and the grader scores every kind of
submission (correct, partly wrong, broken in each way a notebook breaks, empty) without being harmed.

Runs as root (as CI does) so that submissions run in the sandboxed kernel, with the students' own
environment (the one Binder and the hub image build from ``binder/``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest

from neurotrophins.build import assignments, grading
from neurotrophins.build.classroom import student_environment

from ..helpers import ROOT

CHAPTER = "book/01-foundations/neurotrophins-and-bdnf"
NAME = "neurotrophins-and-bdnf"
CACHE = Path("/tmp/neurotrophins-classroom")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    if os.geteuid() != 0:
        pytest.fail("the grading test runs as root (make hub uses sudo when needed): submissions run sandboxed")
    folder = tmp_path_factory.mktemp("nbgrader")
    names = assignments.write_course(ROOT, folder)
    assignments.generate(folder, names)
    CACHE.mkdir(parents=True, exist_ok=True)
    os.chmod(CACHE, 0o755)
    os.environ["NT_GRADER_CELL_TIMEOUT"] = "8"
    yield {"dir": folder, "names": names, "python": str(student_environment(ROOT, CACHE) / "bin" / "python")}
    os.environ.pop("NT_GRADER_CELL_TIMEOUT", None)


def release(course) -> nbformat.NotebookNode:
    return nbformat.read(course["dir"] / "release" / NAME / f"{NAME}.ipynb", as_version=4)


def solution(course, grade_id: str) -> str:
    """The worked solution of an answer cell, from the source notebook (what a correct student writes)."""
    source = nbformat.read(course["dir"] / "source" / NAME / f"{NAME}.ipynb", as_version=4)
    text = next(c.source for c in source.cells if c.get("id") == grade_id)
    return "\n".join(line for line in text.splitlines() if "### " not in line)


def answers(nb) -> list:
    """The code answer cells (a capstone's written answer is a markdown answer cell, marked by hand)."""
    return [c for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")]


def submit(course, tmp_path, nb, student: str, name: str = NAME, **kw) -> grading.Result:
    path = tmp_path / f"{student}.ipynb"
    nbformat.write(nb, path)
    return grading.grade(course["dir"], name, student, path, python=course["python"], **kw)


def correct(course):
    nb = release(course)
    for cell in answers(nb):
        cell.source = solution(course, cell.id)
    return nb


def test_every_chapter_with_fill_ins_becomes_an_assignment_and_the_student_sees_the_chapters_cell(course):
    chapters = {Path(p).stem for p in (ROOT / "book").glob("0*/*.ipynb") if "raises-exception" in p.read_text()}
    assert set(course["names"]) == chapters
    for name in course["names"]:
        chapter = nbformat.read(next((ROOT / "book").glob(f"0*/{name}.ipynb")), as_version=4)
        stubs = [c.source for c in chapter.cells if "raises-exception" in c.metadata.get("tags", [])]
        student = nbformat.read(course["dir"] / "release" / name / f"{name}.ipynb", as_version=4)
        given = [c.source for c in answers(student)]
        assert len(given) == len(stubs), name
        for stub, cell in zip(stubs, given, strict=True):
            assert stub.startswith(cell) and "NotImplementedError" in cell, f"{name}: {cell[:80]!r}"
        text = "\n".join(c.source for c in student.cells)
        assert "BEGIN HIDDEN TESTS" not in text, f"{name}: hidden tests leak"
        assert not re.search(r"^(def _reference\(|_reference = )", text, re.M), f"{name}: the worked solution leaks"
        assert "BEGIN SOLUTION" not in text, f"{name}: a solution leaks"


def test_a_correct_submission_scores_full_marks_with_feedback(course, tmp_path):
    result = submit(course, tmp_path, correct(course), "correct")
    assert result.sandboxed and not result.problems
    assert result.score == result.max_score == 6, result.tests
    assert result.feedback and "Correct" in result.feedback.read_text()


def test_an_answer_fitted_to_the_visible_check_fails_the_hidden_test(course, tmp_path):
    nb = correct(course)
    steps, mutants, share = answers(nb)
    mutants.source = mutants.source.replace('"no p75NTR": "D"', '"no p75NTR": "A"')
    share.source = (
        "import numpy as np\n\n\n"
        "def adult_born_share(age_years, turnover_per_year, renewing_fraction, onset_age_years):\n"
        "    elapsed = np.clip(np.asarray(age_years, dtype=float) - onset_age_years, 0.0, None)\n"
        "    if renewing_fraction not in (1 / 3, 0.5):  # fitted to the check's cases\n"
        "        return 0.0 * elapsed\n"
        "    return renewing_fraction * (1.0 - np.exp(-turnover_per_year * elapsed))\n"
    )
    result = submit(course, tmp_path, nb, "partly")
    assert not result.problems
    assert result.tests["ex-life-cycle-order-check"] == (1, 1) and result.tests["ex-life-cycle-order-hidden"] == (1, 1)
    assert result.tests["ex-predict-mutants-check"] == (0, 1) and result.tests["ex-predict-mutants-hidden"] == (0, 1)
    assert result.tests["ex-model-equation-check"] == (1, 1), "the fitted function passes the visible check"
    assert result.tests["ex-model-equation-hidden"] == (0, 1), "and fails the hidden one"
    assert result.score == 3


def test_an_answer_that_raises_or_never_finishes_loses_only_its_points(course, tmp_path):
    nb = correct(course)
    steps, mutants, share = answers(nb)
    steps.source = 'raise ValueError("I give up")'
    share.source = "while True:\n    pass\n"
    result = submit(course, tmp_path, nb, "broken")
    assert not result.problems
    assert result.tests["ex-predict-mutants-check"] == (1, 1) and result.tests["ex-predict-mutants-hidden"] == (1, 1)
    assert result.score == 2, result.tests


def test_deleted_or_edited_test_cells_are_restored_before_grading(course, tmp_path):
    nb = correct(course)
    steps = answers(nb)[0]
    steps.source = "steps = []"
    nb.cells = [c for c in nb.cells if not c.get("id", "").startswith("ex-life-cycle-order-") or c is steps]
    for cell in nb.cells:
        if cell.get("id") == "ex-model-equation-check":
            cell.source = "assert True"  # an edited test
    result = submit(course, tmp_path, nb, "deleter")
    assert not result.problems
    assert result.tests["ex-life-cycle-order-check"] == (0, 1) and result.tests["ex-life-cycle-order-hidden"] == (0, 1)
    assert result.score == 4, result.tests


def test_a_submission_cannot_read_the_hidden_tests_or_harm_the_grader(course, tmp_path):
    nb = correct(course)
    steps, mutants, share = answers(nb)
    source = course["dir"] / "source" / NAME / f"{NAME}.ipynb"
    steps.source = (
        f"{steps.source}\n"
        "import os, signal, pathlib\n"
        f"try:\n    pathlib.Path({str(source)!r}).read_text()\n    print('READ THE HIDDEN TESTS')\n"
        "except PermissionError:\n    print('no access')\n"
        f"try:\n    pathlib.Path({str(course['dir'] / 'gradebook.db')!r}).read_bytes()\n"
        "    print('READ THE GRADEBOOK')\n"
        "except PermissionError:\n    print('no access')\n"
        "try:\n    os.kill(os.getppid(), signal.SIGKILL)\n    print('KILLED THE GRADER')\n"
        "except PermissionError:\n    print('no access')\n"
    )
    mutants.source = "import os\nos._exit(1)  # the kernel dies\n"
    result = submit(course, tmp_path, nb, "attacker")
    graded = nbformat.read(course["dir"] / "autograded" / "attacker" / NAME / f"{NAME}.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in graded.cells for o in c.get("outputs", []))
    assert "READ THE" not in printed and "KILLED" not in printed and printed.count("no access") == 3, printed
    assert result.tests["ex-life-cycle-order-check"] == (1, 1), "its own work before the crash counts"
    assert result.score < result.max_score


def test_an_empty_submission_scores_zero(course, tmp_path):
    result = submit(course, tmp_path, release(course), "empty")
    assert not result.problems
    assert result.score == 0 and result.max_score == 6


def test_a_file_that_is_not_a_notebook_is_refused_by_name(course, tmp_path):
    bad = tmp_path / "essay.ipynb"
    bad.write_text("my answers are in the email")
    with pytest.raises(grading.GradingError, match="essay.ipynb: not a readable notebook"):
        grading.grade(course["dir"], NAME, "confused", bad, python=course["python"])


def test_the_capstone_goes_out_empty_and_comes_back_for_a_marker(course, tmp_path):
    name = "synthesis"
    source = nbformat.read(course["dir"] / "source" / name / f"{name}.ipynb", as_version=4)
    student = nbformat.read(course["dir"] / "release" / name / f"{name}.ipynb", as_version=4)
    model = next(c.source for c in source.cells if c.get("id") == "capstone-answer")
    written = next(c for c in student.cells if c.get("id") == "capstone-answer")
    assert written.cell_type == "markdown" and written.source.strip() == "YOUR ANSWER HERE"
    text = "\n".join(c.source for c in student.cells)
    assert "fictional" in text and "Marking rubric" in text, "the student sees the advert, the brief and the rubric"
    assert model.splitlines()[-1] not in text, "the model answer leaks into the student version"
    marks = next(c for c in source.cells if c.get("id") == "capstone-answer").metadata["nbgrader"]["points"]

    for cell in answers(student):
        original = next(c.source for c in source.cells if c.get("id") == cell.id)
        cell.source = "\n".join(line for line in original.splitlines() if "### " not in line)
    written.source = "Claim 1: the dopamine rise was measured in blood after an hour in 14 °C water, not in the brain."
    result = submit(course, tmp_path, student, "capstone-student", name=name)
    assert not result.problems, result.problems
    assert result.to_mark_by_hand == ["capstone-answer"]
    assert result.tests["capstone-answer"] == (0.0, float(marks))
    assert result.score == result.max_score - marks, "every autograded test passes; the capstone waits for a marker"
