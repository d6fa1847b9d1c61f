"""Autograded assignments made from the chapters: the fill-in exercises, graded by nbgrader.

Why nbgrader (and not otter-grader): it is the grader JupyterHub deployments already run. An instructor
releases, collects, autogrades and returns assignments from inside the hub (its formgrader and exchange),
a student version is generated from a source notebook by the same tool that grades it, and read-only and
test cells are restored from the source before grading (``OverwriteCells``), deleted test cells included.
otter-grader isolates a submission with Docker, which a hub's single-user server does not offer.

Nothing here is a second copy of the course. ``python -m neurotrophins.build.assignments`` (``make
assignments``) reads each chapter notebook and writes an nbgrader course directory, ``_build/nbgrader/``:

* ``source/<slug>/<slug>.ipynb``: the chapter's setup cell, then for each fill-in exercise its text, the
  cells it gives, an answer cell holding the worked solution (the student sees the chapter's own fill-in
  cell there), a test with the chapter's own check (visible, 1 point) and a hidden test (1 point) that
  compares the answer with the worked solution on cases the check never shows
  (:func:`neurotrophins.checks.agrees_on_unseen_cases`), or with the solution's value for an answer that
  is not a function;
* ``nbgrader_config.py``: the course's nbgrader settings (:mod:`.grading`): the chapter's fill-in cell as
  the student's starting point, a time limit on every cell, deleted test cells restored, and each
  submission run in a kernel that cannot read the source or the gradebook when grading runs as root;
* ``release/<slug>/<slug>.ipynb``: the student version (``nbgrader generate_assignment``).
"""

from __future__ import annotations

import ast
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .lessons import notebook_exercises, solutions
from .markdown import myst_to_markdown
from .toc import toc_chapters

COURSE_DIR = Path("_build") / "nbgrader"
CHECK_POINTS = 1
HIDDEN_POINTS = 1

CONFIG = """\
# nbgrader settings of the course (written by `python -m neurotrophins.build.assignments`; see
# neurotrophins.build.grading): chapter fill-in cells as the student's starting point, per-cell time
# limits, deleted test cells restored, and a sandboxed kernel when grading runs as root.
from neurotrophins.build.grading import configure

configure(get_config())  # noqa: F821 - nbgrader provides get_config
"""


@dataclass(frozen=True)
class Capstone:
    """A chapter's capstone as plain Markdown, and the marks its rubric gives."""

    text: str
    tasks: str
    rubric: str
    model_answer: str
    marks: int


class AssignmentError(ValueError):
    """A chapter's exercise cannot become an autograded assignment; the message names the chapter and cell."""


@dataclass(frozen=True)
class FillIn:
    """One fill-in exercise of a chapter, as the assignment needs it."""

    label: str
    text: str  #: the exercise's statement, as plain Markdown
    given: tuple[str, ...]  #: code cells the exercise gives, between its statement and the fill-in cell
    stub: str  #: the chapter's fill-in cell without its final check call
    answer: str  #: the name the learner completes (a function or a variable)
    check: str  #: the check call's target, e.g. ``check.adult_born_share``
    check_import: str  #: the import that binds the check's module
    solution: str  #: the worked solution's code, up to the definition of ``answer``
    is_function: bool


def _binding_import(sources: list[str], alias: str) -> str | None:
    """The ``from ... import ... as alias`` (or ``import ... as alias``) statement in ``sources``."""
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom | ast.Import):
                for name in node.names:
                    if (name.asname or name.name) == alias:
                        if isinstance(node, ast.ImportFrom):
                            return f"from {node.module} import {name.name}" + (f" as {alias}" if name.asname else "")
                        return f"import {name.name}" + (f" as {alias}" if name.asname else "")
    return None


def _lines(source: str, first: int, last: int) -> str:
    return "\n".join(source.splitlines()[first - 1 : last])


def _definition(source: str, name: str) -> ast.stmt | None:
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return node
    return None


