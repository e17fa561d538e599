"""Seeded generator of realistic Arabic- and Persian-origin name lists for benchmarking namefold.

A list is built from people, not from strings. Each person has a given name, perhaps a father's
name (sometimes joined with bin / ibn), perhaps a kunya (Abu X) and a surname or nisba; the name
lists are drawn with Zipf-like weights, so a few given names (Muhammad, Ahmad, Ali) are very
common. Each person is then mentioned in 1-6 spellings, some of them repeated, and every spelling
goes through one transliteration convention (scholarly, English press, French, Persian, Egyptian)
that rewrites letters the way real sources do: u/o/ou, i/e/ee, doubled consonants, q/k/g, dh/z/d,
th/s/t, kh/h, sh/ch, j/dj/g, al-/el-/Al /no article, Abdul/Abdel/Abd al-. About 5% of people
have English or Spanish names.

The same (n, seed) always gives the same list: all randomness comes from one random.Random(seed)
and nothing iterates over a set.

    python bench/make_names.py 1000 --seed 7 > names.txt
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from random import Random

# --- Name lists: most common first (the Zipf weights follow this order). -------------------------
# Arabic names are in a scholarly-ish base spelling (Husayn, Qasim, Dhiya); the conventions below
# turn them into press spellings (Hussein, Kassem, Zia). Persian names are in their usual Persian
# spelling. "Abd al-X" and "X al-Din" are compounds and are spelled as such.

MALE_GIVEN: tuple[str, ...] = (
    "Muhammad", "Ahmad", "Ali", "Husayn", "Hasan", "Mahmud", "Abdullah", "Umar", "Ibrahim", "Yusuf",
    "Khalid", "Mustafa", "Abd al-Rahman", "Said", "Salih", "Abd al-Aziz", "Karim", "Hamid", "Jamal",
    "Tariq", "Walid", "Nasir", "Faisal", "Adil", "Rashid", "Qasim", "Kazim", "Jafar", "Uthman",
    "Sulayman", "Ismail", "Ayman", "Haytham", "Samir", "Majid", "Fadil", "Ziyad", "Zayd", "Anwar",
    "Bashir", "Hamza", "Bilal", "Abd al-Karim", "Abd al-Latif", "Abd al-Wahhab", "Abd al-Qadir",
    "Nur al-Din", "Salah al-Din", "Izz al-Din", "Shams al-Din", "Muthanna", "Dhiya", "Raad",
    "Sadiq", "Munir", "Yasin", "Idris", "Musa", "Isa", "Harun", "Ghassan", "Marwan", "Nabil",
    "Riyad", "Hisham", "Amir", "Talal", "Thamir", "Imad", "Mahdi", "Ridha", "Reza", "Hossein",
    "Mohsen", "Javad", "Mehdi", "Alireza", "Gholam", "Saeed", "Farhad", "Dariush", "Behrouz",
    "Babak", "Kourosh", "Parviz",
)  # fmt: skip

FEMALE_GIVEN: tuple[str, ...] = (
    "Fatima", "Aisha", "Zaynab", "Maryam", "Khadija", "Layla", "Nur", "Huda", "Amal", "Samira",
    "Rania", "Yasmin", "Salma", "Hanan", "Suad", "Zahra", "Fatemeh", "Narges", "Shirin", "Leila",
)  # fmt: skip

# "al-X" is a nisba or laqab that takes the article; the others are family names without it.
SURNAMES: tuple[str, ...] = (
    "al-Tamimi", "al-Jubouri", "al-Dulaymi", "al-Ubaydi", "al-Shammari", "Haddad", "al-Masri",
    "al-Hashimi", "Hosseini", "Rahimi", "al-Qahtani", "al-Utaybi", "al-Ghamidi", "al-Zahrani",
    "Mousavi", "Kazemi", "al-Harbi", "al-Mutayri", "Ahmadi", "Mohammadi", "al-Baghdadi", "al-Basri",
    "al-Mawsili", "al-Tikriti", "al-Ani", "Karimi", "Jafari", "Sadeghi", "Rezaei", "Hashemi",
    "Najafi", "Ghorbani", "Tehrani", "Shirazi", "Esfahani", "Soleimani", "Larijani", "al-Kadhimi",
    "al-Maliki", "al-Sadr", "al-Hakim", "al-Amiri", "al-Kubaysi", "al-Khazraji", "al-Azzawi",
    "al-Rubayi", "al-Zubaydi", "al-Halabi", "al-Shami", "al-Dimashqi", "al-Najjar", "al-Attar",
    "al-Khatib", "al-Askari", "Khoury", "Nasrallah", "Mansur", "Hamdan", "Khalil", "Darwish",
    "Barakat", "Saleh", "Qasim", "Aziz", "Abbas", "Yasin", "Awad", "Shakir", "Jabir", "al-Rashid",
    "al-Hilli", "al-Karbalai", "al-Najafi", "al-Muhandis", "al-Fayyad", "al-Khiqani", "al-Ghanimi",
    "al-Saidi", "al-Zuhayri", "Mashhadani", "Rafsanjani", "Velayati",
)  # fmt: skip

# Other given names for kunyas (Abu Bakr, Abu Mahdi), as well as the given names above.
KUNYA_NAMES: tuple[str, ...] = ("Bakr", "Mahdi", "Ali", "Muhammad", "Umar", "Hamza", "Abdullah", "Yusuf")

OTHER_GIVEN: tuple[str, ...] = (
    "James", "John", "Robert", "Michael", "William", "David", "Richard", "Thomas", "Mary", "Sarah",
    "Elizabeth", "Jennifer", "Emily", "Daniel", "Laura", "Peter", "José", "Juan", "Luis", "Carlos",
    "Jorge", "Miguel", "María", "Carmen", "Ana", "Lucía", "Sofía", "Javier", "Andrés", "Isabel",
)  # fmt: skip

OTHER_SURNAMES: tuple[str, ...] = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor",
    "Anderson", "Clark", "Walker", "García", "Rodríguez", "Martínez", "López", "González", "Pérez",
    "Sánchez", "Ramírez", "Torres", "Flores", "Gómez", "Díaz", "Moreno", "Jiménez", "Romero",
    "Herrera", "Castillo", "Vargas",
)  # fmt: skip

TITLES: tuple[str, ...] = ("Sheikh", "Dr.", "Gen.", "Sayyid", "Hajji", "Maj. Gen.", "Imam", "Mullah")
ACCENTS = str.maketrans("áéíóúñü", "aeiounu")
SUN_LETTERS = "tdrzsn"  # al-Tamimi is said at-Tamimi (only spellings that show it: ad-, ar-, as-, ...)

# --- Transliteration conventions ----------------------------------------------------------------


@dataclass(frozen=True)
class Convention:
    """How one kind of source writes Arabic and Persian names: probabilities of each rewrite."""

    name: str
    rewrites: dict[str, float]  # rewrite -> probability at each place it could apply
    articles: tuple[tuple[str, float], ...]  # (form, weight); "" = no article, "+" = fused (Altamimi)
    abd: tuple[tuple[str, float], ...]  # how Abd al-X is written; X stands for the second word
    din: tuple[tuple[str, float], ...]  # how X al-Din is written
    kunya: tuple[tuple[str, float], ...]  # Abu / Abou / Abo
    nasab: tuple[tuple[str, float], ...]  # bin / ibn / ben
    keep_apostrophe: float = 0.0  # Sa'id, Ja'far


# Rewrites, applied to lowercase words in this order, each with the convention's probability at
# every place its pattern matches. The replacement None is the doubling rule: a doubled consonant
# becomes single, a single one double.
REWRITES: tuple[tuple[str, str, str | None], ...] = (
    ("dh>z", "dh", "z"),  # Kadhimi -> Kazimi
    ("dh>d", "dh", "d"),  # Dhiya -> Diya
    ("th>s", "th", "s"),  # Uthman -> Usman
    ("th>t", "th", "t"),  # Uthman -> Utman
    ("kh>h", "kh", "h"),  # Khalid -> Halid
    ("sh>ch", "sh", "ch"),  # Shams -> Chams
    ("q>k", "q", "k"),  # Qasim -> Kasim
    ("q>g", "q", "g"),  # Qasim -> Gasim
    ("q>gh", "q", "gh"),  # Qasim -> Ghasim
    ("j>dj", "j", "dj"),  # Jamal -> Djamal
    ("j>g", "j", "g"),  # Jamal -> Gamal
    ("double>single", r"([bdfklmnrstyz])\1", None),  # Hassan -> Hasan
    ("single>double", r"(?<=[aeiouy])(s)(?=[aeiouy])", None),  # Hasan -> Hassan, Yusuf -> Youssef
    ("ay>ai", r"ay(?![aeiouy])", "ai"),  # Zayd -> Zaid
    ("ay>ei", r"ay(?![aeiouy])", "ei"),  # Husayn -> Husein
    ("iya>ia", "iya", "ia"),  # Ziyad -> Ziad
    ("w>ou", r"(?<=[aeiou])w", "ou"),  # Awad -> Aouad
    ("u>o", r"(?<![ao])u", "o"),  # Muhammad -> Mohammad
    ("u>ou", r"(?<![ao])u", "ou"),  # Yusuf -> Youssouf
    ("u>oo", r"(?<![ao])u(?=[dmr]$)", "oo"),  # Nur -> Noor
    ("i>e", r"(?<!^)(?<![aeo])i(?![aeiou]|$)", "e"),  # Kazimi -> Kazemi (never the final i)
    ("i>ee", r"(?<!^)(?<![aeo])i(?![aeiou]|$)", "ee"),  # Karim -> Kareem
    ("a>e", r"(?<=m)a(?=d$)", "e"),  # Ahmad -> Ahmed, Muhammad -> Muhammed
    ("i>y", r"(?<=[^aeiou])i$", "y"),  # al-Masri -> El-Masry
)

_WEIGHTED = tuple[tuple[str, float], ...]
_ART_ARABIC: _WEIGHTED = (("al-", 6), ("Al-", 3), ("al ", 1), ("Al ", 1), ("", 1.5), ("+", 0.3))
_ABD_ARABIC: _WEIGHTED = (("Abd al-X", 4), ("Abdul X", 3), ("Abdul-X", 1), ("Abdulx", 1), ("Abd el-X", 0.3))

CONVENTIONS: tuple[tuple[Convention, float], ...] = (
    (
        Convention(
            "scholarly",
            {"double>single": 0.05, "u>o": 0.02, "i>e": 0.02},
            _ART_ARABIC,
            (("Abd al-X", 1),),
            (("X al-Din", 5), ("X ad-Din", 1)),
            (("Abu", 1),),
            (("ibn", 2), ("bin", 1)),
            keep_apostrophe=0.6,
        ),
        2.0,
    ),
    (
        Convention(
            "english-press",
            {
                "dh>z": 0.2, "th>s": 0.05, "kh>h": 0.05, "q>k": 0.5, "q>g": 0.05, "double>single": 0.2,
                "single>double": 0.15, "ay>ai": 0.5, "ay>ei": 0.4, "iya>ia": 0.6, "u>o": 0.5,
                "u>oo": 0.08, "i>e": 0.25, "i>ee": 0.1, "a>e": 0.6,
            },
            _ART_ARABIC,
            _ABD_ARABIC,
            (("X al-Din", 2), ("Xeddin", 1), ("Xuddin", 1)),
            (("Abu", 8), ("Abou", 1)),
            (("bin", 3), ("ibn", 1)),
        ),
        4.0,
    ),
    (
        Convention(
            "french",
            {
                "dh>d": 0.2, "th>t": 0.3, "q>k": 0.6, "sh>ch": 0.8, "j>dj": 0.7, "double>single": 0.1,
                "single>double": 0.3, "ay>ai": 0.3, "ay>ei": 0.4, "iya>ia": 0.7, "w>ou": 0.6,
                "u>ou": 0.8, "i>e": 0.2, "a>e": 0.5,
            },
            (("el-", 4), ("El-", 2), ("al-", 2), ("El ", 1), ("", 1), ("+", 0.3)),
            (("Abdel X", 4), ("Abdelx", 2), ("Abd el-X", 1)),
            (("Xeddine", 4), ("X el-Din", 1)),
            (("Abou", 4), ("Abu", 1)),
            (("ben", 4), ("bin", 1)),
        ),
        1.0,
    ),
    (
        Convention(
            "persian",
            {
                "dh>z": 0.9, "th>s": 0.8, "q>gh": 0.6, "double>single": 0.3, "ay>ei": 0.8,
                "iya>ia": 0.5, "u>o": 0.7, "u>ou": 0.2, "i>e": 0.6, "a>e": 0.1,
            },
            (("", 6), ("al-", 1), ("Al-", 1)),
            (("Abdol X", 2), ("Abdolx", 2), ("Abdul X", 1)),
            (("Xeddin", 2), ("X al-Din", 1)),
            (("Abu", 1), ("Abol", 0.2)),
            (("ibn", 1), ("bin", 1)),
        ),
        1.5,
    ),
    (
        Convention(
            "egyptian-levantine",
            {
                "dh>z": 0.6, "dh>d": 0.3, "th>s": 0.4, "th>t": 0.3, "q>g": 0.3, "q>k": 0.3,
                "j>g": 0.4, "double>single": 0.15, "single>double": 0.2, "ay>ei": 0.7,
                "iya>ia": 0.5, "u>o": 0.6, "u>ou": 0.2, "i>e": 0.4, "a>e": 0.6, "i>y": 0.4,
            },
            (("El-", 3), ("el-", 2), ("Al-", 1), ("", 1), ("+", 0.5)),
            (("Abdel X", 4), ("Abdul X", 1), ("Abdelx", 1)),
            (("X el-Din", 1), ("Xeddin", 2), ("Xeldin", 1)),
            (("Abu", 3), ("Abou", 2)),
            (("bin", 1), ("ibn", 1)),
        ),
        1.5,
    ),
)  # fmt: skip

_COMPILED = tuple((name, re.compile(pattern), out) for name, pattern, out in REWRITES)


def _pick(rng: Random, options: _WEIGHTED) -> str:
    return rng.choices([o for o, _ in options], [w for _, w in options])[0]


def _zipf(count: int, exponent: float) -> list[float]:
    """Cumulative Zipf weights for ranks 1..count."""
    return list(itertools.accumulate(1.0 / rank**exponent for rank in range(1, count + 1)))


def _capitalize(word: str) -> str:
    return word[:1].upper() + word[1:]


def _rewriter(rng: Random, p: float, replacement: str | None) -> Callable[[re.Match[str]], str]:
    """A re.sub callback that rewrites each match with probability p."""

    def rewrite(m: re.Match[str]) -> str:
        if rng.random() >= p:
            return m.group(0)
        if replacement is None:  # collapse a doubled consonant, or double a single one
            return m.group(1) if len(m.group(0)) == 2 else m.group(1) * 2
        return replacement

    return rewrite


def spell_word(word: str, convention: Convention, rng: Random) -> str:
    """One word (no spaces, no article) spelled in a convention: each rewrite fires at random."""
    apostrophe = "'" in word and rng.random() < convention.keep_apostrophe
    text = word.lower() if apostrophe else word.lower().replace("'", "")
    for name, pattern, replacement in _COMPILED:
        p = convention.rewrites.get(name, 0.0)
        if p > 0.0:
            text = pattern.sub(_rewriter(rng, p, replacement), text)
    return _capitalize(text)


def spell_article(word: str, convention: Convention, rng: Random) -> str:
    """A word that takes the article (tamimi): al-Tamimi, El-Tamimi, Al Tamimi, Altamimi, Tamimi."""
    stem = spell_word(word, convention, rng)
    form = _pick(rng, convention.articles)
    if form in ("al-", "el-") and stem[0].lower() in SUN_LETTERS and rng.random() < 0.1:
        form = f"a{stem[0].lower()}-"  # ad-Dulaymi, as-Sadr
    if form == "+":
        return _capitalize(_pick(rng, (("al", 2), ("el", 1)))) + stem.lower()
    return form + stem


def spell_given(given: str, convention: Convention, rng: Random) -> str:
    """A given name, with compounds: Abd al-Rahman -> Abdul Rahman / Abdelrahman; Nur al-Din -> Nureddine."""
    if given.startswith("Abd al-"):
        second = spell_word(given.removeprefix("Abd al-"), convention, rng)
        form = _pick(rng, convention.abd)
        return form.replace("X", second).replace("x", second.lower())
    if given.endswith(" al-Din"):
        first = spell_word(given.removesuffix(" al-Din"), convention, rng)
        form = _pick(rng, convention.din)
        return form.replace("X", first)
    return spell_word(given, convention, rng)


def spell_surname(surname: str, convention: Convention, rng: Random) -> str:
    if surname.startswith("al-"):
        return spell_article(surname.removeprefix("al-"), convention, rng)
    stem = spell_word(surname, convention, rng)
    if rng.random() < 0.05:  # family names are sometimes written with the article (al-Haddad)
        return spell_article(surname, convention, rng)
    return stem


# --- People and their mentions ------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """One person: the parts their name is built from."""

    given: str
    surname: str
    father: str = ""
    kunya: str = ""  # the name after Abu / Umm
    female: bool = False
    foreign: bool = False  # English or Spanish name: no Arabic conventions apply


@dataclass
class _Lists:
    """Name lists with cumulative Zipf weights, ready for rng.choices."""

    male: list[float] = field(default_factory=lambda: _zipf(len(MALE_GIVEN), 1.05))
    female: list[float] = field(default_factory=lambda: _zipf(len(FEMALE_GIVEN), 1.0))
    surnames: list[float] = field(default_factory=lambda: _zipf(len(SURNAMES), 0.8))
    kunya: list[float] = field(default_factory=lambda: _zipf(len(KUNYA_NAMES), 1.0))
    other_given: list[float] = field(default_factory=lambda: _zipf(len(OTHER_GIVEN), 0.7))
    other_surnames: list[float] = field(default_factory=lambda: _zipf(len(OTHER_SURNAMES), 0.7))


def _choose(rng: Random, names: Sequence[str], cum_weights: list[float]) -> str:
    return rng.choices(names, cum_weights=cum_weights)[0]


def make_person(rng: Random, lists: _Lists) -> Person:
    if rng.random() < 0.05:
        return Person(
            _choose(rng, OTHER_GIVEN, lists.other_given),
            _choose(rng, OTHER_SURNAMES, lists.other_surnames),
            foreign=True,
        )
    female = rng.random() < 0.2
    given = _choose(rng, FEMALE_GIVEN, lists.female) if female else _choose(rng, MALE_GIVEN, lists.male)
    father = _choose(rng, MALE_GIVEN, lists.male) if rng.random() < 0.35 else ""
    kunya = ""
    if rng.random() < 0.12:
        kunya = (
            _choose(rng, KUNYA_NAMES, lists.kunya)
            if rng.random() < 0.5
            else _choose(rng, MALE_GIVEN, lists.male)
        )
    return Person(given, _choose(rng, SURNAMES, lists.surnames), father, kunya, female)


def spell_foreign(person: Person, rng: Random) -> str:
    given, surname = person.given, person.surname
    if rng.random() < 0.3:
        given, surname = given.translate(ACCENTS), surname.translate(ACCENTS)
    r = rng.random()
    if r < 0.1:
        return f"{given} {rng.choice('ABCDEJLMR')}. {surname}"
    if r < 0.15:
        return f"{surname.upper()}, {given}"
    if r < 0.2:
        return surname
    return f"{given} {surname}"


def spell_person(person: Person, rng: Random) -> str:
    """One mention of a person in one convention, in one of the shapes names are written in."""
    if person.foreign:
        return spell_foreign(person, rng)
    convention = rng.choices([c for c, _ in CONVENTIONS], [w for _, w in CONVENTIONS])[0]
    surname = spell_surname(person.surname, convention, rng)
    if rng.random() < 0.04:
        return surname  # a bare surname: "al-Tamimi said"
    parts: list[str] = []
    if person.kunya:
        prefix = _pick(rng, convention.kunya) if not person.female else "Umm"
        kunya = f"{prefix} {spell_given(person.kunya, convention, rng)}"
        if rng.random() < 0.5:  # nom de guerre: Abu Mahdi al-Muhandis
            return f"{kunya} {surname}"
        if rng.random() < 0.5:
            parts.append(kunya)
    parts.append(spell_given(person.given, convention, rng))
    if person.father and rng.random() < 0.6:
        father = spell_given(person.father, convention, rng)
        if rng.random() < 0.4:
            connector = "bint" if person.female else _pick(rng, convention.nasab)
            father = f"{connector} {father}"
        parts.append(father)
    parts.append(surname)
    if rng.random() < 0.04:
        parts.insert(0, rng.choice(TITLES))
    if rng.random() < 0.02:
        return f"{surname.upper()}, {' '.join(parts[:-1])}"  # sanctions-list style
    if rng.random() < 0.01:
        return " ".join(parts).upper()
    return " ".join(parts)


def generate_people(n: int, seed: int = 0) -> list[tuple[str, int]]:
    """n mentions as (spelling, person index), shuffled; several mentions per person.

    >>> generate_people(3, seed=1) == generate_people(3, seed=1)
    True
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    rng = Random(seed)
    lists = _Lists()
    mentions: list[tuple[str, int]] = []
    person_id = 0
    while len(mentions) < n:
        person = make_person(rng, lists)
        for _ in range(rng.choices(range(1, 7), [25, 25, 20, 15, 10, 5])[0]):
            spelling = spell_person(person, rng)
            repeats = rng.choices((1, 2, 3, 4), (55, 25, 12, 8))[0]
            mentions.extend([(spelling, person_id)] * repeats)
        person_id += 1
    del mentions[n:]
    rng.shuffle(mentions)
    return mentions


def generate(n: int, seed: int = 0) -> list[str]:
    """n realistic name spellings, reproducible for a seed.

    >>> len(generate(50, seed=3)), generate(50, seed=3) == generate(50, seed=3)
    (50, True)
    """
    return [name for name, _ in generate_people(n, seed)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("n", type=int, help="how many names to print")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    sys.stdout.writelines(f"{name}\n" for name in generate(args.n, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
