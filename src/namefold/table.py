"""Edit the analysts' alias table in place, keeping every byte the edit does not touch.

The table is loaded as round-trip YAML (ruamel), so comments, key order, quoting and flow or
block style survive; an edit only appends (an alias, a `not_same_as` id, an entity) or, for
merge and split, moves names between entries. A table whose untouched layout ruamel could not
reproduce exactly is refused rather than silently reformatted. (`namefold update` reads a table
in the usual layout and appends to it as text instead, giving the same bytes: table_layout.py
and table_text.py.)

Ids are never reused: a fresh id avoids every id in the table, every id a `not_same_as` names,
and every id listed under `former_ids`, the key a merge leaves on the entity that absorbed
another, so that an id that once existed stays taken.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.tokens import CommentToken
from ruamel.yaml.util import load_yaml_guess_indent

from namefold.aliases import (
    FORMER_IDS,
    AliasTable,
    alias_table_of,
    entries,
    parse_alias_table,
    read_table_text,
    table_problems,
)
from namefold.canonical import slug
from namefold.compare import DEFAULT_THRESHOLD, compare_names
from namefold.errors import AliasTableError, NamefoldError, located
from namefold.model import Entity
from namefold.normalize import name_problem, parse_name
from namefold.readers import refuse_anchors
from namefold.rules import default_rules
from namefold.synonyms import fold
from namefold.writers import write_atomic

BOM = b"\xef\xbb\xbf"
# Keys a new list goes after, so that it sits where analysts put it by hand.
LIST_ORDER = ("id", "canonical", "type", "aliases", "not_same_as", FORMER_IDS)


@dataclass
class TableDoc:
    """An alias table being edited: its path, original text and round-trip YAML tree."""

    path: str
    text: str
    data: CommentedMap
    yaml: YAML
    newline: str = "\n"  # the file's own line end, kept on every line written
    blank: bool = False  # the file had no `entities:` yet (empty or comments only)

    @property
    def entities(self) -> CommentedSeq:
        return self.data["entities"]

    def entry(self, entity_id: str) -> CommentedMap:
        """The entry with this id; an unknown id is an error naming the table."""
        for entry in self.entities:
            if str(entry["id"]).strip() == entity_id:
                return entry
        raise AliasTableError(f"{self.path}: no entity with id {entity_id!r}")

    def dump(self) -> str:
        if self.blank and not self.entities:
            return self.text  # nothing added: the file stays as it was, not gaining `entities:`
        out = io.StringIO()
        self.yaml.dump(self.data, out)
        return out.getvalue().replace("\n", self.newline)

    def table(self) -> AliasTable:
        """The edited table, validated: an edit never produces a table namefold cannot read."""
        return parse_alias_table(self.dump(), self.path)

    def current(self) -> AliasTable:
        """The entities as the tree holds them now, validated without writing the table out and
        reading it back (which costs seconds on a large table); lines are those of the text read."""
        return alias_table_of(self.data, self.path)


class _NoLoad:
    """Stands in for the loader of ruamel's indent guess, which would load the whole table again."""

    def load(self, text: str) -> None:
        return None


def _yaml(text: str) -> YAML:
    """A round-trip dumper set to the file's own indentation, never wrapping long lines."""
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = 1_000_000
    try:
        _, indent, offset = load_yaml_guess_indent(text, yaml=_NoLoad())
    except Exception:  # a line the guess cannot read; fall back to the usual layout
        indent, offset = 4, 2
    if not indent:  # no block list to copy from: the layout the README shows
        indent, offset = 4, 2
    yaml.indent(mapping=2, sequence=indent, offset=offset or 0)
    return yaml


def parse_table_doc(text: str, path: str) -> TableDoc:
    """Validate a table and load it for editing; refuse a layout that would not survive a rewrite."""
    # A Windows table is edited as LF and written back as CRLF (a mixed one is refused below).
    newline = "\r\n" if "\r\n" in text else "\n"
    lf = text.replace("\r\n", "\n")
    refuse_anchors(lf, path, AliasTableError)  # before the load: nested aliases make it hang
    yaml = _yaml(lf)
    try:  # loaded once: on a large table each load of ruamel's round-trip parser costs seconds
        data = yaml.load(lf)
    except (YAMLError, RecursionError):
        parse_alias_table(text, path)  # fails as reading the table does, naming the line
        raise
    alias_table_of(data, path)  # the same checks as reading the table
    blank = data is None
    if blank:  # empty or comments only: load it with the key, so that the comments stay
        data = yaml.load(lf + ("\n" if lf and not lf.endswith("\n") else "") + "entities:\n")
    if entries(data, path) is None:
        data["entities"] = CommentedSeq()
    doc = TableDoc(path, text, data, yaml, newline, blank)
    if text.strip() and data["entities"]:
        _check_round_trip(doc)
    return doc


