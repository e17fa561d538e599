"""Time `update` (plan_update) against `resolve` on the same new names and alias table.

A table of ENTITIES entities is made from the clusters of one generated list; NEW names from
another seed are then resolved against it and planned as an update. Run: python bench/bench_update.py
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from make_names import generate
from namefold.aliases import AliasTable
from namefold.model import Entity
from namefold.pipeline import resolve
from namefold.rules import default_rules
from namefold.update import plan_update


def make_table(entities: int, seed: int) -> AliasTable:
    """An alias table of the first `entities` clusters of a generated list."""
    clusters = resolve(generate(entities * 12, seed)).clusters[:entities]
    return AliasTable(
        "bench.yaml",
        tuple(
            Entity(c.id, c.canonical, aliases=tuple(m.name for m in c.members if m.name != c.canonical))
            for c in clusters
        ),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=5_000)
    parser.add_argument("--new", type=int, default=10_000)
    args = parser.parse_args(argv)
    default_rules()
    table = make_table(args.entities, seed=1)
    names = generate(args.new, 2)
    start = time.perf_counter()
    resolved = resolve(names, aliases=table)
    middle = time.perf_counter()
    plan = plan_update(table, names)
    end = time.perf_counter()
    r, u = middle - start, end - middle
    print(f"table: {len(table.entities)} entities; new names: {len(names)}")
    print(f"resolve: {r:.2f} s ({resolved.stats['clusters']} clusters)")
    print(
        f"update plan: {u:.2f} s ({sum(map(len, plan.aliases.values()))} aliases, "
        f"{len(plan.entities)} new entities, {len(plan.review)} review rows)"
    )
    print(f"ratio update / resolve: {u / r:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
