"""A real JupyterHub on this machine, with real student accounts: the test classroom and ``make classroom``.

TEST-ONLY SETTINGS, never the documented production set-up (that is ``hub/``): the hub listens on
127.0.0.1 only, logs anyone in with JupyterHub's dummy authenticator, and starts each student's server
with the local-process spawner as a throw-away Unix account (``nt-student-<n>``, home folder 0700),
which is deleted afterwards. It must run as root (as CI does) to create those accounts.

What a class meets is real: the students' environment is built the way Binder and a Zero to JupyterHub
image build it (``binder/requirements.txt``, then the course package, as ``binder/postBuild`` does), the
proxy is configurable-http-proxy from the project's pinned npm packages, students pull the course with
nbgitpuller from a git server (``git daemon`` serving a bare clone of this repository on 127.0.0.1, as a
hosted repository would be), and each runs a chapter in its own kernel.
:class:`Classroom` measures what ``make classroom`` reports: spawn time, chapter run time and peak
memory (server plus kernel) per student.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from contextlib import suppress
from pathlib import Path
from urllib.parse import quote, urlencode

import nbformat

from .hub import nbgitpuller_link

USER_PREFIX = "nt-student-"
SUPPORTED = ("3.13", "3.12", "3.11")
CHECK_CELL = "remove-cell"


class ClassroomError(RuntimeError):
    """The test classroom cannot be set up; the message says what is missing."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def student_python() -> str:
    """A Python every account can run (the system's, not one under /root), in a supported version."""
    for folder in ("/usr/local/bin", "/usr/bin"):
        for version in SUPPORTED:
            path = Path(folder) / f"python{version}"
            if path.is_file() and os.access(path, os.X_OK) and path.stat().st_mode & 0o005 == 0o005:
                return str(path)
    raise ClassroomError("no system Python 3.11-3.13 in /usr/bin or /usr/local/bin for the student accounts")


def _tree_hash(root: Path, paths: list[str]) -> str:
    digest = hashlib.sha256()
    for name in paths:
        base = root / name
        files = sorted(
            p for p in (base.rglob("*") if base.is_dir() else [base]) if p.is_file() and "__pycache__" not in p.parts
        )
        for path in files:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


PACKAGE_SOURCES = ["pyproject.toml", "README.md", "LICENSE", "src", "data", "book/quizzes"]


