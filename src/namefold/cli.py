"""The `namefold` command: parse arguments, call the library, write; errors become one line."""

from __future__ import annotations

import difflib
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
from namefold.errors import InputError, NamefoldError, located, one_line, shown
from namefold.evaluate import (
    BASELINE_THRESHOLD,
    bcubed,
    by_type,
    false_merges,
    jaro_winkler_baseline,
    missed_pairs,
    pairwise,
    score_text,
)
from namefold.export import EXPORTERS, to_csv
from namefold.extract import Extraction, Link, extract_documents, mention_kinds
from namefold.model import Kind, Match, Mention, Resolution
from namefold.orgs import parse
from namefold.pipeline import Track, explain, resolve
from namefold.readers import (
    NameList,
    input_format,
    names_of,
    read_document,
    read_gold,
    read_lines,
    read_names,
    read_predicted,
    read_stream,
    read_text,
    read_text_gold,
)
from namefold.resolution_file import read_resolution
from namefold.rules import default_rules
from namefold.synonyms import solr_synonyms
from namefold.table import TableDoc, check_table, merge_entities, read_table_doc, save_table, split_entity
from namefold.update import DEFAULT_MIN_SCORE, Batch, review_path, save_update, screen, update_file
from namefold.words import KERNEL
from namefold.writers import LOCK_TIMEOUT, csv_text, locked, refuse_same_file, write_atomic

app = typer.Typer(
    help="Resolve transliteration variants of names (Kadhimi / Kazemi / al-Kazimi) into entities.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
)

PROGRESS_MIN = 5_000  # items below which a stage finishes too fast for a bar to help
STDIN = "<stdin>"  # how standard input is named in every message


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
        typer.echo(f"Error: {one_line(str(exc))}", err=True)
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


def _table_note(table: AliasTable | None, aliases: Path | None, result: Resolution) -> str:
    """What the alias table decided, for the summary: the shipped one applies unless turned off."""
    if table is None:
        return ""
    ids = {e.id for e in table.entities}
    decided = sum(len(c.members) for c in result.clusters if c.id in ids)
    if aliases is not None:
        return f" (alias table {aliases} decided {decided} names)"
    return f" (shipped alias table data/aliases.yaml decided {decided} names; --no-aliases to turn it off)"


def _read_inputs(
    inputs: list[Path], fmt: InputFormat | None, column: str, type_column: str | None = None
) -> tuple[list[str], int, dict[str, Kind]]:
    """The names of all inputs, the blank entries skipped, and the kind of each name given one."""
    lists = _read_lists(inputs, fmt, column, type_column)
    kinds: dict[str, Kind] = {}
    for listed in lists:
        for name, kind in listed.kinds.items():
            if kinds.setdefault(name, Kind(kind)) is not Kind(kind):
                other = kinds[name].value
                raise InputError(f"{listed.source}: {shown(name)} is given as {other} in another input")
    return [n for listed in lists for n in listed.names], sum(listed.blank for listed in lists), kinds


def _read_lists(
    inputs: list[Path], fmt: InputFormat | None, column: str, type_column: str | None = None
) -> list[NameList]:
    """The names of each input, with their lines; no name in any of them is an error."""
    lists: list[NameList] = []
    known = default_rules().orgs.types
    for path in inputs:
        chosen = fmt.value if fmt else None
        if str(path) == "-":
            lines = read_lines(sys.stdin.buffer, STDIN)
            listed = names_of(lines, STDIN, input_format(STDIN, chosen), column, type_column, known)
        else:
            listed = read_names(path, chosen, column, type_column, known)
        lists.append(listed)
    if not any(listed.names for listed in lists):
        raise InputError(f"{', '.join(str(p) for p in inputs)}: no names found")
    return lists


def _exported(result: Resolution, fmt: str, raw_cells: bool) -> str:
    """The resolution in a format; CSV cells guarded against formulas unless --raw-cells."""
    return to_csv(result, raw=raw_cells) if fmt == "csv" else EXPORTERS[fmt](result)


