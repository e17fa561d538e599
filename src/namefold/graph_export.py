"""Resolution -> GraphML or GEXF text, so analysts can open the name graph in Gephi or yEd.

Nodes are names (the node id is the name itself) with `label`, `count`, `cluster` and
`canonical` (the cluster's canonical spelling), plus `type` when the cluster has one; edges are
matches with `score` and `reasons` (joined with "; "). networkx refuses None and lists as
attribute values, so every attribute is a string or a number. Nodes are added in cluster, then
name order, so the same resolution always gives the same bytes.
"""

from __future__ import annotations

import re

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from namefold.errors import NamefoldError
from namefold.model import Resolution

REASON_SEPARATOR = "; "
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
# XML 1.0 cannot carry these characters at all, escaped or not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str, where: str) -> str:
    if _NOT_XML.search(text):
        raise NamefoldError(f"{where}: {text!r} holds a control character that XML cannot carry")
    return text


def resolution_graph(resolution: Resolution) -> nx.Graph:
    """The names and matches of a resolution as one networkx graph with plain attributes.

    >>> from namefold.model import Cluster, Match, Member
    >>> match = Match("Kadhimi", "Kazemi", 0.97, True, ("dh~z",))
    >>> c = Cluster("k", "Kazemi", (Member("Kadhimi", 1), Member("Kazemi", 2)), (match,))
    >>> g = resolution_graph(Resolution((c,)))
    >>> g.nodes["Kazemi"]["count"], g.edges["Kadhimi", "Kazemi"]["reasons"]
    (2, 'dh~z')
    """
    graph = nx.Graph()
    for cluster in sorted(resolution.clusters, key=lambda c: c.id):
        where = f"cluster {cluster.id!r}"
        for member in sorted(cluster.members, key=lambda m: m.name):
            attributes: dict[str, str | int] = {
                "label": _xml_safe(member.name, where),
                "count": member.count,
                "cluster": _xml_safe(cluster.id, where),
                "canonical": _xml_safe(cluster.canonical, where),
            }
            if cluster.type:
                attributes["type"] = _xml_safe(cluster.type, where)
            graph.add_node(member.name, **attributes)
        for edge in sorted(cluster.edges, key=lambda e: (e.left, e.right)):
            reasons = REASON_SEPARATOR.join(_xml_safe(r, where) for r in edge.reasons)
            graph.add_edge(edge.left, edge.right, score=float(edge.score), reasons=reasons)
    return graph


def to_graphml(resolution: Resolution) -> str:
    """GraphML for yEd, Gephi and anything else that reads it."""
    return XML_DECLARATION + "\n".join(nx.generate_graphml(resolution_graph(resolution))) + "\n"


def to_gexf(resolution: Resolution) -> str:
    """GEXF for Gephi, without the date networkx stamps on it (the same input gives the same bytes)."""
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph(resolution_graph(resolution))
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    return XML_DECLARATION + str(writer).rstrip("\n") + "\n"
