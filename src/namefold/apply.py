"""Rewrite records for search indexing: next to each name field F, add F_canonical and F_entity_id.

The original field is never dropped or changed. A name is looked up as written (outer whitespace
aside), then by its normalised spelling (case, marks, articles and titles aside), which finds
"mustafa al-kadhimi" when the resolution has "Mustafa al-Kadhimi"; a spelling shared by two
entities is ambiguous and, like a name the resolution does not know, gets empty values and is
counted. CSV and JSONL records keep their order; in JSONL a field may also hold a list of names.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from namefold.errors import InputError, located, shown
from namefold.extract import Known, extract_mentions
from namefold.model import Cluster, Resolution
from namefold.normalize import parse_name
from namefold.pipeline import Track, silent
from namefold.readers import csv_rows, json_line, split_lines
from namefold.rules import Rules, default_rules
from namefold.writers import csv_row, unguard

FORMATS = ("csv", "jsonl")


def new_fields(name: str) -> tuple[str, str]:
    """The columns or keys added next to a name field.

    >>> new_fields("author")
    ('author_canonical', 'author_entity_id')
    """
    return f"{name}_canonical", f"{name}_entity_id"


def text_field(name: str) -> str:
    """The column or key added next to a free-text field: the ids of the entities it names.

    >>> text_field("body")
    'body_entity_ids'
    """
    return f"{name}_entity_ids"


@dataclass
class Tally:
    """What happened to the names of a run, for the summary line."""

    records: int = 0
    names: int = 0
    exact: int = 0
    by_spelling: int = 0
    missing: int = 0
    without_field: int = 0  # JSONL records lacking a --field key: written back unchanged
    first_without: int = 0  # the line of the first of them


@dataclass
class Lookup:
    """Find the entity of a name as it appears in a record."""

    exact: dict[str, Cluster]
    by_key: dict[str, Cluster | None]  # None: two entities have this spelling
    rules: Rules
    tally: Tally = field(default_factory=Tally)
    known: Known | None = None  # the resolution's names, indexed for extraction when first needed

    @classmethod
    def of(cls, resolution: Resolution, rules: Rules | None = None) -> Lookup:
        """Index every member name of a resolution, as written and by normalised spelling."""
        rules = rules or default_rules()
        exact: dict[str, Cluster] = {}
        by_key: dict[str, Cluster | None] = {}
        for cluster in resolution.clusters:
            for name in {cluster.canonical, *(m.name for m in cluster.members)}:
                exact.setdefault(name, cluster)
                key = parse_name(name, rules).key
                if key:
                    by_key[key] = cluster if by_key.get(key, cluster) is cluster else None
        return cls(exact, by_key, rules)

    def find(self, name: str) -> Cluster | None:
        """The entity of a name, or None when the resolution does not know it (counted)."""
        self.tally.names += 1
        text = name.strip()
        if text in self.exact:
            self.tally.exact += 1
            return self.exact[text]
        key = parse_name(text, self.rules).key
        cluster = self.by_key.get(key) if key else None
        if cluster is None:
            self.tally.missing += 1
        else:
            self.tally.by_spelling += 1
        return cluster


def mentioned(text: str, lookup: Lookup) -> list[str]:
    """Ids of the entities a free text names, in order of first mention."""
    if lookup.known is None:
        lookup.known = Known.of({n: c.type for n, c in lookup.exact.items()}, lookup.rules)
    ids: list[str] = []
    for m in extract_mentions(text, known=lookup.known, rules=lookup.rules):
        cluster = lookup.find(m.refers_to) if m.refers_to else None
        cluster = cluster or lookup.find(m.name)
        if cluster and cluster.id not in ids:
            ids.append(cluster.id)
    return ids


def record_format(source: str, explicit: str | None) -> str:
    """csv or jsonl: as given, else from the file ending."""
    if explicit:
        return explicit
    suffix = source.rsplit(".", 1)[-1].lower() if "." in source else ""
    if suffix in ("jsonl", "ndjson"):
        return "jsonl"
    if suffix == "csv":
        return "csv"
    raise InputError(f"{source}: cannot tell the format from the file name; give --format csv or jsonl")


def _check_fields(
    source: str, line: int, present: Sequence[str], fields: Sequence[str], text_fields: Sequence[str] = ()
) -> None:
    for name in [*fields, *text_fields]:
        if name not in present:
            raise InputError(
                located(source, line, f"no field {name!r} (fields: {', '.join(present) or 'none'})")
            )
        names = new_fields(name) if name in fields else ()
        for added in (*names, *((text_field(name),) if name in text_fields else ())):
            if added in present:
                raise InputError(
                    located(source, line, f"field {added!r} exists already; it would be overwritten")
                )


def apply_csv(
    text: str,
    source: str,
    fields: Sequence[str],
    lookup: Lookup,
    track: Track = silent,
    text_fields: Sequence[str] = (),
    raw: bool = False,
) -> str:
    """The CSV with `F_canonical,F_entity_id` after each name column F, `T_entity_ids` after each text T.

    >>> from namefold.model import Member
    >>> found = Lookup.of(Resolution((Cluster("kazemi", "Kazemi", (Member("Kadhimi", 1),)),)))
    >>> print(apply_csv("id,who\\n1,Kadhimi\\n2,Nobody\\n", "r.csv", ["who"], found), end="")
    id,who,who_canonical,who_entity_id
    1,Kadhimi,Kazemi,kazemi
    2,Nobody,,
    """
    rows = [(line, row if raw else [unguard(c) for c in row]) for line, row in csv_rows(text, source)]
    if not rows:
        raise InputError(f"{source}: empty file, expected a header row")
    _, header = rows[0]
    if len(set(header)) != len(header):
        twice = sorted({h for h in header if header.count(h) > 1})
        raise InputError(located(source, 1, f"column {twice[0]!r} appears twice in the header"))
    _check_fields(source, 1, header, fields, text_fields)
    at = {header.index(f) for f in fields}
    texts = {header.index(f) for f in text_fields}

    def heads(i: int) -> tuple[str, ...]:
        names = new_fields(header[i]) if i in at else ()
        return (*names, *((text_field(header[i]),) if i in texts else ()))

    def cells(i: int, value: str) -> tuple[str, ...]:
        names = _csv_cells(value, lookup) if i in at else ()
        return (*names, *((";".join(mentioned(value, lookup)),) if i in texts else ()))

    out = [csv_row(_widen(header, {i: heads(i) for i in at | texts}), raw)]
    for line, row in track(rows[1:], len(rows) - 1, "apply"):
        if not row:
            out.append("\n")  # a blank line stays where it was
            continue
        if len(row) != len(header):
            raise InputError(located(source, line, f"row has {len(row)} fields, the header {len(header)}"))
        lookup.tally.records += 1
        out.append(csv_row(_widen(row, {i: cells(i, row[i]) for i in sorted(at | texts)}), raw))
    return "".join(out)


def _widen(cells: list[str], added: dict[int, tuple[str, ...]]) -> list[str]:
    """The cells with the added ones inserted after their column."""
    widened: list[str] = []
    for i, cell in enumerate(cells):
        widened.append(cell)
        widened.extend(added.get(i, ()))
    return widened


def _csv_cells(value: str, lookup: Lookup) -> tuple[str, str]:
    if not value.strip():
        return "", ""
    cluster = lookup.find(value)
    return (cluster.canonical, cluster.id) if cluster else ("", "")


def _no_duplicate_keys(source: str, line: int) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def build(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        record: dict[str, Any] = {}
        for key, value in pairs:
            if key in record:
                raise InputError(located(source, line, f"key {key!r} appears twice in one object"))
            record[key] = value
        return record

    return build


def _json_value(value: Any, lookup: Lookup, where: str) -> tuple[Any, Any]:
    """(canonical, id) for a name, None or a list of names."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, str):
        cluster = lookup.find(value)
        return (cluster.canonical, cluster.id) if cluster else (None, None)
    if isinstance(value, list):
        pairs = [_json_value(v, lookup, where) if isinstance(v, str) or v is None else None for v in value]
        if any(p is None for p in pairs):
            raise InputError(f"{where} must be a string, null or a list of strings")
        return [p[0] for p in pairs if p], [p[1] for p in pairs if p]
    raise InputError(f"{where} must be a string, null or a list of strings, not {type(value).__name__}")


