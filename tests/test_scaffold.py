"""`briefsite new`, `new-actor` and the JSON Schema editors use."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from briefsite.build import check_site
from briefsite.cli import main
from briefsite.load import Document, find_content_files, read_document
from briefsite.schema import json_schemas
from tests.conftest import REPO, Site
from tests.source_server import Page, fixture_page, serving


def invoke(site: Site, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--root", str(site.root)])
    return result.exit_code, result.output


def test_new_writes_a_skeleton_that_check_accepts_once_filled(site: Site) -> None:
    code, output = invoke(
        site,
        "new",
        "--title",
        "Kataib Hezbollah: attacks suspended",
        "--url",
        "https://example.org/kh",
        "--date",
        "2024-01-30",
        "--publisher",
        "Reuters",
    )
    assert (code, output) == (0, "briefs/2024/2024-01-30-kataib-hezbollah-attacks-suspended.md\n")
    path = site.root / output.strip()
    assert path.read_text().splitlines()[1] == (
        "# yaml-language-server: $schema=../../schema/brief.schema.json"
    )
    messages = [p.message for p in check_site(site.root, site.root / "briefs").problems]
    assert messages == ["'summary' must not be empty", "'actors' must list at least one entry"]
    filled = (
        path.read_text()
        .replace('summary: ""', "summary: It paused.")
        .replace("actors: []", "actors: [Kataib Hezbollah]")
    )
    path.write_text(filled)
    assert check_site(site.root, site.root / "briefs").problems == ()


def test_new_refuses_to_overwrite(site: Site) -> None:
    args = ("new", "--title", "T", "--url", "https://example.org/", "--date", "2024-01-30")
    assert invoke(site, *args)[0] == 0
    code, output = invoke(site, *args)
    assert code == 1
    assert "already exists; not overwritten" in output


def test_new_refuses_a_non_web_url(site: Site) -> None:
    code, output = invoke(site, "new", "--title", "T", "--url", "javascript:alert(1)")
    assert code == 2
    assert "must be an http:// or https:// URL" in output


def test_new_actor_writes_a_valid_actor_file(site: Site) -> None:
    code, output = invoke(site, "new-actor", "Abu Fadak al-Mohammadawi", "--type", "person")
    assert (code, output) == (0, "briefs/actors/abu-fadak-al-mohammadawi.md\n")
    assert check_site(site.root, site.root / "briefs").problems == ()
    assert invoke(site, "new-actor", "Abu Fadak al-Mohammadawi")[0] == 1


def test_committed_schemas_are_in_sync_with_the_models() -> None:
    for name, text in json_schemas().items():
        committed = REPO / "schema" / name
        assert committed.read_text() == text, f"run `briefsite schema` to refresh {committed}"


@pytest.mark.parametrize(("kind", "schema"), [("brief", "brief"), ("actor", "actor")])
def test_demo_files_validate_against_the_schema(kind: str, schema: str) -> None:
    validator = jsonschema.Draft202012Validator(
        json.loads((REPO / "schema" / f"{schema}.schema.json").read_text())
    )
    files, _ = find_content_files(REPO, REPO / "briefs")
    documents = [read_document(file) for file in files if file.kind == kind]
    assert documents
    for document in documents:
        assert isinstance(document, Document)
        assert list(validator.iter_errors(document.data)) == [], document.file.display


def test_schema_rejects_what_check_rejects() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(json_schemas()["brief.schema.json"]))
    brief = {
        "title": "T",
        "date": "2024-02-09",
        "source": "javascript:x",
        "summary": "S",
        "actors": ["A"],
        "sumary": "typo",
    }
    messages = sorted(error.message for error in validator.iter_errors(brief))
    assert any("'sumary' was unexpected" in message for message in messages)
    assert any("'javascript:x' is not valid" in message for message in messages)


def test_schema_command_writes_the_files(site: Site) -> None:
    written = [f"schema/{name}" for name in json_schemas()]
    assert invoke(site, "schema") == (0, "".join(f"{path}\n" for path in written))
    assert written[:2] == ["schema/brief.schema.json", "schema/actor.schema.json"]
    assert (Path(site.root) / "schema" / "brief.schema.json").exists()


def test_new_from_url_prefills_from_the_page(site: Site) -> None:
    site.actor("armed-group", "---\nname: Armed group\n---\n")
    site.actor("baghdad-officials", "---\nname: Officials in Baghdad\n---\n")
    site.actor("elsewhere", "---\nname: Nobody Named Here\n---\n")
    with serving({"/a": Page(fixture_page("article.html"))}) as server:
        url = server.url("/a")
        code, output = invoke(site, "new", "--url", url)
    assert (code, output) == (
        0,
        "briefs/2024/2024-02-09-armed-group-vows-to-resume-attacks-after-baghdad-strike.md\n",
    )
    text = (site.root / output.strip()).read_text()
    assert 'title: "Armed group vows to resume attacks after Baghdad strike"\n' in text
    assert "date: 2024-02-09\n" in text
    assert f'  url: "{url}"\n  publisher: "The Example Ledger"\n  author: "Jane Doe"\n' in text
    assert (
        "# Registered actors the source names (times named):\n"
        '#   - "Armed group"  (2 times)\n'
        '#   - "Officials in Baghdad"  (1 time)\n'
        "actors: []\n"
    ) in text


def test_new_from_url_options_win_over_the_page(site: Site) -> None:
    with serving({"/a": Page(fixture_page("article.html"))}) as server:
        code, output = invoke(
            site, "new", "--url", server.url("/a"), "--date", "2024-02-10", "--publisher", "Wire"
        )
    assert code == 0
    text = (site.root / output.strip()).read_text()
    assert "date: 2024-02-10\n" in text
    assert 'publisher: "Wire"' in text


def test_new_from_an_unreadable_url_writes_the_skeleton_with_a_notice(site: Site) -> None:
    with serving({}) as server:
        url = server.url("/news/iraqi-groups-vow_to-resume.html")
        code, output = invoke(site, "new", "--url", url, "--date", "2024-02-10")
    assert code == 0
    notice, written = output.strip().split("\n")
    assert notice == (
        f"could not read {url}: HTTP 404; the title is taken from the address: correct it"
    )
    assert written == "briefs/2024/2024-02-10-iraqi-groups-vow-to-resume.md"
    assert 'title: "Iraqi groups vow to resume"' in (site.root / written).read_text()
