"""The offline link checker finds missing files and anchors and lists external links without fetching them."""

from neurotrophins.build.linkcheck import check


def write(path, body):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")


def test_broken_files_and_anchors_are_named_and_external_links_listed(tmp_path):
    write(
        tmp_path / "index.html",
        '<a href="book/a.html#sec">ok</a> <a href="book/a.html#nope">bad anchor</a>'
        ' <a href="https://example.org/x">ext</a> <img src="missing.png">',
    )
    write(
        tmp_path / "book" / "a.html",
        '<h2 id="sec">S</h2><a href="#sec">self</a> <a href="../index.html">up</a>'
        ' <a href="../../outside.html">out</a> <a href="mailto:a@b.c">mail</a>',
    )
    report = check(tmp_path)
    assert report.pages == 2
    assert sorted(report.broken) == [
        "book/a.html: ../../outside.html (points outside the site)",
        "index.html: book/a.html#nope (no anchor #nope in book/a.html)",
        "index.html: missing.png (no file missing.png)",
    ]
    assert set(report.external) == {"https://example.org/x", "mailto:a@b.c"}
    assert report.internal == 6


def test_a_clean_site_has_nothing_broken(tmp_path):
    write(tmp_path / "index.html", '<a href="page.html#top">p</a> <a href="data:,x">d</a>')
    write(tmp_path / "page.html", '<a id="top"></a>')
    assert check(tmp_path).broken == []


def test_percent_encoded_ids_match_as_browsers_do(tmp_path):
    write(
        tmp_path / "deck.html",
        '<h2 id="Where-%2238%25%22">x</h2><a href="#Where-%2238%25%22">y</a>'
        '<h2 id="The-42-°C">z</h2><a href="#The-42-%C2%B0C">w</a>',
    )
    assert check(tmp_path).broken == []
