"""Every kind of bad input of SPEC §6 gets one clear `file:line:col: severity: message`."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from briefsite.build import check_site
from tests.conftest import Site

GOOD = {
    "title": "title: A brief",
    "date": "date: 2024-02-09",
    "source": "source: https://example.org/a",
    "summary": "summary: Something happened.",
    "actors": "actors:\n  - Someone",
}


def front(**replace: str | None) -> str:
    """A valid brief with some lines replaced (None drops the key)."""
    lines = [replace.get(key, value) for key, value in GOOD.items()]
    extra = [value for key, value in replace.items() if key not in GOOD and value]
    return "---\n" + "\n".join(line for line in [*lines, *extra] if line) + "\n---\n"


# (case, file text, expected problem without the path)
CASES = [
    (
        "typo key",
        front(sumary="sumary: x"),
        "8:1: error: unknown key 'sumary' (did you mean 'summary'?)",
    ),
    ("missing title", front(title=None), "1:1: error: missing required key 'title'"),
    ("missing date", front(date=None), "1:1: error: missing required key 'date'"),
    ("missing source", front(source=None), "1:1: error: missing required key 'source'"),
    ("missing summary", front(summary=None), "1:1: error: missing required key 'summary'"),
    ("missing actors", front(actors=None), "1:1: error: missing required key 'actors'"),
    (
        "missing source url",
        front(source="source:\n  publisher: X"),
        "5:3: error: missing required key 'url' in 'source'",
    ),
    (
        "impossible date",
        front(date="date: 2024-02-30"),
        "3:7: error: 'date' 2024-02-30 is not a real date (day is out of range for month)",
    ),
    (
        "not a date",
        front(date="date: last Friday"),
        "3:7: error: 'date' must be a date written YYYY-MM-DD, e.g. 2024-02-09",
    ),
    (
        "javascript url",
        front(source="source: javascript:alert(1)"),
        "4:9: error: 'source.url' must be an http:// or https:// URL",
    ),
    (
        "scheme then a relative path",
        front(source="source: http:../../404.html"),
        "4:9: error: 'source.url' must be a full URL with a host, such as https://example.org/page",
    ),
    (
        "one slash after the scheme",
        front(source="source: https:/search/x"),
        "4:9: error: 'source.url' must be a full URL with a host, such as https://example.org/page",
    ),
    (
        "backslash in a url",
        front(source="source: https://evil.example\\@example.org/"),
        "4:9: error: 'source.url' a URL must not contain spaces, quotes, angle brackets or "
        "backslashes",
    ),
    (
        "empty actors",
        front(actors="actors: []"),
        "6:9: error: 'actors' must list at least one entry",
    ),
    (
        "actors not a list",
        front(actors="actors: Someone"),
        "6:9: error: 'actors' must be a list (lines starting with '- ')",
    ),
    (
        "title is a number",
        front(title="title: 1984"),
        "2:8: error: 'title' must be text; put quotes around it "
        "(YAML read it as a number or yes/no)",
    ),
    (
        "unknown nested key",
        front(actors="actors:\n  - name: X\n    rol: y"),
        "8:5: error: unknown key 'actors[0].rol' (did you mean 'role'?)",
    ),
    (
        "quote by a non-actor",
        front(quotes="quotes:\n  - by: Nobody\n    text: hi"),
        "9:5: error: quote by 'Nobody', who is not one of this brief's actors ('Someone'); "
        "add them to 'actors' or fix the name",
    ),
    (
        "malformed yaml",
        "---\ntitle: [unclosed\ndate: 2024-02-09\n---\n",
        "3:5: error: invalid YAML: did not find expected ',' or ']'",
    ),
    (
        "tab indentation",
        "---\ntitle: x\nsource:\n\turl: https://example.org\n---\n",
        "4:1: error: invalid YAML: tab character: indent YAML with spaces, not tabs",
    ),
    (
        "empty file",
        "",
        "1:1: error: empty file: a brief starts with front matter between '---' lines",
    ),
    (
        "no front matter",
        "# Just Markdown\n",
        "1:1: error: no front matter: the first line must be '---'",
    ),
    (
        "unclosed front matter",
        "---\ntitle: x\n",
        "1:1: error: front matter is not closed: add a line '---' after it",
    ),
    (
        "front matter is a list",
        "---\n- a\n- b\n---\n",
        "2:1: error: front matter must be a mapping of keys such as 'title:' and 'date:'",
    ),
    ("duplicate key", front(title="title: a\ntitle: b"), "3:1: error: duplicate key 'title'"),
    (
        "punctuation-only actor",
        front(actors="actors:\n  - '!!!'"),
        "7:5: error: actor name '!!!' has no letters or digits",
    ),
    (
        "yaml alias",
        front(tags="x: &a [1]\ntags: *a"),
        "9:7: error: YAML aliases ('*name') are not allowed in front matter",
    ),
    *(
        (
            f"explicit tag {tag}",
            front(date=f"date: {tag} {value}"),
            f"3:7: error: YAML tags ('{tag}') are not allowed in front matter: write the value "
            "as plain text",
        )
        for tag, value in [
            ("!!timestamp", "2024-13-45"),
            ("!!float", "x"),
            ("!!int", "x"),
            ("!!bool", "maybe"),
            ("!!binary", "PHNjcmlwdD4="),
            ("!!str", "2024-02-09"),
        ]
    ),
    (
        "explicit set",
        front(tags="tags: !!set {a, b}"),
        "8:7: error: YAML tags ('!!set') are not allowed in front matter: write the value "
        "as plain text",
    ),
    (
        "local tag",
        front(title="title: !x y"),
        "2:8: error: YAML tags ('!x') are not allowed in front matter: write the value "
        "as plain text",
    ),
    (
        "merge key",
        front(tags="<<: {tags: [a]}"),
        "8:1: error: YAML merge keys ('<<') are not allowed: write each key out",
    ),
    (
        "boolean key",
        front(tags="yes: 1"),
        "8:1: error: key 'yes' is read by YAML as a number or yes/no: keys are plain words",
    ),
    (
        "number key",
        front(tags="1: x"),
        "8:1: error: key '1' is read by YAML as a number or yes/no: keys are plain words",
    ),
    (
        "yes/no as an actor",
        front(actors="actors:\n  - NO"),
        "7:5: error: 'actors[0]' must be text; put quotes around it "
        "(YAML read it as a number or yes/no)",
    ),
    (
        "number beyond the digit limit",
        front(title="title: " + "9" * 5000),
        "2:8: error: number longer than 50 digits: put quotes around it",
    ),
    (
        "sexagesimal number beyond the digit limit",
        front(title="title: " + "1:2" * 200),
        "2:8: error: number longer than 50 digits: put quotes around it",
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), CASES, ids=[case[0] for case in CASES])
def test_each_bad_input_gets_one_precise_message(
    site: Site, case: str, text: str, expected: str
) -> None:
    site.brief("2024-02-09-bad", text)
    problems = check_site(site.root, site.root / "briefs").problems
    assert [str(problem) for problem in problems] == [f"briefs/2024-02-09-bad.md:{expected}"]


def test_non_utf8_bytes_point_at_the_bad_byte(site: Site) -> None:
    site.write("briefs/2024-02-09-latin1.md", front().encode() + b"caf\xe9\n")
    (problem,) = check_site(site.root, site.root / "briefs").problems
    assert str(problem) == (
        "briefs/2024-02-09-latin1.md:9:4: error: not valid UTF-8 (byte 0xe9); "
        "save the file as UTF-8"
    )


def test_binary_file_is_refused(site: Site) -> None:
    site.write("briefs/2024-02-09-binary.md", b"---\x00\x01\x02")
    (problem,) = check_site(site.root, site.root / "briefs").problems
    assert "binary file (NUL byte)" in problem.message
    assert problem.line == 1


def test_three_mistakes_give_three_messages_in_one_run(site: Site) -> None:
    site.brief(
        "2024-02-09-three",
        front(sumary="sumary: x", date="date: 2024-13-01", source="source: ftp://x.org/a"),
    )
    messages = [str(p) for p in check_site(site.root, site.root / "briefs").problems]
    assert messages == [
        "briefs/2024-02-09-three.md:3:7: error: 'date' 2024-13-01 is not a real date "
        "(month must be in 1..12)",
        "briefs/2024-02-09-three.md:4:9: error: 'source.url' must be an http:// or https:// URL",
        "briefs/2024-02-09-three.md:8:1: error: unknown key 'sumary' (did you mean 'summary'?)",
    ]


def test_problems_in_many_files_are_all_reported_sorted(site: Site) -> None:
    site.brief("b", front(title=None))
    site.brief("a", front(date="date: 2024-02-31"))
    site.brief("c", front())
    paths = [p.path for p in check_site(site.root, site.root / "briefs").problems]
    assert paths == ["briefs/a.md", "briefs/b.md"]


def test_alias_bomb_and_huge_file_are_refused_quickly(site: Site) -> None:
    bomb = "\n".join(
        ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    )
    site.brief("2024-02-09-bomb", f"---\n{bomb}\n---\n")
    site.brief("2024-02-09-huge", front(summary="summary: " + "x" * 5_000_000))
    started = time.perf_counter()
    problems = check_site(site.root, site.root / "briefs").problems
    elapsed = time.perf_counter() - started
    assert [(p.path, p.line) for p in problems] == [
        ("briefs/2024-02-09-bomb.md", 3),
        ("briefs/2024-02-09-huge.md", 1),
    ]
    assert "aliases" in problems[0].message
    assert "the limit is 1,000,000 bytes" in problems[1].message
    assert elapsed < 0.5


def test_deep_nesting_is_refused(site: Site) -> None:
    site.brief("2024-02-09-deep", f"---\ntags: {'[' * 5000}{']' * 5000}\n---\n")
    (problem,) = check_site(site.root, site.root / "briefs").problems
    assert problem.message == "front matter is nested too deeply"


def test_raw_html_in_a_field_is_a_warning_at_its_line(site: Site) -> None:
    site.brief("2024-02-09-html", front(summary="summary: Hi <b>there</b>"))
    (problem,) = check_site(site.root, site.root / "briefs").problems
    assert str(problem) == (
        "briefs/2024-02-09-html.md:5:10: warning: raw HTML in 'summary': write plain text or "
        "Markdown (unsafe HTML is removed from the site)"
    )


def test_symlinks_leading_out_of_the_repository_are_refused(site: Site, tmp_path: Path) -> None:
    secret = tmp_path / "outside.md"
    secret.write_text(front())
    (tmp_path / "outside").mkdir()
    (site.root / "briefs" / "2024-02-09-link.md").symlink_to(secret)
    (site.root / "briefs" / "linked-folder").symlink_to(tmp_path / "outside")
    messages = [str(p) for p in check_site(site.root, site.root / "briefs").problems]
    assert messages == [
        "briefs/2024-02-09-link.md:1:1: error: symlink points outside the repository; refused",
        "briefs/linked-folder:1:1: error: symlink points outside the repository; refused",
    ]


def test_html_inside_markdown_code_is_not_raw_html(site: Site) -> None:
    text = front(summary="summary: Use `<b>` for bold") + "```\n<script>x</script>\n```\n"
    site.brief("2024-02-09-code", text)
    assert check_site(site.root, site.root / "briefs").problems == ()


def test_symlinked_folder_inside_the_repository_is_reported_not_read(site: Site) -> None:
    site.brief("real/2024-02-09-a", front())
    (site.root / "briefs" / "alias-folder").symlink_to(site.root / "briefs" / "real")
    (problem,) = check_site(site.root, site.root / "briefs").problems
    assert str(problem) == (
        "briefs/alias-folder:1:1: warning: symlinked folder is not read; move its files here"
    )


def test_symlink_loops_are_refused_not_followed(site: Site) -> None:
    briefs = site.root / "briefs"
    (briefs / "loop").symlink_to(briefs / "loop")
    (briefs / "one.md").symlink_to(briefs / "two.md")
    (briefs / "two.md").symlink_to(briefs / "one.md")
    (briefs / "dangling.md").symlink_to(briefs / "nowhere.md")
    messages = [str(p) for p in check_site(site.root, briefs).problems]
    assert messages == [
        f"briefs/{name}:1:1: error: symlink loop or dangling symlink; refused"
        for name in ("dangling.md", "loop", "one.md", "two.md")
    ]


def test_a_briefs_folder_that_leads_outside_the_repository_is_refused(
    site: Site, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "actors").mkdir(parents=True)
    (elsewhere / "2024-02-09-a.md").write_text(front())
    (site.root / "linked").symlink_to(elsewhere)
    result = check_site(site.root, site.root / "linked")
    assert [str(p) for p in result.problems] == [
        "linked:1:1: error: the briefs folder leads outside the repository (a symlink?); refused"
    ]
    assert result.index is None


def test_a_file_named_only_md_is_reported(site: Site) -> None:
    site.write("briefs/.md", front())
    assert [str(p) for p in check_site(site.root, site.root / "briefs").problems] == [
        "briefs/.md:1:1: error: file name '.md' has no id: name it after the brief"
    ]


def test_invisible_characters_are_removed_with_a_warning_where_written(site: Site) -> None:
    site.brief(
        "2024-02-09-invisible",
        front(title='title: "Noncharacter \\uFFFE and DEL \\x7f"', summary="summary: a\u202eb")
        + "Body \ufffe here\n",
    )
    result = check_site(site.root, site.root / "briefs")
    assert [str(p) for p in result.problems] == [
        "briefs/2024-02-09-invisible.md:2:8: warning: 'title': removed the invisible character "
        "U+FFFE and 1 more: no reader can see it",
        "briefs/2024-02-09-invisible.md:5:10: warning: 'summary': removed the text-direction "
        "control U+202E: it makes text show in another order than it was written",
        "briefs/2024-02-09-invisible.md:9:6: warning: body: removed the invisible character "
        "U+FFFE: no reader can see it",
    ]
    assert result.index is not None
    (brief,) = (item.brief for item in result.index.briefs)
    assert (brief.title, brief.summary, brief.body) == (
        "Noncharacter  and DEL",
        "ab",
        "Body  here\n",
    )


def test_messages_show_control_characters_as_escapes_never_raw(site: Site) -> None:
    site.brief("2024-02-09-forged", front(sumary='"sumar\\ny\\e[31m": x'))
    (problem,) = check_site(site.root, site.root / "briefs").problems
    assert str(problem) == (
        "briefs/2024-02-09-forged.md:8:1: error: unknown key 'sumar\\ny\\x1b[31m' "
        "(did you mean 'summary'?)"
    )


def _check(site: Site) -> list[str]:
    return [str(p) for p in check_site(site.root, site.root / "briefs").problems]


def test_lists_have_documented_limits(site: Site) -> None:
    actors = "actors:\n" + "\n".join(f"  - Actor {i}" for i in range(101))
    site.brief("2024-02-09-crowd", front(actors=actors))
    assert _check(site) == [
        "briefs/2024-02-09-crowd.md:7:3: error: 'actors' must list at most 100 entries"
    ]


@pytest.mark.parametrize(
    ("case", "body", "expected"),
    [
        (
            "unclosed brackets",
            "x\n" + "[" * 20_000,
            "10:501: error: body more than 500 '[' characters",
        ),
        (
            "abbreviation definitions",
            "".join(f"*[A{i}]: x\n" for i in range(200)),
            "59:1: error: body more than 50 abbreviation definitions",
        ),
        (
            "raw HTML tags",
            "<div>" * 1_000,
            "9:1001: error: body more than 200 raw HTML tags",
        ),
        (
            "nested lists",
            "".join("  " * depth + "- x\n" for depth in range(40)),
            "42:1: error: body a line indented more than 64 columns",
        ),
        (
            "nested quotes",
            "ok\n" + ">" * 5_000 + " x\n",
            "10:1: error: body block quotes nested more than 16 deep",
        ),
        (
            "length",
            "word " * 30_000,
            "9:100001: error: body longer than 100,000 characters; split it into several briefs",
        ),
    ],
)
def test_markdown_that_would_be_slow_to_render_is_refused_by_check(
    site: Site, case: str, body: str, expected: str
) -> None:
    site.brief("2024-02-09-slow", front() + body)
    errors = [problem for problem in _check(site) if ": error: " in problem]
    assert errors == [f"briefs/2024-02-09-slow.md:{expected}"]


def test_a_summary_over_a_limit_is_reported_at_the_summary(site: Site) -> None:
    site.brief("2024-02-09-slow", front(summary="summary: '" + "[" * 600 + "'"))
    assert _check(site) == [
        "briefs/2024-02-09-slow.md:5:10: error: 'summary' more than 500 '[' characters"
    ]
