"""The parts of `verify` on plain data: normalising, matching, fetching through a fake network."""

from __future__ import annotations

import gzip
import socket
import unicodedata
from datetime import date

import httpx
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefsite.model import Brief, Location, Quote, Source
from briefsite.provenance.cache import Cache
from briefsite.provenance.extract import decode, is_html
from briefsite.provenance.fetch import MAX_REDIRECTS, Fetcher, Outcome, Pacer
from briefsite.provenance.judge import judge
from briefsite.provenance.manifest import SourceRecord
from briefsite.provenance.match import Verdict, match_quote, selector
from briefsite.provenance.sources import Evidence, fetch_evidence
from briefsite.provenance.text import _fold, normalise, printable


@pytest.mark.parametrize(
    ("quote", "source"),
    [
        ("we'll fight", "we’ll fight"),
        ('"no" means no', "“no” means no"),
        ("Kata'ib Hezbollah - the group", "Kata’ib Hezbollah — the group"),
        ("and so...", "and so…"),
        ("across  the\nline", "across the line"),
        ("café", "cafe\u0301"),
        ("fine", "ﬁne"),
        ("non breaking", "non\u00a0breaking"),
        ("soft hyphen", "soft hy\u00adphen"),
    ],
)
def test_typographic_differences_are_verbatim(quote: str, source: str) -> None:
    found = match_quote(quote, normalise(f"Before. {source} After."))
    assert found.verdict is Verdict.VERIFIED


def test_case_and_words_are_not_normalised_away() -> None:
    source = normalise("The minister said the talks would resume next week.")
    assert match_quote("the talks will resume next week", source).verdict is Verdict.CLOSE
    assert match_quote("The Talks Would Resume", source).verdict is not Verdict.VERIFIED
    assert match_quote("we have no plans at all", source).verdict is Verdict.ABSENT


def test_close_passage_is_cut_at_word_boundaries_in_the_original() -> None:
    original = "He said the US had “violated all the rules\nof engagement” in Iraq."
    found = match_quote("violated all rules of engagement", normalise(original))
    assert found.verdict is Verdict.CLOSE
    assert original[found.start : found.end] == "violated all the rules\nof engagement"


def test_selector_has_context_either_side() -> None:
    original = "x" * 40 + "PASSAGE" + "y" * 40
    cut = selector(original, 40, 47)
    assert (cut.exact, cut.prefix, cut.suffix) == ("PASSAGE", "x" * 32, "y" * 32)


def test_elisions_must_keep_the_order() -> None:
    source = normalise("First we came. Then we stayed. Finally we left.")
    assert match_quote("we came ... we left", source).verdict is Verdict.VERIFIED
    assert match_quote("we left ... we came", source).verdict is not Verdict.VERIFIED


@given(st.text(max_size=200), st.text(max_size=40))
def test_any_text_gives_a_verdict_and_a_span_inside_the_source(text: str, quote: str) -> None:
    source = normalise(text)
    assert len(source.origin) == len(source.text)
    found = match_quote(quote, source)
    assert 0 <= found.start <= found.end <= len(text)
    assert 0.0 <= found.similarity <= 1.0


def test_printable_escapes_control_characters() -> None:
    assert printable("red\x1b[31m text\u202e\x00") == "red\\x1b[31m text\\u202e\\x00"
    assert printable("a\n\tb") == "a b"
    assert printable("x" * 500, 10) == "x" * 9 + "…"


def test_decode_follows_header_then_meta_then_utf8() -> None:
    page = "<meta charset='windows-1256'><p>سلام</p>".encode("cp1256")
    assert "سلام" in decode(page, "text/html")
    assert decode("é".encode("latin-1"), "text/html; charset=latin-1") == "é"
    assert decode(b"\xff\xfe bad", "text/html; charset=no-such-codec") == "\ufffd\ufffd bad"


def test_binary_is_not_html() -> None:
    assert not is_html("text/html", b"\x89PNG\r\n\x1a\n\x00\x00")
    assert not is_html("application/pdf", b"%PDF-1.4")
    assert is_html("text/html; charset=utf-8", b"<html>")


def test_pacer_waits_a_second_per_host() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = Pacer(1.0, clock=lambda: now[0], sleep=sleep)
    pacer.wait("a.example")
    pacer.wait("b.example")
    now[0] += 0.25
    pacer.wait("a.example")
    assert slept == [0.75]


def fetcher(handler: httpx.MockTransport) -> Fetcher:
    return Fetcher(pacer=Pacer(0.0), transport=handler)


def failing(exc: BaseException) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("failed", request=request) from exc

    return httpx.MockTransport(handler)


def test_unknown_host_is_dead_but_an_unreachable_resolver_is_not() -> None:
    gone = fetcher(failing(socket.gaierror(socket.EAI_NONAME, "Name or service not known")))
    result = gone.fetch("https://no-such-host.example/a")
    assert (result.outcome, result.reason) == (Outcome.DEAD, "host name does not resolve")
    offline = fetcher(failing(socket.gaierror(socket.EAI_AGAIN, "Temporary failure")))
    assert offline.fetch("https://example.org/a").outcome is Outcome.FAILED


