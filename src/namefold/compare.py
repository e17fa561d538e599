"""Stage 3: Name x Name -> Match(score, reasons).

Words are compared in words.py. Names are compared by structure: given name with given name,
kunya with kunya, and the shorter chain of fathers' and family names inside the longer one; every
part both names have must agree, so Qasim al-Araji and Qassem Soleimani differ although Qasim ~
Qassem. A name that gives only part of the other is partial, and needs rare parts (rarity.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from namefold.model import Element, Match, Name, Role
from namefold.normalize import family_name_marked, fold_ending, name_form_group, parse_name, to_ascii
from namefold.rarity import Rarity, is_common
from namefold.rules import Rules
from namefold.words import WordMatch, compare_words, word_score

DEFAULT_THRESHOLD = 0.86
# Named thresholds for the two kinds of user: alias tables want few false merges, search indexing
# wants few misses. Figures for each on the development sets are in the README.
PRESETS = {"precise": 0.92, "balanced": DEFAULT_THRESHOLD, "recall": 0.80}
# The thresholds `namefold evaluate --sweep` tries.
SWEEP = tuple(round(0.70 + 0.02 * i, 2) for i in range(15))
# A part of a name may fall this far below the threshold when the other parts carry the match
# (Abdul Wahab al-Saidi / Abdul Wahab al-Saadi); further below, the names conflict.
PART_MARGIN = 0.1
# What an initial scores against a name it could stand for (S. / Sulayman): enough for a middle
# name, never enough for a whole name on its own.
INITIAL_SCORE = 0.8
# What two forms of one given name in different languages score (Oleksandr / Aleksandr): one name,
# though not one spelling.
FORM_SCORE = 0.95


@lru_cache(maxsize=500_000)
def element_score(a: Element, b: Element, rules: Rules) -> float:
    """compare_elements(...).score, without working out the reasons."""
    if (group := name_form_group(a, rules)) is not None and group == name_form_group(b, rules):
        return max(FORM_SCORE, word_score(a.stem, b.stem, rules, a.vocalised, b.vocalised))
    if len(a.key) == 1 or len(b.key) == 1:
        return compare_elements(a, b, rules).score
    if a.prefix != b.prefix or a.suffix != b.suffix:
        return word_score(a.key, b.key, rules, a.vocalised, b.vocalised)
    score = word_score(a.stem, b.stem, rules, a.vocalised, b.vocalised, ending=not a.suffix)
    if score < 1.0 and (whole := _unsplit(a, b, rules)) is not None:
        return max(score, word_score(*whole, rules, a.vocalised, b.vocalised))
    return score


def _unsplit(a: Element, b: Element, rules: Rules) -> tuple[str, str] | None:
    """The two words as written, where one had an article split off its front and the other has
    none: Elwira is Elvira, not el-Wira (the split is a guess; Alkazemi is al-Kazemi)."""
    if bool(a.article) == bool(b.article):
        return None
    fused = a if a.article else b
    whole = fused.article + fused.stem
    if fused.prefix or fused.suffix or to_ascii(fused.text, rules) != whole:
        return None
    return (whole, b.stem) if fused is a else (a.stem, whole)


@lru_cache(maxsize=500_000)
def compare_elements(a: Element, b: Element, rules: Rules) -> WordMatch:
    """Compare two name elements: prefixes (Abd, Abu, Umm) and compounds are part of them.

    Where only one side was split (Abu Bakr / Abubakr), the elements are compared whole, so a
    prefix present on one side only costs what its letters cost.
    """
    if (group := name_form_group(a, rules)) is not None and group == name_form_group(b, rules):
        word = compare_words(a.stem, b.stem, rules, a.vocalised, b.vocalised)
        if word.score < FORM_SCORE:
            return WordMatch(FORM_SCORE, (f"{group[0]}: {a.text} = {b.text}",))
    initial = a if len(a.key) == 1 else b if len(b.key) == 1 else None
    if initial is not None:  # an initial (S.) stands for any name it begins: a fair match, no proof
        other = b if initial is a else a
        same_letter = other.key.startswith(initial.key)
        return WordMatch(INITIAL_SCORE if same_letter else 0.0, (f"{initial.text} as an initial",))
    if a.prefix != b.prefix or a.suffix != b.suffix:
        whole = compare_words(a.key, b.key, rules, a.vocalised, b.vocalised)
        return WordMatch(whole.score, (f"{a.text} ~ {b.text}",))
    word = compare_words(a.stem, b.stem, rules, a.vocalised, b.vocalised, ending=not a.suffix)
    if word.score < 1.0 and (whole := _unsplit(a, b, rules)) is not None:
        unsplit = compare_words(*whole, rules, a.vocalised, b.vocalised)
        if unsplit.score > word.score:
            return unsplit
    reasons = word.reasons
    if ending := _ending_reason(a, b, rules):
        reasons = (*reasons, ending)
    if bool(a.article) != bool(b.article):
        reasons = (*reasons, f"{a.article or b.article}- dropped")
    return WordMatch(word.score, reasons) if reasons is not word.reasons else word


def _ending_reason(a: Element, b: Element, rules: Rules) -> str:
    """Which culture's ending rule made the two words alike, if one did (ru: -yy~-y)."""
    endings = [fold_ending(to_ascii(e.text.split()[-1], rules), rules) for e in (a, b)]
    (folded_a, ending_a), (folded_b, ending_b) = endings
    if ending_a == ending_b or folded_a[-2:] != folded_b[-2:]:
        return ""
    ending = ending_a or ending_b
    plain = dict(rules.endings)[ending]
    shown_a, shown_b = ending_a or plain, ending_b or plain
    tag = rules.cultures.get(f"-{ending}~-{plain}", "")
    return f"{tag}: -{shown_a}~-{shown_b}"


