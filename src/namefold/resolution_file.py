"""Read a resolution back from a file: the JSON `namefold resolve --format json` writes, or an alias table.

`export` and `apply` start from a resolution someone may have edited by hand, so every value is
checked and a problem names the file, the line and the field (`clusters[2].members[0].count`).
An alias table becomes one cluster per entity: its canonical and aliases as members (count 0,
since a table says nothing about how often a name occurs) joined to the canonical by edges whose
reason is "alias table".
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import math
from pathlib import Path
from typing import Any

from namefold.aliases import AliasTable, read_alias_table
from namefold.errors import InputError, located, shown
from namefold.model import Cluster, Match, Member, Resolution
from namefold.readers import read_text

ALIAS_REASON = "alias table"
JSONPath = tuple[str | int, ...]


class _Invalid(Exception):
    """A value that breaks the schema, with where it is in the JSON tree."""

    def __init__(self, path: JSONPath, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def _field(path: JSONPath) -> str:
    """`clusters[2].members[0].count`: the JSON path as a reader would write it."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


def _object_positions(text: str) -> dict[JSONPath, int]:
    """Where each object and array of a JSON text starts, by its path.

    Only called to report an error, so the slower pure-Python scanner costs nothing otherwise.
    """
    positions: dict[int, int] = {}
    decoder = json.JSONDecoder()

    def parse_object(state: tuple[str, int], *args: Any) -> tuple[Any, int]:
        value, end = json.decoder.JSONObject(state, *args)
        positions[id(value)] = state[1] - 1
        return value, end

    def parse_array(state: tuple[str, int], scan: Any) -> tuple[Any, int]:
        value, end = json.decoder.JSONArray(state, scan)
        positions[id(value)] = state[1] - 1
        return value, end

    decoder.parse_object = parse_object  # type: ignore[method-assign]
    decoder.parse_array = parse_array  # type: ignore[method-assign]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    data = decoder.decode(text)
    found: dict[JSONPath, int] = {}

    def walk(value: Any, path: JSONPath) -> None:
        if id(value) in positions:
            found[path] = positions[id(value)]
        items = (
            value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        )
        for key, child in items:
            walk(child, (*path, key))

    walk(data, ())
    return found


