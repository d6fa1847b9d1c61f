"""Accessibility: axe-core (pinned in package.json, served from node_modules, no network) on every page and deck.

A page fails on any serious or critical violation, except the few known ones below, each kept with its reason
and limited to the elements it names.
"""

from __future__ import annotations

import pytest

from .conftest import HTML, ROOT, site_pages, slide_decks

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

#: (rule, fragment of the offending element's HTML, why it is tolerated)
KNOWN = [
    (
        "label-content-name-mismatch",
        "search-button",
        "the theme's search button: its visible keyboard hint (Ctrl+K) is not part of its accessible name",
    ),
    (
        "label-content-name-mismatch",
        "theme-switch-button",
        "the theme's colour-mode button: its tooltip text differs from its accessible name 'Color mode'",
    ),
]


def _audit(page) -> list[dict]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make js` (npm ci)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a',
                                                                                'wcag21aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                            nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html}))}));
        }"""
    )
    problems = []
    for v in result:
        if v["impact"] not in ("serious", "critical"):
            continue
        targets = [
            n["target"]
            for n in v["nodes"]
            if not any(v["id"] == rule and fragment in n["html"] for rule, fragment, _ in KNOWN)
        ]
        if targets:
            problems.append({**v, "targets": targets})
    return problems


@pytest.mark.parametrize("rel", site_pages())
def test_page_has_no_serious_accessibility_violations(recorded_page, site_url, rel):
    page = recorded_page
    page.goto(f"{site_url}/{rel}", wait_until="load")
    page.wait_for_timeout(300)
    problems = _audit(page)
    assert problems == [], f"{rel}: " + "; ".join(
        f"{p['id']} ({p['impact']}): {p['help']} at {p['targets'][:3]}" for p in problems
    )


@pytest.mark.parametrize("rel", slide_decks())
def test_deck_has_no_serious_accessibility_violations(recorded_page, site_url, rel):
    page = recorded_page
    page.goto(f"{site_url}/{rel}", wait_until="load")
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=10_000)
    problems = _audit(page)
    assert problems == [], f"{rel}: " + "; ".join(
        f"{p['id']} ({p['impact']}): {p['help']} at {p['targets'][:3]}" for p in problems
    )


def test_every_figure_has_a_text_alternative():
    for rel in site_pages() + slide_decks():
        html = (HTML / rel).read_text(encoding="utf-8")
        figures = html.count('class="plotly-graph-div"')
        alts = html.count('<p class="course-figure-alt')
        assert alts >= figures, f"{rel}: {figures} figures but {alts} text alternatives"
