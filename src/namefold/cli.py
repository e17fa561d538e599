"""The `namefold` command: parse arguments, call the library, write; errors become one line."""

from __future__ import annotations

import csv
import difflib
import io
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from namefold import __version__
from namefold.aliases import AliasTable, read_alias_table, shipped_alias_table
from namefold.apply import APPLIERS, Lookup, record_format
from namefold.compare import DEFAULT_THRESHOLD, PRESETS, SWEEP
from namefold.engine import DaskEngine, Engine, LocalEngine, default_jobs
from namefold.errors import InputError, NamefoldError
from namefold.evaluate import (
    BASELINE_THRESHOLD,
    bcubed,
    by_type,
    false_merges,
    jaro_winkler_baseline,
    missed_pairs,
    pairwise,
)
from namefold.export import EXPORTERS
from namefold.extract import Extraction, Link, extract_documents
from namefold.model import Kind
from namefold.orgs import parse
from namefold.pipeline import Track, explain, resolve
from namefold.readers import (
    decode,
    input_format,
    parse_names,
    read_bytes,
    read_document,
    read_gold,
    read_names,
    read_predicted,
)
from namefold.resolution_file import read_resolution
from namefold.rules import default_rules
from namefold.synonyms import solr_synonyms
from namefold.table import TableDoc, check_table, merge_entities, read_table_doc, save_table, split_entity
from namefold.update import DEFAULT_MIN_SCORE, review_path, save_update, update_table
from namefold.writers import write_atomic

app = typer.Typer(
    help="Resolve transliteration variants of names (Kadhimi / Kazemi / al-Kazimi) into entities.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
)

PROGRESS_MIN = 5_000  # items below which a stage finishes too fast for a bar to help


