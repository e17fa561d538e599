"""Benchmark namefold.resolve on generated name lists: wall time, peak memory and scaling.

    .venv/bin/python bench/bench_resolve.py                  # 10,000 and 100,000 names
    .venv/bin/python bench/bench_resolve.py 5000 20000 50000 # any sizes
    .venv/bin/python bench/bench_resolve.py --smoke          # 2,000 names, for CI

Each size runs in a fresh Python process, so namefold's word caches start cold and the peak RSS
(ru_maxrss) belongs to that size alone. Progress goes to stderr; the markdown report to stdout.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from make_names import generate

DEFAULT_SIZES = (10_000, 100_000)
SMOKE_SIZES = (2_000,)


@dataclass
class Run:
    """The measurements of one resolve() call (or why there are none)."""

    size: int
    seconds: float = 0.0
    distinct: int = 0
    clusters: int = 0
    pairs: int = 0
    peak_rss_mib: float = 0.0
    rss_before_mib: float = 0.0  # after import and generating the names, before resolve()
    stages: dict[str, float] = field(default_factory=dict)
    other_stats: dict[str, int] = field(default_factory=dict)  # resolve() stats not in the table
    failure: str = ""  # "timed out after 480 s", or the error


def log(size: int, message: str) -> None:
    print(f"[{size:>9,}] {message}", file=sys.stderr, flush=True)


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class StageClock:
    """A namefold `track` reporter that logs each stage and records when it starts and ends."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.marks: dict[str, float] = {}

    def __call__(self, items: Iterable[Any], total: int, label: str) -> Iterator[Any]:
        unit = {"normalise": "distinct names", "compare": "candidate pairs"}.get(label, "items")
        log(self.size, f"{label}: {total:,} {unit}")
        self.marks[f"{label} start"] = time.perf_counter()
        yield from items
        self.marks[f"{label} end"] = time.perf_counter()


def measure(size: int, seed: int) -> Run:
    """Generate `size` names and time one resolve() over them, in this process."""
    from namefold import resolve  # imported here so that import time is not part of the run
    from namefold.rules import default_rules

    log(size, "generating names")
    names = generate(size, seed)
    default_rules()  # load the rule tables before the clock starts
    run = Run(size, rss_before_mib=peak_rss_mib())
    clock = StageClock(size)
    log(size, "resolve")
    start = time.perf_counter()
    result = resolve(names, track=clock)
    end = time.perf_counter()
    run.seconds = end - start
    run.peak_rss_mib = peak_rss_mib()
    run.distinct = result.stats["distinct"]
    run.clusters = result.stats["clusters"]
    run.pairs = result.stats["pairs"]
    shown = ("names", "distinct", "clusters", "pairs")
    run.other_stats = {k: v for k, v in result.stats.items() if k not in shown}
    m = clock.marks
    if {"normalise end", "compare start", "compare end"} <= m.keys():
        run.stages = {
            "count, sort, normalise": m["normalise end"] - start,
            "blocking (candidate_pairs)": m["compare start"] - m["normalise end"],
            "compare pairs": m["compare end"] - m["compare start"],
            "graph, clustering, canonical": end - m["compare end"],
        }
    log(size, f"done in {run.seconds:.1f} s, peak RSS {run.peak_rss_mib:.0f} MiB")
    return run


def measure_in_child(size: int, seed: int, timeout: float | None) -> Run:
    """Run `measure` in a fresh interpreter: cold caches and a peak RSS of its own."""
    command = [sys.executable, str(Path(__file__).resolve()), "--one", str(size), "--seed", str(seed)]
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:  # subprocess.run has killed the child
        log(size, f"timed out after {timeout:.0f} s")
        return Run(size, failure=f"timed out after {timeout:.0f} s")
    if done.returncode != 0:
        return Run(size, failure=f"failed with exit code {done.returncode}")
    return Run(**json.loads(done.stdout))


def fastest(size: int, seed: int, timeout: float | None, repeat: int) -> Run:
    """The fastest of `repeat` runs of one size (a timed-out or failed run ends the repeats)."""
    best: Run | None = None
    for _ in range(repeat):
        run = measure_in_child(size, seed, timeout)
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


def report(runs: Sequence[Run], code: str) -> str:
    lines = [
        "| size | distinct names | clusters | candidate pairs | seconds | names/s | peak RSS MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        if r.failure:
            lines.append(f"| {r.size:,} | | | | {r.failure} | | |")
        else:
            lines.append(
                f"| {r.size:,} | {r.distinct:,} | {r.clusters:,} | {r.pairs:,} | {r.seconds:.2f} "
                f"| {r.size / r.seconds:,.0f} | {r.peak_rss_mib:,.0f} |"
            )
    lines += ["", f"Scaling ratio: {scaling_ratio(runs)} — 1.0 means linear.", ""]
    staged = [r for r in runs if r.stages]
    if staged:
        stages = list(staged[0].stages)
        lines += [
            "| stage (seconds) | " + " | ".join(f"{r.size:,}" for r in staged) + " |",
            "|---|" + "---:|" * len(staged),
        ]
        lines += [f"| {s} | " + " | ".join(f"{r.stages[s]:.2f}" for r in staged) + " |" for s in stages]
        lines.append("")
    for r in runs:
        if r.other_stats:
            other = ", ".join(f"{k} {v:,}" for k, v in r.other_stats.items())
            lines.append(f"Other stats at {r.size:,}: {other}  ")
    lines.append(f"Machine: {machine()}  ")
    lines.append(f"Code: {code}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark namefold.resolve on generated names.")
    parser.add_argument("sizes", nargs="*", type=int, help="list sizes (default: 10000 100000)")
    parser.add_argument("--smoke", action="store_true", help="run 2000 names only (for CI)")
    parser.add_argument("--seed", type=int, default=0, help="name generator seed (default 0)")
    parser.add_argument("--timeout", type=float, help="give up on a size after this many seconds")
    parser.add_argument(
        "--repeat", type=int, default=1, metavar="R", help="runs per size; the fastest is kept (default 1)"
    )
    parser.add_argument(
        "--one", type=int, metavar="N", help="measure N names in this process, print JSON (for profiling)"
    )
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(asdict(measure(args.one, args.seed))))
        return 0
    sizes = sorted(SMOKE_SIZES if args.smoke else args.sizes or DEFAULT_SIZES)
    code = code_version()
    runs = [fastest(size, args.seed, args.timeout, max(1, args.repeat)) for size in sizes]
    if code_version() != code:
        code += "; WARNING: namefold's source changed while the benchmark ran"
    print(report(runs, code))
    return 1 if any(r.failure.startswith("failed") for r in runs) else 0


if __name__ == "__main__":
    raise SystemExit(main())
