"""Pagefind's index of a built site, from the pages the dialect spells for it.

Pagefind's binary (from the `pagefind[extended]` wheel) indexes a folder of small record
pages, one per searchable page, at the path the real page has in the site. The bundle is
written beside the site and moved into it whole: a failed run leaves no half-written index.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterable, Sequence
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
) -> None:
    """Index `pages` (path in the site, HTML) into `site_dir/pagefind`, replacing any there.

    `exclude_selectors` name parts of the pages that are not searched text."""
    executable = get_executable()
    if executable is None:
        raise SearchIndexError("Pagefind's binary is missing: pip install 'pagefind[extended]'")
    with tempfile.TemporaryDirectory(prefix=".briefsite-search-", dir=site_dir) as work:
        records, bundle = Path(work) / "records", Path(work) / BUNDLE
        written = 0
        for path, html in pages:
            target = records / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
            written += 1
        if not written:
            return  # nothing to search: no bundle, and the search box finds nothing
        command = [str(executable), "--site", str(records), "--output-path", str(bundle)]
        command += ["--force-language", language, "--silent"]
        if exclude_selectors:
            command += ["--exclude-selectors", ", ".join(exclude_selectors)]
        run = subprocess.run(command, capture_output=True, text=True, check=False)
        if run.returncode != 0 or not (bundle / "pagefind.js").is_file():
            raise SearchIndexError(f"Pagefind failed: {(run.stderr or run.stdout).strip()}")
        _replace(site_dir / BUNDLE, bundle, Path(work) / "previous")


def _replace(target: Path, new: Path, parking: Path) -> None:
    # Two renames on one file system; the parked old bundle goes with the work folder.
    if target.exists():
        target.rename(parking)
    new.rename(target)
