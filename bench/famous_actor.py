"""The weight of a famous actor's page: `python -m bench.famous_actor [BRIEFS]`.

Writes a site where one actor is named in BRIEFS briefs (1,200 by default) over ten years,
a third of them quoting it, builds it with the real `mkdocs build --strict`, and prints
the size of the built HTML of the actor page and of its year pages.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import MKDOCS_YML

ACTOR = "famous"


def write_famous_site(root: Path, count: int, years: int = 10) -> None:
    """A site whose actor `famous` is named in `count` briefs, spread over `years` years
    from 2015."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    actors = root / "briefs" / "actors"
    actors.mkdir(parents=True, exist_ok=True)
    (actors / f"{ACTOR}.md").write_text("---\nname: Famous Group\ntype: armed group\n---\n")
    for number in range(count):
        year, month = 2015 + number % years, 1 + number // years % 12
        day = 1 + number // (12 * years) % 28
        quote = f"quotes:\n  - by: Famous Group\n    text: Statement number {number}.\n"
        path = root / "briefs" / str(year) / f"{year}-{month:02d}-{day:02d}-brief-{number}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(
            f"---\ntitle: Brief {number}\ndate: {year}-{month:02d}-{day:02d}\n"
            f"source: https://example.org/{number}\nsummary: Event {number}.\n"
            f"actors: [Famous Group, Other {number % 7}]\ntags: [tag {number % 5}, index]\n"
            f"{quote if number % 3 == 0 else ''}---\n"
        )


def build(root: Path, site: Path) -> None:
    """`mkdocs build --strict` of the site at `root` into `site`, or exit with its errors."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"]
    result = subprocess.run(
        [*command, "-d", str(site)], cwd=root, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1200
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_famous_site(root, count)
        build(root, root / "site")
        pages = root / "site" / "actors" / ACTOR
        sizes = {
            path.relative_to(pages).as_posix(): path.stat().st_size
            for path in sorted(pages.rglob("*.html"))
        }
        print(f"{count} briefs; actor page: {sizes.pop('index.html') / 1000:.1f} kB of HTML")
        for name, size in sizes.items():
            print(f"  year page {name.split('/')[0]}: {size / 1000:.1f} kB")


if __name__ == "__main__":
    main()
