"""The alias table as an edited file: update, review round-trip, check, merge, split, safe writes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from ruamel.yaml import YAML

import namefold.errors
import namefold.table
from cli_helpers import assert_ok, assert_one_line_error, run, runner, write
from namefold.cli import app
from namefold.review import ReviewRow, parse_review, write_review


class Killed(Exception):
    """Stands for the process dying mid-write (an exception no handler in namefold catches)."""


# Made-up people. The canonical of the first entity was chosen by hand (not the consensus
# spelling), the comments belong to the analyst, and the layouts mix flow and block lists.
TABLE = """\
# Ministry of Works, staff seen in the press.
entities:
  # The minister.
  - id: hamid-al-zuhairi
    canonical: Hamid al-Zuhairi  # as he signs his letters
    type: person
    aliases: [Hamid Zuhairi]
    not_same_as: [karim-benali]
  - id: karim-benali
    canonical: "Karim Benali"
    type: person
    not_same_as: [hamid-al-zuhairi]
    note: Deputy minister.
  # Press office.
  - id: rania-haddad
    canonical: Rania Haddad
    type: person
    aliases:
      - Rania Hadad
# end of the table
"""

# Variant spellings of two people in the table, two brand-new people (one in two spellings),
# a name already in the table, and a near-miss: Hamad al-Zahiri scores 0.837 against the
# minister (a~i, u~a, ai~i), inside the review band [0.75, 0.86).
BATCH = [
    "Hameed al-Zuhairi",
    "Raniya Haddad",
    "Rania Haddad",
    "Youssef Mansour",
    "Yusuf Mansur",
    "Leila Nasser",
    "Hamad al-Zahiri",
]


def is_subsequence(old: str, new: str) -> bool:
    """Every character of `old` appears in `new` in order: the edit only inserted text."""
    chars = iter(new)
    return all(c in chars for c in old)


def entities(path: Path) -> dict[str, dict]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return {e["id"]: e for e in data["entities"]}


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    table = write(tmp_path / "people.yaml", TABLE)
    batch = write(tmp_path / "batch.txt", "\n".join(BATCH) + "\n")
    return table, batch, tmp_path / "review.csv"


def test_acceptance_update_review_label_and_rerun(files: tuple[Path, Path, Path]) -> None:
    table, batch, review = files

    # A dry run shows the change as a diff and writes nothing.
    dry = run("update", table, batch, "--review", review, "--dry-run")
    assert_ok(dry)
    assert table.read_text(encoding="utf-8") == TABLE and not review.exists()
    removed = [
        line for line in dry.stdout.splitlines() if line.startswith("-") and not line.startswith("---")
    ]
    # Appending to a flow list rewrites that one line; every other change is an added line.
    assert removed == ["-    aliases: [Hamid Zuhairi]"]
    assert "+    aliases: [Hamid Zuhairi, Hameed al-Zuhairi]" in dry.stdout

    started = time.perf_counter()
    assert_ok(run("update", table, batch, "--review", review))
    elapsed = time.perf_counter() - started
    assert elapsed < 10, elapsed
    text = table.read_text(encoding="utf-8")
    assert (table.parent / "people.yaml.bak").read_text(encoding="utf-8") == TABLE
    assert is_subsequence(TABLE, text)
    assert text.splitlines()[:6] == TABLE.splitlines()[:6]  # header, comments, hand-made canonical
    assert text.endswith("# end of the table\n")
    found = entities(table)
    assert list(found)[:3] == ["hamid-al-zuhairi", "karim-benali", "rania-haddad"]
    assert found["hamid-al-zuhairi"]["aliases"] == ["Hamid Zuhairi", "Hameed al-Zuhairi"]
    assert found["hamid-al-zuhairi"]["canonical"] == "Hamid al-Zuhairi"
    assert found["rania-haddad"]["aliases"] == ["Rania Hadad", "Raniya Haddad"]
    assert found["leila-nasser"] == {"id": "leila-nasser", "canonical": "Leila Nasser"}
    # The two spellings tie in the batch: the canonical is the rule tables' spelling (Yusuf).
    assert found["yusuf-mansur"] == {
        "id": "yusuf-mansur",
        "canonical": "Yusuf Mansur",
        "aliases": ["Youssef Mansour"],
    }
    assert "Hamad al-Zahiri" not in text  # the near-miss waits for review
    rows = parse_review(review.read_text(encoding="utf-8"), "review.csv")
    assert [(r.left, r.entity_id, r.decision) for r in rows] == [("Hamad al-Zahiri", "hamid-al-zuhairi", "")]
    assert 0.75 <= rows[0].score < 0.86

    # The analyst labels the near-miss `different`.
    labelled = review.read_text(encoding="utf-8").replace(",\n", ",different\n")
    write(review, labelled)
    assert_ok(run("update", table, "--labels", review, "--review", review))
    found = entities(table)
    assert found["hamid-al-zahiri" if "hamid-al-zahiri" in found else "hamad-al-zahiri"]["not_same_as"] == [
        "hamid-al-zuhairi"
    ]
    assert found["hamid-al-zuhairi"]["not_same_as"] == ["karim-benali", "hamad-al-zahiri"]
    assert review.read_text(encoding="utf-8") == "left,right,entity_id,score,reasons,decision\n"

    # The same batch again changes nothing.
    before = table.read_bytes()
    backup = (table.parent / "people.yaml.bak").read_bytes()
    again = run("update", table, batch, "--review", review)
    assert_ok(again)
    assert table.read_bytes() == before
    assert (table.parent / "people.yaml.bak").read_bytes() == backup
    assert "0 aliases added to 0 entities, 0 new entities" in again.stderr


def test_update_output_does_not_depend_on_input_order(files: tuple[Path, Path, Path], tmp_path: Path) -> None:
    table, batch, review = files
    other = write(tmp_path / "other.yaml", TABLE)
    shuffled = write(tmp_path / "shuffled.txt", "\n".join(reversed(BATCH)) + "\n")
    assert_ok(run("update", table, batch, "--review", review))
    assert_ok(run("update", other, shuffled, "--review", tmp_path / "review2.csv"))
    assert table.read_bytes() == other.read_bytes()
    assert review.read_bytes() == (tmp_path / "review2.csv").read_bytes()


def test_labelling_same_adds_the_alias(files: tuple[Path, Path, Path]) -> None:
    table, batch, review = files
    assert_ok(run("update", table, batch, "--review", review))
    write(review, review.read_text(encoding="utf-8").replace(",\n", ",Same\n"))
    assert_ok(run("update", table, "--labels", review, "--review", review))
    assert entities(table)["hamid-al-zuhairi"]["aliases"][-1] == "Hamad al-Zahiri"


def test_a_review_file_with_unapplied_decisions_is_not_overwritten(files: tuple[Path, Path, Path]) -> None:
    table, batch, review = files
    assert_ok(run("update", table, batch, "--review", review))
    labelled = review.read_text(encoding="utf-8").replace(",\n", ",different\n")
    write(review, labelled)
    result = run("update", table, batch, "--review", review)
    assert_one_line_error(result, "review.csv: line 2:", "--labels")
    assert review.read_text(encoding="utf-8") == labelled


def test_an_interrupted_write_leaves_the_old_table(files: tuple[Path, Path, Path], monkeypatch) -> None:
    table, batch, _ = files
    real = namefold.table.write_atomic

    def crash_on_table(path: Path, text: str) -> None:
        if path == table:
            # Half of the new table reaches another file, then the process dies.
            real(path.with_name(".half"), text[: len(text) // 2])
            raise Killed
        real(path, text)

    monkeypatch.setattr(namefold.table, "write_atomic", crash_on_table)
    with pytest.raises(Killed):
        runner.invoke(app, ["update", str(table), str(batch)], catch_exceptions=False)
    assert table.read_text(encoding="utf-8") == TABLE


def test_the_atomic_writer_interrupted_midway_keeps_the_old_file(tmp_path: Path, monkeypatch) -> None:
    table = write(tmp_path / "people.yaml", TABLE)

    def fail(*args: object) -> None:
        raise Killed

    monkeypatch.setattr("namefold.writers.os.replace", fail)
    with pytest.raises(Killed):
        runner.invoke(app, ["merge", str(table), "karim-benali", "rania-haddad"], catch_exceptions=False)
    assert table.read_text(encoding="utf-8") == TABLE
    # No temporary file left; the backup, taken before the write, is the old table.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.yaml", "people.yaml.bak"]
    assert (tmp_path / "people.yaml.bak").read_text(encoding="utf-8") == TABLE


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("entities:\n  - id: a\n    canonical: [Ali\n", 3, "not valid YAML"),
        ("entities:\n  - canonical: Ali Hassan\n", 2, "no 'id'"),
        ("entities:\n  - id: a\n    canonical: Ali\n  - id: a\n    canonical: Omar\n", 4, "duplicate id 'a'"),
    ],
    ids=["bad-yaml", "missing-id", "duplicate-id"],
)
@pytest.mark.parametrize("command", ["update", "check", "merge", "split"])
def test_malformed_tables_are_one_line_errors_and_stay_untouched(
    tmp_path: Path, command: str, text: str, line: int, fragment: str
) -> None:
    table = write(tmp_path / "bad.yaml", text)
    batch = write(tmp_path / "b.txt", "Ali Hassan\n")
    extra = {"update": [batch], "check": [], "merge": ["a", "b"], "split": ["a", "Ali"]}[command]
    result = run(command, table, *extra)
    if command == "check":
        assert result.exit_code == 1
        assert f"error: {table}: line {line}: " in result.stdout and fragment in result.stdout
    else:
        assert_one_line_error(result, f"{table}: line {line}: ", fragment)
    assert table.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt", "bad.yaml"]


@pytest.mark.parametrize(
    ("csv_text", "fragment"),
    [
        (
            "left,right,entity_id,score,reasons,decision\nHamad al-Zahiri,x,karim-benali,0.8,,maybe\n",
            "line 2:",
        ),
        ("left,right,score,reasons,decision\nHamad al-Zahiri,x,0.8,,same\n", "line 1: no column 'entity_id'"),
        ("left,right,entity_id,score,reasons,decision\nHamad al-Zahiri,x,nobody,0.8,,same\n", "line 2:"),
    ],
    ids=["unknown-decision", "missing-column", "unknown-entity"],
)
def test_bad_labels_are_one_line_errors_naming_the_line(tmp_path: Path, csv_text: str, fragment: str) -> None:
    table = write(tmp_path / "people.yaml", TABLE)
    labels = write(tmp_path / "labels.csv", csv_text)
    result = run("update", table, "--labels", labels, "--review", tmp_path / "r.csv")
    assert_one_line_error(result, f"{labels}: {fragment}")
    assert table.read_text(encoding="utf-8") == TABLE


def test_review_cells_that_would_run_as_formulas_are_guarded_and_read_back() -> None:
    row = ReviewRow('=HYPERLINK("x")', "karim-benali", "+Karim", 0.8, ("-a",), "")
    text = write_review([row])
    assert text.splitlines()[1] == '"\'=HYPERLINK(""x"")",\'+Karim,karim-benali,0.800,\'-a,'
    (back,) = parse_review(text, "r.csv")
    assert (back.left, back.right, back.reasons) == ('=HYPERLINK("x")', "+Karim", ("-a",))
    assert parse_review(write_review([ReviewRow("'Ali", "x")]), "r.csv")[0].left == "'Ali"


def test_check_reports_every_problem_with_its_line(tmp_path: Path) -> None:
    table = write(
        tmp_path / "t.yaml",
        "entities:\n"
        "  - id: a\n    canonical: Ali Hassan\n    aliases: [Omar Khalil]\n"
        "  - id: b\n    canonical: Omar Khalil\n    not_same_as: [zed]\n"
        "  - id: b\n    canonical: Sami Aziz\n"
        "  - canonical: Nadia Rahman\n",
    )
    result = run("check", table)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == [
        f"warning: {table}: line 2: entity 'a': alias 'Omar Khalil' scores " + lines[0].split("scores ")[1],
        f"error: {table}: line 5: 'Omar Khalil' is listed under both 'a' and 'b'",
        f"error: {table}: line 5: entity 'b': not_same_as names unknown id 'zed'",
        f"error: {table}: line 8: duplicate id 'b' (first at line 5)",
        f"error: {table}: line 10: entity has no 'id' (a non-empty string)",
    ]
    assert "given names differ: Ali vs Omar" in lines[0]


def test_check_with_warnings_only_exits_0(tmp_path: Path) -> None:
    table = write(
        tmp_path / "t.yaml", "entities:\n  - id: a\n    canonical: Ali Hassan\n    aliases: [Abu Omar]\n"
    )
    result = run("check", table)
    assert_ok(result)
    assert result.stdout.startswith(f"warning: {table}: line 2: entity 'a': alias 'Abu Omar'")
    assert_ok(run("check", write(tmp_path / "ok.yaml", TABLE)))


def test_merge_keeps_names_comments_and_the_old_id(tmp_path: Path) -> None:
    table = write(tmp_path / "people.yaml", TABLE)
    assert_ok(run("merge", table, "rania-haddad", "karim-benali"))
    text = table.read_text(encoding="utf-8")
    found = entities(table)
    assert "karim-benali" not in found
    assert found["rania-haddad"]["aliases"] == ["Rania Hadad", "Karim Benali"]
    assert found["rania-haddad"]["former_ids"] == ["karim-benali"]
    assert found["rania-haddad"]["not_same_as"] == ["hamid-al-zuhairi"]
    assert found["hamid-al-zuhairi"]["not_same_as"] == ["rania-haddad"]
    assert found["rania-haddad"]["note"] == "Deputy minister."
    for comment in ("# Ministry of Works", "# The minister.", "# as he signs", "# Press office.", "# end of"):
        assert comment in text


def test_merge_refuses_entities_marked_different(tmp_path: Path) -> None:
    table = write(tmp_path / "people.yaml", TABLE)
    assert_one_line_error(run("merge", table, "hamid-al-zuhairi", "karim-benali"), "not_same_as")
    assert table.read_text(encoding="utf-8") == TABLE


def test_split_moves_aliases_to_a_new_entity_with_a_fresh_id(tmp_path: Path) -> None:
    table = write(tmp_path / "people.yaml", TABLE)
    result = run("split", table, "hamid-al-zuhairi", "Hamid Zuhairi")
    assert_ok(result)
    found = entities(table)
    assert "aliases" not in found["hamid-al-zuhairi"]
    assert found["hamid-zuhairi"] == {
        "id": "hamid-zuhairi",
        "canonical": "Hamid Zuhairi",
        "type": "person",
        "not_same_as": ["hamid-al-zuhairi"],
    }
    assert found["hamid-al-zuhairi"]["not_same_as"] == ["karim-benali", "hamid-zuhairi"]
    assert "new entity hamid-zuhairi" in result.stderr


def test_a_former_id_is_never_given_again(tmp_path: Path) -> None:
    table = write(tmp_path / "people.yaml", TABLE)
    assert_ok(run("merge", table, "karim-benali", "rania-haddad"))
    batch = write(tmp_path / "b.txt", "Rania Haddad\n")  # now an alias: nothing to add
    assert_ok(run("update", table, batch))
    assert_ok(run("split", table, "karim-benali", "Rania Haddad"))
    assert "rania-haddad-2" in entities(table)


def test_update_needs_names_or_labels(tmp_path: Path) -> None:
    table = write(tmp_path / "people.yaml", TABLE)
    assert_one_line_error(run("update", table), "--labels")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("foo-bar", "line 4: 'former_ids' must be a list"),
        ("[a, '']", "line 4: 'former_ids' item '' is not a non-empty string"),
        ("[[x]]", "line 4: 'former_ids' item"),
    ],
)
def test_former_ids_must_be_a_list_of_ids(tmp_path: Path, value: str, message: str) -> None:
    text = (
        "entities:\n  - id: a\n    canonical: Ali Hassan\n    former_ids: " + value + "\n"
        "  - id: b\n    canonical: Omar Khalil\n"
    )
    table = write(tmp_path / "t.yaml", text)
    for args in (("merge", table, "a", "b"), ("merge", table, "b", "a"), ("split", table, "a", "x")):
        assert_one_line_error(run(*args), f"{table}: {message}")
        assert table.read_text(encoding="utf-8") == text
    result = run("check", table)
    assert result.exit_code == 1 and f"error: {table}: {message}" in result.stdout


def test_a_scalar_former_id_is_not_read_letter_by_letter() -> None:
    doc = namefold.table.parse_table_doc("entities:\n  - id: a\n    canonical: Ali\n", "t.yaml")
    doc.entities[0]["former_ids"] = "foo"
    with pytest.raises(namefold.errors.AliasTableError, match="'former_ids' must be a list"):
        namefold.table.reserved_ids(doc)


def test_a_crlf_table_is_edited_and_keeps_its_line_ends(tmp_path: Path) -> None:
    crlf = TABLE.replace("\n", "\r\n")
    table = tmp_path / "people.yaml"
    table.write_bytes(crlf.encode("utf-8"))
    batch = write(tmp_path / "b.txt", "Hameed al-Zuhairi\nLeila Nasser\n")
    assert_ok(run("update", table, batch, "--review", tmp_path / "r.csv"))
    data = table.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") and b"\r\r" not in data
    assert entities(table)["hamid-al-zuhairi"]["aliases"] == ["Hamid Zuhairi", "Hameed al-Zuhairi"]
    assert is_subsequence(crlf, data.decode("utf-8"))
    assert_ok(run("merge", table, "rania-haddad", "leila-nasser"))
    data = table.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") and b"\r\r" not in data
    assert data.endswith(b"# end of the table\r\n")


def test_a_table_with_mixed_line_ends_is_refused_at_the_odd_line(tmp_path: Path) -> None:
    text = "entities:\r\n  - id: a\r\n    canonical: Ali Hassan\n    aliases: [Ali Hasan]\r\n"
    table = tmp_path / "t.yaml"
    table.write_bytes(text.encode("utf-8"))
    assert_one_line_error(run("merge", table, "a", "b"), f"{table}: line 3: ")
    assert table.read_bytes() == text.encode("utf-8")


def test_the_backup_is_a_byte_copy_with_the_permissions(tmp_path: Path) -> None:
    original = b"\xef\xbb\xbf" + TABLE.encode("utf-8")
    table = tmp_path / "people.yaml"
    table.write_bytes(original)
    table.chmod(0o640)
    batch = write(tmp_path / "b.txt", "Leila Nasser\n")
    assert_ok(run("update", table, batch, "--review", tmp_path / "r.csv"))
    backup = tmp_path / "people.yaml.bak"
    assert backup.read_bytes() == original
    assert backup.stat().st_mode & 0o777 == 0o640
    assert table.read_bytes().startswith(b"\xef\xbb\xbf# Ministry")  # the BOM stays
    assert "leila-nasser" in entities(table)


def test_a_symlinked_table_is_updated_through_the_link(tmp_path: Path) -> None:
    real = write(tmp_path / "real.yaml", TABLE)
    link = tmp_path / "people.yaml"
    link.symlink_to(real)
    batch = write(tmp_path / "b.txt", "Leila Nasser\n")
    assert_ok(run("update", link, batch, "--review", tmp_path / "r.csv"))
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert "leila-nasser" in entities(real)
    assert (tmp_path / "people.yaml.bak").read_text(encoding="utf-8") == TABLE


def test_merging_away_the_first_entity_keeps_its_comments_at_the_top(tmp_path: Path) -> None:
    table = write(tmp_path / "people.yaml", TABLE)
    assert_ok(run("merge", table, "rania-haddad", "hamid-al-zuhairi"))
    text = table.read_text(encoding="utf-8")
    assert text.endswith("# end of the table\n")
    lines = text.splitlines()
    at = lines.index("  # The minister.")
    assert lines[at + 1 : at + 3] == [
        "  # from hamid-al-zuhairi: as he signs his letters",
        "  - id: karim-benali",
    ]


@pytest.mark.parametrize("text", ["", "# Nothing yet.\n# Add people below.\n", "# Only this"])
def test_a_table_without_entities_keeps_its_comments(tmp_path: Path, text: str) -> None:
    table = write(tmp_path / "people.yaml", text)
    batch = write(tmp_path / "b.txt", "Leila Nasser\n")
    assert_ok(run("update", table, batch, "--review", tmp_path / "r.csv"))
    new = table.read_text(encoding="utf-8")
    assert new.startswith(text if text.endswith("\n") or not text else text + "\n")
    assert entities(table) == {"leila-nasser": {"id": "leila-nasser", "canonical": "Leila Nasser"}}
    assert "\n  - id: leila-nasser\n" in new  # the usual layout
    labels = write(tmp_path / "labels.csv", "left,right,entity_id,score,reasons,decision\n")
    write(table, text)
    assert_ok(run("update", table, "--labels", labels, "--review", tmp_path / "r.csv"))
    assert table.read_text(encoding="utf-8") == text  # nothing to add: nothing written


def test_split_keeps_the_comment_of_a_moved_alias(tmp_path: Path) -> None:
    text = (
        "entities:\n"
        "  - id: ali\n"
        "    canonical: Ali Hassan\n"
        "    aliases:\n"
        "      - Ali Hasan  # his cousin, per the 2019 article\n"
        "      # spelled so by Reuters\n"
        "      - Alee Hassan\n"
        "      - A. Hasan  # initial only\n"
    )
    table = write(tmp_path / "people.yaml", text)
    assert_ok(run("split", table, "ali", "Ali Hasan", "A. Hasan"))
    new = table.read_text(encoding="utf-8")
    assert "# spelled so by Reuters" in new
    assert "his cousin, per the 2019 article" in new and "initial only" in new
    assert entities(table)["ali"]["aliases"] == ["Alee Hassan"]
    assert entities(table)["ali-hasan"]["aliases"] == ["A. Hasan"]


def test_check_flags_self_not_same_as_and_names_two_entities_spell_alike(tmp_path: Path) -> None:
    table = write(
        tmp_path / "t.yaml",
        "entities:\n"
        "  - id: a\n    canonical: Ali Hasan\n    not_same_as: [a]\n"
        "  - id: b\n    canonical: ALI HASAN\n    aliases: [Ali Hassan]\n"
        "  - id: c\n    canonical: Ali Ḥassan\n",
    )
    result = run("check", table)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"error: {table}: line 2: entity 'a': not_same_as names the entity itself",
        f"warning: {table}: line 5: 'ALI HASAN' of 'b' and 'Ali Hasan' of 'a' differ only in case or "
        "diacritics; search cannot tell them apart (export solr leaves them out)",
        f"warning: {table}: line 8: 'Ali Ḥassan' of 'c' and 'Ali Hassan' of 'b' differ only in case or "
        "diacritics; search cannot tell them apart (export solr leaves them out)",
    ]


def test_split_dry_run_says_what_it_would_do(tmp_path: Path) -> None:
    table = write(tmp_path / "people.yaml", TABLE)
    result = run("split", table, "hamid-al-zuhairi", "Hamid Zuhairi", "--dry-run")
    assert_ok(result)
    assert result.stderr.splitlines() == [
        "namefold: would make new entity hamid-zuhairi (dry run: nothing written)"
    ]
    assert table.read_text(encoding="utf-8") == TABLE
