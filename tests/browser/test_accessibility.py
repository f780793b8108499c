"""axe-core, injected into each generated page: no serious or critical violation in our content.

What our templates generate is the page's `<article>`; everything around it (header, search,
navigation, footer) is Material's. Material's own violations are measured on a page with no
generated content and reported in the run's summary, not asserted: they are not ours to fix.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser

from tests.browser.conftest import (
    ACTOR,
    DESKTOP,
    FIXTURE_PAGES,
    INDEXES,
    LISTINGS,
    NODE_MODULES,
    REPORT,
    SEED_BRIEF,
    Reader,
    reading,
    serve,
)
from tests.conftest import REPO, MkDocsConfigLoader, run_mkdocs_build

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
SEVERE = {"serious", "critical"}
GENERATED_PAGES = sorted({SEED_BRIEF, ACTOR, *INDEXES.values(), *LISTINGS})

# Each violation as {rule, impact, inside our content?, where, markup}.
RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.flatMap((rule) => rule.nodes.map((node) => ({
    rule: rule.id,
    impact: rule.impact,
    content: Boolean(document.querySelector(node.target[0])?.closest("article")),
    target: node.target.join(" "),
    html: node.html.slice(0, 160),
  })));
}"""


def violations(reader: Reader, path: str) -> list[dict[str, Any]]:
    assert AXE.exists(), f"{AXE} is missing: run `make test` (it runs npm ci)"
    page = reader.open(path)
    page.add_script_tag(path=AXE)
    found: list[dict[str, Any]] = page.evaluate(RUN_AXE)
    return found


def summary(found: list[dict[str, Any]]) -> dict[str, int]:
    """Violating elements per rule and impact, e.g. {'color-contrast (serious)': 1}."""
    counts: dict[str, int] = {}
    for item in found:
        key = f"{item['rule']} ({item['impact']})"
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


@pytest.mark.parametrize("path", GENERATED_PAGES)
def test_generated_content_has_no_serious_violation(reader: Reader, path: str) -> None:
    found = violations(reader, path)
    ours = [item for item in found if item["content"]]
    REPORT[f"axe in our content, /{path}"] = summary(ours) or "none"
    REPORT[f"axe in Material's chrome, /{path}"] = summary(
        [item for item in found if not item["content"]]
    )
    severe = [
        f"{item['rule']} ({item['impact']}) at {item['target']}: {item['html']}"
        for item in ours
        if item["impact"] in SEVERE
    ]
    assert severe == []


# The fixture site has no stylesheet of its own: the plugin's keeps links apart from text.
@pytest.mark.parametrize("path", FIXTURE_PAGES)
def test_fixture_site_content_has_no_serious_violation(
    browser: Browser, fixture_url: str, path: str
) -> None:
    with reading(browser, fixture_url, DESKTOP) as reader:
        found = violations(reader, path)
    severe = [
        f"{item['rule']} ({item['impact']}) at {item['target']}: {item['html']}"
        for item in found
        if item["content"] and item["impact"] in SEVERE
    ]
    assert severe == []


@pytest.fixture(scope="module")
def material_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo's theme settings around one hand-written paragraph, without our plugin."""
    root = tmp_path_factory.mktemp("material-baseline")
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=MkDocsConfigLoader)
    # A plugin is a name, or a one-key mapping of its name to its settings.
    config["plugins"] = [entry for entry in config["plugins"] if "briefsite" not in entry]
    config.pop("nav", None)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    (root / "docs").mkdir()
    for stylesheet in config.get("extra_css", []):
        (root / "docs" / stylesheet).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "docs" / stylesheet, root / "docs" / stylesheet)
    (root / "docs" / "index.md").write_text("# Baseline\n\nOne paragraph of plain text.\n")
    result = run_mkdocs_build(root, root / "site", "--strict")
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield url


def test_material_baseline_is_reported(browser: Browser, material_only: str) -> None:
    with reading(browser, material_only, DESKTOP) as reader:
        found = violations(reader, "")
    REPORT["axe baseline: Material alone, a page with no generated content"] = summary(found)
    # Not asserted to be empty: these are Material's. Only the measurement must have run.
    assert all(item["impact"] for item in found)
