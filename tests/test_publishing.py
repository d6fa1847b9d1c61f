"""Publishing: the Pages workflow builds with `make book`, and the citation file is complete."""

import yaml

from .helpers import ROOT


def test_pages_workflow_builds_with_make_book_and_publishes_the_html():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "make book" in runs, "the workflow must build with the README's command"
    upload = next(s for s in steps if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "_build/html"
    assert any("deploy-pages" in s.get("uses", "") for s in workflow["jobs"]["deploy"]["steps"])
    permissions = workflow["permissions"]
    assert permissions.get("pages") == permissions.get("id-token") == "write", "deploying to Pages needs both"
    writes = {scope for scope, level in permissions.items() if level == "write"}
    assert writes == {"pages", "id-token"}, "the workflow may write nothing else (least privilege)"


def test_citation_file_has_the_required_fields_and_matches_the_config():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    for key in ("cff-version", "message", "title", "authors", "license", "version"):
        assert cff.get(key), f"CITATION.cff: {key} is missing"
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert cff["title"] == config["title"]
    assert cff["repository-code"] == config["repository"]["url"]
