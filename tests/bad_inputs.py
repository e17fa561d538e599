"""A bad-input corpus made by code, and the runner that feeds it to every command that reads a file.

Each command has slots (the files it reads: names, a table, a resolution, records, a gold ...);
each slot is filled in turn with every variant of a valid file: broken encodings, NUL bytes,
other line ends, invisible marks, a 5 MB line, nothing at all, a directory, a missing path, a
FIFO, malformed syntax, anchor bombs, duplicates, formula cells and HTML. Every run must end in
right output (exit 0, outputs that parse, the names read are the names given) or in one clear
error (exit 1, one `Error:` line, no traceback), quickly, and no input may change.

`python tests/bad_inputs.py` prints how each command's runs ended.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from typer.testing import CliRunner

from namefold.cli import app
from namefold.writers import unguard

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_SECONDS = 10.0
HADI = "Hadi al-Amiri"

VALID: dict[str, str] = {
    "names.txt": f"Mustafa al-Kadhimi\nMustafa al-Kazemi\n{HADI}\n",
    "names.csv": f"id,name\n1,Mustafa al-Kadhimi\n2,Mustafa al-Kazemi\n3,{HADI}\n",
    "names.jsonl": (
        '{"name": "Mustafa al-Kadhimi"}\n{"name": "Mustafa al-Kazemi"}\n' + json.dumps({"name": HADI}) + "\n"
    ),
    "doc.txt": f"Prime Minister Mustafa al-Kadhimi met {HADI} on Sunday.\nKadhimi said little.\n",
    "table.yaml": (
        "entities:\n"
        "  - id: a\n    canonical: Mustafa al-Kadhimi\n    aliases: [Kadhimi]\n"
        f"  - id: b\n    canonical: {HADI}\n    aliases: [Abu Hassan]\n"
    ),
    "review.csv": f"left,right,entity_id,score,reasons,decision\nHadi Amiri,{HADI},b,0.800,,same\n",
    "records.csv": f"id,who\n1,Mustafa al-Kazemi\n2,{HADI}\n",
    "records.jsonl": '{"who": "Mustafa al-Kazemi"}\n' + json.dumps({"who": HADI}) + "\n",
    "gold.tsv": f"name\tcluster\nMustafa al-Kadhimi\t1\nMustafa al-Kazemi\t1\n{HADI}\t2\n",
    "gold.yaml": (
        "entities:\n  - id: k\n    mentions: {a: [Mustafa al-Kadhimi, Mustafa al-Kazemi]}\n"
        f"  - id: h\n    mentions: {{a: [{HADI}]}}\n"
    ),
    "predicted.csv": f"cluster_id,name\nk,Mustafa al-Kadhimi\nk,Mustafa al-Kazemi\nh,{HADI}\n",
    "resolution.json": json.dumps(
        {
            "clusters": [
                {
                    "id": "k",
                    "canonical": "Mustafa al-Kadhimi",
                    "members": [
                        {"name": "Mustafa al-Kadhimi", "count": 1},
                        {"name": "Mustafa al-Kazemi", "count": 1},
                    ],
                    "edges": [
                        {
                            "left": "Mustafa al-Kadhimi",
                            "right": "Mustafa al-Kazemi",
                            "score": 0.95,
                            "reasons": [],
                        }
                    ],
                },
                {"id": "h", "canonical": HADI, "members": [{"name": HADI, "count": 1}], "edges": []},
            ]
        },
        indent=2,
    )
    + "\n",
}
MALFORMED = {
    "csv": 'id,name\n1,"Mustafa\n2,Omar\n',
    "jsonl": '{"name": "Ali"}\n{"name": \n',
    "yaml": "entities:\n  - id: a\n    canonical: [Ali\n",
    "json": '{"clusters": [{"id": "k",',
    "tsv": "name\tcluster\nAli\n",
}
DUPLICATED = {
    "names.txt": VALID["names.txt"] + "Mustafa al-Kadhimi\n",
    "names.csv": "name,id,name\nAli,1,Omar\n",
    "names.jsonl": '{"name": "Ali", "name": "Omar"}\n',
    "doc.txt": VALID["doc.txt"] * 2,
    "table.yaml": VALID["table.yaml"] + "  - id: a\n    canonical: Omar\n",
    "review.csv": "left,entity_id,decision,left\nAli,a,same,Omar\n",
    "records.csv": "who,who\nAli,Omar\n",
    "records.jsonl": '{"who": "Ali", "who": "Omar"}\n',
    "gold.tsv": VALID["gold.tsv"] + f"{HADI}\t1\n",
    "gold.yaml": VALID["gold.yaml"] + "  - id: k\n    mentions: {a: [Omar]}\n",
    "predicted.csv": "cluster_id,name,name\nk,Ali,Omar\n",
    "resolution.json": '{"clusters": [], "clusters": []}\n',
}


def anchor_bomb(depth: int = 30) -> str:
    lines = ["x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"x{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, depth)]
    return "\n".join(lines) + "\nentities: []\n"


def _line_ends(text: str, ends: tuple[str, ...]) -> str:
    lines = text.split("\n")
    return "".join(line + ends[i % len(ends)] for i, line in enumerate(lines[:-1])) + lines[-1]


def _second_line(data: bytes, insert: bytes) -> bytes:
    first, _, rest = data.partition(b"\n")
    return first + b"\n" + insert + rest


def _rename(text: str, new: str) -> str:
    """The valid file with Hadi al-Amiri's name replaced (as JSON needs it inside JSON)."""
    return text.replace(json.dumps(HADI), json.dumps(new)).replace(HADI, new)


