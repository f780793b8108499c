"""Independent validators on every built page: the Nu HTML checker and LinkChecker.

The Nu checker's errors inside a page's `<article>` (what our templates and the hand-written
docs produce) fail the test; errors in Material's chrome around it are counted in the run's
summary. LinkChecker follows every link and anchor between pages of the site, local URLs only.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import NODE_MODULES, REPORT, QuietHandler, serve

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LINKCHECKER = Path(sys.executable).parent / "linkchecker"


def nu_check(*folders: Path) -> list[dict[str, Any]]:
    """The Nu checker's messages on every HTML file under `folders`, in one Java run."""
    java = shutil.which("java")
    assert java, "no Java runtime: apt-get install default-jre-headless"
    assert VNU.exists(), f"{VNU} is missing: run `make test` (it runs npm ci)"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--exit-zero-always", "--skip-non-html"]
        + [str(folder) for folder in folders],
        capture_output=True,
        text=True,
        check=True,
    )
    messages: list[dict[str, Any]] = json.loads(result.stderr)["messages"]
    return messages


def article_lines(path: Path) -> range:
    """The lines of a page's `<article>`, or no line if it has none."""
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [number for number, line in enumerate(lines, 1) if "<article" in line]
    ends = [number for number, line in enumerate(lines, 1) if "</article>" in line]
    return range(starts[0], ends[-1] + 1) if starts and ends else range(0)


@pytest.fixture(scope="module")
def nu_messages(demo_dir: Path, fixture_dir: Path) -> list[dict[str, Any]]:
    return nu_check(demo_dir, fixture_dir)


def test_nu_checker_finds_no_error_in_our_content(nu_messages: list[dict[str, Any]]) -> None:
    errors = [message for message in nu_messages if message["type"] == "error"]
    ours, chrome = [], []
    for message in errors:
        path = Path(message["url"].removeprefix("file:"))
        inside = message.get("lastLine", 0) in article_lines(path)
        (ours if inside else chrome).append(
            f"{path}:{message.get('lastLine')}: {message['message']}"
        )
    REPORT["Nu HTML checker, errors in our content"] = len(ours)
    REPORT["Nu HTML checker, errors in Material's chrome (all pages)"] = len(chrome)
    REPORT["Nu HTML checker, Material's errors, distinct"] = sorted(
        {line.split(": ", 1)[1] for line in chrome}
    )
    assert ours == []
    # A checker that read nothing would pass: it must have seen every page.
    checked = {message["url"] for message in nu_messages}
    assert any(url.endswith("/actors/abu-baqir-al-saadi/index.html") for url in checked)


class LinkCheckerHandler(QuietHandler):
    def end_headers(self) -> None:
        # LinkChecker waits 0.1 to 0.6 s between requests to a host unless the host says, with
        # this header, that it may be checked at full speed: a minute and a half otherwise.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()


def link_check(site_dir: Path, tmp_path: Path) -> list[dict[str, str]]:
    """LinkChecker's row for every URL it checked from every page of the site."""
    config = tmp_path / "linkcheckerrc"
    config.write_text(
        "[checking]\nmaxrequestspersecond=1000\n[filtering]\ncheckextern=0\n[AnchorCheck]\n"
    )
    with serve(site_dir, LinkCheckerHandler) as url:
        # Folder URLs, as the pages link to each other: ".../index.html" would be read twice.
        pages = [
            url + path.relative_to(site_dir).as_posix().removesuffix("index.html")
            for path in sorted(site_dir.rglob("*.html"))
        ]
        result = subprocess.run(
            [str(LINKCHECKER), "-f", str(config), "--no-status", "-v", "-o", "csv", *pages],
            capture_output=True,
            text=True,
            check=False,
        )
    table = "\n".join(line for line in result.stdout.splitlines() if not line.startswith("#"))
    return list(csv.DictReader(io.StringIO(table), delimiter=";"))


@pytest.mark.site_build  # the site is a fixture asked for by name
@pytest.mark.parametrize("site", ["demo_dir", "fixture_dir"])
def test_no_broken_link_or_anchor(
    site: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    rows = link_check(request.getfixturevalue(site), tmp_path)
    local = [row for row in rows if row["url"].startswith("http://127.0.0.1:")]
    broken = [
        f"{row['parentname']} -> {row['urlname']}: {row['result']} {row['warningstring']}"
        for row in local
        if row["valid"] != "True" or row["warningstring"]
    ]
    REPORT[f"LinkChecker, {site}: local URLs checked, broken"] = (
        len({row["url"] for row in local}),
        len(broken),
    )
    assert local, "LinkChecker checked nothing"
    assert broken == []


def test_link_check_sees_a_broken_link_and_a_missing_anchor(tmp_path: Path) -> None:
    # Without this, a LinkChecker that checked nothing would pass the test above.
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<!doctype html><title>t</title><a href="a/#here">fine</a>'
        '<a href="missing/">gone</a><a href="a/#nowhere">no such anchor</a>'
    )
    (site / "a" / "index.html").write_text('<!doctype html><title>a</title><h2 id="here">h</h2>')
    rows = link_check(site, tmp_path)
    flagged = {row["urlname"] for row in rows if row["valid"] != "True" or row["warningstring"]}
    assert flagged == {"missing/", "a/#nowhere"}
