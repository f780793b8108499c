"""A deterministic synthetic site: N briefs and their actors, in the format of SPEC §2–3.

Each brief has a 60–120-word summary, 3–8 actors drawn Zipf-like from a pool of N/2 (a few
actors appear in many briefs, most in one or two, as in real news), 1–4 quotes and 2–4
tags. A fifth of the pool is registered in `briefs/actors/`, some under a non-ASCII name
with an ASCII alias, some under a non-Latin name whose id is transliterated; the rest are
implicit actors, named only in briefs. The same seed always writes the same bytes.

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
# Written as the contributor would, with the ASCII alias a newsroom's style guide gives.
ACCENTED = (("á", "a"), ("é", "e"), ("ī", "i"), ("ō", "o"), ("ū", "u"), ("ñ", "n"), ("ç", "c"))
CYRILLIC = dict(zip("kartomnelsuvidbzfghpyw", "картомнелсувидбзфгхпйв", strict=True))
WORDS = words(
    "strike drone base militia statement forces attack government group commander ceasefire "
    "retaliation border convoy rocket sovereignty envoy talks province council election "
    "pipeline harbour refinery court minister embassy protest sanctions parliament airport "
    "negotiation hostage withdrawal patrol checkpoint village district reporter agency"
)
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
    return lambda: bisect.bisect_left(weights, rng.random() * total)


def sentence(rng: random.Random, length: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(length))


def write_actor(folder: Path, index: int, name: str, rng: random.Random) -> None:
    """Write one registered actor; briefs name it by `name`, its name or its alias."""
    lines = ["---"]
    if index % 7 == 1:  # a non-Latin name: the id is transliterated, briefs use the Latin alias
        lines += [f"name: {cyrillic(name)}", f"aliases: [{name}]"]
    elif index % 7 == 2:  # a name with diacritics, and its plain spelling as an alias
        lines += [f"name: {accented(name, rng)}", f"aliases: [{name}]"]
    else:
        lines.append(f"name: {name}")
    lines += [f"type: {TYPES[index % len(TYPES)]}", f"description: {sentence(rng, 8)}."]
    if index % 3 == 0:
        lines.append(f"wikidata: Q{1000 + index}")
    lines += ["---", f"{sentence(rng, 40).capitalize()}.", ""]
    (folder / f"actor-{index:05d}.md").write_text("\n".join(lines), encoding="utf-8")


def brief_text(index: int, day: date, cast: list[str], rng: random.Random) -> str:
    listed = "\n".join(f"  - name: {name}\n    role: {sentence(rng, 3)}" for name in cast)
    quotes = "\n".join(
        f"  - by: {rng.choice(cast)}\n    text: {sentence(rng, rng.randint(6, 18))}"
        for _ in range(rng.randint(1, 4))
    )
    tags = ", ".join(rng.sample(TAGS, rng.randint(2, 4)))
    summary = sentence(rng, rng.randint(60, 120)).capitalize()
    return (
        f"---\ntitle: {sentence(rng, 5).capitalize()} {index}\ndate: {day.isoformat()}\n"
        f"source:\n  url: https://news.example.org/{day.year}/{index}\n"
        f"  publisher: {rng.choice(PUBLISHERS)}\n"
        f"summary: >\n  {summary}.\nactors:\n{listed}\nquotes:\n{quotes}\ntags: [{tags}]\n"
        # One brief in a hundred was renamed: its old URL gets a redirect page.
        + (f"redirect_from: [old-brief-{index}]\n" if index % 100 == 0 else "")
        + "---\n"
        + (f"{sentence(rng, 30).capitalize()}.\n" if index % 4 == 0 else "")
    )


def write_corpus(root: Path, briefs: int, seed: int = 0) -> None:
    """Write `briefs` briefs under root/briefs (in year folders) and their registered actors."""
    rng = random.Random(seed)
    names = actor_names(max(10, briefs // 2), rng)
    rng.shuffle(names)
    actors_folder = root / "briefs" / "actors"
    actors_folder.mkdir(parents=True, exist_ok=True)
    for index, name in enumerate(names[: len(names) // 5]):
        write_actor(actors_folder, index, name, rng)
    pick = zipf_sampler(len(names), rng)
    for index in range(briefs):
        day = START + timedelta(days=index * 3653 // max(briefs, 1))
        wanted, cast_set = rng.randint(3, 8), set[str]()
        while len(cast_set) < wanted:
            cast_set.add(names[pick()])
        cast = sorted(cast_set)
        folder = root / "briefs" / str(day.year)
        folder.mkdir(exist_ok=True)
        text = brief_text(index, day, cast, rng)
        (folder / f"{day.isoformat()}-brief-{index:05d}.md").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="site folder to write briefs/ into")
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    write_corpus(arguments.out, arguments.briefs, arguments.seed)


if __name__ == "__main__":
    main()
