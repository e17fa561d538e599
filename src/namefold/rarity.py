"""How much a shared name part says: a shared Khiqani points to one family, a shared Muhammad to millions.

A part's share is the fraction of distinct names that hold it, learned from the input and smoothed
towards a prior share from the rule tables (common words high, all others low); its information
is -log2(share) bits. Distinct names are counted by their consonant skeletons (without alternative
readings), so that twenty spellings of one rare surname still count as one name holding it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from namefold.model import Element, Name
from namefold.normalize import parse_name
from namefold.rules import Rules
from namefold.sounds import primary_key
from namefold.words import word_score

# How close a word must be to a common name part to count as a spelling of it: close enough for
# Mohamed / Muhammad, not for the nisba Soleimani / Sulayman.
COMMON_SPELLING = 0.9


@lru_cache(maxsize=8)
def _common(rules: Rules) -> dict[str, tuple[str, ...]]:
    """The rule tables' common name parts, by skeleton."""
    found: dict[str, tuple[str, ...]] = {}
    for word in rules.common_names:
        for element in parse_name(word, rules).elements:
            key = primary_key(element, rules)
            found[key] = (*found.get(key, ()), element.stem)
    return found


@lru_cache(maxsize=100_000)
def is_common(element: Element, rules: Rules) -> bool:
    """A spelling of one of the common name parts (Mohamed, Mehmet); a kunya or Abd name is as
    common as the name in it (Abu Omar as Omar)."""
    plain = replace(element, prefix="", suffix="")
    stems = _common(rules).get(primary_key(element, rules), ()) + (
        _common(rules).get(primary_key(plain, rules), ()) if element.prefix else ()
    )
    return any(word_score(element.stem, stem, rules) >= COMMON_SPELLING for stem in stems)


def _signature(name: Name, rules: Rules) -> tuple[str, ...]:
    return tuple(primary_key(e, rules) for e in name.elements)


@dataclass(frozen=True, slots=True, eq=False)
class Rarity:
    """Counts of name parts over the distinct names of one input."""

    rules: Rules
    counts: Counter[str] = field(default_factory=Counter)
    total: int = 0
    known: dict[Element, float] = field(default_factory=dict, repr=False)  # bits already worked out

    def bits(self, element: Element) -> float:
        """Information of one part in bits."""
        found = self.known.get(element)
        if found is None:
            found = self.known[element] = self._bits(element)
        return found

    def can_match_partly(self, name: Name) -> bool:
        """Can a partial match with this name carry enough bits? Never when all its parts together
        carry too few (Muhammad Hasan), since a match only ever counts parts of both names."""
        return sum(self.bits(e) for e in name.elements) >= self.rules.rarity["min_partial_bits"]

    def _bits(self, element: Element) -> float:
        prior = self.rules.rarity["common_share" if is_common(element, self.rules) else "rare_share"]
        weight = self.rules.rarity["prior_names"]
        seen = self.counts[primary_key(element, self.rules)]
        return -math.log2((seen + weight * prior) / (self.total + weight))


def learn_rarity(names: Iterable[Name], rules: Rules) -> Rarity:
    """Rarity of the parts of these names.

    >>> from namefold.rules import default_rules
    >>> r = default_rules()
    >>> rarity = learn_rarity([parse_name(n, r) for n in ["Ali al-Khiqani", "Ali Hassan"]], r)
    >>> [round(rarity.bits(parse_name(w, r).elements[0]), 1) for w in ["Muhammad", "Khiqani"]]
    [5.6, 13.2]
    """
    signatures = {_signature(name, rules): name for name in names}
    counts: Counter[str] = Counter()
    for name in signatures.values():
        counts.update({primary_key(e, rules) for e in name.elements})
    return Rarity(rules, counts, len(signatures))
