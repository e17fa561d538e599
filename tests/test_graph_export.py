"""GraphML and GEXF: the graph reloads with networkx into the same nodes, edges and attributes."""

from __future__ import annotations

import io
from collections.abc import Callable

import networkx as nx
import pytest

from namefold.errors import NamefoldError
from namefold.graph_export import to_gexf, to_graphml
from namefold.model import Cluster, Match, Member, Resolution

ODD = ['Ali "the Elder", Hasan', "A => B #1", "<b>Ali</b> & Sons", "Ali\\Hasan"]
RESOLUTION = Resolution(
    (
        Cluster(
            "gaddafi",
            "Muammar Gaddafi",
            (Member("Moammar Qaddafi", 1), Member("Muammar Gaddafi", 3), Member("معمر القذافي", 2)),
            (
                Match("Moammar Qaddafi", "Muammar Gaddafi", 0.912, True, ("g~q", "oa~ua")),
                Match("Muammar Gaddafi", "معمر القذافي", 0.9, True, ()),
            ),
            type="person",
        ),
        Cluster(
            "odd",
            ODD[0],
            tuple(Member(n, i) for i, n in enumerate(sorted(ODD))),
            (Match(sorted(ODD)[0], sorted(ODD)[1], 0.87, True, ("a; b", "x=>y")),),
        ),
    )
)

# Written out by hand from RESOLUTION: what any reader of the file must see.
NODES = {
    "Moammar Qaddafi": {
        "label": "Moammar Qaddafi",
        "count": 1,
        "cluster": "gaddafi",
        "canonical": "Muammar Gaddafi",
        "type": "person",
    },
    "Muammar Gaddafi": {
        "label": "Muammar Gaddafi",
        "count": 3,
        "cluster": "gaddafi",
        "canonical": "Muammar Gaddafi",
        "type": "person",
    },
    "معمر القذافي": {
        "label": "معمر القذافي",
        "count": 2,
        "cluster": "gaddafi",
        "canonical": "Muammar Gaddafi",
        "type": "person",
    },
    "<b>Ali</b> & Sons": {"label": "<b>Ali</b> & Sons", "count": 0, "cluster": "odd", "canonical": ODD[0]},
    "A => B #1": {"label": "A => B #1", "count": 1, "cluster": "odd", "canonical": ODD[0]},
    'Ali "the Elder", Hasan': {"label": ODD[0], "count": 2, "cluster": "odd", "canonical": ODD[0]},
    "Ali\\Hasan": {"label": "Ali\\Hasan", "count": 3, "cluster": "odd", "canonical": ODD[0]},
}
EDGES = {
    frozenset({"Moammar Qaddafi", "Muammar Gaddafi"}): {"score": 0.912, "reasons": "g~q; oa~ua"},
    frozenset({"Muammar Gaddafi", "معمر القذافي"}): {"score": 0.9, "reasons": ""},
    frozenset({"<b>Ali</b> & Sons", "A => B #1"}): {"score": 0.87, "reasons": "a; b; x=>y"},
}

FORMATS: list[tuple[Callable[[Resolution], str], Callable[..., nx.Graph]]] = [
    (to_graphml, nx.read_graphml),
    (to_gexf, nx.read_gexf),
]


def reload(write: Callable[[Resolution], str], read: Callable[..., nx.Graph]) -> nx.Graph:
    return read(io.BytesIO(write(RESOLUTION).encode("utf-8")))


@pytest.mark.parametrize(("write", "read"), FORMATS, ids=["graphml", "gexf"])
def test_the_graph_reloads_with_the_same_nodes_and_attributes(write, read) -> None:
    graph = reload(write, read)
    assert dict(graph.nodes(data=True)) == NODES


@pytest.mark.parametrize(("write", "read"), FORMATS, ids=["graphml", "gexf"])
def test_the_graph_reloads_with_the_same_edges_and_attributes(write, read) -> None:
    graph = reload(write, read)
    edges = {
        frozenset((a, b)): {k: v for k, v in d.items() if k != "id"} for a, b, d in graph.edges(data=True)
    }
    assert edges == EDGES  # GEXF gives each edge an 'id' of its own, which is not ours


@pytest.mark.parametrize("write", [to_graphml, to_gexf], ids=["graphml", "gexf"])
def test_the_same_resolution_gives_the_same_bytes(write) -> None:
    shuffled = Resolution(
        tuple(
            Cluster(c.id, c.canonical, tuple(reversed(c.members)), tuple(reversed(c.edges)), c.type)
            for c in RESOLUTION.clusters
        )
    )
    assert write(shuffled) == write(RESOLUTION)
    assert "lastmodifieddate" not in write(RESOLUTION)


@pytest.mark.parametrize("write", [to_graphml, to_gexf], ids=["graphml", "gexf"])
def test_a_control_character_xml_cannot_carry_is_an_error_naming_the_cluster(write) -> None:
    bad = Resolution((Cluster("bell", "Ali\x07", (Member("Ali\x07", 1),)),))
    with pytest.raises(NamefoldError, match=r"cluster 'bell': 'Ali\\x07' holds a control character"):
        write(bad)
