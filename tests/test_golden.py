"""Golden pages: a small fixture site renders to exactly the Markdown kept in `golden/`.

After an intended change to the templates, refresh with
`BRIEFSITE_UPDATE_GOLDEN=1 pytest tests/test_golden.py` and review the diff.
"""

from __future__ import annotations

import os

import pytest

from briefsite.build import build_site
from tests.conftest import SITES


@pytest.mark.parametrize("case", sorted(path.name for path in SITES.iterdir()))
def test_site_renders_to_its_golden_pages(case: str) -> None:
    root = SITES / case
    result = build_site(root, root / "briefs")
    assert result.ok, result.problems
    golden = root / "golden"
    rendered = {page.path: page.content for page in result.pages}
    if os.environ.get("BRIEFSITE_UPDATE_GOLDEN"):
        for path, content in rendered.items():
            (golden / path).parent.mkdir(parents=True, exist_ok=True)
            (golden / path).write_text(content, encoding="utf-8")
    expected = {
        path.relative_to(golden).as_posix(): path.read_text(encoding="utf-8")
        for path in golden.rglob("*.md")
    }
    assert rendered == expected
