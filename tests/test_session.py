"""A preview session's rebuilds (`build_site(..., session=...)`, as `mkdocs serve` runs them)
give the very pages and files a fresh build gives, whatever sequence of edits came before."""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefsite.build import BuildResult, build_site
from briefsite.session import Session
from briefsite.urls import UrlPolicy

NAMES = ["Alpha Group", "Beta Person", "Gamma Ministry", "Delta Militia", "Epsilon Agency"]
WORDS = ["strike", "talks", "port", "Ünïcode", "<b>bold</b>", "*star*", "a&b", "[[Alpha Group]]"]
LINKS = ["[[2024-01-02-brief-1]]", "[[2024-01-03-brief-2|the third]]"]
"""Prose links to briefs: a link without text shows the brief's title."""
TAGS = ["red-sea", "Red Sea", "baghdad", "energy"]
OVERRIDE = """\
{% extends "briefsite/brief.md.j2" %}
{% block title %}
# {{ brief.title }} (VERSION){{ dialect.heading_id("brief-title") }}
{% endblock %}
"""


class EditedSite:
    """A small site whose files are edited as a contributor would, each edit a new stamp."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.rng = random.Random(0)
        # Stamps in the past, one second apart: older than the read cache's racy window, so
        # unchanged files keep their objects between builds, as they do while one edits.
        self.clock = time.time_ns() - 10_000 * 10**9
        for number in range(6):
            self.write_brief(f"2024-01-0{number + 1}-brief-{number}")
        self.write_actor("alpha-group", "Alpha Group", "organization")
        self.write_actor("beta-person", "Beta Person", "person")

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.clock += 10**9
        os.utime(path, ns=(self.clock, self.clock))

    def briefs(self) -> list[Path]:
        return sorted((self.root / "briefs" / "2024").glob("*.md"))

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choices(WORDS, k=self.rng.randint(low, high)))

    def write_brief(self, name: str, body: str = "", **changes: Any) -> None:
        rng = self.rng
        cast = rng.sample(NAMES, rng.randint(1, 3))
        front: dict[str, Any] = {
            "title": f"Brief {name[-1]} {self.words(1, 3)}",
            "date": f"2024-0{rng.randint(1, 3)}-{rng.randint(10, 28)}",
            "source": {"url": f"https://example.org/{name}", "publisher": rng.choice(NAMES)},
            "summary": f"{self.words(3, 12)} {rng.choice(['', *LINKS])}",
            "actors": cast,
            "tags": rng.sample(TAGS, rng.randint(0, 2)),
        }
        if rng.random() < 0.5:
            front["quotes"] = [{"by": rng.choice(cast), "text": self.words(2, 6)}]
        front.update(changes)
        text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        self.write(f"briefs/2024/{name}.md", f"---\n{text}---\n{body}")

    def write_actor(self, name: str, title: str, kind: str, aliases: tuple[str, ...] = ()) -> None:
        front = {"name": title, "type": kind, "description": self.words(0, 4) or None}
        front["aliases"] = [*aliases, f"{title.split()[0]} {self.rng.randint(1, 9)}"]
        text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        self.write(f"briefs/actors/{name}.md", f"---\n{text}---\n{self.words(0, 6)}\n")

    def edit(self, kind: str, seed: int) -> None:
        self.rng.seed(seed)
        briefs = self.briefs()
        chosen = self.rng.choice(briefs).stem if briefs else "2024-01-01-brief-0"
        if kind == "rewrite brief":
            self.write_brief(chosen)
        elif kind == "add brief":
            self.write_brief(f"2024-02-0{self.rng.randint(1, 9)}-added-{seed % 7}")
        elif kind == "delete brief" and len(briefs) > 1:
            self.rng.choice(briefs).unlink()
        elif kind == "edit actor":
            # Renamed, its former name an alias: every brief naming it shows the new name.
            renames = [("Alpha Group", ()), ("Alpha Front", ("Alpha Group",))]
            title, aliases = self.rng.choice(renames)
            self.write_actor("alpha-group", title, self.rng.choice(["state", "person"]), aliases)
        elif kind == "edit template":
            self.write("templates/brief.md.j2", OVERRIDE.replace("VERSION", str(seed)))
        elif kind == "drop template":
            (self.root / "templates" / "brief.md.j2").unlink(missing_ok=True)
        else:  # the same file saved again, unchanged: a new stamp only
            path = self.rng.choice(briefs)
            self.write(path.relative_to(self.root).as_posix(), path.read_text(encoding="utf-8"))


def build(root: Path, session: Session | None) -> BuildResult:
    return build_site(
        root,
        root / "briefs",
        root / "templates",
        urls=UrlPolicy("https://desk.example.org/"),
        site_name="Desk",
        session=session,
    )


def output(result: BuildResult) -> tuple[Any, ...]:
    pages = [(page.path, page.content, page.meta, page.in_nav) for page in result.pages]
    return pages, [(file.path, file.content) for file in result.files], result.problems


EDITS = st.sampled_from(
    [
        "rewrite brief",
        "add brief",
        "delete brief",
        "edit actor",
        "edit template",
        "drop template",
        "save again",
    ]
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(EDITS, st.integers(0, 10**6)), min_size=1, max_size=5))
def test_every_rebuild_of_a_session_equals_a_fresh_build(edits: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = EditedSite(Path(folder))
        session = Session()
        assert output(build(site.root, session)) == output(build(site.root, None))
        for kind, seed in edits:
            site.edit(kind, seed)
            assert output(build(site.root, session)) == output(build(site.root, None)), kind


def test_a_rebuild_reuses_what_an_edit_left_unchanged(tmp_path: Path) -> None:
    site = EditedSite(tmp_path)
    session = Session()
    first = build(site.root, session)
    edited = site.briefs()[0]
    # Saved again as it was: every page and feed is last time's, none made again.
    site.write(edited.relative_to(tmp_path).as_posix(), edited.read_text(encoding="utf-8"))
    again = build(site.root, session)
    assert all(new is old for new, old in zip(again.pages, first.pages, strict=True))
    assert session.pages.reused == len(first.pages)
    assert session.feeds.reused == sum(file.path.endswith(".xml") for file in first.files)
    # A new title: its brief's page is made again, and shows it; others are kept.
    site.write_brief(edited.stem, title="A new title")
    third = build(site.root, session)
    pages = {page.path: page for page in third.pages}
    assert "A new title" in pages[f"briefs/{edited.stem}.md"].content
    assert 0 < session.pages.reused < len(third.pages)
    assert output(third) == output(build(site.root, None))


def test_a_retitled_brief_shows_its_new_title_where_another_brief_links_to_it(
    tmp_path: Path,
) -> None:
    """The linking brief's page changes only by where the link in its body leads."""
    site = EditedSite(tmp_path)
    for path in site.briefs():
        path.unlink()
    fixed = {"date": "2024-01-01", "source": "https://example.org/a", "tags": [], "quotes": []}
    fixed["summary"] = "Something happened."
    link = "See [[2024-01-02-b]].\n"
    site.write_brief("2024-01-01-a", link, **fixed, actors=["Alpha Group"], title="A")
    site.write_brief("2024-01-02-b", **fixed, actors=["Beta Person"], title="Old title")
    session = Session()
    build(site.root, session)
    site.write_brief("2024-01-02-b", **fixed, actors=["Beta Person"], title="New title")
    rebuilt = build(site.root, session)
    assert session.pages.reused > 0
    linking = next(page for page in rebuilt.pages if page.path == "briefs/2024-01-01-a.md")
    assert ">New title</a>" in linking.content
    assert output(rebuilt) == output(build(site.root, None))
