"""Seconds from saving an edited brief to seeing it under `mkdocs serve --dirty`: the brief's
page and each of its actors' pages, fetched over HTTP as a browser would, show the edit."""

from __future__ import annotations

import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

STARTUP_LIMIT = 3600.0
EDIT_LIMIT = 600.0
ACTOR_LINK = re.compile(r'href="\.\./\.\./actors/([^/"#]+)/"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def wait_for(urls: list[str], text: str, limit: float) -> float:
    """Seconds until every page at `urls` contains `text` (infinity past `limit`)."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if all(text in (fetch(url) or "") for url in urls):
            return time.perf_counter() - started
        time.sleep(0.1)
    return float("inf")


def preview_seconds(root: Path, mkdocs: Path, env: dict[str, str]) -> float:
    brief = next((root / "briefs").rglob("*-brief-00002.md"))
    base = f"http://127.0.0.1:{free_port()}/"
    page = f"{base}briefs/{brief.stem}/"
    command = [str(mkdocs), "serve", "--dirty", "--livereload", "-f", "briefsite.yml"]
    with (root / "serve.log").open("w") as log:
        server = subprocess.Popen(
            [*command, "-a", base[7:-1]], cwd=root, env=env, stdout=log, stderr=log
        )
        try:
            if wait_for([page], "</html>", STARTUP_LIMIT) == float("inf"):
                return float("inf")
            actors = sorted(set(ACTOR_LINK.findall(fetch(page) or "")))
            # The actor pages that list this brief: a famous actor's page lists only its
            # latest briefs, and this one may be on a year page instead.
            listing = [f"{base}actors/{actor}/" for actor in actors]
            urls = [page, *(url for url in listing if brief.stem in (fetch(url) or ""))]
            marker = f"Previewed{int(time.time())}"
            text = brief.read_text(encoding="utf-8").replace("title: ", f"title: {marker} ", 1)
            brief.write_text(text, encoding="utf-8")
            return wait_for(urls, marker, EDIT_LIMIT)
        finally:
            server.terminate()
            server.wait(timeout=60)
