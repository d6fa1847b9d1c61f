"""The synthesis chapter's evidence map in the browser: each button shows exactly the claims it names."""

from __future__ import annotations

from neurotrophins.data import load

PAGE = "book/04-synthesis/synthesis.html"

_VISIBLE_IDS = """(el) => el.data.filter((t) => t.visible !== false && t.visible !== 'legendonly')
                          .flatMap((t) => t.customdata || [])"""


def test_evidence_map_buttons_show_the_claims_they_name(recorded_page, site_url):
    claims = load("claims")
    expected = {
        0: sorted(claims["id"]),
        1: sorted(claims.loc[claims["origin"] == "source article", "id"]),
        2: sorted(claims.loc[claims["origin"] == "course", "id"]),
    }
    page = recorded_page
    page.goto(f"{site_url}/{PAGE}", wait_until="load")
    fig = page.locator("div.plotly-graph-div").filter(has=page.locator(".updatemenu-container")).first
    fig.scroll_into_view_if_needed()
    buttons = fig.locator(".updatemenu-container g.updatemenu-button")
    buttons.first.wait_for(state="visible", timeout=10_000)
    assert buttons.count() == 3
    for k in (1, 2, 0):
        buttons.nth(k).click()
        page.wait_for_timeout(200)
        shown = sorted(page.evaluate(_VISIBLE_IDS, fig.element_handle()))
        assert shown == expected[k], f"button {k}: {len(shown)} claims drawn, {len(expected[k])} expected"
    assert len(expected[1]) == 41
    assert page.recorder.errors == []


def test_hovering_a_marker_shows_the_claim(recorded_page, site_url):
    page = recorded_page
    page.goto(f"{site_url}/{PAGE}", wait_until="load")
    fig = page.locator("div.plotly-graph-div").filter(has=page.locator(".updatemenu-container")).first
    fig.scroll_into_view_if_needed()
    point = fig.locator(".scatterlayer .trace .points path.point").first
    point.wait_for(state="visible", timeout=10_000)
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = fig.locator(".hoverlayer .hovertext")
    hover.first.wait_for(state="visible", timeout=5_000)
    text = hover.first.text_content()
    assert "Verdict:" in text and "grade:" in text and "References:" in text, text
