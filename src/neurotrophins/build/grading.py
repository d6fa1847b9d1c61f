"""Grading the course's assignments with nbgrader: settings, a sandboxed kernel, and one call per submission.

:func:`configure` is what the course directory's ``nbgrader_config.py`` runs (see :mod:`.assignments`):

* the student version starts from the chapter's own fill-in cell (:class:`ChapterStubs`), not from
  nbgrader's generic ``# YOUR CODE HERE`` stub;
* every cell has a time limit (``Execute.timeout``) and a cell that runs too long is interrupted;
* a test cell a student deleted is put back before grading (``OverwriteCells.add_missing_cells``), and
  every read-only or test cell a student changed is restored from the source;
* when grading runs as root, each submission runs in a kernel of its own under an unprivileged account
  (:data:`SANDBOX_USER`), in an empty folder, with limits on memory, processes and file size
  (:class:`SandboxedKernelManager`): it cannot read the source notebooks (where the hidden tests are), the
  gradebook, or other submissions, and it cannot signal the grader.

:func:`grade` scores one submitted notebook: it runs ``nbgrader autograde`` in a process of its own under
a wall-clock limit (a submission that hangs every cell, or kills its kernel, still gets a score: the
points of the tests that passed), then ``nbgrader generate_feedback``, and returns the points per test
cell with the feedback page.

What a sandbox cannot do: the hidden tests run in the same kernel as the student's code, after it (that
is how notebook autograders work), so a submission written to tamper with the tests it will meet can
pass them. Hidden tests deter answers fitted to the visible checks; they are not an exam lock.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbformat import NotebookNode
from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions, Execute

SANDBOX_USER = "nt-grader"
#: Per-cell time limit (seconds; ``NT_GRADER_CELL_TIMEOUT`` overrides it) and the limit on a whole grading run.
CELL_TIMEOUT = 30
RUN_TIMEOUT = 600
#: Limits of a sandboxed kernel: address space, processes of the account, size of a file it writes.
LIMITS = ["--as=4000000000", "--nproc=512", "--fsize=100000000"]


class GradingError(RuntimeError):
    """A submission cannot be graded; the message says which and why."""


class ChapterStubs(ClearSolutions):
    """Replace a solution cell with the chapter's fill-in cell (``metadata.neurotrophins.stub``)."""

    def _replace_solution_region(self, cell, language: str) -> bool:
        stub = cell.metadata.get("neurotrophins", {}).get("stub")
        if stub is None or self.begin_solution_delimeter not in cell.source:
            return super()._replace_solution_region(cell, language)
        cell.source = stub
        del cell.metadata["neurotrophins"]
        return True


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel under :data:`SANDBOX_USER`, in its own empty folder, when ``NT_GRADER_SANDBOX`` names a folder.

    ``NT_GRADER_PYTHON`` is the Python the kernel runs (it must be one that account can run); without
    ``NT_GRADER_SANDBOX`` this is an ordinary kernel manager.
    """

    _sandbox: str | None = None

    async def _async_pre_start_kernel(self, **kw):
        parent = os.environ.get("NT_GRADER_SANDBOX")
        if parent:
            self._sandbox = tempfile.mkdtemp(dir=parent, prefix="kernel-")
            self.connection_file = os.path.join(self._sandbox, "kernel.json")
        return await super()._async_pre_start_kernel(**kw)

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        python = os.environ.get("NT_GRADER_PYTHON")
        if python and Path(kernel_cmd[0]).name.startswith("python"):
            kernel_cmd = [python, *kernel_cmd[1:]]
        if self._sandbox:
            account = pwd.getpwnam(SANDBOX_USER)
            for path in (self._sandbox, self.connection_file):
                os.chown(path, account.pw_uid, account.pw_gid)
            kernel_cmd = [
                "prlimit",
                *LIMITS,
                "--",
                "setpriv",
                f"--reuid={account.pw_uid}",
                f"--regid={account.pw_gid}",
                "--clear-groups",
                "--",
                *kernel_cmd,
            ]
            kw["cwd"] = self._sandbox
            kw["env"] = {
                "HOME": self._sandbox,
                "PATH": "/usr/local/bin:/usr/bin:/bin",
                "LANG": "C.UTF-8",
                "PYTHONNOUSERSITE": "1",
                "MPLBACKEND": "Agg",
            }
        return await super()._async_launch_kernel(kernel_cmd, **kw)


def _error(text: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename="KernelStopped", evalue=text, traceback=[f"KernelStopped: {text}"])


class SandboxedExecute(Execute):
    """nbgrader's Execute preprocessor with :class:`SandboxedKernelManager`, surviving a kernel that dies.

    When a submission ends its own kernel, the cell that did it and every code cell after it get an error
    output, so no test that never ran is counted as passed (nbgrader gives a test cell without an error
    its points); the cells before keep what they earned.
    """

    def __init__(self, *args, **kwargs):
        kwargs["kernel_manager_class"] = SandboxedKernelManager
        super().__init__(*args, **kwargs)

    def preprocess(self, nb, resources=None, km=None):
        self._stopped = False
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell, resources, index):
        from nbclient.exceptions import DeadKernelError

        if self._stopped:
            if cell.cell_type == "code":
                cell.outputs = [_error("the kernel had stopped before this cell ran")]
            return cell, self.resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._stopped = True
            cell.outputs.append(_error("the kernel stopped while this cell ran (the code ended its own kernel)"))
            return cell, self.resources


class HideHiddenTests(ClearHiddenTests):
    """In the feedback a student gets, a hidden test shows its result and message, not its code."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or self.begin_test_delimeter not in cell.source:
            return cell, resources
        cell.source = "# A hidden test: its code stays with your instructor."
        outputs = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                message = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip()
                outputs.append({"output_type": "stream", "name": "stdout", "text": f"Not passed. {message}\n"})
        cell.outputs = [NotebookNode(o) for o in outputs]
        return cell, resources


