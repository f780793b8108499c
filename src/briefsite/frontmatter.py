"""The front matter contributors write, as pydantic models.

These models validate every file and generate the JSON Schema that editors use, so the
two can never disagree.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

ACTOR_TYPES = (
    "person",
    "organization",
    "armed group",
    "state",
    "government",
    "media outlet",
    "other",
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError("must be a date written YYYY-MM-DD, e.g. 2024-02-09")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value} is not a real date ({exc})") from None


def _check_web_url(value: Any) -> Any:
    if not isinstance(value, str):
        return value  # the str type reports it
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http:// or https:// URL")
    if any(char.isspace() or char in "\"'<>`" or ord(char) < 32 for char in value.strip()):
        raise ValueError("a URL must not contain spaces, quotes or angle brackets")
    return value.strip()


def _bare_to(key: str) -> BeforeValidator:
    """Accept a bare string where a mapping is expected: `source: URL`, `- Actor Name`."""
    return BeforeValidator(lambda value: {key: value} if isinstance(value, str) else value)


Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
IsoDate = Annotated[date, BeforeValidator(_parse_iso_date)]
WebUrl = Annotated[str, BeforeValidator(_check_web_url), Field(json_schema_extra={"format": "uri"})]


class _Strict(BaseModel):
    # Unknown keys are errors: a typo must never pass silently.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class SourceEntry(_Strict):
    url: WebUrl
    publisher: Line | None = None
    author: Line | None = None
    published: IsoDate | None = None
    archive_url: WebUrl | None = None


class MentionEntry(_Strict):
    name: Line
    role: Line | None = None


class QuoteEntry(_Strict):
    by: Line
    text: Text
    context: Line | None = None


class BriefFrontMatter(_Strict):
    """Front matter of a brief (SPEC §2)."""

    title: Line
    date: IsoDate
    source: Annotated[SourceEntry, _bare_to("url")]
    summary: Text
    actors: Annotated[list[Annotated[MentionEntry, _bare_to("name")]], Field(min_length=1)]
    quotes: list[QuoteEntry] = []
    tags: list[
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    ] = []


class AffiliationEntry(_Strict):
    actor: Line
    relation: Line


class ActorFrontMatter(_Strict):
    """Front matter of a registered actor (SPEC §3)."""

    name: Line
    type: Literal[ACTOR_TYPES] | None = None  # type: ignore[valid-type]
    aliases: list[Line] = []
    description: Line | None = None
    wikidata: Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")] | None = None
    links: list[WebUrl] = []
    affiliations: list[AffiliationEntry] = []
