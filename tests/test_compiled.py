"""The compiled matcher kernel (namefold._align_c) and the pure-Python one give the same results.

Both are in one install: NAMEFOLD_PURE=1 makes namefold use the pure one. The development sets are
read from ../shared/eval next to the checkout (or $NAMEFOLD_EVAL_DIR) when they are there.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from namefold import _align
from namefold.words import KERNEL
from test_compare import CASES

ROOT = Path(__file__).parent.parent
EVAL_DIR = Path(os.environ.get("NAMEFOLD_EVAL_DIR", ROOT.parent / "shared" / "eval"))

compiled: ModuleType | None
try:
    from namefold import _align_c as compiled  # type: ignore[attr-defined]
except ImportError:
    compiled = None

needs_compiled = pytest.mark.skipif(compiled is None, reason="the compiled kernel was not built")


def _namefold(*args: str, pure: bool, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run namefold in a fresh process, where NAMEFOLD_PURE is read."""
    env = {k: v for k, v in os.environ.items() if k != "NAMEFOLD_PURE"}
    if pure:
        env["NAMEFOLD_PURE"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "namefold", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )


def _names_to_resolve() -> list[str]:
    """Generated names, the golden cases' names and the Arabic development sets' names, if present."""
    made = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "make_names.py"), "3000", "--seed", "3"],
        capture_output=True,
        text=True,
        check=True,
    )
    names = made.stdout.splitlines()
    for path in sorted(CASES.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            names.extend(name for row in csv.DictReader(handle) for name in (row["left"], row["right"]))
    for path in sorted(EVAL_DIR.glob("*_arabic_dev.tsv")):  # sdn_general_dev would double the time
        with path.open(encoding="utf-8", newline="") as handle:
            names.extend(row["name"] for row in csv.DictReader(handle, delimiter="\t"))
    return names


@needs_compiled
def test_compiled_and_pure_kernels_resolve_to_the_same_bytes(tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("\n".join(_names_to_resolve()) + "\n", encoding="utf-8")
    command = ("resolve", str(names), "-f", "json", "-q", "--no-aliases")
    assert _namefold(*command, pure=False).stdout == _namefold(*command, pure=True).stdout


def reference_table(
    subs: list[list[float]],
    drop_a: tuple[float, ...],
    drop_b: tuple[float, ...],
    split_ab: list[list[float | None] | None] | None,
    split_ba: list[list[float | None] | None] | None,
) -> list[list[float]]:
    """The textbook recurrence, every move listed and min() taken, to hold both kernels to."""
    n, m = len(drop_a), len(drop_b)
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    for j in range(1, m + 1):
        cost[0][j] = cost[0][j - 1] + drop_b[j - 1]
    for i in range(1, n + 1):
        cost[i][0] = cost[i - 1][0] + drop_a[i - 1]
        for j in range(1, m + 1):
            moves = [
                cost[i - 1][j - 1] + subs[i - 1][j - 1],
                cost[i - 1][j] + drop_a[i - 1],
                cost[i][j - 1] + drop_b[j - 1],
            ]
            here = split_ab[i - 1] if split_ab is not None else None
            if here is not None and j >= 2 and here[j - 1] is not None:
                moves.append(cost[i - 1][j - 2] + here[j - 1])
            there = split_ba[i - 1] if split_ba is not None else None
            if there is not None and there[j - 1] is not None:
                moves.append(cost[i - 2][j - 1] + there[j - 1])
            cost[i][j] = min(moves)
    return cost


COSTS = st.one_of(st.sampled_from([0.0, 0.1, 0.2, 0.25, 0.3, 0.5, 1.0]), st.floats(0, 3))
SPLITS = st.one_of(st.none(), COSTS)


@st.composite
def tables(draw: st.DrawFn) -> tuple[object, ...]:
    """Inputs to cost_table as words.py makes them: split rows only where a diphthong is."""
    n, m = draw(st.integers(0, 7)), draw(st.integers(0, 7))
    subs = [[draw(COSTS) for _ in range(m)] for _ in range(n)]
    drop_a, drop_b = tuple(draw(COSTS) for _ in range(n)), tuple(draw(COSTS) for _ in range(m))
    split_ab = None
    if draw(st.booleans()):
        split_ab = [[draw(SPLITS) for _ in range(m)] if draw(st.booleans()) else None for _ in range(n)]
    split_ba = None
    if n and draw(st.booleans()):
        split_ba = [None, *([draw(SPLITS) for _ in range(m)] for _ in range(n - 1))]
    return subs, drop_a, drop_b, split_ab, split_ba


@given(tables())
def test_pure_kernel_is_the_textbook_recurrence(args: tuple[object, ...]) -> None:
    assert _align.cost_table(*args) == reference_table(*args)


@needs_compiled
@given(tables())
def test_compiled_kernel_gives_the_same_floats(args: tuple[object, ...]) -> None:
    assert compiled is not None
    assert [list(map(float.hex, row)) for row in compiled.cost_table(*args)] == [
        list(map(float.hex, row)) for row in _align.cost_table(*args)
    ]


@needs_compiled
def test_compiled_kernel_was_built_with_its_c_types() -> None:
    """A build that missed _align.pxd compiles untyped, as slow as Python, and takes any sequence."""
    assert compiled is not None
    with pytest.raises(TypeError):
        compiled.cost_table([], [], [], None, None)


def test_version_names_the_matcher() -> None:
    expected = "compiled" if compiled is not None else "pure-Python"
    assert _namefold("--version", pure=False).stdout.endswith(f"({expected} matcher)\n")
    assert _namefold("--version", pure=True).stdout.endswith("(pure-Python matcher)\n")


@pytest.mark.skipif(not os.environ.get("NAMEFOLD_REQUIRE_COMPILED"), reason="NAMEFOLD_REQUIRE_COMPILED unset")
def test_compiled_kernel_is_installed_where_required() -> None:
    assert compiled is not None, "NAMEFOLD_REQUIRE_COMPILED is set but namefold._align_c was not built"
    if not os.environ.get("NAMEFOLD_PURE"):
        assert KERNEL == "compiled"


@needs_compiled
def test_a_compiled_kernel_built_from_another_source_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    from namefold import words

    assert compiled is not None
    monkeypatch.delenv("NAMEFOLD_PURE", raising=False)
    assert words._kernel()[1] == "compiled"
    monkeypatch.setattr(compiled, "SOURCE_DIGEST", "0" * 64)  # as if _align.py changed since the build
    assert words._kernel() == (_align.cost_table, "pure-Python")
