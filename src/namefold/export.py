"""Resolution -> text, one function per format in a registry; none of them opens a file.

The search and analyst formats live in their own modules: solr in synonyms, graphml and gexf in
graph_export, html in report.

Output is deterministic: clusters sorted by id, members by name, keys sorted.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

from ruamel.yaml import YAML

from namefold.graph_export import to_gexf, to_graphml
from namefold.model import Cluster, Match, Resolution
from namefold.report import to_html
from namefold.synonyms import to_solr
from namefold.writers import csv_text

CSV_HEADER = ("cluster_id", "canonical", "name", "count")


def _edge(m: Match) -> dict[str, Any]:
    return {"left": m.left, "right": m.right, "score": m.score, "reasons": list(m.reasons)}


def cluster_record(cluster: Cluster) -> dict[str, Any]:
    """A cluster as plain data: what JSON, JSONL and YAML write."""
    record: dict[str, Any] = {
        "id": cluster.id,
        "canonical": cluster.canonical,
        "members": [{"name": m.name, "count": m.count} for m in cluster.members],
        "edges": [_edge(m) for m in cluster.edges],
    }
    if cluster.type:
        record["type"] = cluster.type
    return record


def to_csv(resolution: Resolution, raw: bool = False) -> str:
    """One row per distinct input name: cluster_id,canonical,name,count (formula cells guarded)."""
    rows = [(c.id, c.canonical, m.name, m.count) for c in resolution.clusters for m in c.members]
    return csv_text([CSV_HEADER, *rows], raw)


def to_json(resolution: Resolution) -> str:
    data = {"clusters": [cluster_record(c) for c in resolution.clusters]}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def to_jsonl(resolution: Resolution) -> str:
    return "".join(
        json.dumps(cluster_record(c), ensure_ascii=False, sort_keys=True) + "\n" for c in resolution.clusters
    )


def to_yaml(resolution: Resolution) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = True  # type: ignore[attr-defined]
    out = io.StringIO()
    yaml.dump({"clusters": [cluster_record(c) for c in resolution.clusters]}, out)
    return out.getvalue()


EXPORTERS: dict[str, Callable[[Resolution], str]] = {
    "csv": to_csv,
    "json": to_json,
    "jsonl": to_jsonl,
    "yaml": to_yaml,
    "solr": to_solr,
    "graphml": to_graphml,
    "gexf": to_gexf,
    "html": to_html,
}
