"""Every internal link and anchor of the built site resolves (checked offline); external links are only listed."""

from neurotrophins.build.linkcheck import check, write_external_report

from .conftest import HTML


def test_every_internal_link_and_anchor_resolves():
    report = check(HTML)
    write_external_report(report, HTML.parent / "link-report.txt")
    assert report.pages >= 8 and report.internal > 500
    assert report.broken == [], f"{len(report.broken)} broken links:\n" + "\n".join(report.broken[:40])
