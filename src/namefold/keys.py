"""Stage 2: Name -> sound units and skeleton keys.

Units are what the comparer aligns (kh, dh, ou ... read as one sound); skeleton keys are what
blocking groups on: the consonant classes of a word with vowels dropped, so that Kadhimi, Kazemi
and al-Kazimi share the key K-D-M. Two names become a candidate pair only by sharing a key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, product

from namefold.model import Element, Name, Role
from namefold.rules import Rules


@dataclass(frozen=True, slots=True)
class Unit:
    """One sound of a word: its symbol and the letters that spell it."""

    symbol: str
    text: str
    double: bool = False


@lru_cache(maxsize=200_000)
def units(stem: str, rules: Rules) -> tuple[Unit, ...]:
    """Split a lowercase word into sound units; doubled letters become one geminate unit.

    >>> from namefold.rules import default_rules
    >>> [u.symbol for u in units("khaddhafi", default_rules())]
    ['x', 'a', 'd', 'ð', 'a', 'f', 'i']
    """
    found: list[Unit] = []
    i = 0
    while i < len(stem):
        text = symbol = stem[i]
        for grapheme, sound in rules.graphemes:
            if stem.startswith(grapheme, i):
                text, symbol = grapheme, sound
                break
        for grapheme, sound in rules.before_vowel:
            after = i + len(grapheme)
            if stem.startswith(grapheme, i) and after < len(stem) and stem[after] in rules.vowels:
                text, symbol = grapheme, sound
                break
        for diphthong, sound in rules.diphthongs:
            after = i + len(diphthong)
            if (
                len(diphthong) > len(text)
                and stem.startswith(diphthong, i)
                and (after == len(stem) or stem[after] not in rules.vowels | rules.glides)
            ):
                text, symbol = diphthong, sound
                break
        i += len(text)
        if found and found[-1].symbol == symbol:
            found[-1] = Unit(symbol, found[-1].text + text, double=True)
        else:
            found.append(Unit(symbol, text))
    return tuple(found)


def _classes(word: tuple[Unit, ...], rules: Rules) -> list[str]:
    """The skeleton class of each unit ("" for vowels and glides)."""
    return [rules.skeleton.get(u.symbol, "") for u in word]


def _collapse(classes: list[str]) -> str:
    return "".join(c for i, c in enumerate(classes) if c and (i == 0 or c != classes[i - 1]))


@lru_cache(maxsize=200_000)
def skeleton_keys(stem: str, rules: Rules) -> frozenset[str]:
    """The consonant skeleton of a word, plus one variant per letter that has alternatives.

    >>> from namefold.rules import default_rules
    >>> sorted(skeleton_keys("kadhimi", default_rules())), sorted(skeleton_keys("kazemi", default_rules()))
    (['KDM'], ['KDM', 'KSM'])
    """
    word = units(stem, rules)
    classes = _classes(word, rules)
    keys = {_collapse(classes)}
    for i, unit in enumerate(word):
        for alternative in rules.alternatives.get(unit.symbol, ()):
            keys.add(_collapse([*classes[:i], alternative, *classes[i + 1 :]]))
    # A word of vowels only (Aya, Ali's vowels aside) keys on its spelling.
    return frozenset(k if k else f"~{stem}" for k in keys)


@lru_cache(maxsize=200_000)
def primary_key(element: Element, rules: Rules) -> str:
    """The element's one skeleton with no alternative readings: what counts its frequency."""
    skeleton = _collapse(_classes(units(element.stem, rules), rules)) or f"~{element.stem}"
    return f"{element.prefix}:{skeleton}+{element.suffix}"


@lru_cache(maxsize=200_000)
def element_keys(element: Element, rules: Rules) -> frozenset[str]:
    """Keys of one element; prefix and compound suffix are part of it (Abu X never meets X)."""
    mark = f"{element.prefix}:" if element.prefix else ""
    tail = f"+{element.suffix}" if element.suffix else ""
    keys = frozenset(f"{mark}{k}{tail}" for k in skeleton_keys(element.stem, rules))
    if mark or tail:  # also as one word, to meet a spelling where the compound was not split (Aboutalebi)
        keys |= skeleton_keys(element.key, rules)
    return keys


# Role combinations that names are filed under. A name owns the first combination it has in
# full and is a member of the smaller ones it also has. Two names can match only if one's core
# parts are among the other's (see compare.py), so owners are paired with each other and with
# the members of their block: a bare surname meets every full name with that surname, but two
# full names meet only when their given names and surnames both share a key.
COMBINATIONS = ((Role.GIVEN, Role.SURNAME), (Role.KUNYA, Role.SURNAME), (Role.SURNAME,), (Role.KUNYA,))
# A bare name in a block with more full names than this fits several people; it is not compared.
CROWDED = 200