# Each variant: valid text of a slot -> bytes, or a marker for a directory, a missing path, a FIFO.
VARIANTS: dict[str, Callable[[str, str], bytes | str | None]] = {
    "invalid UTF-8": lambda t, k: _second_line(t.encode(), b"\xff\xfe"),
    "UTF-16 with BOM": lambda t, k: t.encode("utf-16"),
    "UTF-16 without BOM": lambda t, k: t.encode("utf-16-le"),
    "UTF-32": lambda t, k: t.encode("utf-32"),
    "NUL byte": lambda t, k: _second_line(t.encode(), b"\x00"),
    "CR line ends": lambda t, k: t.replace("\n", "\r").encode(),
    "CRLF line ends": lambda t, k: t.replace("\n", "\r\n").encode(),
    "mixed line ends": lambda t, k: _line_ends(t, ("\r\n", "\n", "\r")).encode(),
    "zero-width and bidi marks": lambda t, k: _rename(t, "Ha\u200bdi al-Ami\u202eri\u200f").encode(),
    "5 MB line": lambda t, k: t.encode() + b"x" * 5_000_000 + b"\n",
    "empty file": lambda t, k: b"",
    "directory": lambda t, k: "dir",
    "missing path": lambda t, k: "missing",
    "FIFO": lambda t, k: "fifo",
    "malformed": lambda t, k: MALFORMED.get(k.rsplit(".", 1)[1], "").encode() or None,
    "anchor bomb": lambda t, k: anchor_bomb().encode() if k.endswith(".yaml") else None,
    "duplicates": lambda t, k: DUPLICATED[k].encode(),
    "formula cells": lambda t, k: _rename(t, "=HYPERLINK(1) Hadi").encode(),
    "HTML and JS": lambda t, k: _rename(t, "<script>alert(1)</script> Hadi").encode(),
}