def _write(text: str, output: Path | None) -> None:
    if output is None:  # UTF-8 whatever the terminal's encoding: names come in every script
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        write_atomic(output, text)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"namefold {__version__} ({KERNEL} matcher)")  # which one was built shows in bug reports
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
RawCellsOption = Annotated[
    bool,
    typer.Option(
        "--raw-cells",
        help="CSV: write cells as they are; by default a cell starting with = + - @ (a spreadsheet "
        "formula) gets a leading apostrophe.",
    ),
]


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
    raw_cells: RawCellsOption = False,
) -> None:
    """Group the spellings of each person or organisation and write the clusters."""
    if scheduler and engine_name is not EngineName.dask:
        raise typer.BadParameter("needs --engine dask", param_hint="--scheduler")
    with _errors():
        refuse_same_file(output, [*inputs, *([aliases] if aliases else [])])
        table = _alias_table(aliases, no_aliases)
        links: tuple[Link, ...] = ()
        kinds: dict[str, Kind] = {}
        if text:
            found = _extract(inputs, table, quiet)
            names, blank, links = [m.name for m in found.mentions], 0, found.links
            kinds = mention_kinds(found.mentions)
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
        _write(_exported(result, output_format.value, raw_cells), output)
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
                f", {s['pairs']} pairs compared{skipped}{_table_note(table, aliases, result)}",
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
    if match.same and _needs_rare_parts(match):
        need = default_rules().rarity["min_partial_bits"]
        typer.echo(
            f"  note: resolve joins such a pair only where the parts it shares carry at least {need:g} bits"
            " in its own input: a list in which they are common keeps these names apart"
        )


def _needs_rare_parts(match: Match) -> bool:
    """Does the verdict rest on rare parts (one name gives part of the other, an initial, another order)?"""
    return match.partial or any(
        r.endswith(" as an initial") or r == "parts in another order" for r in match.reasons
    )


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
    texts: Annotated[
        Path | None,
        typer.Option(
            "--texts",
            help="Directory of the gold's documents: extract names from them and score the extraction too.",
        ),
    ] = None,
) -> None:
    """Score a clustering against a gold file: pairwise and B-cubed precision, recall, F1, and by
    type where the gold has a 'type' column."""
    if texts is not None:
        _evaluate_texts(gold, texts, aliases, threshold, show, quiet, (predicted, baseline, sweep))
        return
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


def _evaluate_texts(
    gold: Path,
    texts: Path,
    aliases: Path | None,
    threshold: float,
    show: int,
    quiet: bool,
    unused: tuple[Path | None, bool, bool],
) -> None:
    """Extract from the gold's documents as `extract` does, and score names found and grouped."""
    with _errors():
        if unused != (None, False, False):
            raise InputError(
                "--texts extracts and resolves itself: leave out --predicted, --baseline and --sweep"
            )
        reference = read_text_gold(gold)
        if not texts.is_dir():
            raise InputError(f"{texts}: not a directory")
        table = read_alias_table(aliases) if aliases else None
        paths = {doc: texts / doc for doc in reference.documents}
        found = _extract(sorted(paths.values()), table, quiet)
        cluster_of = resolve(
            [m.name for m in found.mentions],
            aliases=table,
            threshold=threshold,
            links=_triples(found.links),
            kinds=mention_kinds(found.mentions),
        ).cluster_of()
    doc_of = {str(path): doc for doc, path in paths.items()}
    predicted = {(doc_of[m.doc], m.name): _mention_cluster(m, cluster_of) for m in found.mentions}
    s = score_text(
        reference.mentions, predicted, aliases=reference.aliases, must_not_merge=reference.must_not_merge
    )
    e, a = s.extraction, s.without_aliases
    typer.echo(
        f"{gold} with {texts}: {len(paths)} documents, {s.gold} gold (document, form) rows, "
        f"{len({eid for _, _, eid in reference.mentions})} entities"
    )
    typer.echo(f"extraction  P {e.precision:.3f}  R {e.recall:.3f}  F1 {e.f1:.3f}  ", nl=False)
    typer.echo(f"({s.found} of {s.gold} found; {s.predicted} found in all)")
    typer.echo(f"  without aliases  P {a.precision:.3f}  R {a.recall:.3f}  F1 {a.f1:.3f}")
    p, b = s.pairwise, s.bcubed
    typer.echo(f"clustering of the {s.found} found:")
    typer.echo(f"pairwise  P {p.precision:.3f}  R {p.recall:.3f}  F1 {p.f1:.3f}")
    typer.echo(f"B-cubed   P {b.precision:.3f}  R {b.recall:.3f}  F1 {b.f1:.3f}")
    typer.echo(f"must-not-merge pairs merged: {len(s.merged)}")
    for left, right in s.merged:
        typer.echo(f"  {left} | {right}")
    _show_rows("misses (gold, not found)", [f"{d}  {f}  ({e})" for d, f, e in s.misses], show)
    _show_rows("fragments (found, not in the gold)", [f"{d}  {n}" for d, n in s.fragments], show)


