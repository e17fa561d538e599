"""`namefold export` and `namefold apply` end to end through typer's CliRunner."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from namefold.cli import app

runner = CliRunner()

NAMES = ["Muammar Gaddafi", "Moammar Qaddafi", "Muammar Gaddafi", "Hassan Nasrallah", "Hasan Nasrallah"]


def run(*args: object, stdin: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=stdin)


def assert_ok(result) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)


def assert_error(result, *fragments: str) -> None:
    """Exit 1, one `Error: ` line naming every fragment, no traceback, nothing on stdout."""
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert isinstance(result.exception, SystemExit), f"uncaught {result.exception!r}"
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0]
    assert result.stdout == ""


@pytest.fixture
def resolution(tmp_path: Path) -> Path:
    names = tmp_path / "names.txt"
    names.write_text("\n".join(NAMES) + "\n", encoding="utf-8")
    out = tmp_path / "people.json"
    assert_ok(run("resolve", names, "--no-aliases", "--format", "json", "--output", out, "--quiet"))
    return out


def test_export_solr_writes_one_line_per_entity(resolution: Path) -> None:
    result = run("export", resolution, "--format", "solr")
    assert_ok(result)
    assert result.stdout.splitlines()[1:] == [
        "hasan nasrallah, hassan nasrallah",
        "moammar qaddafi, muammar gaddafi",
    ]


def test_export_solr_mapping_and_keep_case(resolution: Path) -> None:
    result = run("export", resolution, "--format", "solr", "--mapping", "--keep-case")
    assert_ok(result)
    assert result.stdout.splitlines()[1:] == [
        "Hassan Nasrallah => Hasan Nasrallah",
        "Moammar Qaddafi => Muammar Gaddafi",
    ]


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "html", "csv", "json", "jsonl", "yaml", "solr"])
def test_export_writes_the_file_atomically_and_the_same_bytes_from_a_shuffled_resolution(
    resolution: Path, tmp_path: Path, fmt: str
) -> None:
    data = json.loads(resolution.read_text(encoding="utf-8"))
    random.Random(3).shuffle(data["clusters"])
    for cluster in data["clusters"]:
        cluster["members"].reverse()
        cluster["edges"].reverse()
    shuffled = tmp_path / "shuffled.json"
    shuffled.write_text(json.dumps(data), encoding="utf-8")
    first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    assert_ok(run("export", resolution, "--format", fmt, "--output", first))
    assert_ok(run("export", shuffled, "--format", fmt, "--output", second))
    assert first.read_bytes() == second.read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_export_of_json_round_trips_the_resolve_output(resolution: Path) -> None:
    result = run("export", resolution, "--format", "json")
    assert_ok(result)
    assert result.stdout == resolution.read_text(encoding="utf-8")


def test_export_reads_an_alias_table(tmp_path: Path) -> None:
    table = tmp_path / "aliases.yaml"
    table.write_text(
        "entities:\n  - id: kadhimi\n    canonical: Mustafa al-Kadhimi\n    aliases: [Mustafa Al-Kazemi]\n",
        encoding="utf-8",
    )
    result = run("export", table, "--format", "solr", "--mapping")
    assert_ok(result)
    assert result.stdout.splitlines()[1:] == ["mustafa al-kazemi => mustafa al-kadhimi"]


def test_export_options_for_solr_only_are_refused_elsewhere(resolution: Path) -> None:
    assert_error(
        run("export", resolution, "--format", "html", "--mapping"), "--mapping applies only to --format solr"
    )
    assert_error(run("export", resolution, "--format", "gexf", "--keep-case"), "--keep-case applies only")


def test_export_bad_input_is_one_line_naming_file_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"clusters": [\n {"id": "x", "canonical": "X",\n  "members": [{"name": "X", "count": "2"}]}\n]}\n'
    )
    assert_error(run("export", bad, "--format", "html"), "bad.json: line 3: clusters[0].members[0].count")
    assert_error(run("export", tmp_path / "missing.json", "--format", "html"), "missing.json: no such file")


def test_export_to_a_missing_folder_fails_cleanly(resolution: Path, tmp_path: Path) -> None:
    assert_error(
        run("export", resolution, "--format", "html", "--output", tmp_path / "no" / "r.html"),
        "does not exist",
    )


def test_apply_adds_canonical_and_id_columns(resolution: Path, tmp_path: Path) -> None:
    records = tmp_path / "articles.csv"
    records.write_text("id,author\n1,Moammar Qaddafi\n2,hasan nasrallah\n3,Someone Else\n", encoding="utf-8")
    out = tmp_path / "indexed.csv"
    result = run("apply", records, "--field", "author", "--resolution", resolution, "--output", out)
    assert_ok(result)
    assert out.read_text(encoding="utf-8") == (
        "id,author,author_canonical,author_entity_id\n"
        "1,Moammar Qaddafi,Muammar Gaddafi,muammar-gaddafi\n"
        "2,hasan nasrallah,Hasan Nasrallah,hasan-nasrallah\n"
        "3,Someone Else,,\n"
    )
    assert result.stderr == (
        "namefold: 3 records, 3 names: 1 found as written, 1 by normalised spelling,"
        " 1 not in the resolution\n"
    )


def test_apply_reads_stdin_with_a_format_and_is_quiet_on_request(resolution: Path) -> None:
    result = run(
        "apply",
        "-",
        "-F",
        "who",
        "-r",
        resolution,
        "--format",
        "jsonl",
        "--quiet",
        stdin='{"who": "Muammar Gaddafi"}\n',
    )
    assert_ok(result)
    assert json.loads(result.stdout)["who_entity_id"] == "muammar-gaddafi"
    assert result.stderr == ""


def test_apply_keeps_and_counts_jsonl_records_without_the_field(resolution: Path, tmp_path: Path) -> None:
    """An article without an author is common: it is written back unchanged and counted, not fatal."""
    records = tmp_path / "a.jsonl"
    records.write_text('{"who": "x"}\n{"whom": "y"}\n{"who": "z"}\n', encoding="utf-8")
    result = run("apply", records, "-F", "who", "-r", resolution)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == '{"whom": "y"}'
    assert "1 records without 'who' kept unchanged (first at line 2)" in result.stderr


def test_apply_bad_records_are_one_line_errors(resolution: Path, tmp_path: Path) -> None:
    records = tmp_path / "a.jsonl"
    records.write_text('{"whom": "y"}\n', encoding="utf-8")
    assert_error(
        run("apply", records, "-F", "who", "-r", resolution), "a.jsonl: no record has the field 'who'"
    )
    assert_error(
        run("apply", tmp_path / "a.txt", "-F", "who", "-r", resolution), "a.txt: cannot tell the format"
    )
    assert_error(run("apply", records, "-F", "who", "-r", tmp_path / "none.json"), "none.json: no such file")


def test_apply_a_large_input_runs_quietly_when_stderr_is_not_a_terminal(
    resolution: Path, tmp_path: Path
) -> None:
    records = tmp_path / "big.csv"
    records.write_text("who\n" + "Moammar Qaddafi\n" * 12_000, encoding="utf-8")
    result = run("apply", records, "-F", "who", "-r", resolution, "-o", tmp_path / "out.csv")
    assert_ok(result)
    assert result.stderr.splitlines() == [
        "namefold: 12000 records, 12000 names: 12000 found as written, 0 by normalised spelling,"
        " 0 not in the resolution"
    ]
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").count("muammar-gaddafi") == 12_000


def test_export_solr_reports_spellings_shared_by_two_entities(tmp_path: Path) -> None:
    table = tmp_path / "aliases.yaml"
    table.write_text(
        "entities:\n"
        "  - id: ali-hasan\n    canonical: Ali Hasan\n    aliases: [Ali Hassan]\n"
        "    not_same_as: [ali-hasan-2]\n"
        "  - id: ali-hasan-2\n    canonical: ALI HASAN\n    aliases: [Ali Hasen]\n"
        "    not_same_as: [ali-hasan]\n",
        encoding="utf-8",
    )
    result = run("export", table, "--format", "solr")
    assert_ok(result)
    assert "ali hasan" not in result.stdout
    assert result.stdout.splitlines()[1:] == []
    assert result.stderr.splitlines() == [
        "namefold: 1 spelling belongs to more than one entity and is left out: ali hasan"
    ]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_a_control_character_in_a_graph_export_names_the_file(tmp_path: Path, fmt: str) -> None:
    table = tmp_path / "t.yaml"
    table.write_text('entities:\n  - id: a\n    canonical: "Ali\\a"\n', encoding="utf-8")
    assert_error(run("export", table, "--format", fmt), f"{table}: cluster 'a': 'Ali\\x07' holds a control")


def test_the_html_report_lets_each_name_take_its_own_direction(tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("مصطفى الكاظمي\nمصطفى الكاظمى\nAli Hassan\n", encoding="utf-8")
    out = tmp_path / "r.json"
    assert_ok(run("resolve", names, "--no-aliases", "--format", "json", "--output", out, "--quiet"))
    result = run("export", out, "--format", "html")
    assert_ok(result)
    # Each name cell and heading takes the direction of its own first letter (like dir="auto").
    assert ".variants td:first-child, .entity h2 { unicode-bidi: plaintext; }" in result.stdout
    assert "<bdi>مصطفى الكاظمى</bdi>" in result.stdout  # in the reasons list, names are isolated


@pytest.mark.parametrize("text_mode", [False, True])
def test_resolution_made_with_the_shipped_alias_table_is_read_by_export_and_apply(
    tmp_path: Path, text_mode: bool
) -> None:
    # The default table holds "Mustafa Al-Kazemi" and fuller forms of the name: they join the
    # input's names to the entity, but the resolution may only name the input's own names.
    source = tmp_path / ("story.txt" if text_mode else "names.txt")
    if text_mode:
        source.write_text("Mustafa al-Kazemi met reporters. Later Kadhimi left.\n", encoding="utf-8")
    else:
        source.write_text("Mustafa al-Kazemi\nKadhimi\nMustafa al-Kadhimi\n", encoding="utf-8")
    resolved = tmp_path / "resolution.json"
    args = ["resolve", source, "-f", "json", "-o", resolved, "-q"]
    assert_ok(run(*args, *(["--text"] if text_mode else [])))
    cluster = next(c for c in json.loads(resolved.read_text("utf-8"))["clusters"] if "kadhimi" in c["id"])
    members = {m["name"] for m in cluster["members"]}
    assert {"Mustafa al-Kazemi", "Kadhimi"} <= members
    assert all({e["left"], e["right"]} <= members for e in cluster["edges"])
    assert len(cluster["edges"]) >= len(members) - 1  # the members are still tied together

    exported = run("export", resolved, "--format", "solr")
    assert_ok(exported)
    assert "kadhimi" in exported.stdout.lower() and "kazemi" in exported.stdout.lower()
    records = tmp_path / "records.csv"
    records.write_text("author\nMustafa al-Kazemi\n", encoding="utf-8")
    applied = run("apply", records, "-F", "author", "-r", resolved, "-q")
    assert_ok(applied)
    assert "mustafa-al-kadhimi" in applied.stdout
