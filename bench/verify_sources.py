"""Verdicts and time per source of `briefsite verify` on the test suite's source pages,
served on loopback addresses (no internet), online and then offline; and the matcher's
time on long texts.

Run: .venv/bin/python bench/verify_sources.py
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import Site
from tests.source_server import Page, serving
from tests.test_verify import ROUTES, write_sources

from briefsite.cli import main as cli
from briefsite.provenance.match import match_quote
from briefsite.provenance.text import normalise


def run_pages() -> None:
    with tempfile.TemporaryDirectory() as folder, serving(dict(ROUTES), hosts=12) as server:
        server.routes["/r1"] = Page(status=301, headers=(("Location", server.url("/r2", 5)),))
        server.routes["/r2"] = Page(status=302, headers=(("Location", "/article"),))
        site = Site(Path(folder) / "site")
        write_sources(site, server)
        for label, args in (("online", ["--timeout", "0.5"]), ("offline", ["--offline"])):
            started = time.perf_counter()
            result = CliRunner().invoke(cli, ["verify", "--root", str(site.root), *args])
            elapsed = time.perf_counter() - started
            print(f"{label:8} {elapsed:6.2f} s total; {result.stderr.splitlines()[0]}")


def run_matcher() -> None:
    rng = random.Random(1)
    words = [
        "the",
        "minister",
        "said",
        "talks",
        "on",
        "foreign",
        "forces",
        "would",
        "resume",
        "after",
        "strikes",
    ]
    for size in (10_000, 100_000, 1_000_000):
        text = " ".join(rng.choice(words) for _ in range(size // 6))
        started = time.perf_counter()
        source = normalise(text)
        normalised = time.perf_counter() - started
        started = time.perf_counter()
        match_quote("we will never accept any foreign forces on our soil again", source)
        absent = time.perf_counter() - started
        print(
            f"{size:>9,} characters: normalise {normalised * 1000:7.1f} ms, "
            f"an absent quote {absent * 1000:6.1f} ms"
        )


if __name__ == "__main__":
    run_pages()
    run_matcher()