def configure(c) -> None:
    """The course's nbgrader settings, applied to the config object ``c`` of an ``nbgrader_config.py``."""
    from nbgrader.converters import Autograde, GenerateAssignment, GenerateFeedback

    generate = GenerateAssignment.class_traits()["preprocessors"].default()
    autograde = Autograde.class_traits()["autograde_preprocessors"].default()
    c.GenerateAssignment.preprocessors = [ChapterStubs if p is ClearSolutions else p for p in generate]
    c.Autograde.autograde_preprocessors = [SandboxedExecute if p is Execute else p for p in autograde]
    feedback = GenerateFeedback.class_traits()["preprocessors"].default()
    c.GenerateFeedback.preprocessors = [HideHiddenTests, *feedback]
    c.Execute.timeout = int(os.environ.get("NT_GRADER_CELL_TIMEOUT", CELL_TIMEOUT))
    c.Execute.interrupt_on_timeout = True
    c.OverwriteCells.add_missing_cells = True
    c.CourseDirectory.db_url = "sqlite:///gradebook.db"
    c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}


@dataclass
class Result:
    """The grade of one submission."""

    student: str
    assignment: str
    score: float
    max_score: float
    tests: dict[str, tuple[float, float]] = field(default_factory=dict)  #: test cell -> (points, of)
    feedback: Path | None = None  #: the feedback page nbgrader wrote for the student
    problems: list[str] = field(default_factory=list)  #: what went wrong while grading, if anything
    to_mark_by_hand: list[str] = field(default_factory=list)  #: answer cells a marker scores (the capstone)
    sandboxed: bool = False


def tools_path() -> str:
    """``PATH`` with this Python's scripts folder first: nbgrader runs ``alembic`` and its own apps by name,
    which are found there even when the virtual environment is not activated (``make`` does not activate it)."""
    return os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", os.defpath)])


def ensure_sandbox_user() -> None:
    """Create :data:`SANDBOX_USER` (a system account with no home and no login) if it does not exist."""
    try:
        pwd.getpwnam(SANDBOX_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SANDBOX_USER],
            check=True,
        )


def _can_run(python: str) -> bool:
    account = pwd.getpwnam(SANDBOX_USER)
    probe = subprocess.run(
        [
            "setpriv",
            f"--reuid={account.pw_uid}",
            f"--regid={account.pw_gid}",
            "--clear-groups",
            "--",
            python,
            "-c",
            "import ipykernel, neurotrophins",
        ],
        cwd="/",
        capture_output=True,
        timeout=120,
    )
    return probe.returncode == 0


def _run(command: list[str], course: Path, env: dict, timeout: float) -> tuple[int | None, str]:
    """Run ``command`` in its own process group; kill the group when ``timeout`` passes (returns None)."""
    with subprocess.Popen(
        command, cwd=course, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    ) as proc:
        try:
            out, _ = proc.communicate(timeout=timeout)
            return proc.returncode, out.decode(errors="replace")
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
            return None, out.decode(errors="replace")


