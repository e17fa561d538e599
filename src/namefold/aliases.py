"""Read the analysts' alias table (data/aliases.yaml) and check it against its schema.

The table is the source of truth for ids and canonical spellings: an entity's canonical and
aliases are one person whatever the matcher thinks, and `not_same_as` keeps entities apart.
Errors name the file and the line of the offending entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from namefold.errors import AliasTableError, InputError, located, shown
from namefold.model import Entity
from namefold.readers import read_text, refuse_anchors
from namefold.table_layout import Layout, read_layout

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Ids an entity absorbed by a merge: kept so they are never given again.
FORMER_IDS = "former_ids"
# A table of 20,000 entities is about 2 MB; a far larger file is not a hand-edited table.
MAX_TABLE_BYTES = 64_000_000


@dataclass(frozen=True, slots=True)
class AliasTable:
    """The entities of an alias table, in file order."""

    path: str
    entities: tuple[Entity, ...] = ()

    def by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}


def _line(node: Any, key: str | int | None = None) -> int | None:
    """1-based line of a node (or of one of its keys/items) as ruamel recorded it."""
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:  # a node an edit added: it has no line yet
        return None
    if key is None:
        return int(lc.line) + 1
    try:
        return int((lc.key(key) if isinstance(node, CommentedMap) else lc.item(key))[0]) + 1
    except (KeyError, IndexError, TypeError):
        return int(lc.line) + 1


def _strings(path: str, entry: dict[Any, Any], key: str) -> tuple[str, ...]:
    value = entry.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):  # a CommentedSeq, or a list the text reader built
        raise AliasTableError(located(path, _line(entry, key), f"'{key}' must be a list"))
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise AliasTableError(
                located(path, _line(value, i), f"'{key}' item {shown(item)} is not a non-empty string")
            )
    return tuple(item.strip() for item in value)


def _entity(path: str, entry: Any, index: int, seq: CommentedSeq) -> Entity:
    return entity_of(path, entry, _line(seq, index))


def entity_of(path: str, entry: Any, line: int | None) -> Entity:
    """Check one entry, a loaded mapping or plain data (table_layout.py), and make its entity."""
    if not isinstance(entry, dict):  # a CommentedMap, or a dict the text reader built
        raise AliasTableError(located(path, line, "each entity must be a mapping"))
    for key in ("id", "canonical"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise AliasTableError(located(path, line, f"entity has no '{key}' (a non-empty string)"))
    entity_id = str(entry["id"]).strip()
    if not ID_PATTERN.match(entity_id):
        raise AliasTableError(
            located(
                path, _line(entry, "id"), f"id {shown(entity_id)} must be lowercase letters, digits and '-'"
            )
        )
    entity_type = entry.get("type", "")
    if not isinstance(entity_type, str):
        raise AliasTableError(located(path, _line(entry, "type"), "'type' must be a string"))
    # Not kept on the Entity, but a merge and fresh ids read it: a scalar would be read letter by letter.
    _strings(path, entry, FORMER_IDS)
    return Entity(
        id=entity_id,
        canonical=str(entry["canonical"]).strip(),
        type=entity_type,
        aliases=_strings(path, entry, "aliases"),
        not_same_as=_strings(path, entry, "not_same_as"),
        line=line or 0,
    )


def load_yaml(text: str, path: str) -> Any:
    """Load round-trip YAML; a syntax error names the line where the problem shows."""
    try:
        refuse_anchors(text, path, AliasTableError)
        return YAML(typ="rt", pure=True).load(text)
    except MarkedYAMLError as exc:
        # At the end of the text the problem is better told by where its context began
        # (the "[" that was never closed).
        marks = [m for m in (exc.problem_mark, exc.context_mark) if m is not None]
        inside = [m for m in marks if m.index < len(text.rstrip())]
        mark = (inside or marks or [None])[0]
        line = mark.line + 1 if mark is not None else None
        raise AliasTableError(located(path, line, f"not valid YAML: {exc.problem or exc.context}")) from None
    except (YAMLError, RecursionError) as exc:
        raise AliasTableError(located(path, None, f"not valid YAML: {str(exc).splitlines()[0]}")) from None


def entries(data: Any, path: str) -> CommentedSeq | None:
    """The `entities` list of a loaded table, or None for a table without entries."""
    if data is None:
        return None
    if not isinstance(data, CommentedMap) or "entities" not in data:
        raise AliasTableError(located(path, 1, "expected a mapping with an 'entities' list"))
    seq = data["entities"]
    if seq is not None and not isinstance(seq, CommentedSeq):
        raise AliasTableError(located(path, _line(data, "entities"), "'entities' must be a list"))
    _check_unicode(path, data, 1)
    return seq


def _check_unicode(path: str, node: Any, line: int) -> None:
    """A lone surrogate (YAML "\\ud800") cannot be written out again, so it is refused where it stands."""
    pairs = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in pairs:
        where = _line(node, key) or line
        for item in (key, value) if isinstance(node, dict) else (value,):
            if isinstance(item, str):
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    message = f"{shown(item)} is not valid Unicode (a lone surrogate)"
                    raise AliasTableError(located(path, where, message)) from None
            elif isinstance(item, (dict, list)):
                _check_unicode(path, item, where)


def parse_alias_table(text: str, path: str) -> AliasTable:
    """Parse and validate the text of an alias table: line by line in the usual layout (seconds
    faster on a large table), else with the YAML parser, which also names any problem."""
    layout = read_layout(text)
    if layout is not None:
        try:
            return table_of_layout(layout, path)
        except AliasTableError:
            pass  # the YAML path gives the message it always has
    return alias_table_of(load_yaml(text, path), path)


def table_of_layout(layout: Layout, path: str) -> AliasTable:
    """Validate a table read line by line, as alias_table_of validates a loaded tree."""
    entities = tuple(
        entity_of(path, d, e.start + 1) for d, e in zip(layout.data, layout.entries, strict=True)
    )
    check_references(path, entities)
    return AliasTable(path, entities)


def alias_table_of(data: Any, path: str) -> AliasTable:
    """Validate a loaded alias table: its tree, so that a table being edited needs no new load."""
    seq = entries(data, path)
    if seq is None:
        return AliasTable(path)
    entities = tuple(_entity(path, entry, i, seq) for i, entry in enumerate(seq))
    check_references(path, entities)
    return AliasTable(path, entities)


def table_problems(text: str, path: str) -> tuple[tuple[Entity, ...], tuple[str, ...]]:
    """Every schema error of a table, not just the first, and the entities that are well-formed."""
    try:
        seq = entries(load_yaml(text, path), path)
    except AliasTableError as exc:
        return (), (str(exc),)
    entities: list[Entity] = []
    problems: list[str] = []
    for i, entry in enumerate(seq or ()):
        try:
            entities.append(_entity(path, entry, i, seq))
        except AliasTableError as exc:
            problems.append(str(exc))
    problems.extend(_reference_problems(path, tuple(entities)))
    return tuple(entities), tuple(problems)


def check_references(path: str, entities: tuple[Entity, ...]) -> None:
    """The checks across entities, the first problem raised."""
    for problem in _reference_problems(path, entities):
        raise AliasTableError(problem)


def _reference_problems(path: str, entities: tuple[Entity, ...]) -> Iterator[str]:
    """Duplicate ids, unknown `not_same_as` ids and names under two entities, in file order."""
    seen: dict[str, Entity] = {}
    for entity in entities:
        if entity.id in seen:
            yield located(
                path, entity.line, f"duplicate id {shown(entity.id)} (first at line {seen[entity.id].line})"
            )
        else:
            seen[entity.id] = entity
    owner: dict[str, Entity] = {}
    for entity in entities:
        for other in entity.not_same_as:
            if other not in seen:
                yield located(
                    path,
                    entity.line,
                    f"entity {shown(entity.id)}: not_same_as names unknown id {shown(other)}",
                )
        for name in dict.fromkeys(entity.names):
            if name in owner and owner[name].id != entity.id:
                yield located(
                    path,
                    entity.line,
                    f"{shown(name)} is listed under both {shown(owner[name].id)} and {shown(entity.id)}",
                )
            else:
                owner[name] = entity


def read_table_text(path: Path) -> str:
    """The text of an alias table file; a missing or undecodable file is an AliasTableError."""
    try:
        return read_text(path, MAX_TABLE_BYTES)
    except InputError as exc:
        raise AliasTableError(str(exc)) from None


def read_alias_table(path: Path) -> AliasTable:
    """Read an alias table file; a missing or malformed file is an AliasTableError."""
    return parse_alias_table(read_table_text(path), str(path))


def shipped_alias_table() -> Path:
    """The alias table that ships with namefold: inside the wheel, or data/ in a source checkout."""
    packaged = Path(__file__).parent / "data" / "aliases.yaml"
    return packaged if packaged.is_file() else Path(__file__).parents[2] / "data" / "aliases.yaml"
