"""A deterministic synthetic site: N briefs and their actors, in the format of SPEC §2–3.

Each brief has a 60–120-word summary, 3–8 actors drawn Zipf-like from a pool of N/2 (a few
actors appear in many briefs, most in one or two, as in real news), 1–4 quotes and 2–4
tags. A fifth of the pool is registered in `briefs/actors/`, some under a non-ASCII name
with an ASCII alias, some under a non-Latin name whose id is transliterated; the rest are
implicit actors, named only in briefs. A third of the summaries link to one of their actors
(`[[name]]`); a quarter of the briefs have a body, which links to the brief before
(`[[id|text]]`). The same seed always writes the same bytes.

Titles, summaries, quotes, roles and bodies are drawn as prose is: words of a 20,000-word
vocabulary by Zipf's law, the commonest being English's own ("the", "of", "and"…), so that
common words sit in nearly every brief and rare ones in few. That is what a search index's
size and a query's cost depend on; drawing every word from a few dozen would put each word
in every brief.

Run: .venv/bin/python bench/corpus.py OUT --briefs 1000 [--seed 0]
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SYLLABLES = words(
    "ka ri to ma ne lo su vi da re ba zo mi fa gu he lu no sa te ki ro pa di mo ve "
    "ta ni bo ze ru ha so me yu ga li pe wa do"
)
# English's commonest words, in order: the head of the prose vocabulary.
COMMON = words(
    "the of and to a in is that for it was on with as he be at by this had not are but from or"
    " have an they which one you were her all she there would their we him been has when who"
    " will more no if out so said what up its about into than them can only other new some"
)
VOCABULARY = 20_000
# Written as the contributor would, with the ASCII alias a newsroom's style guide gives.
ACCENTED = (("á", "a"), ("é", "e"), ("ī", "i"), ("ō", "o"), ("ū", "u"), ("ñ", "n"), ("ç", "c"))
CYRILLIC = dict(zip("kartomnelsuvidbzfghpyw", "картомнелсувидбзфгхпйв", strict=True))
TAGS = words(
    "iraq syria yemen lebanon iran jordan israel gaza red-sea united-states diplomacy "
    "elections energy courts protests sanctions shipping drones"
)
TYPES = ("person", "organization", "armed group", "state", "government", "media outlet")
PUBLISHERS = ("Arab News", "Reuters", "Al-Monitor", "Le Monde", "Süddeutsche Zeitung", "Asharq")
START = date(2015, 1, 1)


def pseudo_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def actor_names(count: int, rng: random.Random) -> list[str]:
    """`count` distinct two-word names; no two are one letter apart, which would be flagged
    as one actor spelled two ways."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = f"{pseudo_word(rng, 3)} {pseudo_word(rng, rng.randint(2, 4))}"
        if name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return names


def accented(name: str, rng: random.Random) -> str:
    plain, marked = rng.choice(ACCENTED)[1], rng.choice(ACCENTED)[0]
    return name.replace(plain, marked, 1) if plain in name else name


def cyrillic(name: str) -> str:
    return "".join(CYRILLIC.get(char.lower(), char) for char in name).title()


def zipf_sampler(size: int, rng: random.Random, exponent: float = 1.1) -> Callable[[], int]:
    """Pick indexes 0..size-1 with probability proportional to 1 / (rank + 1) ** exponent."""
    weights = list(itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(size)))
    total = weights[-1]
    return lambda: min(bisect.bisect_left(weights, rng.random() * total), size - 1)


class Prose:
    """Seeded text whose word frequencies follow Zipf's law (exponent 1, as in English) over
    a vocabulary of `COMMON` then made-up words of two to four syllables."""

    def __init__(self, rng: random.Random) -> None:
        vocabulary = dict.fromkeys(COMMON)
        while len(vocabulary) < VOCABULARY:
            vocabulary[pseudo_word(rng, rng.randint(2, 4)).lower()] = None
        self.words = list(vocabulary)
        self.pick = zipf_sampler(VOCABULARY, rng, exponent=1.0)

    def text(self, length: int) -> str:
        return " ".join(self.words[self.pick()] for _ in range(length))

    def sentence(self, length: int) -> str:
        return self.text(length).capitalize() + "."


