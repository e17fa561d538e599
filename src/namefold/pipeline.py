"""The pipeline: read names -> normalise -> key -> compare -> graph -> cluster -> Resolution."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from namefold.aliases import AliasTable
from namefold.canonical import make_clusters
from namefold.compare import DEFAULT_THRESHOLD, compare_names
from namefold.graph import ambiguous_names, build_graph, cluster_graph, components, join_links
from namefold.keys import candidate_pairs
from namefold.model import Match, Resolution
from namefold.normalize import parse_name
from namefold.rarity import learn_rarity
from namefold.rules import Rules, default_rules

# A progress reporter wraps an iterable: (items, total, label) -> the same items.
Track = Callable[[Iterable[Any], int, str], Iterable[Any]]


def _silent(items: Iterable[Any], total: int, label: str) -> Iterable[Any]:
    return items


def resolve(
    names: Iterable[str],
    *,
    aliases: AliasTable | None = None,
    rules: Rules | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    track: Track = _silent,
    links: Iterable[tuple[str, str, str]] = (),
) -> Resolution:
    """Group spellings of the same name into entities.

    >>> from namefold import resolve
    >>> result = resolve(["Mustafa al-Kadhimi", "Mustafa Al-Kazemi", "Kadhimi", "Shihab al-Khiqani"])
    >>> for cluster in result.clusters:
    ...     print(cluster.id, [m.name for m in cluster.members])
    mustafa-al-kadhimi ['Kadhimi', 'Mustafa Al-Kazemi', 'Mustafa al-Kadhimi']
    shihab-al-khiqani ['Shihab al-Khiqani']

    `links` are (name, name, reason) triples that a text says are one entity ("X, alias Y"):
    they join clusters whatever the spellings, except two alias-table entities.
    """
    rules = rules or default_rules()
    counts = Counter(n.strip() for n in names if n.strip())
    entities = aliases.by_id() if aliases else {}
    entity_of = {name: e.id for e in entities.values() for name in e.names}
    distinct = sorted(set(counts) | set(entity_of))
    parsed = {n: parse_name(n, rules) for n in track(distinct, len(distinct), "normalise")}
    # Names with one key (al-Kazemi, Al Kazemi) compare alike and are tied in the graph anyway,
    # so only the first of each key is compared.
    representatives: dict[str, str] = {}
    for name in distinct:
        representatives.setdefault(parsed[name].key, name)
    candidates = candidate_pairs({n: parsed[n] for n in representatives.values()}, rules)
    pairs = candidates.pairs
    rarity = learn_rarity((parsed[n] for n in representatives.values()), rules)

    def compare(a: str, b: str) -> Match:
        return compare_names(parsed[a], parsed[b], rules, threshold, rarity)

    matches = {(a, b): compare(a, b) for a, b in track(pairs, len(pairs), "compare")}

    def conflict(a: str, b: str) -> bool:  # a < b, as in the candidate pairs
        found = matches.get((a, b))
        return (found or compare(a, b)).conflict

    graph = cluster_graph(build_graph(counts, matches.values(), entity_of), parsed, conflict)
    join_links(graph, links, set(counts))
    clusters = make_clusters(components(graph), graph, counts, parsed, entities)
    stats = {
        "names": sum(counts.values()),
        "distinct": len(counts),
        "pairs": len(pairs),
        "skipped_pairs": candidates.skipped,
        "clusters": len(clusters),
    }
    # Table names missing from the input are in no cluster: their entity id stands for them.
    ambiguous = ambiguous_names(graph, {**entity_of, **Resolution(clusters).cluster_of()})
    stats["ambiguous"] = len(ambiguous)
    return Resolution(clusters, stats, ambiguous)


def explain(
    left: str, right: str, *, rules: Rules | None = None, threshold: float = DEFAULT_THRESHOLD
) -> Match:
    """Compare two names as written: the score, the verdict and the reasons.

    >>> explain("Kadhimi", "Kazemi").same
    True
    """
    rules = rules or default_rules()
    return compare_names(parse_name(left, rules), parse_name(right, rules), rules, threshold)
