"""Unit tests of namefold.aliases: parsing and validating alias tables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from namefold.aliases import AliasTable, parse_alias_table, read_alias_table, shipped_alias_table
from namefold.errors import AliasTableError
from namefold.model import Entity

VALID = """\
# An alias table for the tests.
entities:
  - id: gaddafi
    canonical: Muammar al-Qadhafi
    type: person
    aliases: [Brother Leader, "  Muammar Gaddafi  "]
    not_same_as: [ali-hassan]
    note: Any other key is allowed.
  - id: ali-hassan
    canonical: Ali Hassan
    not_same_as:
      - gaddafi
  - id: cts
    canonical: Counter-Terrorism Service
    type: organisation
"""


def table_error(text: str, line: int | None) -> str:
    """Parse `text` as t.yaml, expect an AliasTableError at `line`, return the message."""
    with pytest.raises(AliasTableError) as caught:
        parse_alias_table(text, "t.yaml")
    message = str(caught.value)
    where = f"t.yaml: line {line}: " if line is not None else "t.yaml: "
    assert message.startswith(where), message
    return message


def test_valid_table_gives_entities_in_file_order_with_their_lines():
    table = parse_alias_table(VALID, "t.yaml")
    assert table == AliasTable(
        "t.yaml",
        (
            Entity(
                id="gaddafi",
                canonical="Muammar al-Qadhafi",
                type="person",
                aliases=("Brother Leader", "Muammar Gaddafi"),
                not_same_as=("ali-hassan",),
                line=3,
            ),
            Entity(id="ali-hassan", canonical="Ali Hassan", not_same_as=("gaddafi",), line=9),
            Entity(id="cts", canonical="Counter-Terrorism Service", type="organisation", line=13),
        ),
    )


def test_entity_names_are_the_canonical_then_the_aliases():
    table = parse_alias_table(VALID, "t.yaml")
    assert table.by_id()["gaddafi"].names == ("Muammar al-Qadhafi", "Brother Leader", "Muammar Gaddafi")


def test_flow_style_entities_are_accepted():
    table = parse_alias_table("entities: [{id: a, canonical: A}, {id: b, canonical: B}]\n", "t.yaml")
    assert [e.id for e in table.entities] == ["a", "b"]


def test_an_alias_equal_to_its_own_canonical_is_not_a_conflict():
    table = parse_alias_table("entities:\n  - {id: a, canonical: Ali, aliases: [Ali]}\n", "t.yaml")
    assert table.entities[0].aliases == ("Ali",)


@pytest.mark.parametrize("text", ["", "\n", "# only a comment\n", "entities: []\n", "entities:\n"], ids=repr)
def test_tables_without_entries_have_no_entities(text):
    assert parse_alias_table(text, "t.yaml") == AliasTable("t.yaml", ())


# --- schema errors ----------------------------------------------------------------------------


def test_malformed_yaml_names_the_file_and_a_line():
    message = table_error("entities:\n  - id: a\n    canonical: [unclosed\n", line=None)
    assert re.match(r"t\.yaml: line \d+: not valid YAML", message)


def test_malformed_yaml_names_the_line_of_the_unclosed_bracket():
    table_error("entities:\n  - id: a\n    canonical: [unclosed\n", line=3)


def test_bad_indentation_names_the_line_where_parsing_failed():
    table_error("entities:\n  - id: a\n    canonical: A\n   bad: x\n", line=4)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("- id: a\n", 1, "expected a mapping with an 'entities' list"),
        ("people: []\n", 1, "expected a mapping with an 'entities' list"),
        ("# c\nentities: none\n", 2, "'entities' must be a list"),
        ("entities:\n  - id: a\n    canonical: A\n  - just a string\n", 4, "each entity must be a mapping"),
    ],
)
def test_table_structure_errors_name_the_line(text, line, fragment):
    assert fragment in table_error(text, line)


@pytest.mark.parametrize(
    ("entry", "fragment"),
    [
        ("  - canonical: B\n    type: person\n", "entity has no 'id'"),
        ("  - id: b\n    type: person\n", "entity has no 'canonical'"),
        ("  - id: '  '\n    canonical: B\n", "entity has no 'id'"),
        ("  - id: b\n    canonical: ''\n", "entity has no 'canonical'"),
        ("  - id: 7\n    canonical: B\n", "entity has no 'id'"),
    ],
)
def test_entity_missing_id_or_canonical_names_the_entity_line(entry, fragment):
    text = "entities:\n  - id: a\n    canonical: A\n" + entry
    assert fragment in table_error(text, line=4)


@pytest.mark.parametrize("bad_id", ["Gaddafi", "-gaddafi", "al_gaddafi", "al gaddafi", "qaddāfi"])
def test_id_not_lowercase_letters_digits_and_dashes_names_the_id_line(bad_id):
    text = f"entities:\n  - canonical: A\n    type: person\n    id: {bad_id}\n"
    message = table_error(text, line=4)
    assert repr(bad_id) in message


def test_aliases_not_a_list_names_the_aliases_line():
    text = "entities:\n  - id: a\n    canonical: A\n    aliases: Brother Leader\n"
    assert "'aliases' must be a list" in table_error(text, line=4)


def test_not_same_as_not_a_list_names_its_line():
    text = "entities:\n  - id: a\n    canonical: A\n    type: person\n    not_same_as: b\n"
    assert "'not_same_as' must be a list" in table_error(text, line=5)


@pytest.mark.parametrize("item", ["3", "''", "[x]", "null"])
def test_alias_that_is_not_a_non_empty_string_names_its_own_line(item):
    text = f"entities:\n  - id: a\n    canonical: A\n    aliases:\n      - ok\n      - {item}\n"
    assert "'aliases' item" in table_error(text, line=6)


def test_type_not_a_string_names_the_type_line():
    text = "entities:\n  - id: a\n    canonical: A\n    type: [person]\n"
    assert "'type' must be a string" in table_error(text, line=4)


def test_duplicate_id_names_the_second_entry_and_the_first():
    text = (
        "entities:\n  - id: a\n    canonical: A\n  - id: b\n    canonical: B\n  - id: a\n    canonical: C\n"
    )
    assert "duplicate id 'a' (first at line 2)" in table_error(text, line=6)


def test_not_same_as_an_unknown_id_names_the_entity_and_the_id():
    text = "entities:\n  - id: a\n    canonical: A\n  - id: b\n    canonical: B\n    not_same_as: [a, zz]\n"
    message = table_error(text, line=4)
    assert "'b'" in message and "'zz'" in message


@pytest.mark.parametrize(
    "second",
    [
        "  - id: b\n    canonical: B\n    aliases: [Abu X]\n",
        "  - id: b\n    canonical: Abu X\n",
    ],
    ids=["alias-alias", "alias-canonical"],
)
def test_one_name_listed_under_two_entities_names_the_second_entity(second):
    text = "entities:\n  - id: a\n    canonical: A\n    aliases: [Abu X]\n" + second
    assert "'Abu X' is listed under both 'a' and 'b'" in table_error(text, line=5)


# --- read_alias_table -------------------------------------------------------------------------


def test_read_alias_table_reads_a_file_with_a_bom(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    table = read_alias_table(path)
    assert table.path == str(path)
    assert [e.id for e in table.entities] == ["gaddafi", "ali-hassan", "cts"]


def test_read_alias_table_errors_name_the_path(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("entities:\n  - id: a\n", encoding="utf-8")
    with pytest.raises(AliasTableError, match=rf"^{re.escape(str(path))}: line 2: "):
        read_alias_table(path)


def undecodable(folder: Path) -> Path:
    path = folder / "bad.yaml"
    path.write_bytes(b"entities:\n\xff\n")
    return path


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda d: d / "missing.yaml", "no such file"),
        (lambda d: d, "is a directory"),
        (undecodable, "not valid UTF-8"),
    ],
    ids=["missing", "directory", "undecodable"],
)
def test_unreadable_alias_table_is_an_error_naming_the_path(tmp_path, make, fragment):
    path = make(tmp_path)
    with pytest.raises(AliasTableError, match=rf"^{re.escape(str(path))}: .*{fragment}"):
        read_alias_table(path)


# --- the shipped table ------------------------------------------------------------------------


def shipped() -> AliasTable:
    return read_alias_table(shipped_alias_table())


def test_the_shipped_table_exists_and_parses():
    path = shipped_alias_table()
    assert isinstance(path, Path) and path.is_file()
    table = shipped()
    ids = [e.id for e in table.entities]
    assert len(ids) == len(set(ids)) > 0
    assert {"mustafa-al-kadhimi", "qasim-al-araji", "qassem-soleimani"} <= set(ids)


def test_the_shipped_table_has_no_unknown_types():
    assert {e.type for e in shipped().entities} <= {"person", "organisation"}


def test_every_not_same_as_in_the_shipped_table_is_symmetric():
    by_id = shipped().by_id()
    one_way = [(e.id, o) for e in by_id.values() for o in e.not_same_as if e.id not in by_id[o].not_same_as]
    assert one_way == []


def test_the_shipped_table_has_symmetric_pairs_where_both_sides_are_listed():
    by_id = shipped().by_id()
    assert "qassem-soleimani" in by_id["qasim-al-araji"].not_same_as
    assert "qasim-al-araji" in by_id["qassem-soleimani"].not_same_as
    assert "saddam-hussein" in by_id["hussein-dhaif"].not_same_as
    assert "hussein-dhaif" in by_id["saddam-hussein"].not_same_as


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('entities:\n  - id: a\n    canonical: "Ali\\ud800"\n', 3),
        ('entities:\n  - id: a\n    canonical: Ali\n    aliases: ["x", "Omar\\udc00"]\n', 4),
        ('entities:\n  - id: a\n    canonical: Ali\n    note: "\\ud800 seen"\n', 4),
    ],
    ids=["canonical", "alias", "note"],
)
def test_a_lone_surrogate_is_refused_with_its_line(text: str, line: int) -> None:
    assert "not valid Unicode (a lone surrogate)" in table_error(text, line)


@pytest.mark.parametrize(
    "command", [["check"], ["export", "--format", "solr"], ["export", "--format", "html"]]
)
def test_a_lone_surrogate_is_one_line_in_every_command(tmp_path: Path, command: list[str]) -> None:
    from typer.testing import CliRunner

    from namefold.cli import app

    table = tmp_path / "t.yaml"
    table.write_text('entities:\n  - id: a\n    canonical: "Ali\\ud800"\n', encoding="utf-8")
    result = CliRunner().invoke(app, [command[0], str(table), *command[1:]])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    message = f"{table}: line 3: 'Ali\\ud800' is not valid Unicode (a lone surrogate)"
    if command == ["check"]:
        assert result.stdout.splitlines() == [f"error: {message}"]
    else:
        assert result.stderr.splitlines() == [f"Error: {message}"]
