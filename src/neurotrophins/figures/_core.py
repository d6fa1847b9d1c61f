"""Shared pieces of every course figure: the offline renderer, the palette, layout and slider helpers.

Pure functions from data or model parameters to plotly figures live in one module per topic of
:mod:`neurotrophins.figures`.

Every course figure is a :class:`CourseFigure`, which shows itself the same way in JupyterLab,
Notebook 7, Colab and the static book without touching plotly's global settings. Importing this
module registers the ``course`` plotly template and nothing else.
"""

from __future__ import annotations

import html
import json
import sys
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
from plotly.io.base_renderers import MimetypeRenderer

from .._validate import check_choice

#: Okabe-Ito colours: distinguishable with the common forms of colour blindness.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}

_PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}


PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"


def course_bundle(fig_dict: dict) -> dict:
    """The output of a figure for JupyterLab, Notebook 7 and the static book, in one bundle.

    JupyterLab and Notebook 7 draw the plotly JSON (``application/vnd.plotly.v1+json``) with plotly's
    own extension. The book shows the HTML: a ``<div>`` plus a ``Plotly.newPlot`` call that waits for
    plotly.js if it has not loaded yet, with no plotly.js inlined (the book's Sphinx extension serves
    plotly.js once per page that has a figure, without blocking the page) and the figure's text
    alternative (``layout.meta.alt``) next to the plot for screen readers.
    """
    figure_json = json.loads(pio.to_json(fig_dict, validate=False, remove_uids=False))
    figure_json["config"] = dict(_PLOTLY_CONFIG)
    meta = fig_dict.get("layout", {}).get("meta") or {}
    alt = meta.get("alt", "") if isinstance(meta, dict) else ""
    div = pio.to_html(
        fig_dict,
        include_plotlyjs=False,
        include_mathjax=False,
        full_html=False,
        config=_PLOTLY_CONFIG,
        auto_play=False,
        validate=False,
    )
    desc = f'<p class="course-figure-alt visually-hidden">{html.escape(alt)}</p>' if alt else ""
    return {
        PLOTLY_MIMETYPE: figure_json,
        "text/html": f'<div class="course-figure">{desc}{_wait_for_plotly(div)}</div>',
    }


#: Around the body of plotly's inline script: draw now if plotly.js is there, else queue the drawing for the
#: book's loader (plotly.js is loaded ``async``; its ``onload`` runs the queue, see neurotrophins.build.sphinx).
_WAIT = (
    "(function (draw) { if (window.Plotly) { draw(); } else { (window.coursePlotly = window.coursePlotly || [])"
    ".push(draw); } })(function () {",
    "});",
)


def _wait_for_plotly(div: str) -> str:
    """plotly's ``<div>`` + ``<script>Plotly.newPlot(...)</script>``, with the script waiting for plotly.js."""
    start = div.index("<script>") + len("<script>")
    end = div.index("</script>", start)
    return f"{div[:start]}{_WAIT[0]}{div[start:end]}{_WAIT[1]}{div[end:]}"


class CourseRenderer(MimetypeRenderer):
    """The course's output bundle (:func:`course_bundle`) as a plotly renderer, for ``fig.show()``."""

    def to_mimebundle(self, fig_dict):  # noqa: D102 - plotly's renderer interface
        return course_bundle(fig_dict)


class CourseFigure(go.Figure):
    """A plotly figure that shows itself with the course's output bundle (see :class:`CourseRenderer`).

    IPython asks a figure for its output; plotly's own answer goes through ``plotly.io.renderers``,
    whose first use imports nbformat and jsonschema (about 1.5 s in every kernel). A course figure
    answers by itself instead, so a notebook needs no renderer set-up and plotly's global settings
    stay as the learner left them. In Colab, which cannot draw the plotly JSON, plotly's ``colab``
    renderer is used.
    """

    def _repr_mimebundle_(self, include=None, exclude=None, validate=True, **kwargs):  # noqa: D105
        if "google.colab" in sys.modules:
            return pio.renderers["colab"].to_mimebundle(self.to_dict())
        return course_bundle(self.to_dict())

    def _ipython_display_(self):  # noqa: D105
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)


def use_course_renderer() -> None:
    """Make plotly's own ``fig.show()`` use the course's output bundle (optional; idempotent).

    Course figures do not need it: they are :class:`CourseFigure` objects. It is for a learner who
    builds a plain plotly figure and wants it drawn in the book's way. Colab has no plotly mimetype
    renderer, so there plotly's ``colab`` renderer is used.
    """
    if "course" not in pio.renderers:
        pio.renderers["course"] = CourseRenderer()
    pio.renderers.default = "colab" if "google.colab" in sys.modules else "course"


def _course_template() -> go.layout.Template:
    """plotly_white's layout with the Okabe-Ito colours first, and none of its per-trace defaults.

    Copying the full plotly_white template (defaults for every trace type) was most of the time of a
    live redraw and about 4 KB of every figure's JSON; the course's figures only need its layout.
    """
    layout = go.Layout(pio.templates["plotly_white"].layout)
    layout.colorway = list(PALETTE.values())[1:] + [PALETTE["black"]]
    return go.layout.Template(layout=layout)


pio.templates["course"] = _course_template()


