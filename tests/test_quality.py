"""The quality gate: scores on the golden cases and the development sets may not fall below floors.

The floors live in tests/data/quality_floors.yaml. The development sets are not shipped with
namefold; they are read from ../shared/eval next to the checkout (or $NAMEFOLD_EVAL_DIR), and the
gate on them is skipped where they are absent, unless $NAMEFOLD_REQUIRE_EVAL is set.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from namefold import explain
from namefold.cli import app
from test_compare import load_cases

ROOT = Path(__file__).parent.parent
FLOORS = YAML(typ="safe").load((Path(__file__).parent / "data" / "quality_floors.yaml").read_text())
EVAL_DIR = Path(os.environ.get("NAMEFOLD_EVAL_DIR", ROOT.parent / "shared" / "eval"))


def test_golden_cases_are_judged_right() -> None:
    cases = load_cases()
    right = sum(explain(left, right).same is same for left, right, same, _ in cases)
    assert right / len(cases) >= FLOORS["golden_cases"], f"{right} of {len(cases)} golden cases right"


@pytest.mark.parametrize(
    "gold", ["sdn_arabic_dev.tsv", "anetac_arabic_dev.tsv", "seeds_gold.yaml", "sdn_general_dev.tsv"]
)
def test_development_set_scores_stay_above_their_floor(gold: str) -> None:
    path = EVAL_DIR / gold
    if not path.exists():
        if os.environ.get("NAMEFOLD_REQUIRE_EVAL"):
            pytest.fail(f"{path} is missing and NAMEFOLD_REQUIRE_EVAL is set")
        pytest.skip(f"{path} is not here: the development sets are not shipped")
    extra = ["--exclude-aliases"] if gold.endswith(".yaml") else []
    result = CliRunner().invoke(app, ["evaluate", str(path), "--show", "0", *extra])
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if line.startswith("pairwise"))
    f1 = float(line.split("F1")[1])
    assert f1 >= FLOORS[gold], f"{gold}: pairwise F1 {f1:.3f} fell below the floor {FLOORS[gold]}"


@pytest.mark.parametrize("kind", ["person", "organisation"])
def test_scores_by_type_stay_above_their_floor(kind: str) -> None:
    gold = "sdn_general_dev.tsv"
    path = EVAL_DIR / gold
    if not path.exists():
        if os.environ.get("NAMEFOLD_REQUIRE_EVAL"):
            pytest.fail(f"{path} is missing and NAMEFOLD_REQUIRE_EVAL is set")
        pytest.skip(f"{path} is not here: the development sets are not shipped")
    result = CliRunner().invoke(app, ["evaluate", str(path), "--show", "0"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{kind}: "))
    f1 = float(lines[at + 1].split("F1")[1])
    floor = FLOORS[f"{gold} {kind}"]
    assert f1 >= floor, f"{gold}, {kind}: pairwise F1 {f1:.3f} fell below the floor {floor}"