def part_floor(threshold: float, shared: int) -> float:
    """Below this score a part both names have makes them different people.

    A part may fall short of the threshold only when another shared part carries the match.
    """
    return threshold - PART_MARGIN if shared > 1 else threshold


class _Side(NamedTuple):
    """One name as the comparer sees it: its kunya and its chain of given, fathers' and family names."""

    kunya: Element | None
    chain: tuple[Element, ...]


def _fused(first: Element, second: Element) -> Element:
    """Two elements read as one compound given name (Hamid Reza = Hamidreza)."""
    return replace(
        first, text=f"{first.text} {second.text}", stem=first.key + second.key, prefix="", suffix=""
    )


class _Differs(Exception):
    """A part both names have differs: they are never one entity, whatever the other parts say."""


class _Comparison:
    """Collects the part scores, reasons and failures of one comparison of two names.

    With `verdict_only`, the first failure raises _Differs: when only the verdict is wanted, the
    parts after it cannot change it.
    """

    def __init__(
        self, rules: Rules, threshold: float, floor: float, rarity: Rarity, verdict_only: bool
    ) -> None:
        self.rules, self.threshold, self.floor, self.rarity = rules, threshold, floor, rarity
        self.verdict_only = verdict_only
        self.total = self.weight = 0.0  # the weighted sum of part scores, and of their weights
        self.lowest = 1.0  # the lowest part score
        self.reasons: list[str] = []
        self.failed: list[str] = []
        self.pairs: list[tuple[Element, Element]] = []  # the parts matched, for their rarity
        self.joined = [0, 0]  # elements of each side read together with another (Hamid Reza)
        self.initial = False  # a part matched only as an initial (S. / Sulayman)

    def add(self, score: float, weight: float) -> None:
        self.total += score * weight
        self.weight += weight
        self.lowest = min(self.lowest, score)

    def matched(self, a: Element, b: Element, weight: float) -> None:
        word = compare_elements(a, b, self.rules)
        self.add(word.score, weight)
        self.reasons.extend(word.reasons)
        self.pairs.append((a, b))
        self.initial = self.initial or min(len(a.key), len(b.key)) == 1

    def bits(self) -> float:
        """Information the matched parts carry; an initial proves nothing."""
        return sum(
            min(self.rarity.bits(a), self.rarity.bits(b))
            for a, b in self.pairs
            if min(len(a.key), len(b.key)) > 1
        )

    def fail(self, a: Element, b: Element, part: str) -> None:
        if self.verdict_only:
            raise _Differs
        self.add(element_score(a, b, self.rules), 1.0)
        self.failed.append(f"{part} differ: {a.text} vs {b.text}")

    def score(self, a: Element, b: Element) -> float:
        return element_score(a, b, self.rules)

    def fits(self, a: Element, b: Element) -> bool:
        return self.score(a, b) >= self.floor

    def whole(self, a: Element, b: Element) -> bool:
        """A compound against one word must match it in full (Hamid Reza / Hamidreza)."""
        return self.score(a, b) >= self.threshold


