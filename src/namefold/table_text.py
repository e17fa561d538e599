"""Append to an alias table in the usual layout (table_layout.py) as plain text: no YAML dumper.

An update only appends, and ruamel's round-trip dump takes seconds on a table of thousands of
entities. The appends are made as text edits that give, byte for byte, the text the round-trip
dump gives; a name whose quoting in the dump is not certain gives None, and the caller takes the
round-trip path.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from namefold.aliases import FORMER_IDS, AliasTable, table_of_layout
from namefold.errors import AliasTableError
from namefold.table import LIST_ORDER, alphabetical, fresh_id
from namefold.table_layout import ENTITIES, ENTRY, ITEM, KEY, Entry, plain, read_layout, written


@dataclass(frozen=True, slots=True)
class TextTable:
    """A table read as text: its entities, its lines (no line ends) and where each entry stands."""

    table: AliasTable
    text: str
    lines: tuple[str, ...]
    newline: str
    entries: tuple[Entry, ...]  # one per entity; none for a table without `entities:`
    taken: frozenset[str]  # ids that exist or existed (table.reserved_ids)


def parse_text_table(text: str, path: str) -> TextTable | None:
    """The table of a text in the usual layout, checked as the YAML path checks it; None for any
    other text, and for a table that fails a check (the YAML path then gives its message)."""
    layout = read_layout(text)
    if layout is None:
        return None
    try:
        table = table_of_layout(layout, path)
    except AliasTableError:
        return None
    formers = {f.strip() for d in layout.data for f in d.get(FORMER_IDS, ())}
    entities = table.entities
    taken = frozenset({e.id for e in entities} | {x for e in entities for x in e.not_same_as} | formers)
    return TextTable(table, text, layout.lines, layout.newline, layout.entries, taken)


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
        lines[at] = lines[at][:-1] + "".join(f", {n}" for n in names) + "]"
    elif "aliases" in keys:
        after[entry.last_line("aliases")] += [f"{ITEM}{n}" for n in names]
    else:
        before = LIST_ORDER[: LIST_ORDER.index("aliases")]
        position = max((keys.index(k) + 1 for k in before if k in keys), default=len(keys))
        after[entry.keys[position - 1][1]].append(f"{KEY}aliases: [{', '.join(map(str, names))}]")
    return True
