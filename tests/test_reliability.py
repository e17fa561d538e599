"""Issue 15: no bad input, race or trick costs a user data. One test (or more) per defect."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cli_helpers import assert_ok, assert_one_line_error, run, write
from namefold.readers import MAX_LINE_BYTES, read_lines, read_names
from namefold.writers import csv_text, locked, unguard, write_atomic

ROOT = Path(__file__).parents[1]
TABLE = "entities:\n  - id: hadi-salman\n    canonical: Hadi Salman\n    aliases: [Hadi Selman]\n"
NAMES = "Mustafa al-Kadhimi\nMustafa al-Kazemi\nHadi al-Amiri\n"


def namefold(*args: object, stdin: bytes = b"", timeout: float = 30, **kwargs) -> subprocess.CompletedProcess:
    """The real command in its own process: what hangs or crashes here would in a shell too."""
    return subprocess.run(
        [sys.executable, "-m", "namefold", *map(str, args)],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        **kwargs,
    )


@pytest.fixture
def resolution(tmp_path: Path) -> Path:
    names = write(tmp_path / "n.txt", NAMES)
    out = tmp_path / "p.json"
    assert_ok(run("resolve", names, "-f", "json", "-o", out, "-q"))
    return out


# --- item 3: -o through a symlink, and never renaming over a device or a pipe --------------------


@pytest.mark.parametrize("command", ["resolve", "export", "extract", "apply"])
def test_output_through_a_symlink_writes_the_target_and_keeps_the_link(
    tmp_path: Path, resolution: Path, command: str
) -> None:
    target = write(tmp_path / "target.csv", "old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    doc = write(tmp_path / "doc.txt", "Prime Minister Mustafa al-Kadhimi met Hadi al-Amiri.\n")
    records = write(tmp_path / "r.csv", "id,who\n1,Mustafa al-Kazemi\n")
    args = {
        "resolve": ["resolve", tmp_path / "n.txt"],
        "export": ["export", resolution, "-f", "csv"],
        "extract": ["extract", doc],
        "apply": ["apply", records, "-F", "who", "-r", resolution],
    }[command]
    assert_ok(run(*args, "-o", link, *(["-q"] if command != "export" else [])))
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith(("cluster_id,", "doc,", "id,who"))


def test_a_link_to_dev_stdout_is_written_to_not_replaced(tmp_path: Path) -> None:
    names = write(tmp_path / "n.txt", NAMES)
    link = tmp_path / "out.csv"
    link.symlink_to("/dev/stdout")
    with (tmp_path / "captured").open("wb") as captured:
        done = subprocess.run(
            [sys.executable, "-m", "namefold", "resolve", names, "-q", "-o", link],
            stdout=captured,
            timeout=30,
        )
    assert done.returncode == 0
    assert link.is_symlink() and os.readlink(link) == "/dev/stdout"
    assert (tmp_path / "captured").read_text(encoding="utf-8").startswith("cluster_id,canonical,name,count\n")


def test_a_fifo_output_is_written_to_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "a,b\n")
    reader.join(10)
    assert got == [b"a,b\n"] and fifo.is_fifo()


# --- item 4: YAML anchors and aliases, and the length of quoted values ---------------------------


def anchor_bomb(depth: int = 25) -> str:
    lines = ["note0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"note{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, depth)]
    return "\n".join(lines) + "\nentities: []\n"


def test_an_anchor_bomb_is_refused_at_once_by_a_real_process(tmp_path: Path) -> None:
    bomb = write(tmp_path / "t.yaml", anchor_bomb())
    done = namefold("check", bomb, timeout=30)
    assert done.returncode == 1
    assert (
        b"line 1: YAML anchors and aliases (&name, *name) are not allowed here" in done.stdout + done.stderr
    )


@pytest.mark.parametrize("command", ["check", "resolve", "update", "export", "apply", "merge", "split"])
def test_anchors_in_a_table_are_refused_naming_the_line(tmp_path: Path, command: str) -> None:
    text = TABLE + "    note: &n free text\n  - id: other\n    canonical: Other Person\n    note: *n\n"
    table = write(tmp_path / "t.yaml", text)
    names = write(tmp_path / "n.txt", "Ali\n")
    records = write(tmp_path / "r.csv", "who\nAli\n")
    args = {
        "check": ["check", table],
        "resolve": ["resolve", names, "-a", table],
        "update": ["update", table, names],
        "export": ["export", table, "-f", "csv"],
        "apply": ["apply", records, "-F", "who", "-r", table],
        "merge": ["merge", table, "hadi-salman", "other"],
        "split": ["split", table, "hadi-salman", "Hadi Selman"],
    }[command]
    result = run(*args)
    assert result.exit_code == 1
    assert "t.yaml: line 5: YAML anchors and aliases" in result.output
    assert table.read_text(encoding="utf-8") == text


def test_a_value_quoted_in_an_error_is_cut_short(tmp_path: Path) -> None:
    huge = "x" * 200_000  # under the YAML line limit, far over what a message should quote
    table = write(tmp_path / "t.yaml", f"entities:\n  - id: a\n    canonical: Ali\n    aliases: [[{huge}]]\n")
    line = assert_one_line_error(run("resolve", write(tmp_path / "n.txt", "Ali\n"), "-a", table), "t.yaml")
    assert len(line) < 300 and "…" in line


# --- item 6: one decoder for every reader; CR line ends; CR quoted in CSV -------------------------


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ("Ali\nOmar\n".encode("utf-16-le"), "not UTF-8 (looks like UTF-16)"),
        ("Ali\nOmar\n".encode("utf-16"), "not UTF-8 (looks like UTF-16)"),
        ("Ali\nOmar\n".encode("utf-32-le"), "not UTF-8 (looks like UTF-32)"),
        (b"Ali\nOm\x00ar\n", "line 2: binary file (it holds NUL bytes), not text"),
    ],
)
@pytest.mark.parametrize("command", ["resolve", "update"])
def test_utf16_and_nul_bytes_are_refused_by_resolve_and_update(
    tmp_path: Path, data: bytes, fragment: str, command: str
) -> None:
    names = tmp_path / "n.txt"
    names.write_bytes(data)
    table = write(tmp_path / "t.yaml", TABLE)
    args = ["resolve", names] if command == "resolve" else ["update", table, names]
    assert_one_line_error(run(*args), f"{names}: {fragment}")
    assert table.read_text(encoding="utf-8") == TABLE


def test_cr_only_and_mixed_line_ends_are_line_breaks(tmp_path: Path) -> None:
    names = tmp_path / "n.txt"
    names.write_bytes(b"Ali Hassan\rOmar Khayyam\r\nZaid Harith\nAli Hassan")
    result = run("resolve", names, "--no-aliases", "-q")
    assert_ok(result)
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert [r[2] for r in rows[1:]] == ["Ali Hassan", "Omar Khayyam", "Zaid Harith"]
    assert rows[1][3] == "2"


def test_a_carriage_return_inside_a_name_is_quoted_so_the_csv_parses_back(tmp_path: Path) -> None:
    names = write(tmp_path / "n.jsonl", '{"name": "Ali\\rHassan"}\n{"name": "Omar"}\n')
    result = run("resolve", names, "--no-aliases", "-q")
    assert_ok(result)
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert sorted(r[2] for r in rows[1:]) == ["Ali\rHassan", "Omar"]


# --- item 7: an output that is an input ----------------------------------------------------------


@pytest.mark.parametrize("command", ["resolve", "apply", "apply-r", "extract", "export", "update-review"])
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(
    tmp_path: Path, resolution: Path, command: str
) -> None:
    names = tmp_path / "n.txt"
    doc = write(tmp_path / "doc.txt", "Prime Minister Mustafa al-Kadhimi met Hadi al-Amiri.\n")
    records = write(tmp_path / "r.csv", "who\nMustafa al-Kazemi\n")
    table = write(tmp_path / "t.yaml", TABLE)
    args, victim = {
        "resolve": (["resolve", names, "-o"], names),
        "apply": (["apply", records, "-F", "who", "-r", resolution, "-o"], records),
        "apply-r": (["apply", records, "-F", "who", "-r", resolution, "-o"], resolution),
        "extract": (["extract", doc, "-o"], doc),
        "export": (["export", resolution, "-f", "json", "-o"], resolution),
        "update-review": (["update", table, names, "--review"], table),
    }[command]
    alias = tmp_path / "same-file"
    os.link(victim, alias)  # another path to the same inode
    before = victim.read_bytes()
    for path in (victim, alias):
        assert_one_line_error(run(*args, path), f"{path}: is also an input")
        assert victim.read_bytes() == before


# --- item 8: formula cells in every CSV writer ---------------------------------------------------

FORMULA = '=HYPERLINK("http://x.example","click")'


def csv_cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_every_csv_writer_guards_formula_cells_and_raw_cells_turns_it_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    names = write(tmp_path / "n.txt", f"{FORMULA}\n@SUM(A1)\n")
    out = tmp_path / "p.json"
    assert_ok(run("resolve", names, "-f", "json", "-o", out, "-q", "--no-aliases"))
    records = write(tmp_path / "r.csv", "who,note\n@SUM(A1),+1+1\n")
    write(tmp_path / "=1+1.txt", "Prime Minister Mustafa al-Kadhimi met Hadi al-Amiri.\n")
    writers = {
        "resolve": ["resolve", names, "-q", "--no-aliases"],
        "export": ["export", out, "-f", "csv"],
        "apply": ["apply", records, "-F", "who", "-r", out, "-q"],
        "extract": ["extract", "=1+1.txt", "-q"],  # the document's name is a cell too
    }
    for command, args in writers.items():
        guarded, raw = run(*args), run(*args, "--raw-cells")
        assert_ok(guarded)
        assert_ok(raw)
        cells = [c for row in csv_cells(guarded.stdout) for c in row]
        raw_cells = [c for row in csv_cells(raw.stdout) for c in row]
        assert not any(c.startswith(("=", "+", "-", "@")) for c in cells), (command, cells)
        assert [unguard(c) for c in cells] == raw_cells, command
        assert any(c.startswith(("=", "@", "+")) for c in raw_cells), (command, raw_cells)


def test_numbers_are_not_guarded() -> None:
    assert csv_text([["-3.5", "+2", "-al-", "1e-3"]]) == "-3.5,+2,'-al-,1e-3\n"


# --- item 12: bounded memory on name input -------------------------------------------------------


class Tripwire(io.RawIOBase):
    """A stream of name lines that fails the test if read past `allowed` bytes."""

    def __init__(self, first: bytes, allowed: int) -> None:
        self.first, self.allowed, self.given = first, allowed, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        assert self.given < self.allowed, "read on after the line was too long"
        head = self.first[self.given : self.given + len(buffer)]
        data = head + b"x" * (len(buffer) - len(head))
        buffer[: len(data)] = data
        self.given += len(data)
        return len(data)


def test_a_too_long_line_is_refused_as_soon_as_it_is_seen() -> None:
    stream = io.BufferedReader(Tripwire(b"Ali\n", MAX_LINE_BYTES + 200_000))
    with pytest.raises(Exception, match=r"^s: line 2: line longer than 1,000,000 bytes"):
        list(read_lines(stream, "s"))


def test_resolve_dev_urandom_ends_at_once_with_one_error() -> None:
    started = time.monotonic()
    done = namefold("resolve", "/dev/urandom", timeout=30)
    assert done.returncode == 1 and time.monotonic() - started < 20
    (line,) = done.stderr.decode().splitlines()
    assert line.startswith("Error: /dev/urandom: ")


def test_a_5_mb_line_names_its_line(tmp_path: Path) -> None:
    names = tmp_path / "n.txt"
    names.write_bytes(b"Ali\n" + b"x" * 5_000_000 + b"\nOmar\n")
    assert_one_line_error(run("resolve", names), f"{names}: line 2: line longer than 1,000,000 bytes")


# --- item 13: smaller things ---------------------------------------------------------------------


def test_update_quiet_says_nothing(tmp_path: Path) -> None:
    table = write(tmp_path / "t.yaml", TABLE)
    result = run("update", table, write(tmp_path / "n.txt", "Omar Khayyam\n"), "-q")
    assert_ok(result)
    assert result.stderr == ""
    assert "Omar Khayyam" in table.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["resolve", "-"], b"Ali\n\xff\n"),
        (["apply", "-", "-F", "who", "-f", "csv", "-r", "{table}"], b"who\n\xff\n"),
        (["update", "{table}", "-"], b"Ali\n\xff\n"),
    ],
)
def test_stdin_is_named_the_same_in_every_error(tmp_path: Path, args: list[str], stdin: bytes) -> None:
    table = write(tmp_path / "t.yaml", TABLE)
    done = namefold(*(a.format(table=table) for a in args), stdin=stdin)
    assert done.returncode == 1
    assert (
        done.stderr.decode()
        == "Error: <stdin>: line 2: not valid UTF-8 (byte 0xff); save the file as UTF-8\n"
    )


@pytest.mark.parametrize("command", ["resolve", "evaluate", "update-labels"])
def test_a_column_named_twice_is_an_error_naming_it(tmp_path: Path, command: str) -> None:
    table = write(tmp_path / "t.yaml", TABLE)
    gold = write(tmp_path / "g.tsv", "name\tcluster\nAli\t1\n")
    args, path = {
        "resolve": (["resolve", "{f}"], "n.csv"),
        "evaluate": (["evaluate", gold, "-p", "{f}"], "p.csv"),
        "update-labels": (["update", table, "--labels", "{f}"], "l.csv"),
    }[command]
    header = {
        "n.csv": "name,id,name",
        "p.csv": "cluster_id,name,name",
        "l.csv": "left,entity_id,decision,left",
    }
    bad = write(tmp_path / path, header[path] + "\nAli,1,Omar,x\n")
    result = run(*(str(a).format(f=bad) for a in args))
    assert_one_line_error(result, f"{bad}: line 1: column", "appears twice in the header")


def test_a_csv_field_over_128_kb_is_field_too_long(tmp_path: Path) -> None:
    names = write(tmp_path / "n.csv", 'name\n"Ali\n' + "x" * 200_000 + '"\n')
    assert_one_line_error(run("resolve", names), f"{names}: line", "field too long (over 128 KB)")


# --- item 14: the shipped alias table says what it did -------------------------------------------


def test_the_summary_says_the_shipped_table_decided_names(tmp_path: Path) -> None:
    names = write(tmp_path / "n.txt", "Kadhimi\nMustafa al-Kazemi\nOmar Khayyam\n")
    used = run("resolve", names)
    assert_ok(used)
    assert used.stderr.rstrip().endswith(
        "(shipped alias table data/aliases.yaml decided 2 names; --no-aliases to turn it off)"
    )
    off = run("resolve", names, "--no-aliases")
    assert "alias table" not in off.stderr


def test_the_summary_names_a_given_table(tmp_path: Path) -> None:
    table = write(tmp_path / "t.yaml", TABLE)
    used = run("resolve", write(tmp_path / "n.txt", "Hadi Selman\nOmar Khayyam\n"), "-a", table)
    assert f"(alias table {table} decided 1 names)" in used.stderr


# --- item 2: the table lock ----------------------------------------------------------------------


def test_a_second_writer_waits_then_gives_up_and_writes_nothing(tmp_path: Path) -> None:
    table = write(tmp_path / "t.yaml", TABLE)
    names = write(tmp_path / "n.txt", "Omar Khayyam\n")
    with locked(table):
        done = namefold("update", table, names, "--wait", "0.5")
    assert done.returncode == 1
    lines = done.stderr.decode().splitlines()
    assert lines[0].startswith(f"namefold: {table} is being edited by another namefold; waiting")
    assert lines[1].startswith(f"Error: {table}: another namefold is still editing this table")
    assert len(lines) == 2
    assert table.read_text(encoding="utf-8") == TABLE
    assert not (tmp_path / "t.yaml.lock").exists()


def test_the_lock_follows_a_symlinked_table(tmp_path: Path) -> None:
    real = write(tmp_path / "real.yaml", TABLE)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    with locked(real):
        done = namefold("merge", link, "hadi-salman", "x", "--wait", "0.2")
    assert b"another namefold is still editing" in done.stderr


def test_written_files_parse_back_as_json(resolution: Path) -> None:
    assert json.loads(resolution.read_text(encoding="utf-8"))["clusters"]


@pytest.mark.parametrize("at", [0, 1, 2])
def test_a_crlf_split_between_two_chunks_is_one_line_end(tmp_path: Path, at: int) -> None:
    """Names are read 64 KB at a time: a CR ending one chunk and its LF starting the next must
    not make a blank line, nor hide the line before it."""
    first = b"Omar" + b"x" * (11 - at) + b"\r\n"
    data = first + b"Ali Hassan\r\n" * 5500
    assert data[65535 - at : 65537 - at] == b"\r\n"  # the CR is the last byte of the first chunk when at=0
    names = tmp_path / "n.txt"
    names.write_bytes(data)
    listed = read_names(names)
    assert listed.blank == 0
    assert listed.names == (first[:-2].decode(), *["Ali Hassan"] * 5500)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00" * 2_000_000, "line 1: binary file (it holds NUL bytes), not text"),
        ("Ali\nOmar\n".encode("utf-32-be"), "not UTF-8 (looks like UTF-32)"),
        ("علي\nOmar\n".encode("utf-32-le"), "not UTF-8 (looks like UTF-32)"),
    ],
)
def test_zeros_are_binary_and_utf32_is_named(tmp_path: Path, data: bytes, message: str) -> None:
    names = tmp_path / "n.txt"
    names.write_bytes(data)
    assert_one_line_error(run("resolve", names), f"{names}: {message}")
