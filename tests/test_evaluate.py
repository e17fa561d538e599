"""Metrics checked against figures worked out by hand."""

from __future__ import annotations

import pytest

from namefold.evaluate import bcubed, false_merges, missed_pairs, pairwise

GOLD = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "z"}
# Predicted: {a, b} and {c, d}; e missing (counts as alone).
PRED = {"a": "1", "b": "1", "c": "2", "d": "2"}


def test_pairwise_by_hand() -> None:
    # Gold pairs: ab ac bc (3). Predicted pairs: ab cd (2). Right: ab (1).
    scores = pairwise(PRED, GOLD)
    assert scores.precision == pytest.approx(1 / 2)
    assert scores.recall == pytest.approx(1 / 3)
    assert scores.f1 == pytest.approx(0.4)


def test_bcubed_by_hand() -> None:
    # Precision per name: a 2/2, b 2/2, c 1/2, d 1/2, e 1/1 -> 4/5.
    # Recall per name: a 2/3, b 2/3, c 1/3, d 1/1, e 1/1 -> (2/3+2/3+1/3+1+1)/5 = 11/15.
    scores = bcubed(PRED, GOLD)
    assert scores.precision == pytest.approx(4 / 5)
    assert scores.recall == pytest.approx(11 / 15)


def test_perfect_and_all_alone() -> None:
    assert pairwise(GOLD, GOLD).f1 == 1.0
    alone = {n: n for n in GOLD}
    assert pairwise(alone, GOLD).recall == 0.0
    assert bcubed(alone, GOLD).precision == 1.0


def test_mistakes_are_listed() -> None:
    assert list(false_merges(PRED, GOLD)) == [("c", "d")]
    assert sorted(missed_pairs(PRED, GOLD)) == [("a", "c"), ("b", "c")]


def test_plain_jaro_winkler_baseline_misses_what_namefold_joins() -> None:
    from namefold import resolve
    from namefold.evaluate import jaro_winkler_baseline

    gold = {"Kadhimi": "k", "Kazemi": "k", "Qaddafi": "q", "Gadhafi": "q", "Muhammad": "m", "Muhammed": "m"}
    plain = jaro_winkler_baseline(gold)
    assert plain["Muhammad"] == plain["Muhammed"]
    assert plain["Kadhimi"] != plain["Kazemi"] and plain["Qaddafi"] != plain["Gadhafi"]
    ours = resolve(gold).cluster_of()
    assert pairwise(ours, gold).recall == 1.0 > pairwise(plain, gold).recall
