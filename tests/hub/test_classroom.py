"""A class on a real JupyterHub: students follow nbgitpuller links, pull the course and run a chapter.

TEST-ONLY hub (see ``neurotrophins.build.classroom``): dummy login and throw-away local accounts on
127.0.0.1, running the environment Binder builds from ``binder/``. Three students here; ``make classroom``
runs the same with more and measures capacity.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from neurotrophins.build.classroom import Classroom
from neurotrophins.build.hub import nbgitpuller_link

from ..helpers import ROOT, toc_chapters
from ..site.conftest import CHROMIUM

CHAPTER = f"{toc_chapters()[0]}.ipynb"
STUDENTS = 3


@pytest.fixture(scope="module")
def classroom():
    folder = Path("/tmp") / f"nt-classroom-{uuid.uuid4().hex[:8]}"  # students must be able to reach it
    with Classroom(ROOT, STUDENTS, folder) as room:
        with ThreadPoolExecutor(STUDENTS) as pool:  # every student logs in at once
            room.spawn_times = list(pool.map(room.spawn, room.students))
        room.tokens = {name: room.user_token(name) for name in room.students}
        yield room
    shutil.rmtree(folder, ignore_errors=True)


def test_the_link_a_lecturer_hands_out_is_what_nbgitpuller_reads():
    link = nbgitpuller_link("https://hub.example.edu/", "https://github.com/org/course", "main", CHAPTER)
    parts = urlsplit(link)
    assert parts.path == "/hub/user-redirect/git-pull"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query == {"repo": "https://github.com/org/course", "branch": "main", "urlpath": f"lab/tree/course/{CHAPTER}"}


def test_every_student_pulls_the_course_and_runs_the_chapter_in_their_own_kernel(classroom):
    assert len(classroom.spawn_times) == STUDENTS

    def pull_and_run(name):
        token = classroom.tokens[name]
        classroom.pull(name, token)
        return classroom.run_notebook(name, token, f"neurotrophins-course/{CHAPTER}")

    with ThreadPoolExecutor(STUDENTS) as pool:
        results = dict(zip(classroom.students, pool.map(pull_and_run, classroom.students), strict=True))
    for name, result in results.items():
        assert result["errors"] == [], f"{name}: {result['errors']}"
        assert result["cells"] > 10


def test_a_student_follows_the_link_in_a_browser_and_the_chapter_runs_in_jupyterlab(classroom):
    from playwright.sync_api import sync_playwright

    name = classroom.students[0]
    link = classroom.link(CHAPTER)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(link)
        page.fill("input[name=username]", name)
        page.fill("input[name=password]", "any")
        page.click("input[type=submit], button[type=submit]")
        page.wait_for_url("**/lab/tree/neurotrophins-course/**", timeout=120_000)
        page.wait_for_function("window.jupyterapp === undefined || true")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
        title = page.locator(".jp-Notebook .jp-MarkdownCell h1").first.inner_text()
        assert "BDNF" in title
        browser.close()


def test_a_second_pull_brings_the_update_and_keeps_the_students_own_edits(classroom):
    name = classroom.students[1]
    token = classroom.tokens[name]
    path = f"neurotrophins-course/{CHAPTER}"
    classroom.pull(name, token)
    model = classroom.contents(name, token, path)
    cells = model["content"]["cells"]
    mine = next(
        i
        for i, c in enumerate(cells)
        if c["cell_type"] == "markdown" and "## Learning objectives" in "".join(c["source"])
    )
    cells[mine]["source"] = "".join(cells[mine]["source"]) + "\n\nMy own note: ask about TrkB.T1 in class."
    classroom.contents(name, token, path, {"type": "notebook", "format": "json", "content": model["content"]})

    def edit(repo: Path) -> None:
        intro = repo / "book" / "intro.md"
        intro.write_text(intro.read_text(encoding="utf-8") + "\nAn announcement from the lecturer.\n", encoding="utf-8")
        nb = json.loads((repo / CHAPTER).read_text(encoding="utf-8"))
        last = next(c for c in reversed(nb["cells"]) if c["cell_type"] == "markdown")
        last["source"] = ["A lecturer's update at the end of the chapter.\n\n"] + last["source"]
        (repo / CHAPTER).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    from neurotrophins.build.classroom import publish

    publish(classroom.publisher, "A course update during term", edit)
    classroom.pull(name, token)
    text = json.dumps(classroom.contents(name, token, path)["content"])
    assert "My own note: ask about TrkB.T1 in class." in text, "the student's edit was lost"
    assert "A lecturer's update at the end of the chapter." in text, "the update did not arrive in the same notebook"
    intro = classroom.contents(name, token, "neurotrophins-course/book/intro.md")["content"]
    assert "An announcement from the lecturer." in intro


def test_one_student_cannot_read_anothers_files(classroom):
    first, second = classroom.students[0], classroom.students[2]
    classroom.pull(second, classroom.tokens[second])
    home = Path(f"/home/{second}")
    target = home / "neurotrophins-course" / "README.md"
    assert target.is_file()
    denied = subprocess.run(["runuser", "-u", first, "--", "cat", str(target)], capture_output=True, text=True)
    assert denied.returncode != 0 and "Permission denied" in denied.stderr
    with pytest.raises(Exception) as err:  # and not through the first student's Jupyter server either
        classroom.contents(first, classroom.tokens[first], f"../{second}/neurotrophins-course/README.md")
    assert "404" in str(err.value) or "403" in str(err.value)
    with pytest.raises(Exception) as err:  # nor with the second student's server and the first student's token
        classroom.contents(second, classroom.tokens[first], "neurotrophins-course/README.md")
    assert "403" in str(err.value) or "404" in str(err.value)
