"""Time and peak memory of `check` on the worst files a contributor can send, and the time
to render the worst Markdown that `check` still accepts.

Run: .venv/bin/python bench/hostile_inputs.py
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from pathlib import Path

from briefsite import limits
from briefsite.build import check_site
from briefsite.sanitize import MarkdownRenderer

VALID = "title: T\ndate: 2024-02-09\nsource: https://example.org/\nsummary: S\nactors: [A]\n"


def alias_bomb() -> str:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(8):
        name, previous = chr(98 + level), chr(97 + level)
        levels.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    return "---\n" + "\n".join(levels) + "\n---\n"


def long_summary(characters: int) -> str:
    return f"---\n{VALID.replace('summary: S', 'summary: ' + 'x' * characters)}---\n"


def brief(body: str = "", actors: str = "[A]") -> str:
    return f"---\n{VALID.replace('actors: [A]', 'actors: ' + actors)}---\n{body}"


def spellings(count: int) -> dict[str, str]:
    """`count` briefs, each naming one spelling of the same man."""
    vowels = [a + b + c for a in "aeiouy" for b in "aeiouy" for c in "aeiouy"]
    names = [f"Abu B{v[:2]}q{v[2]}r al-Saadi" for v in vowels]
    names += [f"Abu B{v[:2]}q{v[2]}r al-Saidi" for v in vowels]
    names += [f"Abu B{v[:2]}k{v[2]}r al-Saadi" for v in vowels]
    return {f"b{i}.md": brief(actors=f"['{name}']") for i, name in enumerate(names[:count])}


CASES: dict[str, str | dict[str, str]] = {
    "alias bomb (9^9 expansion)": alias_bomb(),
    "5 MB summary": long_summary(5_000_000),
    "999 KB summary (under the limit)": long_summary(999_000),
    "nesting 10,000 deep": f"---\ntags: {'[' * 10_000}{']' * 10_000}\n---\n",
    "50,000 list items": "---\ntags: [" + ",".join(["t"] * 50_000) + "]\n---\n",
    "binary (NUL bytes)": "---\n\x00\x01\x02" * 1000,
    "10,000 actors in one brief": brief(
        actors="[" + ",".join(f"A{i}" for i in range(10_000)) + "]"
    ),
    "20,000 unclosed [ in the body": brief("[" * 20_000),
    "20,000 abbreviation definitions": brief("".join(f"*[A{i}]: x\n" for i in range(20_000))),
    "190,000 nested <div> in the body": brief("<div>" * 190_000),
    "1,000 spellings of one name": spellings(1_000),
    "250 [[links]] to unknown targets": brief(" ".join(f"[[Nobody {i}]]" for i in range(250))),
    "100 unclosed [[a|b and 300 pipes": brief(("[[a|b" + "|" * 300) * 100),
}

# The worst Markdown `check` accepts, each construct just under its limit.
ACCEPTED = {
    "100,000 characters of text": "word " * (limits.MAX_MARKDOWN_CHARACTERS // 5 - 1),
    f"{limits.MAX_BRACKETS} unclosed [": "[" * limits.MAX_BRACKETS,
    f"{limits.MAX_BRACKETS} '[a' words": "[a " * limits.MAX_BRACKETS,
    f"{limits.MAX_ABBREVIATIONS} abbreviations": "".join(
        f"*[A{i}]: x\n" for i in range(limits.MAX_ABBREVIATIONS)
    )
    + "A1 " * 10_000,
    "lists nested 32 deep": "".join("  " * depth + "- x\n" for depth in range(33)) * 50,
    "quotes nested 16 deep": (">" * limits.MAX_QUOTE_DEPTH + " x\n\n") * 500,
    f"{limits.MAX_HTML_TAGS} nested <div>": "<div>" * limits.MAX_HTML_TAGS,
    f"{limits.MAX_BRACKETS // 2} [[links]]": "[[A]] " * (limits.MAX_BRACKETS // 2),
    "100 unclosed [[a|b and 300 pipes": ("[[a|b" + "|" * 300) * 100,
    "100 unclosed [a|b and 300 pipes": ("[a|b" + "|" * 300) * 100,
}


def main() -> None:
    print(f"{'check on':<36} {'seconds':>8} {'peak MB':>8}  problems, first")
    for name, content in CASES.items():
        files = content if isinstance(content, dict) else {"case.md": content}
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "briefs").mkdir()
            for file_name, text in files.items():
                (root / "briefs" / file_name).write_text(text, encoding="utf-8")
            tracemalloc.start()
            started = time.perf_counter()
            problems = check_site(root, root / "briefs").problems
            elapsed = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            first = str(problems[0])[:90] if problems else "-"
            print(f"{name:<36} {elapsed:>8.3f} {peak:>8.2f}  {len(problems)}, {first}")
    print(f"\n{'render, accepted by check':<36} {'seconds':>8}")
    renderer = MarkdownRenderer()
    for name, text in ACCEPTED.items():
        assert limits.markdown_over_limit(text) is None, name
        started = time.perf_counter()
        renderer.to_html(text)
        print(f"{name:<36} {time.perf_counter() - started:>8.3f}")


if __name__ == "__main__":
    main()
