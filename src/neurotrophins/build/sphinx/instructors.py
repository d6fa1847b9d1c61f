"""Instructor pages, generated from each chapter's notebook, quiz and lesson plan.

* ``{lesson-plan} book/<part>/<slug>`` writes a chapter's session plan: timings, objectives and what
  assesses each, discussion prompts, common misconceptions (with their evidence badges), the quiz
  answer key, the exercise answer keys, and a link to the chapter's slides.
* ``{objective-matrix}`` writes one table over all chapters in ``_toc.yml`` order: each objective
  and the quiz questions and exercises that assess it. An objective nobody assesses is a build
  warning (so ``-W`` fails), naming the chapter and the objective.
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ...quiz import ordered_options
from ..lessons import Lesson, LessonError, lesson, solution_text, solutions

logger = logging.getLogger(__name__)

SLIDES_DIR = "slides"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _parse(directive: SphinxDirective, lines: list[str], source: str) -> list[nodes.Node]:
    container = nodes.container(classes=["course-instructor"])
    directive.state.nested_parse(StringList(lines, source=source), directive.content_offset, container)
    return [container]


def _load(directive: SphinxDirective, docname: str) -> Lesson | None:
    path = Path(directive.env.srcdir) / f"{docname}.ipynb"
    directive.env.note_dependency(str(path))
    from ...quiz import quiz_path

    for sibling in (path.with_name(f"lesson-{path.stem}.yml"), quiz_path(path.stem)):
        directive.env.note_dependency(str(sibling))
    try:
        return lesson(path)
    except LessonError as err:
        logger.warning("%s", err, location=directive.get_location(), type="course", subtype="lesson")
        return None


def slides_href(fromdoc: str, slug: str) -> str:
    """Relative URL from an instructor page to a chapter's deck in ``_build/html/slides/``."""
    return site_href(fromdoc, f"{SLIDES_DIR}/{slug}.html")


def _clock(minute: int) -> str:
    return f"{minute // 60}:{minute % 60:02d}"


def _executed_solutions(env, docname: str) -> dict[str, list]:
    """The solutions of a chapter with their outputs, from the executed copy the build just wrote."""
    import nbformat

    path = Path(env.app.outdir).parent / "jupyter_execute" / f"{docname}.ipynb"
    source = path if path.is_file() else Path(env.srcdir) / f"{docname}.ipynb"
    return solutions(nbformat.read(source, as_version=4))