def _check_round_trip(doc: TableDoc) -> None:
    """A table ruamel would rewrite differently is refused, naming the first line that would change."""
    again = doc.dump()
    if again in (doc.text, doc.text + doc.newline):
        return
    # Line ends count: a lone LF in a CRLF table is the line that would change.
    old, new = doc.text.splitlines(keepends=True), again.splitlines(keepends=True)
    first = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), len(new))
    line = min(first, max(len(old) - 1, 0)) + 1  # never past the end of the file
    raise AliasTableError(
        located(
            doc.path,
            line,
            "namefold cannot edit this table without changing the layout of this line; "
            "use the usual YAML layout (see README) here",
        )
    )


def read_table_doc(path: Path) -> TableDoc:
    """Read an alias table for editing; a missing or malformed file is an AliasTableError."""
    return parse_table_doc(read_table_text(path), str(path))


def save_table(path: Path, old: str, new: str) -> bool:
    """Keep the previous table as TABLE.bak (a byte copy), then write the new one atomically.

    A symlinked table is written through the link, so the link and its target both stay; a BOM
    the file began with is kept.
    """
    if new == old:
        return False
    target = path.resolve() if path.is_symlink() else path
    backup = path.with_name(path.name + ".bak")
    try:
        if backup.is_symlink():  # never write the backup into whatever a stale link points to
            backup.unlink()
        shutil.copy2(target, backup)
        with target.open("rb") as handle:
            bom = handle.read(3) == BOM
    except OSError as exc:
        raise NamefoldError(f"{backup}: cannot keep a backup of {path}: {exc.strerror}") from None
    write_atomic(target, ("\ufeff" if bom else "") + new)
    return True


# Comment lines after a node's last line are stored by ruamel on that last line's key; when an
# edit appends after it (or removes it), the lines are lifted off and put back on the new last
# line, so that a comment that introduces the next entity stays just before it.

_Slot = tuple[dict[Any, list[Any]], Any, int]


def _last_slot(node: Any) -> _Slot | None:
    """Where ruamel keeps the comment after a block node's last line."""
    if isinstance(node, CommentedMap) and node:
        key = list(node)[-1]
        if _is_block(node[key]):
            return _last_slot(node[key])
        return node.ca.items, key, 2
    if isinstance(node, CommentedSeq) and node:
        index = len(node) - 1
        if _is_block(node[index]):
            return _last_slot(node[index])
        return node.ca.items, index, 0
    return None


def _is_block(value: Any) -> bool:
    return isinstance(value, (CommentedMap, CommentedSeq)) and bool(value) and not value.fa.flow_style()


def _lift(node: Any) -> str:
    """Take the whole comment lines that follow a node, leaving its end-of-line comment."""
    slot = _last_slot(node)
    token = slot[0].get(slot[1], [None] * 4)[slot[2]] if slot else None
    if slot is None or token is None or "\n" not in token.value:
        return ""
    end = token.value.index("\n") + 1
    own, lines = token.value[:end], token.value[end:]
    if own.strip():
        token.value = own
    else:
        slot[0][slot[1]][slot[2]] = None
    return lines


def _drop(node: Any, lines: str) -> None:
    """Put lifted comment lines back after the node's (new) last line."""
    slot = _last_slot(node)
    if not lines or slot is None:
        return
    items, key, index = slot
    entry = items.setdefault(key, [None] * 4)
    if entry[index] is None:
        entry[index] = CommentToken("\n" + lines, CommentMark(0), None)
    else:
        entry[index].value += lines


@contextmanager
def _tail_kept(node: Any) -> Iterator[None]:
    """Edit a node while the comment lines after it stay after it."""
    lines = _lift(node)
    yield
    _drop(node, lines)


# Reading entries


def _strings(entry: CommentedMap, key: str) -> list[str]:
    """The entry's list under `key`; anything but a list is refused, never read letter by letter."""
    value = entry.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise AliasTableError(f"entity {str(entry.get('id', '')).strip()!r}: '{key}' must be a list")
    return [str(v).strip() for v in value]


def entity_ids(doc: TableDoc) -> list[str]:
    return [str(entry["id"]).strip() for entry in doc.entities]


