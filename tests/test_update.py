"""Updating the alias table from review decisions: nothing decided is lost, nothing undecided applied."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from cli_helpers import assert_ok, assert_one_line_error, run, runner, write
from namefold.cli import app
from namefold.review import parse_review

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
