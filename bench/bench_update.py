"""Time `update` (plan_update) against `resolve` on the same new names and alias table.

A table of ENTITIES entities is made from the clusters of one generated list; NEW names from
another seed are then resolved against it and planned as an update. Run: python bench/bench_update.py

With --command, the whole `namefold update TABLE NEW.txt` command is timed instead, in a child
process (reading and checking the table, planning, writing it back): a table file of ENTITIES
generated people (one entity per person, its spellings as aliases) gets NEW names from another
seed; wall time and the child's peak RSS are reported, the best of --repeat runs. Issue 15's
target: one name into 20,000 entities in at most 2 s.

    python bench/bench_update.py --command --entities 20000 --new 1
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from make_names import generate, generate_people
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


def table_text(entities: int, seed: int) -> str:
    """An alias table in the README's layout: one entity per generated person, first spelling as
    canonical, the others as aliases; a spelling two people share stays with the first."""
    spellings: dict[int, list[str]] = {}
    owner: dict[str, int] = {}
    for name, person in generate_people(entities * 4, seed):
        if owner.setdefault(name, person) == person and name not in spellings.get(person, []):
            spellings.setdefault(person, []).append(name)
    lines, ids = ["entities:"], set()
    for person, names in sorted(spellings.items())[:entities]:
        entity_id = f"p{person}"
        ids.add(entity_id)
        lines += [f"  - id: {entity_id}", f"    canonical: {json.dumps(names[0], ensure_ascii=False)}"]
        if names[1:]:
            lines.append("    aliases:")
            lines += [f"      - {json.dumps(n, ensure_ascii=False)}" for n in names[1:]]
    if len(ids) < entities:
        raise SystemExit(f"only {len(ids)} people generated; raise the mention count")
    return "\n".join(lines) + "\n"


def time_command(entities: int, new: int, repeat: int) -> int:
    """The whole update command, in a child process, on a fresh copy of the table each run."""
    folder = Path(tempfile.mkdtemp(prefix="bench-update-"))
    try:
        source = folder / "source.yaml"
        source.write_text(table_text(entities, seed=1), encoding="utf-8")
        batch = folder / "new.txt"
        batch.write_text("\n".join(generate(new, seed=2)) + "\n", encoding="utf-8")
        runs, cpu = [], []
        for _ in range(repeat):
            table = folder / "table.yaml"
            shutil.copy(source, table)
            (folder / "table.review.csv").unlink(missing_ok=True)
            command = [
                sys.executable,
                "-c",
                "from namefold.cli import app; app()",
                "update",
                str(table),
                str(batch),
            ]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            runs.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            if done.returncode:
                print(done.stderr, file=sys.stderr)
                return 1
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = source.stat().st_size / 1e6
        print(f"table: {entities} entities ({size:.1f} MB); new names: {new}")
        print(f"update command: best {min(runs):.2f} s of {repeat} ({', '.join(f'{r:.2f}' for r in runs)})")
        print(f"CPU seconds (user + system), least of the runs: {min(cpu):.2f} (steadier than wall time)")
        print(f"peak RSS of one run: {peak:.0f} MiB")
        print(done.stderr.strip())
        return 0
    finally:
        shutil.rmtree(folder)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=5_000)
    parser.add_argument("--new", type=int, default=10_000)
    parser.add_argument("--command", action="store_true", help="time the whole update command")
    parser.add_argument("--repeat", type=int, default=1, help="with --command: runs, the best reported")
    args = parser.parse_args(argv)
    if args.command:
        return time_command(args.entities, args.new, args.repeat)
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
