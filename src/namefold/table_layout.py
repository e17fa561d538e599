"""The usual layout of an alias table, read line by line: no YAML parser.

ruamel's round-trip parser takes seconds on a table of thousands of entities. A table whose
every line fits the strict grammar below (the README's layout, the one namefold writes) is read
here into plain data, which aliases.py checks as it checks a loaded tree; table_text.py appends
to it as text. Anything else (another indentation, an end-of-line comment, a scalar whose YAML
meaning needs more than the rules below) gives None, and the caller takes the YAML path, which
reads every table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from namefold.readers import MAX_YAML_LINE

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
    """An empty list, a `key:` line with no items (a null) or `key: []` (which ruamel rewrites as a
    block list when appended to), is left to the YAML path."""
    if keys and entry[keys[-1][0]] == []:
        raise _Outside


@dataclass(frozen=True, slots=True)
class Layout:
    """A table in the usual layout: its lines (no line ends), its entries as plain data, and where
    each entry's keys stand; no entries for a table without `entities:`."""

    lines: tuple[str, ...]
    newline: str
    data: tuple[dict[str, Any], ...]
    entries: tuple[Entry, ...]


def read_layout(text: str) -> Layout | None:
    """The lines and entries of a text in the grammar; None for any other text."""
    split = _lines(text)
    if split is None:
        return None
    lines, newline = split
    top = lines.index(ENTITIES) if ENTITIES in lines else len(lines)
    if not all(_HEADER.fullmatch(line) for line in lines[:top]) or lines[:1] == [""]:
        return None  # ruamel drops blank lines before the first comment
    if top == len(lines):  # empty or comments only
        return Layout(tuple(lines), newline, (), ())
    try:
        data, entries = _entries(lines, top + 1)
    except _Outside:
        return None
    return Layout(tuple(lines), newline, tuple(data), tuple(entries))
