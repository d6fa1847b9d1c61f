"""Lecture slides: a reveal.js deck per chapter, made from the chapter notebook and its run-sheet.

The deck follows the lesson plan's run-sheet (:mod:`.lessons`), segment by segment:

* a segment's ``slides`` are slide cells of the notebook (``slideshow.slide_type`` ``slide``, with
  ``-`` cells continuing the slide), each with the notebook's ``notes`` cells after it as speaker
  notes and the segment's "what to do" added to the notes of its first slide;
* a ``poll`` becomes two slides: the question with its options (in the quiz's fixed order, lettered
  A-D) and then the answer with its explanation; their notes carry the feedback on every option;
* a ``think-pair-share`` or ``discussion`` segment becomes a prompt slide; an ``exercise`` segment an
  in-class problem slide with the exercise's title and first paragraph, its notes the solution;
* the deck opens with a title slide and an objectives slide (ids ``title`` and ``objectives``).

The outputs are the ones the book build computed (read from ``_build/jupyter_execute``, so nothing
runs twice), the MyST roles become plain text (citations as "Author Year", claims as their evidence
badge), figures point at the book's own copy of each image, and every asset is served by the built
book: the decks work offline and make no request to another host.

Run ``python -m neurotrophins.build.slides`` (``make slides``) after ``make build``.
"""

from __future__ import annotations

import argparse
import shutil
import string
import sys
from pathlib import Path

import nbformat

from .. import data
from ..quiz import ordered_options
from .assets import MATHJAX_DIR, MissingAssetError, plotly_name
from .executed import NotExecutedError, executed_notebook, up_to_date
from .lessons import Lesson, LessonError, lesson, slide_type, solution_text, solutions
from .markdown import SlidesError, myst_to_markdown
from .toc import toc_chapters

PACKAGE = Path(__file__).parent
TEMPLATE_DIR = PACKAGE / "slides_template"


def _cell(source: str, kind: str):
    cell = nbformat.v4.new_markdown_cell(source)
    cell.metadata["slideshow"] = {"slide_type": kind}
    return cell


def _first_paragraph(text: str) -> str:
    return text.strip().split("\n\n")[0].strip()


class _Deck:
    """Collects the cells of a deck: each slide, then its speaker notes."""

    def __init__(self, refs, claims) -> None:
        self.cells: list = []
        self.refs, self.claims = refs, claims

    def markdown(self, text: str) -> str:
        return myst_to_markdown(text, self.refs, self.claims)

    def slide(self, text: str, notes: list[str]) -> None:
        self.cells.append(_cell(text, "slide"))
        self.notes(notes)

    def notes(self, notes: list[str]) -> None:
        for note in notes:
            if note and note.strip():
                self.cells.append(_cell(self.markdown(note), "notes"))


def _poll(deck: _Deck, plan: Lesson, segment, number: int) -> None:
    item = next(q for q in plan.quiz["questions"] if q["id"] == segment.poll)
    head = f"**Poll {number}** · {segment.minutes} min\n\n{item['prompt']}"
    if "options" in item:
        options = ordered_options(plan.quiz, item)
        letters = string.ascii_uppercase
        listed = "\n".join(f"{letters[i]}. {o['text']}  " for i, o in enumerate(options))
        deck.slide(
            f"{head}\n\n{listed}",
            [segment.do, "Collect the votes before you move on: the next slide shows the answer."],
        )
        key = next(i for i, o in enumerate(options) if o["correct"])
        why_not = [f"{letters[i]}: {o['feedback']}" for i, o in enumerate(options) if i != key]
        deck.slide(
            f"**Poll {number}: the answer is {letters[key]}.** {options[key]['text']}\n\n{options[key]['feedback']}",
            ["Why the other options are wrong. " + " ".join(why_not)],
        )
    else:
        answer = item["answer"]
        unit = f" {answer['unit']}" if answer.get("unit") else ""
        deck.slide(
            f"{head}\n\nAnswer with a number{f' (in {unit.strip()})' if unit else ''}.",
            [segment.do, "Collect the numbers (or a show of hands for ranges) before the next slide."],
        )
        errors = " ".join(
            f"Someone who answers about {e['value']:g}: {e['feedback']}" for e in item.get("common_errors", [])
        )
        deck.slide(
            f"**Poll {number}: the answer is {answer['value']:g}{unit}** (within ±{answer['tolerance']:g}).\n\n"
            f"{item['feedback']['correct']}",
            [errors or item["feedback"]["wrong"]],
        )
    if item.get("reveal"):
        deck.notes([f"Reveal for the room: {item['reveal']}"])


