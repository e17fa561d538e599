"""Stage 4: matches -> a networkx graph whose connected components are the entities.

Clustering is greedy and constrained, so it does not chain: edges are taken best first, and two
groups join only when no name of one conflicts with a name of the other (Hussein Dhaif never joins
Saddam Hussein through a shared "Hussein"). It runs in two passes:

1. names of the same shape (full with full, bare surname with bare surname) join along their
   edges;
2. a group of less complete names (bare surnames, kunya + surname) joins a more complete group
   only when exactly one such group fits it; otherwise it stays apart, since it could be anyone.

Alias-table names are nodes too: an entity's names are tied together from the start, and two
entities never join.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

import networkx as nx

from namefold.model import Match, Name, Role

SAME_KEY = "same spelling up to case, marks and articles"


def roles(name: Name) -> frozenset[Role]:
    """The core parts a name gives: a bare word counts as a surname."""
    found = {Role.SURNAME if e.role is Role.SINGLE else e.role for e in name.elements}
    return frozenset(found - {Role.MIDDLE})


class _Groups:
    """Union-find over names that keeps each group's members and alias-table entity."""

    def __init__(self, names: Iterable[str], entity_of: Mapping[str, str]) -> None:
        self.parent = {n: n for n in names}
        self.members = {n: [n] for n in self.parent}
        self.entity = {n: entity_of[n] for n in self.parent if n in entity_of}

    def find(self, name: str) -> str:
        root = name
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[name] != root:
            self.parent[name], name = root, self.parent[name]
        return root

    def union(self, a: str, b: str) -> str:
        a, b = self.find(a), self.find(b)
        if a == b:
            return a
        if (len(self.members[a]), b) < (len(self.members[b]), a):
            a, b = b, a
        self.parent[b] = a
        self.members[a] += self.members.pop(b)
        if b in self.entity:
            self.entity[a] = self.entity.pop(b)
        return a


def build_graph(
    counts: Mapping[str, int], matches: Iterable[Match], entity_of: Mapping[str, str]
) -> nx.Graph:
    """All names as nodes (count 0 for alias-table names not in the input) and matching pairs as edges."""
    graph = nx.Graph()
    for name in sorted(set(counts) | set(entity_of)):
        graph.add_node(name, count=counts.get(name, 0), entity=entity_of.get(name, ""))
    for m in matches:
        if m.same:
            graph.add_edge(m.left, m.right, match=m)
    return graph


def cluster_graph(
    graph: nx.Graph,
    names: Mapping[str, Name],
    compare: Callable[[str, str], Match],
) -> nx.Graph:
    """Keep the edges that constrained clustering accepts; the components of the result are entities."""
    entity_of = {n: e for n, e in graph.nodes(data="entity") if e}
    groups = _Groups(sorted(graph.nodes), entity_of)
    accepted = nx.Graph()
    accepted.add_nodes_from(graph.nodes(data=True))

    def tie(a: str, b: str, reason: str) -> None:
        groups.union(a, b)
        accepted.add_edge(a, b, match=Match(a, b, 1.0, True, (reason,)))

    by_key: dict[str, list[str]] = defaultdict(list)
    for name in sorted(graph.nodes):
        by_key[names[name].key].append(name)
    by_entity: dict[str, list[str]] = defaultdict(list)
    for name, entity in sorted(entity_of.items()):
        by_entity[entity].append(name)
    for members in by_entity.values():
        for other in members[1:]:
            tie(members[0], other, f"alias table: {entity_of[members[0]]}")
    for members in by_key.values():
        for other in members[1:]:
            if groups.find(members[0]) != groups.find(other) and _compatible(groups, members[0], other):
                tie(members[0], other, SAME_KEY)

    def checked(name: str) -> bool:
        # Names the alias table lists may differ wildly from each other (a kunya, a birth name);
        # the table vouches for them, so only the other names are checked for conflicts.
        return name not in entity_of

    def can_join(a: str, b: str) -> bool:
        ga, gb = groups.find(a), groups.find(b)
        if not _compatible(groups, ga, gb):
            return False
        left = [n for n in groups.members[ga] if checked(n)]
        right = [n for n in groups.members[gb] if checked(n)]
        return not any(compare(x, y).conflict for x in left for y in right)

    edges = sorted(
        (m for _, _, m in graph.edges(data="match")),
        key=lambda m: (-m.score, min(m.left, m.right), max(m.left, m.right)),
    )
    # Pass 1: names of the same shape.
    for m in edges:
        if m.partial:
            continue
        if groups.find(m.left) == groups.find(m.right) or can_join(m.left, m.right):
            groups.union(m.left, m.right)
            accepted.add_edge(m.left, m.right, match=m)
    # Pass 2: less complete names join the one group they fit, the most complete groups first.
    pending: dict[str, list[tuple[str, str, Match]]] = defaultdict(list)  # group -> (less, more, match)
    for m in edges:
        if not m.partial:
            continue
        left, right = roles(names[m.left]), roles(names[m.right])
        if left < right:
            pending[groups.find(m.left)].append((m.left, m.right, m))
        elif right < left:
            pending[groups.find(m.right)].append((m.right, m.left, m))
        # Otherwise neither gives a part of the other (kunya + surname against given + surname).
    order = sorted(pending, key=lambda g: (-max(len(roles(names[n])) for n in groups.members[g]), g))
    for root in order:
        group = groups.find(root)
        links = pending[root]
        targets = {groups.find(b) for _, b, _ in links} - {group}
        if len(targets) != 1:
            continue
        target = targets.pop()
        if can_join(group, target):
            groups.union(group, target)
            for a, b, m in links:
                accepted.add_edge(a, b, match=m)
    return accepted


def _compatible(groups: _Groups, a: str, b: str) -> bool:
    """Two alias-table entities are never one group."""
    ea, eb = groups.entity.get(groups.find(a)), groups.entity.get(groups.find(b))
    return ea is None or eb is None or ea == eb


def components(graph: nx.Graph) -> list[list[str]]:
    """Connected components as sorted name lists, in a stable order."""
    return sorted(sorted(c) for c in nx.connected_components(graph))
