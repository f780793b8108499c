"""What a reader's first search costs on a large site: bytes downloaded and time to results.

A synthetic site (bench/corpus.py, seeded) is built with `mkdocs build` and the plugin's
`search` setting; the build's time and the peak memory of its largest process are printed,
and Pagefind's indexing is also run alone, timed, with the binary's peak memory. Then each
query of `first_query.reader_queries` (an actor's alias, a title word, a quote's words) is
typed by a new reader in headless Chromium, at once and at a fast typist's pace, and its
bytes and time to results are printed (bench/first_query.py says how they are measured).
`--raw` serves every file uncompressed, the upper bound.

Run: .venv/bin/python bench/search_weight.py [--briefs 10000] [--search auto]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import write_corpus
from first_query import TYPING_MS, reader_queries, searching

from briefsite.build import build_site, check_site
from briefsite.dialect import PAGEFIND
from briefsite.outputs import pagefind
from briefsite.outputs.search import search_records
from briefsite.urls import UrlPolicy

CONFIG = """\
site_name: bench
docs_dir: docs
theme:
  name: material
plugins:
  - search
  - briefsite:
      search: {search}
nav:
  - index.md
  - actors/index.md
"""
BUDGET_BYTES = 300_000
BUDGET_MS = 300
TYPING_DELAYS = (0, TYPING_MS)
"""Milliseconds between keystrokes: all at once (every download after the last key), and a
fast typist's pace, at which the bundle loads while the reader types."""


def peak_child_mb() -> float:
    # ru_maxrss is in kilobytes on Linux: the largest waited-for descendant so far.
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def index_alone(root: Path) -> tuple[float, int]:
    """Seconds to write Pagefind's index of the site's records, and how many records."""
    result = build_site(root, root / "briefs")
    assert result.index is not None, result.problems[:3]
    records = list(search_records(result.index))
    urls = UrlPolicy()
    pages = [(urls.output_file(record.page), PAGEFIND.record(record, "en")) for record in records]
    with tempfile.TemporaryDirectory() as site:
        started = time.perf_counter()
        pagefind.write_index(Path(site), pages, "en", PAGEFIND.exclude_selectors)
        return time.perf_counter() - started, len(records)


def build(root: Path, briefs: int, search: str) -> None:
    """Write the corpus and build it, printing each step's time and peak memory."""
    write_corpus(root, briefs)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(CONFIG.format(search=search))
    print(f"briefs: {briefs}, search: {search}", flush=True)
    if search != "material":
        seconds, records = index_alone(root)
        print(
            f"pagefind indexing alone: {seconds:.1f} s for {records} records, "
            f"binary peak {peak_child_mb():.0f} MB",
            flush=True,
        )
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")],
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    print(
        f"mkdocs build: {time.perf_counter() - started:.1f} s, "
        f"largest process peak {peak_child_mb():.0f} MB",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=10_000)
    parser.add_argument("--search", default="auto", choices=("auto", "material", "pagefind"))
    parser.add_argument("--raw", action="store_true", help="serve files uncompressed")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "site-root"
        build(root, arguments.briefs, arguments.search)
        index = check_site(root, root / "briefs").index
        assert index is not None, "the corpus is valid"
        with searching(root / "site", raw=arguments.raw) as measure:
            for query in reader_queries(index):
                for delay in TYPING_DELAYS:
                    found = measure(query, delay)
                    within = found.bytes <= BUDGET_BYTES and found.ms <= BUDGET_MS
                    print(
                        f"{query[:40]!r:>44} typed {delay:3.0f} ms/key: "
                        f"{found.bytes / 1000:7.1f} kB ({found.after_key / 1000:7.1f} kB from "
                        f"the first key), {found.ms:6.0f} ms, "
                        f"{found.shown} results  {'ok' if within else 'OVER'}",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
