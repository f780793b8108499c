"""The data export: JSON against its published schema, SQLite through the questions it serves."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from briefsite.outputs.export import ActorsExport, BriefsExport
from tests.conftest import DESK_URL, REPO, Site

HOSTILE = "2024-03-01-hostile-claims"


def data(site: Site, name: str) -> Path:
    return site.root / "site" / "data" / name


def load(site: Site, name: str) -> Any:
    return json.loads(data(site, name).read_bytes())


@pytest.fixture
def db(desk: Site) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"file:{data(desk, 'briefs.db')}?mode=ro", uri=True)
    yield connection
    connection.close()


@pytest.mark.parametrize(("name", "schema"), [("briefs", "briefs"), ("actors", "actors")])
def test_json_validates_against_the_committed_schema(desk: Site, name: str, schema: str) -> None:
    validator = jsonschema.Draft202012Validator(
        json.loads((REPO / "schema" / f"{schema}-export.schema.json").read_text()),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    validator.validate(load(desk, f"{name}.json"))


def test_json_round_trips_to_the_fixture_counts(desk: Site) -> None:
    briefs = BriefsExport.model_validate_json(data(desk, "briefs.json").read_bytes()).briefs
    actors = ActorsExport.model_validate_json(data(desk, "actors.json").read_bytes()).actors
    assert len(briefs) == 12
    assert sum(len(brief.quotes) for brief in briefs) == 11
    assert [brief.id for brief in briefs][:2] == [
        HOSTILE,
        "2024-02-20-report-traces-arms-route-to-yemen",
    ]
    assert len(actors) == 9
    by_id = {actor.id: actor for actor in actors}
    assert (by_id["kataib-hezbollah"].counts.briefs, by_id["kataib-hezbollah"].counts.quotes) == (
        6,
        4,
    )
    assert not by_id["pentagon"].registered
    assert by_id["us-central-command"].url == f"{DESK_URL}actors/us-central-command/"
    assert sum(actor.counts.briefs for actor in actors) == sum(len(b.actors) for b in briefs)


def test_a_brief_keeps_the_spellings_its_source_used(desk: Site) -> None:
    briefs = {brief["id"]: brief for brief in load(desk, "briefs.json")["briefs"]}
    jordan = briefs["2024-01-28-drone-kills-three-us-soldiers-in-jordan"]
    assert jordan["actors"] == [
        {
            "actor": "islamic-resistance-in-iraq",
            "role": "claimed the attack",
            "spelled_as": "Islamic Resistance",
        },
        {"actor": "kataib-hezbollah", "role": "suspected", "spelled_as": "Kata'ib Hizballah"},
        {"actor": "irgc", "role": "backer", "spelled_as": "IRGC"},
    ]
    suspension = briefs["2024-01-30-kataib-hezbollah-suspends-attacks"]
    assert suspension["source"] == {
        "url": "https://example.org/almayadeen/suspension",
        "publisher": "Al Mayadeen",
        "author": None,
        "published": None,
        "archive_url": "https://web.archive.org/web/2024/https://example.org/almayadeen/suspension",
        # Never read by `briefsite verify`:
        "checked": None,
        "check_state": None,
    }
    assert suspension["quotes"][0]["speaker"] == "kataib-hezbollah"
    assert suspension["quotes"][0]["spelled_as"] == "KH"
    assert suspension["url"] == f"{DESK_URL}briefs/2024-01-30-kataib-hezbollah-suspends-attacks/"
    assert (desk.root / "site" / "briefs" / suspension["id"] / "index.html").is_file()


def test_hostile_text_is_exported_as_written_less_invisible_characters(desk: Site) -> None:
    hostile = next(brief for brief in load(desk, "briefs.json")["briefs"] if brief["id"] == HOSTILE)
    # Control characters and noncharacters are taken out as the file is read (a warning
    # says so); everything a reader can see is exported exactly.
    assert hostile["title"] == "Claims \"retaliation\" & <script>alert('x')</script> ]]> done"
    assert hostile["quotes"][0]["text"] == 'We said "enough" ]]> <b>now</b>'
    # The plain summary is what a reader sees: the script is gone, the text is not; a
    # vertical tab is white space.
    assert hostile["summary_text"] == "Fighters posted  and ]]> with  bold & 'quoted' text."


def test_affiliations_are_listed_on_both_actors(desk: Site) -> None:
    actors = {actor["id"]: actor for actor in load(desk, "actors.json")["actors"]}
    kataib = {tuple(link.values()) for link in actors["kataib-hezbollah"]["affiliations"]}
    assert kataib == {
        ("kataib-hezbollah", "member of", "islamic-resistance-in-iraq"),
        ("kataib-hezbollah", "backed by", "irgc"),
        ("abu-ali-al-askari", "security official of", "kataib-hezbollah"),
    }
    umbrella = actors["islamic-resistance-in-iraq"]["affiliations"]
    assert {link["subject"] for link in umbrella} == {"kataib-hezbollah", "harakat-al-nujaba"}


def test_every_quote_by_kataib_hezbollah_between_two_dates(db: sqlite3.Connection) -> None:
    rows = db.execute(
        """
        select briefs.date, quotes.text from quotes join briefs on briefs.id = quotes.brief_id
        where quotes.actor_id = 'kataib-hezbollah' and briefs.date between ? and ?
        order by briefs.date
        """,
        ("2024-02-01", "2024-02-29"),
    ).fetchall()
    assert rows == [
        ("2024-02-07", "Our response will come at the time we choose."),
        ("2024-02-14", "The resistance has not said its last word."),
    ]


def test_briefs_where_two_actors_appear_together(db: sqlite3.Connection) -> None:
    rows = db.execute(
        """
        select briefs.id from briefs
        join mentions as first on first.brief_id = briefs.id and first.actor_id = ?
        join mentions as second on second.brief_id = briefs.id and second.actor_id = ?
        order by briefs.date
        """,
        ("irgc", "houthis"),
    ).fetchall()
    assert rows == [
        ("2024-02-02-houthis-vow-to-continue-red-sea-attacks",),
        ("2024-02-20-report-traces-arms-route-to-yemen",),
    ]


def test_the_database_holds_the_fixture_and_its_keys(db: sqlite3.Connection) -> None:
    counts = {
        table: db.execute(f"select count(*) from {table}").fetchone()[0]
        for table in ("briefs", "actors", "aliases", "mentions", "quotes", "affiliations", "tags")
    }
    assert counts == {
        "briefs": 12,
        "actors": 9,
        "aliases": 14,
        "mentions": 28,
        "quotes": 11,
        "affiliations": 5,
        "tags": 16,
    }
    assert db.execute("pragma foreign_key_check").fetchall() == []
    references = {row[2] for row in db.execute("pragma foreign_key_list(mentions)")}
    assert references == {"briefs", "actors"}
    spelled = db.execute(
        "select spelled_as from mentions where brief_id = ? and actor_id = 'houthis'",
        ("2024-01-12-us-and-uk-strike-houthi-targets",),
    ).fetchone()
    assert spelled == ("Ansar Allah",)


def test_full_text_search_over_titles_summaries_and_quotes(db: sqlite3.Connection) -> None:
    briefs = db.execute(
        "select briefs.id from briefs_fts join briefs on briefs.rowid = briefs_fts.rowid "
        "where briefs_fts match 'sovereignty' "
    ).fetchall()
    assert briefs == [("2024-02-08-iraqi-government-condemns-baghdad-strike",)]
    quotes = db.execute(
        "select quotes.actor_id from quotes_fts join quotes on quotes.rowid = quotes_fts.rowid "
        "where quotes_fts match 'surrender'"
    ).fetchall()
    assert quotes == [("abu-ali-al-askari",)]


def test_two_builds_write_the_same_data_files(desk: Site) -> None:
    for name in ("briefs.json", "actors.json", "briefs.db"):
        again = desk.root / "site-again" / "data" / name
        assert data(desk, name).read_bytes() == again.read_bytes(), name
