"""Score a clustering against a gold clustering: pairwise and B-cubed precision, recall and F1.

Pairwise counts pairs of distinct names put together; B-cubed averages, over names, how much of
each name's predicted cluster is right (precision) and how much of its gold cluster was found
(recall). Only names in the gold are scored.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import combinations

import jellyfish
import networkx as nx

# The plain string matcher namefold is measured against: Jaro-Winkler over whole names, at the
# threshold where it scored best on the OFAC development set.
BASELINE_THRESHOLD = 0.93


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """Pairwise precision and recall over the gold's names (a name not predicted stands alone).

    >>> s = pairwise({"a": "1", "b": "1", "c": "1"}, {"a": "x", "b": "x", "c": "y"})
    >>> round(s.precision, 3), s.recall
    (0.333, 1.0)
    """
    pred = {n: predicted.get(n, f"\0{n}") for n in gold}
    together = sum(_pairs(k) for k in Counter((pred[n], gold[n]) for n in gold).values())
    predicted_pairs = sum(_pairs(k) for k in Counter(pred.values()).values())
    gold_pairs = sum(_pairs(k) for k in Counter(gold.values()).values())
    return Scores(
        together / predicted_pairs if predicted_pairs else 1.0,
        together / gold_pairs if gold_pairs else 1.0,
    )


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """B-cubed precision and recall over the gold's names.

    >>> s = bcubed({"a": "1", "b": "1", "c": "1"}, {"a": "x", "b": "x", "c": "y"})
    >>> round(s.precision, 3), s.recall
    (0.556, 1.0)
    """
    pred = {n: predicted.get(n, f"\0{n}") for n in gold}
    cell = Counter((pred[n], gold[n]) for n in gold)
    pred_size, gold_size = Counter(pred.values()), Counter(gold.values())
    precision = sum(cell[pred[n], gold[n]] / pred_size[pred[n]] for n in gold) / len(gold)
    recall = sum(cell[pred[n], gold[n]] / gold_size[gold[n]] for n in gold) / len(gold)
    return Scores(precision, recall)


def by_type(gold: Mapping[str, str], types: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """The gold split by the type of its names (person, organisation ...), types sorted.

    >>> by_type({"a": "x", "b": "x", "c": "y"}, {"a": "person", "b": "person", "c": "organisation"})
    {'organisation': {'c': 'y'}, 'person': {'a': 'x', 'b': 'x'}}
    """
    found: dict[str, dict[str, str]] = {}
    for name in sorted(gold):
        if name in types:
            found.setdefault(types[name], {})[name] = gold[name]
    return dict(sorted(found.items()))


def _groups(assignment: Mapping[str, str]) -> list[list[str]]:
    members: dict[str, list[str]] = defaultdict(list)
    for name in sorted(assignment):
        members[assignment[name]].append(name)
    return list(members.values())


def false_merges(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """Pairs predicted together that the gold keeps apart."""
    scored = {n: c for n, c in predicted.items() if n in gold}
    for group in _groups(scored):
        for a, b in combinations(group, 2):
            if gold[a] != gold[b]:
                yield a, b


def missed_pairs(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """Pairs the gold puts together that the prediction keeps apart."""
    for group in _groups(gold):
        for a, b in combinations(group, 2):
            if a not in predicted or predicted[a] != predicted.get(b):
                yield a, b


def jaro_winkler_baseline(names: Iterable[str], threshold: float = BASELINE_THRESHOLD) -> dict[str, str]:
    """Cluster names the plain way, for comparison: connected Jaro-Winkler matches over all pairs.

    >>> sorted(set(jaro_winkler_baseline(["Muhammad", "Muhammed", "Kadhimi", "Kazemi"]).values()))
    ['Kadhimi', 'Kazemi', 'Muhammad']
    """
    ordered = sorted(set(names))
    folded = [n.casefold() for n in ordered]
    graph = nx.Graph()
    graph.add_nodes_from(ordered)
    for i, j in combinations(range(len(ordered)), 2):
        if jellyfish.jaro_winkler_similarity(folded[i], folded[j]) >= threshold:
            graph.add_edge(ordered[i], ordered[j])
    return {name: min(group) for group in nx.connected_components(graph) for name in group}


# --- names in documents: extraction and clustering against a gold of (document, form) ----------


@dataclass(frozen=True, slots=True)
class TextScores:
    """How an extractor and resolver did on documents: what was found, and how it was grouped."""

    extraction: Scores  # over (document, form)
    without_aliases: Scores  # the same, the gold's alias forms (not spellings) left out
    found: int  # gold (document, form) rows found
    gold: int
    predicted: int  # distinct (document, name) found
    pairwise: Scores  # over the gold rows found
    bcubed: Scores
    merged: tuple[tuple[str, str], ...]  # must-not-merge pairs put in one cluster
    misses: tuple[tuple[str, str, str], ...]  # (document, form, entity) not found
    fragments: tuple[tuple[str, str], ...]  # (document, name) found that the gold does not list


def _extraction(found: int, predicted: int, gold: int) -> Scores:
    return Scores(found / predicted if predicted else 1.0, found / gold if gold else 1.0)


def score_text(
    gold: Iterable[tuple[str, str, str]],
    predicted: Mapping[tuple[str, str], str],
    *,
    aliases: Iterable[str] = (),
    must_not_merge: Iterable[tuple[str, str]] = (),
) -> TextScores:
    """Score (document, name) -> cluster against gold (document, form, entity) rows.

    A form is scored in its document, so one form may name different entities in two documents.

    >>> gold = [("a", "Ali Hakim", "h"), ("a", "Hakim", "h"), ("b", "Hadi", "d")]
    >>> s = score_text(gold, {("a", "Ali Hakim"): "1", ("a", "Hakim"): "1", ("a", "Chief"): "2"})
    >>> s.found, round(s.extraction.precision, 3), round(s.extraction.recall, 3), s.bcubed.f1
    (2, 0.667, 0.667, 1.0)
    >>> s.misses, s.fragments
    ((('b', 'Hadi', 'd'),), (('a', 'Chief'),))
    """
    rows = sorted(set(gold))
    entity = {(doc, form): eid for doc, form, eid in rows}
    hits = [(doc, form) for doc, form, _ in rows if (doc, form) in predicted]
    alias_forms = set(aliases)
    plain = [(doc, form) for doc, form, _ in rows if form not in alias_forms]
    plain_hits = sum(1 for key in plain if key in predicted)
    plain_predicted = sum(1 for doc, name in predicted if name not in alias_forms)
    cluster = {f"{doc}\t{form}": predicted[doc, form] for doc, form in hits}
    truth = {f"{doc}\t{form}": entity[doc, form] for doc, form in hits}
    clusters_of: dict[str, set[str]] = defaultdict(set)
    for doc, form in hits:
        clusters_of[entity[doc, form]].add(predicted[doc, form])
    merged = tuple(
        (a, b)
        for a, b in sorted(set(must_not_merge))
        if clusters_of.get(a, set()) & clusters_of.get(b, set())
    )
    return TextScores(
        extraction=_extraction(len(hits), len(predicted), len(rows)),
        without_aliases=_extraction(plain_hits, plain_predicted, len(plain)),
        found=len(hits),
        gold=len(rows),
        predicted=len(predicted),
        pairwise=pairwise(cluster, truth) if hits else Scores(1.0, 1.0),
        bcubed=bcubed(cluster, truth) if hits else Scores(1.0, 1.0),
        merged=merged,
        misses=tuple(r for r in rows if (r[0], r[1]) not in predicted),
        fragments=tuple(sorted(k for k in predicted if k not in entity)),
    )