# command -> slots: (the kind of file the slot takes, the arguments with {f} for it).
COMMANDS: dict[str, list[tuple[str, list[str]]]] = {
    "resolve": [
        ("names.txt", ["resolve", "{f}"]),
        ("names.csv", ["resolve", "{f}"]),
        ("names.jsonl", ["resolve", "{f}"]),
        ("table.yaml", ["resolve", "{names}", "-a", "{f}"]),
    ],
    "resolve --text": [("doc.txt", ["resolve", "--text", "{f}", "-q"])],
    "extract": [("doc.txt", ["extract", "{f}", "-q"])],
    "update": [
        ("names.txt", ["update", "{table}", "{f}", "-q"]),
        ("names.csv", ["update", "{table}", "{f}", "-q"]),
        ("table.yaml", ["update", "{f}", "{names}", "-q", "--wait", "1"]),
        ("review.csv", ["update", "{table}", "--labels", "{f}", "-q"]),
    ],
    "check": [("table.yaml", ["check", "{f}"])],
    "merge": [("table.yaml", ["merge", "{f}", "a", "b", "--wait", "1"])],
    "split": [("table.yaml", ["split", "{f}", "b", "Abu Hassan", "--wait", "1"])],
    "export": [
        ("resolution.json", ["export", "{f}", "-f", "csv"]),
        ("resolution.json", ["export", "{f}", "-f", "html"]),
        ("table.yaml", ["export", "{f}", "-f", "solr"]),
    ],
    "apply": [
        ("records.csv", ["apply", "{f}", "-F", "who", "-r", "{resolution}", "-q"]),
        ("records.jsonl", ["apply", "{f}", "-F", "who", "-r", "{resolution}", "-q"]),
        ("resolution.json", ["apply", "{records}", "-F", "who", "-r", "{f}", "-q"]),
    ],
    "explain": [],
    "evaluate": [
        ("gold.tsv", ["evaluate", "{f}", "-q", "--show", "0"]),
        ("gold.yaml", ["evaluate", "{f}", "-q", "--show", "0"]),
        ("predicted.csv", ["evaluate", "{gold}", "-p", "{f}", "--show", "0"]),
    ],
}
# explain reads no file: its arguments get the same treatment.
EXPLAIN_ARGUMENTS = [
    "Ha\u200bdi al-Ami\u202eri",
    "\u200b\u200f",
    "<script>alert(1)</script>",
    "=HYPERLINK(1)",
    "Ali\rHassan",
    "x" * 5_000,
    "",
    "   ",
    "\ufeffAli",
    "علي\u200c حسن",
]
EDITS_TABLE = ("update", "merge", "split")
# Inputs no command may read as if they were fine: they hold no text, or nothing, or a bomb.
MUST_FAIL = (
    "invalid UTF-8",
    "UTF-16 with BOM",
    "UTF-16 without BOM",
    "UTF-32",
    "NUL byte",
    "directory",
    "missing path",
    "anchor bomb",
)
NAME_SLOTS = ("names.txt", "names.csv", "names.jsonl")
TIMES: list[tuple[float, str]] = []


@dataclass
class Tally:
    """How the runs of one command ended."""

    right_output: int = 0
    clear_error: int = 0
    problems: list[str] = field(default_factory=list)


def _fifo_writer(path: Path, data: bytes, done: threading.Event) -> threading.Thread:
    """Feed a FIFO once a reader opens it; stop when the command is done without opening it."""

    def feed() -> None:
        deadline = time.monotonic() + MAX_SECONDS
        while time.monotonic() < deadline and not done.is_set():
            try:
                fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                time.sleep(0.01)
                continue
            os.set_blocking(fd, True)
            with contextlib.suppress(OSError):  # the command may stop reading early
                os.write(fd, data)
            os.close(fd)
            return

    thread = threading.Thread(target=feed, daemon=True)
    thread.start()
    return thread


def _snapshot(folder: Path) -> dict[str, bytes | str]:
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_fifo() or path.is_dir():
            found[key] = "fifo" if path.is_fifo() else "dir"
        elif path.is_file():
            found[key] = path.read_bytes()
    return found


