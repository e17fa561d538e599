"""Invariants that must hold for any input, checked with generated names."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from namefold import default_rules, explain, normalized, parse_name, resolve

RULES = default_rules()
WORDS = [
    "al", "Abdul", "Abu", "bin", "Sheikh", "Muhammad", "Mohammed", "Kadhimi", "Kazemi", "Hussein",
    "Husain", "Ali", "Aly", "Hamid", "Hamad", "Qasim", "Qassem", "Saidi", "Saadi", "el-Sisi",
    "Uthman", "Othman", "Nur", "ad-Din", "Umm", "محمد", "الكاظمي", "Zaid", "Ziad", "O'Brien",
]  # fmt: skip
names = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
texts = st.one_of(names, st.text(max_size=30))


@given(texts)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalized(parse_name(text, RULES))
    assert normalized(parse_name(once, RULES)) == once


@given(texts, texts)
def test_score_is_symmetric_and_bounded(a: str, b: str) -> None:
    left, right = explain(a, b), explain(b, a)
    assert left.score == right.score and left.same == right.same
    assert 0.0 <= left.score <= 1.0


@given(names)
def test_a_name_matches_itself(text: str) -> None:
    assert explain(text, text).same


@settings(max_examples=40, deadline=None)
@given(st.lists(names, min_size=1, max_size=25), st.randoms(use_true_random=False))
def test_clusters_partition_the_input_and_ignore_order(batch: list[str], rnd: random.Random) -> None:
    first = resolve(batch)
    members = [m.name for c in first.clusters for m in c.members]
    assert sorted(members) == sorted({n.strip() for n in batch if n.strip()})
    assert len({c.id for c in first.clusters}) == len(first.clusters)
    shuffled = batch[:]
    rnd.shuffle(shuffled)
    assert resolve(shuffled).clusters == first.clusters
