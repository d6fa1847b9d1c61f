"""Run inside the fresh virtual environment: execute every notebook of a folder, report errors as JSON.

Every cell runs, the live explorers included (the book skips those; a learner runs them). A last cell
records which build-tool modules the kernel imported: a learner's kernel must import none.
"""

import json
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

BUILD_MODULES = ("sphinx", "docutils", "yaml", "nbconvert", "jupyter_cache", "neurotrophins.build")
PROBE = (
    "import sys, json\n"
    f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {BUILD_MODULES!r}"
    " or m.startswith('neurotrophins.build'))))"
)


def main(folder: Path) -> int:
    report = {"notebooks": {}}
    for path in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(PROBE))
        started = time.perf_counter()
        NotebookClient(
            nb, timeout=300, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(folder)}}
        ).execute()
        errors = [
            f"cell {i}: {out.get('ename')}: {out.get('evalue')}"
            for i, cell in enumerate(nb.cells)
            if cell.cell_type == "code"
            for out in cell.get("outputs", [])
            if out.get("output_type") == "error" and "raises-exception" not in cell.metadata.get("tags", [])
        ]
        probe = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.get("output_type") == "stream")
        report["notebooks"][path.name] = {
            "seconds": time.perf_counter() - started,
            "errors": errors,
            "build_modules": json.loads(probe or "[]"),
        }
    started = time.perf_counter()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import neurotrophins.figures, neurotrophins.data")])
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    report["import_s"] = time.perf_counter() - started
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
