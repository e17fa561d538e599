"""The command line for issue 4: --threshold numbers and presets, and `evaluate --sweep`."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from namefold.cli import app

runner = CliRunner()

# One spelling pair scoring between the balanced (0.86) and precise (0.92) presets.
BETWEEN = ("Khamenei", "Khamenehi")

GOLD = """\
name\tcluster_id
Mustafa al-Kadhimi\tkadhimi
Mustafa al-Kazemi\tkadhimi
Kadhimi\tkadhimi
Qassem Soleimani\tsoleimani
Qasem Suleimani\tsoleimani
Ali Khamenei\tkhamenei
Ali Khamenehi\tkhamenei
Fawaz bin Khalid al-Dosari\tfawaz-khalid
Fawaz bin Nasser al-Dosari\tfawaz-nasser
"""


def run(*args: object):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def assert_ok(result) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)


def groups(csv_text: str) -> set[frozenset[str]]:
    members: dict[str, set[str]] = defaultdict(set)
    for row in csv.DictReader(io.StringIO(csv_text)):
        members[row["cluster_id"]].add(row["name"])
    return {frozenset(m) for m in members.values()}


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    return write(tmp_path / "gold.tsv", GOLD)


# --- --threshold ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preset", "number"), [("precise", "0.92"), ("balanced", "0.86"), ("recall", "0.80")]
)
def test_explain_preset_is_its_number(preset: str, number: str) -> None:
    named = run("explain", "--threshold", preset, *BETWEEN)
    numbered = run("explain", "-t", number, *BETWEEN)
    assert_ok(named)
    assert_ok(numbered)
    assert named.stdout == numbered.stdout
    assert f"threshold {number})" in named.stdout.splitlines()[0]


def test_explain_threshold_moves_the_verdict() -> None:
    assert run("explain", *BETWEEN).stdout.startswith("same ")
    assert run("explain", "--threshold", "precise", *BETWEEN).stdout.startswith("different ")
    assert run("explain", "-t", "0.9", *BETWEEN).stdout.startswith("different ")
    assert run("explain", "-t", "recall", *BETWEEN).stdout.startswith("same ")


def test_default_threshold_is_the_balanced_preset() -> None:
    assert run("explain", *BETWEEN).stdout == run("explain", "-t", "balanced", *BETWEEN).stdout


def test_resolve_accepts_presets_and_numbers(tmp_path: Path) -> None:
    names = write(tmp_path / "n.txt", "\n".join(BETWEEN) + "\n")
    balanced = run("resolve", "--no-aliases", "-q", names)
    precise = run("resolve", "--no-aliases", "-q", "--threshold", "precise", names)
    strict = run("resolve", "--no-aliases", "-q", "-t", "0.99", names)
    for result in (balanced, precise, strict):
        assert_ok(result)
    assert groups(balanced.stdout) == {frozenset(BETWEEN)}
    assert groups(precise.stdout) == {frozenset({n}) for n in BETWEEN}
    assert groups(precise.stdout) == groups(run("resolve", "--no-aliases", "-q", "-t", "0.92", names).stdout)
    assert groups(strict.stdout) == groups(precise.stdout)


@pytest.mark.parametrize("threshold", ["precise", "0.9"])
def test_evaluate_accepts_threshold(gold: Path, threshold: str) -> None:
    result = run("evaluate", "-q", "--threshold", threshold, gold)
    assert_ok(result)
    assert re.search(r"^pairwise  P \d\.\d{3}  R \d\.\d{3}  F1 \d\.\d{3}$", result.stdout, re.M)


@pytest.mark.parametrize("bad", ["1.5", "abc", "-0.1", "nan"])
@pytest.mark.parametrize(
    "command",
    [
        ("explain", "Kadhimi", "Kazemi"),
        ("resolve", "--no-aliases", "names.txt"),
        ("evaluate", "gold.tsv"),
    ],
)
def test_bad_threshold_is_a_one_line_error_naming_the_option(
    tmp_path: Path, command: tuple[str, ...], bad: str
) -> None:
    write(tmp_path / "names.txt", "Kadhimi\nKazemi\n")
    write(tmp_path / "gold.tsv", GOLD)
    args = [tmp_path / a if a.endswith((".txt", ".tsv")) else a for a in command]
    result = run(*args[:1], "--threshold", bad, *args[1:])
    assert result.exit_code != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "Error" in line]
    assert len(errors) == 1, result.stderr
    assert "--threshold" in errors[0] and repr(bad) in errors[0]


# --- evaluate --sweep -------------------------------------------------------------------------

ROW = re.compile(r"^\s*(\d\.\d\d)\s+(\d\.\d{3})\s+(\d\.\d{3})\s+(\d\.\d{3})\s+(\d\.\d{3})(?:\s+\((\w+)\))?$")


def sweep_rows(stdout: str) -> list[re.Match[str]]:
    return [m for line in stdout.splitlines() if (m := ROW.match(line))]


def test_sweep_prints_one_line_per_threshold_with_presets_marked(gold: Path) -> None:
    result = run("evaluate", "--sweep", "-q", gold)
    assert_ok(result)
    rows = sweep_rows(result.stdout)
    assert len(rows) == 15
    assert [float(r[1]) for r in rows] == [round(0.70 + 0.02 * i, 2) for i in range(15)]
    marked = {r[6]: r[1] for r in rows if r[6]}
    assert marked == {"recall": "0.80", "balanced": "0.86", "precise": "0.92"}
    for row in rows:
        assert all(0.0 <= float(row[i]) <= 1.0 for i in range(2, 6))
    # 15 score lines, the gold summary and the column header, nothing else
    assert len(result.stdout.splitlines()) == 17


def test_sweep_line_matches_a_plain_evaluate_at_that_threshold(gold: Path) -> None:
    rows = {r[1]: r for r in sweep_rows(run("evaluate", "--sweep", "-q", gold).stdout)}
    for threshold in ("0.80", "0.92", "0.98"):
        plain = run("evaluate", "-q", "-t", threshold, gold)
        assert_ok(plain)
        p, r, f1 = re.search(r"pairwise  P (\S+)  R (\S+)  F1 (\S+)", plain.stdout).groups()  # type: ignore[union-attr]
        b_f1 = re.search(r"B-cubed .* F1 (\S+)", plain.stdout)[1]  # type: ignore[index]
        assert rows[threshold].group(2, 3, 4, 5) == (p, r, f1, b_f1)


def test_sweep_keeps_brothers_apart_at_every_threshold(gold: Path) -> None:
    # The Fawaz brothers share given name and surname but not their father's name: no threshold,
    # however low, may join them (nor anything else the gold keeps apart).
    rows = sweep_rows(run("evaluate", "--sweep", "-q", gold).stdout)
    assert all(float(r[2]) == 1.0 for r in rows)


def test_sweep_with_predicted_is_an_error(gold: Path, tmp_path: Path) -> None:
    predicted = write(tmp_path / "p.csv", "cluster_id,canonical,name,count\nk,Kadhimi,Kadhimi,1\n")
    result = run("evaluate", "--sweep", "--predicted", predicted, gold)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert "--predicted" in lines[0]
    assert result.stdout == ""
