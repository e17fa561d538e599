"""Benchmark namefold.resolve on generated name lists: speed, peak memory, scaling, and a baseline.

    .venv/bin/python bench/bench_resolve.py                  # 10,000, 100,000 and 1,000,000 names
    .venv/bin/python bench/bench_resolve.py 5000 20000 50000 # any sizes
    .venv/bin/python bench/bench_resolve.py --smoke          # 2,000 names, for CI

Each size runs in a fresh Python process, so namefold's word caches start cold and the peak RSS
(ru_maxrss) belongs to that size alone. In the same process, after resolve(), a simple baseline
scores the same candidate pairs with rapidfuzz's token_sort_ratio (if rapidfuzz is installed).
Progress goes to stderr; the markdown report to stdout.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import inspect
import json
import os
import platform
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from make_names import generate

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
SMOKE_SIZES = (2_000,)
DEFAULT_TIMEOUT = 900.0  # seconds for resolve() at one size: 1,000,000 names take many minutes today
DEFAULT_MEMORY_GIB = 12.0  # address space of a child: a runaway size fails instead of starving the machine
BASELINE_THRESHOLD = 81  # token_sort_ratio score from which the baseline calls two names the same
T = TypeVar("T")


@dataclass
class Baseline:
    """rapidfuzz token_sort_ratio over namefold's candidate pairs, then union-find: its timings."""

    seconds: float = 0.0  # parse, block, compare and cluster
    block_seconds: float = 0.0  # parse_name and keys.candidate_pairs, as resolve() does them
    compare_seconds: float = 0.0  # token_sort_ratio over the pairs
    pairs: int = 0
    clusters: int = 0
    failure: str = ""  # "rapidfuzz is not installed", "timed out after 900 s"


@dataclass
class Run:
    """The measurements of one resolve() call (or why there are none), and of its baseline."""

    size: int
    seconds: float = 0.0
    distinct: int = 0
    clusters: int = 0
    pairs: int = 0
    peak_rss_mib: float = 0.0
    worker_peak_rss_mib: float = 0.0  # the largest worker process resolve(jobs=N) ran, if any
    rss_before_mib: float = 0.0  # after import and generating the names, before resolve()
    stages: dict[str, float] = field(default_factory=dict)
    other_stats: dict[str, int] = field(default_factory=dict)  # resolve() stats not in the table
    baseline: Baseline = field(default_factory=Baseline)
    failure: str = ""  # "timed out after 900 s", or the error


def log(size: int, message: str) -> None:
    print(f"[{size:>9,}] {message}", file=sys.stderr, flush=True)


def peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size of this process so far, or of its largest finished child (ru_maxrss is KiB)."""
    return resource.getrusage(who).ru_maxrss / 1024


class StageClock:
    """A namefold `track` reporter that logs each stage and records when it starts and ends."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.marks: dict[str, float] = {}

    def __call__(self, items: Iterable[Any], total: int, label: str) -> Iterator[Any]:
        unit = {"keys": "distinct names", "compare": "candidate pairs"}.get(label, "items")
        log(self.size, f"{label}: {total:,} {unit}")
        self.marks[f"{label} start"] = time.perf_counter()
        yield from items
        self.marks[f"{label} end"] = time.perf_counter()


def jobs_argument(jobs: int) -> dict[str, int]:
    """{"jobs": jobs} if this namefold's resolve() takes a jobs argument; {} for code that does not."""
    from namefold import resolve

    return {"jobs": jobs} if "jobs" in inspect.signature(resolve).parameters else {}


def measure(names: Sequence[str], jobs: int) -> Run:
    """Time one resolve() over the names, in this process."""
    from namefold import resolve  # imported here so that import time is not part of the run
    from namefold.rules import default_rules

    size = len(names)
    default_rules()  # load the rule tables before the clock starts
    options = jobs_argument(jobs)
    run = Run(size, rss_before_mib=peak_rss_mib())
    clock = StageClock(size)
    log(size, f"resolve({', '.join(f'{k}={v}' for k, v in options.items())})")
    start = time.perf_counter()
    result = resolve(names, track=clock, **options)
    end = time.perf_counter()
    run.seconds = end - start
    run.peak_rss_mib = peak_rss_mib()
    run.worker_peak_rss_mib = peak_rss_mib(resource.RUSAGE_CHILDREN)
    run.distinct = result.stats["distinct"]
    run.clusters = result.stats["clusters"]
    run.pairs = result.stats["pairs"]
    shown = ("names", "distinct", "clusters", "pairs")
    run.other_stats = {k: v for k, v in result.stats.items() if k not in shown}
    m = clock.marks
    if {"keys end", "compare start", "compare end"} <= m.keys():
        run.stages = {
            "count, sort, parse and file names": m["keys end"] - start,
            "blocking (pairs of blocks), rarity": m["compare start"] - m["keys end"],
            "compare pairs": m["compare end"] - m["compare start"],
            "graph, clustering, canonical": end - m["compare end"],
        }
    log(size, f"done in {run.seconds:.1f} s, peak RSS {run.peak_rss_mib:.0f} MiB")
    return run