def _align(
    tail_a: tuple[Element, ...],
    tail_b: tuple[Element, ...],
    score: Callable[[Element, Element], float],
    floor: float,
    fathers: bool = True,
) -> list[tuple[int, int]] | None:
    """Place every element of the shorter tail in the longer one, in order, best total score first;
    an element fits another where their score reaches `floor`.

    Fathers' names (the first of two or more) must face each other: Ali Abdullah Saleh is not
    Ali Mohammad Abdullah Saleh's son; not so where `fathers` is False (the tails begin with
    family names). Returns (index in a, index in b) pairs, or None.
    """
    n, m = len(tail_a), len(tail_b)
    if min(n, m) == 1:  # one element to place: the best-scoring one that fits, the first of equals
        place, most = None, 0.0
        for k, e in enumerate(tail_b if n == 1 else tail_a):
            found = score(tail_a[0], e) if n == 1 else score(e, tail_b[0])
            if found >= floor and (found > most or place is None):
                place, most = k, found
        return None if place is None else [(0, place) if n == 1 else (place, 0)]
    if n > m:
        flipped = _align(tail_b, tail_a, lambda x, y: score(y, x), floor, fathers)
        return None if flipped is None else [(i, j) for j, i in flipped]
    fathers = fathers and n >= 2 and m >= 2
    none = float("-inf")
    best = [[0.0] * (m + 1)] + [[none] * (m + 1) for _ in range(n)]
    for i in range(1, n + 1):
        for j in range(i, m + 1):
            take = none
            if (
                best[i - 1][j - 1] > none
                and not (fathers and i == 1 and j != 1)
                and (found := score(tail_a[i - 1], tail_b[j - 1])) >= floor
            ):
                take = best[i - 1][j - 1] + found
            best[i][j] = max(take, best[i][j - 1])
    if best[n][m] == none:
        return None
    pairs: list[tuple[int, int]] = []
    i, j = n, m
    while i:
        if best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]


def _kunya_as_given(a: _Side, b: _Side, threshold: float, rules: Rules) -> tuple[_Side, _Side]:
    """A kunya facing a given name where the other side has none is read as one (Abolqasem / Abu'l-Qasim)."""
    sides = [a, b]
    for x, y in ((0, 1), (1, 0)):
        this, other = sides[x], sides[y]
        if (
            this.kunya is not None
            and other.kunya is None
            and len(this.chain) <= 1
            and len(other.chain) >= 2
            and element_score(this.kunya, other.chain[0], rules) >= threshold
        ):
            sides[x] = _Side(None, (this.kunya, *this.chain))
    return sides[0], sides[1]


def _compare_short(a: tuple[Element, ...], b: tuple[Element, ...], c: _Comparison) -> None:
    """Chains where one side is a single word: it must be the other's family name, or the other's
    two names run together (SERGEILAVROV)."""
    x, y = (a[0], b[-1]) if len(a) == 1 else (a[-1], b[0])
    pair = b if len(a) == 1 else a
    if bool(x.connector) != bool(y.connector) and len(a) == len(b):
        c.fail(x, y, "son and father")  # Ibn Saud is Saud's son
    elif c.fits(x, y):
        c.matched(x, y, 1.0)
    elif len(pair) == 2 and (joined := _run_together(single := (a if pair is b else b)[0], pair, c)):
        c.matched(single, joined, 1.0)
        c.reasons.append(f"{joined.text} written as one word")
        c.joined[0 if pair is a else 1] += 1
    else:
        c.fail(x, y, "surnames")