class Writer:
    """Writes the files of one corpus, every word drawn from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.prose = rng, Prose(rng)

    def actor(self, folder: Path, index: int, name: str) -> None:
        """Write one registered actor; briefs name it by `name`, its name or its alias."""
        lines = ["---"]
        if index % 7 == 1:  # a non-Latin name: the id is transliterated, briefs use the alias
            lines += [f"name: {cyrillic(name)}", f"aliases: [{name}]"]
        elif index % 7 == 2:  # a name with diacritics, and its plain spelling as an alias
            lines += [f"name: {accented(name, self.rng)}", f"aliases: [{name}]"]
        else:
            lines.append(f"name: {name}")
        lines += [f"type: {TYPES[index % len(TYPES)]}", f"description: {self.prose.sentence(8)}"]
        if index % 3 == 0:
            lines.append(f"wikidata: Q{1000 + index}")
        lines += ["---", self.prose.sentence(40), ""]
        (folder / f"actor-{index:05d}.md").write_text("\n".join(lines), encoding="utf-8")

    def brief(self, index: int, day: date, cast: list[str], before: str | None) -> str:
        """The text of one brief; `before` is the id of the brief written before it."""
        rng, prose = self.rng, self.prose
        listed = "\n".join(f"  - name: {name}\n    role: {prose.text(3)}" for name in cast)
        quotes = "\n".join(
            f"  - by: {rng.choice(cast)}\n    text: {prose.text(rng.randint(6, 18))}"
            for _ in range(rng.randint(1, 4))
        )
        tags = ", ".join(rng.sample(TAGS, rng.randint(2, 4)))
        summary = prose.sentence(rng.randint(60, 120))
        if index % 3 == 0:
            summary += f" [[{rng.choice(cast)}]]."
        body = ""
        if index % 4 == 0:
            body = prose.sentence(30) + (
                f" See [[{before}|the brief before]].\n" if before else "\n"
            )
        return (
            f"---\ntitle: {prose.text(5).capitalize()} {index}\ndate: {day.isoformat()}\n"
            f"source:\n  url: https://news.example.org/{day.year}/{index}\n"
            f"  publisher: {rng.choice(PUBLISHERS)}\n"
            f"summary: >\n  {summary}\nactors:\n{listed}\nquotes:\n{quotes}\ntags: [{tags}]\n"
            # One brief in a hundred was renamed: its old URL gets a redirect page.
            + (f"redirect_from: [old-brief-{index}]\n" if index % 100 == 0 else "")
            + "---\n"
            + body
        )


def write_corpus(root: Path, briefs: int, seed: int = 0) -> None:
    """Write `briefs` briefs under root/briefs (in year folders) and their registered actors."""
    rng = random.Random(seed)
    writer = Writer(rng)
    names = actor_names(max(10, briefs // 2), rng)
    rng.shuffle(names)
    actors_folder = root / "briefs" / "actors"
    actors_folder.mkdir(parents=True, exist_ok=True)
    for index, name in enumerate(names[: len(names) // 5]):
        writer.actor(actors_folder, index, name)
    pick = zipf_sampler(len(names), rng)
    before = None
    for index in range(briefs):
        day = START + timedelta(days=index * 3653 // max(briefs, 1))
        wanted, cast_set = rng.randint(3, 8), set[str]()
        while len(cast_set) < wanted:
            cast_set.add(names[pick()])
        folder = root / "briefs" / str(day.year)
        folder.mkdir(exist_ok=True)
        name = f"{day.isoformat()}-brief-{index:05d}"
        text = writer.brief(index, day, sorted(cast_set), before)
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
        before = name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="site folder to write briefs/ into")
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    write_corpus(arguments.out, arguments.briefs, arguments.seed)


if __name__ == "__main__":
    main()
