"""The URL policy: links between generated pages and files that work wherever the site is."""

from __future__ import annotations

import pytest

from briefsite.urls import UrlPolicy

CASES = [
    # (page, target, directory URLs, relative link from page to target)
    ("index.md", "feeds/site.xml", True, "feeds/site.xml"),
    ("actors/x.md", "feeds/actors/x.xml", True, "../../feeds/actors/x.xml"),
    ("actors/x.md", "feeds/actors/x.xml", False, "../feeds/actors/x.xml"),
    ("briefs/old.md", "briefs/new.md", True, "../new/"),
    ("briefs/old.md", "briefs/new.md", False, "new.html"),
    ("actors/index.md", "index.md", True, "../"),
    ("actors/index.md", "index.md", False, "../index.html"),
    ("index.md", "actors/index.md", True, "actors/"),
]


@pytest.mark.parametrize(("page", "target", "directory_urls", "expected"), CASES)
def test_relative_links_follow_the_final_urls(
    page: str, target: str, directory_urls: bool, expected: str
) -> None:
    urls = UrlPolicy(directory_urls=directory_urls)
    assert urls.relative(page, target) == expected
    assert urls.href(page, target) == expected  # no site address: relative
    served = UrlPolicy("https://example.org/desk", directory_urls)
    assert served.href(page, target) == "https://example.org/desk/" + served.path(target)


@pytest.mark.parametrize(
    ("page", "directory_urls", "file"),
    [
        ("briefs/x.md", True, "briefs/x/index.html"),
        ("briefs/x.md", False, "briefs/x.html"),
        ("index.md", True, "index.html"),
        ("actors/index.md", False, "actors/index.html"),
    ],
)
def test_a_page_becomes_one_file(page: str, directory_urls: bool, file: str) -> None:
    assert UrlPolicy(directory_urls=directory_urls).output_file(page) == file
