"""The quality gate: scores on the golden cases and the development sets may not fall below floors.

The floors live in tests/data/quality_floors.yaml. The development sets are not shipped with
namefold; they are read from ../shared/eval next to the checkout (or $NAMEFOLD_EVAL_DIR), and the
gate on them is skipped where they are absent, unless $NAMEFOLD_REQUIRE_EVAL is set.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from namefold import explain
from namefold.cli import app
from test_compare import CASES, load_cases

ROOT = Path(__file__).parent.parent
FLOORS = YAML(typ="safe").load((Path(__file__).parent / "data" / "quality_floors.yaml").read_text())
EVAL_DIR = Path(os.environ.get("NAMEFOLD_EVAL_DIR", ROOT.parent / "shared" / "eval"))


@pytest.mark.parametrize("case_file", sorted(FLOORS["golden_cases"]))
def test_golden_cases_are_judged_right(case_file: str) -> None:
    cases = load_cases(CASES / case_file)
    right = sum(explain(left, right).same is same for left, right, same, _ in cases)
    floor = FLOORS["golden_cases"][case_file]
    assert right / len(cases) >= floor, f"{case_file}: {right} of {len(cases)} golden cases right"


def test_every_case_file_has_a_floor() -> None:
    assert {p.name for p in CASES.glob("*.csv")} == set(FLOORS["golden_cases"])


@cache
def _evaluated(gold: str) -> list[str]:
    """The lines `namefold evaluate` prints for a development set (run once per set)."""
    path = EVAL_DIR / gold
    if not path.exists():
        if os.environ.get("NAMEFOLD_REQUIRE_EVAL"):
            pytest.fail(f"{path} is missing and NAMEFOLD_REQUIRE_EVAL is set")
        pytest.skip(f"{path} is not here: the development sets are not shipped")
    extra = ["--exclude-aliases"] if gold.endswith(".yaml") else []
    result = CliRunner().invoke(app, ["evaluate", str(path), "--show", "0", *extra])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


@pytest.mark.parametrize(
    "gold", ["sdn_arabic_dev.tsv", "anetac_arabic_dev.tsv", "seeds_gold.yaml", "sdn_general_dev.tsv"]
)
def test_development_set_scores_stay_above_their_floor(gold: str) -> None:
    line = next(line for line in _evaluated(gold) if line.startswith("pairwise"))
    f1 = float(line.split("F1")[1])
    assert f1 >= FLOORS[gold], f"{gold}: pairwise F1 {f1:.3f} fell below the floor {FLOORS[gold]}"


@pytest.mark.parametrize("kind", ["person", "organisation"])
def test_scores_by_type_stay_above_their_floor(kind: str) -> None:
    gold = "sdn_general_dev.tsv"
    lines = _evaluated(gold)
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{kind}: "))
    f1 = float(lines[at + 1].split("F1")[1])
    floor = FLOORS[f"{gold} {kind}"]
    assert f1 >= floor, f"{gold}, {kind}: pairwise F1 {f1:.3f} fell below the floor {floor}"
