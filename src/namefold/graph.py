"""Stage 4: matches -> a networkx graph whose connected components are the entities.

Clustering is greedy and constrained, so it does not chain: edges are taken best first, and two
groups join only when no name of one conflicts with a name of the other (Hussein Dhaif never joins
Saddam Hussein through a shared "Hussein"). It runs in two passes:

1. names of the same shape (full with full, bare surname with bare surname) join along their
   edges;
2. a group of less complete names (bare surnames, kunya + surname, a shorter chain of fathers'
   names) joins the more complete groups it fits only when they could all be one person; when it
   fits two people it stays apart, since it could be either.

Alias-table names are nodes too: an entity's names are tied together from the start, and two
entities never join.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Mapping

import networkx as nx

from namefold.model import Match, Name

SAME_KEY = "same spelling up to case, marks and articles"


def size(name: Name) -> int:
    """How complete a name is: its number of elements (a bare surname 1, Ali Abdullah Saleh 3)."""
    return len(name.elements)


# conflict(a, b): do names a and b clearly differ (a shared part that does not match)?
Conflict = Callable[[str, str], bool]


class _Groups:
    """Union-find over names that keeps each group's members and alias-table entity."""

    def __init__(self, names: Mapping[str, Name], entity_of: Mapping[str, str]) -> None:
        self.parent = {n: n for n in sorted(names)}
        self.members = {n: [n] for n in self.parent}
        self.entity = {n: entity_of[n] for n in self.parent if n in entity_of}
        # Names the alias table lists may differ wildly from each other (a kunya, a birth name);
        # the table vouches for them, so only the other names are checked for conflicts, one per
        # spelling key.
        self.checked = {n: {} if n in entity_of else {names[n].key: n} for n in self.parent}
        self.differs: dict[tuple[str, str], bool] = {}

    def conflict(self, a: str, b: str, differ: Conflict) -> bool:
        """Does some name of a's group clearly differ from some name of b's group?"""
        for x in self.checked[self.find(a)].values():
            for y in self.checked[self.find(b)].values():
                key = (x, y) if x < y else (y, x)
                found = self.differs.get(key)
                if found is None:
                    found = self.differs[key] = differ(*key)
                if found:
                    return True
        return False

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
        for key, name in self.checked.pop(b).items():
            self.checked[a].setdefault(key, name)
        return a


