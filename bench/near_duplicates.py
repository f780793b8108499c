"""How well near-duplicate actors are found, and how fast.

1. Precision, recall and F1 of `names_look_alike` on tests/data/name_pairs.tsv, with every
   miss and every false alarm listed.
2. The time `near_duplicate_warnings` takes on a synthetic registry (deterministic, from
   random.Random(0)): registered actors with aliases, implicit actors, and briefs naming
   them, many spelled as transliteration variants of one another. Two sizes are timed to
   show how the cost grows.

Run: .venv/bin/python bench/near_duplicates.py
"""

from __future__ import annotations

import csv
import random
import time
from datetime import date, timedelta
from pathlib import Path

from briefsite.model import Actor, Brief, Location, Source
from briefsite.names import names_look_alike
from briefsite.resolve import CastMember, Resolution, ResolvedBrief
from briefsite.similar import near_duplicate_warnings
from briefsite.slugs import name_key, slug

PAIRS_FILE = Path(__file__).resolve().parent.parent / "tests" / "data" / "name_pairs.tsv"
SIZES = ((1_000, 2_500, 5_000), (2_000, 5_000, 10_000))
"""(registered actors, implicit actors, briefs) per run."""


def words(text: str) -> list[str]:
    return text.split()


GIVEN = words(
    "Mohammed Ali Hassan Hussein Ahmad Abbas Jaafar Qassem Hadi Mahdi Mustafa Ibrahim Ismail "
    "Yahya Omar Khalid Faleh Qais Akram Wisam Haidar Karim Saad Nouri Ammar Muqtada Hamid "
    "Majid Salman Abdul-Rahman Abdullah Jawad Reza Hossein Mojtaba Esmail Mahmoud Yasser "
    "Nasser Laith Falih Sadegh Bagher Hashem Naim Adel Ayad Kadhim Ghazi Rami Tariq Ziad"
)
SURNAMES = words(
    "al-Saadi al-Hamidawi al-Kaabi al-Sudani al-Maliki al-Amiri al-Khazali al-Muhandis "
    "al-Mohammadawi al-Fayyadh al-Hakim al-Sadr al-Jubouri al-Dulaimi al-Tamimi al-Shammari "
    "al-Obeidi al-Husseini al-Askari al-Basri al-Zaidi al-Rubaie al-Kadhimi al-Halbousi "
    "al-Issawi al-Janabi al-Karbalai al-Mousawi al-Araji al-Asadi Soleimani Qaani Raisi "
    "Larijani Araghchi Zarif Salami Bagheri Nasrallah Safieddine Rezaei Velayati Ghalibaf "
    "Shamkhani Hajizadeh Mohseni Khatami Jalili Vahidi Naqdi"
)
UNITS = words("Kataib Saraya Liwa Harakat Asaib Quwat Jaish Tajammu")
CAUSES = words(
    "Hezbollah al-Haq al-Nujaba al-Shuhada al-Salam Ashura Badr Imam-Ali al-Abbas "
    "al-Khorasani al-Wad al-Sadiq Ahl-al-Haq Sayyid-al-Shuhada al-Mukhtar Thar-Allah"
)
VARIANTS = (
    ("q", "k"),
    ("k", "q"),
    ("e", "i"),
    ("i", "e"),
    ("ou", "u"),
    ("u", "ou"),
    ("ss", "s"),
    ("s", "ss"),
    ("mm", "m"),
    ("dh", "d"),
    ("al-", "Al "),
    ("ee", "i"),
    ("a", "aa"),
    ("Hezbollah", "Hizballah"),
    ("Kataib", "Kata'ib"),
)


def main() -> None:
    print("Labelled pairs:", PAIRS_FILE.name)
    print_quality()
    print()
    for registered, implicit, briefs in SIZES:
        print_timing(registered, implicit, briefs)


