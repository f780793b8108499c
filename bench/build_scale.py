"""How build time and search-index size grow with the number of briefs.

For each size, a synthetic site (deterministic) is built three ways:
- core: briefsite's load → validate → resolve → index → render alone;
- briefsite: `mkdocs build` with the plugin (Material theme, search);
- plain: `mkdocs build` without the plugin, on the very pages the plugin generates,
  written as ordinary Markdown files: what MkDocs + Material cost on the same content.

Run: .venv/bin/python bench/build_scale.py [--sizes 500 1000 2000]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefsite.build import build_site

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CONFIG = """\
site_name: bench
docs_dir: docs
theme:
  name: material
plugins:
  - search
{extra}
nav:
  - index.md
  - actors/index.md
"""
WORDS = [
    "strike",
    "drone",
    "base",
    "militia",
    "statement",
    "forces",
    "attack",
    "government",
    "group",
    "commander",
    "ceasefire",
    "retaliation",
    "border",
    "convoy",
    "rocket",
    "sovereignty",
    "envoy",
    "talks",
]


def write_site(root: Path, briefs: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    actors = [f"Actor {index} {rng.choice(WORDS).title()}" for index in range(max(10, briefs // 5))]
    (root / "briefs" / "actors").mkdir(parents=True)
    (root / "docs").mkdir()
    for index, name in enumerate(actors[: len(actors) // 10]):
        (root / "briefs" / "actors" / f"actor-{index}.md").write_text(
            f"---\nname: {name}\ntype: armed group\naliases: [A{index} Alias]\n---\nProfile.\n"
        )
    for index in range(briefs):
        day = f"20{10 + index % 14}-{1 + index % 12:02d}-{1 + index % 28:02d}"
        # Popularity is skewed, as in real news: a few actors appear in many briefs.
        cast = sorted(
            {
                actors[min(int(rng.paretovariate(1.2)) - 1, len(actors) - 1)]
                for _ in range(rng.randint(2, 6))
            }
        )
        listed = "\n".join(f"  - name: {name}\n    role: {rng.choice(WORDS)}" for name in cast)
        summary = " ".join(rng.choice(WORDS) for _ in range(60))
        quote = " ".join(rng.choice(WORDS) for _ in range(12))
        (root / "briefs" / f"{day}-brief-{index}.md").write_text(
            f"---\ntitle: Brief {index} {rng.choice(WORDS)}\ndate: {day}\n"
            f"source: https://example.org/{index}\nsummary: {summary}\nactors:\n{listed}\n"
            f"quotes:\n  - by: {cast[0]}\n    text: {quote}\n"
            "---\nNotes.\n"
        )


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, env=ENV, capture_output=True)
    return time.perf_counter() - started


def measure(briefs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "with-plugin"
        write_site(root, briefs)
        (root / "mkdocs.yml").write_text(CONFIG.format(extra="  - briefsite"))
        started = time.perf_counter()
        result = build_site(root, root / "briefs")
        core = time.perf_counter() - started
        assert result.ok, result.problems[:3]

        plain = Path(folder) / "plain"
        (plain / "docs").mkdir(parents=True)
        (plain / "mkdocs.yml").write_text(CONFIG.format(extra=""))
        for page in result.pages:
            target = plain / "docs" / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.content)

        mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-f"]
        with_plugin = timed([*mkdocs, str(root / "mkdocs.yml"), "-d", str(root / "site")])
        without = timed([*mkdocs, str(plain / "mkdocs.yml"), "-d", str(plain / "site")])
        index_bytes = (root / "site" / "search" / "search_index.json").stat().st_size
        shutil.rmtree(root / "site")
        return {
            "core": core,
            "briefsite": with_plugin,
            "plain": without,
            "pages": len(result.pages),
            "index_mb": index_bytes / 1e6,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    sizes = parser.parse_args().sizes
    print(
        f"{'briefs':>7} {'pages':>6} {'core s':>7} {'core ms/brief':>14} {'briefsite s':>12} "
        f"{'plain s':>8} {'ratio':>6} {'ms/page':>8} {'search MB':>10}"
    )
    for size in sizes:
        row = measure(size)
        print(
            f"{size:>7} {row['pages']:>6.0f} {row['core']:>7.2f} "
            f"{1000 * row['core'] / size:>14.2f} {row['briefsite']:>12.2f} {row['plain']:>8.2f} "
            f"{row['briefsite'] / row['plain']:>6.2f} "
            f"{1000 * row['briefsite'] / row['pages']:>8.2f} {row['index_mb']:>10.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
