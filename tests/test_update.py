"""Updating the alias table from review decisions: nothing decided is lost, nothing undecided applied."""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from cli_helpers import assert_ok, assert_one_line_error, run, runner, write
from namefold import pipeline, update
from namefold.aliases import AliasTable
from namefold.cli import app
from namefold.model import Entity
from namefold.review import parse_review
from namefold.table import TableDoc, parse_table_doc
from namefold.update import apply_plan, plan_update

TABLE = """\
# Made-up people.
entities:
  - id: hamid-al-zuhairi
    canonical: Hamid al-Zuhairi
    type: person
  - id: hamad-al-zahir
    canonical: Hamad al-Zahir
    type: person
"""


def entities(path: Path) -> dict[str, dict]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return {e["id"]: e for e in data["entities"] or ()}


def test_a_name_with_an_undecided_row_stays_pending(tmp_path: Path) -> None:
    table = write(tmp_path / "people.yaml", TABLE)
    review = write(
        tmp_path / "review.csv",
        "left,right,entity_id,score,reasons,decision\n"
        "Hamad al-Zahiri,Hamid al-Zuhairi,hamid-al-zuhairi,0.837,,different\n"
        "Hamad al-Zahiri,Hamad al-Zahir,hamad-al-zahir,0.850,,\n",
    )
    assert_ok(run("update", table, "--labels", review, "--review", review))
    assert table.read_text(encoding="utf-8") == TABLE  # no entity made while a row is open
    rows = parse_review(review.read_text(encoding="utf-8"), str(review))
    assert [(r.left, r.entity_id, r.decision) for r in rows] == [
        ("Hamad al-Zahiri", "hamad-al-zahir", ""),
        ("Hamad al-Zahiri", "hamid-al-zuhairi", "different"),
    ]
    # Once every row of the name is decided, it becomes an entity kept apart from both.
    text = review.read_text(encoding="utf-8").replace(
        "hamad-al-zahir,0.850,,\n", "hamad-al-zahir,0.850,,different\n"
    )
    write(review, text)
    assert_ok(run("update", table, "--labels", review, "--review", review))
    found = entities(table)
    assert found["hamad-al-zahiri"]["not_same_as"] == ["hamad-al-zahir", "hamid-al-zuhairi"]
    assert parse_review(review.read_text(encoding="utf-8"), str(review)) == []


MERGE_TABLE = """\
entities:
  - id: ali-hassan
    canonical: Ali Hassan
  - id: ali-hasan
    canonical: Ali Hasan
  - id: omar-khalil
    canonical: Omar Khalil
"""


def test_rows_after_a_merge_follow_the_absorbed_id(tmp_path: Path) -> None:
    table = write(tmp_path / "people.yaml", MERGE_TABLE)
    labels = write(
        tmp_path / "labels.csv",
        "left,right,entity_id,score,reasons,decision\n"
        "Ali Hasan,Ali Hassan,ali-hassan,0.9,,same\n"  # merges ali-hasan into ali-hassan
        "Ali Hasen,Ali Hasan,ali-hasan,0.9,,same\n"  # names the id the merge absorbed
        "Omar Kalil,Ali Hasan,ali-hasan,0.2,,different\n",
    )
    assert_ok(run("update", table, "--labels", labels, "--review", tmp_path / "review.csv"))
    found = entities(table)
    assert set(found) == {"ali-hassan", "omar-khalil", "omar-kalil"}
    assert found["ali-hassan"]["aliases"] == ["Ali Hasan", "Ali Hasen"]
    assert found["ali-hassan"]["former_ids"] == ["ali-hasan"]
    assert found["omar-kalil"]["not_same_as"] == ["ali-hassan"]