def clear_namefold_caches() -> None:
    """Empty namefold's lru caches, so that the baseline parses and blocks from cold as resolve() did."""
    for name, module in list(sys.modules.items()):
        if name == "namefold" or name.startswith("namefold."):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def measure_baseline(names: Sequence[str]) -> Baseline:
    """Time rapidfuzz token_sort_ratio over the candidate pairs resolve() compares, then union-find.

    The pairs come from namefold's own parse_name, learn_rarity and keys.candidate_pairs, over one
    name per spelling key as in resolve(); names that share a key are joined, as resolve() joins them.
    """
    try:
        from rapidfuzz import fuzz
    except ImportError:
        return Baseline(failure="rapidfuzz is not installed")
    from namefold.keys import candidate_pairs
    from namefold.normalize import parse_name
    from namefold.rarity import learn_rarity
    from namefold.rules import default_rules

    size = len(names)
    rules = default_rules()
    clear_namefold_caches()
    log(size, "baseline: parse and block")
    start = time.perf_counter()
    distinct = sorted({n.strip() for n in names if n.strip()})
    parsed = {n: parse_name(n, rules) for n in distinct}
    representative: dict[str, str] = {}
    for name in distinct:
        representative.setdefault(parsed[name].key, name)
    kept = {n: parsed[n] for n in representative.values()}
    pairs = candidate_pairs(kept, rules, learn_rarity(kept.values(), rules)).pairs
    blocked = time.perf_counter()
    log(size, f"baseline: token_sort_ratio over {len(pairs):,} pairs")
    same = [(a, b) for a, b in pairs if fuzz.token_sort_ratio(a, b, score_cutoff=BASELINE_THRESHOLD)]
    compared = time.perf_counter()
    parent = {name: representative[parsed[name].key] for name in distinct}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]  # path halving
            name = parent[name]
        return name

    for a, b in same:
        parent[root(a)] = root(b)
    clusters = sum(1 for name in distinct if root(name) == name)
    end = time.perf_counter()
    log(size, f"baseline: done in {end - start:.1f} s")
    return Baseline(end - start, blocked - start, compared - blocked, len(pairs), clusters)


class _OutOfTime(Exception):
    """Raised by the alarm in whatever a measured call is doing."""


def within_limits(call: Callable[[], T], timeout: float, memory_gib: float) -> T | str:
    """call(), or why it stopped: timed out (by SIGALRM) or out of the memory limit set for this process."""

    def alarm(signum: int, frame: object) -> None:
        raise _OutOfTime

    signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    start = time.perf_counter()
    try:
        return call()
    except _OutOfTime:
        return f"timed out after {timeout:.0f} s"
    except MemoryError:
        return f"out of memory (limit {memory_gib:g} GiB) after {time.perf_counter() - start:.0f} s"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def run_one(size: int, seed: int, jobs: int, timeout: float, memory_gib: float) -> None:
    """Measure one size in this process: print resolve()'s JSON line, then the baseline's.

    Each has `timeout` seconds; a resolve() that times out or runs out of memory is reported as such
    and the baseline still runs, so that every size has one.
    """
    limit = int(memory_gib * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    log(size, "generating names")
    names = generate(size, seed)
    run = within_limits(lambda: measure(names, jobs), timeout, memory_gib)
    if isinstance(run, str):
        log(size, f"resolve() {run}")
        run = Run(size, peak_rss_mib=peak_rss_mib(), failure=run)
    print(json.dumps(asdict(run)), flush=True)
    gc.collect()  # resolve()'s result is gone: free its memory before the baseline
    baseline = within_limits(lambda: measure_baseline(names), timeout, memory_gib)
    if isinstance(baseline, str):
        log(size, f"baseline {baseline}")
        baseline = Baseline(failure=baseline)
    print(json.dumps(asdict(baseline)), flush=True)


def run_from_lines(size: int, lines: Sequence[str], failure: str) -> Run:
    """The Run that a child printed, as far as it got; `failure` names what stopped it."""
    if not lines:
        return Run(size, failure=failure, baseline=Baseline(failure="not run"))
    data = json.loads(lines[0])
    data["baseline"] = Baseline(**json.loads(lines[1])) if len(lines) > 1 else Baseline(failure=failure)
    return Run(**data)


def measure_in_child(size: int, seed: int, jobs: int, timeout: float, memory_gib: float) -> Run:
    """Run `run_one` in a fresh interpreter: cold caches and a peak RSS of its own.

    The child stops resolve() and the baseline itself; the parent kills it only if it overruns both
    timeouts by far (an alarm waits for a long C call such as a sort to return).
    """
    command = [sys.executable, str(Path(__file__).resolve()), "--one", str(size), "--seed", str(seed)]
    command += ["--jobs", str(jobs), "--timeout", str(timeout), "--memory-gib", str(memory_gib)]
    backstop = 2 * timeout + 600
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, timeout=backstop, check=False)
    except subprocess.TimeoutExpired as expired:  # subprocess.run has killed the child
        log(size, f"killed after {backstop:.0f} s")
        output = expired.stdout.decode() if isinstance(expired.stdout, bytes) else expired.stdout or ""
        return run_from_lines(size, output.splitlines(), f"killed after {backstop:.0f} s")
    code = done.returncode
    failure = f"killed by {signal.Signals(-code).name}" if code < 0 else f"failed with exit code {code}"
    return run_from_lines(size, done.stdout.splitlines(), failure)


