"""What reading and validating each file gave, kept between runs by path, size and mtime.

Reading front matter is most of `briefsite check`; a file whose stamp (size and
modification time in nanoseconds) is unchanged since the last run is not read again. The
cache is one file under the site's cache folder (`.briefsite-cache/read.pickle`, outside
git). A cache that is missing, damaged, written by another version of briefsite's code, or
holding anything but briefsite's own records is ignored and rewritten: never an error.

A process that reads the same files again and again (`mkdocs serve`) keeps the records in
memory (`Kept`) instead, after its first run: an unchanged file then gives the very
objects it gave last time, which later stages compare by identity at no cost.
"""

from __future__ import annotations

import functools
import hashlib
import io
import pickle
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import briefsite
from briefsite import errors, heap, model

CACHE_FILE = "read.pickle"
RACY_SECONDS = 2.0
"""A file changed this recently may change again within its mtime's resolution: not kept."""

Stamp = tuple[int, int]
Entry = tuple[model.Brief | model.Actor | None, tuple[errors.Problem, ...]]
"""The valid brief or actor a file gave (None if invalid), and its problems."""


@dataclass(frozen=True)
class _Record:
    kind: str
    stamp: Stamp
    entry: Entry


class Kept:
    """The records of the last run in this process, by display path: empty until a run."""

    def __init__(self) -> None:
        self.records: dict[str, _Record] | None = None


class ReadCache:
    """Entries by display path; `get` answers only for an unchanged file of the same kind.

    With `kept`, the records of the last run in this process are used, rather than the
    cache file's, and the records of this run replace them on `save`."""

    def __init__(self, folder: Path | None, kept: Kept | None = None) -> None:
        self.path = None if folder is None else folder / CACHE_FILE
        self._kept = kept
        if kept is not None and kept.records is not None:
            self._old: dict[str, _Record] = kept.records
        else:
            self._old = _load(self.path) if self.path else {}
        self._new: dict[str, _Record] = {}

    def get(self, display: str, kind: str, path: Path) -> Entry | None:
        stamp = _stamp(path)
        record = self._old.get(display)
        if stamp is None or record is None or (record.kind, record.stamp) != (kind, stamp):
            return None
        self._new[display] = record
        return record.entry

    def put(self, display: str, kind: str, path: Path, entry: Entry) -> None:
        stamp = _stamp(path)
        if stamp is not None and time.time_ns() - stamp[1] > RACY_SECONDS * 1e9:
            self._new[display] = _Record(kind, stamp, entry)

    def save(self) -> None:
        """Write the entries used or made in this run (files gone since are dropped)."""
        if self._kept is not None:
            # The process's first run writes the file; later runs keep their records in
            # memory only (writing them is a second per 10,000 files): a later `check`
            # reads again what was edited since, by its stamp.
            first, self._kept.records = self._kept.records is None, self._new
            if not first:
                return
        if self.path is None or self._new == self._old:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            data = pickle.dumps((_fingerprint(), self._new), protocol=pickle.HIGHEST_PROTOCOL)
            with tempfile.NamedTemporaryFile(dir=self.path.parent, delete=False) as handle:
                handle.write(data)
            Path(handle.name).replace(self.path)
        except OSError:
            pass  # a read-only checkout still checks; it is only slower next time


def _stamp(path: Path) -> Stamp | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _load(path: Path) -> dict[str, _Record]:
    try:
        with heap.cycle_collector_paused():
            fingerprint, records = _Unpickler(io.BytesIO(path.read_bytes())).load()
    except Exception:  # missing, truncated, foreign: start afresh
        return {}
    if fingerprint != _fingerprint() or not isinstance(records, dict):
        return {}
    return {path: record for path, record in records.items() if _well_formed(record)}


def _well_formed(record: object) -> bool:
    if not isinstance(record, _Record) or not isinstance(record.entry, tuple):
        return False
    item, problems = record.entry if len(record.entry) == 2 else (False, None)
    return (
        isinstance(item, model.Brief | model.Actor | None)
        and isinstance(problems, tuple)
        and all(isinstance(problem, errors.Problem) for problem in problems)
    )


_ALLOWED = {
    ("briefsite.readcache", "_Record"),
    ("briefsite.errors", "Problem"),
    ("briefsite.errors", "Severity"),
    ("datetime", "date"),
    *(("briefsite.model", name) for name in model.__dict__ if name[:1].isupper()),
}


class _Unpickler(pickle.Unpickler):
    """Unpickles briefsite's records and nothing else: a cache file planted in a checkout
    cannot name a function for pickle to call."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a cache record")
        return super().find_class(module, name)


@functools.cache
def _fingerprint() -> str:
    """Changes with briefsite's code, so that a new validation rule sees every file again."""
    digest = hashlib.sha256(str(briefsite.__file__).encode())
    for source in sorted(Path(briefsite.__file__).parent.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


__all__ = ["CACHE_FILE", "Kept", "ReadCache"]