class LessonPlanDirective(SphinxDirective):
    """``{lesson-plan} book/<part>/<slug>``: a chapter's session plan, answer keys and assessment."""

    required_arguments = 1

    def run(self):
        docname = self.arguments[0].strip("/")
        plan = _load(self, docname)
        if plan is None:
            return []
        here = self.env.docname
        from ..slides import deck_notebook, outline

        segments = outline(deck_notebook(Path(self.env.srcdir), docname, executed=False)[0], len(plan.run_sheet))
        n_slides = max(s["last"] or 0 for s in segments)
        quiz_id = plan.quiz["id"]
        downloads = [
            f'<a href="{slides_href(here, plan.slug)}">slides</a> ({n_slides} slides; press S for speaker notes)',
            f'<a href="{site_href(here, f"pdf/{plan.slug}.pdf")}">chapter PDF</a>',
            f'<a href="{site_href(here, f"pdf/{plan.slug}-handout.pdf")}">one-page handout (PDF)</a>',
            f'<a href="{site_href(here, f"downloads/lms/{quiz_id}-moodle.xml")}" download>quiz for Moodle (XML)</a>',
            f'<a href="{site_href(here, f"downloads/lms/{quiz_id}-qti.zip")}" download>quiz for Canvas (QTI)</a>',
        ]
        from ..hub import page_link

        hub = page_link(self.env.config.html_theme_options, docname)
        if hub:
            downloads.append(f'<a href="{hub}">open in your JupyterHub</a> (an nbgitpuller link for students)')
        lines = [
            f"**Chapter:** {{doc}}`/{docname}` · **Session:** {plan.total_minutes} minutes · " + " · ".join(downloads),
            "",
            "### Run-sheet",
            "",
            "| Clock | Min | Activity | Slides | What to do |",
            "|---|---|---|---|---|",
        ]
        clock = 0
        for seg, shown in zip(plan.run_sheet, segments, strict=True):
            what = _cell(seg.do)
            if seg.poll:
                item = next(q for q in plan.quiz["questions"] if q["id"] == seg.poll)
                what += f" *Poll:* {_cell(item['prompt'])}"
            if seg.prompt:
                what += f" *Prompt:* {_cell(seg.prompt)}"
            if seg.answer:
                what += f" *Sample answer:* {_cell(seg.answer)}"
            if seg.exercise:
                what += f" *Exercise:* {{ref}}`{seg.exercise}`"
            slides = (
                ""
                if shown["first"] is None
                else (str(shown["first"]) if shown["first"] == shown["last"] else f"{shown['first']}-{shown['last']}")
            )
            when = f"{_clock(clock)}-{_clock(clock + seg.minutes)}"
            lines.append(f"| {when} | {seg.minutes} | {seg.activity} | {slides} | {what} |")
            clock += seg.minutes
        lines += [f"| | **{plan.total_minutes}** | | | |", ""]
        explorer_slides = sorted({n for shown in segments for n in shown["figures"]})
        lines += [
            "**No kernel in the room?** Everything above runs from the deck in a browser, offline: the static "
            f"explorers are on slide{'s' if len(explorer_slides) != 1 else ''} "
            f"{', '.join(map(str, explorer_slides)) or 'none'} and their sliders and buttons work without Python. "
            "Polls work by a show of hands or any voting tool; the exercises are solvable on paper.",
            "",
            "### Objectives and how each is assessed",
            "",
            "| | Learners will be able to | Quiz | Exercises | Exam |",
            "|---|---|---|---|---|",
        ]
        labels = {ex.label for ex in plan.exercises}
        for oid, text in plan.objectives.items():
            found = plan.assessed_by()[oid]
            quiz = ", ".join(f for f in found if f.startswith("Q")) or "none"
            exs = ", ".join(f"{{ref}}`{f}`" for f in found if f in labels) or "none"
            exam = ", ".join(f for f in found if f.startswith("E") and f not in labels) or "none"
            lines.append(f"| {oid} | {_cell(text)} | {quiz} | {exs} | {exam} |")
        if plan.think:
            lines += ["", "### Questions to think about, with sample answers", ""]
            lines += [f"{i}. {_cell(q)} *Sample answer:* {_cell(a)}" for i, (q, a) in enumerate(plan.think, start=1)]
        lines += ["", "### Discussion prompts", ""]
        lines += [f"{i}. {_cell(p)}" for i, p in enumerate(plan.discussion_prompts, start=1)]
        lines += [
            "",
            "### Common misconceptions",
            "",
            "| Learners may believe | What the evidence says | Evidence |",
            "|---|---|---|",
        ]
        for m in plan.misconceptions:
            badge = f"{{claim}}`{m['claim']}`" if m.get("claim") else ""
            lines.append(f"| {_cell(m['belief'])} | {_cell(m['correction'])} | {badge} |")
        lines += [
            "",
            "### Quiz answer key",
            "",
            "Options are lettered in the order the book, Jupyter and the slides show them.",
            "",
        ]
        for i, q in enumerate(plan.quiz["questions"], start=1):
            kind = q["kind"] + (f", revisits {q['revisits']}" if q.get("revisits") else "")
            if "options" in q:
                options = ordered_options(plan.quiz, q)
                k = next(j for j, o in enumerate(options) if o["correct"])
                answer, why = f"{'ABCDEF'[k]}. {options[k]['text']}", options[k]["feedback"]
            else:
                unit = f" {q['answer']['unit']}" if q["answer"].get("unit") else ""
                answer = f"{q['answer']['value']:g}{unit} (±{q['answer']['tolerance']:g})"
                why = q["feedback"]["correct"]
            lines.append(
                f"{i}. ({q['objective']}; {kind}) {_cell(q['prompt'])} **Answer:** {_cell(answer)} *Why:* {_cell(why)}"
            )
        lines += ["", "### Exercise answer keys", "", "From the worked solutions as the build executed them.", ""]
        solved = _executed_solutions(self.env, docname)
        for ex in plan.exercises:
            objectives = ", ".join(ex.objectives) or "none named"
            note = plan.exercise_notes.get(ex.label)
            lines.append(
                f"- {{ref}}`{ex.label}` ({objectives}): {_cell(solution_text(solved.get(ex.label, [])))}"
                + (f" *Teaching note:* {_cell(note)}" if note else "")
            )
        lines += ["", "### Exam questions and marking notes", ""]
        for i, e in enumerate(plan.exam, start=1):
            lines.append(
                f"{i}. ({e['objective']}, {e['marks']} marks) {_cell(e['question'])} *Marking:* {_cell(e['marking'])}"
            )
        lines.append("")
        return _parse(self, lines, f"{docname} lesson plan")


def site_href(fromdoc: str, path: str) -> str:
    """Relative URL from a page to a file at ``path`` under the site root (slides, downloads)."""
    return "../" * fromdoc.count("/") + path