def fastest(size: int, seed: int, jobs: int, timeout: float, memory_gib: float, repeat: int) -> Run:
    """The fastest of `repeat` runs of one size (a timed-out or failed run ends the repeats)."""
    best: Run | None = None
    for _ in range(repeat):
        run = measure_in_child(size, seed, jobs, timeout, memory_gib)
        if run.failure:
            return best or run
        if best is None or run.seconds < best.seconds:
            best = run
    assert best is not None
    return best


def machine() -> str:
    processor = platform.processor()
    if not processor:  # empty on most Linux systems
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
            model = next(line for line in cpuinfo if line.startswith("model name"))
            processor = model.split(":", 1)[1].strip()
        except (OSError, StopIteration):
            processor = platform.machine() or "unknown"
    return f"{processor}, {os.cpu_count()} CPUs, Python {platform.python_version()} ({platform.system()})"


def code_version() -> str:
    """namefold's version and a digest of its source and rule files, to tell apart runs of changed code."""
    import namefold

    package = Path(namefold.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".yaml")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return f"namefold {namefold.__version__} (source sha256 {digest.hexdigest()[:12]})"


def step_ratio(previous: Run | None, run: Run) -> str:
    """(time ratio) / (size ratio) from the previous finished size to this one: 1.00 is linear."""
    if previous is None or run.failure or previous.failure:
        return ""
    return f"{(run.seconds / previous.seconds) / (run.size / previous.size):.2f}"


def scaling_ratio(runs: Sequence[Run]) -> str:
    """(time at largest / time at smallest) / (largest / smallest): 1.0 is linear."""
    done = [r for r in runs if not r.failure]
    if len(done) < 2:
        return "n/a (needs two finished sizes)"
    small, large = min(done, key=lambda r: r.size), max(done, key=lambda r: r.size)
    time_factor, size_factor = large.seconds / small.seconds, large.size / small.size
    ratio = time_factor / size_factor
    sizes = f"{small.size:,} -> {large.size:,}"
    note = f"{ratio:.2f} (time x{time_factor:.1f} for size x{size_factor:g}, {sizes})"
    unfinished = [r for r in runs if r.failure and r.size > large.size]
    if unfinished:
        note += f"; {unfinished[-1].size:,} did not finish, so the true ratio is higher"
    return note


def baseline_cells(run: Run) -> str:
    """The baseline's columns: total seconds, compare seconds, namefold / baseline (or n/a, or why not)."""
    b = run.baseline
    if b.failure == "rapidfuzz is not installed":
        return "n/a | n/a | n/a"
    if b.failure:
        return f"{b.failure} | | "
    ratio = "" if run.failure else f"{run.seconds / b.seconds:.1f}"
    return f"{b.seconds:.2f} | {b.compare_seconds:.3f} | {ratio}"


def rss_cell(run: Run) -> str:
    """Peak RSS of the process that called resolve(), and of its largest worker if it started any."""
    workers = f" + workers of up to {run.worker_peak_rss_mib:,.0f} each" if run.worker_peak_rss_mib else ""
    return f"{run.peak_rss_mib:,.0f}{workers}"


def jobs_label(jobs: int) -> str:
    """How resolve() is called: jobs=N, or without it when this code's resolve() takes no jobs argument."""
    return f"jobs={jobs}" if jobs_argument(jobs) else "resolve() takes no jobs"


