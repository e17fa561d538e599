"""Stage 5: components -> Clusters with a canonical spelling and a stable, unique id.

An alias-table entity in a component gives it its id, canonical spelling and type. Otherwise the
canonical is the most frequent full spelling (given name and surname) written without a title and
in natural order ("Mahmoud Abbas", not "ABBAS, Mahmoud"); ties go to the name with more
elements, then to the consensus spelling (the one whose words the other members use most:
Bashar al-Assad over Bachar el-Assad), then to the one whose words the whole input uses most
(al-Baghdadi over al-Bagdadi where another Baghdadi is listed), then to the one whose words the
rule tables spell so, then to the first in case-folded alphabetical order. The
id is a slug of the canonical, made unique with -2, -3 ... in the order of the clusters'
canonical names and members.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Mapping, Sequence

import networkx as nx
from unidecode import unidecode

from namefold.model import Cluster, Entity, Match, Member, Name


def slug(text: str) -> str:
    """A lowercase ASCII id for a name.

    >>> slug("Mustafa al-Kādhimi"), slug("?!")
    ('mustafa-al-kadhimi', 'entity')
    """
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-") or "entity"


_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def _natural_order(text: str, name: Name) -> bool:
    """Not written family name first: no leading bin / ibn, and no capitalised surname before
    the given names (LAVROV Sergei)."""
    if name.elements and name.elements[0].connector:
        return False
    words = _WORD.findall(text)
    capitals = [w.isupper() and len(w) > 1 for w in words]
    return not (any(capitals) and not all(capitals) and capitals[0] and not capitals[-1])


def canonical_name(
    members: Sequence[Member],
    names: Mapping[str, Name],
    usage: Mapping[str, int] | None = None,
    known: Container[str] = (),
) -> str:
    """The most frequent plain full spelling; ties to more elements, then the spelling a reader
    expects: its words shared most by the cluster, then by the whole input (`usage`), then found
    in the rule tables (`known`: Muhammad, Aleksandr); last, alphabetical."""
    if len(members) == 1:
        return members[0].name

    def plain(m: Member) -> tuple[bool, bool, bool, int, int]:  # what decides most clusters
        name = names[m.name]
        natural = not name.titles and "," not in m.name and _natural_order(m.name, name)
        return (
            not name.is_full,
            not natural,
            any(len(e.key) == 1 for e in name.elements),  # A. Khamenei names no one in full
            -m.count,
            -len(name.elements),
        )

    heads = [plain(m) for m in members]
    best = min(heads)
    tied = [m for m, head in zip(members, heads, strict=True) if head == best]
    if len(tied) == 1:
        return tied[0].name
    words = {m.name: _words(m.name) for m in members}
    support: Counter[str] = Counter()
    for m in members:
        for word in words[m.name]:
            support[word] += m.count
    usage = usage or support

    def mean(counts: Mapping[str, int], found: set[str]) -> float:
        return sum(counts.get(w, 0) for w in found) / len(found) if found else 0.0

    def rank(m: Member) -> tuple[float, float, int, str, str]:
        found = words[m.name]
        return (
            -mean(support, found),
            -mean(usage, found),
            -sum(w in known for w in found),
            m.name.casefold(),
            m.name,
        )

    return min(tied, key=rank).name


def word_usage(counts: Mapping[str, int]) -> Counter[str]:
    """How often each word is written across the input, for telling the usual spelling."""
    usage: Counter[str] = Counter()
    for name, count in counts.items():
        for word in _words(name):
            usage[word] += count
    return usage


def _member_edges(
    graph: nx.Graph, group: Sequence[str], counts: Mapping[str, int], entity: Entity | None
) -> tuple[Match, ...]:
    """The component's edges between input names; members that reached the cluster through
    alias-table names the input lacks are tied to the first of them as "alias table" (a resolution
    names only its members, so every reader of it can check its edges)."""
    members = sorted(n for n in group if n in counts)
    kept = [m for _, _, m in graph.edges(members, data="match") if m.left in counts and m.right in counts]
    via_table = [n for n in members if any(other not in counts for other in graph[n])]
    if entity:
        reason = (f"alias table: {entity.id}",)
        kept += [Match(*sorted((via_table[0], n)), 1.0, True, reason) for n in via_table[1:]]
    return tuple(sorted(kept, key=lambda m: (min(m.left, m.right), max(m.left, m.right))))


def make_clusters(
    groups: Sequence[Sequence[str]],
    graph: nx.Graph,
    counts: Mapping[str, int],
    names: Mapping[str, Name],
    entities: Mapping[str, Entity],
    known: Container[str] = (),
) -> tuple[Cluster, ...]:
    """Turn components of the accepted graph into clusters of input names, sorted by id; `known`
    holds the spellings of the rule tables, the last word on a tie."""
    usage = word_usage(counts)
    drafts: list[tuple[str, str, tuple[Member, ...], tuple[Match, ...], Entity | None]] = []
    for group in groups:
        members = tuple(Member(n, counts[n]) for n in group if n in counts)
        if not members:
            continue  # an alias-table entity that the input does not mention
        entity_ids = {graph.nodes[n]["entity"] for n in group} - {""}
        entity = entities[entity_ids.pop()] if entity_ids else None
        edges = _member_edges(graph, group, counts, entity)
        canonical = entity.canonical if entity else canonical_name(members, names, usage, known)
        drafts.append((slug(canonical), canonical, members, edges, entity))
    taken = set(entities)  # every table id is reserved, mentioned in the input or not
    clusters = []
    for base, canonical, members, edges, entity in sorted(
        drafts, key=lambda d: (d[0], d[1], [m.name for m in d[2]])
    ):
        if entity:
            cluster_id = entity.id
        else:
            cluster_id, n = base, 1
            while cluster_id in taken:
                n += 1
                cluster_id = f"{base}-{n}"
            taken.add(cluster_id)
        clusters.append(Cluster(cluster_id, canonical, members, edges, entity.type if entity else ""))
    return tuple(sorted(clusters, key=lambda c: c.id))
