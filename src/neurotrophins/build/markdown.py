"""The chapters' MyST turned into plain Markdown, for places that do not render MyST: slides and downloads.

Two targets share one converter, :func:`myst_to_markdown`:

* ``"slides"`` (the reveal.js decks): citations as "(Author Year)", claims as their evidence badge,
  admonitions as quotes, figures pointing at the book's copy of each image, exercises and solutions
  left out (the deck makes its own problem slides);
* ``"notebook"`` (the executed notebooks learners download): the same, but images embedded (a
  downloaded notebook has no image folder next to it), exercises as bold headings, solutions marked,
  and folded sample answers as ``<details>`` blocks, which JupyterLab, Notebook 7 and Colab fold.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

from ..references import short_citation

_ROLE = re.compile(r"\{(?P<role>[a-z:]+)\}`(?P<text>[^`]*)`")
_ADMONITION = re.compile(
    r"^(?P<indent>[ \t]*):::+\{(?P<kind>[a-z-]+)\}[ \t]*(?P<title>[^\n]*)\n(?P<body>.*?)^(?P=indent):::+[ \t]*$",
    re.M | re.S,
)
_FIGURE = re.compile(
    r"^(?:```|:::)\{figure\}[ \t]*(?P<src>\S+)\n(?P<options>(?::[^\n]*\n)*)\n?(?P<caption>.*?)^(?:```|:::)[ \t]*$",
    re.M | re.S,
)
_FENCED_DIRECTIVE = re.compile(
    r"^```\{(?P<kind>[a-z-]+)\}[ \t]*(?P<argument>[^\n]*)\n(?P<options>(?::[^\n]*\n)*)(?P<body>.*?)^```[ \t]*$",
    re.M | re.S,
)
#: Where a deck (in ``_build/html/slides/``) finds the book's copies of the chapters' images.
IMAGES_HREF = "../_images"
IMAGES_DIR = Path(__file__).resolve().parents[3] / "book" / "images"


class SlidesError(RuntimeError):
    """The deck cannot be built; the message says which chapter and what to do."""


def _citations(keys: str, refs, narrative: bool) -> str:
    labels = []
    for key in (k.strip() for k in keys.split(",")):
        if key not in refs.index:
            raise SlidesError(f"unknown reference key {key!r} in a citation")
        label = short_citation(refs.loc[key])
        if narrative:
            who, year = label.rsplit(" ", 1)
            label = f"{who} ({year})"
        labels.append(label)
    return "; ".join(labels) if narrative else f"({'; '.join(labels)})"


def _image(src: str, target: str) -> str:
    name = Path(src).name
    if target == "slides":
        return f"{IMAGES_HREF}/{name}"
    data = base64.b64encode((IMAGES_DIR / name).read_bytes()).decode()
    return f"data:image/svg+xml;base64,{data}"


def myst_to_markdown(text: str, refs, claims, target: str = "slides") -> str:
    """Turn the MyST of a chapter cell into plain Markdown for ``target`` (``"slides"`` or ``"notebook"``).

    Parameters
    ----------
    text : str
        A markdown cell's source.
    refs, claims : pandas.DataFrame
        The ``references`` table indexed by key and the ``claims`` table indexed by id.
    target : str
        What the Markdown is for (see the module's description).
    """
    text = re.sub(r"^\([\w-]+\)=[ \t]*\n", "", text, flags=re.M)

    def role(m: re.Match) -> str:
        name, body = m.group("role"), m.group("text")
        if name.startswith("cite"):
            return _citations(body, refs, narrative=name == "cite:t")
        if name == "claim":
            claim = claims.loc[body.strip()]
            badge = f"{html.escape(str(claim['grade']))} evidence · {html.escape(str(claim['verdict']))}"
            return f'<span class="course-badge">{badge}</span>' if target == "slides" else f"[{badge}]"
        if name == "math":
            return f"${body}$"
        explicit = re.fullmatch(r"(?P<title>.+?)\s*<[^>]+>", body)
        return explicit.group("title") if explicit else body.strip("/").rsplit("/", 1)[-1]

    def admonition(m: re.Match) -> str:
        indent = m.group("indent")
        lines = [line[len(indent) :] if line.startswith(indent) else line for line in m.group("body").splitlines()]
        options = " ".join(line for line in lines if line.startswith(":"))
        body = "\n".join(line for line in lines if not line.startswith(":")).strip()
        title = m.group("title").strip() or m.group("kind").capitalize()
        if target == "notebook" and "dropdown" in options:
            block = f"<details><summary>{html.escape(title)}</summary>\n\n{body}\n\n</details>"
        else:
            block = "\n".join(f"> {line}" if line else ">" for line in [f"**{title}.**", *body.splitlines()])
        return "\n".join(indent + line if line else line for line in block.splitlines())

    def fenced(m: re.Match) -> str:
        kind, body = m.group("kind"), m.group("body").strip()
        if kind == "math":
            return f"$$\n{body}\n$$"
        if target == "notebook":
            if kind == "exercise":
                label = re.search(r"^:label:\s*(\S+)", m.group("options"), re.M)
                return f"**Exercise{f' ({label.group(1)})' if label else ''}: {m.group('argument').strip()}**\n\n{body}"
            if kind == "solution-start":
                return "**Solution** (try the exercise first):"
            if kind == "solution-end":
                return "*End of the solution.*"
        return ""

    def figure(m: re.Match) -> str:
        alt = re.search(r"^:alt:\s*(.+)$", m.group("options"), re.M)
        caption = m.group("caption").strip()
        alt_text = html.escape(alt.group(1) if alt else caption)
        img = (
            f'<img src="{_image(m.group("src"), target)}" alt="{alt_text}" '
            'style="max-height:480px;display:block;margin:0 auto">'
        )
        return img + (f"\n\n*{caption}*" if caption else "")

    text = _FIGURE.sub(figure, text)
    text = _FENCED_DIRECTIVE.sub(fenced, text)
    text = _ADMONITION.sub(admonition, text)
    return _ROLE.sub(role, text)
