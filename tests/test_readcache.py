"""`briefsite check` keeps what it read in `.briefsite-cache/`: a second run reads only the
files that changed, and a cache that is damaged, planted or stale is ignored."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefsite.build import read_content
from briefsite.cli import main
from briefsite.readcache import CACHE_FILE, Kept, _fingerprint
from tests.conftest import MINIMAL_BRIEF, Site

CACHE = Path(".briefsite-cache") / CACHE_FILE
A_DAY_AGO = 86_400


def check(site: Site, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(site.root), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def age(path: Path, seconds: int = A_DAY_AGO) -> None:
    """Date a file back, as a file saved some time ago (a file just saved is not cached:
    it may change again within the file system's time resolution)."""
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns - seconds * 10**9))


@pytest.fixture
def checked(site: Site) -> Site:
    age(site.brief("2024-02-09-x", MINIMAL_BRIEF))
    age(site.brief("2024-02-10-y", MINIMAL_BRIEF.replace("2024-02-09", "2024-02-10")))
    assert check(site) == (0, "0 errors, 0 warnings\n")
    assert (site.root / CACHE).is_file()
    return site


def test_an_edited_file_is_read_again(checked: Site) -> None:
    checked.brief("2024-02-09-x", MINIMAL_BRIEF.replace("summary:", "sumary:"))
    code, output = check(checked)
    assert code == 1
    assert "briefs/2024-02-09-x.md:5:1: error: unknown key 'sumary'" in output


def test_an_edit_keeping_size_and_time_is_the_only_one_missed(checked: Site) -> None:
    """The stamp is size and mtime in nanoseconds, as Pelican's and make's: an edit that keeps
    both (only a tool that resets the time can make one) goes unseen until --no-cache."""
    path = checked.root / "briefs" / "2024-02-10-y.md"
    stamp = path.stat()
    path.write_text(MINIMAL_BRIEF.replace("2024-02-09", "2024-13-10"), encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert check(checked)[0] == 0
    code, output = check(checked, "--no-cache")
    assert code == 1
    assert "briefs/2024-02-10-y.md:3:7: error" in output


def test_a_removed_file_is_forgotten(checked: Site) -> None:
    (checked.root / "briefs" / "2024-02-09-x.md").unlink()
    assert check(checked)[0] == 0
    age(checked.brief("2024-02-11-z", "---\ntitle: [\n---\n"))
    assert check(checked)[0] == 1


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a pickle at all",
        pickle.dumps(("fingerprint", {}))[:-5],
        pickle.dumps(("another version's code", {"briefs/2024-02-09-x.md": None})),
        pickle.dumps(["a list"]),
        pickle.dumps((_fingerprint(), {"briefs/2024-02-09-x.md": "not a record"})),
    ],
    ids=["empty", "garbage", "truncated", "other-version", "wrong-shape", "wrong-record"],
)
def test_a_bad_cache_is_ignored_and_rewritten(checked: Site, content: bytes) -> None:
    (checked.root / CACHE).write_bytes(content)
    checked.brief("2024-02-09-x", MINIMAL_BRIEF.replace("summary:", "sumary:"))
    code, output = check(checked)
    assert code == 1
    assert "unknown key 'sumary'" in output
    assert (checked.root / CACHE).read_bytes() != content


class _Planted:
    """What an attacker would put in a cache file: a call for pickle to make on loading."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, ("planted",))


def test_a_planted_cache_runs_nothing(checked: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(checked.root)
    (checked.root / CACHE).write_bytes(pickle.dumps(_Planted()))
    assert check(checked) == (0, "0 errors, 0 warnings\n")
    assert not (checked.root / "planted").exists()


def test_no_cache_writes_none(site: Site) -> None:
    age(site.brief("2024-02-09-x", MINIMAL_BRIEF))
    assert check(site, "--no-cache")[0] == 0
    assert not (site.root / ".briefsite-cache").exists()


def test_records_kept_in_memory_give_the_same_objects_and_see_edits(checked: Site) -> None:
    """As `mkdocs serve` reads: an unchanged file gives the very brief it gave last time."""
    kept, cache = Kept(), checked.root / CACHE.parent
    first, _, _ = read_content(checked.root, checked.root / "briefs", cache, kept)
    edited = checked.brief("2024-02-10-y", MINIMAL_BRIEF.replace("A brief", "Edited brief"))
    age(edited, 60)
    again, _, _ = read_content(checked.root, checked.root / "briefs", cache, kept)
    assert again[0] is first[0]
    assert again[1].title == "Edited brief"