def test_an_edit_error_names_the_labels_file_and_line(tmp_path: Path) -> None:
    table = write(tmp_path / "people.yaml", MERGE_TABLE)
    labels = write(
        tmp_path / "labels.csv",
        "left,right,entity_id,score,reasons,decision\n"
        "Ali Hasan,Ali Hassan,ali-hassan,0.9,,same\n"
        "Ali Hasan,Ali Hasan,omar-khalil,0.1,,different\n"
        "Ali Hassan,Ali Hasan,ali-hasan,0.9,,different\n",  # after the merge: the same entity
    )
    assert_one_line_error(
        run("update", table, "--labels", labels), f"{labels}: line 4: ", "cannot be different"
    )
    assert table.read_text(encoding="utf-8") == MERGE_TABLE


def test_the_table_is_saved_before_the_review_file(tmp_path: Path, monkeypatch) -> None:
    import namefold.table

    class Killed(Exception):
        """The process dying while the table is written."""

    table = write(tmp_path / "people.yaml", TABLE)
    review = write(
        tmp_path / "review.csv",
        "left,right,entity_id,score,reasons,decision\n"
        "Hamid Zuhairi,Hamid al-Zuhairi,hamid-al-zuhairi,0.8,,same\n"
        "Hamad al-Zahiri,Hamid al-Zuhairi,hamid-al-zuhairi,0.837,,\n",
    )
    before = review.read_text(encoding="utf-8")
    real = namefold.table.write_atomic

    def crash_on_table(path: Path, text: str) -> None:
        if path == table:
            raise Killed
        real(path, text)

    monkeypatch.setattr(namefold.table, "write_atomic", crash_on_table)
    result = runner.invoke(app, ["update", str(table), "--labels", str(review), "--review", str(review)])
    assert isinstance(result.exception, Killed)
    assert table.read_text(encoding="utf-8") == TABLE
    assert review.read_text(encoding="utf-8") == before  # the decisions are still there to apply


def test_the_module_entry_point_knows_the_table_commands() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "namefold.cli", "split", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Move aliases of an entity" in result.stdout


KADHIMIS = """\
entities:
  - id: mustafa-al-kadhimi
    canonical: Mustafa al-Kadhimi
    type: person
  - id: ali-al-kadhimi
    canonical: Ali al-Kadhimi
    type: person
"""


def test_a_name_that_fits_two_entities_goes_to_review_not_into_the_table(tmp_path: Path) -> None:
    # A bare Kadhimi could be either man: neither an alias of one nor a new entity.
    table = write(tmp_path / "people.yaml", KADHIMIS)
    names = write(tmp_path / "new.txt", "Kadhimi\n")
    review = tmp_path / "review.csv"
    assert_ok(run("update", table, names, "--review", review))
    assert table.read_text(encoding="utf-8") == KADHIMIS
    rows = parse_review(review.read_text(encoding="utf-8"), str(review))
    assert sorted((r.left, r.entity_id) for r in rows) == [
        ("Kadhimi", "ali-al-kadhimi"),
        ("Kadhimi", "mustafa-al-kadhimi"),
    ]


# What a name must have to go into the table (issue 15, item 5)

ONE = "entities:\n  - id: mustafa-al-kadhimi\n    canonical: Mustafa al-Kadhimi\n"
KHAMENEI = "\u0639\u0644\u06cc \u062e\u0627\u0645\u0646\u0647\u200c\u0627\u06cc"  # علی خامنه‌ای, a ZWNJ inside


def test_update_skips_and_lists_lines_that_are_only_titles_or_particles(tmp_path: Path) -> None:
    table = write(tmp_path / "t.yaml", ONE)
    batch = write(tmp_path / "new.txt", "Sheikh\nAbu\nbin\nPrime Minister\n-al-\nHadi al-Amiri\n")
    result = run("update", table, batch)
    assert_ok(result)
    assert sorted(entities(table)) == ["hadi-al-amiri", "mustafa-al-kadhimi"]
    for line, name in enumerate(["Sheikh", "Abu", "bin", "Prime Minister", "-al-"], start=1):
        assert f"{batch}: line {line}: skipped {name!r}: it has only titles and particles" in result.stderr
    assert "6 names (0 already in the table, 5 skipped as no names)" in result.stderr


