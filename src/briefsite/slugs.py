"""Ids and name keys: how two spellings of one name are found to be the same."""

from __future__ import annotations

import functools
import hashlib
import re

from slugify import slugify
from text_unidecode import unidecode

MAX_SLUG_LENGTH = 80

_NOT_WORD = re.compile(r"[\W_]+")


# The same tags, publishers and names are slugged again for every brief that carries them.
@functools.lru_cache(maxsize=1 << 16)
def slug(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """A stable, URL-safe id: lowercase ASCII words joined by hyphens, non-Latin transliterated.

    Long text is cut at a word boundary, never mid-word. Letters that have no Latin
    transliteration (Tifinagh, N'Ko, Adlam, Ol Chiki…) give a short hash of the name
    instead, so that such a name still has an id of its own. Text is text: `&amp;` is
    the word "amp", never an entity to decode.
    """
    # Apostrophes join a word rather than split it: "Kata'ib" → "kataib", not "kata-ib".
    text = re.sub(r"['\u2018\u2019\u02bc\u02bb`\u00b4]", "", text)
    made = str(
        slugify(
            text,
            max_length=max_length,
            word_boundary=True,
            entities=False,
            decimal=False,
            hexadecimal=False,
        )
    )
    if not _untransliterable(text):
        return made
    digest = hashlib.sha256(name_key(text).encode()).hexdigest()[:10]
    return f"{made[: max_length - 11]}-{digest}" if made else digest


def name_key(name: str) -> str:
    """What names are compared by: case, diacritics, apostrophes, hyphens and spacing ignored.

    "Kata'ib Hezbollah", "KATAIB-HEZBOLLAH" and "Kataib  Hezbollah" share one key. Letters
    with no Latin transliteration are kept as they are (lowercased).
    """
    if name.isascii():
        return _NOT_WORD.sub("", name.lower())
    latin = "".join(char if _unknown(char) else unidecode(char) for char in name)
    return _NOT_WORD.sub("", latin.lower())


def _unknown(char: str) -> bool:
    """A letter or digit the transliteration table has no Latin for.

    The table marks the ones it lacks "[?]", or nothing past the basic plane; an empty
    answer within it is a letter written silently (Arabic alef), not a gap.
    """
    if not char.isalnum():
        return False
    latin = unidecode(char).strip()
    return latin == "[?]" or (not latin and ord(char) > 0xFFFF)


def _untransliterable(text: str) -> bool:
    return not text.isascii() and any(_unknown(char) for char in text)
