"""Time and peak memory of `check` on the worst files a contributor can send.

Run: .venv/bin/python bench/hostile_inputs.py
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from pathlib import Path

from briefsite.build import check_site

VALID = "title: T\ndate: 2024-02-09\nsource: https://example.org/\nsummary: S\nactors: [A]\n"


def alias_bomb() -> str:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(8):
        name, previous = chr(98 + level), chr(97 + level)
        levels.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    return "---\n" + "\n".join(levels) + "\n---\n"


def long_summary(characters: int) -> str:
    return f"---\n{VALID.replace('summary: S', 'summary: ' + 'x' * characters)}---\n"


CASES = {
    "alias bomb (9^9 expansion)": alias_bomb(),
    "5 MB summary": long_summary(5_000_000),
    "999 KB summary (under the limit)": long_summary(999_000),
    "nesting 10,000 deep": f"---\ntags: {'[' * 10_000}{']' * 10_000}\n---\n",
    "50,000 list items": "---\ntags: [" + ",".join(["t"] * 50_000) + "]\n---\n",
    "binary (NUL bytes)": "---\n\x00\x01\x02" * 1000,
}


def main() -> None:
    print(f"{'case':<36} {'seconds':>8} {'peak MB':>8}  first problem")
    for name, text in CASES.items():
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "briefs").mkdir()
            (root / "briefs" / "case.md").write_text(text, encoding="utf-8")
            tracemalloc.start()
            started = time.perf_counter()
            problems = check_site(root, root / "briefs").problems
            elapsed = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            print(f"{name:<36} {elapsed:>8.3f} {peak:>8.2f}  {problems[0] if problems else '-'}")


if __name__ == "__main__":
    main()
