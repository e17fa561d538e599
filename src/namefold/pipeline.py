"""The pipeline: read names -> normalise -> key -> compare -> graph -> cluster -> Resolution."""

from __future__ import annotations

import gc
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from namefold.aliases import AliasTable
from namefold.canonical import make_clusters
from namefold.compare import DEFAULT_THRESHOLD
from namefold.engine import Engine, LocalEngine, chunked
from namefold.graph import ambiguous_names, cluster_graph, components, join_links
from namefold.keys import Blocks, Candidates
from namefold.model import Entity, Kind, Match, Name, Resolution
from namefold.orgs import compare, filings, guess_kind, judge, parse
from namefold.rarity import Rarity, learn_rarity
from namefold.rules import Rules, default_rules, known_spellings

# A progress reporter wraps an iterable: (items, total, label) -> the same items.
Track = Callable[[Iterable[Any], int, str], Iterable[Any]]


def silent(items: Iterable[Any], total: int, label: str) -> Iterable[Any]:
    """The progress reporter of library calls: it shows nothing."""
    return items


# Work is sent to the engine in chunks this big: big enough that pickling and scheduling are
# small beside the work, small enough that the progress bar moves and both cores stay busy.
NAMES_PER_CHUNK = 2_000
PAIRS_PER_CHUNK = 5_000
SAME, CONFLICT = 1, 2  # a compared pair's verdict, a byte each
Item = TypeVar("Item")


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cycle collector: the stages make millions of small objects and no cycles, and
    each full collection walks them all again (about half the key stage's time on 50,000 names)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _flat(chunks: Iterable[list[Item]]) -> Iterator[Item]:
    for chunk in chunks:
        yield from chunk


def _key_chunk(
    shared: tuple[Rules, Mapping[str, Kind]], names: Sequence[str]
) -> list[tuple[Name, tuple[tuple[str, int], ...]]]:
    """The key stage: parse names (of the kind given, else of the kind their words suggest) and
    file them under their blocks (kinds of filing as plain ints, which pickle in a byte where an
    enum member pickles as a call)."""
    rules, kinds = shared
    with _no_gc():
        return [
            (parsed, tuple((key, int(kind)) for key, kind in filings(parsed, rules)))
            for parsed in (parse(n, rules, kinds.get(n)) for n in names)
        ]


# What the compare stage sends back for a pair that joins: its score, reasons and whether it is
# partial; the names are the pair's, which the caller has (sending them back would copy them).
Joined = tuple[float, tuple[str, ...], bool]


def _compare_chunk(
    shared: tuple[Sequence[Name], Rules, float, Rarity], codes: Sequence[int]
) -> list[Joined | bool]:
    """The compare stage: for each candidate pair, how it joins if it is one name, else whether
    the names clearly differ (what clustering asks); nothing else is sent back or kept."""
    parsed, rules, threshold, rarity = shared
    n = len(parsed)
    with _no_gc():
        found = (judge(parsed[c // n], parsed[c % n], rules, threshold, rarity) for c in codes)
        return [(m.score, m.reasons, m.partial) if isinstance(m, Match) else m for m in found]


Keyed = tuple[Name, tuple[tuple[str, int], ...]]
Stage = tuple[dict[str, Name], Rarity, Candidates]


@dataclass(frozen=True, slots=True)
class _Once:
    """What keyed_once() keeps: each name keyed (with the kind it was given) and each key stage
    done (by its names, their kinds and the rules), by the rules used."""

    keyed: dict[Rules, dict[tuple[str, Kind | None], Keyed]] = field(default_factory=dict)
    stages: dict[tuple[Rules, tuple[str, ...], tuple[tuple[str, str], ...]], Stage] = field(
        default_factory=dict
    )


_once: ContextVar[_Once | None] = ContextVar("keyed_once", default=None)


@contextmanager
def keyed_once() -> Iterator[None]:
    """Inside this block resolve() parses and keys a name once however often it sees it, and
    blocks a list of names once: update resolves the whole alias table three times (twice with the
    same names), and keying and blocking it is most of each resolve."""
    token = _once.set(_Once())
    try:
        yield
    finally:
        _once.reset(token)


def _keyed(
    distinct: Sequence[str], rules: Rules, kinds: Mapping[str, Kind], engine: Engine, track: Track
) -> Iterator[tuple[str, Keyed]]:
    """Each name with its parse and filings, in order; inside keyed_once() only new names are keyed."""
    once = _once.get()
    memo = None if once is None else once.keyed.setdefault(rules, {})
    todo = distinct if memo is None else [n for n in distinct if (n, kinds.get(n)) not in memo]
    chunks = engine.map(_key_chunk, (rules, kinds), chunked(todo, NAMES_PER_CHUNK))
    keyed = zip(todo, track(_flat(chunks), len(todo), "keys"), strict=True)
    if memo is None:  # streamed: a million names' filings are never all kept
        yield from keyed
        return
    memo.update(((name, kinds.get(name)), found) for name, found in keyed)
    for name in distinct:
        yield name, memo[name, kinds.get(name)]


def _key_stage(
    distinct: Sequence[str], rules: Rules, kinds: Mapping[str, Kind], engine: Engine, track: Track
) -> Stage:
    """Parse the names, learn how rare their parts are, and find the pairs to compare.

    Names with one key (al-Kazemi, Al Kazemi) compare alike and are tied in the graph anyway, so
    only the first of each key is compared; the others' filings are dropped as they arrive.
    """
    once = _once.get()
    if once is None:
        return _blocked(_keyed(distinct, rules, kinds, engine, track), rules)
    done = (rules, tuple(distinct), tuple(sorted((name, kind.value) for name, kind in kinds.items())))
    if done not in once.stages:
        once.stages[done] = _blocked(_keyed(distinct, rules, kinds, engine, track), rules)
    return once.stages[done]


def _blocked(keyed: Iterable[tuple[str, Keyed]], rules: Rules) -> Stage:
    """The parsed names, the rarity of their parts and the pairs to compare, from the keyed names."""
    parsed: dict[str, Name] = {}
    first: dict[str, str] = {}  # key -> the name compared for it
    blocks = Blocks()
    for name, (found, name_filings) in keyed:
        parsed[name] = found
        if first.setdefault(found.key, name) == name:
            blocks.add(name, found, name_filings)
    rarity = learn_rarity((parsed[name] for name in blocks.names), rules)
    weak = {name for name in blocks.names if not rarity.can_match_partly(parsed[name])}
    return parsed, rarity, blocks.pairs(weak)


def _table_kinds(entities: Iterable[Entity], rules: Rules) -> dict[str, Kind]:
    """The kinds of the alias table's names, where an entity's type names one (person, organisation)."""
    found: dict[str, Kind] = {}
    for entity in entities:
        kind = rules.orgs.types.get(" ".join(entity.type.casefold().split()))
        if kind:
            found.update(dict.fromkeys(entity.names, Kind(kind)))
    return found


def _near(
    codes: array[int],
    compared: Sequence[str],
    keys: Container[str],
    parsed: Mapping[str, Name],
    entity_of: Mapping[str, str],
) -> tuple[array[int], set[str]]:
    """The pairs that can change the clusters of names with these keys, and the alias-table
    entities those pairs reach: pairs with such a name, and pairs with a name of an entity that
    one of them meets or belongs to.

    Two entities never join and their names are never checked for conflicts, so a pair of two
    other entities' names changes nothing but whether their own names fit several people.
    """
    n = len(compared)
    hot = {i for i, name in enumerate(compared) if parsed[name].key in keys}
    # An entity with a name of one of these keys is tied to it, whether or not that name is compared.
    touched: set[str | None] = {e for name, e in entity_of.items() if parsed[name].key in keys}
    for code in codes:
        i, j = divmod(code, n)
        if i in hot or j in hot:
            touched.update((entity_of.get(compared[i]), entity_of.get(compared[j])))
    touched.discard(None)
    keep = hot | {i for i, name in enumerate(compared) if entity_of.get(name) in touched}
    near = array("q", (code for code in codes if code // n in keep or code % n in keep))
    reached = {entity_of[compared[i]] for code in near for i in divmod(code, n) if compared[i] in entity_of}
    return near, reached | touched


@_no_gc()
def resolve(
    names: Iterable[str],
    *,
    aliases: AliasTable | None = None,
    rules: Rules | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    track: Track = silent,
    links: Iterable[tuple[str, str, str]] = (),
    jobs: int = 1,
    engine: Engine | None = None,
    kinds: Mapping[str, Kind] | None = None,
) -> Resolution:
    """Group spellings of the same name into entities.

    >>> from namefold import resolve
    >>> result = resolve(["Mustafa al-Kadhimi", "Mustafa Al-Kazemi", "Kadhimi", "Shihab al-Khiqani"])
    >>> for cluster in result.clusters:
    ...     print(cluster.id, [m.name for m in cluster.members])
    mustafa-al-kadhimi ['Kadhimi', 'Mustafa Al-Kazemi', 'Mustafa al-Kadhimi']
    shihab-al-khiqani ['Shihab al-Khiqani']

    `links` are (name, name, reason) triples that a text says are one entity ("X, alias Y"):
    they join clusters whatever the spellings, except two alias-table entities.
    The key and compare stages run on `engine` (default: this machine with `jobs` processes);
    every engine gives the same result. `kinds` says what some names name (a person, an
    organisation), as do the types of alias-table entities; the others' kind is told from their
    words, and names of two kinds never join. With an alias table, only the pairs that can change
    the clusters of the input's names are compared: a table is often far larger than the input.
    """
    rules = rules or default_rules()
    engine = engine or LocalEngine(jobs)
    counts = Counter(n.strip() for n in names if n.strip())
    entities = aliases.by_id() if aliases else {}
    entity_of = {name: e.id for e in entities.values() for name in e.names}
    distinct = sorted(set(counts) | set(entity_of))
    kinds = {**_table_kinds(entities.values(), rules), **(kinds or {})}
    parsed, rarity, candidates = _key_stage(distinct, rules, kinds, engine, track)
    compared, codes = candidates.names, candidates.codes
    graphed = entity_of  # the alias-table names that are nodes of the graph
    # A table larger than the input: leave out the pairs of other entities' names, which change no
    # cluster of the input's names (a small table makes few such pairs, not worth a pass over all).
    if len(entity_of) > len(counts):
        codes, reached = _near(codes, compared, {parsed[n].key for n in counts}, parsed, entity_of)
        graphed = {name: e for name, e in entity_of.items() if e in reached}
    shared = ([parsed[n] for n in compared], rules, threshold, rarity)
    results = engine.map(_compare_chunk, shared, chunked(codes, PAIRS_PER_CHUNK))
    matches: list[Match] = []
    verdicts = bytearray(len(codes))  # by pair: SAME, CONFLICT or 0 (neither: not one, yet no part differs)
    n = len(compared)
    for k, found in enumerate(track(_flat(results), len(codes), "compare")):
        if isinstance(found, tuple):
            score, reasons, partial = found
            code = codes[k]
            matches.append(Match(compared[code // n], compared[code % n], score, True, reasons, partial))
            verdicts[k] = SAME
        elif found:
            verdicts[k] = CONFLICT
    position = {name: i for i, name in enumerate(compared)}

    def conflict(a: str, b: str) -> bool:  # a < b, as in the candidate pairs
        i, j = position.get(a), position.get(b)
        if i is not None and j is not None:
            code = i * n + j
            k = bisect_left(codes, code)
            if k < len(codes) and codes[k] == code:
                return verdicts[k] == CONFLICT
        return judge(parsed[a], parsed[b], rules, threshold, rarity) is True  # a Match is no conflict

    graph = cluster_graph(counts, graphed, matches, parsed, conflict)
    join_links(graph, links, counts)
    clusters = make_clusters(components(graph), graph, counts, parsed, entities, known_spellings(rules))
    stats = {
        "names": sum(counts.values()),
        "distinct": len(counts),
        "pairs": len(codes),
        "crowded_names": candidates.crowded,
        "split_blocks": candidates.split,
        "clusters": len(clusters),
    }
    # Table names missing from the input are in no cluster: their entity id stands for them.
    found = ambiguous_names(graph, {**entity_of, **Resolution(clusters).cluster_of()})
    ambiguous = {name: fits for name, fits in found.items() if name in counts}  # the input's names
    stats["ambiguous"] = len(ambiguous)
    return Resolution(clusters, stats, ambiguous)


def explain(
    left: str,
    right: str,
    *,
    rules: Rules | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    kind: Kind | None = None,
) -> Match:
    """Compare two names as written (both of `kind`, else organisations if the words of either
    suggest one): the score, the verdict and the reasons.

    >>> explain("Kadhimi", "Kazemi").same
    True
    """
    rules = rules or default_rules()
    if kind is None:  # one name that says it is an organisation's makes the pair two organisations
        guessed = {guess_kind(left, rules), guess_kind(right, rules)}
        kind = Kind.ORGANISATION if Kind.ORGANISATION in guessed else Kind.PERSON
    return compare(parse(left, rules, kind), parse(right, rules, kind), rules, threshold)