def current_id(doc: TableDoc, entity_id: str) -> str:
    """The id an entity goes by now: itself, or the entity that absorbed it (its former_ids)."""
    live = set(entity_ids(doc))
    if entity_id in live:
        return entity_id
    for entry in doc.entities:
        if entity_id in _strings(entry, FORMER_IDS):
            return str(entry["id"]).strip()
    return entity_id


def reserved_ids(doc: TableDoc) -> set[str]:
    """Ids that exist or existed: present, named by a not_same_as, or kept as former ids."""
    taken = set(entity_ids(doc))
    for entry in doc.entities:
        taken.update(_strings(entry, "not_same_as"))
        taken.update(_strings(entry, FORMER_IDS))
    return taken


def fresh_id(canonical: str, taken: set[str]) -> str:
    """A slug of the canonical that no entity has or had; -2, -3 ... when it is taken.

    >>> fresh_id("Hadi al-Amiri", {"hadi-al-amiri"})
    'hadi-al-amiri-2'
    """
    base = slug(canonical)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


# Appending


def _flow(items: Iterable[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _list(entry: CommentedMap, key: str) -> CommentedSeq:
    """The entry's list under `key`, created in flow style after the keys that usually precede it."""
    if entry.get(key) is None:
        before = LIST_ORDER[: LIST_ORDER.index(key)]
        keys = list(entry)
        position = max((keys.index(k) + 1 for k in before if k in entry), default=len(keys))
        if key in entry:  # `aliases:` with no value: fill it where it stands
            entry[key] = _flow([])
        else:
            entry.insert(position, key, _flow([]))
    return entry[key]


def append_names(entry: CommentedMap, key: str, names: Iterable[str]) -> list[str]:
    """Append names missing from the entry's list, in the order given; return those added."""
    present = {str(v).strip() for v in entry.get(key) or ()}
    if key == "aliases":
        present.add(str(entry["canonical"]).strip())
    added = [n for n in dict.fromkeys(names) if n not in present]
    if added:
        with _tail_kept(entry):
            _list(entry, key).extend(added)
    return added


def add_not_same_as(doc: TableDoc, a: str, b: str) -> bool:
    """Record on both sides that two entities are different; True if anything was added."""
    if a == b:
        raise NamefoldError(f"{doc.path}: {a!r} cannot be different from itself")
    left = append_names(doc.entry(a), "not_same_as", [b])
    right = append_names(doc.entry(b), "not_same_as", [a])
    return bool(left or right)


def alphabetical(name: str) -> tuple[str, str]:
    """The order of a new entity's aliases: case aside, then exactly, never the order of the input."""
    return name.casefold(), name


def add_entity(doc: TableDoc, canonical: str, aliases: Iterable[str], entity_type: str = "") -> str:
    """Append a new entity with a fresh id and return the id."""
    entity_id = fresh_id(canonical, reserved_ids(doc))
    entry = CommentedMap(id=entity_id, canonical=canonical)
    if entity_type:
        entry["type"] = entity_type
    others = sorted({a for a in aliases if a != canonical}, key=alphabetical)
    if others:
        entry["aliases"] = _flow(others)
    with _tail_kept(doc.entities):
        doc.entities.append(entry)
    return entity_id


# Merge and split


def merge_entities(doc: TableDoc, keep: str, absorb: str) -> None:
    """Fold entity `absorb` into `keep`: its names become aliases and its id a former id of `keep`."""
    if keep == absorb:
        raise NamefoldError(f"{doc.path}: cannot merge {keep!r} with itself")
    kept, gone = doc.entry(keep), doc.entry(absorb)
    if absorb in _strings(kept, "not_same_as") or keep in _strings(gone, "not_same_as"):
        raise NamefoldError(
            f"{doc.path}: {keep!r} and {absorb!r} are marked not_same_as; remove that first if they are one"
        )
    with _tail_kept(kept):
        _merge_extra_keys(doc, kept, gone, keep, absorb)
        append_names(kept, "aliases", [str(gone["canonical"]).strip(), *_strings(gone, "aliases")])
        append_names(kept, "not_same_as", _strings(gone, "not_same_as"))
        append_names(kept, FORMER_IDS, [absorb, *_strings(gone, FORMER_IDS)])
    for entry in doc.entities:
        listed = entry.get("not_same_as")
        if entry is not gone and listed and absorb in [str(v).strip() for v in listed]:
            index = [str(v).strip() for v in listed].index(absorb)
            if keep in [str(v).strip() for v in listed]:
                del listed[index]
            else:
                listed[index] = keep
    _remove_entry(doc, gone, absorb)


def _remove_entry(doc: TableDoc, gone: CommentedMap, gone_id: str) -> None:
    """Delete an entry; its comments stay in the file (before the entry that followed it)."""
    after = _lift(gone)
    indent = " " * max(int(gone.lc.col) - 2, 0)
    inside = [
        f"{indent}# from {gone_id}: {line.strip().removeprefix('#').strip()}\n"
        for line in _comments(gone).splitlines()
        if line.strip().startswith("#")
    ]
    index = next(i for i, e in enumerate(doc.entities) if e is gone)
    del doc.entities[index]
    lines = "".join(inside) + after
    if index > 0:
        _drop(doc.entities[index - 1], lines)
    elif lines and doc.entities:
        _lead(doc.entities, lines)


def _lead(seq: CommentedSeq, lines: str) -> None:
    """Add comment lines before a list's first item, after any already there."""
    comment = seq.ca.comment
    if comment and len(comment) > 1 and comment[1]:
        comment[1][-1].value += lines
    else:
        seq.ca.comment = [None, [CommentToken(lines, CommentMark(0), None)]]


def _comments(node: Any) -> str:
    """All comment text ruamel keeps inside a node."""
    found = []
    for slots in node.ca.items.values():
        found += [t.value for t in slots if isinstance(t, CommentToken)]
    children = node.values() if isinstance(node, CommentedMap) else node
    found += [_comments(c) for c in children if isinstance(c, (CommentedMap, CommentedSeq))]
    return "".join(found)


def _merge_extra_keys(doc: TableDoc, kept: CommentedMap, gone: CommentedMap, keep: str, absorb: str) -> None:
    """Carry over the absorbed entry's other keys; notes are joined, other clashes are refused."""
    handled = {"id", "canonical", "aliases", "not_same_as", FORMER_IDS}
    for key, value in gone.items():
        if key in handled or value is None:
            continue
        if key not in kept or kept[key] is None:
            kept[key] = value
        elif key == "note" and kept[key] != value:
            kept[key] = f"{kept[key]} | {value}"
        elif kept[key] != value:
            raise NamefoldError(
                f"{doc.path}: {keep!r} and {absorb!r} have different {key!r} "
                f"({kept[key]!r} and {value!r}); make them agree by hand, then merge"
            )


def split_entity(doc: TableDoc, entity_id: str, names: list[str]) -> str:
    """Move aliases of an entity into a new entity (canonical: the first) marked not_same_as it."""
    entry = doc.entry(entity_id)
    aliases = _strings(entry, "aliases")
    wanted = list(dict.fromkeys(n.strip() for n in names))
    for name in wanted:
        if name == str(entry["canonical"]).strip():
            raise NamefoldError(
                f"{doc.path}: {name!r} is the canonical of {entity_id!r}; it cannot be split off"
            )
        if name not in aliases:
            raise NamefoldError(f"{doc.path}: {name!r} is not an alias of {entity_id!r}")
    listed = entry["aliases"]
    notes: list[str] = []
    with _tail_kept(entry):
        for name in wanted:
            index = [str(v).strip() for v in listed].index(name)
            note = _take_item_comment(listed, index)
            if note:
                notes.append(f"{name}: {note}")
            del listed[index]
        if not listed:
            del entry["aliases"]
    entity_type = entry.get("type") or ""
    new_id = add_entity(doc, wanted[0], wanted[1:], str(entity_type))
    if notes:
        doc.entry(new_id).yaml_add_eol_comment("# " + " | ".join(notes), "canonical")
    add_not_same_as(doc, entity_id, new_id)
    return new_id


def _take_item_comment(seq: CommentedSeq, index: int) -> str:
    """Lift a block list item's end-of-line comment (returned) before it is deleted.

    Whole comment lines after the item introduce the next one, so they stay before it.
    """
    slots = seq.ca.items.get(index)
    token = slots[0] if slots else None
    if token is None:
        return ""
    own, _, rest = token.value.partition("\n")
    slots[0] = None
    note = own.strip().removeprefix("#").strip()
    if rest.strip() and index > 0:
        before = seq.ca.items.setdefault(index - 1, [None] * 4)
        if before[0] is None:
            before[0] = CommentToken("\n" + rest, CommentMark(0), None)
        else:
            before[0].value += rest
    elif rest.strip():
        _lead(seq, rest)
    return note


def names_in(doc: TableDoc) -> dict[str, str]:
    """Every name of the table and the id of its entity."""
    owner: dict[str, str] = {}
    for entry in doc.entities:
        entity_id = str(entry["id"]).strip()
        for name in [str(entry["canonical"]).strip(), *_strings(entry, "aliases")]:
            owner.setdefault(name, entity_id)
    return owner


# Lint


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding of `check_table`: an error (the table cannot be used) or a warning."""

    level: str  # "error" or "warning"
    line: int
    message: str


def check_table(path: Path, *, min_score: float, threshold: float = DEFAULT_THRESHOLD) -> list[Problem]:
    """Every error and warning of a table, sorted by line, so an analyst can fix them in one pass."""
    text = read_table_text(path)
    entities, errors = table_problems(text, str(path))
    problems = [Problem("error", _line_of(message), message) for message in errors]
    problems += _former_id_problems(entities, text, str(path))
    problems += _identity_problems(entities, str(path))
    problems += _name_problems(entities, str(path))
    problems += _alias_warnings(entities, str(path), min_score, threshold)
    return sorted(problems, key=lambda p: (p.line, p.level, p.message))


def _line_of(message: str) -> int:
    """The line a located() message names (0 when it names none)."""
    found = re.search(r": line (\d+): ", message)
    return int(found.group(1)) if found else 0


def _former_id_problems(entities: tuple[Entity, ...], text: str, path: str) -> list[Problem]:
    """A former id that is also a live id means an id was reused."""
    if not entities:
        return []
    live = {e.id for e in entities}
    seq = YAML(typ="rt", pure=True).load(text)["entities"]
    problems = []
    for entry in seq:
        if not isinstance(entry, CommentedMap) or not isinstance(entry.get(FORMER_IDS), list):
            continue
        line = int(entry.lc.line) + 1
        for former in _strings(entry, FORMER_IDS):
            if former in live:
                message = located(path, line, f"former id {former!r} is in use again")
                problems.append(Problem("error", line, message))
    return problems


def _identity_problems(entities: tuple[Entity, ...], path: str) -> list[Problem]:
    """An entity kept apart from itself (error), and two entities whose names a search folds alike."""
    problems = []
    first: dict[str, tuple[str, Entity]] = {}
    for entity in entities:
        if entity.id in entity.not_same_as:
            message = located(path, entity.line, f"entity {entity.id!r}: not_same_as names the entity itself")
            problems.append(Problem("error", entity.line, message))
        for name in dict.fromkeys(entity.names):
            seen = first.setdefault(fold(name), (name, entity))
            if seen[1].id != entity.id and seen[0] != name:
                message = located(
                    path,
                    entity.line,
                    f"{name!r} of {entity.id!r} and {seen[0]!r} of {seen[1].id!r} differ only in case or "
                    "diacritics; search cannot tell them apart (export solr leaves them out)",
                )
                problems.append(Problem("warning", entity.line, message))
    return problems


def _name_problems(entities: tuple[Entity, ...], path: str) -> list[Problem]:
    """Entries that are no name (a control character, an invisible mark, a lone title): errors, since
    resolve would take them for an entity's names."""
    rules = default_rules()
    problems = []
    for entity in entities:
        for field, name in [("canonical", entity.canonical), *(("alias", a) for a in entity.aliases)]:
            problem = name_problem(name, rules)
            if problem:
                found = f"entity {entity.id!r}: {field} {name!r} is not a name: {problem}"
                message = located(path, entity.line, found)
                problems.append(Problem("error", entity.line, message))
    return problems


def _alias_warnings(
    entities: tuple[Entity, ...], path: str, min_score: float, threshold: float
) -> list[Problem]:
    """Aliases the matcher scores below the review floor against their canonical: worth a second look."""
    rules = default_rules()
    problems = []
    for entity in entities:
        canonical = parse_name(entity.canonical, rules)
        for alias in entity.aliases:
            match = compare_names(canonical, parse_name(alias, rules), rules, threshold)
            if not match.same and match.score < min_score:
                reasons = "; ".join(match.reasons) or "no reason given"
                message = located(
                    path,
                    entity.line,
                    f"entity {entity.id!r}: alias {alias!r} scores {match.score:.3f} against "
                    f"{entity.canonical!r} ({reasons}); fine for a kunya or translation, else a mistake",
                )
                problems.append(Problem("warning", entity.line, message))
    return problems
