"""A large site's files are read in worker processes: the briefs, actors and problems are
exactly those read in one process, in the same order, bad files included."""

from __future__ import annotations

import pytest

from briefsite import build, processes
from tests.conftest import MINIMAL_BRIEF, Site

FILES = 60


def write_mixed_site(site: Site) -> None:
    """Valid briefs and actors, and files broken in each way a reader reports."""
    for number in range(FILES):
        day = f"2024-03-{number % 28 + 1:02d}"
        text = MINIMAL_BRIEF.replace("2024-02-09", day).replace("Someone", f"Actor {number}")
        broken = {
            1: text.replace("summary:", "sumary:"),  # unknown key
            2: text.replace("title:", "title: !!python/object:os.system"),  # YAML tag
            3: "no front matter\n",
            4: text.replace(day, "2024-13-40"),  # impossible date
            5: text.replace("summary: ", "summary: \ufdd0"),  # noncharacter: a warning
        }.get(number % 10, text)
        site.brief(f"{day}-brief-{number:03d}", broken)
        if number % 7 == 0:
            site.actor(f"actor-{number}", f"---\nname: Actor {number}\ntype: person\n---\n")
    site.write("briefs/binary.md", b"---\x00\n")


def test_files_read_in_processes_give_what_one_process_reads(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not processes.can_fork():
        pytest.skip("no fork on this system: files are always read in one process")
    write_mixed_site(site)
    alone = build.read_content(site.root, site.root / "briefs")
    monkeypatch.setattr(processes, "usable_cpus", lambda: 2)
    monkeypatch.setattr(build, "READ_IN_PROCESSES_FROM", 1)
    calls: list[int] = []
    spread = processes.map_in_processes

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(len(args[1]))  # type: ignore[arg-type]
        return spread(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(processes, "map_in_processes", counted)
    together = build.read_content(site.root, site.root / "briefs")
    assert calls == [FILES + FILES // 7 + 2]
    assert together == alone
    briefs, _, problems = together
    assert len(briefs) == FILES - 4 * FILES // 10
    assert {str(problem).split(": ")[0] for problem in problems if problem.is_error} >= {
        "briefs/binary.md:1:4",
    }
