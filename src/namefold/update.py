"""Update the alias table from new names, and apply an analyst's review decisions to it.

A new name goes into the table only when the matcher is confident and only one entity fits:

- it joins one entity at the threshold (default 0.86), no other entity would take it were that
  one absent, and it joins no other entity at the review floor (`min_score`, default 0.75):
  it becomes an alias of that entity;
- it joins no entity even at the review floor: with the other new names of its cluster it
  becomes a new entity with a fresh id;
- otherwise (uncertain: an entity takes it only between the floor and the threshold;
  ambiguous: two entities fit) its whole cluster goes to the review file, one row per name and
  entity, and the table is left alone.

Names already in the table change nothing, so running the same batch twice is a no-op.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from namefold.aliases import AliasTable, parse_alias_table, read_table_text
from namefold.compare import DEFAULT_THRESHOLD, compare_names
from namefold.errors import InputError, NamefoldError, located, shown
from namefold.model import Entity, Resolution
from namefold.normalize import control_character, name_problem, parse_name, without_invisible
from namefold.pipeline import Track, keyed_once, resolve, silent
from namefold.readers import NameList
from namefold.review import ReviewRow, read_review, write_review
from namefold.rules import Rules, default_rules
from namefold.table import (
    TableDoc,
    add_entity,
    add_not_same_as,
    alphabetical,
    append_names,
    current_id,
    entity_ids,
    merge_entities,
    names_in,
    parse_table_doc,
    save_table,
)
from namefold.table_text import appended, parse_text_table
from namefold.writers import write_atomic

# Scores from here up to the threshold are "maybe": a name whose best entity scores in this band
# goes to review. 0.75 is about one name part off by compare.PART_MARGIN (0.1) below the
# threshold while the other parts agree; below it the matcher gives reasons that are real
# differences (another surname, another given name).
DEFAULT_MIN_SCORE = 0.75


@dataclass(frozen=True, slots=True)
class NewEntity:
    """A cluster of new names that fits no entity: it becomes an entity of its own."""

    canonical: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """What an update does: aliases to add per entity id, new entities, pairs to review."""

    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    entities: tuple[NewEntity, ...] = ()
    review: tuple[ReviewRow, ...] = ()
    known: int = 0  # distinct names already in the table


@dataclass(frozen=True, slots=True)
class Skipped:
    """A new name left out of the update: where it was read and why it is no name."""

    source: str
    line: int | None  # None for names given without lines (the library's callers)
    name: str
    why: str


@dataclass(frozen=True, slots=True)
class Batch:
    """New names as the table will hold them, and what screening them changed or left out."""

    names: tuple[str, ...] = ()
    cleaned: int = 0  # names read without their invisible marks
    skipped: tuple[Skipped, ...] = ()


def screen(lists: Iterable[NameList], rules: Rules | None = None) -> Batch:
    """Bidi marks, zero-width spaces and soft hyphens go (copy-paste leftovers, counted); a lone
    title or particle is skipped and listed (a real row, just no name); a control character is an
    error naming its line (the file is broken: a binary, or lines joined by a stray CR)."""
    rules = rules or default_rules()
    names: list[str] = []
    skipped: list[Skipped] = []
    cleaned = 0
    for listed in lists:
        for name, line in zip(listed.names, listed.lines or [None] * len(listed.names), strict=True):
            control = control_character(name)
            if control:
                message = f"name {shown(name)}: holds the control character {control}; is it plain text?"
                raise InputError(located(listed.source, line, message))
            clean = without_invisible(name)
            problem = name_problem(clean, rules)
            if problem:
                skipped.append(Skipped(listed.source, line, clean, problem))
            else:
                names.append(clean)
                cleaned += clean != name.strip()
    return Batch(tuple(names), cleaned, tuple(skipped))


def _entity_of(result: Resolution, ids: Mapping[str, Entity]) -> dict[str, str]:
    """Each input name whose cluster an alias-table entity named, with that entity's id."""
    return {m.name: c.id for c in result.clusters if c.id in ids for m in c.members}


def closest(name: str, entity: Entity, rules: Rules, threshold: float) -> ReviewRow:
    """A review row for a name and the entity name that scores best against it."""
    parsed = parse_name(name, rules)
    matches = [compare_names(parsed, parse_name(n, rules), rules, threshold) for n in entity.names]
    best = min(matches, key=lambda m: (-m.score, m.right))
    return ReviewRow(name, entity.id, best.right, round(best.score, 3), best.reasons)


