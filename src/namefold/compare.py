"""Stage 3: Name x Name -> Match(score, reasons).

Words are compared by a weighted edit distance over sound units whose substitution costs come
from the rule tables (dh~z is cheap, r~n is not). Names are compared role by role: given name
with given name, surname with surname; every core part both names have must agree, so Qasim
al-Araji and Qassem Soleimani differ although Qasim ~ Qassem. A part present on one side only
makes the match partial (a bare surname against a full name) rather than different.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from namefold.keys import Unit, units
from namefold.model import Element, Match, Name, Role
from namefold.rules import Rules

DEFAULT_THRESHOLD = 0.86
# A part of a name may fall this far below the threshold when the other parts carry the match
# (Abdul Wahab al-Saidi / Abdul Wahab al-Saadi); further below, the names conflict.
PART_MARGIN = 0.1


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
        if not other_vocalised:  # Arabic script leaves short vowels unwritten
            return 0.0
        if at == length:
            return rules.indels["final_e" if unit.symbol == "e" else "vowel_final"]
        return rules.indels["vowel_initial" if at == 1 else "vowel"]
    if unit.symbol in rules.glides and (own_vocalised or other_vocalised):
        return rules.indels["glide"]
    if unit.symbol == "h":
        return rules.indels["h"]
    return rules.indels["default"]


def _sub_cost(a: Unit, b: Unit, rules: Rules) -> float:
    cost = rules.sub_cost(a.symbol, b.symbol)
    return cost + (rules.indels["geminate"] if a.double != b.double else 0.0)


def _split_cost(diphthong: Unit, first: Unit, second: Unit, rules: Rules) -> float | None:
    """Cost of a diphthong spelt as two sounds on the other side (Aisha / Ayesha), if it can be."""
    split = rules.diphthong_splits.get(diphthong.symbol)
    if split is None or first.symbol not in split.first or second.symbol not in split.second:
        return None
    return split.cost


def _describe(a: tuple[Unit, ...], b: tuple[Unit, ...]) -> str:
    left, right = "".join(u.text for u in a), "".join(u.text for u in b)
    if not left:
        return f"+{right}"
    if not right:
        return f"-{left}"
    return f"{left}~{right}"


@lru_cache(maxsize=500_000)
def compare_words(
    left: str, right: str, rules: Rules, left_vocalised: bool = True, right_vocalised: bool = True
) -> WordMatch:
    """Similarity of two lowercase words in [0, 1], with the differences that cost something.

    >>> from namefold.rules import default_rules
    >>> compare_words("kadhimi", "kazemi", default_rules())
    WordMatch(score=0.967, reasons=('dh~z', 'i~e'))
    """
    if left == right:
        return WordMatch(1.0, ())
    a, b = units(left, rules), units(right, rules)
    n, m = len(a), len(b)
    drop_a = [_indel_cost(u, i, n, left_vocalised, right_vocalised, rules) for i, u in enumerate(a, 1)]
    drop_b = [_indel_cost(u, j, m, right_vocalised, left_vocalised, rules) for j, u in enumerate(b, 1)]
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    step = [[(0, 0)] * (m + 1) for _ in range(n + 1)]  # how many units of a and b the best move ate
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            moves: list[tuple[float, int, int]] = []
            if i and j:
                moves.append((cost[i - 1][j - 1] + _sub_cost(a[i - 1], b[j - 1], rules), 1, 1))
            if i:
                moves.append((cost[i - 1][j] + drop_a[i - 1], 1, 0))
            if j:
                moves.append((cost[i][j - 1] + drop_b[j - 1], 0, 1))
            if i and j >= 2 and (split := _split_cost(a[i - 1], b[j - 2], b[j - 1], rules)) is not None:
                moves.append((cost[i - 1][j - 2] + split, 1, 2))
            if j and i >= 2 and (split := _split_cost(b[j - 1], a[i - 2], a[i - 1], rules)) is not None:
                moves.append((cost[i - 2][j - 1] + split, 2, 1))
            if moves:
                best = min(moves, key=lambda move: move[0])
                cost[i][j], step[i][j] = best[0], (best[1], best[2])
    reasons: list[str] = []
    i, j = n, m
    while i or j:
        di, dj = step[i][j]
        ua, ub = a[i - di : i], b[j - dj : j]
        spelt_apart = bool(di and dj) and [u.text for u in ua] != [u.text for u in ub]
        if spelt_apart or cost[i][j] > cost[i - di][j - dj]:
            reasons.append(_describe(ua, ub))
        i, j = i - di, j - dj
    score = max(0.0, 1.0 - cost[n][m] / max(n, m))
    return WordMatch(round(score, 3), tuple(reversed(reasons)))


@lru_cache(maxsize=500_000)
def compare_elements(a: Element, b: Element, rules: Rules) -> WordMatch:
    """Compare two name elements: prefixes (Abd, Abu, Umm) and compounds are part of them.

    Where only one side was split (Abu Bakr / Abubakr), the elements are compared whole, so a
    prefix present on one side only costs what its letters cost.
    """
    if a.prefix != b.prefix or a.suffix != b.suffix:
        whole = compare_words(a.key, b.key, rules, a.vocalised, b.vocalised)
        return WordMatch(whole.score, (f"{a.text} ~ {b.text}",))
    word = compare_words(a.stem, b.stem, rules, a.vocalised, b.vocalised)
    if bool(a.article) != bool(b.article):
        return WordMatch(word.score, (*word.reasons, f"{a.article or b.article}- dropped"))
    return word


_ROLE_NAMES = {
    Role.GIVEN: "given names",
    Role.SURNAME: "surnames",
    Role.KUNYA: "kunyas",
}


def _compare_middles(
    a: tuple[Element, ...], b: tuple[Element, ...], rules: Rules, floor: float
) -> tuple[list[float], list[str]]:
    """Match father's and grandfather's names in order; ones without a counterpart are noted.

    The alignment maximises the total score (then the number of matches), so it is the same
    whichever name comes first.
    """
    words = [[compare_elements(x, y, rules) for y in b] for x in a]
    best = [[(0.0, 0)] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            options = [best[i - 1][j], best[i][j - 1]]
            word = words[i - 1][j - 1]
            if word.score >= floor:
                total, count = best[i - 1][j - 1]
                options.append((total + word.score, count + 1))
            best[i][j] = max(options)
    scores: list[float] = []
    reasons: list[str] = []
    matched_a: set[int] = set()
    matched_b: set[int] = set()
    i, j = len(a), len(b)
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            word = words[i - 1][j - 1]
            scores.append(word.score)
            reasons[:0] = word.reasons
            matched_a.add(i - 1)
            matched_b.add(j - 1)
            i, j = i - 1, j - 1
    unmatched = [e.text for n, e in enumerate(a) if n not in matched_a]
    unmatched += [e.text for n, e in enumerate(b) if n not in matched_b]
    if unmatched:
        reasons.append(f"middle names on one side only: {', '.join(unmatched)}")
    return scores, reasons


def part_floor(threshold: float, shared: int) -> float:
    """Below this score a part both names have makes them different people.

    A part may fall short of the threshold only when another shared part carries the match.
    """
    return threshold - PART_MARGIN if shared > 1 else threshold


def compare_names(left: Name, right: Name, rules: Rules, threshold: float = DEFAULT_THRESHOLD) -> Match:
    """Score two parsed names; `same` when the whole reaches threshold and no shared part fails.

    Shared core parts (given name, surname, kunya) each must reach `part_floor`; a name part one
    side lacks makes the match partial, not different.

    >>> from namefold.normalize import parse_name
    >>> from namefold.rules import default_rules
    >>> r = default_rules()
    >>> m = compare_names(parse_name("Qasim al-Araji", r), parse_name("Qassem Soleimani", r), r)
    >>> m.same, m.reasons[-1]
    (False, 'surnames differ: Araji vs Soleimani')
    """
    if left.raw == right.raw:
        return Match(left.raw, right.raw, 1.0, True)
    core_a, core_b = left.core, right.core
    shared = [role for role in (Role.GIVEN, Role.SURNAME, Role.KUNYA) if role in core_a and role in core_b]
    if not shared:
        return Match(left.raw, right.raw, 0.0, False, ("no name parts in common",))
    floor = part_floor(threshold, len(shared))
    scores: list[tuple[float, float]] = []  # (score, weight)
    reasons: list[str] = []
    failed: list[str] = []
    for role in shared:
        ea, eb = core_a[role], core_b[role]
        word = compare_elements(ea, eb, rules)
        scores.append((word.score, 1.0 if role is not Role.KUNYA else 0.5))
        if word.score < floor:
            failed.append(f"{_ROLE_NAMES[role]} differ: {ea.text} vs {eb.text}")
        else:
            reasons.extend(word.reasons)
    middles_a, middles_b = left.middles, right.middles
    if middles_a and middles_b:
        middle_scores, middle_reasons = _compare_middles(middles_a, middles_b, rules, floor)
        scores.extend((s, 0.5) for s in middle_scores)
        reasons.extend(middle_reasons)
    partial = set(core_a) != set(core_b)
    if partial:
        only = sorted(role.value for role in set(core_a) ^ set(core_b))
        reasons.append(f"{' and '.join(only)} on one side only")
    score = sum(s * w for s, w in scores) / sum(w for _, w in scores)
    if failed:
        score = min(score, min(s for s, _ in scores))
        reasons.extend(failed)
    score = round(score, 3)
    same = not failed and score >= threshold
    return Match(left.raw, right.raw, score, same, tuple(dict.fromkeys(reasons)), partial, bool(failed))