def cluster_graph(
    counts: Mapping[str, int],
    entity_of: Mapping[str, str],
    matches: Iterable[Match],
    names: Mapping[str, Name],
    differ: Conflict,
) -> nx.Graph:
    """The graph of all names (count 0 for alias-table names not in the input) and the matches that
    constrained clustering accepts: a spanning forest whose trees are the entities.

    Each kept edge is the best match that joined two groups, so it says why they are one; the
    matches it does not keep never enter a graph (millions of them on a large input). Names left
    alone because they fit several people are in graph["ambiguous"], with a name of each.
    """
    nodes = sorted(set(counts) | set(entity_of))
    groups = _Groups({n: names[n] for n in nodes}, entity_of)
    accepted = nx.Graph()
    accepted.add_nodes_from((n, {"count": counts.get(n, 0), "entity": entity_of.get(n, "")}) for n in nodes)

    def tie(a: str, b: str, reason: str) -> None:
        groups.union(a, b)
        accepted.add_edge(a, b, match=Match(a, b, 1.0, True, (reason,)))

    by_key: dict[str, list[str]] = defaultdict(list)
    for name in nodes:
        by_key[names[name].key].append(name)
    by_entity: dict[str, list[str]] = defaultdict(list)
    for name, entity in sorted(entity_of.items()):
        by_entity[entity].append(name)
    for members in by_entity.values():
        for other in members[1:]:
            tie(members[0], other, f"alias table: {entity_of[members[0]]}")
    for key, members in by_key.items():
        if not key:
            continue  # names without letters ("?!", "123") are no spelling of anything
        for other in members[1:]:
            if groups.find(members[0]) != groups.find(other) and _compatible(groups, members[0], other):
                tie(members[0], other, SAME_KEY)

    def can_join(a: str, b: str) -> bool:
        return _compatible(groups, a, b) and not groups.conflict(a, b, differ)

    edges = sorted(matches, key=lambda m: (-m.score, min(m.left, m.right), max(m.left, m.right)))
    # Pass 1: names of the same shape.
    for m in edges:
        if m.partial:
            continue
        if groups.find(m.left) != groups.find(m.right) and can_join(m.left, m.right):
            groups.union(m.left, m.right)
            accepted.add_edge(m.left, m.right, match=m)
    # Pass 2: less complete names join the one group they fit, the most complete groups first.
    pending: dict[str, list[tuple[str, str, Match]]] = defaultdict(list)  # group -> (less, more, match)
    for m in edges:
        if not m.partial:
            continue
        left, right = size(names[m.left]), size(names[m.right])
        if left < right:
            pending[groups.find(m.left)].append((m.left, m.right, m))
        elif right < left:
            pending[groups.find(m.right)].append((m.right, m.left, m))
        # Otherwise neither is the less complete (kunya + surname against given + surname).
    order = sorted(pending, key=lambda g: (-max(size(names[n]) for n in groups.members[g]), g))
    ambiguous: dict[str, list[str]] = accepted.graph.setdefault("ambiguous", {})
    for root in order:
        group = groups.find(root)
        # Only a group all of whose names are less complete than the name they fit may join it
        # (a table entity holding full names is not a bare name).
        largest = max(size(names[n]) for n in groups.members[group])
        links = [
            (a, b, m) for a, b, m in pending[root] if groups.find(b) != group and largest < size(names[b])
        ]
        targets = sorted({groups.find(b) for _, b, _ in links})
        # Several groups fit: the name could be any of them, unless they could all be one person
        # (no name of one conflicts with a name of another), the spellings the matcher kept apart.
        involved = [group, *targets]
        if not targets:
            continue
        if not all(can_join(x, y) for i, x in enumerate(involved) for y in involved[i + 1 :]):
            fits = sorted({b for _, b, _ in links})  # a name of each group it fits, for review
            ambiguous.update({name: fits for name in groups.members[group]})
            continue
        for target in targets:
            a, b, m = next(link for link in links if groups.find(link[1]) == target)  # the best fit
            groups.union(a, b)
            accepted.add_edge(a, b, match=m)
    return accepted


def join_links(graph: nx.Graph, links: Iterable[tuple[str, str, str]], names: Container[str]) -> None:
    """Add the text's own links to the clustered graph, never joining two alias-table entities."""
    links = sorted(set(links))
    if not links:  # name lists have none; working out the components would cost a pass over all names
        return
    root = {n: i for i, group in enumerate(components(graph)) for n in group}
    parent = list(range(len(set(root.values()))))
    entity: dict[int, str] = {root[n]: e for n, e in graph.nodes(data="entity") if e}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = i = parent[parent[i]]
        return i

    for left, right, reason in links:
        if left not in names or right not in names:
            continue
        a, b = find(root[left]), find(root[right])
        if a == b or (entity.get(a) and entity.get(b) and entity[a] != entity[b]):
            continue
        parent[b] = a
        entity[a] = entity.get(a) or entity.get(b, "")
        graph.add_edge(left, right, match=Match(left, right, 1.0, True, (reason,)))


def ambiguous_names(graph: nx.Graph, cluster_of: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Names clustering left alone because they fit several people, with those people's cluster ids."""
    found = {}
    for name, fits in sorted(graph.graph.get("ambiguous", {}).items()):
        ids = tuple(sorted({cluster_of[n] for n in fits} - {cluster_of[name]}))
        if len(ids) > 1:  # text links may since have joined the people it fitted
            found[name] = ids
    return found


def _compatible(groups: _Groups, a: str, b: str) -> bool:
    """Two alias-table entities are never one group."""
    ea, eb = groups.entity.get(groups.find(a)), groups.entity.get(groups.find(b))
    return ea is None or eb is None or ea == eb


def components(graph: nx.Graph) -> list[list[str]]:
    """Connected components as sorted name lists, in a stable order."""
    return sorted(sorted(c) for c in nx.connected_components(graph))
