"""The chapters in real Jupyter clients: JupyterLab and Jupyter Notebook 7, driven in Chromium.

Each client runs on 127.0.0.1 over the repository; every chapter is opened and every cell is run,
the live explorers included (the book leaves those out). Checks, as a learner would meet them:

* no error output (a fill-in exercise cell may stop with its NotImplementedError);
* every figure draws, once (no blank output, no raw HTML as text, no figure shown twice);
* prose is rendered (jupyterlab-myst): no visible MyST markup (``{cite}``, ``:::``, fenced directives,
  ``(label)=`` targets);
* every live explorer redraws in place when a control moves: new data, still one figure; the redraw
  latency is recorded in ``_build/jupyter-clients-report.md``;
* the quiz answers (a choice shows its feedback).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..helpers import ROOT, toc_chapters

CHAPTERS = toc_chapters()
CLIENTS = {
    "JupyterLab": ("lab", "/lab/tree/{path}?reset", "--LabApp.expose_app_in_browser=True"),
    "Notebook 7": ("notebook", "/notebooks/{path}", "--JupyterNotebookApp.expose_app_in_browser=True"),
}
RAW_MYST = [
    r"\{cite(?::[pt])?\}`",
    r"\{claim\}`",
    r"\{ref\}`",
    r"^:::",
    r"```\{",
    r"^\([\w-]+\)=\s*$",
    r"\{solution-(?:start|end)\}",
    r"\{exercise\}",
]
# `make test` runs every chapter in one real client, alternating JupyterLab and Notebook 7 so both are
# exercised; NEUROTROPHINS_ALL_CLIENTS=1 (`make clients`) runs every chapter in both.
ALL_CLIENTS = os.environ.get("NEUROTROPHINS_ALL_CLIENTS") == "1"
RUNS = [
    (client, chapter)
    for i, chapter in enumerate(CHAPTERS)
    for client in (list(CLIENTS) if ALL_CLIENTS else [list(CLIENTS)[i % len(CLIENTS)]])
]
LATENCIES: dict[tuple[str, str], list[float]] = {}
MOVES_PER_EXPLORER = 3

RUN_ALL = """async () => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  await panel.sessionContext.ready;
  const nb = panel.content;
  for (let i = 0; i < nb.widgets.length; i++) {
    nb.activeCellIndex = i;
    await app.commands.execute('notebook:run-cell');
    const started = Date.now();
    while (panel.sessionContext.session.kernel.status !== 'idle') {
      if (Date.now() - started > 120000) throw new Error('cell ' + i + ' did not finish');
      await new Promise(r => setTimeout(r, 25));
    }
  }
  await panel.context.save();
  return nb.widgets.length;
}"""

CELLS = """() => window.jupyterapp.shell.currentWidget.content.widgets.map((c, i) => ({
  index: i, type: c.model.type, tags: c.model.getMetadata('tags') || [],
  errors: c.model.type === 'code' ? c.model.outputs.toJSON().filter(o => o.output_type === 'error')
      .map(o => o.ename + ': ' + o.evalue) : [],
  plotly_outputs: c.model.type === 'code' ? c.model.outputs.toJSON()
      .filter(o => o.data && o.data['application/vnd.plotly.v1+json']).length : 0,
  plots: c.node.querySelectorAll('.js-plotly-plot').length,
  drawn: [...c.node.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('.main-svg')).length,
  widgets: c.node.querySelectorAll('.widget-slider, .widget-dropdown select, .widget-toggle-buttons').length,
  rendered: c.model.type === 'markdown' ? (c.node.querySelector('.jp-RenderedMarkdown, .myst') || c.node).innerText
      : '',
  text: c.model.type === 'code'
      ? [...c.node.querySelectorAll('.jp-OutputArea-output')].map(o => o.innerText).join('\\n') : '',
}))"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """JupyterLab and Notebook 7 on 127.0.0.1, over a scratch copy of the chapters (runs save notebooks)."""
    work = tmp_path_factory.mktemp("clients")
    shutil.copytree(ROOT / "book", work / "book", ignore=shutil.ignore_patterns("*.ipynb_checkpoints"))
    settings = work / "settings"
    tracker = settings / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    # Every cell stays in the page (no virtual scrolling), so the test sees every output.
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    news = settings / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTER_RUNTIME_DIR": str(work / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(work / "workspaces"),
    }
    started = {}
    for name, (command, _, expose) in CLIENTS.items():
        port = _free_port()
        log = (work / f"{command}.log").open("w")
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyter",
                command,
                "--no-browser",
                "--ip=127.0.0.1",
                f"--port={port}",
                "--ServerApp.token=",
                "--ServerApp.password=",
                "--ServerApp.disable_check_xsrf=True",
                f"--ServerApp.root_dir={work}",
                "--allow-root",
                expose,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        started[name] = (proc, f"http://127.0.0.1:{port}")
    deadline = time.time() + 60
    for name, (proc, url) in started.items():
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])), timeout=1):
                    break
            except OSError:
                assert proc.poll() is None, f"{name} exited: {(work / f'{CLIENTS[name][0]}.log').read_text()[-2000:]}"
                time.sleep(0.3)
    yield {name: url for name, (_, url) in started.items()}
    for proc, _ in started.values():
        proc.terminate()
        proc.wait(timeout=30)
    _write_report()


@pytest.fixture(scope="module")
def client_browser(browser):
    """pytest-playwright's browser (Debian's Chromium, see conftest): a second Playwright started in the same
    session fails ("Sync API inside the asyncio loop") once another test file has used the page fixture."""
    return browser


def _figure_data(cell) -> str:
    return cell.locator(".js-plotly-plot").first.evaluate(
        "el => JSON.stringify((el.data || []).map(t => [t.x, t.y, t.visible]))"
    )


def _move_controls(page, cell, client: str, chapter: str) -> None:
    """Move each control of a live explorer; the figure must redraw with new data, and stay one figure.

    Controls are moved from the last to the first, so that a control whose effect shows only when another
    has left its default (an age slider under an unchanged scenario) is moved last.
    """
    controls = cell.locator(".widget-slider")
    toggles = cell.locator(".widget-toggle-buttons button")
    selects = cell.locator(".widget-dropdown select")
    assert controls.count() + selects.count() + toggles.count() >= 1, f"{chapter}: no control"
    moves = []
    for k in range(toggles.count()):
        button = toggles.nth(k)
        if "mod-active" in (button.get_attribute("class") or ""):
            continue
        before = _figure_data(cell)
        started = time.perf_counter()
        button.click()
        deadline = started + 15
        while time.perf_counter() < deadline and _figure_data(cell) == before:
            page.wait_for_timeout(10)
        assert _figure_data(cell) != before, f"{client}, {chapter}: a toggle button did not redraw the figure"
        moves.append(time.perf_counter() - started)
    for k in reversed(range(controls.count())):
        track = controls.nth(k).locator(".noUi-base")
        # Far from where the slider stands, then across, then back part way: every move crosses the middle
        # of the range, so a model that is flat over part of it (the GH model above age 43) still redraws.
        handle = controls.nth(k).locator(".noUi-handle").first
        try:
            now, low, high = (
                float(handle.get_attribute(a)) for a in ("aria-valuenow", "aria-valuemin", "aria-valuemax")
            )
            at = (now - low) / (high - low)
        except (TypeError, ValueError, ZeroDivisionError):
            at = 0.5
        for fraction in ((0.15, 0.85, 0.3) if at > 0.5 else (0.85, 0.15, 0.7))[:MOVES_PER_EXPLORER]:
            before = _figure_data(cell)
            readout = controls.nth(k).locator(".widget-readout").first
            value = readout.inner_text()
            # A click on the track now and then does not register (the slider keeps its value); click again
            # until the value changes, then time the redraw from the click that moved it.
            for _ in range(3):
                box = track.bounding_box()
                started = time.perf_counter()
                page.mouse.click(box["x"] + box["width"] * fraction, box["y"] + box["height"] / 2)
                waited = time.perf_counter() + 3
                while time.perf_counter() < waited and readout.inner_text() == value:
                    page.wait_for_timeout(20)
                if readout.inner_text() != value:
                    break
            deadline = started + 15
            while time.perf_counter() < deadline:
                try:
                    if cell.locator(".js-plotly-plot").count() == 1 and _figure_data(cell) != before:
                        break
                except Exception:  # noqa: BLE001 - the figure is being replaced; look again
                    pass
                page.wait_for_timeout(10)
            else:
                shown = str(cell.locator(".jp-OutputArea-output").all_inner_texts())[:300]
                figures = cell.locator(".js-plotly-plot").count()
                pytest.fail(
                    f"{client}, {chapter}: moving control {k + 1} to {fraction:.0%} of its range (from {value} to "
                    f"{readout.inner_text()}) did not redraw the figure; {figures} figure(s); output: {shown}"
                )
            moves.append(time.perf_counter() - started)
            assert cell.locator(".js-plotly-plot").count() == 1, f"{client}, {chapter}: figures pile up"
    for k in range(selects.count()):
        select = selects.nth(k)
        options = select.locator("option").all_inner_texts()
        before = _figure_data(cell)
        started = time.perf_counter()
        select.select_option(label=options[-1] if select.input_value() != options[-1] else options[0])
        deadline = started + 15
        while time.perf_counter() < deadline and _figure_data(cell) == before:
            page.wait_for_timeout(10)
        assert _figure_data(cell) != before, f"{client}, {chapter}: the dropdown did not redraw the figure"
        moves.append(time.perf_counter() - started)
    LATENCIES.setdefault((client, chapter), []).extend(moves)


@pytest.mark.parametrize(("client", "chapter"), RUNS, ids=[f"{c}-{ch.rsplit('/', 1)[1]}" for c, ch in RUNS])
def test_a_chapter_runs_and_reads_well_in_a_real_client(servers, client_browser, client, chapter):
    page = client_browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    url = servers[client] + CLIENTS[client][1].format(path=f"{chapter}.ipynb")
    page.goto(url, wait_until="load")
    page.wait_for_function(
        "window.jupyterapp && jupyterapp.shell.currentWidget && jupyterapp.shell.currentWidget"
        ".content && jupyterapp.shell.currentWidget.content.widgets.length > 0",
        timeout=60_000,
    )
    page.evaluate(RUN_ALL)
    page.wait_for_timeout(500)
    cells = page.evaluate(CELLS)
    name = f"{client}, {chapter}"
    for c in cells:
        if c["errors"] and "raises-exception" not in c["tags"]:
            pytest.fail(f"{name}: cell {c['index']} raised {c['errors']}")
        if c["plotly_outputs"]:
            assert c["plots"] == c["plotly_outputs"], (
                f"{name}: cell {c['index']} shows {c['plots']} figures for {c['plotly_outputs']} figure outputs"
            )
        assert c["drawn"] == c["plots"], f"{name}: cell {c['index']}: {c['plots'] - c['drawn']} figures not drawn"
        assert not re.search(r"<(div|script|p)\b", c["text"]), f"{name}: cell {c['index']} shows raw HTML"
        if c["type"] == "markdown":
            for pattern in RAW_MYST:
                assert not re.search(pattern, c["rendered"], re.M), (
                    f"{name}: cell {c['index']} shows raw MyST markup ({pattern}): {c['rendered'][:120]!r}"
                )
    assert sum(c["plots"] for c in cells) >= 1, f"{name}: no figure at all"
    live = [c for c in cells if "skip-execution" in c["tags"] and c["widgets"]]
    assert live, f"{name}: no live explorer ran"
    code_cells = page.locator(".jp-Notebook .jp-Cell")
    for c in live:
        cell = code_cells.nth(c["index"])
        cell.scroll_into_view_if_needed()
        _move_controls(page, cell, client, chapter)
    quiz = page.locator("form.course-quiz fieldset:has(input[type=radio])").first
    quiz.scroll_into_view_if_needed()
    quiz.locator("input[type=radio]").first.check()
    assert quiz.locator(".course-quiz-feedback").inner_text().strip(), f"{name}: the quiz gave no feedback"
    assert errors == [], f"{name}: {errors}"
    page.close()


def _write_report() -> None:
    if not LATENCIES:
        return
    lines = [
        "# Live explorers in real Jupyter clients: redraw latency",
        "",
        "From a click on a control to the figure drawn with new data (kernel round trip included).",
        "",
        "| client | chapter | moves | median (ms) | p95 (ms) |",
        "|---|---|---|---|---|",
    ]
    for (client, chapter), values in sorted(LATENCIES.items()):
        ms = sorted(v * 1000 for v in values)
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
        lines.append(f"| {client} | {Path(chapter).name} | {len(ms)} | {statistics.median(ms):.0f} | {p95:.0f} |")
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "jupyter-clients-report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
