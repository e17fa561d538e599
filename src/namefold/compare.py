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


def _indel_cost(unit: Unit, at: int, length: int, other_vocalised: bool, rules: Rules) -> float:
    """Cost of a unit (at 1-based position `at` of its word) that the other word lacks."""
    if unit.symbol in rules.vowels:
        if not other_vocalised:  # Arabic script leaves short vowels unwritten
            return 0.0
        if at == length:
            return rules.indels["vowel_final"]
        return rules.indels["vowel_initial" if at == 1 else "vowel"]
    if unit.symbol in rules.glides:
        return rules.indels["glide"]
    if unit.symbol == "h":
        return rules.indels["h"]
    return rules.indels["default"]


def _sub_cost(a: Unit, b: Unit, rules: Rules) -> float:
    cost = rules.sub_cost(a.symbol, b.symbol)
    return cost + (rules.indels["geminate"] if a.double != b.double else 0.0)


def _describe(a: Unit | None, b: Unit | None) -> str:
    if a is None:
        return f"+{b.text if b else ''}"
    if b is None:
        return f"-{a.text}"
    return f"{a.text}~{b.text}"


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
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        cost[i][0] = cost[i - 1][0] + _indel_cost(a[i - 1], i, n, right_vocalised, rules)
    for j in range(1, m + 1):
        cost[0][j] = cost[0][j - 1] + _indel_cost(b[j - 1], j, m, left_vocalised, rules)
    for i in range(1, n + 1):
        ua = a[i - 1]
        drop_a = _indel_cost(ua, i, n, right_vocalised, rules)
        for j in range(1, m + 1):
            ub = b[j - 1]
            cost[i][j] = min(
                cost[i - 1][j - 1] + _sub_cost(ua, ub, rules),
                cost[i - 1][j] + drop_a,
                cost[i][j - 1] + _indel_cost(ub, j, m, left_vocalised, rules),
            )
    reasons: list[str] = []
    i, j = n, m
    while i > 0 or j > 0:
        here = cost[i][j]
        if i > 0 and j > 0 and abs(here - cost[i - 1][j - 1] - _sub_cost(a[i - 1], b[j - 1], rules)) < 1e-9:
            if a[i - 1].text != b[j - 1].text:
                reasons.append(_describe(a[i - 1], b[j - 1]))
            i, j = i - 1, j - 1
        elif (
            i > 0 and abs(here - cost[i - 1][j] - _indel_cost(a[i - 1], i, n, right_vocalised, rules)) < 1e-9
        ):
            if here > cost[i - 1][j]:
                reasons.append(_describe(a[i - 1], None))
            i -= 1
        else:
            if here > cost[i][j - 1]:
                reasons.append(_describe(None, b[j - 1]))
            j -= 1
    score = max(0.0, 1.0 - cost[n][m] / max(n, m))
    return WordMatch(round(score, 3), tuple(reversed(reasons)))


def compare_elements(a: Element, b: Element, rules: Rules) -> WordMatch:
    """Compare two name elements: prefixes (Abd, Abu, Umm) and compounds must agree."""
    if a.prefix != b.prefix or a.suffix != b.suffix:
        return WordMatch(0.0, (f"{a.text} vs {b.text}",))
    word = compare_words(a.stem, b.stem, rules, a.vocalised, b.vocalised)
    if bool(a.article) != bool(b.article):
        return WordMatch(word.score, (*word.reasons, f"{a.article or b.article}- dropped"))
    return word


_ROLE_NAMES = {
    Role.GIVEN: "given names",
    Role.SURNAME: "surnames",
    Role.KUNYA: "kunyas",
    Role.MIDDLE: "middle names",
}


def _core(name: Name) -> dict[Role, Element]:
    """Given name, surname (a lone word counts as one) and kunya of a name."""
    parts: dict[Role, Element] = {}
    for e in name.elements:
        role = Role.SURNAME if e.role is Role.SINGLE else e.role
        if role is not Role.MIDDLE and role not in parts:
            parts[role] = e
    return parts


def _compare_middles(
    a: tuple[Element, ...], b: tuple[Element, ...], rules: Rules, threshold: float
) -> tuple[list[float], list[str]]:
    """Match father's and grandfather's names in order; ones without a counterpart are noted."""
    scores: list[float] = []
    reasons: list[str] = []
    start = 0
    unmatched_a: list[str] = []
    matched_b: set[int] = set()
    for ea in a:
        best, best_j = None, -1
        for j in range(start, len(b)):
            word = compare_elements(ea, b[j], rules)
            if word.score >= threshold and (best is None or word.score > best.score):
                best, best_j = word, j
        if best is None:
            unmatched_a.append(ea.text)
            continue
        scores.append(best.score)
        reasons.extend(best.reasons)
        matched_b.add(best_j)
        start = best_j + 1
    unmatched = unmatched_a + [e.text for j, e in enumerate(b) if j not in matched_b]
    if unmatched:
        reasons.append(f"middle names on one side only: {', '.join(unmatched)}")
    return scores, reasons


def compare_names(left: Name, right: Name, rules: Rules, threshold: float = DEFAULT_THRESHOLD) -> Match:
    """Score two parsed names; `same` when every shared core part and the whole reach threshold.

    >>> from namefold.normalize import parse_name
    >>> from namefold.rules import default_rules
    >>> r = default_rules()
    >>> m = compare_names(parse_name("Qasim al-Araji", r), parse_name("Qassem Soleimani", r), r)
    >>> m.same, m.reasons[-1]
    (False, 'surnames differ: Araji vs Soleimani')
    """
    if left.key == right.key:
        reasons = () if left.raw == right.raw else ("same spelling up to case, marks and articles",)
        return Match(left.raw, right.raw, 1.0, True, reasons)
    core_a, core_b = _core(left), _core(right)
    shared = [role for role in (Role.GIVEN, Role.SURNAME, Role.KUNYA) if role in core_a and role in core_b]
    if not shared:
        return Match(left.raw, right.raw, 0.0, False, ("no name parts in common",))
    floor = threshold - PART_MARGIN
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
    middles_a, middles_b = left.with_role(Role.MIDDLE), right.with_role(Role.MIDDLE)
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
