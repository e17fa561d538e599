"""Stage 2: Name -> sound units and skeleton keys.

Units are what the comparer aligns (kh, dh, ou ... read as one sound); skeleton keys are what
blocking groups on: the consonant classes of a word with vowels dropped, so that Kadhimi, Kazemi
and al-Kazimi share the key K-D-M. Two names become a candidate pair only by sharing a key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

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
    classes = [rules.skeleton.get(u.symbol, "") for u in word]
    keys = {_collapse(classes)}
    for i, unit in enumerate(word):
        for alternative in rules.alternatives.get(unit.symbol, ()):
            keys.add(_collapse([*classes[:i], alternative, *classes[i + 1 :]]))
    # A word of vowels only (Aya, Ali's vowels aside) keys on its spelling.
    return frozenset(k if k else f"~{stem}" for k in keys)


def element_keys(element: Element, rules: Rules) -> frozenset[str]:
    """Keys of one element; prefix and compound suffix are part of it (Abu X never meets X)."""
    mark = f"{element.prefix}:" if element.prefix else ""
    tail = f"+{element.suffix}" if element.suffix else ""
    return frozenset(f"{mark}{k}{tail}" for k in skeleton_keys(element.stem, rules))


def blocking_keys(name: Name, rules: Rules) -> frozenset[str]:
    """Keys under which a name is filed: its surname (or only word) and its kunya.

    Two names can match only when their surnames match (a bare surname matches the surname of a
    full name) or, for names given by kunya alone, when their kunyas match; so these keys lose no
    pair the comparer would accept.
    """
    keys: set[str] = set()
    for element in name.elements:
        if element.role in (Role.SURNAME, Role.SINGLE, Role.KUNYA):
            keys |= element_keys(element, rules)
    return frozenset(keys)


def candidate_pairs(names: Mapping[str, Name], rules: Rules) -> list[tuple[str, str]]:
    """Pairs of names that share a blocking key, each once, in sorted order; never all pairs.

    >>> from namefold.normalize import parse_name
    >>> from namefold.rules import default_rules
    >>> r = default_rules()
    >>> names = {n: parse_name(n, r) for n in ["Kadhimi", "al-Kazemi", "Khiqani", "Mustafa al-Kazimi"]}
    >>> candidate_pairs(names, r)
    [('Kadhimi', 'Mustafa al-Kazimi'), ('Kadhimi', 'al-Kazemi'), ('Mustafa al-Kazimi', 'al-Kazemi')]
    """
    blocks: dict[str, list[str]] = defaultdict(list)
    for text in sorted(names):
        for key in blocking_keys(names[text], rules):
            blocks[key].append(text)
    pairs: set[tuple[str, str]] = set()
    for members in blocks.values():
        pairs.update(combinations(members, 2))
    return sorted(pairs)
