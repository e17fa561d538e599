"""Read names and gold clusterings from files: the input edge of the pipeline.

Every problem becomes an InputError naming the file, the line and the field, so nothing is
dropped silently: blank lines, rows and cells are the only entries skipped, and they are counted.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from namefold.errors import InputError, located, shown
from namefold.writers import unguard

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
    lines: tuple[int, ...] = field(default=(), compare=False)  # the line of each name, for errors


BOM = b"\xef\xbb\xbf"
CHUNK = 1 << 16
# A names file's line is a name or a record; a longer one is refused when it is seen, not after
# the whole file (a 5 GB file without line ends, /dev/urandom) has filled memory.
MAX_LINE_BYTES = 1_000_000
# Files read whole (tables, resolutions, records, gold) are refused beyond this size.
MAX_FILE_BYTES = 256_000_000
# A YAML line longer than this is no hand-written table (an entity with 5,000 aliases on one line).
MAX_YAML_LINE = 256_000
_LINE_END = re.compile(r"\r\n|\r|\n")


def check_encoding(head: bytes, source: str) -> None:
    """Refuse UTF-16 and UTF-32 (with or without a byte-order mark): they read as junk or NULs."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise InputError(f"{source}: not UTF-8 (looks like UTF-32); save the file as UTF-8")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{source}: not UTF-8 (looks like UTF-16); save the file as UTF-8")
    sample = head[:4096]
    quarters = [sample[i::4].count(0) for i in range(4)]
    if len(sample) >= 8 and _utf32(quarters, len(sample) // 4):  # ASCII as UTF-32: three bytes of four
        raise InputError(f"{source}: not UTF-8 (looks like UTF-32); save the file as UTF-8")
    nuls = sorted((sample[0::2].count(0), sample[1::2].count(0)))
    if len(sample) // 4 <= nuls[1] > 0 and nuls[0] * 8 <= nuls[1]:  # ASCII as UTF-16: every other byte
        raise InputError(f"{source}: not UTF-8 (looks like UTF-16); save the file as UTF-8")


def _utf32(zeros: list[int], size: int) -> bool:
    """NULs at two fixed positions of every four bytes, letters at a third (little or big endian)."""
    little = zeros[2] == zeros[3] == size and zeros[0] * 2 < size
    big = zeros[0] == zeros[1] == size and zeros[3] * 2 < size
    return little or big


def decode_line(raw: bytes, source: str, number: int) -> str:
    """One line of UTF-8; a NUL byte or an undecodable one is an error naming the line."""
    if b"\x00" in raw:
        raise InputError(located(source, number, "binary file (it holds NUL bytes), not text"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = raw[exc.start]
        raise InputError(
            located(source, number, f"not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8")
        ) from None


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 (with or without BOM); UTF-16/32, NULs and undecodable bytes name their line."""
    check_encoding(data[:CHUNK], source)
    data = data.removeprefix(BOM)
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(located(source, line, "binary file (it holds NUL bytes), not text"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            located(source, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8")
        ) from None


def _too_long(source: str, number: int, limit: int) -> InputError:
    return InputError(located(source, number, f"line longer than {limit:,} bytes; is this a names file?"))


def read_lines(handle: BinaryIO, source: str, limit: int = MAX_LINE_BYTES) -> Iterator[str]:
    """Decoded lines, each with its line end (LF, CRLF or a lone CR), read a chunk at a time.

    Memory stays bounded whatever the input: a line over `limit` bytes is refused as soon as it
    is seen, and binary input (NULs, invalid UTF-8, UTF-16) at the line where it shows.
    """
    number, pending, first = 0, b"", True
    while True:
        chunk = handle.read(CHUNK)
        if first:
            check_encoding(chunk, source)
            chunk, first = chunk.removeprefix(BOM), False
        final = not chunk
        block = pending + chunk
        end = len(block) - block.endswith(b"\r")  # a CR at the end: its LF may come with the next chunk
        cut = len(block) if final else max(block.rfind(b"\n", 0, end), block.rfind(b"\r", 0, end)) + 1
        complete, pending = block[:cut], block[cut:]
        lines = _block_lines(complete, source, number, limit)
        number += len(lines)
        yield from lines
        if chunk and b"\x00" in pending[-len(chunk) :]:  # /dev/zero is binary, not one long line
            decode_line(pending, source, number + 1)
        if len(pending) > limit:
            raise _too_long(source, number + 1, limit)
        if final:
            return


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _block_lines(block: bytes, source: str, before: int, limit: int) -> list[str]:
    """The lines of a block of whole lines, decoded at once; a bad line is found one by one."""
    try:
        if b"\x00" in block:
            raise ValueError
        lines = _LINE.findall(block.decode("utf-8"))
    except ValueError:  # UnicodeDecodeError too: name the first bad line
        for number, raw in enumerate(block.splitlines(keepends=True), start=before + 1):
            if len(raw) > limit:
                raise _too_long(source, number, limit) from None
            decode_line(raw, source, number)
        raise AssertionError("a bad block without a bad line") from None
    if lines and max(map(len, lines)) * 4 > limit:  # a character is at most four bytes
        for number, line in enumerate(lines, start=before + 1):
            if len(line.encode("utf-8")) > limit:
                raise _too_long(source, number, limit)
    return lines


@contextmanager
def opened(path: Path) -> Iterator[BinaryIO]:
    """A file opened for reading, the usual OS errors turned into one-line messages."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    with handle:
        try:
            yield handle
        except IsADirectoryError:
            raise InputError(f"{path}: is a directory, not a file") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror}") from None


def read_bytes(path: Path, limit: int = -1) -> bytes:
    """Read a file (at most `limit` bytes if given), turning the usual OS errors into one-line messages."""
    with opened(path) as handle:
        return handle.read(limit)


def read_stream(handle: BinaryIO, source: str, limit: int = MAX_FILE_BYTES) -> str:
    """The text of a stream read whole: UTF-8, at most `limit` bytes; binary input is refused early."""
    head = handle.read(CHUNK)
    check_encoding(head, source)
    if b"\x00" in head:
        decode(head, source)  # names the line of the NUL before the rest is read
    data = head + handle.read(limit + 1 - len(head)) if head else head
    if len(data) > limit:
        raise InputError(f"{source}: larger than {limit // 1_000_000} MB, too large to read")
    return decode(data, source)


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """The text of a file read whole (a table, resolution, gold or records file)."""
    with opened(path) as handle:
        return read_stream(handle, str(path), limit)


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


def csv_rows(text: str | Iterable[str], source: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of a CSV or TSV text (or its lines); malformed CSV is an error naming its line."""
    lines = io.StringIO(text, newline="") if isinstance(text, str) else text
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as exc:
        if "field limit" in str(exc):
            limit = csv.field_size_limit() // 1024
            raise InputError(located(source, reader.line_num, f"field too long (over {limit} KB)")) from None
        raise InputError(located(source, reader.line_num, f"malformed CSV: {exc}")) from None


def check_header(header: list[str], source: str) -> None:
    """A column named twice would be read from its first place only: refuse it, naming it."""
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise InputError(located(source, 1, f"column {shown(name)} appears twice in the header"))
        seen.add(name)


# A row of names input: its line, its name and its type ("" where none is given).
Row = tuple[int, str, str]


def _table_rows(
    lines: Iterable[str], source: str, delimiter: str, column: str, type_column: str | None = None
) -> Iterator[Row]:
    rows = csv_rows(lines, source, delimiter)
    _, header = next(rows, (1, []))
    if not header:
        return
    check_header(header, source)
    for wanted in (column, type_column):
        if wanted is not None and wanted not in header:
            raise InputError(
                located(
                    source, 1, f"no column {shown(wanted)} (columns: {', '.join(header)[:200] or 'none'})"
                )
            )
    index = header.index(column)
    type_at = header.index(type_column) if type_column is not None else None
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            yield line, "", ""  # a blank row: counted as blank, not read as a name
        elif index >= len(row):
            raise InputError(located(source, line, f"row has no {shown(column)} field"))
        elif type_at is not None and type_at >= len(row):
            raise InputError(located(source, line, f"row has no {shown(type_column)} field"))
        else:
            yield line, unguard(row[index]), unguard(row[type_at]) if type_at is not None else ""


def split_lines(text: str) -> list[str]:
    """Lines split at LF, CRLF or a lone CR; U+2028 and the like may stand inside JSON strings.

    >>> split_lines("a\\rb\\r\\nc\\n")
    ['a', 'b', 'c']
    """
    lines = _LINE_END.split(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


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


def _jsonl_rows(lines: Iterable[str], source: str, key: str, type_key: str | None = None) -> Iterator[Row]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            yield number, "", ""  # a blank line: counted as blank, not read as a name
            continue
        record = json_line(line, source, number)
        if not isinstance(record, dict):
            raise InputError(located(source, number, "expected a JSON object"))
        if key not in record:
            raise InputError(located(source, number, f"no key {shown(key)}"))
        if not isinstance(record[key], str):
            raise InputError(located(source, number, f"{shown(key)} is not a string"))
        kind = record.get(type_key, "") if type_key is not None else ""
        if kind is None:
            kind = ""
        if not isinstance(kind, str):
            raise InputError(located(source, number, f"{shown(type_key)} is not a string"))
        yield number, record[key], kind


def _without_end(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        yield line.rstrip("\r\n")


def names_of(
    lines: Iterable[str],
    source: str,
    fmt: str,
    column: str = "name",
    type_column: str | None = None,
    kinds: Mapping[str, str] | None = None,
) -> NameList:
    """Names from the lines of a source (each with its line end); blank entries are counted.

    With `type_column`, each name's type is read too (CSV/TSV column, JSONL key; empty or missing
    in JSONL: not given) and named by `kinds` (type value, casefolded -> kind); a value `kinds`
    lacks, or one name given two kinds, is an error naming its line.
    """
    rows: Iterator[Row]
    if type_column is not None and fmt == "txt":
        raise InputError(f"{source}: a type column needs CSV, TSV or JSONL input, not one name a line")
    if fmt == "txt":
        rows = ((line, value, "") for line, value in enumerate(_without_end(lines), start=1))
    elif fmt in ("csv", "tsv"):
        rows = _table_rows(lines, source, "," if fmt == "csv" else "\t", column, type_column)
    else:
        rows = _jsonl_rows(_without_end(lines), source, column, type_column)
    names: list[str] = []
    named: dict[str, str] = {}
    lines: list[int] = []
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
            lines.append(line)
        else:
            blank += 1
    return NameList(source, tuple(names), blank, named, tuple(lines))


def _kind(value: str, kinds: Mapping[str, str], source: str, line: int, field: str | None) -> str:
    found = kinds.get(" ".join(value.casefold().split()))
    if found is None:
        known = ", ".join(sorted(set(kinds.values()))) or "none"
        raise InputError(
            located(
                source, line, f"{field}: {shown(value.strip())} is no kind of name namefold knows ({known})"
            )
        )
    return found


def _add_kind(named: dict[str, str], name: str, kind: str, source: str, line: int) -> None:
    if named.setdefault(name, kind) != kind:
        raise InputError(located(source, line, f"{shown(name)} is given as {named[name]} and as {kind}"))


def parse_names(
    text: str,
    source: str,
    fmt: str,
    column: str = "name",
    type_column: str | None = None,
    kinds: Mapping[str, str] | None = None,
) -> NameList:
    """Names from the text of a source in the given format (see names_of)."""
    return names_of(io.StringIO(text, newline=""), source, fmt, column, type_column, kinds)


def read_names(
    path: Path,
    fmt: str | None = None,
    column: str = "name",
    type_column: str | None = None,
    kinds: Mapping[str, str] | None = None,
) -> NameList:
    """Read the names of one file (and their types, see names_of), a line at a time: memory stays
    bounded whatever the file holds."""
    source = str(path)
    with opened(path) as handle:
        return names_of(
            read_lines(handle, source), source, input_format(source, fmt), column, type_column, kinds
        )


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


# An anchor (&a) or alias (*a) token; the precise check below runs only where one may stand.
_ANCHOR_HINT = re.compile(r"(?:^|[\s\[{,:?-])[&*][^\s,\[\]{}]", re.M)


def refuse_anchors(text: str, source: str, error: type[InputError] | type[Exception] = InputError) -> None:
    """Refuse YAML anchors and aliases: hand-written tables have no use for them, and nested ones
    expand exponentially (a "billion laughs" hangs any loader). A line over MAX_YAML_LINE
    characters is refused too: the YAML scanner takes seconds over a few megabytes of one line."""
    long = next((n for n, line in enumerate(split_lines(text), start=1) if len(line) > MAX_YAML_LINE), None)
    if long is not None:
        raise error(
            located(source, long, f"line longer than {MAX_YAML_LINE:,} characters; not a hand-written table")
        )
    if not _ANCHOR_HINT.search(text):
        return
    try:
        for event in YAML(typ="safe", pure=True).parse(text):
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
                line = event.start_mark.line + 1
                raise error(
                    located(source, line, "YAML anchors and aliases (&name, *name) are not allowed here")
                )
    except YAMLError:
        return  # not YAML at all: the loader says where


def _gold_data(text: str, source: str) -> dict[str, Any]:
    """The YAML of a gold file, a mapping with an 'entities' list, or one clear error."""
    refuse_anchors(text, source)
    try:
        data = YAML(typ="safe", pure=True).load(text)
    except MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise InputError(located(source, line, f"not valid YAML: {exc.problem}")) from None
    except (YAMLError, RecursionError) as exc:
        raise InputError(f"{source}: not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise InputError(f"{source}: expected a mapping with an 'entities' list")
    return data


def _gold_yaml(text: str, source: str) -> Gold:
    data = _gold_data(text, source)
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


@dataclass(frozen=True, slots=True)
class TextGold:
    """A gold of names in documents: which entity each (document, form) names, and what must stay apart."""

    mentions: tuple[tuple[str, str, str], ...]  # (document, form, entity id), sorted
    aliases: frozenset[str]  # forms that are aliases, not spellings, of their entity
    must_not_merge: tuple[tuple[str, str], ...]

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(sorted({doc for doc, _, _ in self.mentions}))


def _must_not_merge(data: dict[str, Any], ids: set[str], source: str) -> tuple[tuple[str, str], ...]:
    pairs = data.get("must_not_merge") or []
    if not isinstance(pairs, list):
        raise InputError(f"{source}: must_not_merge: expected a list of pairs of entity ids")
    for pair in pairs:
        if not isinstance(pair, list) or len(pair) != 2 or not all(p in ids for p in pair):
            raise InputError(f"{source}: must_not_merge: {pair!r} is not a pair of entity ids")
    return tuple((a, b) for a, b in pairs)


def read_text_gold(path: Path) -> TextGold:
    """Read a YAML gold whose entities list their forms by document (mentions: {doc: [forms]})."""
    source = str(path)
    data = _gold_data(decode(read_bytes(path), source), source)
    rows: dict[tuple[str, str], str] = {}
    aliases: set[str] = set()
    for number, entity in enumerate(data["entities"], start=1):
        if not isinstance(entity, dict) or not isinstance(entity.get("id"), str):
            raise InputError(f"{source}: entity {number}: expected a mapping with an 'id'")
        where = f"{source}: entity {entity['id']!r}"
        mentions = entity.get("mentions")
        if not isinstance(mentions, dict) or not mentions:
            raise InputError(f"{where}: mentions must map each document to its forms")
        for doc, forms in mentions.items():
            if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
                raise InputError(f"{where}: {doc}: mentions must be a list of names")
            for form in forms:
                if rows.setdefault((str(doc), form.strip()), entity["id"]) != entity["id"]:
                    raise InputError(f"{where}: {doc}: {form!r} is in two entities")
        aliases |= {a.strip() for a in entity.get("aliases") or [] if isinstance(a, str)}
    if not rows:
        raise InputError(f"{source}: no names found")
    ids = set(rows.values())
    mentions_sorted = tuple(sorted((doc, form, eid) for (doc, form), eid in rows.items()))
    return TextGold(mentions_sorted, frozenset(aliases), _must_not_merge(data, ids, source))


def read_gold(path: Path) -> Gold:
    """Read a gold clustering: a TSV `name<TAB>cluster_id`, or YAML entities with mentions."""
    source = str(path)
    text = read_text(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        return _gold_yaml(text, source)
    return _gold_tsv(text, source)


def read_predicted(path: Path) -> dict[str, str]:
    """A clustering written by `namefold resolve`: its CSV (cluster_id, name) or its JSON."""
    source = str(path)
    text = read_text(path)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
            return {m["name"]: c["id"] for c in data["clusters"] for m in c["members"]}
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{source}: not a namefold resolve JSON file ({exc})") from None
    predicted: dict[str, str] = {}
    rows = csv_rows(text, source, ",")
    _, header = next(rows, (1, []))
    check_header(header, source)
    missing = sorted({"cluster_id", "name"} - set(header))
    if missing:
        raise InputError(located(source, 1, f"no column {missing[0]!r}; expected namefold resolve CSV"))
    name_at, cluster_at = header.index("name"), header.index("cluster_id")
    for line, row in rows:
        if len(row) <= max(name_at, cluster_at) or not row[name_at].strip() or not row[cluster_at].strip():
            raise InputError(located(source, line, "empty 'name' or 'cluster_id'"))
        predicted[unguard(row[name_at]).strip()] = unguard(row[cluster_at]).strip()
    return predicted