def grade(
    course: Path,
    assignment: str,
    student: str,
    notebook: Path,
    *,
    python: str | None = None,
    timeout: float = RUN_TIMEOUT,
) -> Result:
    """Autograde ``notebook`` as ``student``'s submission of ``assignment`` in the nbgrader course ``course``.

    Parameters
    ----------
    course : Path
        An nbgrader course directory written by :mod:`.assignments`, its assignments generated.
    python : str, optional
        The Python the kernel runs (default: this one). When grading as root it must be one the sandbox
        account can run, such as the students' environment on a hub.
    timeout : float
        Seconds the whole run may take; a run that takes longer is stopped and scores the tests that had
        passed by then (none, if the gradebook was not written).

    Raises
    ------
    GradingError
        If the assignment does not exist, the notebook is not a notebook, or the sandbox account cannot run
        ``python``.
    """
    import nbformat
    from nbgrader.api import Gradebook, MissingEntry

    course = Path(course).resolve()
    release = course / "source" / assignment / f"{assignment}.ipynb"
    if not release.is_file():
        raise GradingError(f"{course}: no assignment {assignment!r} (run make assignments)")
    try:
        nbformat.read(notebook, as_version=4)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is reported, not raised from nbformat
        raise GradingError(f"{notebook}: not a readable notebook ({type(exc).__name__}: {exc})") from exc
    submitted = course / "submitted" / student / assignment
    shutil.rmtree(submitted, ignore_errors=True)
    submitted.mkdir(parents=True)
    shutil.copy(notebook, submitted / f"{assignment}.ipynb")
    (submitted / "timestamp.txt").write_text(time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()))

    # A broken nbgrader_config.py must stop grading, not fall back to nbgrader's defaults.
    env = {
        **os.environ,
        "PATH": tools_path(),
        "NT_GRADER_PYTHON": python or sys.executable,
        "TRAITLETS_APPLICATION_RAISE_CONFIG_FILE_ERROR": "1",
    }
    sandbox = None
    if os.geteuid() == 0:
        ensure_sandbox_user()
        if not _can_run(env["NT_GRADER_PYTHON"]):
            raise GradingError(
                f"the sandbox account {SANDBOX_USER} cannot run {env['NT_GRADER_PYTHON']} with the course "
                "installed; pass a Python every account can run (make hub builds one: the students' environment)"
            )
        os.chmod(course, 0o700)  # the source notebooks and the gradebook stay unreadable to the kernel
        sandbox = tempfile.mkdtemp(prefix="nt-grade-")
        os.chmod(sandbox, 0o711)
        env["NT_GRADER_SANDBOX"] = sandbox
    problems = []
    try:
        command = [sys.executable, "-m", "nbgrader", "autograde", assignment, "--student", student, "--force"]
        code, log = _run(command, course, env, timeout)
        if code is None:
            problems.append(f"grading stopped after {timeout:.0f} s")
        elif code != 0:
            problems.append(f"nbgrader autograde failed: {log.strip().splitlines()[-1] if log.strip() else code}")
    finally:
        if sandbox:
            shutil.rmtree(sandbox, ignore_errors=True)

    tests: dict[str, tuple[float, float]] = {}
    to_mark_by_hand: list[str] = []
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        source = gradebook.find_notebook(assignment, assignment)
        for cell in source.grade_cells:
            tests[cell.name] = (0.0, float(cell.max_score))
        try:
            submission = gradebook.find_submission_notebook(assignment, assignment, student)
            for g in submission.grades:
                tests[g.name] = (float(g.score or 0.0), float(g.max_score))
                if g.needs_manual_grade:
                    to_mark_by_hand.append(g.name)
        except MissingEntry:
            problems.append("the gradebook holds no grade for this submission")
    feedback = None
    if not problems:
        code, log = _run(
            [sys.executable, "-m", "nbgrader", "generate_feedback", assignment, "--student", student, "--force"],
            course,
            env,
            timeout,
        )
        page = course / "feedback" / student / assignment / f"{assignment}.html"
        feedback = page if page.is_file() else None
    return Result(
        student=student,
        assignment=assignment,
        score=sum(p for p, _ in tests.values()),
        max_score=sum(m for _, m in tests.values()),
        tests=tests,
        feedback=feedback,
        problems=problems,
        to_mark_by_hand=to_mark_by_hand,
        sandboxed=sandbox is not None,
    )


def main(argv: list[str] | None = None) -> int:
    import argparse

    from .assignments import COURSE_DIR

    parser = argparse.ArgumentParser(description="grade one submitted notebook of an assignment")
    parser.add_argument("assignment")
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--student", default="student")
    parser.add_argument("--course", type=Path, default=COURSE_DIR)
    parser.add_argument("--python", help="the Python the kernel runs (default: this one)")
    args = parser.parse_args(argv)
    try:
        result = grade(args.course, args.assignment, args.student, args.notebook, python=args.python)
    except GradingError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(json.dumps({**result.__dict__, "feedback": str(result.feedback)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
