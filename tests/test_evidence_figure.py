"""The synthesis chapter's evidence map: counts, placement, figures and the live explorer."""

from __future__ import annotations

import itertools

import ipywidgets as widgets
import numpy as np
import pandas as pd
import pytest

from neurotrophins import evidence_summary as es
from neurotrophins.data import load
from neurotrophins.explorers import evidence as ev_explorer
from neurotrophins.figures import PALETTE, CourseRenderer
from neurotrophins.figures import evidence as ev


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return es.claims_with_references()


def _points(fig) -> list[str]:
    """Claim ids drawn by the point traces (the 7 legend traces carry none)."""
    return [cid for trace in fig.data[len(ev.VERDICT_STYLE) :] for cid in trace.customdata]


# ---------------------------------------------------------------- tables


def test_claims_with_references_keeps_every_claim_and_lists_its_references(claims):
    raw = load("claims")
    assert list(claims["id"]) == list(raw["id"])
    row = claims.set_index("id").loc["trt-restores-bdnf", "references"]
    assert row == "Bjørnebekk et al. 2023 (qualifies); Bhasin et al. 2018 (qualifies); Resnick et al. 2017 (qualifies)"
    assert (claims["references"] != "").all(), "every claim has a reference (a dataset rule)"


def test_verdict_table_counts_every_claim_once_in_schema_order(claims):
    table = es.verdict_table(claims)
    assert list(table.columns) == [*es.VERDICTS, "total"]
    assert list(table.index) == [*es.TOPIC_LABELS, "total"]
    assert table.loc["total", "total"] == len(claims)
    assert (table.drop(index="total").drop(columns="total").sum(axis=1) == table["total"].drop("total")).all()
    for topic in es.TOPIC_LABELS:
        assert table.loc[topic, "total"] == (claims["topic"] == topic).sum()


def test_source_article_counts_are_the_fact_checks(claims):
    source = claims[claims["origin"] == "source article"]
    assert sorted(source["source_id"]) == [f"C{i:02d}" for i in range(1, 42)]
    table = es.verdict_table(source)
    assert table.loc["total", "total"] == 41
    assert table.loc["total", "supported"] == 2
    assert table.loc["total", "contradicted"] == 0 and table.loc["total", "unsupported"] == 8


def test_verdict_table_keeps_empty_rows_and_columns():
    tiny = load("claims").head(1)
    table = es.verdict_table(tiny)
    assert table.shape == (len(es.TOPIC_LABELS) + 1, len(es.VERDICTS) + 1)
    assert table.loc["total", "total"] == 1
    with pytest.raises(ValueError, match="by must be one of"):
        es.verdict_table(tiny, by="statement")


def test_domain_table_groups_the_source_claims_by_domain(claims):
    table = es.domain_table(claims)
    assert list(table.index) == [*es.DOMAINS, "total"]
    assert list(table.columns) == ["claims", "holds", "holds in part", "weak or animal only", "fails"]
    assert table.loc["total", "claims"] == 41
    assert (table.drop(columns="claims").sum(axis=1) == table["claims"]).all()
    assert sorted(t for topics in es.DOMAINS.values() for t in topics) == sorted(es.TOPIC_LABELS)
    source = claims[claims["origin"] == "source article"]
    assert table.loc["Exercise", "claims"] == (source["topic"] == "exercise").sum()
    assert table.loc["total", "holds"] == (source["verdict"] == "supported").sum()


def test_every_verdict_has_a_class_and_a_style():
    assert set(es.VERDICT_CLASSES) == set(es.VERDICTS) == set(ev.VERDICT_STYLE)
    assert list(es.GRADES) == ["very low", "low", "moderate", "high"]


def test_filter_claims_filters_and_names_bad_values(claims):
    assert len(es.filter_claims(claims)) == len(claims)
    strong = es.filter_claims(claims, min_grade="moderate")
    assert set(strong["grade"].astype(str)) <= {"moderate", "high"}
    assert len(strong) == (claims["grade"] >= "moderate").sum()
    one = es.filter_claims(claims, topic="exercise", origin="source article")
    assert set(one["topic"]) == {"exercise"} and set(one["origin"]) == {"source article"}
    with pytest.raises(ValueError, match="topic must be one of 'all', 'biology'.*got 'sleep'"):
        es.filter_claims(claims, topic="sleep")
    with pytest.raises(ValueError, match="origin must be one of 'all', 'source article', 'course'; got 'press'"):
        es.filter_claims(claims, origin="press")
    with pytest.raises(ValueError, match="min_grade must be one of 'very low', 'low', 'moderate', 'high'"):
        es.filter_claims(claims, min_grade="medium")