def fill_ins(nb, where: str) -> list[FillIn]:
    """The fill-in exercises of a chapter notebook (cells tagged ``raises-exception``), in order.

    Raises
    ------
    AssignmentError
        Naming ``where`` and the cell, when a fill-in cell does not end with its check call, or its check,
        statement or worked solution cannot be found.
    """
    from ..data import load

    refs = load("references").set_index("key", drop=False)
    claims = load("claims").set_index("id", drop=False)
    statements = {ex.label: ex for ex in notebook_exercises(nb)}
    solved = solutions(nb)
    setup = [c.source for c in nb.cells if c.cell_type == "code" and "remove-cell" not in c.metadata.get("tags", [])]
    found = []
    last_exercise: tuple[int, str] | None = None
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            m = re.search(r"```\{exercise\}[^\n]*\n(?::[^\n]*\n)*", cell.source)
            label = re.search(r"^:label:\s*(\S+)", cell.source, re.M)
            if m and label:
                last_exercise = (index, label.group(1))
            continue
        if "raises-exception" not in cell.metadata.get("tags", []):
            continue
        name = f"{where}, cell {cell.get('id', index)}"
        if last_exercise is None:
            raise AssignmentError(f"{name}: a fill-in cell with no {{exercise}} before it")
        start, label = last_exercise
        tree = ast.parse(cell.source)
        call = tree.body[-1] if tree.body else None
        if not (
            isinstance(call, ast.Expr)
            and isinstance(call.value, ast.Call)
            and isinstance(call.value.func, ast.Attribute)
            and isinstance(call.value.func.value, ast.Name)
            and len(call.value.args) == 1
            and isinstance(call.value.args[0], ast.Name)
        ):
            raise AssignmentError(f"{name}: a fill-in cell must end with its check, e.g. check.some_check(answer)")
        alias, answer = call.value.func.value.id, call.value.args[0].id
        given = tuple(c.source for c in nb.cells[start + 1 : index] if c.cell_type == "code" and c.source.strip())
        check_import = _binding_import([cell.source, *given, *setup], alias)
        if check_import is None:
            raise AssignmentError(f"{name}: no import binds {alias!r}")
        code = [c.source for c in solved.get(label, []) if c.cell_type == "code"]
        definition = next(((src, d) for src in code if (d := _definition(src, answer)) is not None), None)
        if definition is None:
            raise AssignmentError(f"{name}: the solution of {label} does not define {answer!r}")
        source, node = definition
        solution = _lines(source, 1, node.end_lineno).rstrip()
        # Imports the fill-in cell makes for itself (the worked solution may rely on them having run).
        imports = [
            _lines(cell.source, n.lineno, n.end_lineno)
            for n in tree.body
            if isinstance(n, ast.Import | ast.ImportFrom)
            and _lines(cell.source, n.lineno, n.end_lineno) not in solution
        ]
        if imports:
            solution = "\n".join(imports) + "\n\n\n" + solution
        statement = statements.get(label)
        if statement is None:
            raise AssignmentError(f"{name}: no {{exercise}} labelled {label}")
        found.append(
            FillIn(
                label=label,
                text=myst_to_markdown(
                    f"**Exercise: {statement.title}**\n\n{statement.statement}", refs, claims, target="notebook"
                ),
                given=given,
                stub=_lines(cell.source, 1, call.lineno - 1).rstrip(),
                answer=answer,
                check=f"{alias}.{call.value.func.attr}",
                check_import=check_import,
                solution=solution,
                is_function=isinstance(node, ast.FunctionDef),
            )
        )
    return found


def _reference(fill: FillIn) -> str:
    """The worked solution's definition of the answer, renamed ``_reference``."""
    node = _definition(fill.solution, fill.answer)
    text = _lines(fill.solution, node.lineno, node.end_lineno)
    if fill.is_function:
        return re.sub(rf"^def {re.escape(fill.answer)}\(", "def _reference(", text, count=1)
    value = text.split("=", 1)[1].strip()
    return f"_reference = {value}"


def _cell(kind: str, source: str, grade_id: str, *, solution=False, grade=False, points=0, locked=False, **extra):
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = make(source)
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    meta["task"] = False
    if grade:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta
    cell.metadata.update(extra)
    cell.id = grade_id
    return cell


def capstone(path: Path) -> Capstone | None:
    """The capstone of the chapter notebook ``path`` (its lesson plan's ``capstone:``), or None without one.

    Raises
    ------
    AssignmentError
        If the rubric does not state its total as "(N marks)".
    """
    from ..data import load
    from .lessons import lesson

    if not path.with_name(f"lesson-{path.stem}.yml").is_file():
        return None
    parts = lesson(path).capstone
    if not parts:
        return None
    m = re.search(r"\((\d+) marks\)", parts["rubric"])
    if not m:
        raise AssignmentError(f"{path}: the capstone rubric must state its total as '(N marks)'")
    refs = load("references").set_index("key", drop=False)
    claims = load("claims").set_index("id", drop=False)
    plain = {k: myst_to_markdown(v, refs, claims, target="notebook") for k, v in parts.items()}
    return Capstone(plain["text"], plain["tasks"], plain["rubric"], plain["model_answer"], int(m.group(1)))


