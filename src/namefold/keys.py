"""Stage 2b: Name -> the blocks it is filed under, and the candidate pairs they make.

A name's keys are the skeletons of its parts (sounds.py): Kadhimi, Kazemi and al-Kazimi share
K-D-M. Two names become a candidate pair only by sharing a block.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from itertools import combinations, product

from namefold.model import Element, Name, Role
from namefold.normalize import family_name_marked, name_form_group
from namefold.rarity import Rarity, is_common
from namefold.rules import Rules
from namefold.sounds import skeleton_keys


@lru_cache(maxsize=200_000)
def element_keys(element: Element, rules: Rules) -> frozenset[str]:
    """Keys of one element; prefix and compound suffix are part of it (Abu X never meets X)."""
    mark = f"{element.prefix}:" if element.prefix else ""
    tail = f"+{element.suffix}" if element.suffix else ""
    keys = frozenset(f"{mark}{k}{tail}" for k in skeleton_keys(element.stem, rules))
    if (group := name_form_group(element, rules)) is not None:  # Oleksandr meets Aleksandr
        keys |= {f"={group[1]}"}
    if element.role is Role.GIVEN and element.article and not (mark or tail):  # Elwira, not el-Wira
        keys |= skeleton_keys(element.article + element.stem, rules)
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
# A block of more chains than this (Muhammad M... al-Tamimi) meets only within one key of the
# whole father's name: Mahmoud meets Mahmud there, no longer Mamout or Mustafa.
SPLIT = 100


class Filed(IntEnum):
    """How a name is filed under a block, which decides whom it meets there."""

    OWNER = 0  # meets every name of the block
    MEMBER = 1  # a fuller name filed under a shorter one's block: meets its owners only
    READ_AS = 2  # a compound read as one word (Kheir Beik as Kheirbek): meets all but its like
    # The whole name written another way (LAVROV Sergei, SERGEILAVROV): meets owners and members no
    # longer than it, since compare.py reads a name so only against one no longer than it.
    REWRITTEN = 3


# A family name with a skeleton of at least this many consonants is also filed with each one left
# out (see _slips): long names are rare, and a one-letter slip in one is still the same name.
SLIP_LENGTH = 5

# How a block key marks each part's role: one letter, as a million names make millions of keys.
_MARKS = {Role.GIVEN: "g", Role.MIDDLE: "m", Role.SURNAME: "s", Role.KUNYA: "k"}


@lru_cache(maxsize=200_000)
def _block(parts: tuple[tuple[Role, frozenset[str]], ...]) -> tuple[str, ...]:
    """The block keys of these parts: one for each combination of their keys (g=KDM|s=MSTF)."""
    roles = [_MARKS[role] for role, _ in parts]
    return tuple(
        "|".join(f"{role}={key}" for role, key in zip(roles, keys, strict=True))
        for keys in product(*(sorted(keys) for _, keys in parts))
    )


@lru_cache(maxsize=8)
def _devotional_keys(rules: Rules) -> frozenset[str]:
    """Keys of the first names that many bearers leave out (compare.py decides whether they did)."""
    return frozenset(k for word in rules.devotional_first for k in skeleton_keys(word, rules))


def _initial_keys(element: Element, rules: Rules) -> frozenset[str]:
    """Keys of the initial that may stand for this element (I. for Ibrahim)."""
    return skeleton_keys(element.key[0], rules)


def filings(name: Name, rules: Rules) -> Iterator[tuple[str, Filed]]:
    """(block key, how it is filed) for each block a name is filed under.

    Besides its own parts, a name is a member of the blocks of the shorter names it may contain:
    given name with a father's name (Abid Ali inside Abid Ali Khan), the chain cut short (Ali
    Abdullah Saleh inside Ali Abdullah Saleh al-Ahmar), a father's name as an initial, a leading
    Muhammad left out, and a kunya read as a given name (Abolqasem). A compound written in two
    words is also filed as the one-word name it may be (Gholam Reza, Ahmadi Nejad).
    A chain (given, father's and family names) owns the block of those three, its father's name
    keyed by its first consonant only (SPLIT: by its whole key in a large block), and is a member
    of its (given, family name) block: fathers' names must face each other (compare.py), so two
    chains whose fathers' names begin differently never match, and the thousands of Muhammad ...
    al-Tamimi never make all pairs.
    """
    core = name.core
    given, surname, kunya = core.get(Role.GIVEN), core.get(Role.SURNAME), core.get(Role.KUNYA)
    full = given is not None and surname is not None
    kind = Filed.MEMBER if full and name.middles else Filed.OWNER
    for combination in COMBINATIONS:
        if not all(role in core for role in combination):
            continue
        for key in _block(tuple((role, element_keys(core[role], rules)) for role in combination)):
            yield key, kind
        kind = Filed.MEMBER
    if full:
        yield from _shorter(name, given, surname, rules)
        yield from _slips(given, surname, Filed.MEMBER if name.middles else Filed.OWNER, rules)
    elif kunya is not None and surname is not None:
        yield from _filed(Filed.MEMBER, skeleton_keys(kunya.key, rules), None, element_keys(surname, rules))


def _slips(given: Element, surname: Element, kind: Filed, rules: Rules) -> Iterator[tuple[str, Filed]]:
    """Filings under the given name and the family name with one consonant left out, for a long
    family name only, and under the whole family name: a slip of the pen or of the ear in one
    letter (Shermazashvili / Shemazashvili, Liagin / Liahin) or a letter dropped (Chantaraprapaporn
    / Chataraprapaporn) still meets the name it spells."""
    if surname.prefix or surname.suffix:
        return
    for whole in skeleton_keys(surname.stem, rules):
        if len(whole) < SLIP_LENGTH - 1:
            continue
        long = len(whole) >= SLIP_LENGTH
        slips = [f"{whole[:i]}{whole[i + 1 :]}" for i in range(len(whole))] if long else []
        for key in element_keys(given, rules):
            for slip in (whole, *slips):
                yield f"g={key}|d={slip}", kind


def _filed(
    kind: Filed, given: frozenset[str], father: frozenset[str] | None, surname: frozenset[str]
) -> Iterator[tuple[str, Filed]]:
    """Filings under (given, family name) blocks, or under (given, father's name's first
    consonant, family name) blocks, tagged "#" with the whole key of the father's name (see SPLIT)."""
    if father is None:
        for key in _block(((Role.GIVEN, given), (Role.SURNAME, surname))):
            yield key, kind
        return
    for whole in sorted(father):
        first = frozenset({whole[: whole.find(":") + 2]})  # "abd:R" for Abd al-Rahman
        for key in _block(((Role.GIVEN, given), (Role.MIDDLE, first), (Role.SURNAME, surname))):
            yield f"{key}#{whole}", kind


def _shorter(name: Name, given: Element, surname: Element, rules: Rules) -> Iterator[tuple[str, Filed]]:
    """Filings of a full name under the blocks of other names it may contain or be: its given
    name as an initial (A. Khamenei), two names written family name first (LAVROV Sergei), its two
    names run together (SERGEILAVROV)."""
    given_keys, surname_keys = element_keys(given, rules), element_keys(surname, rules)
    middles = name.middles
    if len(given.key) > 1:
        yield from _filed(Filed.MEMBER, _initial_keys(given, rules), None, surname_keys)
    if not middles and _may_be_rotated(name, rules):
        yield from _filed(Filed.REWRITTEN, surname_keys, None, element_keys(given, rules))
    if not middles:  # the two names run together (SERGEILAVROV)
        for key in _block(((Role.SURNAME, skeleton_keys(given.key + surname.key, rules)),)):
            yield key, Filed.REWRITTEN
    for middle in middles:
        yield from _filed(Filed.MEMBER, given_keys, None, element_keys(middle, rules))
    if not middles:
        return
    father = element_keys(middles[0], rules)
    yield from _filed(Filed.OWNER, given_keys, father, surname_keys)
    for later in middles[1:]:  # the chain cut short after a later name
        yield from _filed(Filed.MEMBER, given_keys, father, element_keys(later, rules))
        if family_name_marked(later, name.elements):  # a family name, with the middle names before it
            # left out (Alvaro Enrique PULIDO VARGAS / Alvaro PULIDO VARGAS), as compare.py allows
            yield from _filed(Filed.MEMBER, given_keys, element_keys(later, rules), surname_keys)
    yield from _filed(Filed.MEMBER, given_keys, _initial_keys(middles[0], rules), surname_keys)
    second = element_keys(middles[1], rules) if len(middles) > 1 else None
    if not given_keys.isdisjoint(_devotional_keys(rules)):  # Muhammad Anwar Sadat / Anwar Sadat
        yield from _filed(Filed.MEMBER, father, None, surname_keys)
        if second is not None:
            yield from _filed(Filed.MEMBER, father, second, surname_keys)
    # Read as one word, a compound makes this name another, shorter one.
    joined_given = skeleton_keys(given.key + middles[0].key, rules)
    yield from _filed(Filed.READ_AS, joined_given, None, surname_keys)
    if second is not None:
        yield from _filed(Filed.READ_AS, joined_given, second, surname_keys)
    joined_surname = skeleton_keys(middles[-1].key + surname.key, rules)
    yield from _filed(Filed.READ_AS, given_keys, None, joined_surname)
    if second is not None:
        yield from _filed(Filed.READ_AS, given_keys, father, joined_surname)


def _may_be_rotated(name: Name, rules: Rules) -> bool:
    """Can the name meet itself written family name first? As compare.py decides: only a name
    with a bin / ibn or without any of the commonest names (Ali Hassan is not Hassan Ali)."""
    return any(e.connector for e in name.elements) or not any(is_common(e, rules) for e in name.elements)


@dataclass(frozen=True, slots=True)
class Candidates:
    """Pairs to compare, in sorted order, and how many names were not compared with a crowded block.

    A pair is one integer, i * len(names) + j for names[i] < names[j], in an array: a million
    names make millions of pairs, and this way each takes 8 bytes.
    """

    names: tuple[str, ...]  # sorted
    codes: array[int]
    crowded: int = 0  # names (a bare al-Tamimi) that fit too many fuller names to compare with them
    split: int = 0  # blocks whose chains met only within one key of their fathers' names

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """The pairs as names."""
        names, n = self.names, len(self.names)
        return [(names[code // n], names[code % n]) for code in self.codes]


def candidate_pairs(names: Mapping[str, Name], rules: Rules, rarity: Rarity | None = None) -> Candidates:
    """Pairs of names that share a block, each once; never all pairs.

    With `rarity`, the pairs resolve() compares: names too common to match partly meet no fuller names.

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
    blocks = Blocks()
    for text in sorted(names):
        blocks.add(text, names[text], filings(names[text], rules))
    weak = {t for t, name in names.items() if not rarity.can_match_partly(name)} if rarity else set()
    return blocks.pairs(weak)


class Blocks:
    """Names filed under their block keys, added in sorted order; a name's filings are not kept.

    A block is one list of `position * 4 + kind` (Filed): a million names make millions of blocks,
    most of them of one name, and one list costs a fifth of a tuple of four (one per kind).
    """

    def __init__(self) -> None:
        self.names: list[str] = []
        self._sizes: list[int] = []  # number of parts of each name
        self._blocks: dict[str, list[int]] = defaultdict(list)

    def add(self, text: str, name: Name, name_filings: Iterable[tuple[str, int]]) -> None:
        i = len(self.names)
        self.names.append(text)
        self._sizes.append(len(name.elements))
        filed = (4 * i, 4 * i + 1, 4 * i + 2, 4 * i + 3)  # one int object each, shared by all its blocks
        blocks = self._blocks
        for key, kind in name_filings:
            blocks[key].append(filed[kind])

    def pairs(self, weak: Container[str] = ()) -> Candidates:
        """The candidate pairs, each once; the blocks are used up, and freed as their pairs are made.

        Keys that differ only after "#" (the whole key of a father's name) are one block, unless
        it has more than SPLIT owners. A member of a block with more parts than an owner makes a
        partial match with it, which needs rare parts (rarity.py): names in `weak`, whose parts
        together are too common for one, do not meet that way.
        """
        names, n, sizes = self.names, len(self.names), self._sizes
        partly = [t not in weak for t in names]  # may match a name with more parts
        wholes: dict[str, list[list[int]]] = defaultdict(list)  # block -> its parts ("#" keys)
        blocks, self._blocks = self._blocks, defaultdict(list)
        for key, filed in blocks.items():
            if "#" in key:
                wholes[key.partition("#")[0]].append(filed)
            elif len(filed) > 1:  # a block of one name pairs nothing
                wholes[key].append(filed)
        blocks.clear()  # the keys, and the blocks of one name: most of the memory the pairs need
        codes: set[int] = set()
        crowded: set[int] = set()
        split = 0
        # Most blocks repeat another's names exactly (one for each reading of Kazemi's letters):
        # their pairs are made once.
        seen: set[tuple[int, ...]] = set()
        while wholes:
            _, parts = wholes.popitem()
            if len(parts) > 1:
                merged = sorted({f for part in parts for f in part})
                if sum(f % 4 == Filed.OWNER for f in merged) > SPLIT:
                    split += 1
                else:
                    parts = [merged]
            for filed in parts:
                if len(filed) < 2 or (same := tuple(filed)) in seen:  # one name pairs nothing
                    continue
                seen.add(same)
                owners, members, read_as, rewritten = _by_kind(filed)
                # Positions in a block rise, so owners pair in order; the others meet in either order.
                codes.update(a * n + b for a, b in combinations(owners, 2) if a != b)
                meeting = [(a, b) for a in read_as + rewritten for b in owners]
                if len(members) > CROWDED:
                    crowded.update(owners + read_as + rewritten)
                else:
                    meeting += [
                        (a, b)
                        for a in owners
                        for b in members
                        if sizes[b] <= sizes[a] or (partly[a] and partly[b])  # else a partial match
                    ]
                    meeting += [(a, b) for a in read_as for b in members]
                    meeting += [(a, b) for a in rewritten for b in members if sizes[b] <= sizes[a]]
                codes.update(a * n + b if a < b else b * n + a for a, b in meeting if a != b)
        return Candidates(tuple(names), array("q", sorted(codes)), len(crowded), split)


def _by_kind(filed: list[int]) -> tuple[list[int], list[int], list[int], list[int]]:
    """The positions of a block's owners, members, read-as and rewritten names, each in the order filed."""
    found: tuple[list[int], list[int], list[int], list[int]] = ([], [], [], [])
    for f in filed:
        found[f % 4].append(f // 4)
    return found
