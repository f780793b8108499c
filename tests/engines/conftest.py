"""The demo and the `desk` fixture built on the roads beside MkDocs 1.x (docs/engines.md).

ProperDocs with MaterialX runs the plugin; Zensical builds the tree `briefsite render`
writes. Each engine lives in an environment of its own, which `make test` sets up
(`BRIEFSITE_MATERIALX` and `BRIEFSITE_ZENSICAL` name other executables). Every
configuration is taken from docs/engines.md, so the page shows what the tests build.
MkDocs with Material builds the same sites as the reference they are compared with.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import DESK_URL, MKDOCS_YML, REPO, SITES, MkDocsConfigLoader, engine_warnings

MATERIALX = Path(
    os.environ.get("BRIEFSITE_MATERIALX", REPO / ".venv-materialx" / "bin" / "properdocs")
)
ZENSICAL = Path(os.environ.get("BRIEFSITE_ZENSICAL", REPO / ".venv-zensical" / "bin" / "zensical"))
ENGINES_PAGE = REPO / "docs" / "engines.md"


def documented(opening: str) -> str:
    """The fenced block of docs/engines.md whose first line is `opening`."""
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```$", ENGINES_PAGE.read_text(), re.M | re.S)
    found = [block for block in blocks if block.startswith(opening + "\n")]
    assert len(found) == 1, f"docs/engines.md has no single block opening with {opening!r}"
    return found[0]


@dataclass(frozen=True)
class Road:
    """One built site: the folder it was written to and what tells its search results."""

    name: str
    site: Path
    search_box: str
    """Playwright selectors: the search box, focused by the `/` key, and the titles of
    the search results."""
    result_titles: str


def executable(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is missing: `make test` sets it up")
    return path


def run(command: list[str | Path], cwd: Path) -> None:
    """Run a build; it succeeds and the engine warns of nothing (the `desk` fixture's brief
    of hostile text is meant to draw briefsite's own warnings, so builds are not --strict)."""
    done = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert not engine_warnings(done.stderr), done.stderr


def copy_demo(root: Path) -> Path:
    for folder in ("briefs", "docs"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def copy_desk(root: Path) -> Path:
    shutil.copytree(SITES / "desk" / "briefs", root / "briefs")
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML + f"site_url: {DESK_URL}\n")
    return root


def build_with_mkdocs(root: Path) -> Path:
    """The reference: MkDocs 1.6 with Material for MkDocs, from this environment."""
    command = [sys.executable, "-m", "mkdocs", "build", "-d", "site"]
    run(command, root)
    return root / "site"


def build_with_materialx(root: Path) -> Path:
    (root / "properdocs.yml").write_text(documented("# properdocs.yml"))
    run([executable(MATERIALX), "build", "-f", "properdocs.yml"], root)
    return root / "site"


def build_with_zensical(root: Path) -> Path:
    """`briefsite render`, the hand-written pages beside it, then Zensical on the tree."""
    site = yaml.load((root / "mkdocs.yml").read_text(), Loader=MkDocsConfigLoader)
    folder = root / "zensical"
    address = ["--site-url", site["site_url"]] if "site_url" in site else []
    render = ["render", "--out", folder / "docs", "--site-name", site["site_name"], *address]
    run([sys.executable, "-m", "briefsite", *render], root)
    shutil.copytree(root / "docs", folder / "docs", dirs_exist_ok=True)
    config: dict[str, Any] = yaml.safe_load(documented("# zensical/mkdocs.yml"))
    # The demo's own name, address, navigation and Markdown settings, as in its mkdocs.yml.
    config.pop("site_url")
    for key in ("site_name", "site_url", "site_description", "nav", "markdown_extensions"):
        if key in site:
            config[key] = site[key]
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    (folder / "overrides").mkdir()
    override = documented("{#- zensical/overrides/main.html -#}")
    (folder / "overrides" / "main.html").write_text(override)
    run([executable(ZENSICAL), "build", "--strict", "-f", "mkdocs.yml"], folder)
    return folder / "site"


# Material's and MaterialX's search box and result titles (a result's sections are h2).
MATERIAL_SEARCH = ("input[aria-label=Search]", ".md-search-result__item h1")


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_with_mkdocs(copy_demo(tmp_path_factory.mktemp("mkdocs-demo")))


@pytest.fixture(scope="session")
def materialx_demo(tmp_path_factory: pytest.TempPathFactory) -> Road:
    root = copy_demo(tmp_path_factory.mktemp("materialx-demo"))
    return Road("materialx", build_with_materialx(root), *MATERIAL_SEARCH)


@pytest.fixture(scope="session")
def materialx_desk(tmp_path_factory: pytest.TempPathFactory) -> Road:
    root = copy_desk(tmp_path_factory.mktemp("materialx-desk"))
    return Road("materialx", build_with_materialx(root), *MATERIAL_SEARCH)


@pytest.fixture(scope="session")
def zensical_demo(tmp_path_factory: pytest.TempPathFactory) -> Road:
    root = copy_demo(tmp_path_factory.mktemp("zensical-demo"))
    # Zensical's search is a dialog in a shadow DOM: a combobox, results as a listbox.
    box = "[role=combobox][aria-label=Search]"
    titles = "[aria-label='Search results'] [role=option] h2"
    return Road("zensical", build_with_zensical(root), box, titles)


@pytest.fixture(scope="session", params=["materialx_demo", "zensical_demo"])
def road(request: pytest.FixtureRequest) -> Road:
    """The demo as each road other than MkDocs builds it."""
    built: Road = request.getfixturevalue(request.param)
    return built
