"""The export as a SQLite database (`briefs.db`), ready for Datasette or any SQL client.

Filled from the same records as the JSON export. Built in memory and serialised, so the
file holds no trace of where or when it was built: two builds give the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from briefsite import layout
from briefsite.outputs import OutputFile
from briefsite.outputs.export import ActorsExport, BriefsExport

Row = dict[str, Any]


@dataclass(frozen=True)
class _Table:
    name: str
    columns: dict[str, type]
    pk: str | tuple[str, ...] | None = None
    references: dict[str, str] = field(default_factory=dict)
    """Column → the table whose `id` it holds."""
    indexes: tuple[str, ...] = ()
    search: tuple[str, ...] = ()
    """Columns of the table's full-text index."""


TABLES = (
    _Table(
        "actors",
        {
            **dict.fromkeys(("id", "url", "name", "type", "description", "wikidata"), str),
            "registered": bool,
            "links": str,
            "brief_count": int,
            "quote_count": int,
        },
        pk="id",
    ),
    _Table(
        "briefs",
        {
            **dict.fromkeys(
                ("id", "url", "title", "date", "summary", "summary_text", "summary_html"), str
            ),
            **{f"source_{name}": str for name in ("url", "publisher", "author", "published")},
            **dict.fromkeys(("source_archive_url", "source_checked", "source_check_state"), str),
        },
        pk="id",
        indexes=("date",),
        search=("title", "summary_text"),
    ),
    _Table(
        "aliases", {"actor_id": str, "alias": str}, ("actor_id", "alias"), {"actor_id": "actors"}
    ),
    _Table(
        "mentions",
        {"brief_id": str, "actor_id": str, "role": str, "spelled_as": str},
        ("brief_id", "actor_id"),
        {"brief_id": "briefs", "actor_id": "actors"},
        indexes=("actor_id",),
    ),
    _Table(
        "quotes",
        {
            "id": int,
            "brief_id": str,
            "actor_id": str,
            "spelled_as": str,
            "text": str,
            "context": str,
            "verification": str,
            "verified_on": str,
        },
        "id",
        {"brief_id": "briefs", "actor_id": "actors"},
        indexes=("brief_id", "actor_id"),
        search=("text", "context"),
    ),
    _Table(
        "affiliations",
        {"subject_id": str, "relation": str, "object_id": str},
        ("subject_id", "relation", "object_id"),
        {"subject_id": "actors", "object_id": "actors"},
        indexes=("object_id",),
    ),
    _Table(
        "tags", {"brief_id": str, "tag": str}, ("brief_id", "tag"), {"brief_id": "briefs"}, ("tag",)
    ),
)


def database_file(briefs: BriefsExport, actors: ActorsExport) -> OutputFile:
    """Every brief and actor in one SQLite file, with foreign keys and full-text search."""
    db = sqlite_utils.Database(memory=True, execute_plugins=False)
    rows = {**_actor_rows(actors), **_brief_rows(briefs)}
    for table in TABLES:
        _fill(db, table, rows[table.name])
    # No VACUUM: written once, the file has no free pages, and VACUUM may renumber the
    # rowids of `briefs`, which its full-text index points to.
    return OutputFile(layout.BRIEFS_DB, db.conn.serialize())


def _fill(db: sqlite_utils.Database, spec: _Table, rows: list[Row]) -> None:
    table = db.table(spec.name)
    table.create(
        spec.columns,
        pk=spec.pk,
        foreign_keys=[(column, other, "id") for column, other in spec.references.items()],
    )
    # A tag or an alias written twice is one fact: the duplicate row is dropped.
    table.insert_all(rows, ignore=True)
    for column in spec.indexes:
        table.create_index([column])
    if spec.search:
        table.enable_fts(spec.search)


def _actor_rows(export: ActorsExport) -> dict[str, list[Row]]:
    actors, aliases = [], []
    # Each relation is listed on both of its actors; the table holds it once.
    affiliations: dict[tuple[str, str, str], Row] = {}
    for actor in export.actors:
        data = actor.model_dump(mode="json", exclude={"aliases", "affiliations", "counts"})
        counts = {"brief_count": actor.counts.briefs, "quote_count": actor.counts.quotes}
        actors.append({**data, "links": json.dumps(actor.links), **counts})
        aliases += [{"actor_id": actor.id, "alias": alias} for alias in actor.aliases]
        for link in actor.affiliations:
            row = {"subject_id": link.subject, "relation": link.relation, "object_id": link.object}
            affiliations[(link.subject, link.relation, link.object)] = row
    return {"actors": actors, "aliases": aliases, "affiliations": list(affiliations.values())}


def _brief_rows(export: BriefsExport) -> dict[str, list[Row]]:
    rows: dict[str, list[Row]] = {"briefs": [], "mentions": [], "quotes": [], "tags": []}
    for brief in export.briefs:
        data = brief.model_dump(mode="json", exclude={"actors", "quotes", "tags"})
        source = {f"source_{key}": value for key, value in data.pop("source").items()}
        rows["briefs"].append({**data, **source})
        rows["mentions"] += [
            {"brief_id": brief.id, "actor_id": m.actor, "role": m.role, "spelled_as": m.spelled_as}
            for m in brief.actors
        ]
        rows["quotes"] += [
            {
                "brief_id": brief.id,
                "actor_id": quote.speaker,
                **quote.model_dump(exclude={"speaker"}),
            }
            for quote in brief.quotes
        ]
        rows["tags"] += [{"brief_id": brief.id, "tag": tag} for tag in brief.tags]
    # Quotes are numbered in export order, newest brief first, so ids are stable too.
    for number, row in enumerate(rows["quotes"], start=1):
        row["id"] = number
    return rows
