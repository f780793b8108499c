"""`briefsite verify` against source pages served on loopback by the test itself."""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from briefsite.build import build_site
from briefsite.cli import main
from briefsite.provenance.manifest import dumps, loads
from tests.conftest import Site
from tests.source_server import Page, SourceServer, fixture_page, serving

ROUTES = {
    "/article": Page(fixture_page("article.html")),
    "/gone": Page(b"gone", 404, "text/plain"),
    "/pdf": Page(
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", content_type="application/pdf"
    ),
    "/script": Page(fixture_page("script-only.html")),
    "/cp1252": Page(fixture_page("windows-1252.html"), content_type="text/html"),
    "/slow": Page(fixture_page("article.html"), delay=1.0),
    "/huge": Page(b"<p>" + b"word " * 1_100_000 + b"</p>", declare_length=False),
    "/loop": Page(status=302, headers=(("Location", "/loop"),)),
    "/binary": Page(bytes(range(256)) * 64, content_type="text/html"),
}
ARTICLE_QUOTES = (
    # Straight quotes for curly ones; the page breaks a line inside the first.
    "violated all the rules of engagement",
    'left it "no choice but to respond at a time and place of our choosing."',
    # Paraphrased: one word added.
    "no choice but to respond at a time and a place of our choosing",
    # Only in a reader's comment under the article, which is not the source's text.
    "We surrender and apologise to everyone",
    # Words left out, marked by an ellipsis.
    "a drone strike ... violated all the rules of engagement",
)


def brief(url: str, *quotes: str, date: str = "2024-02-09") -> str:
    """A brief whose source sits on line 4 and whose quote number i starts on line 9 + 2i."""
    lines = [
        "---",
        "title: A brief",
        f"date: {date}",
        f"source: {url}",
        "summary: Something happened.",
        "actors:",
        "  - Armed Group",
    ]
    lines += ["quotes:"] if quotes else []
    for quote in quotes:
        lines += ["  - by: Armed Group", f"    text: {json.dumps(quote, ensure_ascii=False)}"]
    return "\n".join([*lines, "---", ""])


def verify(site: Site, *args: str) -> Result:
    return CliRunner().invoke(main, ["verify", "--root", str(site.root), *args])


@pytest.fixture(scope="module")
def server() -> Iterator[SourceServer]:
    with serving(dict(ROUTES), hosts=12) as running:
        running.routes["/r1"] = Page(status=301, headers=(("Location", running.url("/r2", 5)),))
        running.routes["/r2"] = Page(status=302, headers=(("Location", "/article"),))
        yield running


def write_sources(site: Site, server: SourceServer) -> None:
    """One brief per page, each page on its own loopback address."""
    site.brief("a-article", brief(server.url("/article", 2), *ARTICLE_QUOTES))
    site.brief("b-gone", brief(server.url("/gone", 3), "anything"))
    site.brief(
        "c-redirect", brief(server.url("/r1", 4), "a blatant violation of Iraqi sovereignty")
    )
    site.brief("d-pdf", brief(server.url("/pdf", 6), "anything"))
    site.brief("e-script", brief(server.url("/script", 7), "anything"))
    site.brief(
        "f-cp1252",
        brief(
            server.url("/cp1252", 8),
            "to protect its citizens, not to host other people's wars",
            "café owners of Karrada - where the strike took place",
        ),
    )
    site.brief("g-slow", brief(server.url("/slow", 9), "anything"))
    site.brief("h-huge", brief(server.url("/huge", 10), "anything"))
    site.brief("i-loop", brief(server.url("/loop", 11), "anything"))
    site.brief("j-binary", brief(server.url("/binary", 12), "anything"))


def expected_lines(server: SourceServer) -> list[str]:
    def url(path: str, host: int) -> str:
        return server.url(path, host)

    not_verified = "its quotes are not verified"
    return [
        "briefs/a-article.md:13:5: warning: quote differs from the source (98% alike); "
        "the source has: “no choice but to respond at a time and place of our choosing”",
        "briefs/a-article.md:15:5: error: quote not found in the source "
        "(the closest passage is 51% alike)",
        f"briefs/b-gone.md:4:9: error: source is dead: HTTP 404 ({url('/gone', 3)})",
        "briefs/d-pdf.md:4:9: warning: source has no text to check: not a web page "
        f"(application/pdf) ({url('/pdf', 6)}); {not_verified}",
        "briefs/e-script.md:4:9: warning: source has no text to check: no article text found "
        f"(a paywall, or a page drawn by scripts) ({url('/script', 7)}); {not_verified}",
        f"briefs/g-slow.md:4:9: warning: source could not be fetched: timed out "
        f"({url('/slow', 9)}); {not_verified}",
        "briefs/h-huge.md:4:9: warning: source could not be fetched: larger than the limit of "
        f"5,000,000 bytes ({url('/huge', 10)}); {not_verified}",
        "briefs/i-loop.md:4:9: warning: source could not be fetched: redirect loop "
        f"({url('/loop', 11)}); {not_verified}",
        "briefs/j-binary.md:4:9: warning: source has no text to check: not a web page "
        f"(text/html) ({url('/binary', 12)}); {not_verified}",
    ]


