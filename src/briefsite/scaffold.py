"""Skeleton files for `briefsite new` and `new-actor`: valid YAML that check accepts once filled."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import PurePosixPath

from briefsite.schema import ACTOR_SCHEMA, BRIEF_SCHEMA, SCHEMA_FOLDER
from briefsite.slugs import slug

TITLE_SLUG_LENGTH = 60


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar, whatever the text holds.
    return json.dumps(text, ensure_ascii=False)


def _schema_comment(path: PurePosixPath, schema: str) -> str:
    up = "../" * (len(path.parts) - 1)
    return f"# yaml-language-server: $schema={up}{SCHEMA_FOLDER}/{schema}"


def brief_path(title: str, day: date, briefs_dir: str = "briefs") -> PurePosixPath:
    name = f"{day.isoformat()}-{slug(title, TITLE_SLUG_LENGTH)}"
    return PurePosixPath(briefs_dir, str(day.year), f"{name}.md")


def brief_skeleton(
    path: PurePosixPath,
    title: str,
    url: str,
    day: date,
    publisher: str | None,
    *,
    author: str | None = None,
    named: Sequence[tuple[str, int]] = (),
) -> str:
    """`named`: registered actors the source names, with how often, listed as a hint."""
    publisher_line = f"\n  publisher: {_quoted(publisher)}" if publisher else ""
    author_line = f"\n  author: {_quoted(author)}" if author else ""
    return f"""---
{_schema_comment(path, BRIEF_SCHEMA)}
title: {_quoted(title)}
date: {day.isoformat()}
source:
  url: {_quoted(url)}{publisher_line}{author_line}
# A few sentences in your own words; inline Markdown allowed.
summary: ""
# The key actors, as this source names them; a role says what each is or does here:
#   - Islamic Resistance in Iraq
#   - name: Abu Baqer
#     role: killed by a US drone strike in Baghdad
{_named_comment(named)}actors: []
# Verbatim quotes, each by one of the actors above:
#   - by: Islamic Resistance in Iraq
#     text: violated all the rules of engagement
#     context: statement, Friday
quotes: []
tags: []
---
"""


def _named_comment(named: Sequence[tuple[str, int]]) -> str:
    if not named:
        return ""
    lines = [f"#   - {_quoted(name)}  ({count} time{'s' * (count != 1)})" for name, count in named]
    return "# Registered actors the source names (times named):\n" + "\n".join(lines) + "\n"


def actor_path(name: str, briefs_dir: str = "briefs") -> PurePosixPath:
    return PurePosixPath(briefs_dir, "actors", f"{slug(name)}.md")


def actor_skeleton(path: PurePosixPath, name: str, actor_type: str | None) -> str:
    type_line = f"type: {_quoted(actor_type)}" if actor_type else "# type: person"
    return f"""---
{_schema_comment(path, ACTOR_SCHEMA)}
name: {_quoted(name)}
{type_line}
# Other spellings sources use, so that briefs naming them land on this page:
aliases: []
# description: one line
# wikidata: Q123
# links: [https://en.wikipedia.org/wiki/...]
# affiliations:
#   - actor: other-actor-id
#     relation: member of
---
"""
