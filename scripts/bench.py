"""Benchmark: where build time and page weight go, and how fast the live explorers respond.

Usage: python scripts/bench.py [--skip-build]   (make bench)

Measures, on this machine:
- clean build time (no _build at all) and a cached no-change rebuild, and their ratio (target <= 10%);
- each notebook's execution time, and the total as a ratio to as many empty notebooks (target <= 1.3x);
- total site size, the heaviest HTML page (shared assets excluded; target <= 600 KB), the size of each static
  explorer figure (target <= 400 KB);
- the time of one live explorer update, the ipywidgets callback path from a slider change to a new figure (median and
  p95; target p95 <= 50 ms).
Prints a Markdown report and writes it to _build/bench-report.md.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
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
JB = str(ROOT / ".venv" / "bin" / "jupyter-book")
KB = 1024


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def build_times() -> tuple[float, float]:
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    clean = timed([JB, "build", "--all", "-W", "-n", "--keep-going", "."])
    cached = timed([JB, "build", "-W", "-n", "--keep-going", "."])
    for module in ("neurotrophins.build.slides", "neurotrophins.build.downloads"):
        subprocess.run([sys.executable, "-m", module], cwd=ROOT, check=True, capture_output=True)
    return clean, cached


def run_notebook(nb, cwd: Path) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return time.perf_counter() - start


def notebook_times() -> tuple[dict[str, float], float]:
    from neurotrophins.build.toc import toc_chapters

    times = {}
    for chapter in toc_chapters(ROOT / "_toc.yml"):
        path = ROOT / f"{chapter}.ipynb"
        nb = nbformat.read(path, as_version=4)
        nb.cells = [c for c in nb.cells if "skip-execution" not in c.metadata.get("tags", [])]
        times[Path(chapter).name] = run_notebook(nb, path.parent)
    empty = sum(run_notebook(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")]), ROOT) for _ in times)
    return times, empty


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="reuse the current _build (no build timings)")
    args = parser.parse_args()
    lines = ["# Benchmark report", "", f"Machine: {shutil.os.cpu_count()} CPUs; Python {sys.version.split()[0]}.", ""]
    verdict = []
    if not args.skip_build:
        clean, cached = build_times()
        ratio = cached / clean
        verdict.append(("cached rebuild <= 10% of clean build", ratio <= 0.10))
        lines += [
            "## Build",
            "",
            "| measure | value |",
            "|---|---|",
            f"| clean build | {clean:.1f} s |",
            f"| cached no-change rebuild | {cached:.1f} s |",
            f"| ratio | {ratio:.1%} |",
            "",
        ]
    times, empty = notebook_times()
    total = sum(times.values())
    verdict.append(("notebook execution <= 1.3x empty notebooks", total / empty <= 1.3))
    lines += ["## Notebook execution", "", "| notebook | seconds |", "|---|---|"]
    lines += [f"| {name} | {sec:.2f} |" for name, sec in times.items()]
    lines += [
        f"| **total** | **{total:.2f}** |",
        f"| {len(times)} empty notebooks | {empty:.2f} |",
        f"| ratio | {total / empty:.2f}x |",
        "",
    ]
    site, pages = page_weights()
    chapters = [(p, s) for p, s in pages if p.startswith("book/0")]
    heaviest = chapters[0] if chapters else pages[0]
    verdict.append(("heaviest chapter page <= 600 KB", heaviest[1] <= 600 * KB))
    lines += [
        "## Page weight",
        "",
        f"Whole site: {site / KB / KB:.1f} MB. Heaviest pages (HTML only; plotly.js, "
        "MathJax and the theme are shared assets):",
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
    report = "\n".join(lines) + "\n"
    print(report)
    out = ROOT / "_build" / "bench-report.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report, encoding="utf-8")
    print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
