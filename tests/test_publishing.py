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


def test_pull_requests_run_make_test_and_keep_the_reports_of_a_failure():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text())
    assert "pull_request" in workflow[True], "the workflow must run on pull requests"  # YAML reads 'on' as True
    steps = workflow["jobs"]["test"]["steps"]
    assert any(s.get("run") == "make test" for s in steps)
    upload = next(s for s in steps if "upload-artifact" in s.get("uses", ""))
    assert upload["if"] == "failure()" and "_build/html/reports/" in upload["with"]["path"]


def test_dependency_updates_cover_python_javascript_and_actions():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    assert {u["package-ecosystem"] for u in config["updates"]} == {"pip", "npm", "github-actions"}


def test_pre_commit_runs_ruff_the_formatter_nbstripout_and_the_json_yaml_checks():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert {"ruff", "ruff-format", "strip-outputs", "check-json", "check-yaml", "quiz-layout"} <= set(hooks)
    for hook in hooks.values():
        tool = hook["entry"].split()[0]
        assert tool.startswith(".venv/bin/") and (ROOT / tool).exists() or not (ROOT / ".venv").exists(), tool
    # nbstripout must keep the metadata that hides check cells in Jupyter and Colab.
    assert "cell.metadata.jupyter" in hooks["strip-outputs"]["entry"] and "--keep-id" in hooks["strip-outputs"]["entry"]
