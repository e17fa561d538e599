"""Engines: --jobs N and the Dask engine write the same bytes as one process, whatever the input order.

The Dask tests need Dask (the dev extra installs it). They are skipped where it is missing, unless
NAMEFOLD_REQUIRE_DASK=1 (set by .ci/run) says it must be there. They share one LocalCluster and
come last in this file: the local engine forks, and a process should not fork while Dask's threads
run in it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pickle
import random
import re
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.testing import Result

import namefold.cli
from cli_helpers import assert_ok, assert_one_line_error, run, write
from namefold import pipeline, resolve
from namefold.aliases import AliasTable, read_alias_table, shipped_alias_table
from namefold.engine import DaskEngine, Engine, LocalEngine, chunked, default_jobs
from namefold.errors import NamefoldError
from namefold.model import Element
from namefold.normalize import parse_name
from namefold.rarity import Rarity
from namefold.rules import default_rules

ROOT = Path(__file__).parent.parent
FORMATS = ("json", "csv")
NO_DASK = "the dask engine needs Dask: pip install 'namefold[dask]'"
EMPTY_STATS = {
    "names": 0,
    "distinct": 0,
    "pairs": 0,
    "crowded_names": 0,
    "split_blocks": 0,
    "clusters": 0,
    "ambiguous": 0,
}


def _bench_module(name: str) -> ModuleType:
    """bench/ is not a package: load the names generator from its file."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


generate = _bench_module("make_names").generate


# --- A file of a few thousand names, resolved once in one process ---------------------------------


@pytest.fixture(scope="module")
def names() -> list[str]:
    """7,000 spellings (4,954 distinct): three chunks of names and two of pairs."""
    return generate(7_000, seed=11)


@pytest.fixture(scope="module")
def names_file(names: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("engines") / "names.txt", "".join(f"{n}\n" for n in names))


@pytest.fixture(scope="module")
def reference(names_file: Path) -> dict[str, bytes]:
    """What --jobs 1 writes, by format: every other engine must write exactly this."""
    written = {}
    for fmt in FORMATS:
        result = run("resolve", names_file, "--jobs", 1, "-f", fmt)
        assert_ok(result)
        written[fmt] = result.stdout_bytes
    # The summary line proves the input is big enough to split: else every engine runs one chunk.
    found = re.search(r"\((\d+) distinct\) .*, (\d+) pairs compared", result.stderr)
    assert found, result.stderr
    assert int(found[1]) > pipeline.NAMES_PER_CHUNK and int(found[2]) > pipeline.PAIRS_PER_CHUNK, found[0]
    return written


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of a few dozen names and pairs, so a few hundred names make many chunks."""
    monkeypatch.setattr(pipeline, "NAMES_PER_CHUNK", 37)
    monkeypatch.setattr(pipeline, "PAIRS_PER_CHUNK", 101)


def shipped_table() -> AliasTable:
    return read_alias_table(shipped_alias_table())


def assert_same_resolution(found: Any, expected: Any) -> None:
    """Clusters, ids, stats and ambiguous names: Resolution's == compares only the clusters."""
    assert [c.id for c in found.clusters] == [c.id for c in expected.clusters]
    assert found.clusters == expected.clusters
    assert found.stats == expected.stats
    assert dict(found.ambiguous) == dict(expected.ambiguous)


# --- The local engine through the CLI -------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_jobs_write_the_same_bytes_as_one(
    names_file: Path, reference: dict[str, bytes], fmt: str
) -> None:
    result = run("resolve", names_file, "--jobs", 2, "-f", fmt)
    assert_ok(result)
    assert result.stdout_bytes == reference[fmt]


def test_shuffled_names_on_two_jobs_write_the_same_bytes(
    names: list[str], tmp_path: Path, reference: dict[str, bytes]
) -> None:
    shuffled = list(names)
    random.Random(3).shuffle(shuffled)
    assert shuffled != names
    path = write(tmp_path / "shuffled.txt", "".join(f"{n}\n" for n in shuffled))
    result = run("resolve", path, "-j", 2, "-f", "json")
    assert_ok(result)
    assert result.stdout_bytes == reference["json"]


# --- The library --------------------------------------------------------------------------------


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize("aliases", [None, "shipped"])
def test_resolve_on_two_jobs_equals_resolve_on_one(aliases: str | None) -> None:
    listed = generate(700, seed=5)
    table = shipped_table() if aliases else None
    one = resolve(listed, aliases=table)
    assert one.stats["distinct"] > 5 * pipeline.NAMES_PER_CHUNK
    assert one.stats["pairs"] > 3 * pipeline.PAIRS_PER_CHUNK
    assert_same_resolution(resolve(listed, aliases=table, jobs=2), one)
    assert_same_resolution(resolve(listed, aliases=table, engine=LocalEngine(2)), one)


