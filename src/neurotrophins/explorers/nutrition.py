"""Nutrition chapter live explorers: filter the evidence table; move I² and k of a meta-analysis."""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display

from ..data import load
from ..evidence_summary import TOPIC_LABELS
from ..figures import forest
from ..figures import nutrition as nf
from ._core import STYLE, slider

_ALL = "all topics"


def evidence_explorer() -> widgets.VBox:
    """A topic dropdown and a high-heterogeneity checkbox that redraw the evidence figure and its table.

    Returns
    -------
    ipywidgets.VBox
        The controls above the figure and the matching rows; display it as the last expression of a cell.
    """
    table = forest.forest_table()
    topics = [t for t in TOPIC_LABELS if t in set(table["topic"])]
    topic = widgets.Dropdown(
        options=[(_ALL, _ALL)] + [(TOPIC_LABELS[t], t) for t in topics],
        value=_ALL,
        description="Topic",
        style=STYLE,
        layout=widgets.Layout(width="36em"),
    )
    high = widgets.Checkbox(
        value=False,
        description=f"Only I² of {forest.HIGH_I2_PERCENT:g}% or more",
        style=STYLE,
        layout=widgets.Layout(width="36em"),
    )

    def draw(topic_value, high_only):
        chosen = None if topic_value == _ALL else [topic_value]
        rows = forest.filter_rows(table, topics=chosen, high_i2_only=high_only)
        fig = nf.evidence_figure(table, chosen, high_only)
        if rows.empty:  # a topic may have no estimate with a high I² (measuring BDNF): say so on the figure
            message = "No estimate matches these filters."
            fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False)
            fig.layout.meta = {"alt": message}
            display(fig)
            return
        display(fig)
        display(
            rows[
                [
                    "name",
                    "metric",
                    "estimate",
                    "ci_low",
                    "ci_high",
                    "unit",
                    "i2_percent",
                    "studies",
                    "participants",
                    "population",
                    "compartment",
                ]
            ].set_index("name")
        )

    out = widgets.interactive_output(draw, {"topic_value": topic, "high_only": high})
    return widgets.VBox([topic, high, out])


def prediction_explorer() -> widgets.VBox:
    """Pick a meta-analysis, then move I² and the number of studies: the prediction interval redraws.

    Only estimates with a 95% CI and at least three studies can be chosen. The sliders start at the
    reported I² (50% when none was reported) and the reported number of studies.

    Returns
    -------
    ipywidgets.VBox
        The controls above the figure.
    """
    effects = load("effect_sizes")
    usable = effects.dropna(subset=["ci_low", "ci_high", "studies"])
    usable = usable[usable["studies"] >= 3]
    inputs = {i: nf.prediction_inputs(i, effects) for i in usable["id"]}
    first = nf.DEFAULT_ESTIMATE if nf.DEFAULT_ESTIMATE in inputs else next(iter(inputs))
    choice = widgets.Dropdown(
        options=list(inputs), value=first, description="Meta-analysis", style=STYLE, layout=widgets.Layout(width="36em")
    )
    i2 = slider(
        widgets.FloatSlider,
        "I² (share of variation from heterogeneity)",
        inputs[first]["i2"] if inputs[first]["i2"] is not None else 0.5,
        0.0,
        0.95,
        0.01,
        ".0%",
    )
    k = slider(widgets.IntSlider, "Number of studies k", inputs[first]["k"], 3, 60, 1, "d")

    def reset(change):  # a new meta-analysis starts from its own reported values
        p = inputs[change["new"]]
        i2.value = p["i2"] if p["i2"] is not None else 0.5
        k.value = min(p["k"], k.max)

    choice.observe(reset, names="value")

    def draw(effect_id, i2_value, k_value):
        p = inputs[effect_id]
        display(
            nf.prediction_figure(
                p["mean"], p["ci_low"], p["ci_high"], k_value, i2_value, p["metric"], p["unit"], effect_id
            )
        )

    out = widgets.interactive_output(draw, {"effect_id": choice, "i2_value": i2, "k_value": k})
    return widgets.VBox([choice, i2, k, out])
