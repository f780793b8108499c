"""The weight of a famous actor's page: `python -m bench.famous_actor [BRIEFS]`.

Writes a site where one actor is named in BRIEFS briefs (1,200 by default) over ten years,
a third of them quoting it, builds it with the real `mkdocs build --strict`, and prints
the size of the built HTML of the actor page and of its year pages.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.conftest import MKDOCS_YML, run_mkdocs_build

ACTOR = "famous"


def write_famous_site(root: Path, count: int) -> None:
    """A site whose actor `famous` is named in `count` briefs, spread over 2015–2024."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    actors = root / "briefs" / "actors"
    actors.mkdir(parents=True, exist_ok=True)
    (actors / f"{ACTOR}.md").write_text("---\nname: Famous Group\ntype: armed group\n---\n")
    for number in range(count):
        year, month, day = 2015 + number % 10, 1 + number // 10 % 12, 1 + number // 120 % 28
        quote = f"quotes:\n  - by: Famous Group\n    text: Statement number {number}.\n"
        path = root / "briefs" / str(year) / f"{year}-{month:02d}-{day:02d}-brief-{number}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(
            f"---\ntitle: Brief {number}\ndate: {year}-{month:02d}-{day:02d}\n"
            f"source: https://example.org/{number}\nsummary: Event {number}.\n"
            f"actors: [Famous Group, Other {number % 7}]\ntags: [tag {number % 5}, index]\n"
            f"{quote if number % 3 == 0 else ''}---\n"
        )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1200
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_famous_site(root, count)
        result = run_mkdocs_build(root, root / "site", "--strict")
        if result.returncode != 0:
            raise SystemExit(result.stderr)
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