# ---------------------------------------------------------------- placement


@pytest.mark.parametrize("n", [0, 1, 2, 5, 12, 40])
def test_cell_offsets_stay_in_the_cell_and_never_coincide(n):
    off = es.cell_offsets(n, aspect=2.5, span=0.8)
    assert off.shape == (n, 2)
    assert np.all(np.abs(off[:, 0]) <= 0.4 + 1e-9) and np.all(np.abs(off[:, 1]) <= 0.4 + 1e-9)
    if n > 1:
        # on screen a y unit is 1/aspect of an x unit: compare distances in x units
        scaled = off * [1, 1 / 2.5]
        gaps = [np.hypot(*(a - b)) for a, b in itertools.combinations(scaled, 2)]
        assert min(gaps) > 0.05
    if n:
        np.testing.assert_allclose(off.mean(axis=0), 0, atol=0.25)


def test_cell_offsets_rejects_bad_arguments():
    with pytest.raises(ValueError, match="n must be between 0 and 500 points; got -1 points"):
        es.cell_offsets(-1)
    with pytest.raises(ValueError, match="aspect must be between 0.1 and 10; got 0"):
        es.cell_offsets(3, aspect=0)
    with pytest.raises(ValueError, match="span must be between 0.1 and 1; got 2"):
        es.cell_offsets(3, span=2)


def test_place_claims_puts_each_claim_in_its_own_cell_without_overlap(claims):
    pos = es.place_claims(claims)
    assert list(pos.index) == list(claims.index) and not pos.isna().any().any()
    grade = claims["grade"].astype(str).map(es.GRADES.index)
    topic = claims["topic"].astype(str).map(list(es.TOPIC_LABELS).index)
    assert (np.abs(pos["x"] - grade) <= 0.4).all()
    assert (np.abs(pos["y"] + topic) <= 0.4).all()
    assert not pos.duplicated().any(), "two claims share a position"
    np.testing.assert_array_equal(es.place_claims(claims), pos)  # deterministic


def test_place_claims_names_an_unknown_category(claims):
    bad = claims.head(2).astype({"topic": str}).copy()
    bad.loc[bad.index[0], "topic"] = "astrology"
    with pytest.raises(ValueError, match="topic: 'astrology' is not one of biology"):
        es.place_claims(bad)


# ---------------------------------------------------------------- figures


def test_map_draws_every_claim_once_with_verdict_colour_and_shape(claims):
    fig = ev.evidence_map_figure(claims=claims)
    assert len(fig.data) == 7 + 14
    ids = _points(fig)
    assert sorted(ids) == sorted(claims["id"])
    by_id = claims.set_index("id")
    for trace in fig.data[7:]:
        verdict, org = trace.name[:-1].split(" (")
        colour, symbol = ev.VERDICT_STYLE[verdict]
        assert trace.marker.color == colour and colour in PALETTE.values()
        assert trace.marker.symbol == (symbol if org == "source article" else f"{symbol}-open")
        for cid in trace.customdata:
            assert by_id.loc[cid, "verdict"] == verdict and by_id.loc[cid, "origin"] == org
    assert len({s for _, s in ev.VERDICT_STYLE.values()}) == 7, "each verdict has its own shape"
    assert [t.name for t in fig.data[:7]] == list(ev.VERDICT_STYLE)


def test_positions_in_the_figure_come_from_place_claims(claims):
    fig = ev.evidence_map_figure(claims=claims)
    pos = es.place_claims(claims).set_index(claims["id"])
    for trace in fig.data[7:]:
        for cid, x, y in zip(trace.customdata, trace.x, trace.y, strict=True):
            assert (x, y) == (pos.loc[cid, "x"], pos.loc[cid, "y"])


