"""The benchmark's name generator and report: reproducible, realistic lists and honest tables."""

from __future__ import annotations

import importlib
import inspect
import json
import re
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import pytest

import namefold

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
make_names = importlib.import_module("make_names")
bench_resolve = importlib.import_module("bench_resolve")


def test_same_seed_gives_the_same_list_and_another_seed_another() -> None:
    first = make_names.generate(3_000, seed=5)
    assert len(first) == 3_000
    assert make_names.generate(3_000, seed=5) == first
    assert make_names.generate(3_000, seed=6) != first


def test_most_names_of_a_moderate_list_are_distinct() -> None:
    names = make_names.generate(20_000, seed=0)
    assert len(set(names)) / len(names) >= 0.5


def test_a_person_is_mentioned_in_several_spellings() -> None:
    spellings: dict[int, set[str]] = {}
    for name, person in make_names.generate_people(5_000, seed=1):
        spellings.setdefault(person, set()).add(name)
    assert max(len(s) for s in spellings.values()) >= 4
    assert sum(len(s) > 1 for s in spellings.values()) / len(spellings) >= 0.3


def test_a_few_given_names_are_very_common() -> None:
    first_words = Counter(name.split()[0] for name in make_names.generate(20_000, seed=2))
    muhammad = sum(n for word, n in first_words.items() if re.fullmatch(r"M[ou]+hamm?[ae]d", word))
    assert muhammad / first_words.total() >= 0.05
    top = [word for word, _ in first_words.most_common(12)]
    assert "Ali" in top and ("Ahmad" in top or "Ahmed" in top)


def test_a_timeout_during_the_baseline_keeps_the_resolve_figures() -> None:
    run = bench_resolve.Run(1_000, seconds=2.0, distinct=800, clusters=300, pairs=900, peak_rss_mib=50)
    line = json.dumps(asdict(run))
    kept = bench_resolve.run_from_lines(1_000, [line], "timed out after 5 s")
    assert kept.seconds == 2.0 and not kept.failure
    assert kept.baseline.failure == "timed out after 5 s"
    assert bench_resolve.run_from_lines(1_000, [], "timed out after 5 s").failure == "timed out after 5 s"


def test_report_without_rapidfuzz_says_so_and_leaves_the_baseline_columns_na() -> None:
    none = bench_resolve.Baseline(failure="rapidfuzz is not installed")
    runs = [
        bench_resolve.Run(1_000, seconds=1.0, distinct=900, pairs=10, clusters=5, baseline=none),
        bench_resolve.Run(10_000, seconds=15.0, distinct=8_000, pairs=100, clusters=50, baseline=none),
        bench_resolve.Run(100_000, failure="timed out after 60 s"),
    ]
    text = bench_resolve.report(runs, "namefold test", "jobs=1")
    assert "| seconds (jobs=1) |" in text
    assert "| 10,000 | 8,000 | 100 | 50 | 15.00 | 667 | 0 | 1.50 | n/a | n/a | n/a |" in text
    assert "| 100,000 | | | | timed out after 60 s |" in text
    assert "rapidfuzz is not installed" in text


def test_jobs_goes_only_to_a_resolve_that_takes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    takes_jobs = "jobs" in inspect.signature(namefold.resolve).parameters
    assert bench_resolve.jobs_argument(2) == ({"jobs": 2} if takes_jobs else {})

    def resolve(names: list[str], *, jobs: int = 1) -> None:
        """A resolve() with a jobs argument, as the parallel engine adds."""

    monkeypatch.setattr(namefold, "resolve", resolve)
    assert bench_resolve.jobs_argument(2) == {"jobs": 2}
    assert bench_resolve.jobs_label(2) == "jobs=2"


def test_the_stage_benchmark_runs_the_stages_resolve_runs(capsys: pytest.CaptureFixture[str]) -> None:
    bench_stages = importlib.import_module("bench_stages")
    assert bench_stages.main(["1500", "--seed", "4"]) == 0
    report = json.loads(capsys.readouterr().out)
    names = make_names.generate(1_500, seed=4)
    assert report["pairs"] == namefold.resolve(names).stats["pairs"]  # the same candidate pairs