def source_notebook(root: Path, docname: str):
    """The nbgrader source notebook of chapter ``docname``, or None when it has no fill-in exercise."""
    path = Path(root) / f"{docname}.ipynb"
    nb = nbformat.read(path, as_version=4)
    fills = fill_ins(nb, str(path.relative_to(root)))
    if not fills:
        return None
    written = capstone(path)
    title = next(
        (
            m.group(1)
            for c in nb.cells
            if c.cell_type == "markdown"
            for m in [re.search(r"^# (.+)$", c.source, re.M)]
            if m
        ),
        docname,
    )
    setup = next(
        c.source for c in nb.cells if c.cell_type == "code" and "remove-cell" not in c.metadata.get("tags", [])
    )
    points = len(fills) * (CHECK_POINTS + HIDDEN_POINTS)
    marked_by_hand = (
        f" The capstone at the end is marked by hand with its rubric ({written.marks} points)." if written else ""
    )
    cells = [
        _cell(
            "markdown",
            f"# Assignment: {title}\n\n"
            f"The fill-in exercises of the chapter, graded ({points} points). Run the cells from the top. In each "
            "answer cell complete the code and delete the `raise NotImplementedError` line; the test under it runs "
            "the chapter's check and tells you at once what to look at (1 point). When your notebook is graded, a "
            "hidden test also tries your answer on cases the check does not show (1 point). Keep the chapter open "
            "beside this notebook: the exercises refer to its text, figures and equations.\n\n"
            "Do not delete, split or rename cells: read-only and test cells are restored from the original when "
            f"your notebook is graded. Every cell has a time limit.{marked_by_hand} Education, not medical advice.",
            "header",
            locked=True,
        ),
        _cell("code", setup, "setup", locked=True),
    ]
    for fill in fills:
        cells.append(_cell("markdown", fill.text, f"{fill.label}-text", locked=True))
        for n, given in enumerate(fill.given, start=1):
            cells.append(_cell("code", given, f"{fill.label}-given-{n}", locked=True))
        cells.append(
            _cell(
                "code",
                f"### BEGIN SOLUTION\n{fill.solution}\n### END SOLUTION",
                f"{fill.label}-answer",
                solution=True,
                neurotrophins={"stub": fill.stub},
            )
        )
        cells.append(
            _cell(
                "code",
                f"{fill.check_import}\n\nfeedback = {fill.check}({fill.answer})\nprint(feedback)\n"
                'assert feedback, "not yet: read the feedback above"',
                f"{fill.label}-check",
                grade=True,
                points=CHECK_POINTS,
                locked=True,
            )
        )
        if fill.is_function:
            hidden = (
                f"{fill.check_import}\nfrom neurotrophins.checks import agrees_on_unseen_cases\n\n"
                f"{_reference(fill)}\n\n\n"
                f"unseen = agrees_on_unseen_cases({fill.check}, {fill.answer}, _reference)\n"
                "assert unseen, str(unseen)"
            )
        else:
            hidden = (
                f"{_reference(fill)}\n\n"
                f"assert type(_reference)({fill.answer}) == _reference, "
                '"your answer differs from the worked solution"'
            )
        cells.append(
            _cell(
                "code",
                "# A hidden test: it runs when your notebook is graded.\n"
                f"### BEGIN HIDDEN TESTS\n{hidden}\n### END HIDDEN TESTS",
                f"{fill.label}-hidden",
                grade=True,
                points=HIDDEN_POINTS,
                locked=True,
            )
        )
    if written:
        cells += [
            _cell("markdown", f"## Capstone\n\n{written.text}", "capstone-text", locked=True),
            _cell("markdown", written.tasks, "capstone-tasks", locked=True),
            _cell("markdown", written.rubric, "capstone-rubric", locked=True),
            # The instructor's copy holds the model answer; the student's starts empty (nbgrader's text stub).
            _cell(
                "markdown",
                f"**Model answer (for the marker)**\n\n{written.model_answer}",
                "capstone-answer",
                solution=True,
                grade=True,
                points=written.marks,
            ),
        ]
    out = nbformat.v4.new_notebook(cells=cells)
    out.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    out.metadata["language_info"] = {"name": "python"}
    return out


def write_course(root: Path, course: Path) -> list[str]:
    """Write the nbgrader course directory ``course``: its settings and one source notebook per chapter."""
    course.mkdir(parents=True, exist_ok=True)
    (course / "nbgrader_config.py").write_text(CONFIG, encoding="utf-8")
    written = []
    for docname in toc_chapters(Path(root) / "_toc.yml"):
        nb = source_notebook(Path(root), docname)
        if nb is None:
            continue
        slug = Path(docname).name
        target = course / "source" / slug / f"{slug}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)
        written.append(slug)
    return written


def generate(course: Path, assignments: list[str]) -> None:
    """Make the student versions (``release/``) with nbgrader's generate_assignment, with the course's settings.

    Raises
    ------
    AssignmentError
        Naming the assignment and nbgrader's log, if nbgrader could not generate it.
    """
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    from .grading import configure, tools_path

    config = Config()
    configure(config)
    config.CourseDirectory.root = str(Path(course).resolve())
    config.Exchange.root = str(Path(course).resolve() / "exchange")  # a hub's exchange is set by its admin
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    path = os.environ.get("PATH")
    os.environ["PATH"] = tools_path()  # nbgrader runs alembic by name to set up its gradebook
    try:
        results = {name: api.generate_assignment(name, force=True) for name in assignments}
    finally:
        if path is None:
            os.environ.pop("PATH", None)
        else:
            os.environ["PATH"] = path
    for name, result in results.items():
        if not result["success"]:
            raise AssignmentError(f"{course}: nbgrader could not generate {name}: {result.get('log', '')[-2000:]}")


def main() -> int:
    root = Path.cwd()
    course = root / COURSE_DIR
    try:
        names = write_course(root, course)
        generate(course, names)
    except AssignmentError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"wrote {len(names)} assignments to {course}: {', '.join(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