def student_environment(root: Path, cache: Path) -> Path:
    """The students' Python environment, built as repo2docker builds ``binder/``.

    The pinned requirements are installed once per version of ``binder/`` (cached); the course package
    is installed afresh every time, as ``binder/postBuild`` does.
    """
    key = _tree_hash(root, ["binder"])
    env = cache / f"env-{key}"
    pip = [str(env / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if not (env / ".complete").is_file():
        shutil.rmtree(env, ignore_errors=True)
        subprocess.run([student_python(), "-m", "venv", str(env)], check=True)
        subprocess.run([*pip, "-r", str(root / "binder" / "requirements.txt")], check=True)
        (env / ".complete").write_text(key)
    source = cache / f"source-{uuid.uuid4().hex[:8]}"
    shutil.rmtree(source, ignore_errors=True)
    for name in PACKAGE_SOURCES:
        target = source / name
        if (root / name).is_dir():
            shutil.copytree(root / name, target, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(root / name, target)
    subprocess.run([*pip, "--no-deps", "--force-reinstall", str(source)], check=True)  # binder/postBuild
    shutil.rmtree(source)
    subprocess.run(["chmod", "-R", "a+rX", str(env)], check=True)
    return env


def course_repository(root: Path, folder: Path) -> tuple[Path, Path]:
    """A bare clone of this repository for students to pull from, and a working clone to publish updates."""
    bare = folder / "neurotrophins-course"
    subprocess.run(["git", "clone", "--quiet", "--bare", str(root), str(bare)], check=True)
    subprocess.run(["git", "-C", str(bare), "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
    branch = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--abbrev-ref", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    if branch != "main":
        subprocess.run(["git", "-C", str(bare), "branch", "-f", "main", branch], check=True)
    publisher = folder / "publisher"
    subprocess.run(["git", "clone", "--quiet", str(bare), str(publisher)], check=True)
    for key, value in (("user.email", "lecturer@example.org"), ("user.name", "Lecturer")):
        subprocess.run(["git", "-C", str(publisher), "config", key, value], check=True)
    subprocess.run(["chmod", "-R", "a+rX", str(bare)], check=True)
    return bare, publisher


def publish(publisher: Path, message: str, edit) -> None:
    """Commit an edit in the publisher's clone and push it to the course repository."""
    edit(publisher)
    subprocess.run(["git", "-C", str(publisher), "commit", "--quiet", "-am", message], check=True)
    subprocess.run(["git", "-C", str(publisher), "push", "--quiet", "origin", "HEAD:main"], check=True)


def create_students(count: int) -> list[str]:
    names = [f"{USER_PREFIX}{n}" for n in range(1, count + 1)]
    for name in names:
        remove_student(name)
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True)
        os.chmod(pwd.getpwnam(name).pw_dir, 0o700)
    return names


def remove_student(name: str) -> None:
    subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
    subprocess.run(["userdel", "--remove", name], capture_output=True)


HUB_CONFIG = """\
# TEST-ONLY JupyterHub settings written by neurotrophins.build.classroom: a dummy login and throw-away
# local accounts on 127.0.0.1. Never use them for a real class (see hub/ for the documented set-up).
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///{folder}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{folder}/cookie_secret"
c.ConfigurableHTTPProxy.command = ["{proxy}"]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = "{folder}/proxy.pid"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = set({students!r})
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = ["{env}/bin/jupyterhub-singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {{"JUPYTERLAB_SETTINGS_DIR": "{folder}/lab-settings"}}
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.services = [{{"name": "classroom", "api_token": "{token}"}}]
c.JupyterHub.load_roles = [{{"name": "classroom", "services": ["classroom"],
    "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "read:users"]}}]
"""


class Classroom:
    """A running test hub with ``count`` student accounts (a context manager)."""

    def __init__(self, root: Path, count: int, folder: Path, cache: Path | None = None) -> None:
        if os.geteuid() != 0:
            raise ClassroomError("the test classroom creates Unix accounts and must run as root (CI does)")
        proxy = root / "node_modules" / ".bin" / "configurable-http-proxy"
        if not proxy.exists():
            raise ClassroomError(f"{proxy} is missing: run `make js` (npm ci)")
        self.root, self.count, self.folder, self.proxy = root, count, folder, proxy
        self.cache = cache or Path("/tmp/neurotrophins-classroom")
        self.token = secrets.token_hex(16)
        self.process: subprocess.Popen | None = None
        self.students: list[str] = []

    def __enter__(self) -> Classroom:
        self.folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.folder, 0o755)
        self.cache.mkdir(parents=True, exist_ok=True)
        os.chmod(self.cache, 0o755)
        self.env = student_environment(self.root, self.cache)
        self.repo, self.publisher = course_repository(self.root, self.folder)
        git_port = _free_port()
        self.git = subprocess.Popen(
            [
                "git",
                "daemon",
                "--reuseaddr",
                "--export-all",
                "--enable=receive-pack",
                f"--port={git_port}",
                "--listen=127.0.0.1",
                f"--base-path={self.folder}",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.repo_url = f"git://127.0.0.1:{git_port}/{self.repo.name}"
        settings = self.folder / "lab-settings" / "@jupyterlab" / "notebook-extension"
        settings.mkdir(parents=True)
        (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
        subprocess.run(["chmod", "-R", "a+rX", str(self.folder / "lab-settings")], check=True)
        self.students = create_students(self.count)
        self.port = _free_port()
        config = self.folder / "jupyterhub_config.py"
        config.write_text(
            HUB_CONFIG.format(
                port=self.port,
                hub_port=_free_port(),
                proxy_api_port=_free_port(),
                folder=self.folder,
                proxy=self.proxy,
                students=sorted(self.students),
                env=self.env,
                token=self.token,
            )
        )
        self.url = f"http://127.0.0.1:{self.port}"
        log = (self.folder / "jupyterhub.log").open("w")
        self.process = subprocess.Popen(
            [str(Path(sys.executable).with_name("jupyterhub")), "-f", str(config)],
            cwd=self.folder,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            with suppress(OSError, urllib.error.URLError):
                self.api("GET", "/hub/api/")
                return self
            if self.process.poll() is not None:
                raise ClassroomError(f"JupyterHub exited: {(self.folder / 'jupyterhub.log').read_text()[-3000:]}")
            time.sleep(0.3)
        raise ClassroomError("JupyterHub did not answer within 60 s")

    def __exit__(self, *exc) -> None:
        for name in self.students:
            with suppress(Exception):
                self.api("DELETE", f"/hub/api/users/{name}/server")
        with suppress(AttributeError):
            self.git.terminate()
        if self.process is not None:
            self.process.terminate()
            with suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=30)
        with suppress(ProcessLookupError, ValueError, FileNotFoundError):
            os.kill(int((self.folder / "proxy.pid").read_text()), 15)
        for name in self.students:
            remove_student(name)

    # --- the hub's and the students' servers' APIs --------------------------------------------------

    def api(self, method: str, path: str, body: dict | None = None, token: str | None = None):
        request = urllib.request.Request(
            self.url + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {token or self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            text = response.read().decode()
            return json.loads(text) if text.strip().startswith(("{", "[")) else text

    def spawn(self, name: str) -> float:
        """Start a student's server; return the seconds until it answers."""
        started = time.perf_counter()
        self.api("POST", f"/hub/api/users/{name}/server")
        while time.perf_counter() - started < 180:
            user = self.api("GET", f"/hub/api/users/{name}")
            if (user.get("servers") or {}).get("", {}).get("ready"):
                return time.perf_counter() - started
            time.sleep(0.25)
        raise ClassroomError(f"{name}'s server did not start within 180 s")

    def user_token(self, name: str) -> str:
        return self.api("POST", f"/hub/api/users/{name}/tokens", {"note": "classroom test"})["token"]

    def link(self, chapter: str) -> str:
        """The nbgitpuller link a lecturer would hand out for ``chapter`` (a path relative to the repository)."""
        return nbgitpuller_link(self.url, self.repo_url, "main", chapter)

    def pull(self, name: str, token: str) -> list[dict]:
        """What a student's click on an nbgitpuller link does on the server: pull (or update) the course."""
        query = urlencode({"repo": self.repo_url, "branch": "main"})
        events = []
        request = urllib.request.Request(
            f"{self.url}/user/{name}/git-pull/api?{query}", headers={"Authorization": f"token {token}"}
        )
        with urllib.request.urlopen(request, timeout=300) as response:
            for raw in response:
                line = raw.decode().strip()
                if line.startswith("data: "):
                    event = json.loads(line[6:])
                    events.append(event)
                    if event.get("phase") in ("finished", "error"):
                        break
        if events[-1].get("phase") != "finished":
            raise ClassroomError(f"{name}: the pull failed: {events[-1]}")
        return events

    def contents(self, name: str, token: str, path: str, model: dict | None = None):
        base = f"/user/{name}/api/contents/{quote(path)}"
        if model is None:
            return self.api("GET", base + "?content=1", token=token)
        return self.api("PUT", base, model, token=token)

    def run_notebook(self, name: str, token: str, path: str) -> dict:
        """Run every code cell of a notebook in a new kernel of the student's server; errors and seconds."""
        nb = nbformat.from_dict(self.contents(name, token, path)["content"])
        kernel = self.api("POST", f"/user/{name}/api/kernels", {"name": "python3"}, token=token)
        folder = str(Path(path).parent)
        cells = [c for c in nb.cells if c.cell_type == "code"]
        started = time.perf_counter()
        try:
            errors = asyncio.run(self._execute(name, token, kernel["id"], folder, cells))
        finally:
            self.api("DELETE", f"/user/{name}/api/kernels/{kernel['id']}", token=token)
        return {"seconds": time.perf_counter() - started, "errors": errors, "cells": len(cells)}

    async def _execute(self, name: str, token: str, kernel_id: str, folder: str, cells: list) -> list[str]:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = f"ws://127.0.0.1:{self.port}/user/{name}/api/kernels/{kernel_id}/channels"
        ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {token}"}))
        errors: list[str] = []
        session = uuid.uuid4().hex

        async def execute(code: str) -> list[dict]:
            msg_id = uuid.uuid4().hex
            await ws.write_message(
                json.dumps(
                    {
                        "header": {
                            "msg_id": msg_id,
                            "msg_type": "execute_request",
                            "session": session,
                            "username": name,
                            "version": "5.3",
                            "date": "",
                        },
                        "parent_header": {},
                        "metadata": {},
                        "channel": "shell",
                        "buffers": [],
                        "content": {
                            "code": code,
                            "silent": False,
                            "store_history": True,
                            "user_expressions": {},
                            "allow_stdin": False,
                            "stop_on_error": False,
                        },
                    }
                )
            )
            outputs, idle, replied = [], False, False
            while not (idle and replied):
                raw = await asyncio.wait_for(ws.read_message(), timeout=300)
                if raw is None:
                    raise ClassroomError(f"{name}: the kernel's connection closed")
                msg = json.loads(raw)
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["header"]["msg_type"]
                if kind == "error":
                    outputs.append(msg["content"])
                elif kind == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
                elif kind == "execute_reply":
                    replied = True
            return outputs

        # The kernel starts in the student's home; a chapter runs from its own folder, as in JupyterLab.
        await execute(f"import os; os.chdir(os.path.expanduser({('~/' + folder)!r}))")
        for k, cell in enumerate(cells):
            for err in await execute(cell.source):
                if "raises-exception" not in cell.metadata.get("tags", []):
                    errors.append(f"cell {k}: {err['ename']}: {err['evalue']}")
        ws.close()
        return errors

    def memory(self, name: str) -> int:
        """Resident memory of all of a student's processes (server and kernels), in bytes."""
        import psutil

        total = 0
        for proc in psutil.process_iter(["username", "memory_info"]):
            with suppress(psutil.Error):
                if proc.info["username"] == name and proc.info["memory_info"] is not None:
                    total += proc.info["memory_info"].rss
        return total


class MemoryPeak:
    """Samples a student's memory in the background and keeps the peak (a context manager)."""

    def __init__(self, classroom: Classroom, name: str, every: float = 0.2) -> None:
        self.classroom, self.name, self.every, self.peak = classroom, name, every, 0
        self._stop = threading.Event()

    def __enter__(self) -> MemoryPeak:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.classroom.memory(self.name))
            self._stop.wait(self.every)

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.classroom.memory(self.name))