@pytest.fixture(scope="module")
def online(
    server: SourceServer, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Site, SourceServer, Result]:
    """One online run over every test page, shared by the tests that read its results."""
    site = Site(tmp_path_factory.mktemp("verify") / "site")
    write_sources(site, server)
    return site, server, verify(site, "--timeout", "0.5")


@pytest.fixture
def verified(
    online: tuple[Site, SourceServer, Result], tmp_path: Path
) -> tuple[Site, SourceServer, Result]:
    """A copy of the online run's site, for a test to change."""
    site, server, result = online
    copy = Site(tmp_path / "copy")
    shutil.copytree(site.root, copy.root, dirs_exist_ok=True)
    return copy, server, result


def test_each_quote_and_source_gets_a_verdict(
    verified: tuple[Site, SourceServer, Result],
) -> None:
    _site, server, result = verified
    assert result.exit_code == 1
    assert result.stdout.splitlines() == expected_lines(server)
    assert result.stderr.splitlines()[0].startswith("10 sources, ")
    assert result.stderr.splitlines()[0].endswith(
        "quotes: 6 verified, 1 close, 1 absent, 7 unchecked"
    )
    assert result.stderr.splitlines()[-1] == "2 errors, 7 warnings"


def test_manifest_records_the_evidence(verified: tuple[Site, SourceServer, Result]) -> None:
    site, server, _result = verified
    text = (site.root / "provenance" / "c-redirect.json").read_text(encoding="utf-8")
    manifest = json.loads(text)
    assert manifest["source"]["url"] == server.url("/r1", 4)
    assert manifest["source"]["final_url"] == server.url("/article", 5)
    assert manifest["source"]["redirects"] == [
        {"status": 301, "url": server.url("/r1", 4)},
        {"status": 302, "url": server.url("/r2", 5)},
    ]
    assert manifest["source"]["state"] == "ok"
    assert manifest["source"]["extractor"].startswith("trafilatura ")
    assert manifest["quotes"] == [
        {
            "by": "Armed Group",
            "text": "a blatant violation of Iraqi sovereignty",
            "state": "verified",
            "similarity": 1.0,
            "selector": {
                "type": "TextQuoteSelector",
                "exact": "a blatant violation of Iraqi sovereignty",
                "prefix": "e government called the strike “",
                "suffix": "” and said it would summon the c",
            },
        }
    ]
    # Round trip: the file is exactly what its parsed form writes.
    parsed = loads(text)
    assert parsed is not None
    assert dumps(parsed) == text


def test_selector_keeps_the_source_spelling(verified: tuple[Site, SourceServer, Result]) -> None:
    site, _server, _result = verified
    manifest = json.loads((site.root / "provenance" / "a-article.json").read_text())
    first, second, *_ = manifest["quotes"]
    assert first["selector"]["exact"] == "violated all the rules of engagement"
    assert second["selector"]["exact"] == (
        "left it “no choice but to respond at a time and place of our choosing.”"
    )
    assert [quote["state"] for quote in manifest["quotes"]] == [
        "verified",
        "verified",
        "close",
        "absent",
        "verified",
    ]


def test_cache_holds_the_text_named_by_its_hash(
    verified: tuple[Site, SourceServer, Result],
) -> None:
    site, _server, _result = verified
    digest = json.loads((site.root / "provenance" / "a-article.json").read_text())["source"][
        "text_sha256"
    ]
    text = (site.root / ".briefsite-cache" / "text" / digest[:2] / digest).read_text()
    assert "violated all the rules of engagement" in text
    assert "Reader42" not in text  # comments are not the article


def test_offline_gives_the_same_verdicts_without_network(
    verified: tuple[Site, SourceServer, Result],
) -> None:
    site, server, online = verified
    requests = len(server.requests)
    offline = verify(site, "--offline")
    assert len(server.requests) == requests
    assert (offline.exit_code, offline.stdout) == (online.exit_code, online.stdout)


def test_offline_without_cache_uses_the_manifests(
    verified: tuple[Site, SourceServer, Result],
) -> None:
    site, _server, online = verified
    shutil.rmtree(site.root / ".briefsite-cache")
    offline = verify(site, "--offline")
    assert (offline.exit_code, offline.stdout) == (online.exit_code, online.stdout)


