"""What a reader's first search costs on a large site: bytes downloaded and time to results.

A synthetic site (build_scale's seeded generator) is built with `mkdocs build` and the
plugin's `search` setting; the build's time and the peak memory of its largest process are
printed, and Pagefind's indexing is also run alone, timed, with the binary's peak memory.
The built site is then served on 127.0.0.1 and read in headless Chromium (Playwright,
/usr/bin/chromium): for each query, a new reader (no cache) opens the home page, presses `/`
and types the query; printed are the bytes of every response from that key on until the
results of the whole query are shown, and the milliseconds from the last keystroke to then.
The server does not compress, so the bytes are an upper bound of what a real host sends.

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

from build_scale import write_site
from playwright.sync_api import Browser, Request, sync_playwright

from briefsite.build import build_site
from briefsite.dialect import PAGEFIND
from briefsite.outputs import pagefind
from briefsite.outputs.search import search_records
from briefsite.urls import UrlPolicy

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

CONFIG = """\
site_name: bench
docs_dir: docs
theme:
  name: material
  features:
    - search.highlight
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
TYPING_DELAYS = (0, 60)
"""Milliseconds between keystrokes: all at once (every download after the last key), and a
fast typist's pace (about 16 keys a second), at which the bundle loads while the reader types."""


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


def first_query(browser: Browser, url: str, query: str, delay: float) -> tuple[int, float, int]:
    """Bytes from pressing `/` until the results of `query` show, milliseconds from the last
    keystroke to then, and how many results are listed. `delay`: ms between keystrokes."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    received: list[int] = []

    def count(request: Request) -> None:
        sizes = request.sizes()
        received.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

    context.on("requestfinished", count)
    page.evaluate("document.addEventListener('keydown', () => window.lastKey = performance.now())")
    page.keyboard.press("/")
    page.keyboard.type(query, delay=delay)
    # The result links carry the query's words (Material's `h` parameter, with the feature
    # search.highlight on): then the results of the whole query are shown.
    last_word = query.lower().split()[-1]
    page.wait_for_function(
        """(word) => {
          const link = document.querySelector('.md-search-result__list a');
          if (!link || !new URL(link.href).searchParams.get('h')?.split(' ').includes(word))
            return false;
          window.shown = performance.now();
          return true;
        }""",
        arg=last_word,
        timeout=20_000,
    )
    latency = page.evaluate("window.shown - window.lastKey")
    shown = page.locator(".md-search-result__item").count()
    page.wait_for_load_state("networkidle")
    context.close()
    return sum(received), latency, shown


def queries(root: Path) -> list[str]:
    """A title, a quote typed in full, an actor's alias and one common word, from the site."""
    brief = next(iter(sorted((root / "briefs").glob("*-brief-1234.md"))), None)
    text = brief.read_text() if brief else ""
    title = next((line[7:] for line in text.splitlines() if line.startswith("title: ")), "Brief 1")
    quote = next((line.split("text: ", 1)[1] for line in text.splitlines() if "text: " in line), "")
    return [q for q in (title, quote, "A3 Alias", "ceasefire") if q]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=10_000)
    parser.add_argument("--search", default="auto", choices=("auto", "material", "pagefind"))
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "site-root"
        write_site(root, arguments.briefs)
        (root / "mkdocs.yml").write_text(CONFIG.format(search=arguments.search))
        print(f"briefs: {arguments.briefs}, search: {arguments.search}", flush=True)
        if arguments.search != "material":
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
        with serve(root / "site") as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            for query in queries(root):
                for delay in TYPING_DELAYS:
                    size, latency, shown = first_query(browser, url, query, delay)
                    verdict = "ok" if size <= BUDGET_BYTES and latency <= BUDGET_MS else "OVER"
                    print(
                        f"{query[:40]!r:>44} typed {delay:3.0f} ms/key: {size / 1000:7.1f} kB, "
                        f"{latency:6.0f} ms, {shown} results  {verdict}",
                        flush=True,
                    )
            browser.close()


if __name__ == "__main__":
    main()
