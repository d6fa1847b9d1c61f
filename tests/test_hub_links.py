"""nbgitpuller links: one function writes them; chapter pages and lesson plans use it only when a hub is set.

The chapter pages' JupyterHub button is made by sphinx-book-theme; these tests run the theme's own
launch-button code on a chapter page's context and then the course's hook, as a build does.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from neurotrophins.build import hub
from neurotrophins.build.toc import toc_chapters

ROOT = Path(__file__).resolve().parents[1]
HUB = "https://hub.example.edu"


def theme_options(hub_url: str) -> dict:
    """The theme options Jupyter Book makes from this repository's _config.yml, with ``hub_url`` set."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    buttons = dict(config["launch_buttons"], jupyterhub_url=hub_url)
    return {
        "launch_buttons": buttons,
        "repository_url": config["repository"]["url"],
        "repository_branch": config["repository"]["branch"],
        "path_to_docs": config["repository"]["path_to_book"],
    }


def page_buttons(options: dict, docname: str) -> list[dict]:
    """The launch buttons of a chapter page after the theme's hook and the course's hook have run."""
    from sphinx_book_theme.header_buttons.launch import add_launch_buttons

    from neurotrophins.build.sphinx import _hub_button

    app = SimpleNamespace(
        config=_ItemConfig(options),
        env=SimpleNamespace(doc2path=lambda name: str(ROOT / f"{name}.ipynb"), metadata={docname: {"kernelspec": {}}}),
    )
    user, repo = options["repository_url"].removeprefix("https://github.com/").split("/")
    context = {
        "pagename": docname,
        "sourcename": f"{docname}.ipynb",
        "page_source_suffix": ".ipynb",
        "github_url": "https://github.com",
        "github_user": user,
        "github_repo": repo,
        "github_version": options["repository_branch"],
        "doc_path": options["path_to_docs"],
        "header_buttons": [],
        "pathto": lambda *a, **k: "",
    }
    add_launch_buttons(app, docname, "page.html", context, None)
    _hub_button(app, docname, "page.html", context, None)
    groups = [g for g in context["header_buttons"] if g.get("label") == "launch-buttons"]
    return groups[0]["buttons"] if groups else []


class _ItemConfig(SimpleNamespace):
    """Sphinx's config answers both ``config.name`` and ``config["name"]``."""

    def __init__(self, options: dict) -> None:
        super().__init__(html_theme_options=options)

    def __getitem__(self, name: str):
        return getattr(self, name)


@pytest.mark.parametrize("docname", toc_chapters(ROOT / "_toc.yml"))
def test_every_chapter_page_offers_the_courses_nbgitpuller_link_when_a_hub_is_set(docname):
    buttons = {b["text"]: b["url"] for b in page_buttons(theme_options(HUB), docname) if b.get("type") == "link"}
    link = buttons.get("JupyterHub")
    assert link == hub.page_link(theme_options(HUB), docname)
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}" == HUB and parts.path == "/hub/user-redirect/git-pull"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    repo_url = theme_options(HUB)["repository_url"]
    assert query == {
        "repo": repo_url,
        "branch": theme_options(HUB)["repository_branch"],
        "urlpath": f"lab/tree/{hub.repository_name(repo_url)}/{docname}.ipynb",
    }
    assert (ROOT / f"{docname}.ipynb").is_file()


def test_without_a_hub_no_page_shows_a_hub_button_or_link():
    docname = toc_chapters(ROOT / "_toc.yml")[0]
    texts = [b["text"] for b in page_buttons(theme_options(""), docname)]
    assert "JupyterHub" not in texts and texts, "the other launch buttons stay"
    assert hub.page_link(theme_options(""), docname) is None


def test_the_environment_variable_sets_the_hub(monkeypatch):
    monkeypatch.setenv("COURSE_JUPYTERHUB_URL", HUB)
    assert hub.configured_hub(ROOT) == HUB
    monkeypatch.delenv("COURSE_JUPYTERHUB_URL")
    assert hub.configured_hub(ROOT) == ""


def test_links_for_a_fork_and_branch(capsys):
    assert (
        hub.main(["links", "--hub", HUB, "--repo", "https://git.uni.example/me/my-course.git", "--branch", "spring"])
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(toc_chapters(ROOT / "_toc.yml"))
    query = parse_qs(urlsplit(lines[0].split(": ", 1)[1]).query)
    assert query["repo"] == ["https://git.uni.example/me/my-course.git"] and query["branch"] == ["spring"]
    assert query["urlpath"][0].startswith("lab/tree/my-course.git/book/")


@pytest.mark.parametrize(
    ("hub_url", "interface", "message"),
    [("hub.example.edu", "lab", "hub_url must start with"), (HUB, "classic", "interface must be")],
)
def test_bad_arguments_are_named(hub_url, interface, message):
    with pytest.raises(ValueError, match=message):
        hub.nbgitpuller_link(hub_url, "https://github.com/a/b", "main", "x.ipynb", interface)


def test_the_extension_rewrites_the_button_after_the_theme_has_made_it(tmp_path):
    """The two hooks above run in this order in a real build: the course's is registered after the theme's."""
    from sphinx.application import Sphinx

    from neurotrophins.build.sphinx import _hub_button

    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_book_theme", "neurotrophins.build.sphinx"]\nhtml_theme = "sphinx_book_theme"\n'
        'mathjax_path = "x.js"\n'
    )
    (tmp_path / "index.rst").write_text("Title\n=====\n")
    app = Sphinx(tmp_path, tmp_path, tmp_path / "_out", tmp_path / "_doctrees", "html", status=None, warning=None)
    listeners = app.events.listeners["html-page-context"]
    ours = [entry.priority for entry in listeners if entry.handler is _hub_button]
    theirs = [entry.priority for entry in listeners if entry.handler.__name__ == "add_launch_buttons"]
    assert ours and theirs, "both hooks must be connected"
    assert ours[0] > theirs[0]
