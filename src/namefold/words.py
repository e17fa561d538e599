"""Word against word: a weighted edit distance over sound units, with the differences that cost.

Substitution and indel costs come from the rule tables (dh~z is cheap, r~n is not); short vowels
missing from Arabic script are free, and a final nisba or feminine vowel makes another name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from namefold.keys import Unit, units
from namefold.rules import Rules


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


def _sub_cost(a: Unit, b: Unit, rules: Rules) -> float:
    return _symbol_cost(a.symbol, b.symbol, a.double != b.double, rules)


@lru_cache(maxsize=10_000)
def _symbol_cost(a: str, b: str, geminate: bool, rules: Rules) -> float:
    return rules.sub_cost(a, b) + (rules.indels["geminate"] if geminate else 0.0)


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
    a, b = units(left, rules), units(right, rules)
    n, m = len(a), len(b)
    drop_a = [_indel_cost(u, i, n, left_vocalised, right_vocalised, rules) for i, u in enumerate(a, 1)]
    drop_b = [_indel_cost(u, j, m, right_vocalised, left_vocalised, rules) for j, u in enumerate(b, 1)]
    inf = float("inf")
    splits = rules.diphthong_splits
    split_a = [u.symbol in splits for u in a]
    split_b = [u.symbol in splits for u in b]
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    step = [[(0, 0)] * (m + 1) for _ in range(n + 1)]  # how many units of a and b the best move ate
    cost[0][0] = 0.0
    for j in range(1, m + 1):
        cost[0][j], step[0][j] = cost[0][j - 1] + drop_b[j - 1], (0, 1)
    for i in range(1, n + 1):
        above, row, x = cost[i - 1], cost[i], a[i - 1]
        row[0], step[i][0] = above[0] + drop_a[i - 1], (1, 0)
        subs = [_symbol_cost(x.symbol, y.symbol, x.double != y.double, rules) for y in b]
        for j in range(1, m + 1):
            # The cheapest move; on a tie the first of: substitute, drop from a, drop from b, splits.
            best, move = above[j - 1] + subs[j - 1], (1, 1)
            if (here := above[j] + drop_a[i - 1]) < best:
                best, move = here, (1, 0)
            if (here := row[j - 1] + drop_b[j - 1]) < best:
                best, move = here, (0, 1)
            if (
                j >= 2
                and split_a[i - 1]
                and (split := _split_cost(x, b[j - 2], b[j - 1], rules)) is not None
                and (here := above[j - 2] + split) < best
            ):
                best, move = here, (1, 2)
            if (
                i >= 2
                and split_b[j - 1]
                and (split := _split_cost(b[j - 1], a[i - 2], x, rules)) is not None
                and (here := cost[i - 2][j - 1] + split) < best
            ):
                best, move = here, (2, 1)
            row[j], step[i][j] = best, move
    reasons: list[str] = []
    i, j = n, m
    di, dj = step[n][m]
    # A vowel (or, in Arabic script, a final y) on one side only at the very end is a suffix:
    # the nisba of Kazemi against Kazem, the feminine of Karima against Karim.
    suffix = ending and _ends_in_suffix(a, b, cost, drop_a, drop_b, rules)
    while i or j:
        di, dj = step[i][j]
        ua, ub = a[i - di : i], b[j - dj : j]
        spelt_apart = bool(di and dj) and [u.text for u in ua] != [u.text for u in ub]
        if spelt_apart or cost[i][j] > cost[i - di][j - dj]:
            reasons.append(_describe(ua, ub))
        i, j = i - di, j - dj
    score = max(0.0, 1.0 - cost[n][m] / max(n, m))
    if suffix:
        score = min(score, rules.indels["suffix_cap"])
    return WordMatch(round(score, 3), tuple(reversed(reasons)))


def _is_suffix(unit: Unit, rules: Rules) -> bool:
    return (unit.symbol in rules.vowels and unit.symbol != "e") or unit.symbol == "y"


def _ends_in_suffix(
    a: tuple[Unit, ...],
    b: tuple[Unit, ...],
    cost: list[list[float]],
    drop_a: list[float],
    drop_b: list[float],
    rules: Rules,
) -> bool:
    """Does every cheapest alignment end by dropping a suffix vowel from one word (Kazem / Kazemi)?

    Asked of the cost table, not of the one path the tie-breaking chose, so the answer is the
    same whichever word comes first (Fatima / Fatemeh end in -a against -eh: no suffix).
    """
    n, m = len(a), len(b)
    if not (n and m):
        return False
    ends = [(cost[n - 1][m - 1] + _sub_cost(a[-1], b[-1], rules), False)]
    ends.append((cost[n - 1][m] + drop_a[-1], _is_suffix(a[-1], rules)))
    ends.append((cost[n][m - 1] + drop_b[-1], _is_suffix(b[-1], rules)))
    best_suffix = min((c for c, is_suffix in ends if is_suffix), default=float("inf"))
    return best_suffix < min((c for c, is_suffix in ends if not is_suffix), default=float("inf"))