def apply_jsonl(
    text: str,
    source: str,
    fields: Sequence[str],
    lookup: Lookup,
    track: Track = silent,
    text_fields: Sequence[str] = (),
    raw: bool = False,
) -> str:
    """The JSONL with `F_canonical` and `F_entity_id` after each name key F, `T_entity_ids` after each text T.

    >>> from namefold.model import Member
    >>> found = Lookup.of(Resolution((Cluster("kazemi", "Kazemi", (Member("Kadhimi", 1),)),)))
    >>> print(apply_jsonl('{"who": ["Kadhimi", "X"], "n": 1}\\n', "r.jsonl", ["who"], found), end="")
    {"who": ["Kadhimi", "X"], "who_canonical": ["Kazemi", null], "who_entity_id": ["kazemi", null], "n": 1}
    """
    lines = split_lines(text)
    out: list[str] = []
    wanted, seen = [*fields, *text_fields], set()
    for number, line in track(list(enumerate(lines, start=1)), len(lines), "apply"):
        if not line.strip():
            out.append("\n")  # a blank line stays where it was
            continue
        record = json_line(line, source, number, _no_duplicate_keys(source, number))
        if not isinstance(record, dict):
            raise InputError(located(source, number, "expected a JSON object"))
        seen.update(f for f in wanted if f in record)
        if any(f not in record for f in wanted):  # an article without an author: kept, and counted
            lookup.tally.without_field += 1
            lookup.tally.first_without = lookup.tally.first_without or number
        present = [f for f in fields if f in record], [f for f in text_fields if f in record]
        _check_fields(source, number, list(record), *present)
        lookup.tally.records += 1
        rewritten: dict[str, Any] = {}
        for key, value in record.items():
            rewritten[key] = value
            if key in fields:
                where = located(source, number, f"field {key!r}")
                canonical, entity_id = _json_value(value, lookup, where)
                canonical_key, id_key = new_fields(key)
                rewritten[canonical_key], rewritten[id_key] = canonical, entity_id
            if key in text_fields:
                rewritten[text_field(key)] = _json_mentions(
                    value, lookup, located(source, number, f"field {key!r}")
                )
        out.append(json.dumps(rewritten, ensure_ascii=False) + "\n")
    absent = [f for f in wanted if f not in seen]
    if lookup.tally.records and absent:  # in no record at all: a misspelt --field, not a sparse one
        raise InputError(
            f"{source}: no record has the field {shown(absent[0])}; check --field and --text-field"
        )
    return "".join(out)


def _json_mentions(value: Any, lookup: Lookup, where: str) -> list[str]:
    """Entity ids a text value names; null or empty text names none."""
    if value is None:
        return []
    if not isinstance(value, str):
        raise InputError(f"{where} must be a string or null, not {type(value).__name__}")
    return mentioned(value, lookup)


APPLIERS: dict[str, Callable[..., str]] = {
    "csv": apply_csv,
    "jsonl": apply_jsonl,
}