def _block(parts: Iterable[tuple[Role, frozenset[str]]]) -> Iterator[str]:
    roles = [role for role, _ in parts]
    for keys in product(*(sorted(keys) for _, keys in parts)):
        yield "|".join(f"{role.value}={key}" for role, key in zip(roles, keys, strict=True))


@lru_cache(maxsize=8)
def _devotional_keys(rules: Rules) -> frozenset[str]:
    """Keys of the first names that many bearers leave out (compare.py decides whether they did)."""
    return frozenset(k for word in rules.devotional_first for k in skeleton_keys(word, rules))


def filings(name: Name, rules: Rules) -> Iterator[tuple[str, bool]]:
    """(block key, owns it) for each block a name is filed under.

    Besides its own parts, a name is a member of the blocks of the shorter names it may contain:
    given name with a father's name (Abid Ali inside Abid Ali Khan), compounds written in one
    word or two, a leading Muhammad left out, and a kunya read as a given name (Abolqasem).
    """
    core = name.core
    owned = False
    for combination in COMBINATIONS:
        if not all(role in core for role in combination):
            continue
        for key in _block([(role, element_keys(core[role], rules)) for role in combination]):
            yield key, not owned
        owned = True
    given, surname, kunya = core.get(Role.GIVEN), core.get(Role.SURNAME), core.get(Role.KUNYA)
    if given is not None and surname is not None:
        given_keys, surname_keys = element_keys(given, rules), element_keys(surname, rules)
        for middle in name.middles:
            for key in _block([(Role.GIVEN, given_keys), (Role.SURNAME, element_keys(middle, rules))]):
                yield key, False
        if name.middles:  # a compound written in two words: Gholam Reza, Ahmadi Nejad
            if not given_keys.isdisjoint(_devotional_keys(rules)):  # Muhammad Anwar Sadat / Anwar Sadat
                second = element_keys(name.middles[0], rules)
                for key in _block([(Role.GIVEN, second), (Role.SURNAME, surname_keys)]):
                    yield key, False
            joined_given = skeleton_keys(given.key + name.middles[0].key, rules)
            joined_surname = skeleton_keys(name.middles[-1].key + surname.key, rules)
            for key in _block([(Role.GIVEN, joined_given), (Role.SURNAME, surname_keys)]):
                yield key, False
            for key in _block([(Role.GIVEN, given_keys), (Role.SURNAME, joined_surname)]):
                yield key, False
    elif kunya is not None and surname is not None:
        whole = skeleton_keys(kunya.key, rules)
        for key in _block([(Role.GIVEN, whole), (Role.SURNAME, element_keys(surname, rules))]):
            yield key, False


@dataclass(frozen=True, slots=True)
class Candidates:
    """Pairs to compare, in sorted order, and how many names were not compared with a crowded block."""

    pairs: tuple[tuple[str, str], ...]
    crowded: int = 0  # names (a bare al-Tamimi) that fit too many fuller names to compare with them


def candidate_pairs(names: Mapping[str, Name], rules: Rules) -> Candidates:
    """Pairs of names that share a block, each once; never all pairs.

    >>> from namefold.normalize import parse_name
    >>> from namefold.rules import default_rules
    >>> r = default_rules()
    >>> texts = ["Kadhimi", "al-Kazemi", "Khiqani", "Mustafa al-Kazimi", "Ali al-Kazimi"]
    >>> for pair in candidate_pairs({t: parse_name(t, r) for t in texts}, r).pairs:
    ...     print(*pair, sep=" / ")
    Ali al-Kazimi / Kadhimi
    Ali al-Kazimi / al-Kazemi
    Kadhimi / Mustafa al-Kazimi
    Kadhimi / al-Kazemi
    Mustafa al-Kazimi / al-Kazemi
    """
    return pairs_of_blocks((text, filings(names[text], rules)) for text in sorted(names))


def pairs_of_blocks(filed: Iterable[tuple[str, Iterable[tuple[str, bool]]]]) -> Candidates:
    """Candidate pairs from each name's filings, given in sorted name order."""
    owners: dict[str, list[str]] = defaultdict(list)
    members: dict[str, list[str]] = defaultdict(list)
    for text, name_filings in filed:
        for key, owns in name_filings:
            (owners if owns else members)[key].append(text)
    pairs: set[tuple[str, str]] = set()
    crowded: set[str] = set()
    for key, block in owners.items():
        pairs.update(combinations(block, 2))
        others = members.get(key, [])
        if len(others) > CROWDED:
            crowded.update(block)
        else:
            pairs.update((a, b) if a < b else (b, a) for a in block for b in others)
    return Candidates(tuple(sorted(pairs)), len(crowded))