def test_update_refuses_a_control_character_naming_its_line(tmp_path: Path) -> None:
    table = write(tmp_path / "t.yaml", ONE)
    for text, fragments in [
        ("Hadi al-Amiri\nAli\x00Bakr\n", ["line 2: binary file", "NUL"]),  # the reader refuses it
        ("Hadi al-Amiri\nAli\x1bBakr\n", ["line 2: name ", "U+001B"]),
    ]:
        batch = write(tmp_path / "new.txt", text)
        assert_one_line_error(run("update", table, batch), f"{batch}: ", *fragments)
        assert table.read_text(encoding="utf-8") == ONE


def test_update_drops_bidi_and_zero_width_marks_but_keeps_a_persian_zwnj(tmp_path: Path) -> None:
    table = write(tmp_path / "t.yaml", ONE)
    batch = write(tmp_path / "new.txt", f"\u200fHadi al-\u200bAmiri\u200e\n{KHAMENEI}\n")
    result = run("update", table, batch)
    assert_ok(result)
    canonicals = {e["canonical"] for e in entities(table).values()}
    assert canonicals == {"Mustafa al-Kadhimi", "Hadi al-Amiri", KHAMENEI}
    assert "1 read without invisible marks" in result.stderr


def test_a_name_already_in_the_table_but_for_a_mark_is_known(tmp_path: Path) -> None:
    table = write(tmp_path / "t.yaml", ONE)
    result = run("update", table, write(tmp_path / "new.txt", "Mustafa al-Ka\u00addhimi\n"))
    assert_ok(result)
    assert table.read_text(encoding="utf-8") == ONE
    assert "(1 already in the table" in result.stderr


def test_check_reports_entries_that_are_no_names_as_errors_with_their_line(tmp_path: Path) -> None:
    table = write(
        tmp_path / "t.yaml",
        ONE + "  - id: sheikh\n    canonical: Sheikh\n"
        '  - id: hadi\n    canonical: "Hadi al-Amiri\\u200f"\n    aliases: ["Hadi\\rAmiri", "-al-"]\n',
    )
    result = run("check", table)
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {table}: line 4: entity 'sheikh': canonical 'Sheikh' is not a name: "
        "it has only titles and particles",
        f"error: {table}: line 6: entity 'hadi': alias '-al-' is not a name: "
        "it has only titles and particles",
        f"error: {table}: line 6: entity 'hadi': alias 'Hadi\\rAmiri' is not a name: "
        "it holds the control character U+000D",
        f"error: {table}: line 6: entity 'hadi': canonical 'Hadi al-Amiri\\u200f' is not a name: "
        "it holds the invisible character U+200F (RIGHT-TO-LEFT MARK)",
    ]


# Speed on large tables (issue 15, item 11): the work the update repeated, and that the result stays.


def generated_doc(entities: int) -> tuple[TableDoc, list[str]]:
    """A table of generated people (bench/bench_update.py) and new names drawn from another seed."""
    bench = Path(__file__).parents[1] / "bench"
    sys.path.insert(0, str(bench))
    try:
        bench_update = importlib.import_module("bench_update")
        make_names = importlib.import_module("make_names")
    finally:
        sys.path.remove(str(bench))
    doc = parse_table_doc(bench_update.table_text(entities, seed=1), "t.yaml")
    return doc, make_names.generate(entities // 2, seed=2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [(TABLE.replace("canonical: Hamid al-Zuhairi", "canonical: Hamid al-Zuhairi  # by hand"), 2), (TABLE, 0)],
    ids=["yaml-path", "text-path"],
)
def test_update_loads_a_table_only_to_edit_it_and_read_back_what_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: int
) -> None:
    """Once through the round-trip tree to edit it and once to read back what is written; not at
    all when the table is read and edited as text (the text written is read back line by line)."""
    table = write(tmp_path / "t.yaml", text)
    loads = []
    real = YAML.load

    def counted(self: YAML, stream: object) -> object:
        loads.append(stream)
        return real(self, stream)

    monkeypatch.setattr(YAML, "load", counted)
    assert_ok(run("update", table, write(tmp_path / "new.txt", "Hamid al-Zuhairi\nKarim Haddad\n")))
    assert len([s for s in loads if "hamid-al-zuhairi" in str(s)]) == expected


