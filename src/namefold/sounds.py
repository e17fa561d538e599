"""Stage 2a: a word -> its sound units and consonant skeletons.

Units are what the comparer aligns (kh, dh, ou ... read as one sound); skeletons are what blocking
groups on: the consonant classes of a word with vowels dropped, so that Kadhimi, Kazemi and
al-Kazimi share the key K-D-M.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from namefold.model import Element
from namefold.rules import Rules


@dataclass(frozen=True, slots=True)
class Unit:
    """One sound of a word: its symbol and the letters that spell it."""

    symbol: str
    text: str
    double: bool = False


Spellings = dict[str, tuple[tuple[str, str], ...]]


@lru_cache(maxsize=8)
def _by_first_letter(rules: Rules) -> tuple[Spellings, Spellings, Spellings]:
    """The grapheme, before-vowel and diphthong tables by first letter, each in its table's order."""

    def index(table: tuple[tuple[str, str], ...]) -> Spellings:
        found: Spellings = {}
        for spelling, sound in table:
            found[spelling[0]] = (*found.get(spelling[0], ()), (spelling, sound))
        return found

    return index(rules.graphemes), index(rules.before_vowel), index(rules.diphthongs)


@lru_cache(maxsize=200_000)
def units(stem: str, rules: Rules) -> tuple[Unit, ...]:
    """Split a lowercase word into sound units; doubled letters become one geminate unit.

    >>> from namefold.rules import default_rules
    >>> [u.symbol for u in units("khaddhafi", default_rules())]
    ['x', 'a', 'd', 'ð', 'a', 'f', 'i']
    """
    found: list[Unit] = []
    graphemes, before_vowel, diphthongs = _by_first_letter(rules)
    i = 0
    while i < len(stem):
        text = symbol = stem[i]
        for grapheme, sound in graphemes.get(text, ()):
            if stem.startswith(grapheme, i):
                text, symbol = grapheme, sound
                break
        for grapheme, sound in before_vowel.get(stem[i], ()):
            after = i + len(grapheme)
            if stem.startswith(grapheme, i) and after < len(stem) and stem[after] in rules.vowels:
                text, symbol = grapheme, sound
                break
        for diphthong, sound in diphthongs.get(stem[i], ()):
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