def deck_notebook(root: Path, chapter: str, executed: bool = True):
    """The deck of one chapter as a notebook of slide, continuation and notes cells, in run-sheet order.

    Every cell's ``metadata.course_segment`` is the index of the run-sheet segment it belongs to.
    With ``executed=False`` the deck is laid out from the committed notebook (no outputs): enough to
    number the slides.
    """
    path = root / f"{chapter}.ipynb"
    try:
        plan = lesson(path)
        source = executed_notebook(root, chapter) if executed else nbformat.read(path, as_version=4)
    except (LessonError, NotExecutedError) as err:
        raise SlidesError(str(err)) from err
    executed = source
    by_id = {c.get("id"): c for c in executed.cells}
    deck = _Deck(data.load("references").set_index("key", drop=False), data.load("claims").set_index("id", drop=False))
    solved = solutions(executed)
    exercises = {ex.label: ex for ex in plan.exercises}
    polls = 0
    for index, segment in enumerate(plan.run_sheet):
        first_cell = len(deck.cells)
        pending = [segment.do]
        for sid in segment.slides:
            if sid == "title":
                deck.slide(
                    f"# {plan.title}\n\n*Neurotrophins and BDNF: an evidence-graded course*\n\n"
                    f"A {plan.total_minutes}-minute session",
                    pending,
                )
            elif sid == "objectives":
                listed = "\n".join(f"{n}. {text}" for n, text in enumerate(plan.objectives.values(), start=1))
                assessed = "; ".join(f"{o}: {', '.join(found) or 'nothing'}" for o, found in plan.assessed_by().items())
                deck.slide(
                    f"## By the end of this session you can\n\n{listed}",
                    pending + [f"Where each objective is assessed (quiz Q, exercise, exam E): {assessed}."],
                )
            else:
                slide = plan.slides[sid]
                for k, cell in enumerate(slide.cells):
                    shown = nbformat.from_dict(dict(by_id.get(cell.id, cell)))
                    shown.metadata["slideshow"] = {"slide_type": "slide" if k == 0 else "-"}
                    if shown.cell_type == "markdown":
                        shown.source = deck.markdown(shown.source)
                    deck.cells.append(shown)
                deck.notes(pending + slide.notes)
            pending = []
        if segment.activity == "poll":
            polls += 1
            _poll(deck, plan, segment, polls)
        elif segment.activity == "think-pair-share":
            deck.slide(
                f"## Think, pair, share\n\n{segment.prompt}\n\n*1 minute alone, 2 in pairs, then the room.*",
                [segment.do, f"A sample answer: {segment.answer}"],
            )
        elif segment.activity == "discussion":
            deck.slide(f"## Discussion\n\n{segment.prompt}", [segment.do])
        elif segment.activity == "exercise":
            ex = exercises[segment.exercise]
            note = plan.exercise_notes.get(ex.label, "")
            deck.slide(
                f"## In-class problem: {ex.title}\n\n{_first_paragraph(ex.statement)}",
                [segment.do, note, "The worked answer. " + solution_text(solved.get(ex.label, []))],
            )
        for cell in deck.cells[first_cell:]:
            cell.metadata["course_segment"] = index
    nb = nbformat.v4.new_notebook(cells=deck.cells, metadata=executed.metadata)
    return nb, plan


def outline(nb, n_segments: int) -> list[dict]:
    """Per run-sheet segment of a deck notebook: its first and last slide numbers and its figure slides.

    A segment that shows no slide (a break, a wrap-up spoken over the last slide) has ``first`` None.
    """
    segments = [{"first": None, "last": None, "figures": []} for _ in range(n_segments)]
    number = 0
    for cell in nb.cells:
        index = cell.metadata["course_segment"]
        if slide_type(cell) in ("slide", "subslide"):
            number += 1
            segments[index]["first"] = segments[index]["first"] or number
            segments[index]["last"] = number
        if cell.cell_type == "code" and number not in segments[index]["figures"]:
            segments[index]["figures"].append(number)
    return segments


def deck(root: Path, chapter: str, static_href: str, reveal_href: str) -> str:
    """One chapter's deck as an HTML string, from the notebook the book build executed."""
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    nb, _ = deck_notebook(root, chapter)
    config = Config()
    config.SlidesExporter.extra_template_basedirs = [str(TEMPLATE_DIR)]
    config.SlidesExporter.template_name = "course-reveal"
    config.SlidesExporter.reveal_url_prefix = reveal_href
    config.SlidesExporter.reveal_theme = "white"  # "simple" loads web fonts from another host
    config.SlidesExporter.exclude_input = True
    config.SlidesExporter.exclude_input_prompt = True
    config.SlidesExporter.exclude_output_prompt = True
    assets = {"static": static_href, "plotly": plotly_name(root), "mathjax": MATHJAX_DIR}
    body, _ = SlidesExporter(config=config).from_notebook_node(
        nb, resources={"course": assets, "metadata": {"name": Path(chapter).name}}
    )
    return body


def build_all(root: Path, out: Path) -> list[Path]:
    """Write a deck for every chapter of ``root/_toc.yml`` into ``out`` with reveal.js beside them."""
    reveal = root / "node_modules" / "reveal.js"
    if not (reveal / "dist" / "reveal.js").is_file():
        raise SlidesError(f"{reveal} is missing: run `make js` (npm ci) first")
    static = out.parent / "_static"
    try:
        plotly_js = static / plotly_name(root)
    except MissingAssetError as err:
        raise SlidesError(str(err)) from err
    if not plotly_js.is_file():
        raise SlidesError(f"{plotly_js} is missing: run `make build` before `make slides`")
    out.mkdir(parents=True, exist_ok=True)
    for part in ("dist", "plugin/notes"):
        shutil.copytree(
            reveal / part,
            out / "reveal.js" / part,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns("*.map", "*.esm.js"),
        )
    written = []
    for chapter in toc_chapters(root / "_toc.yml"):
        target = out / f"{Path(chapter).name}.html"
        # The deck also follows the chapter's run-sheet, which the book build does not read for the chapter page.
        run_sheet = root / Path(chapter).with_name(f"lesson-{Path(chapter).name}.yml")
        if not up_to_date(target, root, chapter, run_sheet):
            target.write_text(deck(root, chapter, "../_static", "reveal.js"), encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (holds _toc.yml)")
    parser.add_argument("--out", type=Path, default=None, help="default: <root>/_build/html/slides")
    args = parser.parse_args(argv)
    out = args.out or args.root / "_build" / "html" / "slides"
    try:
        written = build_all(args.root, out)
    except SlidesError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(
            f"{path.relative_to(args.root) if path.is_relative_to(args.root) else path}: "
            f"{path.stat().st_size / 1024:.0f} KB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