class DownloadsDirective(SphinxDirective):
    """``{downloads}``: a table of every chapter with its executed notebook and slides, and the dataset zip."""

    def run(self):
        from ..downloads import DATASET_ZIP, DOWNLOADS
        from ..toc import toc_chapters

        here = self.env.docname
        lines = ["| Chapter | Executed notebook | Slides |", "|---|---|---|"]
        for docname in toc_chapters(Path(self.env.srcdir) / "_toc.yml"):
            slug = docname.rsplit("/", 1)[1]
            nb = site_href(here, f"{DOWNLOADS}/{slug}.ipynb")
            lines.append(
                f'| {{doc}}`/{docname}` | <a href="{nb}" download>{slug}.ipynb</a> | '
                f'<a href="{slides_href(here, slug)}">deck</a> |'
            )
        zip_href = site_href(here, f"{DOWNLOADS}/{DATASET_ZIP}")
        lines += [
            "",
            f"The whole dataset (CSV tables, `datapackage.json`, README, BibTeX): "
            f'<a href="{zip_href}" download>{DATASET_ZIP}</a>.',
            "",
        ]
        return _parse(self, lines, "downloads")


class ObjectiveMatrixDirective(SphinxDirective):
    """Every chapter's objectives against the assessments that cover them."""

    option_spec = {}

    def run(self):
        from ..toc import toc_chapters

        lines = ["| Chapter | Objective | Quiz questions | Exercises |", "|---|---|---|---|"]
        for docname in toc_chapters(Path(self.env.srcdir) / "_toc.yml"):
            plan = _load(self, docname)
            if plan is None:
                continue
            labels = {ex.label for ex in plan.exercises}
            for oid, found in plan.assessed_by().items():
                if not found:
                    logger.warning(
                        "%s: objective %s is assessed by no quiz question or exercise",
                        docname,
                        oid,
                        location=self.get_location(),
                        type="course",
                        subtype="lesson",
                    )
                quiz = ", ".join(f for f in found if f not in labels) or "**none**"
                exs = ", ".join(f for f in found if f in labels) or "none"
                lines.append(f"| {{doc}}`/{docname}` | {oid}: {_cell(plan.objectives.get(oid, ''))} | {quiz} | {exs} |")
        lines.append("")
        return _parse(self, lines, "objective matrix")


class HubCapacityDirective(SphinxDirective):
    """``{hub-capacity}``: the sizing table for a JupyterHub, from the figures ``make classroom`` measured."""

    def run(self):
        from ..hub import CAPACITY, sizing

        path = Path(self.env.srcdir) / CAPACITY
        self.env.note_dependency(str(path))
        size = sizing(json.loads(path.read_text(encoding="utf-8")))
        m = size["machine"]
        lines = [
            f"Measured by `make classroom` on {size['date']}: {size['students']} students logged in at once on a "
            f"machine with {m['cpus']} cores and {m['memory_gb']} GB ({m['system']}, Python {m['python']}, load "
            f"average {m['load_average_before']} when the run began), each pulling the course and running "
            f"chapter 1 in a kernel of their own. Failures: {len(size['failures'])}.",
            "",
            "| Measure | Median | 95th percentile |",
            "|---|---|---|",
            f"| Time from login to a running server (s) | {size['spawn_seconds']['median']:g} | "
            f"{size['spawn_seconds']['p95']:g} |",
            f"| Time to run chapter 1, all students at once (s) | {size['chapter_run_seconds']['median']:g} | "
            f"{size['chapter_run_seconds']['p95']:g} |",
            f"| Memory per student, server and kernel (MB) | {size['peak_memory_mb']['median']:g} | "
            f"{size['peak_memory_mb']['p95']:g} |",
            "",
            "| Sizing | Figure |",
            "|---|---|",
            f"| Students per GB of memory (at the 95th-percentile peak) | {size['students_per_gb']:.1f} |",
            f"| Students per core, all running a chapter at the same moment | {size['students_per_core']:g} |",
            f"| 200 students working at once: memory | {size['memory_gb_200']:g} GB, plus about 2 GB for the "
            "hub and the system |",
            f"| 200 students working at once: cores | {size['cores_200']:g} |",
            "",
        ]
        return _parse(self, lines, "hub capacity")


def setup(app) -> None:
    app.add_directive("hub-capacity", HubCapacityDirective)
    app.add_directive("lesson-plan", LessonPlanDirective)
    app.add_directive("objective-matrix", ObjectiveMatrixDirective)
    app.add_directive("downloads", DownloadsDirective)
