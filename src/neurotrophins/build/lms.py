"""Every chapter quiz for a learning-management system: Moodle XML and a QTI 1.2 package that Canvas imports.

Both are generated from the same quiz files the book shows (``book/quizzes/<chapter>.json``), with the
options in the same fixed order (:func:`neurotrophins.quiz.option_order`), feedback on every option,
numeric items with their tolerance and the feedback on typical wrong values, and the reveal text of a
predict-then-reveal item as its general feedback. :func:`read_moodle` and :func:`read_qti` parse the
files back, so a test can check that nothing was lost on the way.

``python -m neurotrophins.build.lms`` (``make build`` runs it) writes ``_build/html/downloads/lms/``:
``<chapter>-moodle.xml`` (Moodle: Question bank > Import > Moodle XML format) and ``<chapter>-qti.zip``
(Canvas: Settings > Import course content > QTI .zip file).
"""

from __future__ import annotations

import html
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from ..quiz import load_quiz, ordered_options, quiz_names
from .toc import TEMPLATE

LMS_DIR = Path("downloads") / "lms"
COURSE = "Neurotrophins and BDNF"
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"


def _html(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def _text_el(parent, tag: str, text: str, fmt: str | None = "html"):
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = _html(text) if fmt == "html" else text
    return el


# --- Moodle XML -------------------------------------------------------------------------------------


def moodle_xml(quiz: dict) -> str:
    """A Moodle XML question bank for one quiz, in a category named after the course and the chapter."""
    root = ET.Element("quiz")
    category = ET.SubElement(root, "question", {"type": "category"})
    cat = ET.SubElement(category, "category")
    ET.SubElement(cat, "text").text = f"$course$/{COURSE}/{quiz['id']}"
    for q in quiz["questions"]:
        kind = "multichoice" if "options" in q else "numerical"
        item = ET.SubElement(root, "question", {"type": kind})
        name = ET.SubElement(item, "name")
        ET.SubElement(name, "text").text = f"{quiz['id']}: {q['id']}"
        _text_el(item, "questiontext", q["prompt"])
        _text_el(item, "generalfeedback", q.get("reveal", ""))
        ET.SubElement(item, "defaultgrade").text = "1"
        ET.SubElement(item, "penalty").text = "0"
        ET.SubElement(item, "hidden").text = "0"
        ET.SubElement(item, "idnumber").text = f"{quiz['id']}/{q['id']}"
        tags = ET.SubElement(item, "tags")
        for tag in (q["objective"], q["kind"], *(["revisits-" + q["revisits"]] if q.get("revisits") else [])):
            ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
        if kind == "multichoice":
            ET.SubElement(item, "single").text = "true"
            ET.SubElement(item, "shuffleanswers").text = "false"  # the course's fixed, balanced order
            ET.SubElement(item, "answernumbering").text = "ABCD"
            for option in ordered_options(quiz, q):
                answer = ET.SubElement(
                    item, "answer", {"fraction": "100" if option["correct"] else "0", "format": "html"}
                )
                ET.SubElement(answer, "text").text = _html(option["text"])
                _text_el(answer, "feedback", option["feedback"])
        else:
            right = ET.SubElement(item, "answer", {"fraction": "100", "format": "moodle_auto_format"})
            ET.SubElement(right, "text").text = repr(float(q["answer"]["value"]))
            ET.SubElement(right, "tolerance").text = repr(float(q["answer"]["tolerance"]))
            _text_el(right, "feedback", q["feedback"]["correct"])
            for err in q.get("common_errors", []):
                wrong = ET.SubElement(item, "answer", {"fraction": "0", "format": "moodle_auto_format"})
                ET.SubElement(wrong, "text").text = repr(float(err["value"]))
                ET.SubElement(wrong, "tolerance").text = repr(float(err["tolerance"]))
                _text_el(wrong, "feedback", err["feedback"])
            other = ET.SubElement(item, "answer", {"fraction": "0", "format": "moodle_auto_format"})
            ET.SubElement(other, "text").text = "*"
            ET.SubElement(other, "tolerance").text = "0"
            _text_el(other, "feedback", q["feedback"]["wrong"])
            if q["answer"].get("unit"):
                units = ET.SubElement(ET.SubElement(item, "units"), "unit")
                ET.SubElement(units, "multiplier").text = "1"
                ET.SubElement(units, "unit_name").text = q["answer"]["unit"]
                ET.SubElement(item, "unitgradingtype").text = "0"  # the unit is shown, not graded
                ET.SubElement(item, "showunits").text = "3"  # shown as text after the answer box
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _plain(el) -> str:
    return html.unescape((el.findtext("text") or "").removeprefix("<p>").removesuffix("</p>"))


def read_moodle(text: str) -> list[dict]:
    """The questions of a Moodle XML file, in the course's quiz format (for round-trip tests)."""
    questions = []
    for item in ET.fromstring(text.encode()).iter("question"):
        if item.get("type") == "category":
            continue
        q = {"id": item.findtext("idnumber").split("/", 1)[1], "prompt": _plain(item.find("questiontext"))}
        reveal = _plain(item.find("generalfeedback"))
        if reveal:
            q["reveal"] = reveal
        answers = item.findall("answer")
        if item.get("type") == "multichoice":
            q["options"] = [
                {"text": _plain(a), "correct": a.get("fraction") == "100", "feedback": _plain(a.find("feedback"))}
                for a in answers
            ]
        else:
            right, *errors, other = answers
            q["answer"] = {"value": float(right.findtext("text")), "tolerance": float(right.findtext("tolerance"))}
            q["feedback"] = {"correct": _plain(right.find("feedback")), "wrong": _plain(other.find("feedback"))}
            q["common_errors"] = [
                {
                    "value": float(a.findtext("text")),
                    "tolerance": float(a.findtext("tolerance")),
                    "feedback": _plain(a.find("feedback")),
                }
                for a in errors
            ]
        questions.append(q)
    return questions


# --- QTI 1.2 (Canvas) -------------------------------------------------------------------------------


def _mattext(parent, text: str):
    material = ET.SubElement(parent, "material")
    ET.SubElement(material, "mattext", {"texttype": "text/html"}).text = _html(text)


def _field(meta, label: str, entry: str) -> None:
    f = ET.SubElement(meta, "qtimetadatafield")
    ET.SubElement(f, "fieldlabel").text = label
    ET.SubElement(f, "fieldentry").text = entry


def _feedback(item, ident: str, text: str) -> None:
    fb = ET.SubElement(item, "itemfeedback", {"ident": ident})
    _mattext(ET.SubElement(fb, "flow_mat"), text)


def _condition(parent, continue_: str, score: str | None, feedback: str | None):
    cond = ET.SubElement(parent, "respcondition", {"continue": continue_})
    var = ET.SubElement(cond, "conditionvar")
    if score is not None:
        ET.SubElement(cond, "setvar", {"action": "Set", "varname": "SCORE"}).text = score
    if feedback:
        ET.SubElement(cond, "displayfeedback", {"feedbacktype": "Response", "linkrefid": feedback})
    return var


def qti_assessment(quiz: dict) -> str:
    """The QTI 1.2 assessment of one quiz (Canvas's dialect: question_type and points in item metadata)."""
    ET.register_namespace("", QTI_NS)
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    assessment = ET.SubElement(
        root, "assessment", {"ident": f"neurotrophins-{quiz['id']}", "title": f"{COURSE}: {quiz['title']}"}
    )
    section = ET.SubElement(assessment, "section", {"ident": "root_section"})
    for q in quiz["questions"]:
        item = ET.SubElement(section, "item", {"ident": f"{quiz['id']}-{q['id']}", "title": q["id"]})
        meta = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
        choice = "options" in q
        _field(meta, "question_type", "multiple_choice_question" if choice else "numerical_question")
        _field(meta, "points_possible", "1.0")
        _field(meta, "course_objective", q["objective"])
        _field(meta, "course_kind", q["kind"])
        presentation = ET.SubElement(item, "presentation")
        _mattext(presentation, q["prompt"])
        processing = ET.SubElement(item, "resprocessing")
        outcomes = ET.SubElement(processing, "outcomes")
        ET.SubElement(
            outcomes, "decvar", {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"}
        )
        if q.get("reveal"):
            ET.SubElement(_condition(processing, "Yes", None, "general_fb"), "other")
            _feedback(item, "general_fb", q["reveal"])
        if choice:
            response = ET.SubElement(presentation, "response_lid", {"ident": "response1", "rcardinality": "Single"})
            render = ET.SubElement(response, "render_choice", {"shuffle": "No"})
            for k, option in enumerate(ordered_options(quiz, q)):
                ident = f"{q['id']}-{k}"
                _mattext(ET.SubElement(render, "response_label", {"ident": ident}), option["text"])
                var = _condition(processing, "Yes", "100" if option["correct"] else None, f"{ident}_fb")
                ET.SubElement(var, "varequal", {"respident": "response1"}).text = ident
                _feedback(item, f"{ident}_fb", option["feedback"])
        else:
            response = ET.SubElement(presentation, "response_str", {"ident": "response1", "rcardinality": "Single"})
            ET.SubElement(
                ET.SubElement(response, "render_fib", {"fibtype": "Decimal"}), "response_label", {"ident": "answer1"}
            )
            answer = q["answer"]
            ranges = [(answer["value"], answer["tolerance"], "100", "correct_fb", q["feedback"]["correct"])]
            ranges += [
                (e["value"], e["tolerance"], None, f"error{k}_fb", e["feedback"])
                for k, e in enumerate(q.get("common_errors", []))
            ]
            for value, tolerance, score, ident, text in ranges:
                var = _condition(processing, "No", score, ident)
                ET.SubElement(var, "vargte", {"respident": "response1"}).text = repr(float(value - tolerance))
                ET.SubElement(var, "varlte", {"respident": "response1"}).text = repr(float(value + tolerance))
                _feedback(item, ident, text)
            ET.SubElement(_condition(processing, "Yes", None, "wrong_fb"), "other")
            _feedback(item, "wrong_fb", q["feedback"]["wrong"])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def qti_manifest(quiz: dict) -> str:
    ident = f"neurotrophins-{quiz['id']}"
    ET.register_namespace("", CP_NS)
    root = ET.Element("manifest", {"identifier": f"{ident}-manifest", "xmlns": CP_NS})
    meta = ET.SubElement(root, "metadata")
    ET.SubElement(meta, "schema").text = "IMS Content"
    ET.SubElement(meta, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    resource = ET.SubElement(resources, "resource", {"identifier": ident, "type": "imsqti_xmlv1p2"})
    ET.SubElement(resource, "file", {"href": f"{ident}/{ident}.xml"})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_qti(quiz: dict, target: Path) -> Path:
    ident = f"neurotrophins-{quiz['id']}"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("imsmanifest.xml", qti_manifest(quiz))
        zf.writestr(f"{ident}/{ident}.xml", qti_assessment(quiz))
    return target


def read_qti(path: Path) -> list[dict]:
    """The questions of a QTI package, in the course's quiz format (for round-trip tests)."""
    ns = {"q": QTI_NS, "cp": CP_NS}
    with zipfile.ZipFile(path) as zf:
        manifest = ET.fromstring(zf.read("imsmanifest.xml"))
        href = manifest.find("cp:resources/cp:resource/cp:file", ns).get("href")
        root = ET.fromstring(zf.read(href))

    def text(el) -> str:
        return html.unescape(el.find("q:material/q:mattext", ns).text.removeprefix("<p>").removesuffix("</p>"))

    questions = []
    for item in root.iter(f"{{{QTI_NS}}}item"):
        feedback = {fb.get("ident"): text(fb.find("q:flow_mat", ns)) for fb in item.findall("q:itemfeedback", ns)}
        q = {"id": item.get("title"), "prompt": text(item.find("q:presentation", ns))}
        if "general_fb" in feedback:
            q["reveal"] = feedback["general_fb"]
        conditions = item.findall("q:resprocessing/q:respcondition", ns)
        labels = item.findall("q:presentation/q:response_lid/q:render_choice/q:response_label", ns)
        if labels:
            correct = {
                c.find("q:conditionvar/q:varequal", ns).text for c in conditions if c.find("q:setvar", ns) is not None
            }
            q["options"] = [
                {
                    "text": text(label),
                    "correct": label.get("ident") in correct,
                    "feedback": feedback[f"{label.get('ident')}_fb"],
                }
                for label in labels
            ]
        else:
            ranges = []
            for c in conditions:
                low, high = c.find("q:conditionvar/q:vargte", ns), c.find("q:conditionvar/q:varlte", ns)
                if low is not None:
                    lo, hi = float(low.text), float(high.text)
                    ident = c.find("q:displayfeedback", ns).get("linkrefid")
                    ranges.append(({"value": (lo + hi) / 2, "tolerance": (hi - lo) / 2}, ident))
            (answer, _), *errors = ranges
            q["answer"] = answer
            q["feedback"] = {"correct": feedback["correct_fb"], "wrong": feedback["wrong_fb"]}
            q["common_errors"] = [{**r, "feedback": feedback[ident]} for r, ident in errors]
        questions.append(q)
    return questions


def write_all(out: Path) -> list[Path]:
    """Moodle XML and QTI for every chapter quiz (not the chapter template's)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in quiz_names():
        if name == Path(TEMPLATE).name:
            continue
        quiz = load_quiz(name)
        moodle = out / f"{name}-moodle.xml"
        moodle.write_text(moodle_xml(quiz), encoding="utf-8")
        written += [moodle, write_qti(quiz, out / f"{name}-qti.zip")]
    return written


def main() -> int:
    root = Path.cwd()
    for path in write_all(root / "_build" / "html" / LMS_DIR):
        print(f"{path.relative_to(root)}: {path.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
