"""Properties over random input (SPEC §6): any file gives problems, never an exception, and
any valid brief, however hostile its text, gives pages with nothing beyond the allow-list.

Run with `--hypothesis-show-statistics` to see how many examples each property tried.
The long run multiplies every example count by BRIEFSITE_PROPERTY_SCALE (`make properties-long`
sets 40: 10,000 random files, 6,000 hostile briefs, 4,000 displayed-text checks).
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from briefsite.build import build_site, check_site
from briefsite.frontmatter import ACTOR_TYPES
from briefsite.prose import LINK, LinkTarget
from briefsite.render import RenderedPage
from briefsite.sanitize import MarkdownRenderer, read_links
from briefsite.slugs import name_key, slug
from briefsite.urls import is_outside_link
from tests.conftest import Site
from tests.test_hostile import (
    CLEAN_BRIEF,
    article_violations,
    document_violations,
    page_violations,
    parse,
    theme_script_key,
    visible,
)

SCALE = int(os.environ.get("BRIEFSITE_PROPERTY_SCALE", "1"))


def examples(quick: int) -> int:
    """Examples per run: `quick` in the test command, SCALE times more in the long run."""
    return quick * SCALE


# --- random files -----------------------------------------------------------------------

KEYS = (
    "title", "date", "source", "url", "publisher", "author", "published", "archive_url",
    "summary", "actors", "name", "role", "quotes", "by", "text", "context", "tags", "type",
    "aliases", "description", "wikidata", "links", "affiliations", "actor", "relation",
)  # fmt: skip
YAML_TOKENS = (
    "~", "null", "yes", "No", "on", ".inf", "-.nan", "0x1F", "0o17", "1e3", "12:30:00",
    "2024-02-09", "2024-02-30", "2024-02-09T10:00:00Z", "!!binary aGk=", "!!str", "!!int x",
    "!!python/object/apply:os.system ['true']", "!!set {a}", "!!timestamp 2024-01-01",
    "&a", "*a", "<<: *a", "|", ">-", "|+2", "[", "]", "{", "}", "? ", "- ", ": ", "#", ",",
    "%YAML 1.1", "%TAG ! tag:x,2024:", "---", "...", "\t", "'", '"', "\\", "@", "`", "!",
    "\ufeff", "\x85", "\u2028", "javascript:alert(1)", "<script>alert(1)</script>",
    "https://example.org/a", "Q42", '"\\uFFFE"', "\ufffe", "\x7f", "\x1b[31m", "\u202e",
    "!!float x", "!!bool maybe", "!!int 1_0", "!binary", "!<tag:yaml.org,2002:str>",
    "<<: {title: x}", "<<", "1" * 5000, "9" * 60, "? [a]", "1: x", "yes: x", "NO",
    "[" * 40, "{a: " * 20, "- " * 30,
)  # fmt: skip

unicode_text = st.text(max_size=30)  # every code point but surrogates, controls included
token = st.one_of(st.sampled_from(YAML_TOKENS), st.sampled_from(KEYS), unicode_text)
yaml_line = st.tuples(
    st.sampled_from(["", "  ", "    ", "\t", " - ", "- ", "  - "]),
    st.one_of(st.sampled_from(KEYS), unicode_text),
    st.sampled_from([": ", ":", " :", ": |\n  ", ": >\n    ", ": [", ": {", ""]),
    st.lists(token, max_size=4).map(" ".join),
).map("".join)
line_soup = st.lists(yaml_line, max_size=12).map("\n".join)

scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.dates().map(str),
    unicode_text,
    st.sampled_from(YAML_TOKENS),
)
shapes = st.recursive(
    scalar,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), unicode_text), children, max_size=5),
    ),
    max_leaves=25,
)
VALID = {
    "title": "T",
    "date": "2024-02-09",
    "source": "https://example.org/a",
    "summary": "S",
    "actors": ["A"],
}
near_valid = st.dictionaries(st.sampled_from(KEYS), shapes, max_size=4).map(
    lambda changes: {**VALID, **changes}
)


@st.composite
def dumped(draw: st.DrawFn, data: st.SearchStrategy[object]) -> str:
    return yaml.safe_dump(
        draw(data),
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([None, True, False])),
        width=draw(st.sampled_from([20, 80, 10_000])),
    )


front_matter_text = st.one_of(line_soup, dumped(shapes), dumped(near_valid))


@st.composite
def file_bytes(draw: st.DrawFn) -> bytes:
    """A brief or actor file as a contributor, an editor or a broken tool might write it."""
    front = draw(front_matter_text)
    body = draw(st.text(max_size=200))
    opening, closing = draw(
        st.sampled_from(
            [("---\n", "\n---\n"), ("---\n", "\n...\n"), ("", "\n---\n"), ("---\n", "")]
        )
    )
    text = opening + front + closing + body
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = text.replace("\n", newline)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=100))
    return text.encode(encoding, errors="replace")


file_stems = st.text(
    alphabet=st.sampled_from("abcXYZ019-_ .'éжд中ع"), min_size=1, max_size=12
).filter(lambda stem: stem.strip(". ") == stem and stem not in ("", ".", ".."))
files = st.lists(
    st.tuples(st.booleans(), file_stems, file_bytes()),
    min_size=1,
    max_size=3,
    unique_by=lambda entry: (entry[0], entry[1]),
)


def write(root: Path, entries: list[tuple[bool, str, bytes]]) -> dict[str, bytes]:
    """Files under root/briefs (actors/ when the flag is set), by the path problems name."""
    written = {}
    (root / "briefs" / "actors").mkdir(parents=True)
    for is_actor, stem, raw in entries:
        relative = f"briefs/{'actors/' if is_actor else ''}{stem}.md"
        (root / relative).write_bytes(raw)
        written[relative] = raw
    return written


def line_count(raw: bytes) -> int:
    """Lines as git, GitHub and the problem messages count them: LF, CRLF or CR ends one."""
    return len(raw.splitlines()) or 1


@settings(max_examples=examples(250), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=files)
# Found by this test: a YAML error at the end of the front matter, and line separators
# (U+2028, U+0085) that YAML counts as line breaks but no editor or diff does.
@example(entries=[(False, "unclosed", b"---\ntitle: [\n---\n")])
@example(entries=[(False, "separator", "---\ntitle: a\u2028b: [\n---\n".encode())])
@example(entries=[(False, "alias", "---\ntitle: x\u2028\u2028\u2028tags: *a\n---\n".encode())])
def test_any_files_give_problems_never_an_exception(entries: list[tuple[bool, str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        written = write(root, entries)
        checked = check_site(root, root / "briefs")
        for problem in checked.problems:
            assert problem.path in written, str(problem)
            assert 1 <= problem.line <= line_count(written[problem.path]), str(problem)
            assert problem.column >= 1, str(problem)
            assert problem.message.strip(), str(problem)
        built = build_site(root, root / "briefs")
        assert built.problems == checked.problems
        assert bool(built.pages) == (checked.index is not None)


# --- random valid briefs with hostile text ----------------------------------------------

FRAGMENTS = (
    "<", ">", "&", '"', "'", "`", "*", "_", "[", "]", "(", ")", "!", "{", "}", ":", "#", "|",
    "\\", "\n", "\n\n", "    ", "\t", "javascript:", "JaVaScRiPt:", "data:text/html,",
    "vbscript:", "<script>alert(1)</script>", "</title>", "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>", "{: onclick=alert(1) }", "{ #__config }", "{.md-search}",
    '<a href="', "&#106;", "&lt;", "&amp;", "&#x3C;", "<!--", "-->", "]]>", "<![CDATA[",
    "\x02wzxhzdk:0\x03", "\x02klzzwxh:0\x03", "\u2028", "```", "~~~", "- ", "1. ", "> ",
    "---", "===", "[^1]", "*[HTML]: x", ": def", "[x](javascript:alert(1))",
    "![x](javascript:alert(1))", "[x]: javascript:alert(1)", "<javascript:alert(1)>",
    "<https://example.org>", "<style>", "<iframe src=x>", "<math>", "<form action=x>",
    "<meta http-equiv=refresh content=0>", "<base href=x>", "<object data=x>", "&NewLine;",
    "\ufeff", "\u200b", "\u202e", '<p style="x">', '<div markdown="1">', '<a id="__config">',
    "{{ 7*7 }}", "{% raw %}", "{#", "#}", "%}", "<table><tr><td>", "| a | b |\n|---|---|",
    "\ufffe", "\uffff", "\U0010fffe", "\ufdd0", "\x7f", "\x85", "\x1b[31m", "\u2066",
    "[[", "]]", "[[Anchor Group|", "[[anchor]]", "http:../../404.html", "https:/search/", "https://evil.example\\@example.org/",
)  # fmt: skip

hostile = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=8).map(
    "".join
)
LETTERS = ("a", "Z", "7", "é", "Ж", "中", "ع", "Abu", "Kata'ib", "İ", "ǅ")
"""Each gives a name letters or digits, so it is a usable name rather than an error."""
NOT_BLANK = (*LETTERS, "<", "&", "*", "[", "{", "#", "`", "\\", "!", "\u00a0x")


def bounded(limit: int, middle: tuple[str, ...] = NOT_BLANK) -> st.SearchStrategy[str]:
    """A required field: not blank (something from `middle` sits inside), at most `limit` long."""
    parts = st.tuples(hostile, st.sampled_from(middle), hostile)
    return parts.map(lambda part: "".join(part).strip()[:limit])


def usable_name(name: str) -> bool:
    # Names a contributor may use: some letter or digit, and not the reserved id.
    return bool(name_key(name)) and slug(name) not in ("", "index")


actor_names = bounded(60, LETTERS).filter(usable_name)
SOURCE_URL = "https://example.org/a?q=1&r=2"


@dataclass(frozen=True)
class HostileSite:
    """A valid brief and a registered actor, as front matter data and Markdown bodies."""

    brief: dict[str, Any]
    body: str
    actor: dict[str, Any]
    profile: str

    def displayed(self) -> list[str]:
        """The brief's fields that are shown as plain text on its page."""
        brief = self.brief
        texts = [brief["title"], *brief["source"].values(), *brief["tags"]]
        texts += [mention["role"] for mention in brief["actors"]]
        texts += [quote[key] for quote in brief["quotes"] for key in ("text", "context")]
        return [text for text in texts if text != SOURCE_URL]

    def files(self) -> Iterator[tuple[str, bytes]]:
        def document(data: dict[str, Any], body: str) -> bytes:
            return ("---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body).encode()

        yield "briefs/2024-02-09-hostile.md", document(self.brief, self.body)
        yield "briefs/actors/registered.md", document(self.actor, self.profile)
        yield "briefs/actors/anchor.md", document({"name": "Anchor Group"}, "")


@st.composite
def hostile_sites(draw: st.DrawFn) -> HostileSite:
    names = draw(st.lists(actor_names, min_size=1, max_size=2, unique_by=name_key))
    taken = {name_key(name) for name in names} | {name_key("Anchor Group")}
    # The registered actor's spellings must not be another actor's: that is an error.
    own_names = actor_names.filter(lambda name: name_key(name) not in taken)
    source = {"url": SOURCE_URL}
    for key in ("publisher", "author"):
        if draw(st.booleans()):
            source[key] = draw(bounded(300))
    brief = {
        "title": draw(bounded(300)),
        "date": str(draw(st.dates())),
        "source": source,
        "summary": draw(bounded(2000)),
        "actors": [{"name": name, "role": draw(bounded(300))} for name in names],
        "quotes": [
            {
                "by": draw(st.sampled_from(names)),
                "text": draw(bounded(2000)),
                "context": draw(bounded(300)),
            }
            for _ in range(draw(st.integers(0, 2)))
        ],
        "tags": draw(st.lists(bounded(60), max_size=3)),
    }
    actor = {
        "name": draw(own_names),
        "type": draw(st.sampled_from(ACTOR_TYPES)),
        "aliases": draw(st.lists(own_names, max_size=2)),
        "description": draw(bounded(300)),
        "affiliations": [{"actor": "anchor", "relation": draw(bounded(300))}],
    }
    brief["summary"] = to_anchor(brief["summary"])
    # A NUL byte makes the file binary, which is refused: not what these tests are about.
    body = draw(hostile.map(lambda text: to_anchor(text.replace("\x00", ""))))
    profile = draw(hostile.map(lambda text: to_anchor(text.replace("\x00", ""))))
    return HostileSite(brief, body, actor, profile)


def to_anchor(text: str) -> str:
    """`text` with every prose link led to the anchor actor: an unknown target is an error,
    and these sites are valid. What the link shows stays random."""
    return LINK.sub(lambda link: f"[[Anchor Group|{link['text'] or link['target']}]]", text)


SMALL_BRIEF = {
    "title": "a",
    "date": "2000-01-01",
    "source": {"url": SOURCE_URL},
    "summary": "a",
    "actors": [{"name": "a", "role": "a"}],
    "quotes": [],
    "tags": [],
}


INERT_META = re.compile(r"(?:[^!-/:-@\[-`{-~]|&#[0-9]+;)*")


def render_like_mkdocs(page: RenderedPage) -> tuple[dict[str, str], str]:
    """(front matter, HTML) of a generated page, with the Markdown extensions a site has."""
    body, front = get_data(page.content)  # as MkDocs reads a page's front matter
    # Had MkDocs failed to read the front matter, it would show it as Markdown text.
    assert not body.startswith("---"), page.path
    converter = markdown.Markdown(
        # MkDocs' defaults, the demo site's, and attr_list which the plugin always adds.
        extensions=["toc", "tables", "fenced_code", "attr_list"],
        extension_configs={"toc": {"permalink": True}},
    )
    return front, converter.convert(body)


def built_pages(site: HostileSite, root: Path) -> list[RenderedPage]:
    for relative, raw in site.files():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(raw)
    result = build_site(root, root / "briefs")
    assert result.ok, [str(problem) for problem in result.problems]
    return list(result.pages)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(site=hostile_sites())
def test_hostile_text_gives_only_allowed_markup(site: HostileSite) -> None:
    with tempfile.TemporaryDirectory() as folder:
        pages = built_pages(site, Path(folder))
    for page in pages:
        meta, page_html = render_like_mkdocs(page)
        # MkDocs reads back exactly the metadata the core meant, whatever the text.
        assert meta == page.meta, page.path
        for key in ("title", "description"):
            # The theme prints both unescaped, in <title> and in an attribute: no ASCII
            # punctuation but inside numeric references, inert as HTML and as Markdown.
            value = meta.get(key, "")
            assert INERT_META.fullmatch(value), (page.path, key, value)
        soup = parse(page_html)
        problems = [*article_violations(page.path, soup), *document_violations(page.path, soup)]
        assert [str(problem) for problem in problems] == []


PROSE_TARGETS = {"Anchor Group": LinkTarget("actors/anchor.md")}


@settings(max_examples=examples(300), deadline=None)
@given(text=hostile)
@example(text="> a\n> [[Anchor\n> Group|x]] `[[Anchor Group]]`")
def test_prose_links_are_found_at_their_brackets_and_lead_only_where_told(text: str) -> None:
    for link in read_links(text):
        assert text[link.offset : link.offset + 2] == "[["
    rendered = parse(MarkdownRenderer(PROSE_TARGETS).to_html(text, "briefs/x.md"))
    for link in rendered.find_all("a"):
        href = str(link.get("href"))
        assert is_outside_link(href) or href == "../../actors/anchor/", str(link)


ENDS_LIKE_FRONT_MATTER = HostileSite(
    brief={**SMALL_BRIEF, "title": "a---", "summary": "---\ntitle: x"},
    body="",
    actor={"name": "Z", "affiliations": [{"actor": "anchor", "relation": "---"}]},
    profile="",
)


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(site=hostile_sites())
@example(site=ENDS_LIKE_FRONT_MATTER)
def test_displayed_text_shows_as_written(site: HostileSite) -> None:
    with tempfile.TemporaryDirectory() as folder:
        pages = {page.path: page for page in built_pages(site, Path(folder))}
    meta, page_html = render_like_mkdocs(pages["briefs/2024-02-09-hostile.md"])
    # The title is escaped once for the theme, which prints it as it is; characters no
    # reader can see are dropped.
    assert html.unescape(meta["title"]) == visible(site.brief["title"])
    shown = visible(parse(page_html).get_text())
    for text in site.displayed():
        assert visible(text) in shown, text


# --- a few real builds ------------------------------------------------------------------


# A build takes a second or two, so shrinking a failure here would take many minutes: the
# example is reported as found, and the fast properties above shrink the same failures.
@pytest.mark.site_build
@settings(
    max_examples=5,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
@given(site=hostile_sites())
def test_real_build_of_hostile_text_breaks_no_rule(site: HostileSite) -> None:
    with tempfile.TemporaryDirectory() as folder:
        builder = Site(Path(folder) / "site-root")
        for relative, raw in site.files():
            builder.write(relative, raw)
        builder.write("briefs/clean.md", CLEAN_BRIEF)
        result = builder.mkdocs_build()
        assert result.returncode == 0, result.stderr
        pages = builder.built_pages()
    clean = "briefs/clean/index.html"
    theme = {theme_script_key(script, clean) for script in parse(pages[clean]).find_all("script")}
    problems = [
        str(problem)
        for page, text in pages.items()
        for problem in page_violations(page, text, theme, baseline=None)
    ]
    assert problems == []