def _run_together(x: Element, pair: tuple[Element, ...], c: _Comparison) -> Element | None:
    """The two names of `pair` read as one word that x spells, in either order (SERGEILAVROV,
    LAVROVSERGEI), or None."""
    if len(x.key) <= max(len(e.key) for e in pair) + 1:
        return None
    for first, second in (pair, pair[::-1]):
        if c.whole(x, joined := _fused(first, second)):
            return joined
    return None


def _surname_joined(
    x: tuple[Element, ...], y: tuple[Element, ...], c: _Comparison, side: int
) -> tuple[Element, ...]:
    """x with its last two elements read as one family name when y writes them so (Ahmadi-Nejad)."""
    # Only a longer word can be the two joined: the length test spares most comparisons.
    if len(x) >= 3 and len(y) >= 2 and len(y[-1].key) > len(x[-1].key) + 1 and not c.fits(x[-1], y[-1]):
        joined = _fused(x[-2], x[-1])
        if c.whole(joined, y[-1]):
            c.joined[side] += 1
            return (*x[:-2], joined)
    return x


@lru_cache(maxsize=8)
def _devotional_names(rules: Rules) -> tuple[Element, ...]:
    return tuple(e for word in rules.devotional_first for e in parse_name(word, rules).elements)


def _devotional(x: tuple[Element, ...], y: tuple[Element, ...], c: _Comparison) -> bool:
    """May x's first name be left out (Muhammad Anwar al-Sadat / Anwar Sadat)? Only if y has none of it."""

    def devotional(e: Element) -> bool:
        return any(c.whole(e, d) for d in _devotional_names(c.rules))

    return (
        len(x) - 1 >= max(len(y), 2)  # what is left must hold all of y (not Reza Shah Pahlavi)
        and devotional(x[0])
        and not x[1].connector  # Muhammad bin Zayed is Zayed's son, not Zayed
        and x[1].stem not in c.rules.devotional_not_before  # Mohammad Ali is one compound name
        and not any(devotional(e) for e in y)
    )


def _compare_chains(a: tuple[Element, ...], b: tuple[Element, ...], c: _Comparison) -> tuple[Element, ...]:
    """Given name with given name, then the rest in order (see _align); returns the unmatched elements."""
    if len(a) >= 3 or len(b) >= 3:  # what _surname_joined needs first: most pairs are spared both calls
        a, b = _surname_joined(a, b, c, 0), _surname_joined(b, a, c, 1)
    given_a, given_b, tail_a, tail_b = a[0], b[0], a[1:], b[1:]
    if not c.fits(given_a, given_b):
        if len(a) >= 3 and len(given_b.key) > len(given_a.key) + 1 and c.whole(_fused(a[0], a[1]), given_b):
            given_a, tail_a = _fused(a[0], a[1]), a[2:]
            c.joined[0] += 1
        elif len(b) >= 3 and len(given_a.key) > len(given_b.key) + 1 and c.whole(given_a, _fused(b[0], b[1])):
            given_b, tail_b = _fused(b[0], b[1]), b[2:]
            c.joined[1] += 1
        elif _devotional(a, b, c):
            c.reasons.append(f"{a[0].text} left out")
            return _compare_chains(a[1:], b, c)
        elif _devotional(b, a, c):
            c.reasons.append(f"{b[0].text} left out")
            return _compare_chains(a, b[1:], c)
        else:
            c.fail(given_a, given_b, "given names")
            return ()
    initial = min(len(given_a.key), len(given_b.key)) == 1
    if (
        c.score(given_a, given_b) < c.threshold and not initial
    ):  # what one is called: no margin (Hamid / Hamad)
        c.fail(given_a, given_b, "given names")
        return ()
    c.matched(given_a, given_b, 1.0)
    fathers = not (family_name_marked(tail_a[0], a) or family_name_marked(tail_b[0], b))
    pairs = _align(tail_a, tail_b, c.score, c.floor, fathers)
    if pairs is None:
        short, long = (tail_a, tail_b) if len(tail_a) <= len(tail_b) else (tail_b, tail_a)
        if len(short) == len(long):
            surname_fits = c.fits(tail_a[-1], tail_b[-1])
        else:  # the shorter name's last part may be a father's name of the longer one
            surname_fits = any(c.fits(short[-1], e) for e in long)
        if not surname_fits:
            c.fail(tail_a[-1], tail_b[-1], "surnames")
        elif len(short) >= 2 and not c.fits(tail_a[0], tail_b[0]):
            c.fail(tail_a[0], tail_b[0], "fathers' names")
        elif len(short) == len(long):  # names face each other in order: say which do not match
            worst = min(range(len(short)), key=lambda k: (c.score(tail_a[k], tail_b[k]), k))
            c.fail(tail_a[worst], tail_b[worst], "middle names")
        else:
            alone = [e for e in short if not any(c.fits(e, f) for f in long)] or list(short)
            c.add(min(max(c.score(e, f) for f in long) for e in alone), 1.0)
            c.failed.append("middle names differ: " + ", ".join(e.text for e in alone))
        return ()
    last = (len(tail_a) - 1, len(tail_b) - 1)
    for i, j in pairs:
        c.matched(tail_a[i], tail_b[j], 1.0 if i == last[0] or j == last[1] else 0.5)
    used_a, used_b = {i for i, _ in pairs}, {j for _, j in pairs}
    return tuple(e for i, e in enumerate(tail_a) if i not in used_a) + tuple(
        e for j, e in enumerate(tail_b) if j not in used_b
    )


