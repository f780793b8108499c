"""JSON Schemas generated from models: front matter for editors, the data export for reuse."""

from __future__ import annotations

import json
from typing import Any

from briefsite.frontmatter import ActorFrontMatter, BriefFrontMatter
from briefsite.outputs.export import ActorsExport, BriefsExport

SCHEMA_FOLDER = "schema"
BRIEF_SCHEMA = "brief.schema.json"
ACTOR_SCHEMA = "actor.schema.json"
BRIEFS_EXPORT_SCHEMA = "briefs-export.schema.json"
ACTORS_EXPORT_SCHEMA = "actors-export.schema.json"


def json_schemas() -> dict[str, str]:
    """File name → schema text, byte-stable so a test can tell when the copy is stale."""
    return {
        BRIEF_SCHEMA: _dump(BriefFrontMatter.model_json_schema(), "briefsite brief"),
        ACTOR_SCHEMA: _dump(ActorFrontMatter.model_json_schema(), "briefsite actor"),
        BRIEFS_EXPORT_SCHEMA: _dump(
            BriefsExport.model_json_schema(mode="serialization"), "briefsite briefs.json"
        ),
        ACTORS_EXPORT_SCHEMA: _dump(
            ActorsExport.model_json_schema(mode="serialization"), "briefsite actors.json"
        ),
    }


def _dump(schema: dict[str, Any], title: str) -> str:
    document = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
