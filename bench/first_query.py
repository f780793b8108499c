"""What a new reader's first search query costs: bytes downloaded and time to results.

A built site is served on 127.0.0.1 and read in headless Chromium (Playwright,
/usr/bin/chromium, as the browser tests do). For each query, a new reader (no cache) opens
the home page, waits for it to load, presses `/` and types the query. Measured, until the
results of the whole query are shown and the network is idle again:

- the bytes of search's own files since the page was opened: Material's search loads its
  whole index (`search/search_index.json`) and its worker with every page, before any key
  is pressed; Pagefind's bundle and index chunks load from the first key on;
- the bytes of every response from the `/` key on (zero for Material's search, which has
  loaded everything before);
- the milliseconds from the last keystroke to the results.

The server compresses text (HTML, CSS, JavaScript, JSON) with gzip when asked, as static
hosts do (GitHub Pages, Netlify, a default nginx with gzip on), compressing each file once;
`raw` serves every file as it is, the upper bound.

Results are known to be those of the whole query by the words they answer: the theme's
search box asks a web worker (Material's own, or briefsite's for Pagefind) and each result
the worker sends back lists the query's words; only the whole query holds its last word in
full. The reader's page notes each answer as it arrives, and the results count as shown
once the answer to the whole query has come and the list holds results.

Used by bench/compare.py (the "first query" rows) and bench/search_weight.py.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import statistics
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from corpus import COMMON
from playwright.sync_api import Browser, Page, Request, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from briefsite import layout
from briefsite.index import SiteIndex
from briefsite.outputs import pagefind

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tests.browser.conftest import QuietHandler, serve  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

TYPING_MS = 150
"""Milliseconds between keystrokes: a fast typist's pace (80 words a minute)."""
WAIT_MS = 120_000
"""How long a reader waits for results before the query counts as never answered."""
PHRASE_WORDS = 4
SEARCH_FILES = (
    f"/{pagefind.BUNDLE}/",
    f"/{layout.SEARCH_WORKER}",
    "/search/search_index.json",  # MkDocs' search plugin
    "/assets/javascripts/workers/search.",  # Material's search worker
    "/assets/javascripts/lunr/",  # its languages other than English
)
"""Where the files of either search are in a built site."""


@dataclass(frozen=True)
class FirstQuery:
    query: str
    bytes: int
    """Of search's files, since the page was opened."""
    after_key: int
    """Of every response from the key that opens search on."""
    ms: float
    """From the last keystroke to the results; infinite if none showed within WAIT_MS."""
    shown: int


class CompressingHandler(QuietHandler):
    """Sends text files gzipped to a client that accepts it, as a static host does."""

    TEXT = (".html", ".css", ".js", ".json", ".xml")
    compressed: ClassVar[dict[Path, bytes]] = {}

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wanted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wanted and path.suffix in self.TEXT and path.is_file()):
            return super().send_head()
        # A host compresses a file once, not for each reader (nginx's gzip_static, a CDN).
        if path not in self.compressed:
            self.compressed[path] = gzip.compress(path.read_bytes())
        body = self.compressed[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def first_query(browser: Browser, url: str, query: str, delay: float) -> FirstQuery:
    """One new reader types `query` into the search box, `delay` ms between keystrokes."""
    context = browser.new_context()
    page = context.new_page()
    received: list[tuple[str, int]] = []

    def count(request: Request) -> None:
        sizes = request.sizes()
        received.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    # Context-wide: the search worker's requests are counted too.
    context.on("requestfinished", count)
    page.add_init_script(ANSWERS)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    before_key = len(received)
    page.keyboard.press("/")
    page.keyboard.type(query, delay=delay)
    latency = results_shown(page, query.lower().split()[-1])
    shown = page.locator(".md-search-result__item").count()
    context.close()
    search = sum(size for address, size in received if is_search_file(address))
    return FirstQuery(query, search, sum(size for _, size in received[before_key:]), latency, shown)


ANSWERS = """
const Native = window.Worker;
window.Worker = class extends Native {
  constructor(...options) {
    super(...options);
    this.addEventListener("message", ({ data }) => {
      if (data?.type !== 3 || !Array.isArray(data.data?.items)) return;  // Material's RESULT
      const words = data.data.items.flat().flatMap((item) => Object.keys(item.terms || {}));
      window.answered = new Set(words.map((word) => word.toLowerCase()));
    });
  }
};
document.addEventListener("keydown", () => (window.lastKey = performance.now()));
"""
"""Notes the words of each answer of the search worker, and the time of each keystroke."""


def results_shown(page: Page, word: str) -> float:
    """Milliseconds from the last keystroke until the results of the whole query (the one
    holding `word`, its last word, in full) are shown; infinite if not within WAIT_MS."""
    try:
        page.wait_for_function(
            """(word) => {
              if (!window.answered?.has(word)) return false;
              if (!document.querySelector('.md-search-result__item')) return false;
              window.shown = performance.now();
              return true;
            }""",
            arg=word,
            timeout=WAIT_MS,
        )
    except PlaywrightTimeout:
        return float("inf")
    page.wait_for_load_state("networkidle")
    return float(page.evaluate("window.shown - window.lastKey"))


def is_search_file(address: str) -> bool:
    path = urlsplit(address).path
    return any(part in path for part in SEARCH_FILES)


@contextlib.contextmanager
def searching(site: Path, raw: bool = False) -> Iterator[Callable[[str, float], FirstQuery]]:
    """Serve the built `site` and open Chromium; yield a function measuring one query."""
    handler = QuietHandler if raw else CompressingHandler
    with serve(site, handler) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield lambda query, delay: first_query(browser, url, query, delay)
        finally:
            browser.close()


def reader_queries(index: SiteIndex) -> list[str]:
    """What readers type: the alias of the actor in most briefs among those that have one, a
    telling word of a title, and a few words of a quote. Each ends in a word that is not
    among the commonest, which a search engine may leave out of the words it reports."""
    aliased = [actor for actor in index.actors.values() if actor.aliases]
    actor = max(aliased, key=lambda actor: (len(index.appearances.get(actor.id, ())), actor.id))
    # From the middle of the archive: neither the newest briefs nor the oldest.
    briefs = [item.brief for item in index.briefs]
    briefs = briefs[len(briefs) // 2 :] + briefs[: len(briefs) // 2]
    title = next(words for brief in briefs if (words := telling(brief.title.split())))
    quote = next(brief.quotes[0].text.split() for brief in briefs[1:] if brief.quotes)
    ends = [at for at, word in enumerate(quote) if at >= PHRASE_WORDS - 1 and telling([word])] or [
        len(quote) - 1
    ]
    phrase = quote[max(0, ends[0] - PHRASE_WORDS + 1) : ends[0] + 1]
    return [actor.aliases[0], max(title, key=len), " ".join(phrase)]


def telling(words: list[str]) -> list[str]:
    """The words that are not among English's commonest."""
    return [word for word in words if word.isalpha() and word.lower() not in COMMON]


def spread(values: list[float]) -> tuple[float, float]:
    """The largest and the median."""
    return max(values), statistics.median(values)
