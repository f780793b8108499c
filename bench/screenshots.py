"""Screenshots of the demo site for the README and the docs: `make screenshots`.

Builds the demo with the real `mkdocs build --strict`, serves it on 127.0.0.1 and opens
each page in Debian's headless Chromium (through Playwright, as the browser tests do; set
BRIEFSITE_CHROMIUM for another build), then writes one PNG per page to `docs/images/`.
Prints each file with its size.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, serve
from tests.conftest import REPO, run_mkdocs_build

IMAGES = REPO / "docs" / "images"
SHOTS = {
    # file name: (page, element to scroll to the top of the window, or None)
    "home.png": ("", None),
    "brief-page.png": ("briefs/2024-02-09-iraqi-groups-vow-to-resume-attacks/", None),
    "actor-page.png": ("actors/abu-baqir-al-saadi/", None),
    "actor-timeline.png": ("actors/kataib-hezbollah/", "#timeline"),
    "tag-page.png": ("tags/kataib-hezbollah/", None),
    "archive.png": ("archive/", None),
}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        result = run_mkdocs_build(REPO, site, "--strict")
        if result.returncode != 0:
            raise SystemExit(result.stderr)
        with serve(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport=DESKTOP)
            IMAGES.mkdir(parents=True, exist_ok=True)
            for name, (path, anchor) in SHOTS.items():
                page.goto(url + path)
                if anchor:
                    page.locator(anchor).evaluate("element => element.scrollIntoView()")
                    # The theme's header swaps the site's name for the page's as it scrolls.
                    page.wait_for_timeout(800)
                page.screenshot(path=IMAGES / name)
                print(f"{IMAGES.relative_to(REPO) / name}: {(IMAGES / name).stat().st_size} bytes")
            browser.close()


if __name__ == "__main__":
    main()
