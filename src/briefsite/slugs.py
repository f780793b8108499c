"""Ids and name keys: how two spellings of one name are found to be the same."""

from __future__ import annotations

import re

from slugify import slugify
from text_unidecode import unidecode

MAX_SLUG_LENGTH = 80

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def slug(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """A stable, URL-safe id: lowercase ASCII words joined by hyphens, non-Latin transliterated.

    Long text is cut at a word boundary, never mid-word.
    """
    # Apostrophes join a word rather than split it: "Kata'ib" → "kataib", not "kata-ib".
    text = re.sub(r"['\u2018\u2019\u02bc\u02bb`\u00b4]", "", text)
    return str(slugify(text, max_length=max_length, word_boundary=True))


def name_key(name: str) -> str:
    """What names are compared by: case, diacritics, apostrophes, hyphens and spacing ignored.

    "Kata'ib Hezbollah", "KATAIB-HEZBOLLAH" and "Kataib  Hezbollah" share one key.
    """
    return _NOT_ALNUM.sub("", unidecode(name).lower())
