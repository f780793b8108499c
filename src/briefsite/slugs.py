"""Ids and name keys: how two spellings of one name are found to be the same."""

from __future__ import annotations

import re

from slugify import slugify
from text_unidecode import unidecode

MAX_SLUG_LENGTH = 80

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def slug(text: str) -> str:
    """A stable, URL-safe id: lowercase ASCII words joined by hyphens, non-Latin transliterated."""
    # Apostrophes join a word rather than split it: "Kata'ib" → "kataib", not "kata-ib".
    text = re.sub(r"['\u2018\u2019\u02bc\u02bb`\u00b4]", "", text)
    return str(slugify(text, max_length=MAX_SLUG_LENGTH, word_boundary=True))


def name_key(name: str) -> str:
    """What names are compared by: case, diacritics, apostrophes, hyphens and spacing ignored.

    "Kata'ib Hezbollah", "KATAIB-HEZBOLLAH" and "Kataib  Hezbollah" share one key.
    """
    return _NOT_ALNUM.sub("", unidecode(name).lower())