def test_a_quote_edited_after_verification_is_unverified_again(
    verified: tuple[Site, SourceServer, Result],
) -> None:
    site, server, _result = verified
    shutil.rmtree(site.root / ".briefsite-cache")
    site.brief("c-redirect", brief(server.url("/r1", 4), "a blatant violation of sovereignty"))
    result = verify(site, "--offline", str(site.root / "briefs" / "c-redirect.md"))
    assert result.stdout.splitlines() == [
        "briefs/c-redirect.md:9:5: warning: quote changed since the source was verified; "
        "run `briefsite verify` to check it"
    ]


def test_offline_with_nothing_stored_says_so(site: Site) -> None:
    site.brief("new", brief("https://example.org/never-fetched", "anything"))
    result = verify(site, "--offline")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "briefs/new.md:4:9: warning: not verified yet: no evidence in provenance/new.json for "
        "this source address; run `briefsite verify` with network access"
    ]
    assert not (site.root / "provenance").exists()


def test_a_failed_fetch_keeps_the_earlier_evidence(site: Site) -> None:
    with serving({"/article": Page(fixture_page("article.html"))}) as server:
        site.brief("a", brief(server.url("/article"), "violated all the rules of engagement"))
        assert verify(site).exit_code == 0
        kept = (site.root / "provenance" / "a.json").read_text()
        server.routes["/article"] = Page(b"busy", 503, "text/plain")
        result = verify(site)
    assert result.stdout.startswith(
        "briefs/a.md:4:9: warning: source could not be fetched: HTTP 503"
    )
    assert (site.root / "provenance" / "a.json").read_text() == kept


def test_paths_and_since_choose_the_briefs(site: Site) -> None:
    site.brief("old", brief("https://example.org/old", date="2023-01-01"))
    site.brief("new", brief("https://example.org/new", date="2024-03-01"))
    since = verify(site, "--offline", "--since", "2024-01-01")
    assert [line.split(":")[0] for line in since.stdout.splitlines()] == ["briefs/new.md"]
    only = verify(site, "--offline", str(site.root / "briefs" / "old.md"))
    assert [line.split(":")[0] for line in only.stdout.splitlines()] == ["briefs/old.md"]


def test_github_and_json_formats(site: Site) -> None:
    site.brief("new", brief("https://example.org/never-fetched"))
    github = verify(site, "--offline", "--format", "github")
    assert github.stdout.startswith("::warning file=briefs/new.md,line=4,col=9::not verified yet")
    (problem,) = json.loads(verify(site, "--offline", "--format", "json").stdout)
    assert (problem["path"], problem["line"], problem["severity"]) == (
        "briefs/new.md",
        4,
        "warning",
    )


def test_one_request_per_host_per_second(site: Site) -> None:
    with serving({"/article": Page(fixture_page("article.html"))}) as server:
        for name in ("a", "b", "c"):
            site.brief(name, brief(server.url("/article"), "violated all the rules of engagement"))
        started = time.monotonic()
        result = verify(site)
        elapsed = time.monotonic() - started
    assert result.exit_code == 0
    assert len(server.requests) == 3
    assert elapsed >= 2.0


def test_user_agent_names_the_tool(site: Site) -> None:
    with serving({"/article": Page(fixture_page("article.html"))}) as server:
        site.brief("a", brief(server.url("/article"), "violated all the rules of engagement"))
        verify(site)
    (agent,) = server.user_agents
    assert agent.startswith("briefsite/")


def test_invalid_manifest_is_treated_as_missing(site: Site) -> None:
    site.brief("a", brief("https://example.org/a"))
    site.write("provenance/a.json", "{not json")
    result = verify(site, "--offline")
    assert "not verified yet" in result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_evidence_of_a_renamed_brief_is_reported(site: Site) -> None:
    site.brief("new-name", brief("https://example.org/a"))
    site.write("provenance/old-name.json", "{}")
    result = verify(site, "--offline")
    assert (
        "provenance/old-name.json:1:1: warning: evidence for no brief (renamed or removed?): "
        "rename the file to the brief's new id, or delete it" in result.stdout.splitlines()
    )
    only = verify(site, "--offline", str(site.root / "briefs" / "new-name.md"))
    assert "old-name" not in only.stdout


def test_strict_turns_warnings_into_errors(site: Site) -> None:
    site.brief("a", brief("https://example.org/a"))
    assert verify(site, "--offline").exit_code == 0
    strict = verify(site, "--offline", "--strict")
    assert strict.exit_code == 1
    assert strict.stdout.startswith("briefs/a.md:4:9: error: not verified yet")