def redirecting(location: str) -> httpx.MockTransport:
    return httpx.MockTransport(
        lambda request: httpx.Response(302, headers={"Location": location}, request=request)
    )


@pytest.mark.parametrize("location", ["ftp://example.org/a", "javascript:alert(1)", "file:///etc"])
def test_redirect_away_from_http_is_refused(location: str) -> None:
    result = fetcher(redirecting(location)).fetch("https://example.org/a")
    assert result.outcome is Outcome.FAILED
    assert result.body == b""


def test_endless_redirects_stop() -> None:
    counter = iter(range(1000))
    transport = httpx.MockTransport(
        lambda request: httpx.Response(
            301, headers={"Location": f"/step-{next(counter)}"}, request=request
        )
    )
    result = fetcher(transport).fetch("https://example.org/a")
    assert result.reason == f"more than {MAX_REDIRECTS} redirects"
    assert len(result.redirects) == MAX_REDIRECTS + 1


def test_declared_size_over_the_limit_is_refused_unread() -> None:
    transport = httpx.MockTransport(
        lambda request: httpx.Response(
            200, headers={"Content-Length": "999999999"}, content=b"", request=request
        )
    )
    result = Fetcher(pacer=Pacer(0.0), transport=transport, max_bytes=1000).fetch(
        "https://example.org/a"
    )
    assert result.reason == "larger than the limit of 1,000 bytes"


def test_gone_is_dead_and_server_error_is_not() -> None:
    for status, outcome in ((410, Outcome.DEAD), (503, Outcome.FAILED), (403, Outcome.FAILED)):
        transport = httpx.MockTransport(
            lambda request, s=status: httpx.Response(s, request=request)
        )
        assert fetcher(transport).fetch("https://example.org/a").outcome is outcome


@settings(max_examples=60, deadline=None)
@given(
    body=st.binary(max_size=3000) | st.text(max_size=2000).map(str.encode),
    content_type=st.sampled_from(
        ["text/html", "text/html; charset=utf-16", "text/html; charset=bogus", "", "image/png"]
    ),
    status=st.sampled_from([200, 203, 404, 410, 418, 500]),
)
def test_any_response_gives_a_verdict_never_an_exception(
    body: bytes, content_type: str, status: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    transport = httpx.MockTransport(
        lambda request: httpx.Response(
            status, headers={"Content-Type": content_type}, content=body, request=request
        )
    )
    cache = Cache(tmp_path_factory.mktemp("cache"))
    evidence = fetch_evidence("https://example.org/a", fetcher(transport), cache)
    quote = Quote("Someone", "what was said", None, Location("briefs/a.md", 9, 5))
    brief = Brief(
        "a", "A", date(2024, 2, 9), Source("https://example.org/a"), "S.", (), (quote,), (), "",
        Location("briefs/a.md", 1, 1),
    )  # fmt: skip
    records, problems = judge(brief, evidence, None)
    assert len(records) == 1
    assert all(problem.message.isprintable() for problem in problems)


def test_a_decompression_bomb_stops_at_the_limit() -> None:
    bomb = gzip.compress(b"\0" * 20_000_000)
    transport = httpx.MockTransport(
        lambda request: httpx.Response(
            200,
            headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
            content=bomb,
            request=request,
        )
    )
    result = fetcher(transport).fetch("https://example.org/a")
    assert result.reason == "larger than the limit of 5,000,000 bytes"


def test_close_passage_with_control_characters_is_shown_escaped() -> None:
    text = "He said the talks would\u202e resume\x1b[2J next week, officials said."
    quote = Quote("Someone", "the talks would resume next week", None, Location("b.md", 9, 5))
    brief = Brief(
        "b", "B", date(2024, 2, 9), Source("https://example.org/b"), "S.", (), (quote,), (), "",
        Location("b.md", 1, 1),
    )  # fmt: skip
    record = SourceRecord(
        url="https://example.org/b", final_url="https://example.org/b", state="ok", status=200,
        fetched="2026-01-01T00:00:00Z", extractor="x",
    )  # fmt: skip
    _records, (problem,) = judge(brief, Evidence(record, text), None)
    assert problem.message == (
        "quote differs from the source (93% alike); the source has: "
        "“the talks would\\u202e resume\\x1b[2J next week”"
    )


def _reference_normalise(text: str) -> str:
    """Character by character, as the definition reads: the fast path must agree."""
    clusters: list[str] = []
    for char in text:
        if clusters and unicodedata.combining(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    out: list[str] = []
    pending = False
    for cluster in clusters:
        folded = _fold(cluster)
        if folded.isspace():
            pending = bool(out)
        elif folded:
            out += [" "] * pending + [folded]
            pending = False
    return "".join(out)


@example("e\u0301 a`b\u00ad c\u0327\u0301 ¨x ﬁ …\u00a0-")
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=120))
def test_fast_normalising_agrees_with_the_definition(text: str) -> None:
    assert normalise(text).text == _reference_normalise(text)
