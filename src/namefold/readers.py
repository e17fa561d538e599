"""Read names and gold clusterings from files: the input edge of the pipeline.

Every problem becomes an InputError naming the file, the line and the field, so nothing is
dropped silently: blank lines, rows and cells are the only entries skipped, and they are counted.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from namefold.errors import InputError, located

FORMATS = ("txt", "csv", "tsv", "jsonl")
# Longer "names" are text that got into a name column; comparing them would take seconds each.
MAX_NAME_LENGTH = 300
# Documents are read whole for extraction; a bigger file is refused rather than filling memory.
MAX_DOCUMENT_BYTES = 10_000_000


@dataclass(frozen=True, slots=True)
class NameList:
    """The names read from one source, in file order, and how many blank rows were skipped."""

    source: str
    names: tuple[str, ...]
    blank: int = 0
    kinds: dict[str, str] = field(default_factory=dict)  # name -> kind, where a type column gives one


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 (with or without BOM); undecodable bytes are an error naming their line."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            located(source, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8")
        ) from None


def read_bytes(path: Path, limit: int = -1) -> bytes:
    """Read a file (at most `limit` bytes if given), turning the usual OS errors into one-line messages."""
    try:
        with path.open("rb") as handle:
            return handle.read(limit)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None


def read_document(path: Path) -> str:
    """The text of a document for extraction: UTF-8, BOM removed, not empty, binary or too large.

    At most MAX_DOCUMENT_BYTES + 1 bytes are read, whatever the file says its size is: /dev/zero
    and pipes report none, and must not fill memory.
    """
    limit = f"(at most {MAX_DOCUMENT_BYTES // 1_000_000} MB); split it into smaller documents"
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # opening it below says what is wrong
    if size > MAX_DOCUMENT_BYTES:
        raise InputError(f"{path}: {size / 1e6:.0f} MB is too large to extract names from {limit}")
    data = read_bytes(path, MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(f"{path}: too large to extract names from {limit}")  # /dev/zero, a pipe
    # UTF-16: a byte-order mark, or NUL bytes in one half of the byte positions (ASCII as UTF-16).
    sample = data[:4096]
    nuls = sorted((sample[0::2].count(0), sample[1::2].count(0)))
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(sample) // 4 <= nuls[1] > 0 and nuls[0] * 8 <= nuls[1]):
        raise InputError(f"{path}: not UTF-8 (looks like UTF-16); save the file as UTF-8")
    if b"\x00" in data:
        raise InputError(f"{path}: binary file (it holds NUL bytes), not text")
    text = decode(data, str(path))
    if not text.strip():
        raise InputError(f"{path}: empty document")
    return text


def input_format(source: str, explicit: str | None = None) -> str:
    """The format of a names source: explicit, else from the file ending, else one name a line."""
    if explicit:
        if explicit not in FORMATS:
            raise InputError(f"{source}: unknown input format {explicit!r} (one of {', '.join(FORMATS)})")
        return explicit
    suffix = Path(source).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else "txt"


def csv_rows(text: str, source: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of a CSV or TSV text; malformed CSV is an error naming its line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as exc:
        raise InputError(located(source, reader.line_num, f"malformed CSV: {exc}")) from None


# A row of names input: its line, its name and its type ("" where none is given).
Row = tuple[int, str, str]


def _table_rows(
    text: str, source: str, delimiter: str, column: str, type_column: str | None = None
) -> Iterator[Row]:
    rows = csv_rows(text, source, delimiter)
    _, header = next(rows, (1, []))
    if not header:
        return
    for wanted in (column, type_column):
        if wanted is not None and wanted not in header:
            raise InputError(
                located(source, 1, f"no column {wanted!r} (columns: {', '.join(header) or 'none'})")
            )
    index = header.index(column)
    type_at = header.index(type_column) if type_column is not None else None
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            yield line, "", ""  # a blank row: counted as blank, not read as a name
        elif index >= len(row):
            raise InputError(located(source, line, f"row has no {column!r} field"))
        elif type_at is not None and type_at >= len(row):
            raise InputError(located(source, line, f"row has no {type_column!r} field"))
        else:
            yield line, row[index], row[type_at] if type_at is not None else ""


def split_lines(text: str) -> list[str]:
    """Lines split on newlines only: U+2028 and the like may stand inside JSON strings."""
    return [line.removesuffix("\r") for line in text.removesuffix("\n").split("\n")] if text else []


def _not_json(text: str) -> float:
    """NaN and Infinity are no JSON numbers: read them, and they would be written back invalid."""
    raise ValueError(f"{text} is not a number JSON allows")


def _finite(text: str) -> float:
    """A JSON number too large for a float would be written back as Infinity."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large for a number")
    return value