def test_hosts_are_read_side_by_side(site: Site) -> None:
    with serving({"/article": Page(fixture_page("article.html"))}, hosts=3) as server:
        for host in (2, 3):
            for n in range(3):
                site.brief(
                    f"h{host}-{n}",
                    brief(server.url("/article", host), "violated all the rules of engagement"),
                )
        started = time.monotonic()
        result = verify(site)
        elapsed = time.monotonic() - started
    assert result.exit_code == 0, (result.output, result.exception)
    assert len(server.requests) == 6
    # Each host waits a second between its three requests; the two hosts do not wait for
    # each other (one after the other would take at least 5 seconds).
    assert 2.0 <= elapsed < 4.5


def test_site_shows_each_quote_verdict_and_date(
    verified: tuple[Site, SourceServer, Result],
) -> None:
    site, _server, _result = verified
    fetched = json.loads((site.root / "provenance" / "a-article.json").read_text())["source"][
        "fetched"
    ][:10]
    assert site.mkdocs_build().returncode == 0
    marks = [
        (mark["data-check"], mark.get_text())
        for mark in site.html("briefs/a-article").select(".briefsite-check")
    ]
    assert marks == [
        ("verified", f"✓ Verified against the source on {fetched}"),
        ("verified", f"✓ Verified against the source on {fetched}"),
        ("close", f"≈ Not word for word in the source (checked {fetched})"),
        ("absent", f"✗ Not found in the source (checked {fetched})"),
        ("verified", f"✓ Verified against the source on {fetched}"),
    ]
    unchecked = site.html("briefs/b-gone").select_one(".briefsite-check")
    assert unchecked is not None
    assert unchecked.get_text() == "Not verified against the source"


def test_site_and_exports_carry_the_source_check_and_each_verdict(
    verified: tuple[Site, SourceServer, Result],
) -> None:
    site, _server, _result = verified
    manifest = json.loads((site.root / "provenance" / "a-article.json").read_text())
    fetched = manifest["source"]["fetched"][:10]
    assert site.mkdocs_build().returncode == 0
    assert f"Source read on {fetched}: available (HTTP 200)." in site.html(
        "briefs/a-article"
    ).get_text(" ", strip=True)
    exported = json.loads((site.root / "site" / "data" / "briefs.json").read_text())
    article = next(item for item in exported["briefs"] if item["id"] == "a-article")
    assert article["source"]["check_state"] == "ok"
    assert article["source"]["checked"] == fetched
    verdicts = [quote["verification"] for quote in article["quotes"]]
    assert verdicts == ["verified", "verified", "close", "absent", "verified"]
    assert {quote["verified_on"] for quote in article["quotes"]} == {fetched}
    with sqlite3.connect(site.root / "site" / "data" / "briefs.db") as db:
        rows = db.execute(
            "select verification, count(*) from quotes where brief_id = 'a-article' "
            "group by verification order by verification"
        ).fetchall()
    assert rows == [("absent", 1), ("close", 1), ("verified", 3)]


def test_source_link_points_tools_at_the_archived_copy(site: Site) -> None:
    archived = "https://web.archive.org/web/20240209123456/https://example.org/a"
    site.brief(
        "a",
        brief("https://example.org/a", "anything").replace(
            "source: https://example.org/a",
            f"source:\n  url: https://example.org/a\n  archive_url: {archived}",
        ),
    )
    result = build_site(site.root, site.root / "briefs")
    assert result.ok, result.problems
    (page,) = [p for p in result.pages if p.path == "briefs/a.md"]
    assert (
        f'data-versionurl="{archived}" data-versiondate="2024-02-09">Read the source</a>'
        in page.content
    )
    assert "*Source not checked yet.*" in page.content


def test_site_forgets_the_verdict_of_an_edited_quote(
    verified: tuple[Site, SourceServer, Result],
) -> None:
    site, server, _result = verified
    site.brief("c-redirect", brief(server.url("/r1", 4), "a blatant violation of sovereignty"))
    result = build_site(site.root, site.root / "briefs")
    (page,) = [p for p in result.pages if p.path == "briefs/c-redirect.md"]
    assert 'data-check="unverified">Not verified against the source' in page.content


def test_a_hand_edited_manifest_puts_nothing_unchecked_on_a_page(site: Site) -> None:
    site.brief("a", brief("https://example.org/a", "anything"))
    record = {
        "brief": "a",
        "source": {
            "url": "https://example.org/a",
            "final_url": "https://example.org/a",
            "state": "ok",
            "status": 200,
            "fetched": "<script>alert(1)</script>",
            "extractor": "x",
        },
        "quotes": [{"by": "Armed Group", "text": "anything", "state": "verified"}],
    }
    site.write("provenance/a.json", json.dumps(record))
    (page,) = [
        p for p in build_site(site.root, site.root / "briefs").pages if p.path == "briefs/a.md"
    ]
    assert "alert(1)" not in page.content  # (the page's own JSON-LD is a script element)
    assert "Not verified against the source" in page.content
