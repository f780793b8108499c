"""Names, aliases and ids → actors (SPEC §3)."""

from __future__ import annotations

import pytest

from briefsite.build import check_site
from briefsite.slugs import name_key, slug
from tests.conftest import Site


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Kata'ib Hezbollah", "Kataib Hezbollah"),
        ("Kata’ib Hezbollah", "KATAIB-HEZBOLLAH"),
        ("Muqtada al-Ṣadr", "Muqtada al Sadr"),
        ("  Islamic   Resistance in Iraq ", "islamic resistance in iraq"),
    ],
)
def test_spellings_that_differ_only_in_form_share_a_key(one: str, other: str) -> None:
    assert name_key(one) == name_key(other)


def test_different_names_keep_different_keys() -> None:
    assert name_key("Kataib Hezbollah") != name_key("Kataib Sayyid al-Shuhada")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kata'ib Hezbollah", "kataib-hezbollah"),
        ("Muqtada al-Ṣadr", "muqtada-al-sadr"),
        ("Абу Бакр", "abu-bakr"),
        ("حزب الله", "hzb-llh"),
        ("../../etc/passwd", "etc-passwd"),
    ],
)
def test_slugs_are_url_safe_and_transliterated(name: str, expected: str) -> None:
    assert slug(name) == expected


ACTOR = """\
---
name: Kataib Hezbollah
type: armed group
aliases: [Kataeb Hezbollah, Hezbollah Brigades]
---
An Iraqi armed group.
"""


def brief(*actors: str, quotes: str = "") -> str:
    listed = "\n".join(f"  - {actor}" for actor in actors)
    return (
        "---\ntitle: T\ndate: 2024-02-09\nsource: https://example.org/a\nsummary: S\n"
        f"actors:\n{listed}\n{quotes}---\n"
    )


def resolved_cast(site: Site) -> list[list[str]]:
    index = check_site(site.root, site.root / "briefs").index
    assert index is not None
    return [[member.actor_id for member in item.cast] for item in index.briefs]


def test_mentions_resolve_by_name_alias_and_id(site: Site) -> None:
    site.actor("kataib-hezbollah", ACTOR)
    site.brief("a", brief("Kata'ib Hezbollah", "Hezbollah Brigades", "kataib-hezbollah"))
    problems = check_site(site.root, site.root / "briefs").problems
    # All three spell one actor: listed twice is a warning, not a second actor.
    assert [p.message for p in problems] == [
        "'Hezbollah Brigades' is listed twice among this brief's actors",
        "'kataib-hezbollah' is listed twice among this brief's actors",
    ]
    assert resolved_cast(site) == [["kataib-hezbollah"]]


def test_unknown_name_becomes_an_implicit_actor_named_as_first_mentioned(site: Site) -> None:
    site.brief("2024-02-09-b", brief("Abu Baqer al-Saidi"))
    site.brief("2024-02-01-a", brief("Abu Baqer al-Sa'idi").replace("2024-02-09", "2024-02-01"))
    index = check_site(site.root, site.root / "briefs").index
    assert index is not None
    actor = index.actors["abu-baqer-al-saidi"]
    assert (actor.name, actor.registered) == ("Abu Baqer al-Sa'idi", False)
    assert len(index.appearances["abu-baqer-al-saidi"]) == 2


def test_quote_by_an_alias_of_a_brief_actor_is_accepted(site: Site) -> None:
    site.actor("kataib-hezbollah", ACTOR)
    site.brief(
        "a", brief("Kataib Hezbollah", quotes="quotes:\n  - by: Kataeb Hezbollah\n    text: hi\n")
    )
    index = check_site(site.root, site.root / "briefs").index
    assert index is not None
    assert [q.actor_id for q in index.briefs[0].quotes] == ["kataib-hezbollah"]


def test_alias_shared_by_two_actors_is_an_error_naming_both(site: Site) -> None:
    site.actor("kataib-hezbollah", ACTOR)
    site.actor("hezbollah-brigades", "---\nname: Hezbollah Brigades\n---\n")
    (problem,) = check_site(site.root, site.root / "briefs").problems
    assert (problem.path, problem.line, problem.column) == (
        "briefs/actors/kataib-hezbollah.md",
        4,
        29,
    )
    assert "also names actor 'hezbollah-brigades' (briefs/actors/hezbollah-brigades.md)" in (
        problem.message
    )


def test_two_briefs_with_one_id_is_an_error_naming_both(site: Site) -> None:
    site.write("briefs/2023/same.md", brief("X"))
    site.write("briefs/2024/same.md", brief("X"))
    (problem,) = check_site(site.root, site.root / "briefs").problems
    assert str(problem) == (
        "briefs/2024/same.md:1:1: error: brief id 'same' is also the id of briefs/2023/same.md; "
        "two briefs, one URL: rename one file"
    )


def test_affiliation_to_unknown_actor_is_an_error(site: Site) -> None:
    site.actor(
        "a", "---\nname: A\naffiliations:\n  - actor: nobody\n    relation: member of\n---\n"
    )
    (problem,) = check_site(site.root, site.root / "briefs").problems
    assert str(problem) == (
        "briefs/actors/a.md:4:5: error: affiliation names unknown actor id 'nobody'"
    )


def test_reserved_id_is_refused(site: Site) -> None:
    site.actor("index", "---\nname: Index\n---\n")
    (problem,) = check_site(site.root, site.root / "briefs").problems
    assert "'index' is a reserved id" in problem.message
