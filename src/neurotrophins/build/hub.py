"""Teaching on a JupyterHub: nbgitpuller links, the hub configuration, and the measured capacity.

A lecturer whose university runs a JupyterHub hands out **nbgitpuller links**: one click pulls the course
(this repository) into the student's home folder, or updates it there without touching the student's own
edits, and opens a chapter in JupyterLab. :func:`nbgitpuller_link` writes them, the book's instructor
pages and chapter launch buttons use it (when ``launch_buttons.jupyterhub_url`` or the environment
variable ``COURSE_JUPYTERHUB_URL`` names a hub), and ``python -m neurotrophins.build.hub links --hub URL``
prints one per chapter for any fork and branch.

The hub runs the same environment Binder builds (repo2docker, ``binder/``); ``hub/`` holds a Zero to
JupyterHub configuration fragment and a The Littlest JupyterHub recipe, with resource limits taken from
``hub/capacity.json``, which ``make classroom`` measures.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path
from urllib.parse import urlencode

import yaml

from .toc import toc_chapters

CAPACITY = Path("hub") / "capacity.json"


def repository_name(repo_url: str) -> str:
    """The folder nbgitpuller clones a repository into: the last part of its URL, as nbgitpuller takes it."""
    return repo_url.rstrip("/").split("/")[-1]


def nbgitpuller_link(hub_url: str, repo_url: str, branch: str, path: str, interface: str = "lab") -> str:
    """A link that pulls ``repo_url`` at ``branch`` into the student's home and opens ``path`` in JupyterLab.

    Parameters
    ----------
    hub_url : str
        The hub's address, e.g. ``https://hub.example.edu``.
    repo_url : str
        The course repository (a fork is fine), as git can clone it.
    branch : str
        The branch to pull.
    path : str
        The file to open, relative to the repository root (``book/01-foundations/x.ipynb``).
    interface : str
        ``"lab"`` (JupyterLab) or ``"tree"`` (Notebook 7).
    """
    if not hub_url.startswith(("http://", "https://")):
        raise ValueError(f"hub_url must start with http:// or https://; got {hub_url!r}")
    if interface not in ("lab", "tree"):
        raise ValueError(f"interface must be 'lab' or 'tree'; got {interface!r}")
    ui = "lab/tree" if interface == "lab" else "tree"
    query = urlencode(
        {"repo": repo_url, "branch": branch, "urlpath": f"{ui}/{repository_name(repo_url)}/{path}"}, safe="/:"
    )
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def configured_hub(root: Path) -> str:
    """The hub URL the book is built for: ``COURSE_JUPYTERHUB_URL``, else ``_config.yml``, else empty."""
    env = os.environ.get("COURSE_JUPYTERHUB_URL", "").strip()
    if env:
        return env
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return str((config.get("launch_buttons") or {}).get("jupyterhub_url") or "").strip()


def repository(root: Path) -> tuple[str, str]:
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    repo = config.get("repository") or {}
    return repo["url"], repo.get("branch", "main")


def chapter_links(root: Path, hub_url: str, repo_url: str | None = None, branch: str | None = None) -> dict[str, str]:
    """Chapter notebook -> its nbgitpuller link, for the book's repository unless another is given."""
    default_url, default_branch = repository(root)
    return {
        chapter: nbgitpuller_link(hub_url, repo_url or default_url, branch or default_branch, f"{chapter}.ipynb")
        for chapter in toc_chapters(root / "_toc.yml")
    }


def page_link(theme_options: dict, docname: str) -> str | None:
    """The nbgitpuller link for chapter ``docname`` from the book's Sphinx theme options, or None without a hub.

    The chapter pages' JupyterHub launch button and the lesson plans both take their link from here, so they
    always match :func:`nbgitpuller_link` (the theme's own button uses the same options).
    """
    hub_url = str((theme_options.get("launch_buttons") or {}).get("jupyterhub_url") or "").strip()
    repo_url = str(theme_options.get("repository_url") or "").strip()
    if not hub_url or not repo_url:
        return None
    prefix = str(theme_options.get("path_to_docs") or "").strip("/")
    path = f"{prefix}/{docname}.ipynb" if prefix else f"{docname}.ipynb"
    return nbgitpuller_link(hub_url, repo_url, str(theme_options.get("repository_branch") or "main"), path)


def capacity(root: Path) -> dict:
    """The figures ``make classroom`` measured (``hub/capacity.json``)."""
    return json.loads((root / CAPACITY).read_text(encoding="utf-8"))


def sizing(measured: dict) -> dict:
    """The measured figures with what they mean for sizing a hub: students per GB and per core, and 200 students.

    Memory uses the 95th-percentile peak per student; cores assume, as measured, that the students run a
    chapter at the same moment (a class mostly reads, so this is the busiest minute of a session).
    """
    peak = measured["peak_memory_mb"]["p95"]
    per_core = measured["students"] / measured["machine"]["cpus"]
    return {
        **measured,
        "students_per_gb": 1024 / peak,
        "students_per_core": per_core,
        "memory_gb_200": math.ceil(200 * peak / 1024),
        "cores_200": math.ceil(200 / per_core),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="nbgitpuller links for every chapter")
    sub = parser.add_subparsers(dest="command", required=True)
    links = sub.add_parser("links", help="print one link per chapter")
    links.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.edu")
    links.add_argument("--repo", help="the repository to pull (default: repository.url of _config.yml)")
    links.add_argument("--branch", help="the branch (default: repository.branch of _config.yml)")
    args = parser.parse_args(argv)
    for chapter, link in chapter_links(Path.cwd(), args.hub, args.repo, args.branch).items():
        print(f"{Path(chapter).name}: {link}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
