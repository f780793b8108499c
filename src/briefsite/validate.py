"""Front matter → typed models. Every problem is collected, each at the key it concerns."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterator
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from briefsite.errors import Problem, error, warning
from briefsite.frontmatter import ActorFrontMatter, BriefFrontMatter
from briefsite.limits import RAW_HTML_TAG, markdown_over_limit
from briefsite.load import Document, YamlPath, dotted
from briefsite.model import (
    Actor,
    Affiliation,
    Brief,
    FormerId,
    Location,
    Mention,
    ProseLink,
    Quote,
    Source,
)
from briefsite.prose import WrittenLink
from briefsite.sanitize import read_links
from briefsite.slugs import slug

_Model = TypeVar("_Model", bound=BaseModel)

# Markdown code shows HTML as text: it is not raw HTML.
_CODE = re.compile(r"^(```|~~~).*?^\1|`[^`\n]+`", re.DOTALL | re.MULTILINE)


def validate_brief(document: Document) -> tuple[Brief | None, list[Problem]]:
    front, problems = _validate(document, BriefFrontMatter)
    if front is None:
        return None, problems
    brief_id = _file_id(document, problems)
    path = document.file.display
    brief = Brief(
        id=brief_id,
        title=front.title,
        date=front.date,
        source=Source(**front.source.model_dump(), location=_location(document, ("source", "url"))),
        summary=front.summary,
        mentions=tuple(
            Mention(entry.name, entry.role, _location(document, ("actors", index)))
            for index, entry in enumerate(front.actors)
        ),
        quotes=tuple(
            Quote(entry.by, entry.text, entry.context, _location(document, ("quotes", index)))
            for index, entry in enumerate(front.quotes)
        ),
        tags=tuple(front.tags),
        body=document.body,
        location=Location(path, 1, 1),
        redirect_from=_former_ids(document, front.redirect_from, problems),
        prose_links=(*_summary_links(document, front.summary), *_body_links(document)),
    )
    return (brief if brief_id else None), problems


def validate_actor(document: Document) -> tuple[Actor | None, list[Problem]]:
    front, problems = _validate(document, ActorFrontMatter)
    if front is None:
        return None, problems
    actor_id = _file_id(document, problems)
    actor = Actor(
        id=actor_id,
        name=front.name,
        location=Location(document.file.display, 1, 1),
        type=front.type,
        aliases=tuple(front.aliases),
        alias_locations=tuple(
            _location(document, ("aliases", index)) for index in range(len(front.aliases))
        ),
        description=front.description,
        wikidata=front.wikidata,
        links=tuple(front.links),
        affiliations=tuple(
            Affiliation(entry.actor, entry.relation, _location(document, ("affiliations", index)))
            for index, entry in enumerate(front.affiliations)
        ),
        profile=document.body,
        redirect_from=_former_ids(document, front.redirect_from, problems),
        prose_links=_body_links(document),
    )
    return (actor if actor_id else None), problems


def _validate(document: Document, model: type[_Model]) -> tuple[_Model | None, list[Problem]]:
    problems = [*document.problems, *_raw_html_warnings(document), *_over_limits(document)]
    try:
        return model.model_validate(document.data), problems
    except ValidationError as exc:
        details = _without_missing_typos(exc.errors(), model)
        problems += [_problem(document, model, each) for each in details]
        return None, problems


def _without_missing_typos(
    errors: list[ErrorDetails], model: type[BaseModel]
) -> list[ErrorDetails]:
    """'sumary' is reported as unknown, with its fix; 'summary' missing would say it twice."""
    suggested = {
        (*each["loc"][:-1], _closest(str(each["loc"][-1]), model, each["loc"][:-1]))
        for each in errors
        if each["type"] == "extra_forbidden"
    }
    return [
        each
        for each in errors
        if not (each["type"] == "missing" and tuple(each["loc"]) in suggested)
    ]


def _file_id(document: Document, problems: list[Problem]) -> str:
    stem = document.file.path.stem
    file_id = slug(stem)
    if not file_id:
        problems.append(
            error(document.file.display, 1, 1, "file name has no letters or digits to make an id")
        )
    return file_id


def _former_ids(
    document: Document, written: list[str], problems: list[Problem]
) -> tuple[FormerId, ...]:
    """`redirect_from` entries, each an id as the old file name gave it."""
    former = []
    for index, value in enumerate(written):
        where = _location(document, ("redirect_from", index))
        if slug(value) != value:
            # An id, not a name: a URL made from a slugified guess could point anywhere.
            hint = f" (did you mean '{slug(value)}'?)" if slug(value) else ""
            message = (
                f"'redirect_from[{index}]' '{value}' is not an id: write the old file name "
                f"without .md, in lowercase letters, digits and hyphens{hint}"
            )
            problems.append(error(where.path, where.line, where.column, message))
        else:
            former.append(FormerId(value, where))
    return tuple(former)


def _summary_links(document: Document, summary: str) -> Iterator[ProseLink]:
    for found in _links_in(summary):
        nth = summary.count("[[", 0, found.offset)
        line, column = document.position_in_value(("summary",), "[[", nth)
        yield ProseLink(found.target, found.text, Location(document.file.display, line, column))


def _body_links(document: Document) -> tuple[ProseLink, ...]:
    return tuple(
        ProseLink(
            found.target,
            found.text,
            Location(document.file.display, *document.body_position(found.offset)),
        )
        for found in _links_in(document.body)
    )


def _links_in(text: str) -> list[WrittenLink]:
    # Over a limit, the text is an error already; reading it would cost what limits prevent.
    if "[[" not in text or markdown_over_limit(text):
        return []
    return read_links(text)


def _location(document: Document, path: YamlPath) -> Location:
    line, column = document.position(path)
    return Location(document.file.display, line, column)


def _problem(document: Document, model: type[BaseModel], details: ErrorDetails) -> Problem:
    loc = tuple(details["loc"])
    where = dotted(loc)
    kind = details["type"]
    if kind == "missing":
        line, column = document.position(loc[:-1])
        parent = f" in '{dotted(loc[:-1])}'" if loc[:-1] else ""
        message = f"missing required key '{loc[-1]}'{parent}"
    elif kind == "extra_forbidden":
        line, column = document.position(loc, key=True)
        message = f"unknown key '{where}'" + _did_you_mean(str(loc[-1]), model, loc[:-1])
    else:
        line, column = document.position(loc)
        message = f"'{where}' {_reason(details)}"
    return error(document.file.display, line, column, message)


_TEXT_EXPECTED = ("string_type", "model_type", "model_attributes_type", "dict_type")
"""Where a bare YAML number or yes/no (`- NO`) stands for text a contributor meant."""


def _reason(details: ErrorDetails) -> str:
    message = details["msg"].removeprefix("Value error, ")
    if details["type"] in _TEXT_EXPECTED and isinstance(details["input"], bool | int | float):
        return "must be text; put quotes around it (YAML read it as a number or yes/no)"
    if details["type"] == "list_type":
        return "must be a list (lines starting with '- ')"
    if details["type"] in ("model_type", "model_attributes_type", "dict_type"):
        return "must be a mapping of keys"
    if details["type"] == "too_short" and isinstance(details["input"], list):
        return "must list at least one entry"
    if details["type"] == "string_too_short":
        return "must not be empty"
    if details["type"] == "too_long" and isinstance(details["input"], list):
        return f"must list at most {details.get('ctx', {}).get('max_length')} entries"
    return message[:1].lower() + message[1:]


def _did_you_mean(key: str, model: type[BaseModel], parent: tuple[Any, ...]) -> str:
    close = _closest(key, model, parent)
    if close:
        return f" (did you mean '{close}'?)"
    allowed = _fields_at(model, parent)
    return f" (allowed: {', '.join(allowed)})" if allowed else ""


def _closest(key: str, model: type[BaseModel], parent: tuple[Any, ...]) -> str | None:
    close = difflib.get_close_matches(key, _fields_at(model, parent), n=1, cutoff=0.6)
    return close[0] if close else None


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Names of the fields of the model found at `loc`, walking lists and optionals."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    for candidate in _type_args(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _type_args(annotation: Any) -> Iterator[Any]:
    yield annotation
    origin = typing.get_origin(annotation)
    if origin in (list, Union, types.UnionType, typing.Annotated):
        for argument in typing.get_args(annotation):
            yield from _type_args(argument)


def _over_limits(document: Document) -> Iterator[Problem]:
    """Markdown fields whose rendering would cost more than their size warrants."""
    display = document.file.display
    summary = document.data.get("summary")
    if isinstance(summary, str) and (over := markdown_over_limit(summary)):
        yield error(display, *document.position(("summary",)), f"'summary' {over.message}")
    if over := markdown_over_limit(document.body):
        yield error(display, *document.body_position(over.offset), f"body {over.message}")


def _raw_html_warnings(document: Document) -> Iterator[Problem]:
    """Raw HTML is removed from the site; say so where it was written."""
    for path, value in _strings(document.data, ()):
        if RAW_HTML_TAG.search(_CODE.sub("", value)):
            line, column = document.position(path)
            yield warning(
                document.file.display,
                line,
                column,
                f"raw HTML in '{dotted(path)}': write plain text or Markdown "
                "(unsafe HTML is removed from the site)",
            )
    body = _CODE.sub(lambda code: "_" * len(code.group()), document.body)
    match = RAW_HTML_TAG.search(body)
    if match:
        line = document.body_line + body.count("\n", 0, match.start())
        yield warning(
            document.file.display,
            line,
            1,
            "raw HTML in the body: write Markdown (unsafe HTML is removed from the site)",
        )


def _strings(value: Any, path: YamlPath) -> Iterator[tuple[YamlPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