class OutputFormat(str, Enum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    yaml = "yaml"


class EngineName(str, Enum):
    local = "local"
    dask = "dask"


class InputFormat(str, Enum):
    txt = "txt"
    csv = "csv"
    tsv = "tsv"
    jsonl = "jsonl"


@contextmanager
def _errors() -> Iterator[None]:
    """Bad input becomes `Error: ...` on stderr and exit code 1, never a traceback."""
    try:
        yield
    except NamefoldError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from None


def _progress(quiet: bool, minimum: int = PROGRESS_MIN) -> Track:
    if quiet or not sys.stderr.isatty():
        return lambda items, total, label: items
    console = Console(stderr=True)

    def track(items: Iterable[Any], total: int, label: str) -> Iterable[Any]:
        if total < minimum:
            yield from items
            return
        columns = (TextColumn(f"{label:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as progress:
            yield from progress.track(items, total=total)

    return track


@contextmanager
def _engine(name: EngineName, jobs: int, scheduler: str | None) -> Iterator[Engine]:
    if name is EngineName.local:
        yield LocalEngine(jobs)
        return
    engine = DaskEngine(scheduler, jobs)
    try:
        yield engine
    finally:
        engine.close()


def _alias_table(aliases: Path | None, no_aliases: bool) -> AliasTable | None:
    if no_aliases:
        return None
    return read_alias_table(aliases or shipped_alias_table())


def _read_inputs(
    inputs: list[Path], fmt: InputFormat | None, column: str, type_column: str | None = None
) -> tuple[list[str], int, dict[str, Kind]]:
    names: list[str] = []
    kinds: dict[str, Kind] = {}
    blank = 0
    known = default_rules().orgs.types
    for path in inputs:
        chosen = fmt.value if fmt else None
        if str(path) == "-":
            source = "<stdin>"
            text = decode(sys.stdin.buffer.read(), source)
            listed = parse_names(text, source, input_format(source, chosen), column, type_column, known)
        else:
            listed = read_names(path, chosen, column, type_column, known)
        names.extend(listed.names)
        blank += listed.blank
        for name, kind in listed.kinds.items():
            if kinds.setdefault(name, Kind(kind)) is not Kind(kind):
                other = kinds[name].value
                raise InputError(f"{listed.source}: {name!r} is given as {other} in another input")
    if not names:
        raise InputError(f"{', '.join(str(p) for p in inputs)}: no names found")
    return names, blank, kinds


def _write(text: str, output: Path | None) -> None:
    if output is None:  # UTF-8 whatever the terminal's encoding: names come in every script
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        write_atomic(output, text)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"namefold {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Resolve transliteration variants of names into entities."""


def _threshold(text: str | float) -> float:
    """A number in [0, 1] or a preset name."""
    if isinstance(text, float):
        return text
    if text in PRESETS:
        return PRESETS[text]
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise typer.BadParameter(f"{text!r} is neither a number from 0 to 1 nor one of {', '.join(PRESETS)}")
    return value


Threshold = Annotated[
    float,
    typer.Option(
        "--threshold",
        "-t",
        parser=_threshold,
        help="Score from which two names are the same: a number, or "
        + ", ".join(f"{name} ({value})" for name, value in PRESETS.items()),
    ),
]
AliasesOption = Annotated[
    Path | None, typer.Option("--aliases", "-a", help="Alias table (default: the one shipped with namefold).")
]
ColumnOption = Annotated[
    str, typer.Option("--column", "-c", help="Column (CSV/TSV) or key (JSONL) holding names.")
]
NoAliasesOption = Annotated[bool, typer.Option("--no-aliases", help="Use no alias table.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary on stderr.")]


@app.command("resolve")
def resolve_command(
    inputs: Annotated[
        list[Path], typer.Argument(help="Names files (.txt one a line, .csv, .tsv, .jsonl) or - for stdin.")
    ],
    column: ColumnOption = "name",
    type_column: Annotated[
        str | None,
        typer.Option(
            "--type-column",
            help="Column (CSV/TSV) or key (JSONL) saying what each name names: person or organisation"
            " (empty: told from the words).",
        ),
    ] = None,
    input_format_: Annotated[
        InputFormat | None,
        typer.Option("--input-format", help="Read inputs as this format, whatever their ending."),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.csv,
    output: OutputOption = None,
    aliases: AliasesOption = None,
    no_aliases: NoAliasesOption = False,
    threshold: Threshold = DEFAULT_THRESHOLD,
    quiet: QuietOption = False,
    text: Annotated[
        bool, typer.Option("--text", help="Inputs are documents: resolve the names mentioned in them.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            show_default=False,
            help="Worker processes (local engine) or LocalCluster workers (dask). [default: all cores]",
        ),
    ] = None,
    engine_name: Annotated[
        EngineName, typer.Option("--engine", help="Where the key and compare stages run.")
    ] = EngineName.local,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Address of a running Dask scheduler (with --engine dask)."),
    ] = None,
) -> None:
    """Group the spellings of each person or organisation and write the clusters."""
    if scheduler and engine_name is not EngineName.dask:
        raise typer.BadParameter("needs --engine dask", param_hint="--scheduler")
    with _errors():
        table = _alias_table(aliases, no_aliases)
        links: tuple[Link, ...] = ()
        kinds: dict[str, Kind] = {}
        if text:
            found = _extract(inputs, table, quiet)
            names, blank, links = [m.name for m in found.mentions], 0, found.links
        else:
            names, blank, kinds = _read_inputs(inputs, input_format_, column, type_column)
        with _engine(engine_name, jobs or default_jobs(), scheduler) as engine:
            result = resolve(
                names,
                aliases=table,
                threshold=threshold,
                track=_progress(quiet),
                links=_triples(links),
                engine=engine,
                kinds=kinds,
            )
        _write(EXPORTERS[output_format.value](result), output)
        if not quiet:
            s = result.stats
            skipped = f", {blank} blank rows skipped" if blank else ""
            if s["crowded_names"]:
                skipped += (
                    f", {s['crowded_names']} bare names not compared with the many fuller names they fit"
                )
            if s["split_blocks"]:
                skipped += f", {s['split_blocks']} large blocks compared by whole fathers' names only"
            if s["ambiguous"]:
                skipped += f", {s['ambiguous']} names left alone because they fit several people"
            typer.echo(
                f"namefold: {s['names']} names ({s['distinct']} distinct) -> {s['clusters']} clusters"
                f", {s['pairs']} pairs compared{skipped}",
                err=True,
            )


@app.command("explain")
def explain_command(
    left: Annotated[str, typer.Argument(help="A name as written.")],
    right: Annotated[str, typer.Argument(help="Another name as written.")],
    threshold: Threshold = DEFAULT_THRESHOLD,
    kind: Annotated[
        Kind | None,
        typer.Option("--type", help="What both names name (default: told from their words)."),
    ] = None,
) -> None:
    """Say whether two names are the same, with the score and the reasons."""
    with _errors():
        for name in (left, right):
            if not parse(name, default_rules(), kind).elements:
                raise InputError(f"{name!r}: no letters to compare")
    match = explain(left, right, threshold=threshold, kind=kind)
    verdict = "same" if match.same else "different"
    typer.echo(f"{verdict} (score {match.score:.3f}, threshold {threshold:.2f})")
    for reason in match.reasons or ("identical",):
        typer.echo(f"  {reason}")


@app.command("evaluate")
def evaluate_command(
    gold: Annotated[Path, typer.Argument(help="Gold clusters: TSV name<TAB>cluster_id, or YAML entities.")],
    predicted: Annotated[
        Path | None,
        typer.Option(
            "--predicted", "-p", help="A resolve output (CSV or JSON); default: resolve the gold's names now."
        ),
    ] = None,
    aliases: Annotated[
        Path | None, typer.Option("--aliases", "-a", help="Alias table to resolve with (default: none).")
    ] = None,
    threshold: Threshold = DEFAULT_THRESHOLD,
    exclude_aliases: Annotated[
        bool,
        typer.Option("--exclude-aliases", help="Leave out names the gold marks as aliases, not spellings."),
    ] = False,
    show: Annotated[
        int, typer.Option("--show", min=0, help="How many false merges and missed pairs to list.")
    ] = 10,
    baseline: Annotated[
        bool,
        typer.Option(
            "--baseline", help="Also score plain Jaro-Winkler matching (all pairs; slow on big sets)."
        ),
    ] = False,
    sweep: Annotated[
        bool, typer.Option("--sweep", help=f"Score every threshold from {SWEEP[0]} to {SWEEP[-1]} instead.")
    ] = False,
    only: Annotated[
        str | None,
        typer.Option("--type", help="List the mistakes of this type only (gold column type)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Score a clustering against a gold file: pairwise and B-cubed precision, recall, F1, and by
    type where the gold has a 'type' column."""
    with _errors():
        reference = read_gold(gold)
        truth = {
            n: c for n, c in reference.clusters.items() if not (exclude_aliases and n in reference.aliases)
        }
        if not truth:
            raise InputError(f"{gold}: no names left to score once aliases are excluded")
        kinds = sorted(set(reference.types.values()))
        if only is not None and only not in kinds:
            raise InputError(f"{gold}: no names of type {only!r} (types: {', '.join(kinds) or 'none'})")
        if sweep and predicted is not None:
            raise InputError("--sweep resolves the gold's names itself: leave out --predicted")
        table = read_alias_table(aliases) if aliases else None
        if sweep:
            _sweep(gold, truth, table, quiet, _gold_kinds(reference.types))
            return
        if predicted is not None:
            clusters = read_predicted(predicted)
        else:
            kinds = _gold_kinds(reference.types)
            clusters = resolve(sorted(truth), aliases=table, threshold=threshold, kinds=kinds).cluster_of()
    typer.echo(f"{gold}: {len(truth)} names, {len(set(truth.values()))} gold clusters")
    _echo_scores(clusters, truth)
    parts = by_type(truth, reference.types)
    for kind, part in parts.items():
        typer.echo(f"{kind}: {len(part)} names, {len(set(part.values()))} gold clusters")
        _echo_scores(clusters, part, indent="  ")
    if only is not None:
        truth = parts[only]
    if baseline:
        plain = jaro_winkler_baseline(truth)
        p, b = pairwise(plain, truth), bcubed(plain, truth)
        typer.echo(f"Jaro-Winkler >= {BASELINE_THRESHOLD} for comparison:")
        typer.echo(f"pairwise  P {p.precision:.3f}  R {p.recall:.3f}  F1 {p.f1:.3f}")
        typer.echo(f"B-cubed   P {b.precision:.3f}  R {b.recall:.3f}  F1 {b.f1:.3f}")
    kinds = _gold_kinds(reference.types)
    _show_pairs("false merges (most confident first)", false_merges(clusters, truth), show, threshold, kinds)
    _show_pairs("missed pairs (closest first)", missed_pairs(clusters, truth), show, threshold, kinds)


def _echo_scores(clusters: dict[str, str], truth: dict[str, str], indent: str = "") -> None:
    p, b = pairwise(clusters, truth), bcubed(clusters, truth)
    typer.echo(f"{indent}pairwise  P {p.precision:.3f}  R {p.recall:.3f}  F1 {p.f1:.3f}")
    typer.echo(f"{indent}B-cubed   P {b.precision:.3f}  R {b.recall:.3f}  F1 {b.f1:.3f}")


def _pair_kind(kinds: dict[str, Kind], a: str, b: str) -> Kind | None:
    """The kind two names share, if the input says so; else explain tells it from their words."""
    return kinds.get(a) if kinds.get(a) is kinds.get(b) else None


def _gold_kinds(types: dict[str, str]) -> dict[str, Kind]:
    """The kinds of a gold's names, where its type column names one namefold knows (not 'vessel')."""
    known = default_rules().orgs.types
    found = {name: known.get(" ".join(value.casefold().split())) for name, value in types.items()}
    return {name: Kind(kind) for name, kind in found.items() if kind}


def _sweep(
    gold: Path, truth: dict[str, str], table: AliasTable | None, quiet: bool, kinds: dict[str, Kind]
) -> None:
    """One line of scores per threshold: the precision / recall trade-off at a glance."""
    typer.echo(f"{gold}: {len(truth)} names, {len(set(truth.values()))} gold clusters")
    typer.echo("threshold  pairwise P     R    F1  B-cubed F1")
    names = sorted(truth)
    for threshold in _progress(quiet, minimum=1)(SWEEP, len(SWEEP), "thresholds"):
        clusters = resolve(names, aliases=table, threshold=threshold, kinds=kinds).cluster_of()
        p, b = pairwise(clusters, truth), bcubed(clusters, truth)
        preset = next((f"  ({k})" for k, v in PRESETS.items() if v == threshold), "")
        typer.echo(f"{threshold:9.2f}  {p.precision:10.3f} {p.recall:5.3f} {p.f1:5.3f}  {b.f1:10.3f}{preset}")


def _show_pairs(
    title: str, pairs: Iterable[tuple[str, str]], show: int, threshold: float, kinds: dict[str, Kind]
) -> None:
    if not show:
        return
    scored = sorted(
        (explain(a, b, threshold=threshold, kind=_pair_kind(kinds, a, b)) for a, b in pairs),
        key=lambda m: (-m.score, m.left, m.right),
    )
    typer.echo(f"{title}: {len(scored)}")
    for m in scored[:show]:
        typer.echo(f"  {m.score:.3f}  {m.left} | {m.right}  ({'; '.join(m.reasons) or 'identical'})")


# --- export and apply: from a resolution to search engines and analysts ------------------------


class ExportFormat(str, Enum):
    solr = "solr"
    graphml = "graphml"
    gexf = "gexf"
    html = "html"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    yaml = "yaml"


class RecordFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"


ResolutionArgument = Annotated[
    Path, typer.Argument(help="A resolution (namefold resolve --format json) or an alias table (.yaml).")
]


@app.command("export")
def export_command(
    resolution: ResolutionArgument,
    output_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")],
    output: OutputOption = None,
    mapping: Annotated[
        bool, typer.Option("--mapping", help="solr: write 'a, b => canonical' instead of 'a, b, c'.")
    ] = False,
    keep_case: Annotated[
        bool, typer.Option("--keep-case", help="solr: keep upper case (diacritics are still removed).")
    ] = False,
) -> None:
    """Write a resolution as Solr synonyms, a GraphML or GEXF graph, or an HTML report."""
    with _errors():
        if (mapping or keep_case) and output_format is not ExportFormat.solr:
            option = "--mapping" if mapping else "--keep-case"
            raise InputError(f"{option} applies only to --format solr")
        result = read_resolution(resolution)
        shared: tuple[str, ...] = ()
        if output_format is ExportFormat.solr:
            text, shared = solr_synonyms(result, mapping=mapping, keep_case=keep_case)
        else:
            try:
                text = EXPORTERS[output_format.value](result)
            except NamefoldError as exc:  # a value the format cannot carry: say which file holds it
                raise NamefoldError(f"{resolution}: {exc}") from None
        _write(text, output)
    if shared:
        verb = (
            "belong to more than one entity and are"
            if len(shared) > 1
            else "belongs to more than one entity and is"
        )
        shown = ", ".join(shared[:5]) + (", ..." if len(shared) > 5 else "")
        typer.echo(
            f"namefold: {len(shared)} spelling{'s' * (len(shared) > 1)} {verb} left out: {shown}", err=True
        )


@app.command("apply")
def apply_command(
    records: Annotated[Path, typer.Argument(help="Records to rewrite: .csv, .jsonl, or - for stdin.")],
    resolution: Annotated[
        Path,
        typer.Option(
            "--resolution",
            "-r",
            help="A resolution (namefold resolve --format json) or an alias table (.yaml).",
        ),
    ],
    fields: Annotated[
        list[str] | None, typer.Option("--field", "-F", help="A column or key holding names (repeatable).")
    ] = None,
    text_fields: Annotated[
        list[str] | None,
        typer.Option(
            "--text-field", "-T", help="A column or key holding free text: list the entities it names."
        ),
    ] = None,
    record_format_: Annotated[
        RecordFormat | None,
        typer.Option("--format", "-f", help="Records format, read and written (default: from the ending)."),
    ] = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
) -> None:
    """Add F_canonical and F_entity_id next to each name field F of CSV or JSONL records."""
    with _errors():
        if not fields and not text_fields:
            raise InputError("give --field for names or --text-field for free text")
        source = "<stdin>" if str(records) == "-" else str(records)
        fmt = record_format(source, record_format_.value if record_format_ else None)
        lookup = Lookup.of(read_resolution(resolution))
        data = sys.stdin.buffer.read() if source == "<stdin>" else read_bytes(records)
        text = APPLIERS[fmt](
            decode(data, source),
            source,
            list(dict.fromkeys(fields or [])),
            lookup,
            _progress(quiet),
            text_fields=list(dict.fromkeys(text_fields or [])),
        )
        _write(text, output)
    if not quiet:
        t = lookup.tally
        typer.echo(
            f"namefold: {t.records} records, {t.names} names: {t.exact} found as written, "
            f"{t.by_spelling} by normalised spelling, {t.missing} not in the resolution",
            err=True,
        )


# Editing the alias table: update, check, merge, split. The table is written whole or not at all,
# and the previous version is kept as TABLE.bak.

TableArgument = Annotated[Path, typer.Argument(help="The alias table (YAML) to edit.")]
DryRun = Annotated[
    bool, typer.Option("--dry-run", "-n", help="Print a unified diff of the change and write nothing.")
]
MinScore = Annotated[
    float,
    typer.Option("--min-score", min=0.0, max=1.0, help="Scores from here up to the threshold go to review."),
]


def _save(path: Path, old: str, new: str, dry_run: bool) -> None:
    """Show the change (dry run) or write it with a .bak of the previous table."""
    if dry_run:
        diff = difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), str(path), f"{path} (updated)"
        )
        _write("".join(diff), None)
    else:
        save_table(path, old, new)


@app.command("update")
def update_command(
    table: TableArgument,
    inputs: Annotated[
        list[Path] | None, typer.Argument(help="New names files (.txt one a line, .csv, .tsv, .jsonl).")
    ] = None,
    review: Annotated[
        Path | None,
        typer.Option("--review", "-r", help="Review CSV to write (default: TABLE's name + .review.csv)."),
    ] = None,
    labels: Annotated[
        Path | None, typer.Option("--labels", "-l", help="A labelled review CSV to apply first.")
    ] = None,
    dry_run: DryRun = False,
    min_score: MinScore = DEFAULT_MIN_SCORE,
    threshold: Threshold = DEFAULT_THRESHOLD,
    column: ColumnOption = "name",
) -> None:
    """Add new names to the alias table: aliases, new entities, and a review file for the unsure."""
    with _errors():
        if not inputs and labels is None:
            raise InputError("give names files to add, or --labels REVIEWED.csv to apply")
        doc = read_table_doc(table)
        names = _read_inputs(inputs, None, column)[0] if inputs else []
        path = review_path(table, review)
        done = update_table(doc, names, path, labels, threshold=threshold, min_score=min_score)
        if dry_run:
            _save(table, done.old, done.new, dry_run)
        else:
            save_update(table, path, done)
    plan, applied = done.plan, done.applied
    added = sum(len(v) for v in plan.aliases.values())
    waiting = (
        f", {len(applied.deferred)} 'different' decisions wait for the other rows of their name"
        if applied.deferred
        else ""
    )
    typer.echo(
        f"namefold: {applied.same} same and {applied.different} different decisions applied{waiting}, "
        f"{len(names)} names ({plan.known} already in the table): {added} aliases added to "
        f"{len(plan.aliases)} entities, {len(plan.entities)} new entities, "
        f"{len({r.left for r in done.review})} names to review in {path}"
        + (" (dry run: nothing written)" if dry_run else ""),
        err=True,
    )


@app.command("check")
def check_command(
    table: Annotated[Path, typer.Argument(help="The alias table (YAML) to lint.")],
    min_score: MinScore = DEFAULT_MIN_SCORE,
) -> None:
    """Lint the alias table: errors (exit 1) and warnings (exit 0), each with its line."""
    with _errors():
        problems = check_table(table, min_score=min_score)
    for problem in problems:
        typer.echo(f"{problem.level}: {problem.message}")
    errors = sum(1 for p in problems if p.level == "error")
    typer.echo(f"{table}: {errors} errors, {len(problems) - errors} warnings", err=True)
    if errors:
        raise typer.Exit(1)


@app.command("merge")
def merge_command(
    table: TableArgument,
    keep: Annotated[str, typer.Argument(help="Id of the entity that stays.")],
    absorb: Annotated[str, typer.Argument(help="Id of the entity folded into it (kept as a former id).")],
    dry_run: DryRun = False,
) -> None:
    """Merge two entities: the second's names become aliases of the first."""
    with _errors():
        doc = read_table_doc(table)
        merge_entities(doc, keep, absorb)
        _save(table, doc.text, _validated(doc), dry_run)


@app.command("split")
def split_command(
    table: TableArgument,
    entity_id: Annotated[str, typer.Argument(help="Id of the entity to split.")],
    names: Annotated[
        list[str], typer.Argument(help="Aliases to move to a new entity (the first is its canonical).")
    ],
    dry_run: DryRun = False,
) -> None:
    """Move aliases of an entity into a new entity, marked not_same_as the old one."""
    with _errors():
        doc = read_table_doc(table)
        new_id = split_entity(doc, entity_id, names)
        _save(table, doc.text, _validated(doc), dry_run)
    if dry_run:
        typer.echo(f"namefold: would make new entity {new_id} (dry run: nothing written)", err=True)
    else:
        typer.echo(f"namefold: new entity {new_id}", err=True)


def _validated(doc: TableDoc) -> str:
    doc.table()
    return doc.dump()


# --- names in running text ----------------------------------------------------------------------

DOCUMENTS_PROGRESS_MIN = 50  # documents below which extraction is quick enough without a bar


class MentionFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"


MENTION_FIELDS = ("doc", "start", "end", "surface", "name", "type", "cluster_id", "refers_to")


def _triples(links: Iterable[Link]) -> list[tuple[str, str, str]]:
    """The text's links as resolve() takes them."""
    return [(k.left, k.right, k.reason) for k in links]


def _extract(inputs: list[Path], table: AliasTable | None, quiet: bool) -> Extraction:
    """Read every document (sorted by path, so input order does not matter) and extract from all."""
    paths = sorted(set(inputs), key=str)
    if any(str(p) == "-" for p in paths):
        raise InputError("-: documents are read from files, not stdin")
    track = _progress(quiet, minimum=DOCUMENTS_PROGRESS_MIN)
    documents = {str(p): read_document(p) for p in track(paths, len(paths), "read")}
    known = {name: e.type for e in table.entities for name in e.names} if table else {}
    found = extract_documents(documents, known=known)
    if not found.mentions:
        raise InputError(f"{', '.join(str(p) for p in paths)}: no names found")
    return found


@app.command("extract")
def extract_command(
    documents: Annotated[list[Path], typer.Argument(help="Text documents (UTF-8).")],
    output_format: Annotated[
        MentionFormat, typer.Option("--format", "-f", help="Output format.")
    ] = MentionFormat.csv,
    output: OutputOption = None,
    aliases: AliasesOption = None,
    no_aliases: NoAliasesOption = False,
    threshold: Threshold = DEFAULT_THRESHOLD,
    quiet: QuietOption = False,
) -> None:
    """List the people and organisations named in documents, with offsets and clusters."""
    with _errors():
        table = _alias_table(aliases, no_aliases)
        found = _extract(documents, table, quiet)
        result = resolve(
            [m.name for m in found.mentions],
            aliases=table,
            threshold=threshold,
            track=_progress(quiet),
            links=_triples(found.links),
        )
        cluster_of = result.cluster_of()
        rows = [
            {
                **{f: getattr(m, f) for f in MENTION_FIELDS if f != "cluster_id"},
                "cluster_id": cluster_of[m.name],
            }
            for m in found.mentions
        ]
        _write(_mention_rows(rows, output_format), output)
    if not quiet:
        typer.echo(
            f"namefold: {len({m.doc for m in found.mentions})} documents, {len(rows)} mentions, "
            f"{len({r['cluster_id'] for r in rows})} entities",
            err=True,
        )


def _mention_rows(rows: list[dict[str, Any]], fmt: MentionFormat) -> str:
    """CSV with a header, or one JSON object a line, fields in MENTION_FIELDS order."""
    if fmt is MentionFormat.jsonl:
        return "".join(json.dumps({f: r[f] for f in MENTION_FIELDS}, ensure_ascii=False) + "\n" for r in rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(MENTION_FIELDS)
    writer.writerows([r[f] for f in MENTION_FIELDS] for r in rows)
    return buffer.getvalue()


if __name__ == "__main__":
    app()