def report(runs: Sequence[Run], code: str, jobs: str) -> str:
    lines = [
        f"| size | distinct names | candidate pairs | clusters | seconds ({jobs}) | names/s "
        "| peak RSS MiB | scaling vs previous size | baseline seconds | baseline compare seconds "
        "| namefold / baseline |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    previous: Run | None = None
    for r in runs:
        if r.failure:
            rss = f"{r.peak_rss_mib:,.0f} so far" if r.peak_rss_mib else ""
            lines.append(f"| {r.size:,} | | | | {r.failure} | | {rss} | | {baseline_cells(r)} |")
            continue
        lines.append(
            f"| {r.size:,} | {r.distinct:,} | {r.pairs:,} | {r.clusters:,} | {r.seconds:.2f} "
            f"| {r.size / r.seconds:,.0f} | {rss_cell(r)} | {step_ratio(previous, r)} "
            f"| {baseline_cells(r)} |"
        )
        previous = r
    lines += ["", f"Scaling ratio: {scaling_ratio(runs)} — 1.0 means linear.", ""]
    staged = [r for r in runs if r.stages]
    if staged:
        rows = {s: [r.stages.get(s) for r in staged] for s in staged[0].stages}
        if any(not r.baseline.failure for r in staged):
            done = [None if r.baseline.failure else r.baseline for r in staged]
            rows["baseline: parse and block (same pairs)"] = [b.block_seconds if b else None for b in done]
            rows["baseline: token_sort_ratio"] = [b.compare_seconds if b else None for b in done]
            rows["baseline: union-find"] = [
                b.seconds - b.block_seconds - b.compare_seconds if b else None for b in done
            ]
        lines += [
            "| stage (seconds) | " + " | ".join(f"{r.size:,}" for r in staged) + " |",
            "|---|" + "---:|" * len(staged),
        ]
        for stage, seconds in rows.items():
            cells = " | ".join("" if s is None else f"{s:.2f}" for s in seconds)
            lines.append(f"| {stage} | {cells} |")
        lines.append("")
    for r in runs:
        if r.other_stats:
            other = ", ".join(f"{k} {v:,}" for k, v in r.other_stats.items())
            lines.append(f"Other stats at {r.size:,}: {other}  ")
        b = r.baseline
        if not b.failure and not r.failure:
            same = (
                "the same pairs" if b.pairs == r.pairs else f"{b.pairs:,} pairs, not resolve()'s {r.pairs:,}"
            )
            compare = r.stages.get("compare pairs")
            step = (
                f"; its compare step is {compare / b.compare_seconds:.0f}x faster than resolve()'s"
                if compare and b.compare_seconds
                else ""
            )
            lines.append(f"Baseline at {r.size:,}: {same}, {b.clusters:,} clusters{step}  ")
    if any(r.baseline.failure == "rapidfuzz is not installed" for r in runs):
        lines.append("No baseline: rapidfuzz is not installed (pip install -e '.[bench]').  ")
    lines.append(f"Machine: {machine()}  ")
    lines.append(f"Code: {code}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark namefold.resolve on generated names.")
    parser.add_argument("sizes", nargs="*", type=int, help="list sizes (default: 10000 100000 1000000)")
    parser.add_argument("--smoke", action="store_true", help="run 2000 names only (for CI)")
    parser.add_argument("--seed", type=int, default=0, help="name generator seed (default 0)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds resolve(), then the baseline, may take at one size (default {DEFAULT_TIMEOUT:.0f})",
    )
    parser.add_argument(
        "--memory-gib",
        type=float,
        default=DEFAULT_MEMORY_GIB,
        help=f"address-space limit of each size's process (default {DEFAULT_MEMORY_GIB:g} GiB)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="resolve(jobs=N), if this namefold's resolve() takes it (default 1)",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, metavar="R", help="runs per size; the fastest is kept (default 1)"
    )
    parser.add_argument(
        "--one", type=int, metavar="N", help="measure N names in this process, print JSON (for profiling)"
    )
    args = parser.parse_args(argv)
    if args.one is not None:
        run_one(args.one, args.seed, args.jobs, args.timeout, args.memory_gib)
        return 0
    if args.jobs != 1 and not jobs_argument(args.jobs):
        print(f"note: resolve() takes no jobs argument here; --jobs {args.jobs} is not used", file=sys.stderr)
    jobs = jobs_label(args.jobs)
    sizes = sorted(SMOKE_SIZES if args.smoke else args.sizes or DEFAULT_SIZES)
    code = code_version()
    repeat = max(1, args.repeat)
    runs = [fastest(size, args.seed, args.jobs, args.timeout, args.memory_gib, repeat) for size in sizes]
    if code_version() != code:
        code += "; WARNING: namefold's source changed while the benchmark ran"
    print(report(runs, code, jobs))
    crash = ("failed", "killed by")
    crashed = [r for r in runs if r.failure.startswith(crash) or r.baseline.failure.startswith(crash)]
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())
