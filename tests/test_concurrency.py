"""Writers of one table at the same time lose nothing; a writer killed at any point leaves the
table as it was or as it would have been, never half of it. Real processes, bounded in time."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_helpers import assert_ok, run
from namefold.aliases import read_alias_table

TABLE = (
    "entities:\n"
    "  - id: hadi-salman\n    canonical: Hadi Salman\n    aliases: [Hadi Selman]\n"
    "  - id: sami-al-rawi\n    canonical: Sami al-Rawi\n    aliases: [Sami Rawi, Abu Omar]\n"
)
# Names that match nothing in the table nor each other: each becomes an entity of its own.
NEW = ["Omar Khayyam", "Bashir Gemayel", "Nouri Maliki", "Zaid Harith"]


def command(*args: object) -> list[str]:
    return [sys.executable, "-m", "namefold", *map(str, args)]


def start(*args: object) -> subprocess.Popen:
    return subprocess.Popen(command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def canonicals(table: Path) -> set[str]:
    return {e.canonical for e in read_alias_table(table).entities}


@pytest.mark.parametrize("writers", [2, 4])
def test_writers_at_the_same_time_lose_no_edit(tmp_path: Path, writers: int) -> None:
    table = tmp_path / "t.yaml"
    table.write_text(TABLE, encoding="utf-8")
    inputs = []
    for i, name in enumerate(NEW[:writers]):
        inputs.append(tmp_path / f"n{i}.txt")
        inputs[-1].write_text(name + "\n", encoding="utf-8")
    running = [start("update", table, path, "-q") for path in inputs]
    outcomes = [(p.wait(timeout=120), p.stderr.read().decode()) for p in running]  # type: ignore[union-attr]
    assert [code for code, _ in outcomes] == [0] * writers, outcomes
    assert canonicals(table) == {"Hadi Salman", "Sami al-Rawi", *NEW[:writers]}
    assert not (tmp_path / "t.yaml.lock").exists()


EDITS = {
    "update": lambda t, n: ["update", t, n, "-q"],
    "merge": lambda t, n: ["merge", t, "hadi-salman", "sami-al-rawi"],
    "split": lambda t, n: ["split", t, "sami-al-rawi", "Abu Omar"],
}


def edited(folder: Path, edit: str) -> bytes:
    """The table as the edit leaves it when it runs to the end (in this process: quicker)."""
    shutil.copytree(folder, folder.with_name("reference"))
    reference = folder.with_name("reference")
    assert_ok(run(*EDITS[edit](reference / "t.yaml", reference / "n.txt")))
    return (reference / "t.yaml").read_bytes()


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_writer_killed_at_any_point_leaves_the_old_table_or_the_new(tmp_path: Path, edit: str) -> None:
    folder = tmp_path / "run"
    folder.mkdir()
    (folder / "n.txt").write_text("Omar Khayyam\nBashir Gemayel\n", encoding="utf-8")
    (folder / "t.yaml").write_text(TABLE, encoding="utf-8")
    new = edited(folder, edit)
    assert new != TABLE.encode()
    rnd = random.Random(f"kill {edit}")
    for attempt in range(2):
        (folder / "t.yaml").write_text(TABLE, encoding="utf-8")
        process = start(*EDITS[edit](folder / "t.yaml", folder / "n.txt"))
        time.sleep(rnd.uniform(0.3, 1.5))  # from interpreter start to well past the rename
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        assert (folder / "t.yaml").read_bytes() in (TABLE.encode(), new), (edit, attempt)
    if edit == "update":  # a lock file left by a killed writer does not block the next one
        (folder / "t.yaml").write_text(TABLE, encoding="utf-8")
        assert (
            subprocess.run(command(*EDITS[edit](folder / "t.yaml", folder / "n.txt")), timeout=120).returncode
            == 0
        )
        assert (folder / "t.yaml").read_bytes() == new