@pytest.mark.parametrize("jobs", [0, -1])
def test_a_local_engine_needs_at_least_one_job(jobs: int) -> None:
    with pytest.raises(NamefoldError, match="--jobs must be at least 1"):
        LocalEngine(jobs)


def _slow_early(pause: float, chunk: int) -> tuple[int, float, int]:
    """Sleep the less the later the chunk, so that later chunks finish first."""
    time.sleep(pause * (4 - chunk))
    return chunk, time.monotonic(), os.getpid()


def assert_in_chunk_order(engine: Engine) -> list[int]:
    """Results come back in chunk order although chunks finish out of it; the processes that ran them."""
    results = list(engine.map(_slow_early, 0.15, [0, 1, 2, 3]))
    assert [chunk for chunk, _, _ in results] == [0, 1, 2, 3]
    finished = [at for _, at, _ in results]
    # The premise: some chunk finished before an earlier one (two workers, 0.6 s beside 0.45 s).
    assert any(finished[later] < finished[earlier] for earlier in range(4) for later in range(earlier + 1, 4))
    return [pid for _, _, pid in results]


def test_the_local_engine_gives_results_in_chunk_order() -> None:
    pids = assert_in_chunk_order(LocalEngine(2))
    assert os.getpid() not in pids  # the chunks ran in worker processes


def test_one_job_runs_in_this_process() -> None:
    assert {pid for _, _, pid in LocalEngine(1).map(_slow_early, 0.0, [0, 1, 2])} == {os.getpid()}


@pytest.mark.parametrize("engine", [LocalEngine(1), LocalEngine(2)], ids=["jobs1", "jobs2"])
@pytest.mark.parametrize("listed", [[], ["", "  ", "\t"]], ids=["nothing", "blanks"])
def test_no_names_give_an_empty_result(engine: Engine, listed: list[str]) -> None:
    result = resolve(listed, engine=engine)
    assert result.clusters == () and result.stats == EMPTY_STATS and dict(result.ambiguous) == {}


