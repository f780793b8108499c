"""Whether two spellings name one person or group: transliteration-aware name comparison.

Names are compared token by token after folding the usual variants of transliterated
Arabic and Persian ("Baqir"/"Baqer", "Hezbollah"/"Hizballah"), so "Abu Baqer al-Saidi"
meets "Abu Baqir al-Saadi" while "Ali al-Saadi" and "Hassan al-Saadi" stay apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_unidecode import unidecode

from briefsite.slugs import name_key


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Articles, patronymic links and English glue words: shared by unrelated names, so they
# say nothing about whether two names are one.
_PARTICLES = _word_set(
    "al el il ul ad ed as es ash esh at et az ez ar an en adh ath "
    "bin ben ibn bint bent binti the of and for in on de du des la le"
)
# "Abu X" / "Umm X" (father/mother of X) is a name in itself: X as a kunya never matches
# X as a given name, since Hussein and Abu Hussein are usually father and son.
_KUNYA = _word_set("abu abou abo aboo umm um oum om")
_TITLES = _word_set(
    "president pres sheikh shaikh sheik shaykh cheikh sayyid sayyed sayed seyed seyyed syed "
    "ayatollah ayatullah grand hojatoleslam hojjatoleslam mullah mulla imam mr mrs ms dr prof "
    "gen general lt lieutenant maj major brig brigadier col colonel capt captain cmdr "
    "commander adm admiral sgt hajj haj hajji haji king queen prince princess crown "
    "sen senator rep gov governor pm mp"
)
# The last word of a role phrase before a person's name: "Iraqi Prime Minister X".
_ROLES = _word_set(
    "minister secretary spokesman spokeswoman spokesperson leader chief commander president "
    "premier ambassador envoy director chairman speaker mufti"
)
_ROLE_WINDOW = 6
_ABD = _word_set("abd abdul abdel abdal abdol abdoul abdu")
_ABD_PREFIXES = ("abdoul", "abdul", "abdel", "abdal", "abdol", "abdu", "abd")
_ALLAH = _word_set("allah ullah ollah illah")
_ALLAH_STARTS = ("allah", "ullah", "ollah", "illah", "alla", "ulla", "llah", "lah")
_VOWELS = frozenset("aeiou")

MAX_EXTRA_TOKENS = 1
"""How many middle names the longer of two names may add: a second given name, not a unit.