def test_hover_text_gives_statement_verdict_grade_origin_and_references(claims):
    fig = ev.evidence_map_figure(claims=claims)
    texts = {cid: t for trace in fig.data[7:] for cid, t in zip(trace.customdata, trace.hovertext, strict=True)}
    text = texts["caloric-restriction-hiit-38-percent"]
    assert text.startswith("<b>Source article, claim C13</b>")
    assert "raises BDNF by up to" in text and "unsupported" in text and "very low" in text
    assert "Murawska-Ciałowicz et al. 2021 (qualifies)" in text
    assert texts["exercise-acute-serum"].startswith("<b>Course claim</b>")
    for t in texts.values():
        assert all(len(line) <= 90 for line in t.replace("<b>", "").replace("</b>", "").split("<br>"))


def test_filters_redraw_the_same_traces_with_fewer_points(claims):
    fig = ev.evidence_map_figure("exercise", "source article", "low", claims=claims)
    assert len(fig.data) == 21
    expected = es.filter_claims(claims, "exercise", "source article", "low")["id"]
    assert sorted(_points(fig)) == sorted(expected) and len(expected) > 0
    empty = ev.evidence_map_figure("gh-igf1", "course", "high", claims=claims)
    assert _points(empty) == [] and len(empty.data) == 21
    with pytest.raises(ValueError, match="min_grade must be one of"):
        ev.evidence_map_figure(min_grade="strong", claims=claims)


def test_alt_text_is_computed_from_the_data(claims):
    alt = ev.evidence_map_figure(claims=claims).layout.meta["alt"]
    assert f"Scatter chart of {len(claims)} claims" in alt
    assert "Of the source article's 41 claims, 2 are supported as stated" in alt
    strong = ev.evidence_map_figure(min_grade="high", claims=claims).layout.meta["alt"]
    assert f"Scatter chart of {(claims['grade'] == 'high').sum()} claims" in strong


def test_static_map_buttons_show_all_source_or_course_claims(claims):
    fig = ev.evidence_map_static(claims)
    menu = fig.layout.updatemenus[0]
    assert [b.label for b in menu.buttons] == ["All claims", "Source article (41)", "Course's own"]
    drawn = {}
    for button in menu.buttons:
        visible = button.args[0]["visible"]
        assert visible[:7] == [True] * 7, "the legend stays whatever the view"
        drawn[button.label] = [cid for t, v in zip(fig.data[7:], visible[7:], strict=True) if v for cid in t.customdata]
    assert sorted(drawn["All claims"]) == sorted(claims["id"])
    assert sorted(drawn["Source article (41)"]) == sorted(claims.loc[claims["origin"] == "source article", "id"])
    assert sorted(drawn["Course's own"]) == sorted(claims.loc[claims["origin"] == "course", "id"])
    assert "Buttons show all claims" in fig.layout.meta["alt"]


def test_static_map_is_small_enough_for_a_page(claims):
    html = CourseRenderer().to_mimebundle(ev.evidence_map_static(claims).to_dict())["text/html"]
    assert len(html.encode()) < 400_000


# ---------------------------------------------------------------- live explorer


def test_explorer_has_three_dropdowns_and_an_output():
    box = ev_explorer.evidence_explorer()
    assert [c.description for c in box.children[:3]] == ["Topic", "Who makes the claim", "Minimum grade"]
    assert all(isinstance(c, widgets.Dropdown) for c in box.children[:3])
    assert isinstance(box.children[-1], widgets.Output)


def test_changing_a_dropdown_redraws_the_map_with_the_filter(monkeypatch, claims):
    shown = []
    monkeypatch.setattr(ev_explorer, "display", shown.append)
    box = ev_explorer.evidence_explorer()
    topic, origin, grade = box.children[:3]
    shown.clear()
    topic.value = "nutrition"
    fig = shown[-1]
    assert sorted(_points(fig)) == sorted(claims.loc[claims["topic"] == "nutrition", "id"])
    origin.value = "source article"
    grade.value = "low"
    expected = es.filter_claims(claims, "nutrition", "source article", "low")
    assert sorted(_points(shown[-1])) == sorted(expected["id"])
    assert f"{len(expected)} claims shown" in shown[-2].data