def test_chunks_are_consecutive_slices() -> None:
    assert chunked(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert chunked(list(range(6)), 3) == [[0, 1, 2], [3, 4, 5]]
    assert chunked([], 3) == []
    assert default_jobs() >= 1


# --- Progress -----------------------------------------------------------------------------------


class Recorder:
    """A `track` hook that records each stage's label, total, and how many items went through it."""

    def __init__(self) -> None:
        self.stages: list[tuple[str, int, int]] = []

    def __call__(self, items: Iterable[Any], total: int, label: str) -> Iterator[Any]:
        seen = 0
        for item in items:
            seen += 1
            yield item
        self.stages.append((label, total, seen))  # reached only once every item was taken


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_counts_names_then_pairs(jobs: int) -> None:
    listed = [*generate(700, seed=8), "  Kadhimi ", "Kadhimi", ""]
    recorder = Recorder()
    result = resolve(listed, track=recorder, jobs=jobs)
    distinct = len({n.strip() for n in listed} - {""})
    assert result.stats["distinct"] == distinct
    assert result.stats["pairs"] > 3 * pipeline.PAIRS_PER_CHUNK
    assert recorder.stages == [
        ("keys", distinct, distinct),
        ("compare", result.stats["pairs"], result.stats["pairs"]),
    ]


def test_progress_counts_the_alias_table_names_it_parses() -> None:
    listed = ["Mustafa al-Kadhimi", "Kazemi", "Kadhimi"]
    table = shipped_table()
    recorder = Recorder()
    result = resolve(listed, aliases=table, track=recorder)
    parsed = set(listed) | {name for entity in table.by_id().values() for name in entity.names}
    assert [stage[0] for stage in recorder.stages] == ["keys", "compare"]
    assert recorder.stages[0] == ("keys", len(parsed), len(parsed))
    assert recorder.stages[1] == ("compare", result.stats["pairs"], result.stats["pairs"])


# --- Pickling: parsed names travel between processes ---------------------------------------------

PARSED = (
    "Abu Mahdi al-Muhandis",
    "Sheikh Muhammad bin Rashid Al Maktoum",
    "Dr. Abd al-Aziz ibn Saud",
    "Salah al-Din al-Bitar",
    "Kadhimi",
    "عبد الله",
)


@pytest.mark.parametrize("text", PARSED)
def test_names_and_elements_survive_pickling(text: str) -> None:
    name = parse_name(text, default_rules())
    copy = pickle.loads(pickle.dumps(name))
    assert copy == name and hash(copy) == hash(name)
    assert dict(copy.core) == dict(name.core) and copy.middles == name.middles and copy.key == name.key
    for element in name.elements:
        element_copy = pickle.loads(pickle.dumps(element))
        assert isinstance(element_copy, Element)
        assert element_copy == element and hash(element_copy) == hash(element)


# Run in a child process: pickle parsed names (mode "dump"), or load them and look each up in a
# dict of the same names parsed there (mode "load"). JSON on stdout for the test to judge.
CHILD = """
import json, pickle, sys
from namefold.normalize import parse_name
from namefold.rules import default_rules
texts = json.loads(sys.argv[2])
if sys.argv[1] == "dump":
    names = [parse_name(t, default_rules()) for t in texts]
    sys.stdout.write(json.dumps({
        "pickled": pickle.dumps(names).hex(),
        "hashes": [hash(n) for n in names],
        "element_hashes": [hash(e) for n in names for e in n.elements],
        "word": hash("kadhimi"),
    }))
else:
    names = pickle.loads(bytes.fromhex(sys.stdin.read()))
    fresh = [parse_name(t, default_rules()) for t in texts]
    index = {f: i for i, f in enumerate(fresh)}
    elements = {e: str(e) for f in fresh for e in f.elements}
    sys.stdout.write(json.dumps({
        "found": [index.get(n) for n in names],
        "equal": [n == f for n, f in zip(names, fresh)],
        "hashes": [hash(n) for n in names],
        "fresh_hashes": [hash(f) for f in fresh],
        "elements_found": [e in elements for n in names for e in n.elements],
        "element_hashes": [hash(e) for n in names for e in n.elements],
        "word": hash("kadhimi"),
    }))
"""


def _child(mode: str, seed: int, stdin: str = "") -> dict[str, Any]:
    """Run CHILD with its own PYTHONHASHSEED."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, json.dumps(PARSED)],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": str(seed)},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_name_pickled_under_one_hash_seed_is_a_dict_key_under_another() -> None:
    dumped = _child("dump", seed=1)
    loaded = _child("load", seed=2, stdin=dumped["pickled"])
    assert dumped["word"] != loaded["word"]  # the seeds really give strings other hashes
    assert loaded["found"] == list(range(len(PARSED)))
    assert all(loaded["equal"]) and all(loaded["elements_found"])
    assert loaded["hashes"] == loaded["fresh_hashes"]
    # The hashes were worked out again in the child, not carried over from the parent.
    assert all(a != b for a, b in zip(dumped["hashes"], loaded["hashes"], strict=True))
    assert all(a != b for a, b in zip(dumped["element_hashes"], loaded["element_hashes"], strict=True))


# --- Bad input ----------------------------------------------------------------------------------


@pytest.fixture
def few_names(tmp_path: Path) -> Path:
    return write(tmp_path / "few.txt", "Mustafa al-Kadhimi\nMustafa Al-Kazemi\nKadhimi\n")


def assert_usage_error(result: Result, option: str) -> None:
    """Exit code 2, nothing on stdout, no traceback, and one `Error:` line naming the option."""
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    assert result.stdout == "" and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "Error" in line]
    assert len(errors) == 1 and errors[0].startswith("Error: ") and option in errors[0], result.stderr


@pytest.mark.parametrize("jobs", ["0", "-2"])
def test_jobs_below_one_is_a_usage_error(few_names: Path, jobs: str) -> None:
    assert_usage_error(run("resolve", few_names, "--jobs", jobs), "--jobs")


@pytest.mark.parametrize("engine", [[], ["--engine", "local"]], ids=["default", "local"])
def test_a_scheduler_needs_the_dask_engine(few_names: Path, engine: list[str]) -> None:
    assert_usage_error(
        run("resolve", few_names, *engine, "--scheduler", "tcp://127.0.0.1:8786"), "--scheduler"
    )


def test_without_dask_the_dask_engine_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch, few_names: Path
) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # `from dask.distributed import` fails
    with pytest.raises(NamefoldError, match=re.escape(NO_DASK)):
        DaskEngine()
    result = run("resolve", few_names, "--engine", "dask", "-j", 2)
    assert_one_line_error(result, NO_DASK)
    assert result.stdout == ""


# --- Dask: one LocalCluster for every test below --------------------------------------------------


@pytest.fixture(scope="module")
def needs_dask() -> None:
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        if os.environ.get("NAMEFOLD_REQUIRE_DASK") == "1":
            pytest.fail("NAMEFOLD_REQUIRE_DASK=1 but Dask is not installed: pip install -e '.[dev]'")
        pytest.skip("Dask is not installed")


@pytest.fixture(scope="module")
def cluster(needs_dask: None) -> Iterator[DaskEngine]:
    """The Dask engine as `--engine dask --jobs 2` makes it: a LocalCluster of two workers."""
    engine = DaskEngine(None, 2)
    try:
        assert engine.workers == 2
        yield engine
    finally:
        engine.close()


class Lent:
    """Stands in for DaskEngine in the CLI: lends it the module's cluster instead of starting one."""

    def __init__(self, engine: DaskEngine) -> None:
        self.engine = engine
        self.opened: list[tuple[str | None, int]] = []
        self.closed = 0
        self.workers = engine.workers

    def __call__(self, address: str | None = None, jobs: int = 1) -> Lent:
        self.opened.append((address, jobs))
        return self

    def map(self, task: Any, shared: Any, chunks: Sequence[Any]) -> Iterator[Any]:
        return self.engine.map(task, shared, chunks)

    def close(self) -> None:
        self.closed += 1  # the cluster stays up for the next test


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_dask_engine_writes_the_same_bytes_as_one_job(
    monkeypatch: pytest.MonkeyPatch,
    cluster: DaskEngine,
    names_file: Path,
    reference: dict[str, bytes],
    fmt: str,
) -> None:
    lent = Lent(cluster)
    monkeypatch.setattr(namefold.cli, "DaskEngine", lent)
    result = run("resolve", names_file, "--engine", "dask", "--jobs", 2, "-f", fmt)
    assert_ok(result)
    assert lent.opened == [(None, 2)] and lent.closed == 1
    assert result.stdout_bytes == reference[fmt]


@pytest.mark.usefixtures("small_chunks")
def test_a_running_scheduler_writes_the_same_bytes(cluster: DaskEngine, tmp_path: Path) -> None:
    """--scheduler connects to the module's cluster; small chunks make 700 names many chunks, quickly."""
    path = write(tmp_path / "names.txt", "".join(f"{n}\n" for n in generate(700, seed=5)))
    one = run("resolve", path, "--jobs", 1, "-f", "csv")
    assert_ok(one)
    address = cluster._client.scheduler_info()["address"]
    result = run("resolve", path, "--engine", "dask", "--scheduler", address, "-f", "csv")
    assert_ok(result)
    assert result.stdout_bytes == one.stdout_bytes
    assert len(cluster._client.scheduler_info()["workers"]) == 2  # the CLI closed its client, not the cluster


@pytest.mark.usefixtures("small_chunks")
def test_resolve_on_dask_equals_resolve_in_one_process(cluster: DaskEngine) -> None:
    listed = generate(700, seed=5)
    table = shipped_table()
    assert_same_resolution(resolve(listed, aliases=table, engine=cluster), resolve(listed, aliases=table))


def test_the_dask_engine_gives_results_in_chunk_order(cluster: DaskEngine) -> None:
    assert os.getpid() not in assert_in_chunk_order(cluster)


@pytest.mark.parametrize("listed", [[], ["", "  ", "\t"]], ids=["nothing", "blanks"])
def test_no_names_give_an_empty_result_on_dask(cluster: DaskEngine, listed: list[str]) -> None:
    result = resolve(listed, engine=cluster)
    assert result.clusters == () and result.stats == EMPTY_STATS and dict(result.ambiguous) == {}


def test_an_unreachable_scheduler_is_a_one_line_error(needs_dask: None, few_names: Path) -> None:
    """Nothing listens on port 9 (discard): the client gives up after its 10 s connect timeout."""
    result = run("resolve", few_names, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    line = assert_one_line_error(result, "tcp://127.0.0.1:9")
    assert line.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert result.stdout == ""


# distributed raises ValueError, not OSError, for an address it cannot parse.
@pytest.mark.parametrize("address", ["localhost", "tcp://127.0.0.1:port", "foo://127.0.0.1:8786"])
def test_a_malformed_scheduler_address_is_a_one_line_error(
    needs_dask: None, few_names: Path, address: str
) -> None:
    result = run("resolve", few_names, "--engine", "dask", "--scheduler", address)
    assert_one_line_error(result, address)


def test_leaving_out_the_partial_pairs_of_weak_names_changes_no_cluster(
    names: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Blocking skips them because compare_names could never call them the same person.
    table = shipped_table()
    kept = resolve(names, aliases=table)
    monkeypatch.setattr(Rarity, "can_match_partly", lambda self, name: True)
    everything = resolve(names, aliases=table)
    assert everything.stats["pairs"] > kept.stats["pairs"]
    assert everything.clusters == kept.clusters
