"""Print the course with the Chromium the tests already use (no TeX): chapter PDFs, the whole book, handouts.

``python -m neurotrophins.build.pdf`` (``make pdf``, part of ``make book``) serves the built site on
127.0.0.1, waits until every figure of a page has drawn, and prints with the book's print stylesheet:

* ``_build/html/pdf/<chapter>.pdf``: each chapter, figures and evidence badges included;
* ``_build/html/pdf/neurotrophins-course.pdf``: the front page and every chapter in book order, with a
  bookmark per chapter;
* ``_build/html/pdf/<chapter>-handout.pdf``: a one-page handout per chapter (title, objectives, the key
  diagram, the takeaways, and the six-question checklist where the lesson plan asks for it), made from
  ``_build/html/handouts/<chapter>.html``, which this module writes from the chapter's own files.

Chromium is ``COURSE_CHROMIUM`` if set, else the first of Debian's, Ubuntu's or Google's usual paths.
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import re
import socketserver
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from .lessons import lesson
from .toc import toc_chapters

PDF_DIR = "pdf"
HANDOUT_DIR = "handouts"
BOOK_PDF = "neurotrophins-course.pdf"
CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHECKLIST_NOTEBOOK = "book/04-synthesis/synthesis"
CHECKLIST_CELL = "checklist"


class PrintError(RuntimeError):
    """The book cannot be printed; the message says what is missing."""


def chromium() -> str:
    """The Chromium (or Chrome) executable to drive."""
    candidates = [os.environ.get("COURSE_CHROMIUM", "")] + list(CHROMIUM_PATHS)
    for path in candidates:
        if path and Path(path).is_file():
            return path
    raise PrintError("no Chromium found: run `make chromium` (or set COURSE_CHROMIUM to a Chrome or Chromium)")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(folder: Path):
    """The folder on http://127.0.0.1:<free port>, for as long as the block runs."""
    handler = functools.partial(_Quiet, directory=str(folder))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()


FIGURES_DRAWN = """() => {
  const figures = document.querySelectorAll('.plotly-graph-div');
  const drawn = document.querySelectorAll('.plotly-graph-div .main-svg');
  return figures.length === 0 || drawn.length >= figures.length;
}"""


def _print(page, url: str, target: Path, title: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_function(FIGURES_DRAWN, timeout=30_000)
    page.evaluate("document.fonts.ready")
    page.pdf(
        path=str(target),
        format="A4",
        print_background=True,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=f'<div style="font-size:8px;width:100%;text-align:center;color:#555">{html.escape(title)}'
        ' · <span class="pageNumber"></span>/<span class="totalPages"></span></div>',
        margin={"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
    )


def checklist(root: Path) -> list[str]:
    """The six questions of the synthesis chapter's checklist (the 'Ask' column of its table)."""
    import nbformat

    nb = nbformat.read(root / f"{CHECKLIST_NOTEBOOK}.ipynb", as_version=4)
    cell = next((c for c in nb.cells if c.get("id") == CHECKLIST_CELL), None)
    if cell is None:
        raise PrintError(f"{CHECKLIST_NOTEBOOK}.ipynb has no cell with id {CHECKLIST_CELL!r} (the checklist table)")
    rows = [line for line in cell.source.splitlines() if re.match(r"\|\s*\d+\s*\|", line)]
    return [re.sub(r"\{[a-z:]+\}`[^`]*`", "", line.split("|")[2]).strip() for line in rows]


def _markdown_inline(text: str) -> str:
    """Enough Markdown for a handout line: bold, italics, roles reduced to their text."""
    text = re.sub(r"\{(?:cite|cite:p|cite:t|claim)\}`[^`]*`", "", text)
    text = re.sub(r"\{[a-z]+\}`([^`<]*?)\s*(?:<[^>]*>)?`", r"\1", text)
    text = html.escape(text.strip())
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"(?<!\*)\*(?!\*)(.+?)\*", r"<em>\1</em>", text)


HANDOUT_STYLE = """
@page { size: A4; margin: 12mm 14mm; }
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 9.5pt; line-height: 1.35; color: #111; }
h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 10.5pt; margin: 3mm 0 1mm; color: #00548a; }
p.course { margin: 0 0 2mm; color: #444; font-size: 8.5pt; }
ol, ul { margin: 0 0 0 5mm; padding: 0; } li { margin: 0 0 0.8mm; }
.diagram { text-align: center; margin: 2mm 0; } .diagram svg { max-width: 100%; max-height: 82mm; height: auto; }
.foot { margin-top: 3mm; font-size: 7.5pt; color: #555; border-top: 1px solid #ccc; padding-top: 1mm; }
"""


def handout_html(root: Path, chapter: str) -> str:
    """The one-page handout of a chapter, as a self-contained HTML page (the diagram inlined)."""
    plan = lesson(root / f"{chapter}.ipynb")
    parts = [
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(plan.title)} "
        f"(handout)</title><style>{HANDOUT_STYLE}</style></head><body>",
        f"<h1>{html.escape(plan.title)}</h1>",
        "<p class='course'>Neurotrophins and BDNF: an evidence-graded course · one-page handout</p>",
        "<h2>You will be able to</h2><ol>",
    ]
    parts += [f"<li>{_markdown_inline(text)}</li>" for text in plan.objectives.values()]
    parts.append("</ol>")
    diagram = plan.handout.get("diagram")
    if diagram:
        svg = (root / "book" / "images" / diagram).read_text(encoding="utf-8")
        parts.append(f"<div class='diagram'>{svg}</div>")
    parts.append("<h2>Key takeaways</h2><ul>")
    parts += [f"<li>{_markdown_inline(text)}</li>" for text in plan.takeaways]
    parts.append("</ul>")
    if plan.handout.get("checklist"):
        parts.append("<h2>Six questions for the next health claim</h2><ol>")
        parts += [f"<li>{_markdown_inline(q)}</li>" for q in checklist(root)]
        parts.append("</ol>")
    parts.append(
        "<p class='foot'>Education, not medical advice. Text and figures CC BY 4.0. "
        "Sources for every statement are in the chapter.</p></body></html>"
    )
    return "\n".join(parts)


