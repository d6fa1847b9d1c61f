"""Start a new chapter from the template: ``make chapter SLUG=my-topic PART=02-lifestyle``.

Copies ``book/template/chapter-template.ipynb`` with its quiz and lesson plan under the new name,
writes the chapter's instructor page, adds the chapter to ``_toc.yml`` (last chapter of its part) and
to the ``chapter`` field of ``data/datapackage.json`` (so its claims can name it). Everything it
writes is a working chapter: it builds, executes and passes the lesson-plan checks, ready to be
rewritten.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import nbformat

from .quizfile import dumps
from .toc import TEMPLATE

TEMPLATE_SLUG = Path(TEMPLATE).name


class NewChapterError(ValueError):
    """The chapter cannot be created; the message says why."""


def new_chapter(root: Path, slug: str, part: str) -> list[Path]:
    """Create chapter ``slug`` in ``book/<part>/``; return the files written or changed."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug or ""):
        raise NewChapterError(f"SLUG must be lower-case words joined by hyphens, e.g. my-topic; got {slug!r}")
    folder = root / "book" / part
    if not re.fullmatch(r"0\d-[a-z0-9-]+", part or "") or not folder.is_dir():
        parts = sorted(p.name for p in (root / "book").glob("0*") if p.is_dir())
        raise NewChapterError(f"PART must be one of {', '.join(parts)}; got {part!r}")
    notebook = folder / f"{slug}.ipynb"
    quiz = root / "book" / "quizzes" / f"{slug}.json"
    plan = folder / f"lesson-{slug}.yml"
    page = root / "book" / "instructors" / f"{slug}.md"
    for path in (notebook, quiz, plan, page):
        if path.exists():
            raise NewChapterError(f"{path} exists already: choose another SLUG")

    nb = nbformat.read(root / f"{TEMPLATE}.ipynb", as_version=4)
    for cell in nb.cells:
        cell.source = cell.source.replace(f"({TEMPLATE_SLUG})=", f"({slug})=").replace(
            f'"{TEMPLATE_SLUG}"', f'"{slug}"'
        )
    nbformat.write(nb, notebook)
    data = json.loads((root / "book" / "quizzes" / f"{TEMPLATE_SLUG}.json").read_text(encoding="utf-8"))
    data["id"] = slug
    quiz.write_text(dumps(data), encoding="utf-8")
    template_plan = root / f"{TEMPLATE}.ipynb"
    plan.write_text(template_plan.with_name(f"lesson-{TEMPLATE_SLUG}.yml").read_text(encoding="utf-8"), "utf-8")
    page.write_text(f"# Lesson plan: {slug}\n\n```{{lesson-plan}} book/{part}/{slug}\n```\n", encoding="utf-8")

    toc_path = root / "_toc.yml"
    toc = toc_path.read_text(encoding="utf-8").splitlines()
    entries = [i for i, line in enumerate(toc) if line.strip() == f"- file: book/{part}/" + line.strip().split("/")[-1]]
    if not entries:
        raise NewChapterError(f"_toc.yml has no chapter in book/{part}/ to add the new one after")
    indent = toc[entries[-1]][: len(toc[entries[-1]]) - len(toc[entries[-1]].lstrip())]
    toc.insert(entries[-1] + 1, f"{indent}- file: book/{part}/{slug}")
    instructors = [i for i, line in enumerate(toc) if "- file: book/instructors/" in line]
    indent = toc[instructors[-1]][: len(toc[instructors[-1]]) - len(toc[instructors[-1]].lstrip())]
    toc.insert(instructors[-1] + 1, f"{indent}- file: book/instructors/{slug}")
    toc_path.write_text("\n".join(toc) + "\n", encoding="utf-8")

    package_path = root / "data" / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            if field["name"] == "chapter" and "enum" in field.get("constraints", {}):
                field["constraints"]["enum"].append(slug)
    package_path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return [notebook, quiz, plan, page, toc_path, package_path]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slug", required=True)
    parser.add_argument("--part", required=True)
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    try:
        written = new_chapter(args.root, args.slug, args.part)
    except NewChapterError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path.relative_to(args.root)}")
    print("Next: `make colab` (setup cells), rewrite the notebook, the quiz and the lesson plan, then `make test`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
