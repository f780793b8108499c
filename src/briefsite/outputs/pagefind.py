"""Pagefind's index of a built site, from the pages the dialect spells for it.

Pagefind's binary (from the `pagefind[extended]` wheel) indexes a folder of small record
pages, one per searchable page, at the path the real page has in the site. The bundle is
written beside the site and moved into it whole: a failed run leaves no half-written index.

A preview (`Background`) writes it in a thread once the pages are built: a contributor sees
an edited page first and its search results a few seconds later.
"""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from pagefind.service import get_executable

BUNDLE = "pagefind"
"""The bundle's folder in the built site, which the search worker loads from."""


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why, for the reader of the log."""


def write_index(
    site_dir: Path,
    pages: Iterable[tuple[str, str]],
    language: str,
    exclude_selectors: Sequence[str] = (),
    stop: threading.Event | None = None,
) -> bool:
    """Index `pages` (path in the site, HTML) into `site_dir/pagefind`, replacing any there.

    `exclude_selectors` name parts of the pages that are not searched text. Setting `stop`
    abandons the work, leaving the index there was: the result says whether it was written.
    """
    executable = get_executable()
    if executable is None:
        raise SearchIndexError("Pagefind's binary is missing: pip install 'pagefind[extended]'")
    with tempfile.TemporaryDirectory(prefix=".briefsite-search-", dir=site_dir) as work:
        records, bundle = Path(work) / "records", Path(work) / BUNDLE
        written = 0
        for path, html in pages:
            if stop is not None and stop.is_set():
                return False
            target = records / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
            written += 1
        if not written:
            return True  # nothing to search: no bundle, and the search box finds nothing
        command = [str(executable), "--site", str(records), "--output-path", str(bundle)]
        command += ["--force-language", language, "--silent"]
        if exclude_selectors:
            command += ["--exclude-selectors", ", ".join(exclude_selectors)]
        code, output = _run(command, stop)
        if code is None:
            return False
        if code != 0 or not (bundle / "pagefind.js").is_file():
            raise SearchIndexError(f"Pagefind failed: {output.strip()}")
        _replace(site_dir / BUNDLE, bundle, Path(work) / "previous")
    return True


def _run(command: list[str], stop: threading.Event | None) -> tuple[int | None, str]:
    """Pagefind's exit code (None if stopped first) and what it said, errors first."""
    pipe = subprocess.PIPE
    with subprocess.Popen(command, stdout=pipe, stderr=pipe, text=True) as process:
        # `--silent` leaves little to read: the pipes cannot fill while it runs.
        while stop is not None and process.poll() is None:
            if stop.wait(0.1):
                process.kill()
                process.communicate()
                return None, ""
        output, errors = process.communicate()
    return process.returncode, errors or output or ""


def _replace(target: Path, new: Path, parking: Path) -> None:
    # Two renames on one file system; the parked old bundle goes with the work folder.
    if target.exists():
        target.rename(parking)
    new.rename(target)


class Background:
    """A preview's index, written in a thread after each build.

    The thread also makes the pages' records, from `pages` as given (a generator reading
    the build's results, say): the build is done before they are. `cancel` stops an index
    being made (the next build, or the server's end, calls it before anything else reads
    those results): a newer build's pages have a newer index coming. An index of the same
    pages as the last one written, still in place, is not written again.
    """

    def __init__(self, failed: Callable[[str], None]) -> None:
        self._failed = failed
        """Told why an index could not be written: no build is there to fail."""
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._written = ""
        """A digest of the last index written: its pages, language and settings."""

    def start(
        self,
        site_dir: Path,
        pages: Iterable[tuple[str, str]],
        language: str,
        exclude_selectors: Sequence[str] = (),
    ) -> None:
        self.cancel()
        self._stop = stop = threading.Event()

        def write() -> None:
            made = []
            for page in pages:
                if stop.is_set():
                    return
                made.append(page)
            digest = _digest(made, language, exclude_selectors)
            if digest == self._written and (site_dir / BUNDLE / "pagefind.js").is_file():
                return
            try:
                if write_index(site_dir, made, language, exclude_selectors, stop):
                    self._written = digest
            except (SearchIndexError, OSError) as exc:
                self._failed(str(exc))

        self._thread = threading.Thread(target=write, name="briefsite-search", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self._thread = None


def _digest(pages: Sequence[tuple[str, str]], language: str, selectors: Sequence[str]) -> str:
    digest = hashlib.sha256(f"{language}\0{list(selectors)}".encode())
    for path, html in pages:
        digest.update(f"\0{path}\0{html}".encode())
    return digest.hexdigest()