def _show_rows(title: str, rows: list[str], show: int) -> None:
    typer.echo(f"{title}: {len(rows)}")
    for row in rows[:show]:
        typer.echo(f"  {row}")


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
    raw_cells: RawCellsOption = False,
) -> None:
    """Write a resolution as Solr synonyms, a GraphML or GEXF graph, or an HTML report."""
    with _errors():
        refuse_same_file(output, [resolution])
        if (mapping or keep_case) and output_format is not ExportFormat.solr:
            option = "--mapping" if mapping else "--keep-case"
            raise InputError(f"{option} applies only to --format solr")
        result = read_resolution(resolution)
        shared: tuple[str, ...] = ()
        if output_format is ExportFormat.solr:
            text, shared = solr_synonyms(result, mapping=mapping, keep_case=keep_case)
        else:
            try:
                text = _exported(result, output_format.value, raw_cells)
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
    raw_cells: RawCellsOption = False,
) -> None:
    """Add F_canonical and F_entity_id next to each name field F of CSV or JSONL records."""
    with _errors():
        if not fields and not text_fields:
            raise InputError("give --field for names or --text-field for free text")
        source = STDIN if str(records) == "-" else str(records)
        refuse_same_file(output, [resolution, *([] if source == STDIN else [records])])
        fmt = record_format(source, record_format_.value if record_format_ else None)
        lookup = Lookup.of(read_resolution(resolution))
        text = read_stream(sys.stdin.buffer, STDIN) if source == STDIN else read_text(records)
        text = APPLIERS[fmt](
            text,
            source,
            list(dict.fromkeys(fields or [])),
            lookup,
            _progress(quiet),
            text_fields=list(dict.fromkeys(text_fields or [])),
            raw=raw_cells,
        )
        _write(text, output)
    if not quiet:
        t = lookup.tally
        wanted = " or ".join(repr(f) for f in [*(fields or []), *(text_fields or [])])
        without = (
            f", {t.without_field} records without {wanted} kept unchanged (first at line {t.first_without})"
            if t.without_field
            else ""
        )
        typer.echo(
            f"namefold: {t.records} records, {t.names} names: {t.exact} found as written, "
            f"{t.by_spelling} by normalised spelling, {t.missing} not in the resolution{without}",
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
WaitOption = Annotated[
    float,
    typer.Option(
        "--wait",
        min=0.0,
        help="Seconds to wait for another namefold editing the same table before giving up.",
    ),
]


@contextmanager
def _editing(table: Path, dry_run: bool, wait: float) -> Iterator[None]:
    """Hold the table's lock from the read to the rename, so no concurrent edit is lost."""
    if not table.exists():
        raise InputError(f"{table}: no such file")
    if not table.is_file():  # a pipe or device cannot be renamed over, nor backed up
        raise InputError(f"{table}: not a regular file; an alias table to edit must be one")
    if dry_run:  # reads only; a rename is atomic, so it sees the old table or the new one
        yield
        return

    def waiting(lock: Path) -> None:
        typer.echo(f"namefold: {table} is being edited by another namefold; waiting (lock {lock})", err=True)

    with locked(table, wait, waiting):
        yield


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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
    wait: WaitOption = LOCK_TIMEOUT,
) -> None:
    """Add new names to the alias table: aliases, new entities, and a review file for the unsure."""
    with _errors():
        if not inputs and labels is None:
            raise InputError("give names files to add, or --labels REVIEWED.csv to apply")
        path = review_path(table, review)
        refuse_same_file(path, [table, *(inputs or [])])
        batch = screen(_read_lists(inputs, None, column)) if inputs else Batch()
        with _editing(table, dry_run, wait):
            track = _progress(quiet)
            done = update_file(
                table, batch.names, path, labels, threshold=threshold, min_score=min_score, track=track
            )
            if dry_run:
                _save(table, done.old, done.new, dry_run)
            else:
                save_update(table, path, done)
    for skipped in batch.skipped:
        where = located(skipped.source, skipped.line, f"skipped {shown(skipped.name)}: {skipped.why}")
        typer.echo(f"namefold: {where}", err=True)
    if quiet:
        return
    plan, applied = done.plan, done.applied
    added = sum(len(v) for v in plan.aliases.values())
    waiting = (
        f", {len(applied.deferred)} 'different' decisions wait for the other rows of their name"
        if applied.deferred
        else ""
    )
    typer.echo(
        f"namefold: {applied.same} same and {applied.different} different decisions applied{waiting}, "
        f"{len(batch.names) + len(batch.skipped)} names ({plan.known} already in the table"
        + (f", {len(batch.skipped)} skipped as no names" if batch.skipped else "")
        + (f", {batch.cleaned} read without invisible marks" if batch.cleaned else "")
        + f"): {added} aliases added to "
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
    wait: WaitOption = LOCK_TIMEOUT,
) -> None:
    """Merge two entities: the second's names become aliases of the first."""
    with _errors(), _editing(table, dry_run, wait):
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
    wait: WaitOption = LOCK_TIMEOUT,
) -> None:
    """Move aliases of an entity into a new entity, marked not_same_as the old one."""
    with _errors(), _editing(table, dry_run, wait):
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