class _Duplicate(Exception):
    """A key written twice in one object: json would silently keep the last value."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key
        self.start: int | None = None  # where the object holding it starts, once known


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for key, value in pairs:
        if key in record:
            raise _Duplicate(key)
        record[key] = value
    return record


def _duplicate_line(text: str) -> int | None:
    """The line of the second writing of a duplicate key (read again with the pure-Python scanner)."""
    decoder = json.JSONDecoder(object_pairs_hook=_unique)

    def parse_object(state: tuple[str, int], *args: Any) -> tuple[Any, int]:
        try:
            return json.decoder.JSONObject(state, *args)
        except _Duplicate as exc:
            if exc.start is None:  # the innermost object is the one holding the key twice
                exc.start = state[1] - 1
            raise

    decoder.parse_object = parse_object  # type: ignore[method-assign]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        decoder.decode(text)
    except _Duplicate as exc:
        position = _key_position(text, exc.start or 0, exc.key, nth=2)
        return text.count("\n", 0, position) + 1 if position is not None else None
    return None


def _key_position(text: str, start: int, key: str, nth: int = 1) -> int | None:
    """Where `key` is written (the nth time) in the object starting at `start`, not in nested ones."""
    depth, i = 0, start
    while i < len(text):
        ch = text[i]
        if ch == '"':
            value, end = json.decoder.scanstring(text, i + 1)
            if depth == 1 and value == key and text[end:].lstrip().startswith(":"):
                nth -= 1
                if nth == 0:
                    return i
            i = end
            continue
        if ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                return None
        i += 1
    return None


def _line_of(text: str, path: JSONPath) -> int:
    """The line of the field on `path`, or of the innermost object or array that holds it."""
    positions = _object_positions(text)
    for end in range(len(path), -1, -1):
        if path[:end] in positions:
            position = positions[path[:end]]
            if end < len(path) and isinstance(path[end], str):
                position = _key_position(text, position, str(path[end])) or position
            return text.count("\n", 0, position) + 1
    return 1


def _string(value: Any, path: JSONPath, *, empty: bool = False) -> str:
    if not isinstance(value, str) or not (empty or value.strip()):
        raise _Invalid(path, f"must be a {'' if empty else 'non-empty '}string, not {shown(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _Invalid(path, f"{shown(value)} is not valid Unicode (a lone surrogate)") from None
    return value.strip()


def _number(value: Any, path: JSONPath, *, integer: bool) -> Any:
    kinds = (int,) if integer else (int, float)
    # NaN compares false with everything, so it is refused by name, as are infinities.
    if isinstance(value, bool) or not isinstance(value, kinds) or not math.isfinite(value) or value < 0:
        kind = "integer" if integer else "number"
        raise _Invalid(path, f"must be a non-negative {kind}, not {shown(value)}")
    return value


def _member(value: Any, path: JSONPath) -> Member:
    if not isinstance(value, dict):
        raise _Invalid(path, "each member must be an object with 'name' and 'count'")
    return Member(
        _string(value.get("name"), (*path, "name")),
        _number(value.get("count"), (*path, "count"), integer=True),
    )


def _edge(value: Any, path: JSONPath, names: set[str]) -> Match:
    if not isinstance(value, dict):
        raise _Invalid(path, "each edge must be an object with 'left', 'right', 'score' and 'reasons'")
    ends = []
    for side in ("left", "right"):
        name = _string(value.get(side), (*path, side))
        if name not in names:
            raise _Invalid((*path, side), f"{shown(name)} is not a member of this cluster")
        ends.append(name)
    score = _number(value.get("score"), (*path, "score"), integer=False)
    if score > 1:
        raise _Invalid((*path, "score"), f"must be between 0 and 1, not {shown(score)}")
    reasons = value.get("reasons", [])
    if not isinstance(reasons, list):
        raise _Invalid((*path, "reasons"), "must be a list of strings")
    texts = tuple(_string(r, (*path, "reasons", i), empty=True) for i, r in enumerate(reasons))
    return Match(ends[0], ends[1], float(score), True, texts)


def _list(record: dict[str, Any], key: str, path: JSONPath, *, required: bool) -> list[Any]:
    value = record.get(key, None if required else [])
    if not isinstance(value, list):
        raise _Invalid((*path, key), "must be a list")
    return value


def _cluster(value: Any, path: JSONPath) -> Cluster:
    if not isinstance(value, dict):
        raise _Invalid(path, "each cluster must be an object with 'id', 'canonical' and 'members'")
    members = [
        _member(m, (*path, "members", i)) for i, m in enumerate(_list(value, "members", path, required=True))
    ]
    if not members:
        raise _Invalid((*path, "members"), "a cluster needs at least one member")
    first: dict[str, int] = {}
    for i, m in enumerate(members):
        if first.setdefault(m.name, i) != i:
            raise _Invalid((*path, "members", i, "name"), f"{shown(m.name)} is listed twice")
    names = set(first)
    edges = [
        _edge(e, (*path, "edges", i), names)
        for i, e in enumerate(_list(value, "edges", path, required=False))
    ]
    return Cluster(
        id=_string(value.get("id"), (*path, "id")),
        canonical=_string(value.get("canonical"), (*path, "canonical")),
        members=tuple(sorted(members, key=lambda m: m.name)),
        edges=tuple(sorted(edges, key=lambda e: (e.left, e.right))),
        type=_string(value.get("type", ""), (*path, "type"), empty=True),
    )


def _clusters(data: Any) -> tuple[Cluster, ...]:
    if not isinstance(data, dict) or not isinstance(data.get("clusters"), list):
        raise _Invalid((), "expected an object with a 'clusters' list (namefold resolve --format json)")
    clusters = [_cluster(c, ("clusters", i)) for i, c in enumerate(data["clusters"])]
    seen_ids: dict[str, int] = {}
    owner: dict[str, str] = {}
    for i, cluster in enumerate(clusters):
        if cluster.id in seen_ids:
            raise _Invalid(
                ("clusters", i, "id"),
                f"duplicate id {shown(cluster.id)} (first at clusters[{seen_ids[cluster.id]}])",
            )
        seen_ids[cluster.id] = i
        for member in cluster.members:
            if member.name in owner:
                raise _Invalid(
                    ("clusters", i, "members"),
                    f"{shown(member.name)} is in clusters {shown(owner[member.name])}"
                    f" and {shown(cluster.id)}",
                )
            owner[member.name] = cluster.id
    return tuple(sorted(clusters, key=lambda c: c.id))


def parse_resolution(text: str, source: str) -> Resolution:
    """Parse and check the JSON of `namefold resolve --format json`.

    >>> text = '{"clusters": [{"id": "a", "canonical": "A", "members": [{"name": "A", "count": 2}]}]}'
    >>> parse_resolution(text, "r.json").clusters[0].members
    (Member(name='A', count=2),)
    """
    try:
        data = json.loads(text, object_pairs_hook=_unique)
    except json.JSONDecodeError as exc:
        raise InputError(located(source, exc.lineno, f"invalid JSON: {exc.msg}")) from None
    except RecursionError:
        raise InputError(f"{source}: invalid JSON: nested too deeply") from None
    except _Duplicate as exc:
        message = f"key {shown(exc.key)} appears twice in one object"
        raise InputError(located(source, _duplicate_line(text), message)) from None
    try:
        return Resolution(_clusters(data))
    except _Invalid as exc:
        where = _field(exc.path)
        message = f"{where}: {exc.message}" if where else exc.message
        raise InputError(located(source, _line_of(text, exc.path), message)) from None


def alias_resolution(table: AliasTable) -> Resolution:
    """One cluster per alias-table entity; names count 0 and join their canonical as "alias table"."""
    clusters = []
    for entity in table.entities:
        names = sorted(set(entity.names))
        edges = tuple(
            Match(*sorted((entity.canonical, n)), 1.0, True, (ALIAS_REASON,))
            for n in names
            if n != entity.canonical
        )
        clusters.append(
            Cluster(
                id=entity.id,
                canonical=entity.canonical,
                members=tuple(Member(n, 0) for n in names),
                edges=tuple(sorted(edges, key=lambda e: (e.left, e.right))),
                type=entity.type,
            )
        )
    return Resolution(tuple(sorted(clusters, key=lambda c: c.id)))


def read_resolution(path: Path) -> Resolution:
    """A resolution from a `.json` resolve output or a `.yaml`/`.yml` alias table."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return alias_resolution(read_alias_table(path))
    if suffix != ".json":
        raise InputError(
            f"{path}: expected a .json resolution (namefold resolve --format json) or a .yaml alias table"
        )
    source = str(path)
    return parse_resolution(read_text(path), source)
