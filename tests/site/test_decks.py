"""Lecture decks a teaching assistant can deliver: short slides, notes on every slide, polls, no empty activity slide.

Read from the built decks (``_build/html/slides/*.html``) as a browser would show them: the words on a slide are its
visible text (speaker notes, scripts, the hidden text alternatives of figures and heading anchors excluded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from ..helpers import pending
from .conftest import HTML, slide_decks

DECKS = slide_decks()
CONTENT_WORDS = 60  # "at most about 60 words on a slide"
POLL_WORDS = 90  # a poll question with its options
NOTES_WORDS = 15  # speaker notes a teaching assistant can speak from
SLIDES = (12, 20)
HIDDEN_CLASSES = {"notes", "anchor-link", "course-figure-alt", "visually-hidden"}


@dataclass
class Slide:
    text: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    figures: int = 0
    images: int = 0

    @property
    def words(self) -> int:
        return len(re.findall(r"[\w'’.-]*\w", " ".join(self.text)))

    @property
    def note_words(self) -> int:
        return len(" ".join(self.notes).split())

    @property
    def is_poll_question(self) -> bool:
        return bool(re.match(r"\s*Poll \d+ ·", " ".join(self.text))) and "the answer is" not in " ".join(self.text)


class _DeckParser(HTMLParser):
    """Slides (innermost reveal.js sections) with their visible text, notes and figures."""

    def __init__(self) -> None:
        super().__init__()
        self.slides: list[Slide] = []
        self.depth = 0
        self.current: Slide | None = None
        self.stack: list[tuple[str, bool, bool]] = []  # tag, hidden, notes
        self.in_slides = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if tag == "div" and "slides" in classes:
            self.in_slides = True
        if not self.in_slides:
            return
        if tag == "section":
            self.current = Slide()
            self.slides.append(self.current)
        parent_hidden = self.stack[-1][1] if self.stack else False
        parent_notes = self.stack[-1][2] if self.stack else False
        hidden = parent_hidden or tag in ("script", "style") or bool(classes & HIDDEN_CLASSES)
        notes = parent_notes or (tag == "aside" and "notes" in classes)
        if tag not in ("br", "img", "input", "hr", "meta", "link"):
            self.stack.append((tag, hidden, notes))
        if self.current is not None:
            if "plotly-graph-div" in classes:
                self.current.figures += 1
            if tag == "img":
                self.current.images += 1

    def handle_endtag(self, tag):
        if not self.in_slides:
            return
        while self.stack:
            open_tag, _, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.current is None or not data.strip():
            return
        hidden = self.stack[-1][1] if self.stack else False
        notes = self.stack[-1][2] if self.stack else False
        if notes:
            self.current.notes.append(data.strip())
        elif not hidden:
            self.current.text.append(data.strip())


def slides_of(rel: str) -> list[Slide]:
    parser = _DeckParser()
    parser.feed((HTML / rel).read_text(encoding="utf-8"))
    # reveal.js nests each slide's sections; the innermost ones with content are the slides.
    return [s for s in parser.slides if s.text or s.figures or s.images or s.notes]


@pytest.mark.parametrize("rel", [pending(d) for d in DECKS])
def test_every_slide_is_short_with_notes_and_something_on_it(rel):
    slides = slides_of(rel)
    assert SLIDES[0] <= len(slides) <= SLIDES[1], f"{rel}: {len(slides)} slides"
    for n, slide in enumerate(slides, start=1):
        limit = POLL_WORDS if slide.is_poll_question else CONTENT_WORDS
        assert slide.words <= limit, f"{rel}, slide {n}: {slide.words} words (at most {limit}): {slide.text[:3]}"
        assert slide.note_words >= NOTES_WORDS, f"{rel}, slide {n}: speaker notes of {slide.note_words} words"
        assert slide.words or slide.figures or slide.images, f"{rel}, slide {n} shows nothing"


@pytest.mark.parametrize("rel", [pending(d) for d in DECKS])
def test_every_deck_has_polls_with_answers_a_prompt_and_an_in_class_problem(rel):
    texts = [" ".join(s.text) for s in slides_of(rel)]
    questions = [t for t in texts if re.match(r"Poll \d+ ·", t)]
    answers = [t for t in texts if re.match(r"Poll \d+: the answer is", t)]
    assert len(questions) >= 2 and len(answers) == len(questions), f"{rel}: {len(questions)} polls"
    for question in questions:
        assert re.search(r"\bA\. .+\bB\. ", question) or "Answer with a number" in question, f"{rel}: {question[:80]}"
    assert any(t.startswith("Think, pair, share") for t in texts), f"{rel}: no think-pair-share slide"
    assert any(t.startswith("In-class problem:") for t in texts), f"{rel}: no in-class problem slide"
    assert not any(re.fullmatch(r"(Check your understanding|Exercises)\W*", t) for t in texts), "empty activity slide"


@pytest.mark.parametrize("rel", [pending(d) for d in DECKS])
def test_tables_on_slides_show_no_index_and_no_reference_keys(rel):
    refs = (HTML.parent.parent / "data" / "references.csv").read_text(encoding="utf-8")
    keys = set(re.findall(r"^([a-z]+\d{4}[a-z0-9]+),", refs, re.M))
    html = (HTML / rel).read_text(encoding="utf-8")
    for table in re.findall(r"<table.*?</table>", html, re.S):
        shown = re.sub(r"<[^>]+>", " ", table)
        leaked = sorted(k for k in keys if re.search(rf"\b{k}\b", shown))
        assert leaked == [], f"{rel}: a table shows reference keys {leaked[:3]}"
        assert 'class="index_name' not in table and '<th class="blank' not in table, f"{rel}: a table shows its index"