def print_all(root: Path) -> list[Path]:
    """Write every chapter PDF, the book PDF and every handout (HTML and PDF); return the PDFs."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfWriter

    site = root / "_build" / "html"
    if not (site / "index.html").is_file():
        raise PrintError(f"{site / 'index.html'} is missing: run `make build` first")
    out, handouts = site / PDF_DIR, site / HANDOUT_DIR
    out.mkdir(parents=True, exist_ok=True)
    handouts.mkdir(parents=True, exist_ok=True)
    chapters = toc_chapters(root / "_toc.yml")
    for chapter in chapters:
        slug = Path(chapter).name
        (handouts / f"{slug}.html").write_text(handout_html(root, chapter), encoding="utf-8")
    written = []
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        context = browser.new_context()
        context.add_init_script("localStorage.setItem('mode', 'light'); localStorage.setItem('theme', 'light');")
        page = context.new_page()
        parts = [("Neurotrophins and BDNF: an evidence-graded course", "book/intro")]
        parts += [(lesson(root / f"{c}.ipynb").title, c) for c in chapters]
        book = PdfWriter()
        for title, doc in parts:
            slug = Path(doc).name
            target = out / f"{slug}.pdf"
            _print(page, f"{base}/{doc}.html", target, title)
            if doc != "book/intro":
                written.append(target)
            start = len(book.pages)
            book.append(str(target))
            book.add_outline_item(title=title, page_number=start)
        book.add_metadata({"/Title": "Neurotrophins and BDNF: an evidence-graded course"})
        with (out / BOOK_PDF).open("wb") as handle:
            book.write(handle)
        (out / "intro.pdf").unlink()
        written.append(out / BOOK_PDF)
        for chapter in chapters:
            slug = Path(chapter).name
            target = out / f"{slug}-handout.pdf"
            page.goto(f"{base}/{HANDOUT_DIR}/{slug}.html", wait_until="load")
            page.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=True)
            written.append(target)
        browser.close()
    return written


def main() -> int:
    root = Path.cwd()
    started = time.perf_counter()
    try:
        written = print_all(root)
    except PrintError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"{path.relative_to(root)}: {path.stat().st_size / 1024:.0f} KB")
    print(f"printed {len(written)} PDFs in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
