"""`briefsite verify`: every selected brief's source fetched (or read from the cache), every
quote judged, the manifests of an online run written."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from briefsite.errors import Problem, warning
from briefsite.model import Brief
from briefsite.provenance.cache import Cache
from briefsite.provenance.fetch import Fetcher
from briefsite.provenance.judge import judge
from briefsite.provenance.manifest import (
    MANIFEST_DIR,
    Manifest,
    QuoteRecord,
    SourceRecord,
    read_manifest,
    write_manifest,
)
from briefsite.provenance.sources import fetch_evidence, stored_evidence
from briefsite.provenance.text import printable

JOBS = 4
"""Hosts read at once: sources on different sites need not wait for each other."""


@dataclass(frozen=True)
class Checked:
    """One brief's outcome."""

    brief: Brief
    quotes: tuple[QuoteRecord, ...]
    problems: tuple[Problem, ...]
    seconds: float
    written: bool
    """Whether its manifest was (re)written."""


@dataclass(frozen=True)
class Report:
    checked: tuple[Checked, ...]

    @property
    def problems(self) -> list[Problem]:
        return sorted(problem for item in self.checked for problem in item.problems)

    def quote_counts(self) -> Counter[str]:
        return Counter(record.state for item in self.checked for record in item.quotes)

    def seconds_per_source(self) -> float:
        return sum(item.seconds for item in self.checked) / max(1, len(self.checked))


def select_briefs(
    briefs: Iterable[Brief], root: Path, only: Sequence[Path], since: date | None
) -> list[Brief]:
    """The briefs under `only` (files or folders; all when empty) dated `since` or later,
    in file order."""
    prefixes = [_relative(path, root) for path in only]
    return sorted(
        (
            brief
            for brief in briefs
            if (since is None or brief.date >= since)
            and (not prefixes or any(_under(brief.location.path, p) for p in prefixes))
        ),
        key=lambda brief: brief.location.path,
    )


def verify_briefs(
    root: Path,
    briefs: Sequence[Brief],
    cache: Cache,
    fetcher: Fetcher | None,
    jobs: int = JOBS,
) -> Report:
    """Judge every brief's quotes; with a `fetcher` fetch each source first and write the
    manifests, without one (offline) use only the manifests and the cache, writing nothing.

    Online, up to `jobs` hosts are read at once, each host's briefs one after another
    (the fetcher's pacing spaces them); the report keeps the order of `briefs`."""
    if fetcher is None or jobs <= 1:
        return Report(tuple(_verify_one(root, brief, cache, fetcher) for brief in briefs))
    by_host: dict[str, list[Brief]] = defaultdict(list)
    for brief in briefs:
        by_host[urlsplit(brief.source.url).hostname or ""].append(brief)

    def verify_host(group: list[Brief]) -> list[Checked]:
        return [_verify_one(root, brief, cache, fetcher) for brief in group]

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        done = [item for group in pool.map(verify_host, by_host.values()) for item in group]
    position = {id(brief): index for index, brief in enumerate(briefs)}
    return Report(tuple(sorted(done, key=lambda item: position[id(item.brief)])))


def _verify_one(root: Path, brief: Brief, cache: Cache, fetcher: Fetcher | None) -> Checked:
    started = time.perf_counter()
    previous = read_manifest(root, brief.id)
    if fetcher is None:
        evidence = stored_evidence(brief.source.url, previous, cache)
    else:
        evidence = fetch_evidence(brief.source.url, fetcher, cache)
    quotes, problems = judge(brief, evidence, previous)
    record = evidence.record
    written = fetcher is not None and record is not None and _worth_keeping(record, previous)
    if written and record is not None:
        write_manifest(root, Manifest(brief=brief.id, source=record, quotes=quotes))
    return Checked(brief, quotes, tuple(problems), time.perf_counter() - started, written)


def orphan_manifests(root: Path, brief_ids: set[str]) -> list[Problem]:
    """A warning for each evidence file whose brief does not exist (renamed or removed)."""
    folder = root / MANIFEST_DIR
    if not folder.is_dir():
        return []
    return [
        warning(
            f"{MANIFEST_DIR}/{printable(path.name)}",
            1,
            1,
            "evidence for no brief (renamed or removed?): rename the file to the brief's "
            "new id, or delete it",
        )
        for path in sorted(folder.glob("*.json"))
        if path.stem not in brief_ids
    ]


def _worth_keeping(record: SourceRecord, previous: Manifest | None) -> bool:
    # A dead or failed fetch must not erase the evidence of an earlier good one.
    if record.state in ("ok", "no-text"):
        return True
    return previous is None or previous.source.url != record.url


def _under(path: str, prefix: str) -> bool:
    return prefix in ("", ".") or path == prefix or path.startswith(prefix.rstrip("/") + "/")


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
