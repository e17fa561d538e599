"""End-to-end tests of the `namefold` command through typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import stat
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

import namefold
from namefold.cli import app

runner = CliRunner()

GADDAFI = ("Muammar Gaddafi", "Moammar Qaddafi", "Muammar al-Gaddafi", "Mu'ammar Kadhafi")
NASRALLAH = ("Hassan Nasrallah", "Hasan Nasrallah")
NAMES = [*GADDAFI, *NASRALLAH]

ALIAS_TABLE = """\
entities:
  - id: gaddafi
    canonical: Muammar al-Qadhafi
    type: person
    aliases: [Brother Leader]
  - id: ali-hassan-the-elder
    canonical: Ali Hassan
    type: person
    not_same_as: [ali-hasan-the-younger]
  - id: ali-hasan-the-younger
    canonical: Ali Hasan
    type: person
    not_same_as: [ali-hassan-the-elder]
"""


def run(*args: object, stdin: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=stdin)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def rows(csv_text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(csv_text)))


def groups(csv_text: str) -> set[frozenset[str]]:
    """The clusters of a resolve CSV as sets of names, ids left out."""
    members: dict[str, set[str]] = defaultdict(set)
    for row in rows(csv_text):
        members[row["cluster_id"]].add(row["name"])
    return {frozenset(m) for m in members.values()}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def assert_ok(result) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)


def assert_error(result, *fragments: str) -> str:
    """Exit 1, one `Error: ` line on stderr naming every fragment, no traceback, nothing on stdout."""
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert isinstance(result.exception, SystemExit), f"uncaught {result.exception!r}"
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert result.stdout == ""
    return lines[0]


EXPECTED = {frozenset(GADDAFI), frozenset(NASRALLAH)}


# --- resolve: input formats -------------------------------------------------------------------


def test_resolve_txt_writes_the_csv_header_exactly(tmp_path):
    result = run("resolve", "--no-aliases", write(tmp_path / "n.txt", "\n".join(NAMES) + "\n"))
    assert_ok(result)
    assert result.stdout.splitlines()[0] == "cluster_id,canonical,name,count"


def test_resolve_groups_gaddafi_spellings_together_and_nasrallah_spellings_apart(tmp_path):
    result = run("resolve", "--no-aliases", write(tmp_path / "n.txt", "\n".join(NAMES) + "\n"))
    assert_ok(result)
    assert groups(result.stdout) == EXPECTED


def test_resolve_writes_one_row_per_distinct_name_with_its_count(tmp_path):
    text = "Muammar Gaddafi\n\n  Muammar Gaddafi  \nHasan Nasrallah\n\n\nMoammar Qaddafi\nMuammar Gaddafi\n"
    result = run("resolve", "--no-aliases", write(tmp_path / "n.txt", text))
    assert_ok(result)
    counts = {r["name"]: int(r["count"]) for r in rows(result.stdout)}
    assert counts == {"Muammar Gaddafi": 3, "Hasan Nasrallah": 1, "Moammar Qaddafi": 1}
    assert len(rows(result.stdout)) == 3


def test_resolve_keeps_names_exactly_as_given_apart_from_outer_whitespace(tmp_path):
    text = "  Mu'ammar Kadhafi\t\nMuammar   al-Gaddafi\n"
    result = run("resolve", "--no-aliases", write(tmp_path / "n.txt", text))
    assert_ok(result)
    assert {r["name"] for r in rows(result.stdout)} == {"Mu'ammar Kadhafi", "Muammar   al-Gaddafi"}


def test_resolve_rows_are_sorted_by_cluster_id_then_name(tmp_path):
    result = run("resolve", "--no-aliases", write(tmp_path / "n.txt", "\n".join(reversed(NAMES))))
    assert_ok(result)
    keys = [(r["cluster_id"], r["name"]) for r in rows(result.stdout)]
    assert keys == sorted(keys)
    assert len({r["cluster_id"] for r in rows(result.stdout)}) == 2


def test_cluster_ids_are_slugs_of_a_canonical_member_and_the_most_frequent_spelling_wins(tmp_path):
    text = "\n".join([*NAMES, "Moammar Qaddafi", "Hasan Nasrallah"]) + "\n"
    result = run("resolve", "--no-aliases", write(tmp_path / "n.txt", text))
    assert_ok(result)
    canonical = {r["name"]: r["canonical"] for r in rows(result.stdout)}
    for row in rows(result.stdout):
        assert row["cluster_id"] == slug(row["canonical"])
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", row["cluster_id"])
    assert canonical["Mu'ammar Kadhafi"] == "Moammar Qaddafi"
    assert canonical["Hassan Nasrallah"] == "Hasan Nasrallah"


def test_resolve_counts_names_across_several_input_files(tmp_path):
    a = write(tmp_path / "a.txt", "Muammar Gaddafi\nHasan Nasrallah\n")
    b = write(tmp_path / "b.txt", "Muammar Gaddafi\n")
    result = run("resolve", "--no-aliases", a, b)
    assert_ok(result)
    assert {r["name"]: r["count"] for r in rows(result.stdout)} == {
        "Muammar Gaddafi": "2",
        "Hasan Nasrallah": "1",
    }


def test_resolve_reports_a_summary_with_skipped_blanks_on_stderr_only(tmp_path):
    result = run("resolve", "--no-aliases", write(tmp_path / "n.txt", "Muammar Gaddafi\n\nMoammar Qaddafi\n"))
    assert_ok(result)
    assert "2 names" in result.stderr
    assert "1 blank rows skipped" in result.stderr
    assert "namefold:" not in result.stdout


def test_quiet_resolve_writes_nothing_on_stderr(tmp_path):
    result = run("resolve", "-q", "--no-aliases", write(tmp_path / "n.txt", "Muammar Gaddafi\n"))
    assert_ok(result)
    assert result.stderr == ""


def test_resolve_reads_the_named_column_of_a_csv(tmp_path):
    text = 'id,person,note\n1,Muammar Gaddafi,"a, b"\n2,Moammar Qaddafi,x\n3,Hasan Nasrallah,y\n'
    result = run("resolve", "--no-aliases", "--column", "person", write(tmp_path / "n.csv", text))
    assert_ok(result)
    assert groups(result.stdout) == {
        frozenset({"Muammar Gaddafi", "Moammar Qaddafi"}),
        frozenset({"Hasan Nasrallah"}),
    }


def test_resolve_reads_the_name_column_of_a_tsv_by_default(tmp_path):
    text = "id\tname\n1\tHassan Nasrallah\n2\tHasan Nasrallah\n3\tMuammar Gaddafi\n"
    result = run("resolve", "--no-aliases", write(tmp_path / "n.tsv", text))
    assert_ok(result)
    assert groups(result.stdout) == {frozenset(NASRALLAH), frozenset({"Muammar Gaddafi"})}


def test_resolve_reads_the_named_key_of_jsonl(tmp_path):
    text = "".join(json.dumps({"full_name": n, "n": i}) + "\n" for i, n in enumerate(NAMES))
    result = run("resolve", "--no-aliases", "-c", "full_name", write(tmp_path / "n.jsonl", text))
    assert_ok(result)
    assert groups(result.stdout) == EXPECTED


# The same word as a person's name and a company's: the type column keeps them apart, and joins
# the company's spellings (legal form, hyphen); where it is empty, the words tell.
TYPED_CSV = (
    "name,kind\n"
    "AL-RAHMAN,organisation\n"
    "Al Rahman LLC,organization\n"
    "Al-Rahman,person\n"
    "Siemens AG,\n"
    "Siemens Aktiengesellschaft,\n"
)


def test_resolve_reads_each_names_kind_from_a_type_column(tmp_path):
    result = run("resolve", "--no-aliases", "--type-column", "kind", write(tmp_path / "n.csv", TYPED_CSV))
    assert_ok(result)
    cluster = {r["name"]: r["cluster_id"] for r in rows(result.stdout)}
    assert cluster["AL-RAHMAN"] == cluster["Al Rahman LLC"] != cluster["Al-Rahman"]
    # No type given: the legal forms say both are a company's names.
    assert cluster["Siemens AG"] == cluster["Siemens Aktiengesellschaft"]


def test_resolve_reads_a_type_key_of_jsonl(tmp_path):
    lines = [
        '{"name": "AL-RAHMAN", "type": "organisation"}',
        '{"name": "Al Rahman LLC", "type": "organisation"}',
        '{"name": "Al-Rahman", "type": "person"}',
        '{"name": "Cimex", "type": "organisation"}',
        '{"name": "CIMEX, S.A.", "type": null}',
    ]
    names = write(tmp_path / "n.jsonl", "\n".join(lines) + "\n")
    result = run("resolve", "--no-aliases", "--type-column", "type", names)
    assert_ok(result)
    cluster = {r["name"]: r["cluster_id"] for r in rows(result.stdout)}
    assert cluster["AL-RAHMAN"] == cluster["Al Rahman LLC"] != cluster["Al-Rahman"]
    assert cluster["Cimex"] == cluster["CIMEX, S.A."]


def test_resolve_with_an_unknown_type_is_an_error_naming_the_line_and_field(tmp_path):
    names = write(tmp_path / "n.csv", "name,kind\nSiemens AG,organisation\nEver Given,vessel\n")
    assert_error(run("resolve", "--type-column", "kind", names), f"{names}: line 3: kind: 'vessel'")


def test_resolve_with_a_name_given_two_kinds_is_an_error_naming_the_line(tmp_path):
    names = write(tmp_path / "n.csv", "name,kind\nRahman,organisation\nRahman,person\n")
    assert_error(run("resolve", "--type-column", "kind", names), f"{names}: line 3:", "'Rahman'")


def test_resolve_with_a_missing_type_column_is_an_error_naming_the_columns(tmp_path):
    names = write(tmp_path / "n.csv", "name,kind\nRahman,organisation\n")
    assert_error(run("resolve", "--type-column", "type", names), f"{names}: line 1:", "'type'", "name, kind")


def test_resolve_type_column_of_a_txt_input_is_an_error(tmp_path):
    names = write(tmp_path / "n.txt", "Rahman\n")
    assert_error(run("resolve", "--type-column", "type", names), str(names), "CSV, TSV or JSONL")


def test_explain_compares_two_names_as_the_type_says(tmp_path):
    assert "different" in run("explain", "APT 38", "APT39").stdout  # numbers make them organisations
    result = run("explain", "--type", "organisation", "Flemsted LLC", "OOO Flemsted")
    assert_ok(result)
    assert result.stdout.splitlines()[1:] == ["  org: LLC = OOO"]
    assert result.stdout.startswith("same")


def test_resolve_reads_names_from_stdin_given_a_dash():
    result = run("resolve", "--no-aliases", "-", stdin="\n".join(NAMES) + "\n")
    assert_ok(result)
    assert groups(result.stdout) == EXPECTED


def test_input_format_option_reads_stdin_as_csv():
    result = run("resolve", "--no-aliases", "--input-format", "csv", "-", stdin="name\nMuammar Gaddafi\n")
    assert_ok(result)
    assert [r["name"] for r in rows(result.stdout)] == ["Muammar Gaddafi"]


def test_input_format_option_overrides_the_file_ending(tmp_path):
    path = write(tmp_path / "names.csv", "Muammar Gaddafi, Libya\n")
    result = run("resolve", "--no-aliases", "--input-format", "txt", path)
    assert_ok(result)
    assert [r["name"] for r in rows(result.stdout)] == ["Muammar Gaddafi, Libya"]


# --- resolve: output formats ------------------------------------------------------------------


def parsed_clusters(fmt: str, text: str) -> list[dict]:
    if fmt == "json":
        return json.loads(text)["clusters"]
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    return YAML(typ="safe", pure=True).load(text)["clusters"]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml"])
def test_structured_formats_parse_back_into_clusters_with_members_and_counts(tmp_path, fmt):
    path = write(tmp_path / "n.txt", "\n".join([*NAMES, "Muammar Gaddafi"]) + "\n")
    result = run("resolve", "--no-aliases", "--format", fmt, path)
    assert_ok(result)
    clusters = parsed_clusters(fmt, result.stdout)
    assert {frozenset(m["name"] for m in c["members"]) for c in clusters} == EXPECTED
    assert [c["id"] for c in clusters] == sorted(c["id"] for c in clusters)
    for cluster in clusters:
        assert cluster["id"] == slug(cluster["canonical"])
        for member in cluster["members"]:
            assert member["count"] == (2 if member["name"] == "Muammar Gaddafi" else 1)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml"])
def test_structured_formats_agree_with_the_csv(tmp_path, fmt):
    path = write(tmp_path / "n.txt", "\n".join(NAMES) + "\n")
    table = rows(run("resolve", "--no-aliases", path).stdout)
    clusters = parsed_clusters(fmt, run("resolve", "--no-aliases", "-f", fmt, path).stdout)
    from_structured = {
        (c["id"], c["canonical"], m["name"], m["count"]) for c in clusters for m in c["members"]
    }
    from_csv = {(r["cluster_id"], r["canonical"], r["name"], int(r["count"])) for r in table}
    assert from_structured == from_csv


def test_output_option_writes_the_file_and_nothing_to_stdout(tmp_path):
    source = write(tmp_path / "n.txt", "\n".join(NAMES) + "\n")
    target = tmp_path / "out.csv"
    result = run("resolve", "--no-aliases", "-q", "--output", target, source)
    assert_ok(result)
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == run("resolve", "--no-aliases", source).stdout


def test_output_option_replaces_an_existing_file(tmp_path):
    source = write(tmp_path / "n.txt", "Hasan Nasrallah\n")
    target = write(tmp_path / "out.csv", "old contents that are longer than the new ones\n" * 20)
    assert_ok(run("resolve", "--no-aliases", "-o", target, source))
    assert rows(target.read_text(encoding="utf-8"))[0]["name"] == "Hasan Nasrallah"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.txt", "out.csv"]


def test_output_file_gets_the_permissions_the_umask_allows(tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    target = tmp_path / "out.csv"
    assert_ok(run("resolve", "--no-aliases", "-o", target, write(tmp_path / "n.txt", "Hasan Nasrallah\n")))
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


# --- determinism ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "yaml"])
def test_output_does_not_depend_on_input_order(tmp_path, fmt):
    names = [*NAMES, "Muammar Gaddafi", "Hasan Nasrallah", "Hasan Nasrallah", "Kadhimi", "Kazemi"]
    shuffled = list(names)
    random.Random(7).shuffle(shuffled)
    assert shuffled != names
    outputs = {
        run("resolve", "--no-aliases", "-f", fmt, write(tmp_path / f"{i}.txt", "\n".join(order))).stdout
        for i, order in enumerate([names, list(reversed(names)), shuffled])
    }
    assert len(outputs) == 1
    assert "Muammar Gaddafi" in outputs.pop()


# --- alias tables -----------------------------------------------------------------------------


def test_a_cluster_matching_an_alias_entity_takes_its_id_and_canonical(tmp_path):
    table = write(tmp_path / "aliases.yaml", ALIAS_TABLE)
    names = write(tmp_path / "n.txt", "Muammar Gaddafi\nMoammar Qaddafi\nHasan Nasrallah\n")
    result = run("resolve", "--aliases", table, names)
    assert_ok(result)
    by_name = {r["name"]: r for r in rows(result.stdout)}
    for name in ("Muammar Gaddafi", "Moammar Qaddafi"):
        assert by_name[name]["cluster_id"] == "gaddafi"
        assert by_name[name]["canonical"] == "Muammar al-Qadhafi"
    assert by_name["Hasan Nasrallah"]["cluster_id"] == "hasan-nasrallah"


def test_an_alias_in_the_input_lands_in_its_entity_with_the_entity_type(tmp_path):
    table = write(tmp_path / "aliases.yaml", ALIAS_TABLE)
    result = run("resolve", "-a", table, "-f", "json", write(tmp_path / "n.txt", "Brother Leader\n"))
    assert_ok(result)
    [cluster] = json.loads(result.stdout)["clusters"]
    assert (cluster["id"], cluster["canonical"], cluster["type"]) == (
        "gaddafi",
        "Muammar al-Qadhafi",
        "person",
    )
    assert cluster["members"] == [{"name": "Brother Leader", "count": 1}]


def test_distinct_alias_entities_stay_apart_although_their_spellings_match(tmp_path):
    names = write(tmp_path / "n.txt", "Ali Hassan\nAli Hasan\n")
    without = run("resolve", "--no-aliases", names)
    assert groups(without.stdout) == {frozenset({"Ali Hassan", "Ali Hasan"})}
    result = run("resolve", "-a", write(tmp_path / "aliases.yaml", ALIAS_TABLE), names)
    assert_ok(result)
    assert {r["name"]: r["cluster_id"] for r in rows(result.stdout)} == {
        "Ali Hassan": "ali-hassan-the-elder",
        "Ali Hasan": "ali-hasan-the-younger",
    }


def test_no_aliases_ignores_the_shipped_table(tmp_path):
    names = write(tmp_path / "n.txt", "Mustafa Al-Kazemi\n")
    shipped = rows(run("resolve", names).stdout)
    bare = rows(run("resolve", "--no-aliases", names).stdout)
    assert shipped[0]["cluster_id"] == "mustafa-al-kadhimi"
    assert bare[0]["cluster_id"] == "mustafa-al-kazemi"


def test_spellings_join_their_entity_even_when_an_alias_of_it_is_also_in_the_input(tmp_path):
    table = write(tmp_path / "aliases.yaml", ALIAS_TABLE)
    names = write(tmp_path / "n.txt", "Muammar Gaddafi\nMoammar Qaddafi\nBrother Leader\n")
    result = run("resolve", "-a", table, names)
    assert_ok(result)
    assert {r["cluster_id"] for r in rows(result.stdout)} == {"gaddafi"}


# --- explain ----------------------------------------------------------------------------------


def test_explain_kadhimi_and_kazemi_are_the_same():
    result = run("explain", "Kadhimi", "Kazemi")
    assert_ok(result)
    assert result.stdout.startswith("same")


def test_explain_araji_and_soleimani_are_different():
    result = run("explain", "Qasim al-Araji", "Qassem Soleimani")
    assert_ok(result)
    assert result.stdout.startswith("different")
    assert "Araji" in result.stdout and "Soleimani" in result.stdout


@pytest.mark.parametrize(("left", "right"), list(combinations(["Khiqani", "Khaikani", "Khikani"], 2)))
def test_explain_khiqani_spellings_are_pairwise_the_same(left, right):
    for a, b in ((left, right), (right, left)):
        result = run("explain", a, b)
        assert_ok(result)
        assert result.stdout.startswith("same")


def test_explain_kazemi_and_khaikani_are_different():
    result = run("explain", "Kazemi", "Khaikani")
    assert_ok(result)
    assert result.stdout.startswith("different")


def test_explain_prints_the_score_and_threshold():
    result = run("explain", "--threshold", "0.5", "Kadhimi", "Kazemi")
    assert_ok(result)
    assert re.match(r"same \(score [01]\.\d{3}, threshold 0\.50\)\n", result.stdout)


# --- evaluate ---------------------------------------------------------------------------------

GOLD = "name\tcluster_id\nMuammar Gaddafi\tg\nMoammar Qaddafi\tg\nHassan Nasrallah\tn\nHasan Nasrallah\tn\n"
# The gold wrongly splits the Nasrallah spellings: predicted pairs 2, one of them right.
SPLIT_GOLD = (
    "name\tcluster_id\nMuammar Gaddafi\tg\nMoammar Qaddafi\tg\nHassan Nasrallah\tn1\nHasan Nasrallah\tn2\n"
)


def score_lines(stdout: str) -> dict[str, str]:
    return {line.split()[0]: line for line in stdout.splitlines() if line.startswith(("pairwise", "B-cubed"))}


def test_evaluate_reports_perfect_pairwise_and_bcubed_scores(tmp_path):
    result = run("evaluate", write(tmp_path / "gold.tsv", GOLD))
    assert_ok(result)
    lines = score_lines(result.stdout)
    assert lines["pairwise"].endswith("P 1.000  R 1.000  F1 1.000")
    assert lines["B-cubed"].endswith("P 1.000  R 1.000  F1 1.000")
    assert "4 names, 2 gold clusters" in result.stdout


def test_evaluate_baseline_scores_plain_jaro_winkler_after_namefold(tmp_path):
    result = run("evaluate", write(tmp_path / "gold.tsv", GOLD), "--baseline", "--show", "0")
    assert_ok(result)
    ours, plain = result.stdout.split("Jaro-Winkler >= 0.93 for comparison:")
    assert score_lines(ours)["pairwise"].endswith("F1 1.000")
    # Gaddafi / Qaddafi differ in their first letter, which Jaro-Winkler weighs most.
    assert "R 1.000" not in score_lines(plain)["pairwise"]


def test_evaluate_reports_lower_precision_and_the_false_merge(tmp_path):
    result = run("evaluate", write(tmp_path / "gold.tsv", SPLIT_GOLD))
    assert_ok(result)
    lines = score_lines(result.stdout)
    assert lines["pairwise"].endswith("P 0.500  R 1.000  F1 0.667")
    assert lines["B-cubed"].endswith("P 0.750  R 1.000  F1 0.857")
    assert "false merges (most confident first): 1" in result.stdout
    assert "Hasan Nasrallah | Hassan Nasrallah" in result.stdout


def test_evaluate_scores_a_predicted_csv_written_by_resolve(tmp_path):
    predicted = tmp_path / "pred.csv"
    names = write(tmp_path / "n.txt", "\n".join(NAMES) + "\n")
    assert_ok(run("resolve", "--no-aliases", "-o", predicted, names))
    result = run("evaluate", write(tmp_path / "gold.tsv", SPLIT_GOLD), "--predicted", predicted)
    assert_ok(result)
    assert score_lines(result.stdout)["pairwise"].endswith("F1 0.667")


def test_evaluate_scores_a_predicted_json_written_by_resolve(tmp_path):
    predicted = tmp_path / "pred.json"
    names = write(tmp_path / "n.txt", "Muammar Gaddafi\nHasan Nasrallah\n")
    assert_ok(run("resolve", "--no-aliases", "-f", "json", "-o", predicted, names))
    result = run("evaluate", write(tmp_path / "gold.tsv", GOLD), "-p", predicted)
    assert_ok(result)
    # Moammar Qaddafi and Hassan Nasrallah were never predicted: both gold pairs are missed.
    assert score_lines(result.stdout)["pairwise"].endswith("R 0.000  F1 0.000")


def test_evaluate_can_leave_out_gold_aliases(tmp_path):
    gold = write(
        tmp_path / "gold.yaml",
        "entities:\n"
        "  - id: g\n"
        "    mentions: {a.txt: [Muammar Gaddafi, Moammar Qaddafi]}\n"
        "    aliases: [Brother Leader]\n",
    )
    assert "3 names, 1 gold clusters" in run("evaluate", gold).stdout
    result = run("evaluate", "--exclude-aliases", gold)
    assert_ok(result)
    assert "2 names, 1 gold clusters" in result.stdout
    assert score_lines(result.stdout)["pairwise"].endswith("F1 1.000")


# Two spellings of one organisation and of two people (the gold keeps the Nasrallahs apart), so
# only the people's scores fall: pairwise P 1/2 overall, 0/1 for people, 1/1 for organisations.
TYPED_GOLD = (
    "name\tcluster_id\ttype\n"
    "Hassan Nasrallah\tn1\tperson\nHasan Nasrallah\tn2\tperson\n"
    "Hezbollah\th\torganisation\nHizballah\th\torganisation\n"
)


def test_evaluate_scores_each_type_of_a_gold_with_a_type_column(tmp_path):
    result = run("evaluate", write(tmp_path / "gold.tsv", TYPED_GOLD), "--show", "0")
    assert_ok(result)
    overall, by_type = result.stdout.split("organisation: ")
    assert score_lines(overall)["pairwise"].endswith("P 0.500  R 1.000  F1 0.667")
    organisations, people = by_type.split("person: ")
    assert organisations.startswith("2 names, 1 gold clusters")
    assert "  pairwise  P 1.000  R 1.000  F1 1.000" in organisations
    assert people.startswith("2 names, 2 gold clusters")
    # No gold pair among the people, one predicted pair that is wrong: precision 0, recall 1 (none to find).
    assert "  pairwise  P 0.000  R 1.000  F1 0.000" in people


def test_evaluate_resolves_the_gold_names_as_the_kinds_its_type_column_gives(tmp_path):
    # Cimex alone reads as a person's name; the gold says it is the company CIMEX, S.A.
    gold = write(
        tmp_path / "gold.tsv", "name\tid\ttype\nCIMEX\tc\torganisation\nCIMEX, S.A.\tc\torganisation\n"
    )
    result = run("evaluate", gold, "--show", "0")
    assert_ok(result)
    assert score_lines(result.stdout)["pairwise"].endswith("P 1.000  R 1.000  F1 1.000")


def test_evaluate_lists_the_mistakes_of_one_type(tmp_path):
    result = run("evaluate", write(tmp_path / "gold.tsv", TYPED_GOLD), "--type", "organisation")
    assert_ok(result)
    assert "false merges (most confident first): 0" in result.stdout
    result = run("evaluate", write(tmp_path / "gold.tsv", TYPED_GOLD), "--type", "person")
    assert "Hasan Nasrallah | Hassan Nasrallah" in result.stdout


def test_evaluate_of_a_type_the_gold_lacks_is_a_one_line_error(tmp_path):
    gold = write(tmp_path / "gold.tsv", TYPED_GOLD)
    assert_error(run("evaluate", gold, "--type", "vessel"), str(gold), "'vessel'", "organisation, person")


def test_evaluate_with_nothing_left_after_excluding_aliases_is_a_one_line_error(tmp_path):
    gold = write(tmp_path / "gold.yaml", "entities:\n  - id: g\n    aliases: [Brother Leader]\n")
    assert_error(run("evaluate", "--exclude-aliases", gold), str(gold))


# --- version and help -------------------------------------------------------------------------


def test_version_prints_the_package_version():
    result = run("--version")
    assert_ok(result)
    assert result.stdout.startswith(f"namefold {namefold.__version__} (")


@pytest.mark.parametrize("command", [[], ["resolve"], ["explain"], ["evaluate"]])
def test_every_command_has_help(command):
    result = run(*command, "--help")
    assert_ok(result)
    assert "Usage" in result.stdout


# --- bad input --------------------------------------------------------------------------------


def test_missing_input_file_is_a_one_line_error(tmp_path):
    missing = tmp_path / "missing.txt"
    assert_error(run("resolve", "--no-aliases", missing), str(missing), "no such file")


def test_a_directory_as_input_is_a_one_line_error(tmp_path):
    assert_error(run("resolve", "--no-aliases", tmp_path), str(tmp_path), "directory")


def test_undecodable_bytes_are_an_error_naming_their_line(tmp_path):
    path = tmp_path / "n.txt"
    path.write_bytes(b"Ali\n\xff\xfeX\n")
    assert_error(run("resolve", "--no-aliases", path), f"{path}: line 2:", "UTF-8")


@pytest.mark.parametrize("text", ["", "\n  \n\t\n\n"], ids=["empty", "blank-lines"])
def test_input_without_names_is_a_one_line_error(tmp_path, text):
    path = write(tmp_path / "n.txt", text)
    assert_error(run("resolve", "--no-aliases", path), str(path), "no names found")


def test_unknown_column_error_lists_the_columns(tmp_path):
    path = write(tmp_path / "n.csv", "id,person,country\n1,Ali,Iraq\n")
    message = assert_error(run("resolve", "--no-aliases", "-c", "name", path), f"{path}: line 1:", "'name'")
    assert "id, person, country" in message


def test_invalid_json_in_jsonl_is_an_error_naming_the_line(tmp_path):
    path = write(tmp_path / "n.jsonl", '{"name": "Ali"}\n{"name": "Omar"\n')
    assert_error(run("resolve", "--no-aliases", path), f"{path}: line 2:", "invalid JSON")


def test_jsonl_record_without_the_key_is_an_error_naming_line_and_key(tmp_path):
    path = write(tmp_path / "n.jsonl", '{"name": "Ali"}\n{"nom": "Omar"}\n')
    assert_error(run("resolve", "--no-aliases", path), f"{path}: line 2:", "'name'")


def test_jsonl_value_that_is_not_a_string_is_an_error_naming_line_and_key(tmp_path):
    path = write(tmp_path / "n.jsonl", '{"name": "Ali"}\n{"name": ["Omar"]}\n')
    assert_error(run("resolve", "--no-aliases", path), f"{path}: line 2:", "'name'", "not a string")


def resolve_with_table(tmp_path: Path, table_text: str):
    table = write(tmp_path / "aliases.yaml", table_text)
    return table, run("resolve", "-a", table, write(tmp_path / "n.txt", "Ali Hassan\n"))


def test_malformed_alias_yaml_is_an_error_naming_the_file_and_a_line(tmp_path):
    table, result = resolve_with_table(tmp_path, "entities:\n  - id: a\n    canonical: [unclosed\n")
    message = assert_error(result, str(table), "YAML")
    assert re.search(r": line \d+: ", message)


def test_alias_entity_without_id_is_an_error_naming_its_line(tmp_path):
    text = "entities:\n  - id: a\n    canonical: A\n  - canonical: B\n"
    table, result = resolve_with_table(tmp_path, text)
    assert_error(result, f"{table}: line 4:", "'id'")


def test_duplicate_alias_id_is_an_error_naming_both_lines(tmp_path):
    text = (
        "entities:\n  - id: a\n    canonical: A\n  - id: b\n    canonical: B\n  - id: a\n    canonical: C\n"
    )
    table, result = resolve_with_table(tmp_path, text)
    assert_error(result, f"{table}: line 6:", "duplicate id 'a'", "line 2")


def test_not_same_as_an_unknown_id_is_an_error(tmp_path):
    text = "entities:\n  - id: a\n    canonical: A\n    not_same_as: [zz]\n"
    table, result = resolve_with_table(tmp_path, text)
    assert_error(result, f"{table}: line 2:", "'zz'")


def test_one_alias_under_two_entities_is_an_error(tmp_path):
    text = (
        "entities:\n"
        "  - id: a\n    canonical: A\n    aliases: [Abu X]\n"
        "  - id: b\n    canonical: B\n    aliases: [Abu X]\n"
    )
    table, result = resolve_with_table(tmp_path, text)
    assert_error(result, f"{table}: line 5:", "'Abu X'", "'a'", "'b'")


def test_missing_alias_table_is_a_one_line_error(tmp_path):
    missing = tmp_path / "nope.yaml"
    assert_error(run("resolve", "-a", missing, write(tmp_path / "n.txt", "Ali\n")), str(missing))


def test_output_into_a_missing_folder_is_a_one_line_error(tmp_path):
    target = tmp_path / "nope" / "out.csv"
    result = run("resolve", "--no-aliases", "-o", target, write(tmp_path / "n.txt", "Ali\n"))
    assert_error(result, str(target), "does not exist")
    assert not target.parent.exists()


def test_output_onto_an_existing_folder_is_a_one_line_error(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    result = run("resolve", "--no-aliases", "-o", folder, write(tmp_path / "n.txt", "Ali\n"))
    assert_error(result, str(folder))
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_evaluate_gold_without_a_cluster_column_is_an_error(tmp_path):
    gold = write(tmp_path / "gold.tsv", "name\nAli\nOmar\n")
    assert_error(run("evaluate", gold), f"{gold}: line 1:", "cluster_id")


def test_evaluate_gold_row_without_a_cluster_is_an_error_naming_the_row(tmp_path):
    gold = write(tmp_path / "gold.tsv", "name\tcluster_id\nAli\ta\nOmar\n")
    assert_error(run("evaluate", gold), f"{gold}: line 3:")


def test_evaluate_predicted_file_that_is_not_a_resolve_output_is_an_error(tmp_path):
    gold = write(tmp_path / "gold.tsv", GOLD)
    predicted = write(tmp_path / "pred.csv", "who,what\nAli,a\n")
    assert_error(run("evaluate", gold, "-p", predicted), f"{predicted}: line 1:")


BAD_RUNS = {
    "missing-input": lambda d: ["resolve", "--no-aliases", d / "missing.txt"],
    "empty-input": lambda d: ["resolve", "--no-aliases", write(d / "empty.txt", "")],
    "bad-alias-table": lambda d: [
        "resolve",
        "-a",
        write(d / "a.yaml", "entities: [{id: A}]\n"),
        write(d / "n.txt", "Ali\n"),
    ],
}


@pytest.mark.parametrize("case", sorted(BAD_RUNS))
def test_a_failed_resolve_leaves_the_existing_output_unchanged(tmp_path, case):
    old = "cluster_id,canonical,name,count\nold,Old,Old,1\n"
    target = write(tmp_path / "existing.csv", old)
    args = BAD_RUNS[case](tmp_path)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert_error(run(*args, "--output", target))
    assert target.read_text(encoding="utf-8") == old
    assert sorted(p.name for p in tmp_path.iterdir()) == files  # no temporary file left behind


def test_resolve_reports_large_blocks_split_and_crowded_bare_names(tmp_path):
    # 6 fathers' names x 40 grandfathers: one (Muhammad, al-Tamimi) block of 240 chains, and a
    # bare Tamimi that fits all of them. Four of the fathers' names begin with M: a block of 160.
    fathers = ["Mahmoud", "Mustafa", "Mansur", "Munir", "Tariq", "Wahab"]
    grandfathers = [f"{a}{b}" for a in ["Bak", "Sad", "Nur", "Fah"] for b in "aeiou"] * 2
    grandfathers = [g + suffix for g, suffix in zip(grandfathers, ["r"] * 20 + ["d"] * 20, strict=True)]
    names = [f"Muhammad {f} {g} al-Tamimi" for f in fathers for g in grandfathers] + ["Tamimi"]
    result = run(
        "resolve", "--no-aliases", "-o", tmp_path / "out.csv", write(tmp_path / "n.txt", "\n".join(names))
    )
    assert_ok(result)
    assert "1 bare names not compared with the many fuller names they fit" in result.stderr
    assert "large blocks compared by whole fathers' names only" in result.stderr
