"""Benchmark: what learners wait for, what authors wait for, where build time and page weight go.

Usage: python scripts/bench.py [--skip-build]   (make bench)

Measures, on this machine, in one run:
- the author loop, through `make build`: a clean build (no _build at all), a cached no-change rebuild (target <= 10%
  of clean) and a rebuild after editing one chapter's markdown (target <= 25% of clean; nothing re-executed);
- each notebook's execution time against the floor, a notebook that only imports numpy, pandas, plotly and
  ipywidgets, run just before it (target <= 1.5x for every notebook);
- the learner's side: every chapter page in Chromium with a cold cache, served with gzip as GitHub Pages serves it
  (scripts/site_server.py), on a 4G-like and a slow-3G-like link (CDP network emulation): bytes transferred raw and
  compressed, first contentful paint, the time until every figure has drawn, main-thread blocking time; the same pages
  with the full plotly.js loaded synchronously (the book before the partial bundle) in the same run, as ratios.
  Targets: heaviest chapter <= 700 KB compressed, first paint on 4G <= 1.0 s, all figures on 4G <= 2.5 s, both at
  least 3x better than the full bundle on slow 3G;
- total site size, the heaviest HTML page, the size of each static explorer figure (target <= 400 KB);
- the time of one live explorer update (median and p95; target p95 <= 50 ms).
Prints a Markdown report and writes it to _build/bench-report.md.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import pkgutil
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
KB = 1024
CHROMIUM = "/usr/bin/chromium"
#: name: (download bit/s, round-trip ms). Upload 750 kbit/s on both (requests are small).
LINKS = {"4G": (9_000_000, 150), "slow 3G": (1_600_000, 300)}
FLOOR = "import numpy\nimport pandas\nimport plotly.graph_objects\nimport ipywidgets"


def make_build() -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(["make", "--no-print-directory", "build"], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"make build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return time.perf_counter() - start, done.stdout + done.stderr


def _edit_markdown(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(  # the first markdown cell the book shows (the how-to-use cell is for Jupyter only)
        c for c in nb["cells"] if c["cell_type"] == "markdown" and "remove-cell" not in c["metadata"].get("tags", [])
    )
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    cell["source"] = source + "\n\nA sentence added by the benchmark."
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def author_loop() -> dict[str, float]:
    from neurotrophins.build.toc import toc_chapters

    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    clean, _ = make_build()
    cached, log = make_build()
    if "nothing changed" not in log:
        raise SystemExit(f"make build ran again with nothing changed:\n{log[-2000:]}")
    # A file's time changes but not its content (a checkout, a save without edits): Sphinx starts, finds nothing.
    os.utime(ROOT / "_toc.yml")
    touched, _ = make_build()
    chapter = ROOT / f"{toc_chapters(ROOT / '_toc.yml')[0]}.ipynb"
    original = chapter.read_bytes()
    _edit_markdown(chapter)
    try:
        edited, log = make_build()
        page = HTML / f"{toc_chapters(ROOT / '_toc.yml')[0]}.html"
        if "A sentence added by the benchmark." not in page.read_text(encoding="utf-8"):
            raise SystemExit(f"make build did not bring the edit into {page}")
    finally:
        chapter.write_bytes(original)
    make_build()  # back to the committed chapter
    return {
        "clean": clean,
        "cached": cached,
        "touched": touched,
        "edited": edited,
        "executed": log.count("Executing notebook"),
        "chapter": chapter.stem,
    }


def run_notebook(nb, cwd: Path) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return time.perf_counter() - start


def notebook_times(repeats: int = 3) -> dict[str, tuple[float, float]]:
    """Each chapter notebook's execution time and the floor's, medians of ``repeats`` runs, each floor run just
    before its chapter run (so that a busy machine slows both alike)."""
    from neurotrophins.build.toc import toc_chapters

    run_notebook(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR)]), ROOT)  # warm the disk cache
    times = {}
    for chapter in toc_chapters(ROOT / "_toc.yml"):
        path = ROOT / f"{chapter}.ipynb"
        nb = nbformat.read(path, as_version=4)
        nb.cells = [c for c in nb.cells if "skip-execution" not in c.metadata.get("tags", [])]
        runs = []
        for _ in range(repeats):
            floor = run_notebook(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR)]), ROOT)
            runs.append((run_notebook(nb, path.parent), floor))
        times[Path(chapter).name] = (statistics.median(t for t, _ in runs), statistics.median(f for _, f in runs))
    return times


# Before any page script: sum the main thread's blocking time (long tasks beyond 50 ms) and note when the last
# plotly figure of the page has its SVG.
_PROBE = """
window.__bench = {blocking: 0, figures: null};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__bench.blocking += Math.max(0, e.duration - 50);
}).observe({type: "longtask", buffered: true});
new MutationObserver((records, observer) => {
  const divs = document.querySelectorAll("div.plotly-graph-div");
  if (divs.length && [...divs].every((d) => d.querySelector(".main-svg"))) {
    window.__bench.figures = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""
_RESULTS = """() => {
  const entries = [performance.getEntriesByType("navigation")[0], ...performance.getEntriesByType("resource")];
  const sum = (key) => entries.reduce((total, e) => total + e[key], 0);
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  return {requests: entries.length, wire: sum("transferSize"), raw: sum("decodedBodySize"),
          fcp: fcp ? fcp.startTime : null, figures: window.__bench.figures, blocking: window.__bench.blocking,
          n_figures: document.querySelectorAll("div.plotly-graph-div").length,
          plotly: entries.some((e) => /plotly[^/]*\\.js/.test(e.name))};
}"""


def load_page(browser, url: str, link: tuple[int, int]) -> dict:
    """One cold-cache load of ``url`` over an emulated link; times in ms from navigation start, sizes in bytes."""
    context = browser.new_context()
    context.add_init_script("localStorage.setItem('mode', 'light'); localStorage.setItem('theme', 'light');")
    page = context.new_page()
    page.add_init_script(_PROBE)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    down, rtt = link
    conditions = {"offline": False, "latency": rtt, "downloadThroughput": down / 8, "uploadThroughput": 750_000 / 8}
    cdp.send("Network.emulateNetworkConditions", conditions)
    try:
        page.goto(url, wait_until="load", timeout=90_000)
        if page.locator("div.plotly-graph-div").count():
            page.wait_for_function("window.__bench.figures !== null", timeout=90_000)
        page.wait_for_load_state("networkidle", timeout=90_000)
        return page.evaluate(_RESULTS)
    finally:
        context.close()


def measure_page(browser, url: str, link: tuple[int, int], attempts: int = 3) -> dict:
    """:func:`load_page`, tried again when a load stalls (now and then an emulated load never fires ``load``)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(attempts):
        try:
            return load_page(browser, url, link)
        except PlaywrightTimeout:
            print(f"bench: {url} stalled (attempt {attempt + 1} of {attempts})", file=sys.stderr)
    raise SystemExit(f"bench: {url} did not load in {attempts} attempts")


def learner_pages() -> dict[str, dict[str, dict[str, dict]]]:
    """{variant: {page: {link: measures}}} for the intro page and every chapter, both variants, both links."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "scripts"))
    import site_server

    from neurotrophins.build.toc import toc_chapters

    pages = ["book/intro"] + toc_chapters(ROOT / "_toc.yml")
    results: dict = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        for variant, full in (("partial", False), ("full", True)):
            server = site_server.start(HTML, full_bundle=full)
            base = f"http://127.0.0.1:{server.server_address[1]}"
            for page in pages:
                measure_page(browser, f"{base}/{page}.html", (1_000_000_000, 0))  # fill the server's gzip cache
                for name, link in LINKS.items():
                    results.setdefault(variant, {}).setdefault(Path(page).name, {})[name] = measure_page(
                        browser, f"{base}/{page}.html", link
                    )
            server.shutdown()
        browser.close()
    return results


def page_weights() -> tuple[int, list[tuple[str, int]]]:
    total = sum(p.stat().st_size for p in HTML.rglob("*") if p.is_file())
    pages = [
        (str(p.relative_to(HTML)), p.stat().st_size)
        for p in HTML.rglob("*.html")
        if not {"_static", "reveal.js"} & set(p.relative_to(HTML).parts)
    ]
    return total, sorted(pages, key=lambda x: -x[1])


def _modules(package: str):
    pkg = importlib.import_module(package)
    for info in pkgutil.iter_modules(pkg.__path__):
        if not info.name.startswith("_"):
            yield importlib.import_module(f"{package}.{info.name}")


def static_figure_sizes() -> dict[str, int]:
    from neurotrophins.figures import CourseRenderer

    sizes = {}
    for module in _modules("neurotrophins.figures"):
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__ or not name.endswith("_static"):
                continue
            if any(p.default is inspect.Parameter.empty for p in inspect.signature(fn).parameters.values()):
                continue
            html = CourseRenderer().to_mimebundle(fn().to_dict())["text/html"]
            sizes[f"{module.__name__.rsplit('.', 1)[1]}.{name}"] = len(html.encode())
    return sizes


def live_update_times(repeats: int = 30) -> dict[str, list[float]]:
    import ipywidgets as widgets

    results = {}
    for module in _modules("neurotrophins.explorers"):
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__ or not name.endswith("_explorer"):
                continue
            module.display = lambda *args, **kwargs: None  # time the model and the figure, not a frontend
            box = fn()
            controls = [w for w in _walk(box) if isinstance(w, (widgets.FloatSlider, widgets.IntSlider))]
            if not controls:
                continue
            control, times = controls[0], []
            low, high = control.min, control.max
            for i in range(repeats):
                start = time.perf_counter()
                control.value = high if i % 2 == 0 else low
                times.append(time.perf_counter() - start)
            results[f"{module.__name__.rsplit('.', 1)[1]}.{name} ({control.description})"] = times
    return results


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _s(ms: float | None) -> str:
    return "-" if ms is None else f"{ms / 1000:.2f} s"


def _ratio(full: float | None, partial: float | None) -> float | None:
    return None if not full or not partial else full / partial


def learner_report(results: dict, verdict: list) -> list[str]:
    lines = [
        "## What a learner waits for (Chromium, cold cache, gzip like GitHub Pages)",
        "",
        "Links: 4G-like 9 Mbit/s down, 150 ms RTT; slow-3G-like 1.6 Mbit/s, 300 ms RTT (750 kbit/s up). "
        "'full' is the same page loading plotly.py's full plotly.js synchronously in `<head>`, as the book did "
        "before; x = full / partial. Blocking: main-thread long tasks beyond 50 ms (4G load, CPU not throttled).",
        "",
        "| page | figures | requests | raw KB | compressed KB (x) | first paint 4G (x) | figures 4G (x) | "
        "first paint slow 3G (x) | figures slow 3G (x) | blocking ms (x) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    worst = {"wire": 0.0, "fcp4": 0.0, "fig4": 0.0, "fcp3x": float("inf"), "fig3x": float("inf")}
    for page, links in results["partial"].items():
        full = results["full"][page]
        g4, g3, f4, f3 = links["4G"], links["slow 3G"], full["4G"], full["slow 3G"]

        def x(a, b):
            r = _ratio(a, b)
            return f" ({r:.1f}x)" if r else ""

        lines.append(
            f"| {page} | {g4['n_figures']} | {g4['requests']} | {g4['raw'] / KB:.0f} | "
            f"{g4['wire'] / KB:.0f}{x(f4['wire'], g4['wire'])} | {_s(g4['fcp'])}{x(f4['fcp'], g4['fcp'])} | "
            f"{_s(g4['figures'])}{x(f4['figures'], g4['figures'])} | {_s(g3['fcp'])}{x(f3['fcp'], g3['fcp'])} | "
            f"{_s(g3['figures'])}{x(f3['figures'], g3['figures'])} | "
            f"{g4['blocking']:.0f}{x(f4['blocking'], g4['blocking'])} |"
        )
        if page == "intro":
            continue
        worst["wire"] = max(worst["wire"], g4["wire"])
        worst["fcp4"] = max(worst["fcp4"], g4["fcp"])
        worst["fig4"] = max(worst["fig4"], g4["figures"] or 0)
        worst["fcp3x"] = min(worst["fcp3x"], _ratio(f3["fcp"], g3["fcp"]) or 0)
        if g3["figures"]:
            worst["fig3x"] = min(worst["fig3x"], _ratio(f3["figures"], g3["figures"]))
    lines += ["", "Same pages, full bundle (absolute):", ""]
    lines += [
        "| page | requests | raw KB | compressed KB | first paint 4G | figures 4G | first paint slow 3G | "
        "figures slow 3G | blocking ms |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for page, links in results["full"].items():
        f4, f3 = links["4G"], links["slow 3G"]
        lines.append(
            f"| {page} | {f4['requests']} | {f4['raw'] / KB:.0f} | {f4['wire'] / KB:.0f} | {_s(f4['fcp'])} | "
            f"{_s(f4['figures'])} | {_s(f3['fcp'])} | {_s(f3['figures'])} | {f4['blocking']:.0f} |"
        )
    intro = results["partial"].get("intro", {}).get("4G", {})
    lines += ["", f"The intro page (no figure) loads plotly.js: {'yes' if intro.get('plotly') else 'no'}.", ""]
    verdict += [
        (f"heaviest chapter page <= 700 KB compressed ({worst['wire'] / KB:.0f} KB)", worst["wire"] <= 700 * KB),
        (f"first paint on 4G <= 1.0 s (worst {_s(worst['fcp4'])})", worst["fcp4"] <= 1000),
        (f"all figures drawn on 4G <= 2.5 s (worst {_s(worst['fig4'])})", worst["fig4"] <= 2500),
        (f"first paint on slow 3G >= 3x better than full (worst {worst['fcp3x']:.1f}x)", worst["fcp3x"] >= 3),
        (f"figures on slow 3G >= 3x better than full (worst {worst['fig3x']:.1f}x)", worst["fig3x"] >= 3),
    ]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="reuse the current _build (no build timings)")
    args = parser.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        "# Benchmark report",
        "",
        f"Machine: {os.cpu_count()} CPUs; Python {sys.version.split()[0]}; load average at the start {load} "
        "(times are only comparable on a quiet machine; the learner ratios are measured side by side).",
        "",
    ]
    verdict = []
    shown = 0

    def show() -> None:  # print each section as soon as it is measured
        nonlocal shown
        print("\n".join(lines[shown:]), flush=True)
        shown = len(lines)

    if not args.skip_build:
        loop = author_loop()
        cached, edited = loop["cached"] / loop["clean"], loop["edited"] / loop["clean"]
        verdict.append((f"cached no-change rebuild <= 10% of clean ({cached:.1%})", cached <= 0.10))
        verdict.append(
            (
                f"one chapter's markdown edited: <= 25% of clean, nothing executed ({edited:.1%}, "
                f"{loop['executed']} executed)",
                edited <= 0.25 and loop["executed"] == 0,
            )
        )
        lines += [
            "## Author loop (`make build`)",
            "",
            "| measure | seconds | of clean |",
            "|---|---|---|",
            f"| clean build (no _build) | {loop['clean']:.1f} | |",
            f"| cached no-change rebuild | {loop['cached']:.1f} | {cached:.1%} |",
            f"| a file touched, no content changed (Sphinx starts, reads nothing) | {loop['touched']:.1f} | "
            f"{loop['touched'] / loop['clean']:.1%} |",
            f"| one markdown cell of {loop['chapter']} edited | {loop['edited']:.1f} | {edited:.1%} |",
            f"| notebooks executed by that rebuild | {loop['executed']} | |",
            "",
        ]
        show()
    times = notebook_times()
    worst = max(t / f for t, f in times.values())
    total, floor = sum(t for t, _ in times.values()), sum(f for _, f in times.values())
    verdict.append((f"every notebook <= 1.5x the floor (worst {worst:.2f}x)", worst <= 1.5))
    lines += [
        "## Notebook execution",
        "",
        f"Floor: a notebook whose one cell is `{'; '.join(FLOOR.splitlines())}`, run just before each chapter; "
        "medians of 3 runs.",
        "",
        "| notebook | seconds | floor seconds | ratio |",
        "|---|---|---|---|",
    ]
    lines += [f"| {name} | {t:.2f} | {f:.2f} | {t / f:.2f}x |" for name, (t, f) in times.items()]
    lines += [f"| **total** | **{total:.2f}** | **{floor:.2f}** | **{total / floor:.2f}x** |", ""]
    show()
    lines += learner_report(learner_pages(), verdict)
    show()
    site, pages = page_weights()
    lines += [
        "## Page weight",
        "",
        f"Whole site: {site / KB / KB:.1f} MB. Heaviest pages (HTML only):",
        "",
        "| page | KB |",
        "|---|---|",
    ]
    lines += [f"| {p} | {s / KB:.0f} |" for p, s in pages[:8]]
    sizes = static_figure_sizes()
    verdict.append(("each static explorer <= 400 KB", max(sizes.values()) <= 400 * KB))
    lines += ["", "## Static explorer figures", "", "| figure | KB |", "|---|---|"]
    lines += [f"| {name} | {size / KB:.0f} |" for name, size in sorted(sizes.items(), key=lambda x: -x[1])]
    live = live_update_times()
    p95s = []
    lines += [
        "",
        "## Live explorer update (slider change to new figure, no frontend)",
        "",
        "| explorer (control moved) | median ms | p95 ms |",
        "|---|---|---|",
    ]
    for name, samples in live.items():
        ms = sorted(1000 * t for t in samples)
        p95 = ms[int(0.95 * (len(ms) - 1))]
        p95s.append(p95)
        lines.append(f"| {name} | {statistics.median(ms):.1f} | {p95:.1f} |")
    verdict.append(("live update p95 <= 50 ms", bool(p95s) and max(p95s) <= 50))
    lines += ["", "## Targets", "", "| target | met |", "|---|---|"]
    lines += [f"| {name} | {'yes' if ok else 'NO'} |" for name, ok in verdict]
    lines += ["", f"Load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}."]
    show()
    report = "\n".join(lines) + "\n"
    out = ROOT / "_build" / "bench-report.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report, encoding="utf-8")
    print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
