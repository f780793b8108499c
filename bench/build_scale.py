"""How build time and search-index size grow with the number of briefs.

For each size, a synthetic site (deterministic) is built three ways:
- core: briefsite's load → validate → resolve → index → render alone;
- briefsite: `mkdocs build` with the plugin (Material theme, search);
- plain: `mkdocs build` without the plugin, on the very pages the plugin generates,
  written as ordinary Markdown files: what MkDocs + Material cost on the same content.
The outputs (feeds, JSON, SQLite, redirects) and the head tags of every page (JSON-LD,
Open Graph, feed links; made while rendering) are timed on their own, each as a share of the
briefsite build (of the core with --core-only), with the sizes of briefs.json and briefs.db.

With --prose-links, every summary links to one of its actors (`[[name]]`) and every body
to the previous brief (`[[id|text]]`), so that reading and rendering them is timed too.

Run: .venv/bin/python bench/build_scale.py [--sizes 500 1000 2000] [--core-only] [--prose-links]
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

from briefsite import layout
from briefsite.build import BuildResult, build_site, check_site, output_files
from briefsite.index import SiteIndex
from briefsite.outputs.head import Head
from briefsite.outputs.structured import StructuredData
from briefsite.urls import UrlPolicy

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
URLS = UrlPolicy("https://bench.example.org/")
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


def day_of(index: int) -> str:
    return f"20{10 + index % 14}-{1 + index % 12:02d}-{1 + index % 28:02d}"


def write_site(root: Path, briefs: int, seed: int = 0, links: bool = False) -> None:
    rng = random.Random(seed)
    actors = [f"Actor {index} {rng.choice(WORDS).title()}" for index in range(max(10, briefs // 5))]
    (root / "briefs" / "actors").mkdir(parents=True)
    (root / "docs").mkdir()
    for index, name in enumerate(actors[: len(actors) // 10]):
        (root / "briefs" / "actors" / f"actor-{index}.md").write_text(
            f"---\nname: {name}\ntype: armed group\naliases: [A{index} Alias]\n---\nProfile.\n"
        )
    for index in range(briefs):
        day = day_of(index)
        # Popularity is skewed, as in real news: a few actors appear in many briefs.
        cast = sorted(
            {
                actors[min(int(rng.paretovariate(1.2)) - 1, len(actors) - 1)]
                for _ in range(rng.randint(2, 6))
            }
        )
        listed = "\n".join(f"  - name: {name}\n    role: {rng.choice(WORDS)}" for name in cast)
        summary = " ".join(rng.choice(WORDS) for _ in range(60))
        notes = "Notes."
        if links:
            summary += f" [[{cast[0]}]]"
            notes += (
                f" See [[{day_of(index - 1)}-brief-{index - 1}|the one before]]." if index else ""
            )
        quote = " ".join(rng.choice(WORDS) for _ in range(12))
        (root / "briefs" / f"{day}-brief-{index}.md").write_text(
            f"---\ntitle: Brief {index} {rng.choice(WORDS)}\ndate: {day}\n"
            f"source: https://example.org/{index}\nsummary: {summary}\nactors:\n{listed}\n"
            f"quotes:\n  - by: {cast[0]}\n    text: {quote}\n"
            # One brief in a hundred was renamed: its old URL gets a redirect page.
            + (f"redirect_from: [old-brief-{index}]\n" if index % 100 == 0 else "")
            + f"---\n{notes}\n"
        )


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, env=ENV, capture_output=True)
    return time.perf_counter() - started


def measure(briefs: int, core_only: bool, links: bool = False) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "with-plugin"
        write_site(root, briefs, links=links)
        (root / "mkdocs.yml").write_text(CONFIG.format(extra="  - briefsite"))
        started = time.perf_counter()
        result = build_site(root, root / "briefs", urls=URLS, site_name="bench")
        total = time.perf_counter() - started
        assert result.ok, result.problems[:3]
        index = check_site(root, root / "briefs").index
        assert index is not None
        outputs = time_outputs(index)
        sizes = {file.path: len(file.content) for file in result.files}
        row = {
            "core": total - outputs,
            "outputs": outputs,
            "head": time_head_tags(index),
            "pages": len(result.pages),
            "json_mb": sizes[layout.BRIEFS_JSON] / 1e6,
            "db_mb": sizes[layout.BRIEFS_DB] / 1e6,
        }
        return row if core_only else row | measure_mkdocs(Path(folder), root, result)


def time_outputs(index: SiteIndex) -> float:
    """Seconds to write every feed, data file and redirect from an index already built."""
    started = time.perf_counter()
    output_files(index, URLS, "bench")
    return time.perf_counter() - started


def time_head_tags(index: SiteIndex) -> float:
    """Seconds to make the head tags of every brief and actor page, as rendering does."""
    started = time.perf_counter()
    structured = StructuredData(index, URLS, "bench")
    for item in index.briefs:
        path = layout.brief_page(item.brief.id)
        preview = structured.open_graph(path, item.brief.title, "A description.", "article")
        Head(structured.brief(item, "A description."), preview).html()
    for actor in index.actors.values():
        path = layout.actor_page(actor.id)
        preview = structured.open_graph(path, actor.name, "A description.", "website")
        Head(structured.actor(actor, "A description."), preview).html()
    return time.perf_counter() - started


def measure_mkdocs(folder: Path, root: Path, result: BuildResult) -> dict[str, float]:
    plain = folder / "plain"
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
    return {"briefsite": with_plugin, "plain": without, "index_mb": index_bytes / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    parser.add_argument(
        "--core-only", action="store_true", help="skip the two mkdocs builds (slow at 10,000)"
    )
    parser.add_argument(
        "--prose-links", action="store_true", help="a [[...]] link in every summary and body"
    )
    arguments = parser.parse_args()
    print(
        f"{'briefs':>7} {'pages':>6} {'core s':>7} {'core ms/brief':>14} {'briefsite s':>12} "
        f"{'plain s':>8} {'ratio':>6} {'ms/page':>8} {'search MB':>10} "
        f"{'outputs s':>10} {'outputs %':>10} {'head s':>7} {'head %':>7} {'json MB':>8} "
        f"{'db MB':>7}"
    )
    for size in arguments.sizes:
        row = measure(size, arguments.core_only, arguments.prose_links)
        print(format_row(size, row), flush=True)


def format_row(size: int, row: dict[str, float]) -> str:
    mkdocs = "briefsite" in row
    # The outputs' share of the whole build: the MkDocs build when measured, else the core's.
    whole = row["briefsite"] if mkdocs else row["core"] + row["outputs"]
    measured = (
        f"{row['briefsite']:>12.2f} {row['plain']:>8.2f} {row['briefsite'] / row['plain']:>6.2f} "
        f"{1000 * row['briefsite'] / row['pages']:>8.2f} {row['index_mb']:>10.2f}"
        if mkdocs
        else f"{'-':>12} {'-':>8} {'-':>6} {'-':>8} {'-':>10}"
    )
    return (
        f"{size:>7} {row['pages']:>6.0f} {row['core']:>7.2f} "
        f"{1000 * row['core'] / size:>14.2f} {measured} "
        f"{row['outputs']:>10.2f} {100 * row['outputs'] / whole:>10.1f} "
        f"{row['head']:>7.2f} {100 * row['head'] / whole:>7.1f} "
        f"{row['json_mb']:>8.2f} {row['db_mb']:>7.2f}"
    )


if __name__ == "__main__":
    main()
