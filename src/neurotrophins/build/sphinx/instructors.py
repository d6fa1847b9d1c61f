"""Instructor pages, generated from each chapter's notebook, quiz and lesson plan.

* ``{lesson-plan} book/<part>/<slug>`` writes a chapter's session plan: timings, objectives and what
  assesses each, discussion prompts, common misconceptions (with their evidence badges), the quiz
  answer key, the exercise answer keys, and a link to the chapter's slides.
* ``{objective-matrix}`` writes one table over all chapters in ``_toc.yml`` order: each objective
  and the quiz questions and exercises that assess it. An objective nobody assesses is a build
  warning (so ``-W`` fails), naming the chapter and the objective.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ...quiz import quiz_path
from ..lessons import Lesson, LessonError, lesson

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
    # Only files that exist: Sphinx reads a page again on every build while one of its dependencies is missing.
    for sibling in (path.with_name(f"lesson-{path.stem}.yml"), quiz_path(path.stem)):
        if sibling.is_file():
            directive.env.note_dependency(str(sibling))
    try:
        return lesson(path)
    except LessonError as err:
        logger.warning("%s", err, location=directive.get_location(), type="course", subtype="lesson")
        return None


def slides_href(fromdoc: str, slug: str) -> str:
    """Relative URL from an instructor page to a chapter's deck in ``_build/html/slides/``."""
    return site_href(fromdoc, f"{SLIDES_DIR}/{slug}.html")


class LessonPlanDirective(SphinxDirective):
    required_arguments = 1

    def run(self):
        docname = self.arguments[0].strip("/")
        plan = _load(self, docname)
        if plan is None:
            return []
        n_slides = sum(t == "slide" for t in plan.slides)
        lines = [
            f"**Chapter:** {{doc}}`/{docname}` · **Session length:** about {plan.total_minutes} minutes · "
            f'**Slides:** <a href="{slides_href(self.env.docname, plan.slug)}">open the deck</a> '
            f"({n_slides} slides; press S for speaker notes)",
            "",
            "| Part of the session | Minutes |",
            "|---|---|",
        ]
        lines += [f"| {part.capitalize()} | {minutes} |" for part, minutes in plan.minutes.items()]
        lines += [f"| **Total** | **{plan.total_minutes}** |", ""]
        lines += [
            "### Objectives and how each is assessed",
            "",
            "| | Learners will be able to | Quiz questions | Exercises |",
            "|---|---|---|---|",
        ]
        exercise_labels = {ex.label for ex in plan.exercises}
        for oid, text in plan.objectives.items():
            found = plan.assessed_by()[oid]
            quiz = ", ".join(f for f in found if f not in exercise_labels) or "none"
            exs = ", ".join(f"{{ref}}`{f}`" for f in found if f in exercise_labels) or "none"
            lines.append(f"| {oid} | {_cell(text)} | {quiz} | {exs} |")
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
        lines += ["", "### Quiz answer key", ""]
        for i, q in enumerate(plan.quiz["questions"], start=1):
            right = next(o for o in q["options"] if o["correct"])
            lines += [
                f"{i}. ({q['objective']}) {_cell(q['prompt'])} **Answer:** {_cell(right['text'])} "
                f"*Why:* {_cell(right['feedback'])}"
            ]
        lines += ["", "### Exercise answer keys", ""]
        for ex in plan.exercises:
            key = plan.exercise_keys[ex.label]
            objectives = ", ".join(ex.objectives) or "none named"
            lines += [f"- {{ref}}`{ex.label}` ({objectives}): {_cell(key['answer'])}"]
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


def setup(app) -> None:
    app.add_directive("lesson-plan", LessonPlanDirective)
    app.add_directive("objective-matrix", ObjectiveMatrixDirective)
    app.add_directive("downloads", DownloadsDirective)
