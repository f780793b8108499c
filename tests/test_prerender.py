"""Generated pages converted in worker processes give the very bytes of a normal build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import DESK_URL, MKDOCS_YML, SITES, Site, engine_command

pytestmark = pytest.mark.site_build

HOOK = """\
def on_page_markdown(markdown, page, **kwargs):
    # Runs after briefsite's own event: the Markdown MkDocs converts is no longer briefsite's.
    if page.file.src_uri.startswith("briefs/"):
        return markdown + "\\n\\nAdded by a hook.\\n"
    return markdown
"""


def build(site: Site, workers: int, folder: str, hooks: bool = False) -> str:
    config = MKDOCS_YML.replace("  - briefsite\n", f"  - briefsite:\n      workers: {workers}\n")
    config += f"site_url: {DESK_URL}\n" + ("hooks: [hook.py]\n" if hooks else "")
    site.write(f"mkdocs-{folder}.yml", config)
    config_file, site_dir = str(site.root / f"mkdocs-{folder}.yml"), str(site.root / folder)
    done = subprocess.run(
        [*engine_command("build"), "-f", config_file, "-d", site_dir],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def desk_copy(site: Site) -> Site:
    shutil.copytree(SITES / "desk" / "briefs", site.root / "briefs", dirs_exist_ok=True)
    site.write("hook.py", HOOK)
    return site


def test_worker_processes_change_no_byte(desk_copy: Site) -> None:
    build(desk_copy, 0, "normal")
    log = build(desk_copy, 2, "parallel")
    converted = re.search(r"(\d+) of (\d+) generated pages converted to HTML by 2 worker", log)
    assert converted is not None, log
    assert int(converted[1]) > 0
    normal, parallel = tree(desk_copy.root / "normal"), tree(desk_copy.root / "parallel")
    assert normal.keys() == parallel.keys()
    assert [path for path in normal if normal[path] != parallel[path]] == []


def test_markdown_changed_by_another_plugin_is_converted_by_mkdocs(desk_copy: Site) -> None:
    build(desk_copy, 0, "normal", hooks=True)
    build(desk_copy, 2, "parallel", hooks=True)
    normal, parallel = tree(desk_copy.root / "normal"), tree(desk_copy.root / "parallel")
    assert len([path for path in normal if b"Added by a hook." in normal[path]]) > 10
    assert [path for path in normal if normal[path] != parallel[path]] == []