"Wissam Mohammed al-Saadi" ~ "Wisam Mohammed Saber al-Saedi", but "US Central Command"
is not "US Naval Forces Central Command".
"""

# Transliteration variants folded into one spelling, applied in this order. Upper-case
# letters are symbols for sounds with several spellings (S = sh/ch, D = dh).
_FOLDS = (
    (re.compile(r"x"), "ks"),
    (re.compile(r"iz(?=[ae])"), "is"),  # -ize/-ise, -ization/-isation
    (re.compile(r"s?ch|sh"), "S"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"c"), "k"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"gh|q|g"), "k"),
    (re.compile(r"dj"), "j"),
    (re.compile(r"dh"), "D"),  # Kadhimi/Kazemi and Fayyadh/Fayyad: matches d and z
    (re.compile(r"th"), "t"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ou|oo"), "u"),
    (re.compile(r"ee"), "i"),
)
_DOUBLE = re.compile(r"(.)\1+")
_APOSTROPHE = re.compile(r"[\u2018\u2019\u02bc\u02bb\u02bf\u02be`\u00b4]")
_SEPARATORS = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class _Token:
    form: str
    """The folded spelling, vowels kept: compared by a weighted edit distance."""
    key: str
    """Consonants only: equal for any two tokens that can match, hence the blocking key."""
    kunya: bool


@dataclass(frozen=True)
class NameProfile:
    key: str
    tokens: tuple[_Token, ...]


def names_look_alike(a: str, b: str) -> bool:
    """Whether two names are probably one actor spelled two ways (symmetric)."""
    first, second = name_profile(a), name_profile(b)
    return (first.key != "" and first.key == second.key) or profiles_match(first, second)


# --- Names → tokens ------------------------------------------------------------------


def name_profile(name: str) -> NameProfile:
    words = _strip_titles(_words(name))
    tokens: list[_Token] = []
    kunya = False
    for word in _join_compounds(words):
        if word in _KUNYA:
            kunya = True
        elif word not in _PARTICLES and (len(word) > 1 or word.isdigit()):
            form = _fold(word)
            tokens.append(_Token(form, _skeleton(form), kunya))
            kunya = False
    return NameProfile(name_key(name), tuple(tokens))


def _words(name: str) -> list[str]:
    # A possessive goes ("Hezbollah's"); other apostrophes and dots join ("Kata'ib" =
    # "Kataib", "U.S." = "US"); everything else separates words.
    text = _APOSTROPHE.sub("'", unidecode(name))
    text = re.sub(r"[.']", "", re.sub(r"'s\b", "", text))
    return [word for word in _SEPARATORS.split(text.lower()) if word]


def _strip_titles(words: list[str]) -> list[str]:
    """Drop a leading role phrase and honorifics: "Iraqi Prime Minister Sheikh X" → "X"."""
    roles = [index for index, word in enumerate(words[:_ROLE_WINDOW]) if word in _ROLES]
    if roles:
        rest = words[roles[-1] + 1 :]
        if sum(word not in _PARTICLES for word in rest) >= 2:
            words = rest
    start = 0
    while start < len(words) - 1 and words[start] in _TITLES:
        start += 1
    return words[start:]


def _join_compounds(words: list[str]) -> list[str]:
    """Glue "Abd al-Rahman" → "abdrahman" and "Ansar Allah" → "ansarallah", as often written."""
    joined: list[str] = []
    after_abd = False
    for word in words:
        if after_abd and word in _PARTICLES:
            continue
        if after_abd:
            joined.append("abd" + word)
            after_abd = False
        elif word in _ABD:
            after_abd = True
        elif word in _ALLAH and joined and joined[-1] not in _PARTICLES | _KUNYA:
            joined[-1] += "allah"
        else:
            joined.append(_abd_compound(word))
    return [*joined, "abd"] if after_abd else joined


def _abd_compound(word: str) -> str:
    """ "Abdulrahman", "Abdelrahman", "Abdurrahman" → "abdrahman"; "Abdullah" stays whole."""
    prefix = next((prefix for prefix in _ABD_PREFIXES if word.startswith(prefix)), "")
    rest = word[len(prefix) :]
    if prefix and len(rest) >= 3 and not rest.startswith(_ALLAH_STARTS):
        return "abd" + rest
    return word


def _fold(word: str) -> str:
    for pattern, replacement in _FOLDS:
        word = pattern.sub(replacement, word)
    word = _DOUBLE.sub(r"\1", _fold_y(_DOUBLE.sub(r"\1", word)))
    # A final h after a vowel is silent: Nasrallah/Nasralla, Fatemeh/Fatima.
    if len(word) > 3 and word.endswith("h") and word[-2] in _VOWELS:
        word = word[:-1]
    return word


def _fold_y(word: str) -> str:
    # y is a consonant first and between vowels (Mayadeen, Haniyeh), else a vowel
    # (Husayn = Hussein, Qays = Qais, Yahya = Yehia).
    chars = list(word)
    for index in range(1, len(word) - 1):
        if word[index] == "y" and not (word[index - 1] in _VOWELS and word[index + 1] in _VOWELS):
            chars[index] = "i"
    if len(word) > 1 and word[-1] == "y":
        chars[-1] = "i"
    return "".join(chars)


def _skeleton(form: str) -> str:
    # The plural s and d/z/dh are folded so that every pair tokens_close accepts shares it.
    stem = form[:-1] if form.endswith("s") and len(form) > 3 else form
    return "".join("d" if char in "Dz" else char for char in stem if char not in _VOWELS)


# --- Tokens and names compared ---------------------------------------------------------

_VOWEL_SUBSTITUTION = 0.3  # Baqir/Baqer, Hezbollah/Hizballah
_VOWEL_LENGTHENING = 0.2  # a vowel next to a vowel: Saedi/Saiedi
_VOWEL_EPENTHESIS = 0.5  # a vowel between consonants: Bakr/Bakir, Tehran/Teheran
_CONSONANT = 1.0


def _budget(length: int) -> float:
    """How much vowel difference a token of this length tolerates.

    Short tokens must agree exactly (Saad/Said, Ali/Ala are different names); mid-length
    ones one vowel (Hadi/Huda differ in two); long ones a few (Mohamed/Muhammad).
    """
    if length <= 3:
        return 0.0
    return 0.5 if length <= 5 else 0.9


def tokens_close(a: _Token, b: _Token) -> bool:
    if a.kunya != b.kunya or a.key != b.key:
        return False
    x, y = _without_plural(a.form, b.form)
    if x == y:
        return True
    # A vowel added or dropped at either end changes the word: Iraq/Iraqi, Sudan/Sudani.
    if (x[0] in _VOWELS) != (y[0] in _VOWELS) or (x[-1] in _VOWELS) != (y[-1] in _VOWELS):
        return False
    budget = _budget(min(len(x), len(y)))
    return budget > 0 and _edit_cost(x, y, budget) <= budget


def _without_plural(x: str, y: str) -> tuple[str, str]:
    """Guards/Guard, Houthis/Houthi; not Hamas/Hama (the stem must not end in a)."""
    for plural, single in ((x, y), (y, x)):
        if plural == single + "s" and len(single) >= 4 and single[-1] != "a":
            return single, single
    return x, y


def _edit_cost(x: str, y: str, budget: float) -> float:
    """Weighted Levenshtein distance in which vowels are cheap and consonants dear."""
    previous = [0.0]
    for j in range(1, len(y) + 1):
        previous.append(previous[-1] + _indel(y, j - 1))
    for i in range(1, len(x) + 1):
        current = [previous[0] + _indel(x, i - 1)]
        for j in range(1, len(y) + 1):
            current.append(
                min(
                    previous[j - 1] + _substitution(x[i - 1], y[j - 1]),
                    previous[j] + _indel(x, i - 1),
                    current[j - 1] + _indel(y, j - 1),
                )
            )
        if min(current) > budget:
            return min(current)  # every alignment already costs more than allowed
        previous = current
    return previous[-1]


def _substitution(a: str, b: str) -> float:
    if a == b or ("D" in (a, b) and {a, b} <= {"D", "d", "z"}):
        return 0.0
    return _VOWEL_SUBSTITUTION if a in _VOWELS and b in _VOWELS else _CONSONANT


def _indel(word: str, index: int) -> float:
    if word[index] not in _VOWELS:
        return _CONSONANT
    neighbours = word[index - 1 : index] + word[index + 1 : index + 2]
    return _VOWEL_LENGTHENING if any(c in _VOWELS for c in neighbours) else _VOWEL_EPENTHESIS


def profiles_match(a: NameProfile, b: NameProfile) -> bool:
    """Token by token: the shorter name's given name and surname must both be in the longer."""
    short, long = sorted((a.tokens, b.tokens), key=len)
    if not short:
        return False
    if len(short) == len(long):
        return all(map(tokens_close, short, long))
    if len(short) == 1:
        # A lone kunya ("Abu Baqer") is a full name; a lone surname or "Hezbollah" is not.
        return short[0].kunya and any(tokens_close(short[0], token) for token in long)
    if len(long) - len(short) > MAX_EXTRA_TOKENS:
        return False
    ends_match = tokens_close(short[0], long[0]) and tokens_close(short[-1], long[-1])
    return ends_match and _in_order(short[1:-1], long[1:-1])


def _in_order(needles: tuple[_Token, ...], haystack: tuple[_Token, ...]) -> bool:
    remaining = iter(haystack)
    return all(any(tokens_close(needle, token) for token in remaining) for needle in needles)