def plan_update(
    table: AliasTable,
    names: Iterable[str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_score: float = DEFAULT_MIN_SCORE,
    rules: Rules | None = None,
    track: Track = silent,
) -> Plan:
    """Decide, for each new name, whether it is an alias, part of a new entity, or to review."""
    rules = rules or default_rules()
    ids = table.by_id()
    owner = {n: e.id for e in table.entities for n in e.names}
    distinct = sorted({n for n in map(without_invisible, names) if n})
    fresh = [n for n in distinct if n not in owner and not name_problem(n, rules)]  # as screen() does
    known = sum(1 for n in distinct if n in owner)
    if not fresh:
        return Plan(known=known)
    with keyed_once():  # the table's names are keyed and blocked once for the three resolves
        sure = resolve(fresh, aliases=table, rules=rules, threshold=threshold, track=track)
        floor = min(min_score, threshold)
        loose = _entity_of(resolve(fresh, aliases=table, rules=rules, threshold=floor, track=track), ids)
        taken = _entity_of(sure, ids)
        others = _second_fits(table, taken, rules, threshold, track)
    aliases: dict[str, list[str]] = defaultdict(list)
    entities: list[NewEntity] = []
    review: list[ReviewRow] = []
    for cluster in sure.clusters:
        members = [m.name for m in cluster.members]
        if cluster.id in ids:
            for name in members:
                fits = {cluster.id} | {x for x in (others.get(name), loose.get(name)) if x}
                if len(fits) == 1:
                    aliases[cluster.id].append(name)
                else:
                    review.extend(closest(name, ids[x], rules, threshold) for x in sorted(fits))
            continue
        # A near miss, or a name that fits several table entities (a bare Kadhimi): the analyst decides.
        fits_several = {x for n in members for x in sure.ambiguous.get(n, ()) if x in ids}
        near = sorted({loose[n] for n in members if n in loose} | fits_several)
        if near:
            review.extend(closest(n, ids[x], rules, threshold) for n in members for x in near)
        else:
            entities.append(NewEntity(cluster.canonical, tuple(members)))
    return Plan(
        {k: tuple(sorted(v, key=alphabetical)) for k, v in sorted(aliases.items())},
        tuple(sorted(entities, key=lambda e: (e.canonical, e.names))),
        tuple(sorted(review)),
        known,
    )


def _second_fits(
    table: AliasTable, taken: Mapping[str, str], rules: Rules, threshold: float, track: Track
) -> dict[str, str]:
    """The entity each taken name would join if the entity that took it were not in the table."""
    if not taken:
        return {}
    without = AliasTable(table.path, tuple(e for e in table.entities if e.id not in set(taken.values())))
    again = resolve(sorted(taken), aliases=without, rules=rules, threshold=threshold, track=track)
    return _entity_of(again, without.by_id())


def apply_plan(doc: TableDoc, plan: Plan) -> None:
    """Append the plan's aliases and new entities to the table."""
    for entity_id, names in plan.aliases.items():
        append_names(doc.entry(entity_id), "aliases", names)
    for entity in plan.entities:
        add_entity(doc, entity.canonical, entity.names)


# Review decisions


@dataclass(frozen=True, slots=True)
class Applied:
    """What applying a labelled review file did."""

    same: int = 0
    different: int = 0
    pending: int = 0
    # `different` rows of a new name whose other rows are undecided: applied once all are decided.
    deferred: tuple[ReviewRow, ...] = ()


def apply_labels(
    doc: TableDoc,
    rows: list[ReviewRow],
    source: str,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    rules: Rules | None = None,
) -> Applied:
    """Apply `same` (alias, or merge when the name has an entity) and `different` (not_same_as)."""
    rules = rules or default_rules()
    _check_labels(doc, rows, source)
    same = [r for r in rows if r.decision == "same"]
    different = [r for r in rows if r.decision == "different"]
    for row in sorted(same, key=lambda r: r.line):
        with _at(source, row):
            target = current_id(doc, row.entity_id)
            owner = names_in(doc).get(row.left)
            if owner is None:
                append_names(doc.entry(target), "aliases", [row.left])
            elif owner != target:
                merge_entities(doc, target, owner)
    placed = names_in(doc)
    undecided = {r.left for r in rows if not r.decision}
    deferred = tuple(r for r in different if r.left not in placed and r.left in undecided)
    different = [r for r in different if r not in deferred]
    _add_entities_for(doc, [r.left for r in different if r.left not in placed], rules, threshold)
    for row in sorted(different, key=lambda r: r.line):
        with _at(source, row):
            owner, target = names_in(doc)[row.left], current_id(doc, row.entity_id)
            if owner == target:
                raise NamefoldError(f"{row.left!r} is in {target!r}; it cannot be different from it")
            add_not_same_as(doc, owner, target)
    return Applied(len(same), len(different), len(rows) - len(same) - len(different), deferred)


@contextmanager
def _at(source: str, row: ReviewRow) -> Iterator[None]:
    """An edit that fails names the review row that asked for it."""
    try:
        yield
    except NamefoldError as exc:
        raise NamefoldError(located(source, row.line, str(exc))) from None


def _check_labels(doc: TableDoc, rows: list[ReviewRow], source: str) -> None:
    """Unknown ids and contradictory decisions are errors naming the line, before any edit."""
    known = set(entity_ids(doc))
    seen: dict[tuple[str, str], ReviewRow] = {}
    same_as: dict[str, ReviewRow] = {}
    for row in rows:
        if not row.decision:
            continue
        if row.entity_id not in known:
            raise NamefoldError(
                located(source, row.line, f"entity_id {row.entity_id!r} is not in {doc.path}")
            )
        earlier = seen.setdefault((row.left, row.entity_id), row)
        if earlier.decision != row.decision:
            raise NamefoldError(
                located(
                    source, row.line, f"{row.left!r} is marked {earlier.decision!r} at line {earlier.line}"
                )
            )
        if row.decision == "same":
            other = same_as.setdefault(row.left, row)
            if other.entity_id != row.entity_id:
                raise NamefoldError(
                    located(
                        source,
                        row.line,
                        f"{row.left!r} is marked same as {other.entity_id!r} at line {other.line} too",
                    )
                )


def _add_entities_for(doc: TableDoc, names: list[str], rules: Rules, threshold: float) -> None:
    """New names marked different from an entity become entities, grouped as the matcher groups them."""
    if not names:
        return
    for cluster in resolve(sorted(set(names)), rules=rules, threshold=threshold).clusters:
        add_entity(doc, cluster.canonical, [m.name for m in cluster.members])


def pending(
    previous: Iterable[ReviewRow],
    new: Iterable[ReviewRow],
    table: AliasTable,
    deferred: Iterable[ReviewRow] = (),
) -> list[ReviewRow]:
    """Rows still to review, for names not in the table: this run's, earlier undecided, deferred."""
    placed = {n for e in table.entities for n in e.names}
    ids = table.by_id()
    earlier = [r for r in previous if not r.decision] + list(deferred)
    rows = {(r.left, r.entity_id): r for r in earlier if r.left not in placed and r.entity_id in ids}
    rows.update({(r.left, r.entity_id): r for r in new})
    return sorted(rows.values())


# The whole run: labels first, then new names; the table is saved before the review file.


@dataclass(frozen=True, slots=True)
class Update:
    """One run of `namefold update`: what it did, the table before and after, and the rows to review."""

    plan: Plan
    applied: Applied
    review: tuple[ReviewRow, ...]
    old: str
    new: str


def review_path(table: Path, review: Path | None) -> Path:
    """The review file: the one given, or TABLE's name + .review.csv next to it."""
    return review or table.with_name(f"{table.stem}.review.csv")


def previous_review(path: Path, labels: Path | None) -> list[ReviewRow]:
    """Rows of an existing review file; decisions not applied in this run would be lost, so refuse."""
    if not path.is_file():
        return []
    rows = read_review(path)
    applied = labels is not None and labels.resolve() == path.resolve()
    decided = [r for r in rows if r.decision]
    if decided and not applied:
        raise InputError(
            located(path, decided[0].line, f"has decisions not applied yet; run with --labels {path} first")
        )
    return rows


def update_table(
    doc: TableDoc,
    names: Iterable[str],
    review: Path,
    labels: Path | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_score: float = DEFAULT_MIN_SCORE,
    track: Track = silent,
) -> Update:
    """Apply the labels, then add the new names; the document is edited, nothing is written."""
    previous = previous_review(review, labels)
    applied = Applied()
    if labels is not None:
        applied = apply_labels(doc, read_review(labels), str(labels), threshold=threshold)
    plan = plan_update(doc.current(), names, threshold=threshold, min_score=min_score, track=track)
    apply_plan(doc, plan)
    new = doc.dump()
    now = parse_alias_table(new, doc.path)  # read back as written: an edit never leaves a table unread
    rows = pending(previous, plan.review, now, applied.deferred)
    return Update(plan, applied, tuple(rows), doc.text, new)


def update_file(
    table: Path,
    names: Iterable[str],
    review: Path,
    labels: Path | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_score: float = DEFAULT_MIN_SCORE,
    track: Track = silent,
) -> Update:
    """update_table on a table file, by text edits when the table has the usual layout and no labels
    are applied: ruamel's round-trip load and dump take most of the run on a large table."""
    text, path = read_table_text(table), str(table)
    fast = parse_text_table(text, path) if labels is None else None
    if fast is None:
        doc = parse_table_doc(text, path)
        return update_table(doc, names, review, labels, threshold=threshold, min_score=min_score, track=track)
    previous = previous_review(review, labels)
    plan = plan_update(fast.table, names, threshold=threshold, min_score=min_score, track=track)
    new = appended(fast, plan.aliases, [(e.canonical, e.names) for e in plan.entities])
    if new is None:  # a name whose quoting only ruamel knows: the tree writes it
        doc = parse_table_doc(text, path)
        apply_plan(doc, plan)
        new = doc.dump()
    now = parse_alias_table(new, path)  # read back as written: an edit never leaves a table unread
    return Update(plan, Applied(), tuple(pending(previous, plan.review, now)), text, new)


def save_update(table: Path, review: Path, update: Update) -> None:
    """Save the table first: if that fails, the review file still holds the decisions to apply."""
    save_table(table, update.old, update.new)
    if update.review or review.exists():
        write_atomic(review, write_review(update.review))
