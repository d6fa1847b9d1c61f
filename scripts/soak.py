"""Soak test: run the notebook suite and a from-scratch book build many times in a row; report every failure or hang.

Usage: python scripts/soak.py [--runs 10] [--timeout 900]   (make soak)

Each run executes every notebook with nbval and then builds the book with a cleared execution cache (so every
notebook is executed again by the build). A step that does not finish within --timeout seconds counts as a hang.
The report goes to the terminal and to _build/soak-report.md; the exit status is non-zero if any run failed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
STEPS = {
    "notebooks": [
        PY,
        "-m",
        "pytest",
        "--nbval-lax",
        "--nbval-current-env",
        "--nbval-cell-timeout=120",
        "book",
        "-q",
        "-p",
        "no:playwright",
        "-p",
        "no:cacheprovider",
    ],
    "build": [str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", "--all", "-W", "-n", "--keep-going", "."],
}


def run_step(name: str, timeout: float) -> tuple[str, float, str]:
    if name == "build":
        shutil.rmtree(ROOT / "_build" / ".jupyter_cache", ignore_errors=True)
    start = time.perf_counter()
    try:
        proc = subprocess.run(STEPS[name], cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "HANG", time.perf_counter() - start, f"no result after {timeout:.0f} s"
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        tail = (proc.stdout + proc.stderr).strip().splitlines()[-5:]
        return "FAIL", seconds, " | ".join(tail)
    return "ok", seconds, ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before a step counts as a hang")
    args = parser.parse_args()
    rows, bad = [], 0
    for run in range(1, args.runs + 1):
        for step in STEPS:
            status, seconds, detail = run_step(step, args.timeout)
            bad += status != "ok"
            rows.append((run, step, status, seconds, detail))
            print(f"run {run:2d}  {step:9s}  {status:4s}  {seconds:7.1f} s  {detail}", flush=True)
    times = {s: [r[3] for r in rows if r[1] == s and r[2] == "ok"] for s in STEPS}
    lines = [
        f"# Soak report: {args.runs} runs, {bad} failed or hung steps",
        "",
        "| run | step | result | seconds | detail |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {r} | {s} | {st} | {sec:.1f} | {d} |" for r, s, st, sec, d in rows]
    lines += [""] + [
        f"- {step}: min {min(t):.1f} s, max {max(t):.1f} s over {len(t)} good runs" for step, t in times.items() if t
    ]
    out = ROOT / "_build" / "soak-report.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\n{bad} failed or hung steps in {args.runs} runs; report in {out.relative_to(ROOT)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
