"""Quizzes: the course's quizzes measure understanding, not test-wiseness; broken quiz files are named.

The design rules (issue "A course, not a book"): the correct option does not give itself away by its
position or its length, absolute words are not the mark of a distractor, no item is asked twice,
every chapter mixes interpretation and prediction items with numeric entry, predict-then-reveal and
(after the first chapter) cumulative items. A second reader's guessability scores are recorded in
``tests/guessability.json`` and must stay near chance.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from difflib import SequenceMatcher
from html import escape
from pathlib import Path

import pytest

from neurotrophins.build.quizfile import dumps
from neurotrophins.quiz import (
    QuizError,
    grade,
    load_quiz,
    option_order,
    ordered_options,
    parse_number,
    quiz_html,
    quiz_names,
    quiz_path,
)

from .helpers import pending, toc_chapters

QUIZZES = [n for n in quiz_names() if n != "chapter-template"]  # the template is tested on its own
CHAPTERS = [c.rsplit("/", 1)[1] for c in toc_chapters()]
GUESSABILITY = Path(__file__).with_name("guessability.json")
ABSOLUTE = re.compile(r"\b(always|never|all|every|proven|proves|safe|guaranteed|only|none|completely|any)\b", re.I)


def _choice_items(quiz):
    return [q for q in quiz["questions"] if "options" in q]


def test_every_chapter_has_a_quiz_and_every_quiz_a_chapter():
    assert QUIZZES == sorted(CHAPTERS)


@pytest.mark.parametrize("name", QUIZZES)
def test_course_quiz_is_valid_and_in_the_house_layout(name):
    quiz = load_quiz(name)
    assert quiz["id"] == name
    text = quiz_path(name).read_text(encoding="utf-8")
    assert dumps(json.loads(text)) == text, f"{name}: run `make format` (one option per line)"


@pytest.mark.parametrize("name", [pending(n) for n in QUIZZES])
def test_quiz_mixes_item_formats_and_kinds(name):
    quiz = load_quiz(name)
    items = quiz["questions"]
    kinds = Counter(q["kind"] for q in items)
    assert len(items) >= 8, f"{name}: {len(items)} items"
    assert kinds["recall"] <= len(items) // 3, f"{name}: {kinds['recall']} of {len(items)} items are recall"
    assert kinds["interpretation"] >= 3 and kinds["prediction"] >= 2, f"{name}: {dict(kinds)}"
    assert sum("answer" in q for q in items) >= 1, f"{name}: no numeric-entry item"
    assert sum(bool(q.get("reveal")) for q in items) >= 1, f"{name}: no predict-then-reveal item"
    earlier = CHAPTERS[: CHAPTERS.index(name)]
    cumulative = [q for q in items if q.get("revisits")]
    assert all(q["revisits"] in earlier for q in cumulative), f"{name}: revisits a chapter that is not earlier"
    if earlier:
        assert len(cumulative) >= 2, f"{name}: needs two cumulative items from earlier chapters"


@pytest.mark.parametrize("name", [pending(n) for n in QUIZZES])
def test_the_key_is_not_given_away_by_its_position_or_length(name):
    quiz = load_quiz(name)
    items = _choice_items(quiz)
    positions = Counter(next(i for i, o in enumerate(ordered_options(quiz, q)) if o["correct"]) for q in items)
    assert max(positions.values()) <= 0.4 * len(items), f"{name}: key positions {dict(positions)}"
    longest = sum(1 for q in items if max(q["options"], key=lambda o: len(o["text"]))["correct"])
    assert longest <= 0.4 * len(items), f"{name}: the key is the longest option in {longest} of {len(items)} items"


@pytest.mark.parametrize("name", [pending(n) for n in QUIZZES])
def test_absolute_words_do_not_mark_the_distractors(name):
    """Absolute words ("always", "never", "proven", "safe") are about as common in keys as in distractors."""
    quiz = load_quiz(name)
    keys = [o["text"] for q in _choice_items(quiz) for o in q["options"] if o["correct"]]
    others = [o["text"] for q in _choice_items(quiz) for o in q["options"] if not o["correct"]]
    rate_keys = sum(bool(ABSOLUTE.search(t)) for t in keys) / len(keys)
    rate_others = sum(bool(ABSOLUTE.search(t)) for t in others) / len(others)
    assert rate_others <= 2 * rate_keys + 0.1, (
        f"{name}: absolute words in {rate_others:.0%} of distractors, {rate_keys:.0%} of keys"
    )


def test_no_item_is_asked_twice_across_the_course():
    prompts = [(n, q["id"], q["prompt"].lower()) for n in QUIZZES for q in load_quiz(n)["questions"]]
    for i, (n1, id1, p1) in enumerate(prompts):
        for n2, id2, p2 in prompts[i + 1 :]:
            ratio = SequenceMatcher(None, p1, p2).ratio()
            assert ratio < 0.8, f"{n1}/{id1} and {n2}/{id2} ask the same question ({ratio:.0%} alike)"


@pytest.mark.parametrize("name", [pending(n) for n in QUIZZES])
def test_item_ids_do_not_name_the_answer(name):
    """An id shares no distinctive word with the key that it does not share with a distractor."""
    quiz = load_quiz(name)
    for q in _choice_items(quiz):
        words = set(q["id"].split("-")) - {"bdnf", "the", "a", "of", "and", "in"}
        key = next(o["text"] for o in q["options"] if o["correct"]).lower()
        others = " ".join(o["text"] for o in q["options"] if not o["correct"]).lower()
        telling = [w for w in words if len(w) > 3 and w in key and w not in others and w not in q["prompt"].lower()]
        assert telling == [], f"{name}/{q['id']}: the id names the answer ({telling})"


def _guess_scores() -> dict:
    return json.loads(GUESSABILITY.read_text(encoding="utf-8"))


def options_fingerprint(quiz: dict) -> str:
    """What the reader saw: every choice item's option texts, in the file's order (stems may change afterwards)."""
    texts = [[o["text"] for o in q["options"]] for q in _choice_items(quiz)]
    return hashlib.sha256(json.dumps(texts, ensure_ascii=False).encode()).hexdigest()[:16]


#: Chapters whose current options a fresh second reader has not scored yet (``options_only`` is null in the
#: record, with the reason under ``pending``). Their near-chance test is a strict expected failure: it fails,
#: and must, until a reading is recorded.
PENDING = {n for n, c in _guess_scores()["chapters"].items() if c["options_only"] is None}


def test_guessability_is_recorded_for_every_current_quiz():
    """Recorded by giving a second reader (without the course) the shuffled options alone, then the questions."""
    scores = _guess_scores()
    assert set(scores["chapters"]) == set(QUIZZES)
    for name, c in scores["chapters"].items():
        assert c["options_fingerprint"] == options_fingerprint(load_quiz(name)), (
            f"{name}: its options changed since the second reader scored them; have them read again"
        )
        for reading in ("options_only", "with_questions"):
            if c[reading] is None:
                assert name in scores.get("pending", {}), f"{name}: {reading} is missing and no reason is given"
            else:
                assert c[reading]["asked"] == len(_choice_items(load_quiz(name))), f"{name}: {reading} miscounted"


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason="no reading of the current options yet"))
        if n in PENDING
        else n
        for n in QUIZZES
    ],
)
def test_a_second_reader_cannot_pick_most_keys_from_the_options_alone(name):
    c = _guess_scores()["chapters"][name]["options_only"]
    assert c is not None, f"{name}: the current options have not been read"
    assert c["correct"] <= 0.5 * c["asked"], f"{name}: {c['correct']} of {c['asked']} keys picked from the options"


@pytest.mark.xfail(bool(PENDING), strict=True, reason="the overall score needs a reading of every quiz")
def test_a_second_readers_options_only_score_is_near_chance_overall():
    chapters = _guess_scores()["chapters"].values()
    assert all(c["options_only"] is not None for c in chapters), "a quiz has not been read"
    total = sum(c["options_only"]["correct"] for c in chapters)
    asked = sum(c["options_only"]["asked"] for c in chapters)
    chance = sum(c["options_only"]["chance"] for c in chapters)
    assert total <= 0.35 * asked, f"options only: {total} of {asked} keys picked (chance about {chance:.0f})"


def test_option_order_is_fixed_and_balanced():
    quiz = {
        "id": "t",
        "questions": [
            {"id": f"q{i}", "options": [{"text": f"{i}{k}", "correct": k == 0, "feedback": "f"} for k in range(4)]}
            for i in range(12)
        ],
    }
    orders = option_order(quiz)
    assert orders == option_order(json.loads(json.dumps(quiz))), "the order must not depend on anything but the ids"
    positions = Counter(order.index(0) for order in orders.values())
    assert set(positions.values()) == {3}, positions
    assert all(sorted(order) == [0, 1, 2, 3] for order in orders.values())


def test_html_shows_options_in_the_fixed_order_with_feedback_on_every_option():
    quiz = load_quiz(QUIZZES[0])
    html = quiz_html(quiz)
    main = [q for q in quiz["questions"] if not q.get("section")]
    assert html.count("<fieldset") == len(main)
    for q in _choice_items({"questions": main}):
        texts = [o["text"] for o in ordered_options(quiz, q)]
        spots = [html.index(escape(t)) for t in texts]
        assert spots == sorted(spots), f"{q['id']}: options not in the fixed order"
    assert "<script" in html and "src=" not in html  # inline, nothing fetched
    assert 'aria-live="polite"' in html and "localStorage" in html


def test_a_section_shows_only_its_items():
    quiz = {
        "id": "t",
        "title": "T",
        "questions": [
            {
                "id": "a",
                "objective": "O1",
                "kind": "recall",
                "prompt": "A?",
                "section": "explorer",
                "options": [{"text": t, "correct": t == "x", "feedback": "f"} for t in "xyz"],
            },
            {
                "id": "b",
                "objective": "O1",
                "kind": "recall",
                "prompt": "B?",
                "options": [{"text": t, "correct": t == "x", "feedback": "f"} for t in "xyz"],
            },
        ],
    }
    assert "A?" in quiz_html(quiz, "explorer") and "B?" not in quiz_html(quiz, "explorer")
    assert "B?" in quiz_html(quiz) and "A?" not in quiz_html(quiz)
    with pytest.raises(QuizError, match="no items in section 'nowhere'"):
        quiz_html(quiz, "nowhere")


def test_html_escapes_text():
    quiz = {
        "id": "x",
        "questions": [
            {
                "id": "q",
                "prompt": "<b>?</b>",
                "kind": "recall",
                "objective": "O1",
                "options": [
                    {"text": "a & b", "correct": True, "feedback": '"quoted"'},
                    {"text": "c", "correct": False, "feedback": "no"},
                    {"text": "d", "correct": False, "feedback": "no"},
                ],
            }
        ],
    }
    html = quiz_html(quiz)
    assert "&lt;b&gt;?&lt;/b&gt;" in html and "a &amp; b" in html and "&quot;quoted&quot;" in html


NUMERIC = {
    "id": "n",
    "objective": "O1",
    "kind": "interpretation",
    "prompt": "How many?",
    "answer": {"value": 25.5, "tolerance": 0.5, "unit": "%"},
    "feedback": {"correct": "yes", "wrong": "no"},
    "common_errors": [{"value": 0.255, "tolerance": 0.01, "feedback": "a fraction, not a percent"}],
}


@pytest.mark.parametrize(
    ("typed", "correct", "feedback"),
    [
        ("25.5", True, "yes"),
        ("25,9", True, "yes"),
        (" 26 ", True, "yes"),
        ("27", False, "no"),
        ("0.255", False, "a fraction, not a percent"),
        ("\u22125", False, "no"),
        ("abc", False, "Type a number"),
        ("", False, "Type a number"),
        ("inf", False, "Type a number"),
        ("nan", False, "Type a number"),
    ],
)
def test_numeric_items_are_marked_with_their_tolerance_and_common_errors(typed, correct, feedback):
    ok, text = grade(NUMERIC, typed)
    assert ok is correct and feedback in text


def test_parse_number_reads_what_learners_type():
    assert parse_number("1 200") == 1200 and parse_number("12,5") == 12.5 and parse_number("\u22123") == -3
    assert parse_number("1e400") is None and parse_number("twelve") is None


def _write(tmp_path, quiz, raw: bytes | None = None) -> Path:
    path = tmp_path / "quiz-test.json"
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text(json.dumps(quiz) if not isinstance(quiz, str) else quiz, encoding="utf-8")
    return path


GOOD_Q = {
    "id": "q1",
    "objective": "O1",
    "kind": "interpretation",
    "prompt": "P?",
    "options": [
        {"text": "a", "correct": True, "feedback": "yes"},
        {"text": "b", "correct": False, "feedback": "no"},
        {"text": "c", "correct": False, "feedback": "no"},
    ],
}
GOOD = {"id": "x", "title": "T", "questions": [GOOD_Q]}

BAD = [
    ("not json", "{not json", "not valid JSON"),
    ("a list at the top", [GOOD_Q], "the top level: it must be object"),
    ("bad quiz id", {**GOOD, "id": "Bad Id"}, r"id: it must match pattern"),
    ("no title", {"id": "x", "questions": [GOOD_Q]}, r"the top level: it must contain \['title'\]"),
    ("empty questions", {**GOOD, "questions": []}, r"questions: it must contain at least 1 items"),
    ("questions a mapping", {**GOOD, "questions": {"q1": GOOD_Q}}, "questions: it must be array"),
    ("question a string", {**GOOD, "questions": ["What?"]}, r"questions\[0\]: it must be object"),
    ("duplicate ids", {**GOOD, "questions": [GOOD_Q, GOOD_Q]}, r"question 2 \(q1\): the id is used twice"),
    ("blank prompt", {**GOOD, "questions": [{**GOOD_Q, "prompt": " "}]}, r"questions\[0\]\.prompt"),
    ("unknown kind", {**GOOD, "questions": [{**GOOD_Q, "kind": "trivia"}]}, r"questions\[0\]\.kind"),
    ("unknown field", {**GOOD, "questions": [{**GOOD_Q, "hint": "x"}]}, r"questions\[0\]: it must not contain"),
    ("objective id", {**GOOD, "questions": [{**GOOD_Q, "objective": "first"}]}, r"questions\[0\]\.objective"),
    ("two options", {**GOOD, "questions": [{**GOOD_Q, "options": GOOD_Q["options"][:2]}]}, "at least 3 items"),
    ("options a mapping", {**GOOD, "questions": [{**GOOD_Q, "options": {"a": 1}}]}, r"options: it must be array"),
    (
        "two keys",
        {**GOOD, "questions": [{**GOOD_Q, "options": [{**o, "correct": True} for o in GOOD_Q["options"]]}]},
        "needs exactly one correct option; found 3",
    ),
    (
        "no key",
        {**GOOD, "questions": [{**GOOD_Q, "options": [{**o, "correct": False} for o in GOOD_Q["options"]]}]},
        "needs exactly one correct option; found 0",
    ),
    (
        "correct as text",
        {
            **GOOD,
            "questions": [{**GOOD_Q, "options": [{**GOOD_Q["options"][0], "correct": "yes"}, *GOOD_Q["options"][1:]]}],
        },
        r"options\[0\]\.correct: it must be boolean",
    ),
    (
        "option without feedback",
        {
            **GOOD,
            "questions": [
                {**GOOD_Q, "options": [GOOD_Q["options"][0], {"text": "b", "correct": False}, GOOD_Q["options"][2]]}
            ],
        },
        r"options\[1\]: it must contain",
    ),
    (
        "same option twice",
        {
            **GOOD,
            "questions": [
                {**GOOD_Q, "options": [GOOD_Q["options"][0], GOOD_Q["options"][1], {**GOOD_Q["options"][1]}]}
            ],
        },
        "two options have the same text",
    ),
    (
        "numeric and options",
        {
            **GOOD,
            "questions": [
                {**GOOD_Q, "answer": {"value": 1, "tolerance": 1}, "feedback": {"correct": "y", "wrong": "n"}}
            ],
        },
        "questions\\[0\\]",
    ),
    (
        "numeric without feedback",
        {**GOOD, "questions": [{k: v for k, v in NUMERIC.items() if k != "feedback"}]},
        r"questions\[0\]",
    ),
    (
        "zero tolerance",
        {**GOOD, "questions": [{**NUMERIC, "answer": {"value": 1, "tolerance": 0}}]},
        r"answer\.tolerance: it must be bigger than 0",
    ),
    (
        "value as text",
        {**GOOD, "questions": [{**NUMERIC, "answer": {"value": "25", "tolerance": 1}}]},
        r"answer\.value: it must be number",
    ),
    (
        "common error inside the tolerance",
        {**GOOD, "questions": [{**NUMERIC, "common_errors": [{"value": 25.6, "tolerance": 0.1, "feedback": "x"}]}]},
        "within the tolerance of the answer",
    ),
]


@pytest.mark.parametrize(("case", "quiz", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_quiz_files_are_rejected_with_file_and_place(tmp_path, case, quiz, message):
    path = _write(tmp_path, quiz)
    with pytest.raises(QuizError, match=message) as err:
        load_quiz(path)
    assert str(path) in str(err.value), case


def test_a_quiz_saved_with_a_byte_order_mark_loads_and_a_bad_byte_is_named(tmp_path):
    good = json.dumps(GOOD).encode()
    assert load_quiz(_write(tmp_path, None, b"\xef\xbb\xbf" + good)) == GOOD
    with pytest.raises(QuizError, match="not UTF-8 text"):
        load_quiz(_write(tmp_path, None, good.replace(b'"P?"', b'"P\xe9?"')))


def test_missing_quiz_file_lists_the_quizzes(tmp_path):
    with pytest.raises(QuizError, match="quiz file not found .*quizzes: "):
        load_quiz(tmp_path / "nope.json")
    with pytest.raises(QuizError, match="quiz file not found"):
        load_quiz("no-such-chapter")
