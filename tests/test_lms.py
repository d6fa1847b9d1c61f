"""LMS exports: Moodle XML and a Canvas QTI package for every chapter quiz, with nothing lost on the way."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile

import pytest

from neurotrophins.build.lms import moodle_xml, read_moodle, read_qti, write_all, write_qti
from neurotrophins.quiz import load_quiz, ordered_options, quiz_names

CHAPTER_QUIZZES = [n for n in quiz_names() if n != "chapter-template"]
# A quiz that holds every item format the course uses: the template's.
FORMATS = ["chapter-template", *CHAPTER_QUIZZES]


def expected(quiz: dict) -> list[dict]:
    """The quiz as an LMS should receive it: options in the course's fixed order, the rest as written."""
    items = []
    for q in quiz["questions"]:
        item = {"id": q["id"], "prompt": q["prompt"]}
        if q.get("reveal"):
            item["reveal"] = q["reveal"]
        if "options" in q:
            item["options"] = ordered_options(quiz, q)
        else:
            item["answer"] = {"value": float(q["answer"]["value"]), "tolerance": float(q["answer"]["tolerance"])}
            item["feedback"] = q["feedback"]
            item["common_errors"] = [
                {**e, "value": float(e["value"]), "tolerance": float(e["tolerance"])}
                for e in q.get("common_errors", [])
            ]
        items.append(item)
    return items


def _close(a, b):
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return abs(a - b) < 1e-9
    return a == b


@pytest.mark.parametrize("name", FORMATS)
def test_moodle_xml_round_trips(name):
    quiz = load_quiz(name)
    back = read_moodle(moodle_xml(quiz))
    assert _close(back, expected(quiz)), name


@pytest.mark.parametrize("name", FORMATS)
def test_qti_package_round_trips_and_its_manifest_points_at_the_assessment(name, tmp_path):
    quiz = load_quiz(name)
    path = write_qti(quiz, tmp_path / f"{name}.zip")
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        manifest = ET.fromstring(zf.read("imsmanifest.xml"))
    hrefs = {f.get("href") for f in manifest.iter("{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}file")}
    assert hrefs and hrefs <= names
    assert _close(read_qti(path), expected(quiz)), name


def test_moodle_xml_is_what_moodle_imports():
    root = ET.fromstring(moodle_xml(load_quiz("chapter-template")).encode())
    assert root.tag == "quiz" and root[0].get("type") == "category"
    for q in root.findall("question")[1:]:
        assert q.get("type") in {"multichoice", "numerical"}
        assert q.find("questiontext").get("format") == "html" and q.findtext("name/text")
        fractions = [a.get("fraction") for a in q.findall("answer")]
        assert fractions.count("100") == 1, "exactly one fully correct answer"
        if q.get("type") == "multichoice":
            assert q.findtext("single") == "true" and q.findtext("shuffleanswers") == "false"
        else:
            assert q.findall("answer")[-1].findtext("text") == "*", "a catch-all answer gives the wrong-answer feedback"


def test_write_all_writes_both_formats_for_every_chapter(tmp_path):
    written = {p.name for p in write_all(tmp_path)}
    assert written == {f"{n}-moodle.xml" for n in CHAPTER_QUIZZES} | {f"{n}-qti.zip" for n in CHAPTER_QUIZZES}