def test_update_keys_each_name_once(monkeypatch: pytest.MonkeyPatch) -> None:
    doc, names = generated_doc(60)
    keyed: Counter[str] = Counter()
    real = pipeline._key_chunk

    def counted(rules: object, chunk: list[str]) -> object:
        keyed.update(chunk)
        return real(rules, chunk)

    monkeypatch.setattr(pipeline, "_key_chunk", counted)
    plan_update(doc.current(), names)
    assert keyed and max(keyed.values()) == 1


def test_keying_once_and_reading_the_tree_change_no_byte_of_the_update(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc, names = generated_doc(100)
    fast = plan_update(doc.current(), names)
    apply_plan(doc, fast)
    monkeypatch.setattr(update, "keyed_once", contextlib.nullcontext)
    again, _ = generated_doc(100)
    slow = plan_update(again.table(), names)  # the table written out and read back, names keyed each time
    apply_plan(again, slow)
    assert fast == slow and fast.aliases and fast.entities and fast.review
    assert doc.dump() == again.dump()
    fields = [
        [(e.id, e.canonical, e.aliases, e.not_same_as) for e in t.entities]
        for t in (doc.current(), doc.table())
    ]
    assert fields[0] == fields[1]


def test_comparing_only_pairs_near_the_new_names_changes_no_decision(monkeypatch: pytest.MonkeyPatch) -> None:
    doc, names = generated_doc(300)
    compared: list[int] = []
    real = pipeline._compare_chunk

    def counted(shared: object, codes: list[int]) -> object:
        compared.append(len(codes))
        return real(shared, codes)

    monkeypatch.setattr(pipeline, "_compare_chunk", counted)
    near = plan_update(doc.current(), names[:20])
    near_pairs = sum(compared)
    compared.clear()
    every_pair = lambda codes, compared, keys, parsed, entity_of: (codes, set(entity_of.values()))  # noqa: E731
    monkeypatch.setattr(pipeline, "_near", every_pair)  # every candidate pair, every entity in the graph
    every = plan_update(doc.current(), names[:20])
    assert near == every and near.aliases and near.entities
    assert near_pairs < sum(compared) / 3


def test_a_new_spelling_with_the_key_of_a_table_name_that_meets_no_other_name_is_its_alias() -> None:
    # The table name is the one compared for the key and has no candidate pair: its entity must
    # still be in the graph for the new spelling to be tied to it.
    table = AliasTable(
        "t.yaml",
        (
            Entity("kadhimi", "Mustafa al-Kadhimi"),
            Entity("zuhairi", "Hamid al-Zuhairi", aliases=("Hamid Zuhairi",)),
        ),
    )
    plan = plan_update(table, ["Mustafa Al Kadhimi", "Mustafa AL-KADHIMI"])
    assert plan.aliases == {"kadhimi": ("Mustafa Al Kadhimi", "Mustafa AL-KADHIMI")}
    assert not plan.entities and not plan.review


def test_update_blocks_the_same_names_once(monkeypatch: pytest.MonkeyPatch) -> None:
    doc, names = generated_doc(60)
    stages: list[int] = []
    real = pipeline._blocked

    def counted(keyed: Iterable[tuple[str, object]], rules: object) -> object:
        keyed = list(keyed)
        stages.append(len(keyed))
        return real(keyed, rules)

    monkeypatch.setattr(pipeline, "_blocked", counted)
    plan = plan_update(doc.current(), names)
    assert plan.aliases  # some names were taken, so the third resolve (without their entities) ran
    assert len(stages) == 2 and stages[0] > stages[1]  # at the threshold and the floor: one stage


def test_update_shows_its_progress_where_it_is_told() -> None:
    doc, names = generated_doc(60)
    seen: list[tuple[str, int]] = []

    def track(items: object, total: int, label: str) -> object:
        seen.append((label, total))
        return items

    plan_update(doc.current(), names, track=track)
    assert ("keys", len({n for e in doc.current().entities for n in e.names} | set(names))) in seen
    assert any(label == "compare" for label, _ in seen)