def base_layout(fig: go.Figure, title: str, alt: str) -> go.Figure:
    """Title, text alternative (``layout.meta.alt``), the course template and the shared margins and legend."""
    fig.update_layout(
        title=title,
        template="course",
        font=dict(size=14),
        margin=dict(l=70, r=30, t=70, b=60),
        legend=dict(yanchor="top", y=0.98, xanchor="left", x=0.02, bgcolor="rgba(255,255,255,0.85)"),
        meta={"alt": alt},
    )
    return fig


def _plain(value, digits: int = 6):
    """A value for a slider step: numbers rounded and as plain lists (plotly.js restyles with them as
    they are, and they keep the page small); text, bools and None unchanged."""
    if isinstance(value, (float, np.floating)):
        return round(float(value), digits)
    if not isinstance(value, (list, tuple, np.ndarray)):
        return value
    try:
        arr = np.asarray(value)
    except ValueError:  # ragged nesting: not a numeric array
        return list(value)
    if arr.dtype.kind in "iuf":
        return np.round(arr.astype(float), digits).tolist()
    return arr.tolist() if isinstance(value, np.ndarray) else value


def add_slider(
    fig: go.Figure,
    steps: Sequence[tuple],
    active: int,
    prefix: str,
    traces: Sequence[int] = (0,),
    method: str = "restyle",
    **placement,
) -> go.Figure:
    """Attach a slider whose steps switch traces (and, with ``method="update"``, the layout) to precomputed values.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The figure; it is changed in place (it shows step ``active``) and returned.
    steps : sequence of (label, data) or (label, data, layout)
        One per slider position, in order. ``data`` maps a trace attribute (``"y"``, ``"text"``,
        ``"visible"``, ``"name"``...) to one value per trace of ``traces``. ``layout`` (only with
        ``method="update"``) maps layout paths such as ``"shapes[1].x0"`` to values.
    active : int
        Index of the step shown first.
    prefix : str
        Text shown before the current step's label.
    traces : sequence of int
        Indices of the traces the steps change.
    method : {"restyle", "update"}
        ``"restyle"`` changes trace attributes; ``"update"`` changes trace attributes and the layout.
    **placement
        Further slider settings (``x``, ``y``, ``len``, ``yanchor``, ``pad``), for a figure with two
        sliders; each call adds one slider below those already there.
    """
    check_choice("method", method, ("restyle", "update"))
    if not steps:
        raise ValueError("steps must hold at least one (label, data) pair; got none")
    if not 0 <= active < len(steps):
        raise ValueError(f"active must be between 0 and {len(steps) - 1}; got {active}")
    made = []
    for label, data, *layout in steps:
        if layout and method != "update":
            raise ValueError(f"step {label!r}: a layout change needs method='update'")
        for attr, values in data.items():
            if len(values) != len(traces):
                raise ValueError(f"step {label!r}: {attr!r} has {len(values)} values for {len(traces)} traces")
        args = [{attr: [_plain(v) for v in values] for attr, values in data.items()}]
        if method == "update":
            args.append({key: _plain(v) for key, v in (layout[0] if layout else {}).items()})
        made.append(dict(method=method, label=label, args=[*args, list(traces)]))
    shown = made[active]["args"]
    for attr, values in shown[0].items():
        for index, value in zip(traces, values, strict=True):
            fig.data[index][attr] = value
    if method == "update":
        fig.update_layout(shown[1])
    slider = {"active": active, "currentvalue": {"prefix": prefix}, "pad": {"t": 50}, "steps": made, **placement}
    fig.update_layout(sliders=[*fig.layout.sliders, slider], margin=dict(b=max(fig.layout.margin.b or 0, 140)))
    return fig


def add_buttons(
    fig: go.Figure,
    buttons: Sequence[tuple[str, Sequence[bool]]],
    active: int = 0,
    title: str = "",
) -> go.Figure:
    """Attach a row of buttons, each showing one subset of the figure's traces.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The figure; it is changed in place and returned.
    buttons : sequence of (label, visible)
        One button per view; ``visible`` holds one boolean per trace of ``fig``.
    active : int
        Index of the button whose view is shown first.
    title : str
        Text shown to the left of the buttons (say what they filter).
    """
    if not buttons:
        raise ValueError("buttons must hold at least one (label, visible) pair; got none")
    if not 0 <= active < len(buttons):
        raise ValueError(f"active must be between 0 and {len(buttons) - 1}; got {active}")
    n = len(fig.data)
    for label, visible in buttons:
        if len(visible) != n:
            raise ValueError(f"button {label!r}: visible has {len(visible)} entries for {n} traces")
    for trace, shown in zip(fig.data, buttons[active][1], strict=True):
        trace.visible = bool(shown)
    menu = dict(
        type="buttons",
        direction="right",
        active=active,
        showactive=True,
        x=0,
        xanchor="left",
        y=1.02,
        yanchor="bottom",
        pad=dict(r=6, t=4),
        buttons=[
            dict(method="restyle", label=label, args=[{"visible": [bool(v) for v in visible]}])
            for label, visible in buttons
        ],
    )
    annotations = list(fig.layout.annotations or [])
    if title:
        annotations.append(
            dict(
                text=title, x=0, xref="paper", xanchor="right", y=1.06, yref="paper", yanchor="bottom", showarrow=False
            )
        )
    fig.update_layout(updatemenus=[menu], annotations=annotations, margin=dict(t=120))
    return fig