def print_quality() -> None:
    with PAIRS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    outcome: dict[str, list[tuple[str, str]]] = {"TP": [], "FP": [], "FN": [], "TN": []}
    for row in rows:
        same, alike = row["label"] == "same", names_look_alike(row["name_a"], row["name_b"])
        kind = ("T" if same == alike else "F") + ("P" if alike else "N")
        outcome[kind].append((row["name_a"], row["name_b"]))
    tp, fp, fn, tn = (len(outcome[kind]) for kind in ("TP", "FP", "FN", "TN"))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"  pairs {len(rows)}: TP {tp}  FP {fp}  FN {fn}  TN {tn}")
    print(f"  precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    for kind, label in (("FN", "missed (same, not found)"), ("FP", "false alarm (different)")):
        for a, b in outcome[kind]:
            print(f"  {label}: {a!r} / {b!r}")


def print_timing(registered: int, implicit: int, briefs: int) -> None:
    resolution = synthetic_resolution(registered, implicit, briefs, random.Random(0))
    spellings = sum(1 + len(actor.aliases) for actor in resolution.actors.values())
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        warnings = near_duplicate_warnings(resolution)
        best = min(best, time.perf_counter() - start)
    print(
        f"{registered:>5} registered + {implicit:>5} implicit actors ({spellings} spellings), "
        f"{briefs} briefs: {best:.2f} s, {len(warnings)} warnings (best of 3)"
    )


def synthetic_resolution(
    registered: int, implicit: int, briefs: int, rng: random.Random
) -> Resolution:
    taken: set[str] = set()
    actors: list[Actor] = []
    while len(actors) < registered:
        name = fresh_name(rng)
        aliases = tuple(variant(name, rng) for _ in range(rng.randint(0, 3)))
        aliases = tuple(
            alias for alias in dict.fromkeys(aliases) if name_key(alias) != name_key(name)
        )
        if claim(taken, name, *aliases):
            location = Location(f"briefs/actors/{slug(name)}.md", 1, 1)
            actors.append(Actor(slug(name), name, location, aliases=aliases))
    names = [actor.name for actor in actors]
    implicit_actors: list[Actor] = []
    while len(implicit_actors) < implicit:
        # Two in five spell a registered name another way, one in five another implicit name.
        roll = rng.random()
        pool = names if roll < 0.4 else [a.name for a in implicit_actors] if roll < 0.6 else []
        name = variant(rng.choice(pool), rng) if pool else fresh_name(rng)
        if claim(taken, name):
            line = 7 + len(implicit_actors) % 3
            location = Location(f"briefs/{len(implicit_actors):05d}.md", line, 5)
            implicit_actors.append(Actor(slug(name), name, location, registered=False))
    everyone = actors + implicit_actors
    return Resolution(make_briefs(everyone, briefs, rng), {a.id: a for a in everyone})


def claim(taken: set[str], *names: str) -> bool:
    """Reserve names' keys and ids as resolve would; False if any is already someone's."""
    keys = {name_key(name) for name in names} | {"id:" + slug(names[0])}
    if "" in keys or keys & taken:
        return False
    taken |= keys
    return True


def fresh_name(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.2:
        return f"Abu {rng.choice(GIVEN)} {rng.choice(SURNAMES)}"
    if kind < 0.35:
        return f"{rng.choice(UNITS)} {rng.choice(CAUSES).replace('-', ' ')}"
    middle = f" {rng.choice(GIVEN)}" if rng.random() < 0.3 else ""
    return f"{rng.choice(GIVEN)}{middle} {rng.choice(SURNAMES)}"


def variant(name: str, rng: random.Random) -> str:
    """The name with one or two of the spelling changes transliterators make."""
    for _ in range(rng.randint(1, 2)):
        old, new = rng.choice(VARIANTS)
        if old in name:
            name = name.replace(old, new, 1)
    return name


def make_briefs(actors: list[Actor], count: int, rng: random.Random) -> tuple[ResolvedBrief, ...]:
    first = date(2020, 1, 1)
    made = []
    for index in range(count):
        cast = rng.sample(actors, rng.randint(1, 4))
        brief = Brief(
            id=f"b{index:05d}",
            title="A brief",
            date=first + timedelta(days=index % 1500),
            source=Source(f"https://example.org/{index}"),
            summary="Something happened.",
            mentions=(),
            quotes=(),
            tags=(),
            body="",
            location=Location(f"briefs/b{index:05d}.md", 1, 1),
        )
        made.append(ResolvedBrief(brief, tuple(CastMember(a.id, None, a.name) for a in cast), ()))
    return tuple(made)


if __name__ == "__main__":
    main()