def json_line(
    line: str,
    source: str,
    number: int,
    object_pairs_hook: Callable[[list[tuple[str, Any]]], Any] | None = None,
) -> Any:
    """One JSON line, strictly: anything Python's json would accept but not write back is an error."""
    try:
        return json.loads(
            line, parse_constant=_not_json, parse_float=_finite, object_pairs_hook=object_pairs_hook
        )
    except json.JSONDecodeError as exc:
        raise InputError(located(source, number, f"invalid JSON: {exc.msg}")) from None
    except RecursionError:
        raise InputError(located(source, number, "invalid JSON: nested too deeply")) from None
    except ValueError as exc:  # ours above, or an integer of thousands of digits
        raise InputError(located(source, number, f"invalid JSON: {str(exc).splitlines()[0]}")) from None


def _jsonl_rows(text: str, source: str, key: str, type_key: str | None = None) -> Iterator[Row]:
    for number, line in enumerate(split_lines(text), start=1):
        if not line.strip():
            yield number, "", ""  # a blank line: counted as blank, not read as a name
            continue
        record = json_line(line, source, number)
        if not isinstance(record, dict):
            raise InputError(located(source, number, "expected a JSON object"))
        if key not in record:
            raise InputError(located(source, number, f"no key {key!r}"))
        if not isinstance(record[key], str):
            raise InputError(located(source, number, f"{key!r} is not a string"))
        kind = record.get(type_key, "") if type_key is not None else ""
        if kind is None:
            kind = ""
        if not isinstance(kind, str):
            raise InputError(located(source, number, f"{type_key!r} is not a string"))
        yield number, record[key], kind


def parse_names(
    text: str,
    source: str,
    fmt: str,
    column: str = "name",
    type_column: str | None = None,
    kinds: Mapping[str, str] | None = None,
) -> NameList:
    """Names from the text of a source in the given format; blank entries are counted, not kept.

    With `type_column`, each name's type is read too (CSV/TSV column, JSONL key; empty or missing
    in JSONL: not given) and named by `kinds` (type value, casefolded -> kind); a value `kinds`
    lacks, or one name given two kinds, is an error naming its line.
    """
    rows: Iterator[Row]
    if type_column is not None and fmt == "txt":
        raise InputError(f"{source}: a type column needs CSV, TSV or JSONL input, not one name a line")
    if fmt == "txt":
        rows = ((line, value, "") for line, value in enumerate(split_lines(text), start=1))
    elif fmt in ("csv", "tsv"):
        rows = _table_rows(text, source, "," if fmt == "csv" else "\t", column, type_column)
    else:
        rows = _jsonl_rows(text, source, column, type_column)
    names: list[str] = []
    named: dict[str, str] = {}
    blank = 0
    for line, value, kind in rows:
        value = value.strip()
        if value and kind.strip():
            _add_kind(named, value, _kind(kind, kinds or {}, source, line, type_column), source, line)
        if len(value) > MAX_NAME_LENGTH:
            raise InputError(
                located(
                    source,
                    line,
                    f"{len(value)} characters is too long for a name (at most {MAX_NAME_LENGTH})",
                )
            )
        if value:
            names.append(value)
        else:
            blank += 1
    return NameList(source, tuple(names), blank, named)


def _kind(value: str, kinds: Mapping[str, str], source: str, line: int, field: str | None) -> str:
    found = kinds.get(" ".join(value.casefold().split()))
    if found is None:
        known = ", ".join(sorted(set(kinds.values()))) or "none"
        raise InputError(
            located(source, line, f"{field}: {value.strip()!r} is no kind of name namefold knows ({known})")
        )
    return found


def _add_kind(named: dict[str, str], name: str, kind: str, source: str, line: int) -> None:
    if named.setdefault(name, kind) != kind:
        raise InputError(located(source, line, f"{name!r} is given as {named[name]} and as {kind}"))


