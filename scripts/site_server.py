"""Serve the built book as GitHub Pages does: gzip for text files, as-is for fonts and images.

Usage: python scripts/site_server.py [--port 8000] [--full-bundle]

``--full-bundle`` serves the comparison variant the benchmark measures against: every page loads plotly.py's full
``plotly.min.js`` synchronously in ``<head>``, as the book did before it served the basic partial bundle (the rest of
the page is the current build). Used by ``scripts/bench.py``; also handy to compare the two by hand.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import re
import threading
from pathlib import Path

import plotly

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
FULL_PLOTLY = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
#: What GitHub Pages compresses (text); fonts, images and zips are sent as they are.
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".map", ".csv", ".ipynb", ".bib", ".md"}
_BASIC_TAG = re.compile(r'<script [^>]*src="([^"]*_static/)plotly\.[0-9a-f]+\.min\.js(?:\?[^"]*)?"[^>]*></script>')


@functools.cache
def _body(path: Path, full_bundle: bool, gz: bool) -> bytes:
    if full_bundle and path.name == "plotly.min.js" and path.parent.name == "_static":
        data = FULL_PLOTLY.read_bytes()
    else:
        data = path.read_bytes()
        if full_bundle and path.suffix == ".html":
            data = _BASIC_TAG.sub(r'<script src="\1plotly.min.js"></script>', data.decode()).encode()
    return gzip.compress(data, compresslevel=6, mtime=0) if gz else data


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host
    full_bundle = False

    def do_GET(self):  # noqa: N802 - http.server's interface
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        full = self.full_bundle and path.name == "plotly.min.js"
        if not (path.is_file() or full):
            self.send_error(404)
            return
        gz = path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        body = _body(path, self.full_bundle, gz)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def start(root: Path = HTML, full_bundle: bool = False, port: int = 0) -> http.server.ThreadingHTTPServer:
    """Serve ``root`` on 127.0.0.1 from a daemon thread; ``server.shutdown()`` stops it."""
    handler = type("SiteHandler", (Handler,), {"full_bundle": full_bundle})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--full-bundle", action="store_true", help="serve the full plotly.js, loaded synchronously")
    args = parser.parse_args()
    server = start(full_bundle=args.full_bundle, port=args.port)
    print(f"Serving {HTML} on http://127.0.0.1:{args.port} (Ctrl-C to stop)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