def _setup(work: Path, kind: str, variant: str) -> tuple[Path, bytes | None, dict[str, Path]]:
    """The fixed good inputs, and the slot's file made as the variant says."""
    if work.exists():
        shutil.rmtree(work)
    (work / "good").mkdir(parents=True)
    good = {
        name: work / "good" / file
        for name, file in [
            ("names", "names.txt"),
            ("table", "table.yaml"),
            ("resolution", "resolution.json"),
            ("records", "records.csv"),
            ("gold", "gold.tsv"),
        ]
    }
    for path in good.values():
        path.write_text(VALID[path.name], encoding="utf-8")
    made = VARIANTS[variant](VALID[kind], kind)
    target = work / "in" / kind
    target.parent.mkdir()
    data: bytes | None = None
    if made == "dir":
        target.mkdir()
    elif made == "fifo":
        os.mkfifo(target)
        data = VALID[kind].encode()
    elif isinstance(made, bytes):
        target.write_bytes(made)
    return target, data, good


def _csv_ok(text: str) -> str:
    """'' when the CSV parses and no cell would run as a formula, else what is wrong."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        return f"output CSV does not parse: {exc}"
    bad = [c for row in rows for c in row if c.startswith(FORMULA_START) and not c.lstrip("+-").isdigit()]
    return f"formula cell written: {bad[0]!r}" if bad else ""


def _names_out(text: str) -> set[str]:
    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    return {unguard(row[2]) if len(row) == 4 else f"broken row {row!r}" for row in rows}


def _expected_names(kind: str, data: bytes) -> set[str]:
    """The names a names file of this variant holds, read independently of namefold."""
    text = data.decode("utf-8-sig")
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if kind == "names.txt":
        return {line for line in lines if line}
    if kind == "names.jsonl":
        return {json.loads(line)["name"].strip() for line in lines if line}
    rows = list(csv.DictReader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n"))))
    return {r["name"].strip() for r in rows if r["name"].strip()}


def judge(command: str, kind: str, variant: str, args: list[str], work: Path) -> tuple[str, str]:
    """Run one case: ('right output' | 'clear error' | 'problem', what was wrong)."""
    target, fifo_data, good = _setup(work, kind, variant)
    if not target.exists() and not target.is_symlink() and VARIANTS[variant](VALID[kind], kind) is None:
        return "skip", ""
    before = _snapshot(work)
    argv = [a.format(f=target, **{k: str(v) for k, v in good.items()}) for a in args]
    done = threading.Event()
    feeder = _fifo_writer(target, fifo_data, done) if fifo_data is not None else None
    started = time.monotonic()
    result = CliRunner().invoke(app, argv)
    took = time.monotonic() - started
    TIMES.append((took, f"{command} {kind} {variant}"))
    done.set()
    if feeder:
        feeder.join(MAX_SECONDS)
    after = _snapshot(work)
    wrong: list[str] = []
    if took > MAX_SECONDS:
        wrong.append(f"took {took:.1f} s")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        wrong.append(f"traceback: {result.exception!r}")
    wrong += _changes(before, after, command, kind, result.exit_code)
    if result.exit_code == 0:
        given = fifo_data if fifo_data is not None else target.read_bytes()
        wrong += _output_problems(result.stdout, command, kind, argv, given)
        wrong += [f"{variant} read as if it were fine"] if variant in MUST_FAIL else []
        outcome = "right output"
    elif result.exit_code == 1:
        wrong += _error_problems(result.stdout, result.stderr, command)
        outcome = "clear error"
    else:
        outcome = "problem"
        wrong.append(f"exit code {result.exit_code}")
    return ("problem" if wrong else outcome), "; ".join(wrong)


def _changes(before: dict, after: dict, command: str, kind: str, code: int) -> list[str]:
    """Files that changed though they should not: only a successful edit changes its table."""
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    allowed: set[str] = set()
    if code == 0 and command in EDITS_TABLE:
        table = "in/table.yaml" if kind == "table.yaml" else "good/table.yaml"
        allowed = {table, table + ".bak", table.replace(".yaml", ".review.csv")}
    return [f"changed {sorted(changed - allowed)}"] if changed - allowed else []


def _writes_csv(command: str, kind: str, argv: list[str]) -> bool:
    if command in ("check", "evaluate") or (command == "apply" and kind == "records.jsonl"):
        return False
    return "-f" not in argv or argv[argv.index("-f") + 1] == "csv"


def _output_problems(stdout: str, command: str, kind: str, argv: list[str], given: bytes) -> list[str]:
    """What is wrong with the output of a successful run: CSV that does not parse, a formula
    cell, HTML not escaped, or names read that are not the names given (a silent drop)."""
    wrong = []
    if stdout and _writes_csv(command, kind, argv):
        wrong += [p for p in [_csv_ok(stdout)] if p]
    if "html" in argv and "<script>alert" in stdout:
        wrong.append("HTML not escaped")
    if command == "resolve" and kind in NAME_SLOTS:
        expected, found = _expected_names(kind, given), _names_out(stdout)
        if found != expected:
            wrong.append(f"names read {sorted(found)} != given {sorted(expected)}")
    return wrong


def _error_problems(stdout: str, stderr: str, command: str) -> list[str]:
    """A failed run must say why in one `Error:` line (check: its `error:` lines and a summary)."""
    lines = stderr.splitlines()
    if command == "check" and stdout:
        ok = (
            all(line.startswith(("error: ", "warning: ")) for line in stdout.splitlines()) and len(lines) == 1
        )
    else:
        ok = len(lines) == 1 and lines[0].startswith("Error: ") and len(lines[0]) < 1000
    return [] if ok else [f"not one clear error line: {stderr[:300]!r} / {stdout[:200]!r}"]


def _explain(tally: Tally) -> Tally:
    for text in EXPLAIN_ARGUMENTS:
        started = time.monotonic()
        result = CliRunner().invoke(app, ["explain", text, "Hadi al-Amiri"])
        wrong = (
            [f"took {time.monotonic() - started:.1f} s"] if time.monotonic() - started > MAX_SECONDS else []
        )
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            wrong.append(f"traceback: {result.exception!r}")
        if result.exit_code == 0 and not result.stdout.startswith(("same (score", "different (score")):
            wrong.append(f"output {result.stdout[:100]!r}")
        if result.exit_code == 1:
            wrong += _error_problems(result.stdout, result.stderr, "explain")
        if wrong or result.exit_code not in (0, 1):
            tally.problems.append(f"explain {text[:20]!r}: {'; '.join(wrong) or result.exit_code}")
        elif result.exit_code == 0:
            tally.right_output += 1
        else:
            tally.clear_error += 1
    return tally


def run_command(command: str, work: Path) -> Tally:
    """Every slot of a command filled with every variant."""
    tally = Tally()
    if command == "explain":
        return _explain(tally)
    for kind, args in COMMANDS[command]:
        for variant in VARIANTS:
            outcome, wrong = judge(command, kind, variant, args, work)
            if outcome == "right output":
                tally.right_output += 1
            elif outcome == "clear error":
                tally.clear_error += 1
            elif outcome == "problem":
                tally.problems.append(f"{command} {kind} {variant}: {wrong}")
    return tally


def main() -> None:
    totals: Counter[str] = Counter()
    print(f"{'command':<16}{'tried':>6}{'right output':>14}{'clear error':>13}{'problems':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for command in COMMANDS:
            t = run_command(command, Path(folder) / "work")
            tried = t.right_output + t.clear_error + len(t.problems)
            totals.update(tried=tried, right=t.right_output, error=t.clear_error, problems=len(t.problems))
            print(f"{command:<16}{tried:>6}{t.right_output:>14}{t.clear_error:>13}{len(t.problems):>10}")
            for problem in t.problems:
                print("   ", problem)
    print("slowest:", sorted(TIMES, reverse=True)[:8])
    print(
        f"{'total':<16}{totals['tried']:>6}{totals['right']:>14}{totals['error']:>13}{totals['problems']:>10}"
    )
    sys.exit(1 if totals["problems"] else 0)


if __name__ == "__main__":
    main()
