"""What a reader's first search costs on a large site: bytes downloaded and time to results.

A synthetic site is built with `mkdocs build` and the
plugin's `search` setting; the build's time and the peak memory of its largest process are
printed, and Pagefind's indexing is also run alone, timed, with the binary's peak memory.
The built site is then served on 127.0.0.1 and read in headless Chromium (Playwright,
/usr/bin/chromium): for each query, a new reader (no cache) opens the home page, presses `/`
and types the query; printed are the bytes of every response from that key on until the
results of the whole query are shown, and the milliseconds from the last keystroke to then.
The server compresses text (HTML, CSS, JavaScript, JSON) with gzip when asked, as static
hosts do (GitHub Pages, Netlify, a default nginx with gzip on); `--raw` serves every file as
it is, the upper bound.

The site's text is drawn as prose is: words of a 20,000-word vocabulary by Zipf's law, the
commonest being English's own ("the", "of", "and"…), so that common words sit in nearly every
brief and rare ones in few, which is what an index's size and a query's cost depend on (a
generator that draws every word from a few dozen puts each word in every brief).

Run: .venv/bin/python bench/search_weight.py [--briefs 10000] [--search auto]
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import io
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from playwright.sync_api import Browser, Request, sync_playwright

from briefsite.build import build_site
from briefsite.dialect import PAGEFIND
from briefsite.outputs import pagefind
from briefsite.outputs.search import search_records
from briefsite.urls import UrlPolicy

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tests.browser.conftest import QuietHandler, serve  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

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
TYPING_DELAYS = (0, 150)
"""Milliseconds between keystrokes: all at once (every download after the last key), and a
fast typist's pace (80 words a minute), at which the bundle loads while the reader types."""


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


COMMON = words(
    "the of and to a in is that for it was on with as he be at by this had not are but from or"
    " have an they which one you were her all she there would their we him been has when who"
    " will more no if out so said what up its about into than them can only other new some"
)
SYLLABLES = words("ka ri to ma ne lo su vi da re ba zo mi fa gu he lu no sa te ki ro pa")


class Prose:
    """Seeded text whose word frequencies follow Zipf's law over a 20,000-word vocabulary."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        vocabulary = dict.fromkeys(COMMON)
        while len(vocabulary) < 20_000:
            syllables = self.rng.randint(2, 4)
            vocabulary["".join(self.rng.choice(SYLLABLES) for _ in range(syllables))] = None
        self.words = list(vocabulary)
        self.weights = list(itertools.accumulate(1 / rank for rank in range(1, 20_001)))

    def text(self, length: int) -> str:
        total = self.weights[-1]
        picked = (
            bisect.bisect_left(self.weights, self.rng.random() * total) for _ in range(length)
        )
        return " ".join(self.words[min(index, 19_999)] for index in picked)

    def name(self) -> str:
        return f"{self.text(1).title()} {self.words[self.rng.randrange(5_000, 20_000)].title()}"


def write_site(root: Path, briefs: int, seed: int = 0) -> None:
    """`briefs` briefs over ten years, their actors drawn by popularity, a fifth registered
    with an alias; titles, summaries and quotes in `Prose`."""
    prose, rng = Prose(seed), random.Random(seed)
    names = list(dict.fromkeys(prose.name() for _ in range(max(10, briefs // 4))))
    (root / "briefs" / "actors").mkdir(parents=True)
    (root / "docs").mkdir()
    for index, name in enumerate(names[: len(names) // 5]):
        fields = {"name": name, "type": "armed group", "aliases": [f"Al-{name}"]}
        (root / "briefs" / "actors" / f"actor-{index}.md").write_text(
            "---\n"
            + "".join(f"{key}: {json.dumps(value)}\n" for key, value in fields.items())
            + f"---\n{prose.text(40)}\n"
        )
    for index in range(briefs):
        day = f"{2015 + index * 10 // briefs}-{1 + index % 12:02d}-{1 + index % 28:02d}"
        cast = sorted(
            {
                names[min(int(rng.paretovariate(1.1)) - 1, len(names) - 1)]
                for _ in range(rng.randint(2, 6))
            }
        )
        brief = {
            "title": f"{prose.text(rng.randint(5, 9)).capitalize()} {index}",
            "source": {"url": f"https://news.example.org/{index}", "publisher": "Agency"},
            "summary": prose.text(rng.randint(60, 120)).capitalize() + ".",
            "actors": cast,
            "quotes": [
                {"by": rng.choice(cast), "text": prose.text(rng.randint(8, 20))}
                for _ in range(rng.randint(1, 3))
            ],
        }
        (root / "briefs" / f"{day}-brief-{index}.md").write_text(
            f"---\ndate: {day}\n"
            + "".join(f"{key}: {json.dumps(value)}\n" for key, value in brief.items())
            + "---\n"
        )


class CompressingHandler(QuietHandler):
    """Sends text files gzipped to a client that accepts it, as a static host does."""

    TEXT = (".html", ".css", ".js", ".json", ".xml")

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wanted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wanted and path.suffix in self.TEXT and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


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
    """A brief's title and one of its quotes typed in full, an actor's alias, and a word."""
    brief = sorted((root / "briefs").glob("*-brief-*.md"))[len(COMMON)]
    fields = yaml.safe_load(brief.read_text().split("---")[1])
    actor = (root / "briefs" / "actors" / "actor-3.md").read_text().splitlines()[3]
    alias = json.loads(actor.partition(": ")[2])[0]
    word = next(word for word in fields["summary"].split() if word.isalpha() and word not in COMMON)
    return [fields["title"], fields["quotes"][0]["text"], alias, word]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=10_000)
    parser.add_argument("--search", default="auto", choices=("auto", "material", "pagefind"))
    parser.add_argument("--raw", action="store_true", help="serve files uncompressed")
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
        handler = QuietHandler if arguments.raw else CompressingHandler
        with serve(root / "site", handler) as url, sync_playwright() as playwright:
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
