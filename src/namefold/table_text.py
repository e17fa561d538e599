"""Read an alias table in the usual layout, and append to it, as plain text: no YAML parser.

ruamel's round-trip parser and dumper take seconds on a table of thousands of entities, and an
update only appends. A table whose every line fits the strict grammar below (the README's layout,
the one namefold writes) is read line by line into the same entities, checked by the same
functions, and an update's appends are made as text edits that give, byte for byte, the text the
round-trip dump gives. Anything else (another indentation, an end-of-line comment, a scalar
whose YAML meaning needs more than the rules below, a name whose quoting in the dump is not
certain) gives None, and the caller takes the round-trip path, which reads every table.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from namefold.aliases import FORMER_IDS, AliasTable, check_references, entity_of
from namefold.errors import AliasTableError
from namefold.readers import MAX_YAML_LINE
from namefold.table import LIST_ORDER, alphabetical, fresh_id

# The grammar, line by line: comments and blank lines, `entities:`, then each entry as
# `  - key: value` followed by `    key: value` lines and `      - item` lines of block lists.
ENTITIES = "entities:"
ENTRY = "  - "
KEY = "    "
ITEM = "      - "
_HEADER = re.compile(r"(?:#.*)?")  # before `entities:`: a comment at column 0 or a blank line
_BETWEEN = re.compile(r"(?: *#.*)?")  # between entries and at the end: a comment or a blank line
_ENTRY = re.compile(r"  - ([a-z_]+): (.+)")
_KEY = re.compile(r"    ([a-z_]+):(?: (.+))?")
_ITEM = re.compile(r"      - (.+)")

# Scalars whose YAML meaning is certain: a plain one starts with a letter and holds only letters,
# digits, spaces and this punctuation (a comma only outside a flow list [a, b]), never ending in
# a space; a quoted one holds no escape. Both readers load them as the text itself, and ruamel
# writes such a plain name unquoted.
_PLAIN = {
    False: re.compile(r"[^\W\d_](?:[\w .'(),/-]*[\w.'(),/-])?"),
    True: re.compile(r"[^\W\d_](?:[\w .'()/-]*[\w.'()/-])?"),
}
_NOT_STRINGS = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})  # YAML 1.1 or 1.2
_DOUBLE = re.compile(r'"([^"\\]*)"')
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_FLOW_ITEM = re.compile(r"\"[^\"\\]*\"|'(?:[^']|'')*'|[^,\[\]{}\"'][^,\[\]{}]*")


@dataclass(frozen=True, slots=True)
class Entry:
    """Where an entry's keys stand: each key and the index of its last line, in file order."""

    keys: tuple[tuple[str, int], ...]
    flow: frozenset[str]  # keys whose list is written [a, b] on the key's line

    @property
    def start(self) -> int:
        return self.keys[0][1]  # the `  - key: value` line: its value is never a block list

    @property
    def end(self) -> int:
        return self.keys[-1][1]

    def last_line(self, key: str) -> int:
        return dict(self.keys)[key]


@dataclass(frozen=True, slots=True)
class TextTable:
    """A table read as text: its entities, its lines (no line ends) and where each entry stands."""

    table: AliasTable
    text: str
    lines: tuple[str, ...]
    newline: str
    entries: tuple[Entry, ...]  # one per entity; none for a table without `entities:`
    taken: frozenset[str]  # ids that exist or existed (table.reserved_ids)


def plain(name: str, flow: bool) -> bool:
    """A name YAML reads as itself when unquoted, and ruamel writes unquoted."""
    return bool(_PLAIN[flow].fullmatch(name)) and name.casefold() not in _NOT_STRINGS


def written(name: str, flow: bool) -> str | None:
    """A new name as ruamel writes it, where that is certain: plain, or quoted in a flow list
    when only a comma keeps it from being plain (double quotes if it holds an apostrophe)."""
    if plain(name, flow):
        return name
    if flow and plain(name, flow=False):
        return f'"{name}"' if "'" in name else f"'{name}'"
    return None


