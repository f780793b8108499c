"""The committed evidence: one small JSON file per brief, `provenance/<brief id>.json`.

It records what the source was when checked (address, final address, status, date, the
SHA-256 of its extracted text, the extractor) and, per quote, the verdict and a W3C Web
Annotation `TextQuoteSelector` with which anyone can find the passage again. Fields keep a
fixed order and the file ends in a newline: the same evidence gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

MANIFEST_DIR = "provenance"
MAX_MANIFEST_BYTES = 1_000_000

SourceState = Literal["ok", "no-text", "dead", "failed"]
QuoteState = Literal["verified", "close", "absent", "unchecked"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Redirect(_Record):
    status: int
    url: str


class SourceRecord(_Record):
    url: str
    """The address the brief gives."""
    final_url: str
    """The address after redirects, where the text came from."""
    state: SourceState
    status: int | None
    reason: str = ""
    fetched: str
    """When, ISO 8601 UTC."""
    redirects: tuple[Redirect, ...] = ()
    content_type: str = ""
    text_sha256: str | None = None
    raw_sha256: str | None = None
    extractor: str


class Selector(_Record):
    type: Literal["TextQuoteSelector"] = "TextQuoteSelector"
    exact: str
    prefix: str
    suffix: str


class QuoteRecord(_Record):
    by: str
    text: str
    """The quote as the brief gave it when checked: an edited quote no longer matches."""
    state: QuoteState
    similarity: float | None = None
    selector: Selector | None = None
    """The passage found (verified) or the closest one (close)."""


class Manifest(_Record):
    format: Literal[1] = 1
    brief: str
    source: SourceRecord
    quotes: tuple[QuoteRecord, ...] = ()

    def quote(self, by: str, text: str) -> QuoteRecord | None:
        """The record of this quote as it is written now, if it was checked so."""
        return next((q for q in self.quotes if q.text == text and q.by == by), None)


def manifest_path(root: Path, brief_id: str) -> Path:
    return root / MANIFEST_DIR / f"{brief_id}.json"


def dumps(manifest: Manifest) -> str:
    return manifest.model_dump_json(indent=2, exclude_defaults=False) + "\n"


def loads(text: str | bytes) -> Manifest | None:
    """The manifest, or None when the file is not one (hand-edited, truncated, other format)."""
    try:
        return Manifest.model_validate_json(text)
    except ValidationError:
        return None


def read_manifest(root: Path, brief_id: str) -> Manifest | None:
    path = manifest_path(root, brief_id)
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return loads(data)


def write_manifest(root: Path, manifest: Manifest) -> None:
    path = manifest_path(root, manifest.brief)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(manifest), encoding="utf-8")