def compare_names(
    left: Name, right: Name, rules: Rules, threshold: float = DEFAULT_THRESHOLD, rarity: Rarity | None = None
) -> Match:
    """Score two parsed names; `same` when the whole reaches threshold and no shared part fails.

    Given name faces given name, kunya faces kunya; fathers' and family names follow in order, and
    the shorter name's chain must sit inside the longer one's (Ali Abdullah Saleh inside Ali
    Abdullah Saleh al-Ahmar, but not inside Ali Mohammad Saleh). A name that gives only part of
    the other is `partial`, and the same person only if the parts it shares are rare enough
    (see rarity.py): a shared Muhammad never carries a match alone.

    >>> from namefold.normalize import parse_name
    >>> from namefold.rules import default_rules
    >>> r = default_rules()
    >>> m = compare_names(parse_name("Qasim al-Araji", r), parse_name("Qassem Soleimani", r), r)
    >>> m.same, m.reasons[-1]
    (False, 'surnames differ: Araji vs Soleimani')
    """
    found = _compare(left, right, rules, threshold, rarity, verdict_only=False)
    if not found.same and (reordered := _reordered(left, right, rules, threshold, rarity)) is not None:
        return reordered
    return found


def judge(
    left: Name, right: Name, rules: Rules, threshold: float = DEFAULT_THRESHOLD, rarity: Rarity | None = None
) -> Match | bool:
    """What resolving keeps of a pair: its Match if the names are one, else whether they clearly
    differ (compare_names(...).conflict), found without scoring the parts after the first that
    differs, since no score or reason of a pair that does not join is kept.

    >>> from namefold.normalize import parse_name
    >>> from namefold.rules import default_rules
    >>> r = default_rules()
    >>> judge(parse_name("Qasim al-Araji", r), parse_name("Qassem Soleimani", r), r)
    True
    """
    try:
        found = _compare(left, right, rules, threshold, rarity, verdict_only=True)
    except _Differs:
        reordered = _reordered(left, right, rules, threshold, rarity)
        return reordered if reordered is not None else True
    if not found.same and (reordered := _reordered(left, right, rules, threshold, rarity)) is not None:
        return reordered
    return found if found.same else found.conflict