def _scalar(text: str, flow: bool) -> str | None:
    """The string a scalar of the grammar stands for; None for any other scalar."""
    if plain(text, flow):
        return text
    if found := _DOUBLE.fullmatch(text):
        return found.group(1)
    if found := _SINGLE.fullmatch(text):
        return found.group(1).replace("''", "'")
    return None


def _flow_list(text: str) -> list[str] | None:
    """The items of `[a, b]` written with ", " between them; None for any other flow list."""
    if not (text.startswith("[") and text.endswith("]")):
        return None
    inner, items, at = text[1:-1], [], 0
    while inner:
        found = _FLOW_ITEM.match(inner, at)
        item = _scalar(found.group(), flow=True) if found else None
        if found is None or item is None:
            return None
        items.append(item)
        at = found.end()
        if at == len(inner):
            break
        if not inner.startswith(", ", at):
            return None
        at += 2
    return items


def _value(text: str) -> str | list[str] | None:
    return _flow_list(text) if text.startswith("[") else _scalar(text, flow=False)


def _lines(text: str) -> tuple[list[str], str] | None:
    """The lines and line end of a text with one kind of line end and only printable characters."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    if lines[-1] == "":
        lines.pop()
    for line in lines:
        if not line.isprintable() or line.endswith(" ") or len(line) > MAX_YAML_LINE:
            return None  # CR or LF left over (mixed line ends), tabs, controls: the YAML path decides
    return lines, newline


class _Outside(Exception):
    """A line outside the grammar."""


def _entries(lines: list[str], first: int) -> tuple[list[dict[str, Any]], list[Entry]]:
    """The entries from line `first` on, as plain data, and where their keys stand."""
    data: list[dict[str, Any]] = []
    keys: list[list[tuple[str, int]]] = []
    flows: list[set[str]] = []
    gap = False  # a comment or blank line was seen since the entry's last line
    for index in range(first, len(lines)):
        line = lines[index]
        found = _ENTRY.fullmatch(line) or (_KEY.fullmatch(line) if data and not gap else None)
        if found:
            if data:
                _check_closed(data[-1], keys[-1])
            if line.startswith(ENTRY):
                data.append({})
                keys.append([])
                flows.append(set())
                gap = False
            key, text = found.group(1), found.group(2)
            if key in data[-1] or key in _NOT_STRINGS:
                raise _Outside  # a duplicate key, which YAML refuses, or a key it reads as no string
            value = [] if text is None else _value(text)
            if value is None:
                raise _Outside
            data[-1][key] = value
            keys[-1].append((key, index))
            if text is not None and isinstance(value, list):
                flows[-1].add(key)
        elif (found := _ITEM.fullmatch(line)) and data and not gap and keys[-1][-1][0] not in flows[-1]:
            key = keys[-1][-1][0]
            item = _scalar(found.group(1), flow=False)
            if not isinstance(data[-1][key], list) or item is None:
                raise _Outside
            data[-1][key].append(item)
            keys[-1][-1] = (key, index)
        elif data and _BETWEEN.fullmatch(line):
            gap = True
        else:
            raise _Outside
    if not data:
        raise _Outside  # `entities:` with no entries: the YAML path decides
    _check_closed(data[-1], keys[-1])
    return data, [Entry(tuple(k), frozenset(f)) for k, f in zip(keys, flows, strict=True)]


def _check_closed(entry: dict[str, Any], keys: list[tuple[str, int]]) -> None:
    """A `key:` line with no items under it is a null, which the grammar leaves to the YAML path."""
    if keys and entry[keys[-1][0]] == []:
        raise _Outside


def parse_text_table(text: str, path: str) -> TextTable | None:
    """The table of a text in the grammar, checked as the YAML path checks it; None for any other
    text, and for a table that fails a check (the YAML path then gives its message)."""
    split = _lines(text)
    if split is None:
        return None
    lines, newline = split
    top = lines.index(ENTITIES) if ENTITIES in lines else len(lines)
    if not all(_HEADER.fullmatch(line) for line in lines[:top]) or lines[:1] == [""]:
        return None  # ruamel drops blank lines before the first comment
    if top == len(lines):  # empty or comments only
        return TextTable(AliasTable(path), text, tuple(lines), newline, (), frozenset())
    try:
        data, entries = _entries(lines, top + 1)
        entities = tuple(entity_of(path, d, e.start + 1) for d, e in zip(data, entries, strict=True))
        check_references(path, entities)
    except (_Outside, AliasTableError):
        return None
    formers = {f.strip() for d in data for f in d.get(FORMER_IDS, ())}
    taken = frozenset({e.id for e in entities} | {x for e in entities for x in e.not_same_as} | formers)
    return TextTable(AliasTable(path, entities), text, tuple(lines), newline, tuple(entries), taken)


def appended(
    table: TextTable, aliases: Mapping[str, Sequence[str]], new: Sequence[tuple[str, Sequence[str]]]
) -> str | None:
    """The text that appending these aliases and new entities (canonical, names) through the
    round-trip tree and dumping it gives; None when ruamel's quoting of a name is not certain."""
    lines = list(table.lines)
    after: dict[int, list[str]] = defaultdict(list)  # lines to insert after each line
    where = dict(zip((e.id for e in table.table.entities), range(len(table.entries)), strict=True))
    for entity_id, names in aliases.items():
        if entity_id not in where:
            return None  # the YAML path names the unknown id
        entity, entry = table.table.entities[where[entity_id]], table.entries[where[entity_id]]
        present = {entity.canonical, *entity.aliases}
        added = [n for n in dict.fromkeys(names) if n not in present]
        if added and not _append_aliases(lines, after, entry, added):
            return None
    taken = set(table.taken)
    block: list[str] = []
    for canonical, names in new:
        entity_id = fresh_id(canonical, taken)
        taken.add(entity_id)
        others = [
            written(a, flow=True) for a in sorted({a for a in names if a != canonical}, key=alphabetical)
        ]
        if not (plain(entity_id, False) and plain(canonical, False)) or None in others:
            return None
        block += [f"{ENTRY}id: {entity_id}", f"{KEY}canonical: {canonical}"]
        block += [f"{KEY}aliases: [{', '.join(map(str, others))}]"] if others else []
    if not table.entries:
        if not block:
            return table.text  # nothing added: the file stays as it was, not gaining `entities:`
        lines.append(ENTITIES)
        after[len(lines) - 1] += block
    else:
        after[table.entries[-1].end] += block
    out = [line for index, line in enumerate(lines) for line in (line, *after.get(index, ()))]
    return table.newline.join(out) + table.newline


def _append_aliases(lines: list[str], after: dict[int, list[str]], entry: Entry, added: list[str]) -> bool:
    """Append to the entry's aliases as table.append_names does; False when a name's quoting is unsure."""
    keys = [k for k, _ in entry.keys]
    flow = "aliases" in entry.flow or "aliases" not in keys
    names = [written(n, flow) for n in added]
    if None in names:
        return False
    if "aliases" in entry.flow:
        at = entry.last_line("aliases")
        if lines[at].endswith("[]"):
            return False  # ruamel writes an empty flow list it appends to as a block list
        lines[at] = lines[at][:-1] + "".join(f", {n}" for n in names) + "]"
    elif "aliases" in keys:
        after[entry.last_line("aliases")] += [f"{ITEM}{n}" for n in names]
    else:
        before = LIST_ORDER[: LIST_ORDER.index("aliases")]
        position = max((keys.index(k) + 1 for k in before if k in keys), default=len(keys))
        after[entry.keys[position - 1][1]].append(f"{KEY}aliases: [{', '.join(map(str, names))}]")
    return True
