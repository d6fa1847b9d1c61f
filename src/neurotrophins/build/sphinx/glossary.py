"""The course glossary: one page generated from ``data/glossary.csv``, linked from every chapter.

* ``{course-glossary}`` writes a Sphinx glossary (so ``{term}`` works anywhere) with each term's
  definition, origin, mechanism, related terms (as links) and reference.
* A read-time transform links the *first* use of every glossary term on each chapter page to its
  entry, so authors never tag terms by hand and a new glossary row is linked everywhere at once.
  Headings, links, code, maths, raw HTML and claim badges are left alone. The links are ordinary
  ``term`` cross-references, so a term missing from the glossary fails the ``-n -W`` build.
"""

from __future__ import annotations

import re
from functools import lru_cache

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from ... import data

GLOSSARY_DOC = "book/appendix/glossary"
#: Pages whose prose gets automatic first-use links (the glossary itself and the appendix do not).
LINKED_PREFIXES = ("book/0", "book/intro")
#: Node types whose text is never turned into a link.
_SKIP = (
    nodes.title,
    nodes.reference,
    nodes.literal,
    nodes.literal_block,
    nodes.math,
    nodes.math_block,
    nodes.raw,
    nodes.rubric,
    nodes.term,
    nodes.target,
    addnodes.pending_xref,
    nodes.comment,
    nodes.system_message,
    nodes.caption,
)


def aliases(term: str) -> list[str]:
    """The spellings of a glossary term that count as a use: ``"docosahexaenoic acid (DHA)"`` gives
    the full term, ``"docosahexaenoic acid"`` and ``"DHA"``."""
    names = [term]
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", term)
    if m:
        names += [m.group(1), m.group(2)]
    if "-gamma" in term:
        names.append(term.replace("-gamma", "-γ"))
    return names


def term_pattern(name: str) -> re.Pattern:
    """Whole-word match; names in lower case also match a capital first letter and a plural."""
    escaped = re.escape(name)
    if name == name.lower():
        first = name[0]
        escaped = f"[{first}{first.upper()}]" + re.escape(name[1:]) if first.isalpha() else escaped
        return re.compile(rf"(?<![\w-])({escaped}(?:e?s)?)(?![\w-])")
    return re.compile(rf"(?<![\w-])({escaped})(?![\w-])")


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    terms = list(data.load("glossary")["term"])
    pairs = [(term, term_pattern(name)) for term in terms for name in aliases(term)]
    # Longer names first, so "mature BDNF" wins over "BDNF" inside the same words.
    return tuple(sorted(pairs, key=lambda p: -len(p[1].pattern)))


def _skipped(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _SKIP) or "claim" in parent.get("classes", []):
            return True
        if isinstance(parent, nodes.container) and "cell_output" in parent.get("classes", []):
            return True
        parent = parent.parent
    return False


class FirstUseLinks(SphinxTransform):
    """Link the first use of each glossary term on a chapter page to the glossary."""

    default_priority = 800

    def apply(self, **kwargs) -> None:
        docname = self.env.docname
        if not docname.startswith(LINKED_PREFIXES) or docname == GLOSSARY_DOC:
            return
        done: set[str] = set()
        patterns = _patterns()
        for text in list(self.document.findall(nodes.Text)):
            if _skipped(text):
                continue
            self._link(text, patterns, done)

    def _link(self, text: nodes.Text, patterns, done: set[str]) -> None:
        source = str(text)
        best = None
        for term, pattern in patterns:
            if term in done:
                continue
            m = pattern.search(source)
            if m and (best is None or m.start() < best[1].start()):
                best = (term, m)
        if best is None:
            return
        term, m = best
        done.add(term)
        xref = addnodes.pending_xref(
            "",
            refdomain="std",
            reftype="term",
            reftarget=term.lower(),
            refexplicit=True,
            refwarn=True,
            refdoc=self.env.docname,
        )
        xref += nodes.inline(m.group(1), m.group(1), classes=["xref", "std", "std-term", "glossary-link"])
        tail = nodes.Text(source[m.end() :])
        parent = text.parent
        index = parent.index(text)
        parent.replace(text, nodes.Text(source[: m.start()]))
        parent.insert(index + 1, xref)
        parent.insert(index + 2, tail)
        self._link(tail, patterns, done)  # the rest of the sentence may use other terms


class GlossaryDirective(SphinxDirective):
    """``{course-glossary}``: the whole glossary table as a sorted Sphinx glossary."""

    def run(self):
        table = data.load("glossary")
        terms = set(table["term"])
        lines = ["```{glossary}", ":sorted:", ""]
        for row in table.itertuples():
            related = [t.strip() for t in str(row.related_terms).split(";") if t.strip() in terms]
            lines += [row.term, f"  {row.definition}", ""]
            if isinstance(row.origin, str) and row.origin:
                lines += [f"  *Origin.* {row.origin}", ""]
            if isinstance(row.mechanism, str) and row.mechanism:
                lines += [f"  *How it works.* {row.mechanism}", ""]
            if related:
                links = ", ".join(f"{{term}}`{t}`" for t in related)
                lines += [f"  *Related:* {links}.", ""]
            if isinstance(row.reference, str) and row.reference:
                lines += [f"  *Source:* {{cite:t}}`{row.reference}`.", ""]
        lines += ["```"]
        container = nodes.container(classes=["course-glossary"])
        self.state.nested_parse(StringList(lines, source="data/glossary.csv"), self.content_offset, container)
        return [container]


def setup(app: Sphinx) -> None:
    app.add_directive("course-glossary", GlossaryDirective)
    app.add_transform(FirstUseLinks)
