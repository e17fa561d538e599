# cython: boundscheck=False, wraparound=False, annotation_typing=False
"""The cost table of the cheapest alignment of two words' sound units: the matcher's hottest loop.

Plain numbers in, plain numbers out, so that the same source runs as Python (the reference) and
compiles with Cython in pure-Python mode (typed by _align.pxd, built as namefold._align_c when a C
compiler is at hand). words.py looks the costs up in the rule tables; this module only adds and
compares them, in the same order and with the same strict `<` tie-breaking either way, so the two
builds give the same floats.
"""

from __future__ import annotations


def cost_table(
    subs: list[list[float]],
    drop_a: tuple[float, ...],
    drop_b: tuple[float, ...],
    split_ab: list[list[float | None] | None] | None,
    split_ba: list[list[float | None] | None] | None,
) -> list[list[float]]:
    """The cheapest cost of aligning each prefix of word a with each prefix of word b.

    `subs[i][j]` spells unit i of a as unit j of b, `drop_a[i]` / `drop_b[j]` leave a unit out.
    `split_ab[i][j]` spells diphthong i of a as units j - 1 and j of b, `split_ba[i][j]` diphthong
    j of b as units i - 1 and i of a; None where it cannot be, and a row or the whole table may be
    None when none can. Moves tie in this order: substitute, drop from a, drop from b, split.

    >>> cost_table([[0.0, 1.0], [1.0, 0.0]], (1.0, 1.0), (1.0, 1.0), None, None)
    [[0.0, 1.0, 2.0], [1.0, 0.0, 1.0], [2.0, 1.0, 0.0]]
    """
    # Each number is read into a local once and carried along the row (up becomes diag, then
    # left2), so that compiled, the loop adds C doubles and only boxes what it stores.
    n, m = len(drop_a), len(drop_b)
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    first = cost[0]
    back = 0.0
    for j in range(1, m + 1):
        step = drop_b[j - 1]
        back = back + step
        first[j] = back
    for i in range(1, n + 1):
        above, row, subs_row, drop = cost[i - 1], cost[i], subs[i - 1], drop_a[i - 1]
        here = split_ab[i - 1] if split_ab is not None else None
        there = split_ba[i - 1] if split_ba is not None else None
        above2 = cost[i - 2] if i >= 2 else above
        diag = above[0]
        left2 = diag  # above[j - 2], read only from j = 2 on
        back = diag + drop
        row[0] = back
        for j in range(1, m + 1):
            up = above[j]
            sub = subs_row[j - 1]
            best = diag + sub
            other = up + drop
            if other < best:
                best = other
            step = drop_b[j - 1]
            other = back + step
            if other < best:
                best = other
            if here is not None and j >= 2:
                cell = here[j - 1]
                if cell is not None:
                    split = cell
                    other = left2 + split
                    if other < best:
                        best = other
            if there is not None:
                cell = there[j - 1]
                if cell is not None:
                    corner = above2[j - 1]
                    split = cell
                    other = corner + split
                    if other < best:
                        best = other
            row[j] = best
            back = best
            left2 = diag
            diag = up
    return cost
