"""Names, aliases and ids → actors (SPEC §3)."""

from __future__ import annotations

import re

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


def test_alias_shared_by_two_actors_is_an_error_at_both_files(site: Site) -> None:
    site.actor("kataib-hezbollah", ACTOR)
    site.actor("hezbollah-brigades", "---\nname: Hezbollah Brigades\n---\n")
    problems = check_site(site.root, site.root / "briefs").problems
    # Each file's check alone (the pre-commit hook checks changed files) shows the clash.
    assert [str(problem) for problem in problems] == [
        "briefs/actors/hezbollah-brigades.md:1:1: error: 'Hezbollah Brigades' also names actor "
        "'kataib-hezbollah' (briefs/actors/kataib-hezbollah.md); one name, one actor",
        "briefs/actors/kataib-hezbollah.md:4:29: error: 'Hezbollah Brigades' also names actor "
        "'hezbollah-brigades' (briefs/actors/hezbollah-brigades.md); one name, one actor",
    ]


def test_names_that_differ_only_by_invisible_characters_clash_at_both_files(site: Site) -> None:
    site.actor("kataib-hezbollah", ACTOR)
    site.actor("kh-new", "---\nname: Kata\u200bib Hez\u200dbollah\n---\n")
    paths = [problem.path for problem in check_site(site.root, site.root / "briefs").problems]
    assert paths == ["briefs/actors/kataib-hezbollah.md", "briefs/actors/kh-new.md"]


def test_two_briefs_with_one_id_is_an_error_at_both_files(site: Site) -> None:
    site.write("briefs/2023/same.md", brief("X"))
    site.write("briefs/2024/same.md", brief("X"))
    problems = check_site(site.root, site.root / "briefs").problems
    assert [str(problem) for problem in problems] == [
        "briefs/2023/same.md:1:1: error: brief id 'same' is also the id of briefs/2024/same.md; "
        "two briefs, one URL: rename one file",
        "briefs/2024/same.md:1:1: error: brief id 'same' is also the id of briefs/2023/same.md; "
        "two briefs, one URL: rename one file",
    ]


def test_names_in_scripts_without_transliteration_get_ids_of_their_own(site: Site) -> None:
    names = ["ⵜⴰⵎⴰⵣⵖⴰ ⵏ ⵓⵔⴰⵡ", "ߒߞߏ ߞߊ߲", "𞤀𞤣𞤤𞤢𞤥 𞤆𞤵𞤤𞤢𞤪", "ᱥᱟᱱᱛᱟᱲᱤ ᱡᱚᱱ", "&amp;"]
    site.brief("2024-02-09-scripts", brief(*(f"'{name}'" for name in names)))
    result = check_site(site.root, site.root / "briefs")
    assert result.problems == ()
    assert result.index is not None
    ids = {actor.name: actor.id for actor in result.index.actors.values()}
    assert ids["&amp;"] == "amp"
    assert all(re.fullmatch(r"[a-z0-9-]+", ids[name]) for name in names)
    assert len(set(ids.values())) == len(names)


def test_a_name_mixing_scripts_in_one_word_is_a_warning(site: Site) -> None:
    site.actor("joe-biden", "---\nname: Joe Biden\n---\n")
    site.brief("2024-02-09-lookalike", brief("Јое Віdеn"))
    (problem,) = check_site(site.root, site.root / "briefs").problems
    assert str(problem) == (
        "briefs/2024-02-09-lookalike.md:7:5: warning: 'Јое Віdеn': the word 'Віdеn' mixes "
        "Cyrillic and Latin letters; retype it in one script (look-alike letters make a "
        "different name)"
    )


def test_a_name_of_look_alike_letters_that_reads_as_another_actor_is_a_warning(
    site: Site,
) -> None:
    site.actor("jake-hope", "---\nname: Jake Hope\n---\n")
    site.brief("2024-02-09-lookalike", brief("Јаке Норе", "Владимир Путин"))
    (problem,) = check_site(site.root, site.root / "briefs").problems
    assert str(problem) == (
        "briefs/2024-02-09-lookalike.md:7:5: warning: 'Јаке Норе' is written with letters "
        "that look like Latin ones and reads as 'Jake Hope' (briefs/actors/jake-hope.md); "
        "retype it in Latin letters if it is that actor"
    )
