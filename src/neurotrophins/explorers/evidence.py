"""Synthesis chapter live explorer: dropdowns that filter the evidence map and count what is shown."""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import HTML, display

from .. import evidence_summary as es
from ..figures import evidence as ev_fig
from ._core import STYLE


def _dropdown(description: str, options, value) -> widgets.Dropdown:
    return widgets.Dropdown(
        options=options, value=value, description=description, style=STYLE, layout=widgets.Layout(width="36em")
    )


def evidence_explorer() -> widgets.VBox:
    """Dropdowns for topic, origin and minimum grade, redrawing the evidence map and its counts.

    The claims are loaded once, when the explorer is built; each change of a dropdown filters them
    and redraws :func:`neurotrophins.figures.evidence.evidence_map_figure`, with a line that counts
    the claims shown by verdict.

    Returns
    -------
    ipywidgets.VBox
        The controls above the output; display it as the last expression of a cell.
    """
    claims = es.claims_with_references()
    topic = _dropdown("Topic", [("All topics", es.ALL)] + [(v, k) for k, v in es.TOPIC_LABELS.items()], es.ALL)
    origin = _dropdown(
        "Who makes the claim",
        [("Anyone", es.ALL), ("The source article", "source article"), ("The course", "course")],
        es.ALL,
    )
    grade = _dropdown("Minimum grade", list(es.GRADES), es.GRADES[0])

    def draw(topic, origin, min_grade):
        shown = es.filter_claims(claims, topic, origin, min_grade)
        counts = shown["verdict"].astype(str).value_counts()
        parts = ", ".join(f"{counts[v]} {v}" for v in es.VERDICTS if counts.get(v, 0))
        display(HTML(f"<p>{len(shown)} claims shown{': ' + parts if parts else ''}.</p>"))
        display(ev_fig.evidence_map_figure(topic, origin, min_grade, claims=claims))

    out = widgets.interactive_output(draw, {"topic": topic, "origin": origin, "min_grade": grade})
    return widgets.VBox([topic, origin, grade, out])
