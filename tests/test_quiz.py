"""Quiz files: validation with clear errors, HTML that works without a kernel."""

import json
from pathlib import Path

import pytest

from neurotrophins.quiz import QuizError, load_quiz, quiz_html, quiz_names

QUIZZES = quiz_names()


@pytest.mark.parametrize("path", QUIZZES)
def test_course_quizzes_are_valid_and_have_at_least_five_questions(path):
    quiz = load_quiz(path)
    assert len(quiz["questions"]) >= 5
    assert all(q.get("objective") for q in quiz["questions"]), "every question names the objective it assesses"


def test_html_has_a_fieldset_per_question_and_feedback_on_every_option():
    quiz = load_quiz(QUIZZES[0])
    html = quiz_html(quiz)
    assert html.count("<fieldset") == len(quiz["questions"])
    n_options = sum(len(q["options"]) for q in quiz["questions"])
    assert html.count('type="radio"') == html.count("data-feedback=") == n_options
    assert html.count('data-correct="1"') == len(quiz["questions"])
    assert "<script" in html and "src=" not in html  # inline, nothing fetched
    assert 'aria-live="polite"' in html


def test_html_escapes_text():
    quiz = {
        "id": "x",
        "questions": [
            {
                "id": "q",
                "prompt": "<b>?</b>",
                "options": [
                    {"text": "a & b", "correct": True, "feedback": '"quoted"'},
                    {"text": "c", "correct": False, "feedback": "no"},
                ],
            }
        ],
    }
    html = quiz_html(quiz)
    assert "&lt;b&gt;?&lt;/b&gt;" in html and "a &amp; b" in html and "&quot;quoted&quot;" in html


def _write(tmp_path, quiz) -> Path:
    path = tmp_path / "quiz-test.json"
    path.write_text(json.dumps(quiz) if not isinstance(quiz, str) else quiz)
    return path


GOOD_Q = {
    "id": "q1",
    "prompt": "P?",
    "options": [{"text": "a", "correct": True, "feedback": "yes"}, {"text": "b", "correct": False, "feedback": "no"}],
}


@pytest.mark.parametrize(
    ("quiz", "message"),
    [
        ("{not json", "not valid JSON"),
        ({"id": "Bad Id", "questions": [GOOD_Q]}, "'id' must be lower-case"),
        ({"id": "x", "questions": []}, "'questions' must be a non-empty list"),
        ({"id": "x", "questions": [GOOD_Q, GOOD_Q]}, r"question 2 \(q1\): 'id' must be unique"),
        ({"id": "x", "questions": [{**GOOD_Q, "prompt": " "}]}, r"question 1 \(q1\): 'prompt' is empty"),
        ({"id": "x", "questions": [{**GOOD_Q, "options": GOOD_Q["options"][:1]}]}, "needs at least 2 options"),
        (
            {"id": "x", "questions": [{**GOOD_Q, "options": [{**o, "correct": True} for o in GOOD_Q["options"]]}]},
            "needs exactly one correct option; found 2",
        ),
        (
            {"id": "x", "questions": [{**GOOD_Q, "options": [GOOD_Q["options"][0], {"text": "b", "correct": False}]}]},
            r"option 2: 'text' and 'feedback' are both required",
        ),
    ],
)
def test_bad_quiz_files_are_rejected_with_file_and_question(tmp_path, quiz, message):
    path = _write(tmp_path, quiz)
    with pytest.raises(QuizError, match=message) as err:
        load_quiz(path)
    assert str(path) in str(err.value)


def test_missing_quiz_file(tmp_path):
    with pytest.raises(QuizError, match="quiz file not found"):
        load_quiz(tmp_path / "nope.json")
