"""The front matter contributors write, as pydantic models.

These models validate every file and generate the JSON Schema that editors use, so the
two can never disagree.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from briefsite.urls import is_outside_link

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
    url = value.strip()
    if not url.lower().startswith(("http:", "https:")):
        raise ValueError("must be an http:// or https:// URL")
    if any(char.isspace() or char in "\"'<>`\\" for char in url):
        raise ValueError("a URL must not contain spaces, quotes, angle brackets or backslashes")
    if not is_outside_link(url, _WEB):
        raise ValueError("must be a full URL with a host, such as https://example.org/page")
    return url


_WEB = frozenset({"http", "https"})


def _bare_to(key: str, accepted: Any) -> BeforeValidator:
    """Accept a bare string where a mapping is expected: `source: URL`, `- Actor Name`.

    `accepted` is what a contributor may write, so the JSON Schema offers both forms.
    """
    return BeforeValidator(
        lambda value: {key: value} if isinstance(value, str) else value,
        json_schema_input_type=accepted,
    )


Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
IsoDate = Annotated[date, BeforeValidator(_parse_iso_date)]
WebUrl = Annotated[
    str,
    BeforeValidator(_check_web_url),
    Field(json_schema_extra={"format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}),
]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


class _Strict(BaseModel):
    # Unknown keys are errors: a typo must never pass silently.
    # Attribute docstrings become descriptions in the JSON Schema that editors show.
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class SourceEntry(_Strict):
    url: WebUrl
    """Address of the source (http or https)."""
    publisher: Line | None = None
    """Outlet or organisation that published it."""
    author: Line | None = None
    published: IsoDate | None = None
    """Publication date, YYYY-MM-DD, when it differs from the brief's date."""
    archive_url: WebUrl | None = None
    """An archived copy, e.g. on the Wayback Machine."""


class MentionEntry(_Strict):
    name: Line
    """The actor as this source names it: a name, an alias or an actor id."""
    role: Line | None = None
    """What this actor is or does in this brief."""


class QuoteEntry(_Strict):
    by: Line
    """Who said it: one of this brief's actors, in any of its spellings."""
    text: Text
    """The words, verbatim."""
    context: Line | None = None
    """Where or when it was said."""


class BriefFrontMatter(_Strict):
    """Front matter of a brief."""

    title: Line
    """The brief's title."""
    date: IsoDate
    """Date of the event or publication, YYYY-MM-DD."""
    source: Annotated[SourceEntry, _bare_to("url", WebUrl | SourceEntry)]
    """The source: its URL, or a mapping with url, publisher, author, published, archive_url."""
    summary: Text
    """A few sentences in your own words; inline Markdown allowed; [[name]], [[name|text]]
    or [[brief-id]] links to an actor or a brief."""
    actors: Annotated[
        list[Annotated[MentionEntry, _bare_to("name", Line | MentionEntry)]],
        Field(min_length=1, max_length=100),
    ]
    """Key actors: names, or mappings with name and role."""
    quotes: Annotated[list[QuoteEntry], Field(max_length=100)] = []
    """Verbatim quotes, each by one of the brief's actors."""
    tags: Annotated[list[Tag], Field(max_length=30)] = []
    """Topics, lowercase-with-hyphens."""
    redirect_from: Annotated[list[Line], Field(max_length=20)] = []
    """Ids this brief had before a rename: their old URLs keep working."""


class AffiliationEntry(_Strict):
    actor: Line
    """The other actor's id (its file name without .md)."""
    relation: Line
    """The relation read from this actor's side, e.g. "member of"."""


class ActorFrontMatter(_Strict):
    """Front matter of a registered actor."""

    name: Line
    """Canonical name, used as the page's title."""
    type: Literal[ACTOR_TYPES] | None = None  # type: ignore[valid-type]
    """What kind of actor this is."""
    aliases: Annotated[list[Line], Field(max_length=50)] = []
    """Other spellings and names that sources use."""
    description: Line | None = None
    """One line."""
    wikidata: Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")] | None = None
    """Wikidata item id, e.g. Q42."""
    links: Annotated[list[WebUrl], Field(max_length=30)] = []
    """Further reading (http or https)."""
    affiliations: Annotated[list[AffiliationEntry], Field(max_length=100)] = []
    """Relations to other registered actors."""
    redirect_from: Annotated[list[Line], Field(max_length=20)] = []
    """Ids this actor had before a rename: their old URLs keep working."""