def _mention_cluster(mention: Mention, cluster_of: dict[str, str]) -> str:
    """A mention's entity: that of the fuller name it stands for in its document, else its own name's.

    "Al Shara" in one article is the son, "Al-Shara" in another the father: the names read alike,
    the documents tell them apart.
    """
    return cluster_of.get(mention.refers_to) or cluster_of[mention.name]


def _triples(links: Iterable[Link]) -> list[tuple[str, str, str]]:
    """The text's links as resolve() takes them."""
    return [(k.left, k.right, k.reason) for k in links]


def _extract(inputs: list[Path], table: AliasTable | None, quiet: bool) -> Extraction:
    """Read every document (sorted by path, so input order does not matter) and extract from all."""
    paths = sorted(set(inputs), key=str)
    if any(str(p) == "-" for p in paths):
        raise InputError(f"{STDIN}: documents are read from files, not standard input")
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
    raw_cells: RawCellsOption = False,
) -> None:
    """List the people and organisations named in documents, with offsets and clusters."""
    with _errors():
        refuse_same_file(output, [*documents, *([aliases] if aliases else [])])
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
                "cluster_id": _mention_cluster(m, cluster_of),
            }
            for m in found.mentions
        ]
        _write(_mention_rows(rows, output_format, raw_cells), output)
    if not quiet:
        typer.echo(
            f"namefold: {len({m.doc for m in found.mentions})} documents, {len(rows)} mentions, "
            f"{len({r['cluster_id'] for r in rows})} entities{_table_note(table, aliases, result)}",
            err=True,
        )


def _mention_rows(rows: list[dict[str, Any]], fmt: MentionFormat, raw_cells: bool = False) -> str:
    """CSV with a header, or one JSON object a line, fields in MENTION_FIELDS order."""
    if fmt is MentionFormat.jsonl:
        return "".join(json.dumps({f: r[f] for f in MENTION_FIELDS}, ensure_ascii=False) + "\n" for r in rows)
    return csv_text([MENTION_FIELDS, *([r[f] for f in MENTION_FIELDS] for r in rows)], raw_cells)


if __name__ == "__main__":
    app()
