"""`briefsite render --out`: the generated tree as plain files, built without the plugin."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from briefsite.build import build_site
from briefsite.cli import main
from briefsite.tree import MARKER, tree_files
from briefsite.urls import UrlPolicy
from tests.conftest import DESK_URL, MINIMAL_BRIEF, SITES, Site, run_mkdocs_build

PLAIN_MKDOCS_YML = """\
site_name: test site
site_url: {url}
docs_dir: tree
theme:
  name: material
plugins:
  - search
markdown_extensions:
  - attr_list
"""


def render(root: Path, out: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["render", "--root", str(root), "--out", str(out), *args], catch_exceptions=False
    )
    return result.exit_code, result.output


def written(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and path.name != MARKER
    }


def built_page_set(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*.html")}


def test_the_tree_holds_the_plugins_files_byte_for_byte(tmp_path: Path) -> None:
    root = SITES / "desk"
    code, output = render(root, tmp_path / "tree", "--site-url", DESK_URL, "--site-name", "d")
    assert code == 0, output
    plugin = build_site(root, root / "briefs", urls=UrlPolicy(DESK_URL), site_name="d")
    assert written(tmp_path / "tree") == tree_files(plugin)


def test_plain_mkdocs_builds_the_same_pages_from_the_tree(desk: Site) -> None:
    tree = desk.root / "tree"
    code, output = render(desk.root, tree, "--site-url", DESK_URL, "--site-name", "test site")
    assert code == 0, output
    plain = desk.root / "plain"
    plain.mkdir()
    (plain / "mkdocs.yml").write_text(PLAIN_MKDOCS_YML.format(url=DESK_URL))
    shutil.copytree(tree, plain / "tree")
    result = run_mkdocs_build(plain, plain / "site", "--strict")
    assert result.returncode == 0, result.stderr
    assert built_page_set(plain / "site") == built_page_set(desk.root / "site")
    # Feeds and data files are there too, as the plugin publishes them.
    for path in (
        "feeds/site.xml",
        "data/briefs.json",
        "data/briefs.db",
        "actors/centcom/index.html",
    ):
        assert (plain / "site" / path).read_bytes() == (desk.root / "site" / path).read_bytes()


def test_an_invalid_site_writes_nothing(site: Site, tmp_path: Path) -> None:
    site.brief("2024-02-09-a", MINIMAL_BRIEF.replace("2024-02-09", "2024-02-31"))
    code, output = render(site.root, tmp_path / "tree")
    assert code == 1
    assert "2024-02-09-a.md:3:7: error:" in output
    assert not (tmp_path / "tree").exists()


def test_a_folder_it_did_not_write_is_left_alone(site: Site, tmp_path: Path) -> None:
    site.brief("2024-02-09-a", MINIMAL_BRIEF)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    code, output = render(site.root, mine)
    assert code == 1
    assert "not written by `briefsite render`" in output
    assert written(mine) == {"notes.txt": b"keep me"}


def test_a_second_render_replaces_the_first_whole(site: Site, tmp_path: Path) -> None:
    site.brief("2024-02-09-a", MINIMAL_BRIEF)
    assert render(site.root, tmp_path / "tree")[0] == 0
    (site.root / "briefs" / "2024-02-09-a.md").rename(site.root / "briefs" / "2024-02-09-b.md")
    assert render(site.root, tmp_path / "tree")[0] == 0
    pages = set(written(tmp_path / "tree"))
    assert "briefs/2024-02-09-b.md" in pages
    assert "briefs/2024-02-09-a.md" not in pages