def read_names(
    path: Path,
    fmt: str | None = None,
    column: str = "name",
    type_column: str | None = None,
    kinds: Mapping[str, str] | None = None,
) -> NameList:
    """Read the names of one file (and their types, see parse_names)."""
    source = str(path)
    text = decode(read_bytes(path), source)
    return parse_names(text, source, input_format(source, fmt), column, type_column, kinds)


@dataclass(frozen=True, slots=True)
class Gold:
    """A reference clustering: each name's cluster, and names that are aliases, not spellings."""

    clusters: dict[str, str]
    aliases: frozenset[str] = frozenset()
    types: dict[str, str] = field(default_factory=dict)  # name -> its `type` column, where the gold has one


def _gold_tsv(text: str, source: str) -> Gold:
    clusters: dict[str, str] = {}
    types: dict[str, str] = {}
    rows = csv_rows(text, source, "\t")
    _, header = next(rows, (1, []))
    if len(header) < 2:
        raise InputError(located(source, 1, "expected a header 'name<TAB>cluster_id'"))
    type_at = header.index("type") if "type" in header else None
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise InputError(located(source, line, "expected 'name<TAB>cluster_id'"))
        name = row[0].strip()
        if clusters.setdefault(name, row[1].strip()) != row[1].strip():
            raise InputError(located(source, line, f"{name!r} is in two clusters"))
        if type_at is not None:
            if type_at >= len(row) or not row[type_at].strip():
                raise InputError(located(source, line, "type: empty"))
            types[name] = row[type_at].strip()
    if not clusters:
        raise InputError(f"{source}: no names found")
    return Gold(clusters, types=types)


def _gold_yaml(text: str, source: str) -> Gold:
    try:
        data = YAML(typ="safe", pure=True).load(text)
    except MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise InputError(located(source, line, f"not valid YAML: {exc.problem}")) from None
    except (YAMLError, RecursionError) as exc:
        raise InputError(f"{source}: not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise InputError(f"{source}: expected a mapping with an 'entities' list")
    clusters: dict[str, str] = {}
    aliases: set[str] = set()
    for number, entity in enumerate(data["entities"], start=1):
        if not isinstance(entity, dict) or not isinstance(entity.get("id"), str):
            raise InputError(f"{source}: entity {number}: expected a mapping with an 'id'")
        where = f"{source}: entity {entity['id']!r}"
        mentions = entity.get("mentions") or {}
        groups = list(mentions.values()) if isinstance(mentions, dict) else [mentions]
        entity_aliases = entity.get("aliases") or []
        for group in [*groups, entity_aliases]:
            if not isinstance(group, list) or not all(isinstance(n, str) and n.strip() for n in group):
                raise InputError(f"{where}: mentions and aliases must be lists of names")
        for name in [*(n for group in groups for n in group), *entity_aliases]:
            if clusters.setdefault(name.strip(), entity["id"]) != entity["id"]:
                raise InputError(f"{where}: {name!r} is in two entities")
        aliases |= {a.strip() for a in entity_aliases}
    if not clusters:
        raise InputError(f"{source}: no names found")
    return Gold(clusters, frozenset(aliases))


def read_gold(path: Path) -> Gold:
    """Read a gold clustering: a TSV `name<TAB>cluster_id`, or YAML entities with mentions."""
    source = str(path)
    text = decode(read_bytes(path), source)
    if path.suffix.lower() in (".yaml", ".yml"):
        return _gold_yaml(text, source)
    return _gold_tsv(text, source)


def read_predicted(path: Path) -> dict[str, str]:
    """A clustering written by `namefold resolve`: its CSV (cluster_id, name) or its JSON."""
    source = str(path)
    text = decode(read_bytes(path), source)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
            return {m["name"]: c["id"] for c in data["clusters"] for m in c["members"]}
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{source}: not a namefold resolve JSON file ({exc})") from None
    predicted: dict[str, str] = {}
    rows = csv_rows(text, source, ",")
    _, header = next(rows, (1, []))
    missing = sorted({"cluster_id", "name"} - set(header))
    if missing:
        raise InputError(located(source, 1, f"no column {missing[0]!r}; expected namefold resolve CSV"))
    name_at, cluster_at = header.index("name"), header.index("cluster_id")
    for line, row in rows:
        if len(row) <= max(name_at, cluster_at) or not row[name_at].strip() or not row[cluster_at].strip():
            raise InputError(located(source, line, "empty 'name' or 'cluster_id'"))
        predicted[row[name_at].strip()] = row[cluster_at].strip()
    return predicted