def _reordered(
    left: Name, right: Name, rules: Rules, threshold: float, rarity: Rarity | None
) -> Match | None:
    """The names as one, their parts rotated, if each part of one matches its own part of the
    other: lists write the family name first (LAVROV Sergei Viktorovich, Xi Jinping / Jinping
    Xi). Other orders are other people (Bashar Hafez al-Assad is Hafez Bashar al-Assad's son).

    Without a bin / ibn on both sides to say whose son is who, the order of an Arabic chain is
    what tells Ali Hassan from Hassan Ali: no part may then be one of the commonest names, and
    the parts must be rare enough to tell one person (rarity.py), as a partial match's must.
    """
    a, b = left.elements, right.elements
    if (
        left.generation != right.generation
        or len(a) != len(b)
        or not 2 <= len(a) <= 4
        or left.core.get(Role.KUNYA)
        or right.core.get(Role.KUNYA)
    ):
        return None
    confirmed = any(e.connector for e in a)  # a bin that must face a bin (see below)
    if not confirmed and any(is_common(e, rules) for e in a):
        return None
    n = len(a)
    best: tuple[float, list[tuple[Element, Element]]] | None = None
    for shift in range(1, n):
        pairs = [(a[i], b[(i + shift) % n]) for i in range(n)]
        if any(bool(x.connector) != bool(y.connector) for x, y in pairs):
            continue  # bin / ibn marks a father's name wherever it stands
        total = 0.0
        for x, y in pairs:
            if (found := element_score(x, y, rules)) < threshold:
                break
            total += found
        else:
            if best is None or total > best[0]:
                best = (total, pairs)
    if best is None:
        return None
    total, pairs = best
    reasons = [r for x, y in pairs for r in compare_elements(x, y, rules).reasons]
    reasons.append("parts in another order")
    score = round(total / n, 3)
    if not confirmed:
        rarity = rarity or Rarity(rules)
        bits = sum(min(rarity.bits(x), rarity.bits(y)) for x, y in pairs if min(len(x.key), len(y.key)) > 1)
        if bits < rules.rarity["min_partial_bits"]:
            return None
    return Match(left.raw, right.raw, score, True, tuple(dict.fromkeys(reasons)))


def _compare(
    left: Name, right: Name, rules: Rules, threshold: float, rarity: Rarity | None, verdict_only: bool
) -> Match:
    if left.raw == right.raw:
        return Match(left.raw, right.raw, 1.0, True)
    if left.generation != right.generation:  # Jr. is the son: never the father
        if verdict_only:
            raise _Differs
        found = f"generations differ: {left.generation or '-'} vs {right.generation or '-'}"
        return Match(left.raw, right.raw, 0.0, False, (found,), conflict=True)
    a, b = _Side(left.core.get(Role.KUNYA), left.chain), _Side(right.core.get(Role.KUNYA), right.chain)
    if a.kunya is not None or b.kunya is not None:
        a, b = _kunya_as_given(a, b, threshold, rules)
    kunyas = a.kunya is not None and b.kunya is not None
    chains = bool(a.chain and b.chain)
    shared = kunyas + (min(len(a.chain), len(b.chain)) if chains else 0)
    if not shared:
        return Match(left.raw, right.raw, 0.0, False, ("no name parts in common",))
    c = _Comparison(rules, threshold, part_floor(threshold, shared), rarity or Rarity(rules), verdict_only)
    if kunyas:
        if c.fits(a.kunya, b.kunya):
            c.matched(a.kunya, b.kunya, 0.5)
        else:
            c.fail(a.kunya, b.kunya, "kunyas")
    unmatched: tuple[Element, ...] = ()
    if chains:
        if len(a.chain) == 1 or len(b.chain) == 1:
            _compare_short(a.chain, b.chain, c)
        else:
            unmatched = _compare_chains(a.chain, b.chain, c)
    lengths = len(a.chain) - c.joined[0], len(b.chain) - c.joined[1]
    partial = lengths[0] != lengths[1] or (a.kunya is None) != (b.kunya is None)
    reasons = c.reasons
    if left.core.keys() != right.core.keys():
        only = sorted(role.value for role in set(left.core) ^ set(right.core))
        reasons.append(f"{' and '.join(only)} on one side only")
    if unmatched:
        reasons.append(f"middle names on one side only: {', '.join(e.text for e in unmatched)}")
    score = c.total / c.weight
    if c.failed:
        score = min(score, c.lowest)
        reasons.extend(c.failed)
    score = round(score, 3)
    same = not c.failed and score >= threshold
    # A name that gives only part of the other, or only an initial of a part, needs rare parts.
    if same and (partial or c.initial) and (bits := c.bits()) < rules.rarity["min_partial_bits"]:
        same = False
        reasons.append(f"shared parts too common to tell one person ({bits:.1f} bits)")
    return Match(left.raw, right.raw, score, same, tuple(dict.fromkeys(reasons)), partial, bool(c.failed))
