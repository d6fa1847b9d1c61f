"""make classroom N=20: a class of N students on a real JupyterHub on this machine, measured.

Each student's server is started (all at once), pulls the course with nbgitpuller and runs chapter 1 in
its own kernel, while the student's memory (server and kernel) is sampled. The report gives spawn time,
chapter run time and peak memory per student (median and p95), the failures (there must be none) and the
machine; it is written to _build/classroom-report.md and hub/capacity.json, from which the instructor
page's sizing table and the Zero to JupyterHub limits (hub/zero-to-jupyterhub.yaml) are checked.
Runs as root (it creates throw-away Unix accounts; see neurotrophins.build.classroom).

Usage: python scripts/classroom.py [--students N] [--chapter book/01-foundations/neurotrophins-and-bdnf.ipynb]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from neurotrophins.build.classroom import Classroom, MemoryPeak  # noqa: E402


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def machine() -> dict:
    import psutil

    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "load_average_before": round(os.getloadavg()[0], 2),
    }


def run(students: int, chapter: str) -> dict:
    folder = Path("/tmp") / f"nt-classroom-{uuid.uuid4().hex[:8]}"
    started = time.perf_counter()
    info = machine()
    with Classroom(ROOT, students, folder) as room:
        with ThreadPoolExecutor(students) as pool:
            spawn = list(pool.map(room.spawn, room.students))
        tokens = {name: room.user_token(name) for name in room.students}

        def one(name: str) -> dict:
            with MemoryPeak(room, name) as peak:
                room.pull(name, tokens[name])
                result = room.run_notebook(name, tokens[name], f"{room.repo.name}/{chapter}")
            return {**result, "peak_mb": peak.peak / 2**20}

        with ThreadPoolExecutor(students) as pool:
            results = list(pool.map(one, room.students))
    shutil.rmtree(folder, ignore_errors=True)
    failures = [f"{n}: {r['errors']}" for n, r in zip(room.students, results, strict=True) if r["errors"]]
    runs = [r["seconds"] for r in results]
    peaks = [r["peak_mb"] for r in results]
    return {
        "date": datetime.date.today().isoformat(),
        "machine": info,
        "students": students,
        "chapter": chapter,
        "spawn_seconds": {"median": round(statistics.median(spawn), 2), "p95": round(p95(spawn), 2)},
        "chapter_run_seconds": {"median": round(statistics.median(runs), 2), "p95": round(p95(runs), 2)},
        "peak_memory_mb": {
            "median": round(statistics.median(peaks)),
            "p95": round(p95(peaks)),
            "max": round(max(peaks)),
        },
        "failures": failures,
        "wall_seconds": round(time.perf_counter() - started),
    }


def report(result: dict) -> str:
    m = result["machine"]
    per_gb = 1024 / result["peak_memory_mb"]["p95"]
    lines = [
        f"# make classroom: {result['students']} students on one machine ({result['date']})",
        "",
        f"Machine: {m['cpus']} cores, {m['memory_gb']} GB, {m['system']}, Python {m['python']} "
        f"(load average {m['load_average_before']} when the run began).",
        "",
        "| measure | median | p95 |",
        "|---|---|---|",
        f"| spawn time (s) | {result['spawn_seconds']['median']} | {result['spawn_seconds']['p95']} |",
        f"| chapter 1 run time (s) | {result['chapter_run_seconds']['median']} | "
        f"{result['chapter_run_seconds']['p95']} |",
        f"| peak memory per student, server + kernel (MB) | {result['peak_memory_mb']['median']} | "
        f"{result['peak_memory_mb']['p95']} |",
        "",
        f"Failures: {len(result['failures'])}. About {per_gb:.1f} running students per GB of memory.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--chapter", default="book/01-foundations/neurotrophins-and-bdnf.ipynb")
    args = parser.parse_args(argv)
    result = run(args.students, args.chapter)
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "classroom-report.md").write_text(report(result), encoding="utf-8")
    (ROOT / "hub" / "capacity.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(report(result))
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
