"""Offline link check of the built site: every internal link and anchor resolves; external links are listed.

Nothing is fetched. For each HTML page under the site root, every ``href`` and ``src`` is resolved
relative to the page: a local target must exist, and a ``#fragment`` must be an ``id`` (or ``name``) in
the target page. External URLs (``http(s)://``, ``mailto:``) are collected for a report, not checked.

``python -m neurotrophins.linkcheck _build/html`` prints the problems and writes
``_build/link-report.txt`` with every external link and the pages that use it.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SKIP_DIRS = {"_sources", "reveal.js"}  # copies of sources; reveal.js's own demo pages


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif name in ("href", "src") and tag not in ("base",):
                self.links.append(value)


@dataclass
class Report:
    pages: int = 0
    internal: int = 0
    broken: list[str] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def _parse(path: Path, cache: dict[Path, _Links]) -> _Links:
    if path not in cache:
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        cache[path] = parser
    return cache[path]


def check(root: Path) -> Report:
    """Check every page under ``root``; the report lists broken links as "page: link (reason)"."""
    root = root.resolve()
    report, cache = Report(), {}
    pages = [p for p in sorted(root.rglob("*.html")) if not SKIP_DIRS & set(p.relative_to(root).parts)]
    for page in pages:
        report.pages += 1
        rel_page = page.relative_to(root)
        for link in _parse(page, cache).links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto") or link.startswith("//"):
                report.external[link].add(str(rel_page))
                continue
            if parts.scheme in ("data", "javascript", "blob") or link.startswith("{"):
                continue
            report.internal += 1
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_relative_to(root):
                report.broken.append(f"{rel_page}: {link} (points outside the site)")
                continue
            if not target.is_file():
                report.broken.append(f"{rel_page}: {link} (no file {target.relative_to(root)})")
                continue
            # Browsers look the fragment up as written, then percent-decoded (nbconvert writes encoded ids).
            fragment = parts.fragment
            if fragment and target.suffix == ".html" and not {fragment, unquote(fragment)} & _parse(target, cache).ids:
                missing = f"no anchor #{unquote(fragment)} in {target.relative_to(root)}"
                report.broken.append(f"{rel_page}: {link} ({missing})")
    return report


def write_external_report(report: Report, path: Path) -> None:
    lines = [f"# External links in the built site ({len(report.external)}), listed and not fetched", ""]
    for url in sorted(report.external):
        lines.append(f"{url}\n    used on: {', '.join(sorted(report.external[url]))}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root = Path(argv[0] if argv else "_build/html")
    report = check(root)
    out = root.parent / "link-report.txt"
    write_external_report(report, out)
    print(
        f"{report.pages} pages, {report.internal} internal links, {len(report.broken)} broken; "
        f"{len(report.external)} external links listed in {out}"
    )
    for line in report.broken:
        print(f"  broken: {line}")
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main())
