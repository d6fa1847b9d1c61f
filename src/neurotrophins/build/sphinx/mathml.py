"""Mathematics rendered at build time as MathML, which browsers draw natively (no MathJax on book pages).

MathJax cost every page with mathematics about 320 KB (compressed) of script and fonts and a second layout
pass; the course's mathematics is short inline formulas, which ``latex2mathml`` converts when the page is
written. Screen readers read MathML directly, and the TeX source stays in the ``alttext`` attribute (and in the
notebooks, where Jupyter renders it as before). Enabled by ``html_math_renderer: mathml`` in ``_config.yml``.
"""

from __future__ import annotations

import re

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.application import Sphinx
from sphinx.util.math import get_node_equation_number


class MathConversionError(ValueError):
    """A formula ``latex2mathml`` cannot convert: names the page and line."""


def to_mathml(latex: str, *, display: bool, where: str = "") -> str:
    """The ``<math>`` element for ``latex``; ``where`` (page:line) is named in the error for bad input."""
    try:
        markup = convert(latex.strip(), display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises several kinds of error for input it cannot read
        raise MathConversionError(f"{where}: cannot convert the formula {latex!r} to MathML: {exc}") from exc
    unknown = re.findall(r">(\\[A-Za-z]+)<", markup)
    if unknown:  # latex2mathml writes a command it does not know as text
        raise MathConversionError(f"{where}: cannot convert the formula {latex!r} to MathML: unknown {unknown[0]}")
    alt = latex.strip().replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return markup.replace("<math ", f'<math alttext="{alt}" ', 1)


def _where(node: nodes.Node) -> str:
    return f"{node.source or '?'}:{node.line or '?'}"


def visit_math(self, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(to_mathml(node.astext(), display=False, where=_where(node)) + "</span>")
    raise nodes.SkipNode


def visit_displaymath(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node["number"]:
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, "Link to this equation")
        self.body.append("</span>")
    for part in (p for p in node.astext().split("\n\n") if p.strip()):
        # MathML Core has no line breaks: each line of a multi-line formula is a centred formula of its own.
        lines = [part] if r"\begin" in part else [line for line in part.split(r"\\") if line.strip()]
        for line in lines:
            self.body.append(to_mathml(line, display=True, where=_where(node)))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict:
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_displaymath, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
