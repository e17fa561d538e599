"""The review file: pairs the matcher is unsure of, as a CSV an analyst labels in a spreadsheet.

Columns: left,right,entity_id,score,reasons,decision. `left` is the new name, `right` the
table name it came closest to, `entity_id` that name's entity; `decision` is left empty for the
analyst to fill with `same` or `different`. Cells are written by `writers.csv_row`: one that
would run as a formula in a spreadsheet gets a leading apostrophe, which `parse_review` removes
again (`writers.guard` / `unguard`). Reasons
are joined with "; "; a `;` or `\\` inside a reason is escaped with `\\`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from namefold.errors import InputError, located
from namefold.readers import check_header, csv_rows, read_text
from namefold.writers import csv_row, unguard

COLUMNS = ("left", "right", "entity_id", "score", "reasons", "decision")
DECISIONS = ("same", "different", "")
REASON_SEPARATOR = "; "


@dataclass(frozen=True, slots=True, order=True)
class ReviewRow:
    """One pair to review: a new name and the closest name of an entity it may belong to."""

    left: str
    entity_id: str
    right: str = ""
    score: float = 0.0
    reasons: tuple[str, ...] = ()
    decision: str = ""
    line: int = 0  # where the row was read from, for messages


def join_reasons(reasons: Iterable[str]) -> str:
    r"""Reasons in one cell; a `;` inside a reason is escaped so it is not read as a separator.

    >>> print(join_reasons(["a;b", "c\\d"]))
    a\;b; c\\d
    """
    return REASON_SEPARATOR.join(r.replace("\\", "\\\\").replace(";", "\\;") for r in reasons)


def split_reasons(cell: str) -> tuple[str, ...]:
    r"""The reasons of a cell, undoing `join_reasons`.

    >>> split_reasons(r"a\;b; c\\d")
    ('a;b', 'c\\d')
    """
    parts, current, escaped = [], "", False
    for ch in cell:
        if escaped:
            current, escaped = current + ch, False
        elif ch == "\\":
            escaped = True
        elif ch == ";":
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current + ("\\" if escaped else ""))
    return tuple(p.strip() for p in parts if p.strip())


def write_review(rows: Iterable[ReviewRow]) -> str:
    """The review CSV, rows sorted by new name, then entity, so reruns give the same bytes."""
    lines = [csv_row(COLUMNS)]
    for r in sorted(rows, key=lambda r: (r.left.casefold(), r.left, r.entity_id)):
        cells = (r.left, r.right, r.entity_id, f"{r.score:.3f}", join_reasons(r.reasons), r.decision)
        lines.append(csv_row(cells))
    return "".join(lines)


def parse_review(text: str, source: str) -> list[ReviewRow]:
    """Read a (labelled) review CSV; a missing column or an unknown decision names its line."""
    if not text.lstrip("\ufeff").strip():
        raise InputError(f"{source}: the file is empty; expected the header {','.join(COLUMNS)}")
    rows = csv_rows(text, source)
    header = [h.strip().lstrip("\ufeff") for h in next(rows, (1, []))[1]]
    check_header(header, source)
    missing = [c for c in ("left", "entity_id", "decision") if c not in header]
    if missing:
        raise InputError(located(source, 1, f"no column {missing[0]!r} (expected {','.join(COLUMNS)})"))
    return [_row(cells, header, source, line) for line, cells in rows if any(c.strip() for c in cells)]


def _row(cells: list[str], header: list[str], source: str, line: int) -> ReviewRow:
    if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
        raise InputError(located(source, line, f"row has {len(cells)} cells, the header {len(header)}"))
    if len(cells) < len(header):
        cells = cells + [""] * (len(header) - len(cells))
    cell = {name: unguard(value).strip() for name, value in zip(header, cells, strict=False)}
    decision = cell["decision"].lower()
    if decision not in DECISIONS:
        raise InputError(
            located(source, line, f"decision {cell['decision']!r} is not 'same', 'different' or empty")
        )
    if not cell["left"]:
        raise InputError(located(source, line, "row has no 'left' name"))
    if decision and not cell["entity_id"]:
        raise InputError(located(source, line, "a decided row needs its 'entity_id'"))
    return ReviewRow(
        left=cell["left"],
        entity_id=cell["entity_id"],
        right=cell.get("right", ""),
        score=_score(cell.get("score", ""), source, line),
        reasons=split_reasons(cell.get("reasons", "")),
        decision=decision,
        line=line,
    )


def _score(text: str, source: str, line: int) -> float:
    if not text:
        return 0.0
    try:
        return float(text)
    except ValueError:
        raise InputError(located(source, line, f"score {text!r} is not a number")) from None


def read_review(path: Path) -> list[ReviewRow]:
    """Read a review file from disk."""
    return parse_review(read_text(path), str(path))
