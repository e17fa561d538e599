"""Word against word: a weighted edit distance over sound units, with the differences that cost.

Substitution and indel costs come from the rule tables (dh~z is cheap, r~n is not); short vowels
missing from Arabic script are free, and a final nisba or feminine vowel makes another name.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from namefold import _align
from namefold.rules import Rules
from namefold.sounds import Unit, units


def _kernel() -> tuple[Callable[..., list[list[float]]], str]:
    """The compiled cost table if the install built one, else the Python one (same floats, slower).

    NAMEFOLD_PURE=1 asks for the Python one, so that both can be run and compared in one install.
    A compiled module built from another _align.py (an editable install not rebuilt) is not used.
    """
    if os.environ.get("NAMEFOLD_PURE", "") in ("", "0"):
        try:
            from namefold import _align_c  # type: ignore[attr-defined]
        except ImportError:
            pass
        else:
            source = hashlib.sha256(Path(_align.__file__).read_bytes()).hexdigest()
            if getattr(_align_c, "SOURCE_DIGEST", None) == source:
                return _align_c.cost_table, "compiled"
    return _align.cost_table, "pure-Python"


cost_table, KERNEL = _kernel()


@dataclass(frozen=True, slots=True)
class WordMatch:
    """How alike two words are, and the spelling differences that cost something."""

    score: float
    reasons: tuple[str, ...]


def _indel_cost(
    unit: Unit, at: int, length: int, own_vocalised: bool, other_vocalised: bool, rules: Rules
) -> float:
    """Cost of a unit (at 1-based position `at` of its word) that the other word lacks."""
    if unit.symbol in rules.vowels:
        if not other_vocalised:  # Arabic script leaves short vowels unwritten, but writes long ones
            return 0.0 if len(unit.text) == 1 else rules.indels["default"]
        if at == length:
            return rules.indels["final_e" if unit.symbol == "e" else "vowel_final"]
        return rules.indels["vowel_initial" if at == 1 else "vowel"]
    if unit.symbol in rules.glides and (own_vocalised or other_vocalised):
        return rules.indels["glide"]
    if unit.symbol == "h":
        return rules.indels["h"]
    return rules.indels["default"]


class _CostsFrom(dict[str, float]):
    """Costs of spelling one symbol as each other symbol, filled in as they are asked for."""

    def __init__(self, symbol: str, rules: Rules) -> None:
        super().__init__()
        self.symbol, self.rules = symbol, rules

    def __missing__(self, other: str) -> float:
        cost = self[other] = self.rules.sub_cost(self.symbol, other)
        return cost


@lru_cache(maxsize=10_000)
def _costs_from(symbol: str, rules: Rules) -> _CostsFrom:
    return _CostsFrom(symbol, rules)


def _split_cost(diphthong: Unit, first: Unit, second: Unit, rules: Rules) -> float | None:
    """Cost of a diphthong spelt as two sounds on the other side (Aisha / Ayesha), if it can be."""
    split = rules.diphthong_splits.get(diphthong.symbol)
    if split is None or first.symbol not in split.first or second.symbol not in split.second:
        return None
    return split.cost


@lru_cache(maxsize=500_000)
def compare_words(
    left: str,
    right: str,
    rules: Rules,
    left_vocalised: bool = True,
    right_vocalised: bool = True,
    ending: bool = True,
) -> WordMatch:
    """Similarity of two lowercase words in [0, 1], with the differences that cost something.

    `ending`: the words end a name part, so a final vowel on one side is a suffix (nisba, feminine);
    not so for the first half of a compound (Ala / Ala al-Din).

    >>> from namefold.rules import default_rules
    >>> compare_words("kadhimi", "kazemi", default_rules())
    WordMatch(score=0.967, reasons=('dh~z', 'i~e'))
    """
    if left == right:
        return WordMatch(1.0, ())
    table = _Table(left, right, left_vocalised, right_vocalised, rules)
    score, reasons = table.score(ending), table.reasons()
    if ending and (differs := _suffixes_differ(left, right, rules)):
        score = min(score, rules.indels["suffix_cap"])
        reasons = (*reasons, differs)
    return WordMatch(score, reasons)


@lru_cache(maxsize=500_000)
def word_score(
    left: str,
    right: str,
    rules: Rules,
    left_vocalised: bool = True,
    right_vocalised: bool = True,
    ending: bool = True,
) -> float:
    """compare_words(...).score without the reasons: most word pairs are only scored."""
    if left == right:
        return 1.0
    score = _Table(left, right, left_vocalised, right_vocalised, rules).score(ending)
    if ending and _suffixes_differ(left, right, rules):
        return min(score, rules.indels["suffix_cap"])
    return score


# How alike what stands before two different suffixes must be for the words to be one base with
# two suffixes (Abram-ov / Abram-ovich), and so two names.
SAME_BASE = 0.9


@lru_cache(maxsize=200_000)
def _suffix(word: str, rules: Rules) -> tuple[str, str, int]:
    """The name-making suffix a word ends in (suffix, culture, group), or ("", "", -1)."""
    for suffix, tag, group in rules.suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= rules.suffix_min_rest:
            return suffix, tag, group
    return "", "", -1


def _ends_in_group(word: str, group: int, rules: Rules) -> bool:
    return any(word.endswith(suffix) for suffix, _, g in rules.suffixes if g == group)


def _suffixes_differ(left: str, right: str, rules: Rules) -> str:
    """Why two words are different names by their suffixes (ru: -ov vs -ovich), or ""."""
    (a, tag_a, group_a), (b, tag_b, group_b) = _suffix(left, rules), _suffix(right, rules)
    if group_a == group_b or _ends_in_group(right, group_a, rules) or _ends_in_group(left, group_b, rules):
        return ""  # Robow / Roobow: a short word's suffix counts when the other has it
    base_a, base_b = left[: len(left) - len(a)], right[: len(right) - len(b)]
    if word_score(base_a, base_b, rules, ending=False) < SAME_BASE:
        return ""  # not one word with two suffixes (Gonzalez / Gonzalev is a slip of the pen)
    return f"{tag_a or tag_b}: -{a or '∅'} vs -{b or '∅'}"


@dataclass(frozen=True, slots=True)
class _Word:
    """What aligning a word needs, worked out once per word and pair of scripts, not per word pair."""

    units: tuple[Unit, ...]
    symbols: tuple[str, ...]
    doubles: tuple[bool, ...]
    drops: tuple[float, ...]  # the cost of each unit if the other word lacks it
    splits: tuple[bool, ...]  # a diphthong that the other word may spell as two sounds
    double: bool  # any geminate unit
    split: bool  # any diphthong that may be split


@lru_cache(maxsize=200_000)
def _word(text: str, own_vocalised: bool, other_vocalised: bool, rules: Rules) -> _Word:
    found = units(text, rules)
    n = len(found)
    doubles = tuple(u.double for u in found)
    splits = tuple(u.symbol in rules.diphthong_splits for u in found)
    return _Word(
        found,
        tuple(u.symbol for u in found),
        doubles,
        tuple(_indel_cost(u, i, n, own_vocalised, other_vocalised, rules) for i, u in enumerate(found, 1)),
        splits,
        any(doubles),
        any(splits),
    )


def _splits(
    a: tuple[Unit, ...], b: tuple[Unit, ...], split_a: tuple[bool, ...], rules: Rules
) -> list[list[float | None] | None]:
    """Per cell (i, j), the cost of diphthong i of a spelt as units j - 1 and j of b, for the kernel."""
    pairs = list(pairwise(b))
    return [
        [None, *(_split_cost(x, first, second, rules) for first, second in pairs)] if splits else None
        for x, splits in zip(a, split_a, strict=True)
    ]


def _splits_across(
    a: tuple[Unit, ...], b: tuple[Unit, ...], split_b: tuple[bool, ...], rules: Rules
) -> list[list[float | None] | None]:
    """Per cell (i, j), the cost of diphthong j of b spelt as units i - 1 and i of a, for the kernel."""
    diphthongs = [(j, y) for j, (y, splits) in enumerate(zip(b, split_b, strict=True)) if splits]
    rows: list[list[float | None] | None] = [None]
    for first, second in pairwise(a):
        row: list[float | None] = [None] * len(b)
        for j, y in diphthongs:
            row[j] = _split_cost(y, first, second, rules)
        rows.append(row)
    return rows


class _Table:
    """The cost table of the cheapest alignment of two words' sound units."""

    def __init__(self, left: str, right: str, a_vocalised: bool, b_vocalised: bool, rules: Rules) -> None:
        word_a, word_b = (
            _word(left, a_vocalised, b_vocalised, rules),
            _word(right, b_vocalised, a_vocalised, rules),
        )
        a, b = self.a, self.b = word_a.units, word_b.units
        self.rules = rules
        drop_a, drop_b = self.drop_a, self.drop_b = word_a.drops, word_b.drops
        split_a, split_b = self.split_a, self.split_b = word_a.splits, word_b.splits
        symbols_b = word_b.symbols
        if word_a.double or word_b.double:
            geminate = rules.indels["geminate"]
            self.subs = [
                [
                    costs[y] + (geminate if x != d else 0.0)
                    for y, d in zip(symbols_b, word_b.doubles, strict=True)
                ]
                for x, costs in zip(
                    word_a.doubles, (_costs_from(s, rules) for s in word_a.symbols), strict=True
                )
            ]
        else:
            self.subs = [
                [costs[y] for y in symbols_b] for costs in (_costs_from(s, rules) for s in word_a.symbols)
            ]
        self.cost = cost_table(
            self.subs,
            drop_a,
            drop_b,
            _splits(a, b, split_a, rules) if word_a.split else None,
            _splits_across(a, b, split_b, rules) if word_b.split else None,
        )

    def _moves(self, i: int, j: int) -> Iterator[tuple[float, tuple[int, int]]]:
        """Each way to reach cell (i, j): its cost and how many units of a and b it eats.

        In tie-break order: substitute, drop from a, drop from b, split a diphthong of a, of b.
        """
        cost, rules = self.cost, self.rules
        yield cost[i - 1][j - 1] + self.subs[i - 1][j - 1], (1, 1)
        yield cost[i - 1][j] + self.drop_a[i - 1], (1, 0)
        yield cost[i][j - 1] + self.drop_b[j - 1], (0, 1)
        a, b = self.a, self.b
        if j >= 2 and self.split_a[i - 1]:
            split = _split_cost(a[i - 1], b[j - 2], b[j - 1], rules)
            if split is not None:
                yield cost[i - 1][j - 2] + split, (1, 2)
        if i >= 2 and self.split_b[j - 1]:
            split = _split_cost(b[j - 1], a[i - 2], a[i - 1], rules)
            if split is not None:
                yield cost[i - 2][j - 1] + split, (2, 1)

    def score(self, ending: bool) -> float:
        n, m = len(self.a), len(self.b)
        score = max(0.0, 1.0 - self.cost[n][m] / max(n, m))
        # A vowel (or, in Arabic script, a final y) on one side only at the very end is a suffix:
        # the nisba of Kazemi against Kazem, the feminine of Karima against Karim.
        if ending and self._ends_in_suffix():
            score = min(score, self.rules.indels["suffix_cap"])
        return round(score, 3)

    def reasons(self) -> tuple[str, ...]:
        """The differences along the cheapest alignment (the first move of each tie)."""
        found: list[str] = []
        i, j = len(self.a), len(self.b)
        while i and j:
            di, dj = next(move for cost, move in self._moves(i, j) if cost == self.cost[i][j])
            found.append(self._describe(i, j, di, dj))
            i, j = i - di, j - dj
        found.extend(self._describe(k, 0, 1, 0) for k in range(i, 0, -1))  # the first column
        found.extend(self._describe(0, k, 0, 1) for k in range(j, 0, -1))  # the first row
        return tuple(reason for reason in reversed(found) if reason)

    def _describe(self, i: int, j: int, di: int, dj: int) -> str:
        """What the move from (i - di, j - dj) to (i, j) changes, or "" if nothing."""
        ua, ub = self.a[i - di : i], self.b[j - dj : j]
        spelt_apart = bool(di and dj) and [u.text for u in ua] != [u.text for u in ub]
        if not (spelt_apart or self.cost[i][j] > self.cost[i - di][j - dj]):
            return ""
        left, right = "".join(u.text for u in ua), "".join(u.text for u in ub)
        if not (left and right):
            return f"+{right}" if not left else f"-{left}"
        symbols = "".join(u.symbol for u in ua) + "~" + "".join(u.symbol for u in ub)
        tag = self.rules.cultures.get(symbols)
        return f"{tag}: {left}~{right}" if tag else f"{left}~{right}"

    def _ends_in_suffix(self) -> bool:
        """Does every cheapest alignment end by dropping a suffix vowel from one word (Kazem / Kazemi)?

        Asked of the cost table, not of the one path the tie-breaking chose, so the answer is the
        same whichever word comes first (Fatima / Fatemeh end in -a against -eh: no suffix).
        """
        a, b, cost = self.a, self.b, self.cost
        n, m = len(a), len(b)
        if not (n and m):
            return False
        ends = [(cost[n - 1][m - 1] + self.subs[-1][-1], False)]
        ends.append((cost[n - 1][m] + self.drop_a[-1], _is_suffix(a[-1], self.rules)))
        ends.append((cost[n][m - 1] + self.drop_b[-1], _is_suffix(b[-1], self.rules)))
        best_suffix = min((c for c, is_suffix in ends if is_suffix), default=float("inf"))
        return best_suffix < min((c for c, is_suffix in ends if not is_suffix), default=float("inf"))


def _is_suffix(unit: Unit, rules: Rules) -> bool:
    return (unit.symbol in rules.vowels and unit.symbol != "e") or unit.symbol == "y"
