"""apply: canonical names and entity ids added next to name fields, nothing else touched."""

from __future__ import annotations

import json

import pytest

from namefold.apply import Lookup, apply_csv, apply_jsonl, record_format
from namefold.errors import InputError
from namefold.model import Cluster, Member, Resolution

RESOLUTION = Resolution(
    (
        Cluster(
            "mustafa-al-kadhimi",
            "Mustafa al-Kadhimi",
            (Member("Mustafa Al-Kazemi", 1), Member("Mustafa al-Kadhimi", 2)),
        ),
        Cluster("ali-hassan", "Ali Hassan", (Member("Ali Hassan", 1),)),
        Cluster("ali-hassan-2", "ALI HASSAN", (Member("ALI HASSAN", 1),)),
    )
)


def lookup() -> Lookup:
    return Lookup.of(RESOLUTION)


def test_csv_gets_two_columns_after_each_name_column_and_keeps_everything_else() -> None:
    text = 'id,author,subject,n\n1,Mustafa Al-Kazemi,"Ali Hassan, again",x\n2,,Mustafa al-Kadhimi,"a ""q"""\n'
    found = lookup()
    out = apply_csv(text, "r.csv", ["subject", "author"], found)
    assert out == (
        "id,author,author_canonical,author_entity_id,subject,subject_canonical,subject_entity_id,n\n"
        '1,Mustafa Al-Kazemi,Mustafa al-Kadhimi,mustafa-al-kadhimi,"Ali Hassan, again",,,x\n'
        '2,,,,Mustafa al-Kadhimi,Mustafa al-Kadhimi,mustafa-al-kadhimi,"a ""q"""\n'
    )
    assert (found.tally.records, found.tally.names, found.tally.exact, found.tally.missing) == (2, 3, 2, 1)


def test_a_name_is_found_by_its_normalised_spelling_when_not_written_alike() -> None:
    found = lookup()
    out = apply_csv("who\n  mustafa AL-KAZEMI \n", "r.csv", ["who"], found)
    assert (
        out == "who,who_canonical,who_entity_id\n  mustafa AL-KAZEMI ,Mustafa al-Kadhimi,mustafa-al-kadhimi\n"
    )
    assert found.tally.by_spelling == 1


def test_a_spelling_two_entities_share_is_left_empty_not_guessed() -> None:
    found = lookup()
    out = apply_csv("who\nali hassan\nAli Hassan\n", "r.csv", ["who"], found)
    assert out.splitlines()[1:] == ["ali hassan,,", "Ali Hassan,Ali Hassan,ali-hassan"]
    assert found.tally.missing == 1


def test_blank_csv_lines_stay_in_place() -> None:
    out = apply_csv("who\nAli Hassan\n\nALI HASSAN\n", "r.csv", ["who"], lookup())
    assert out.splitlines() == [
        "who,who_canonical,who_entity_id",
        "Ali Hassan,Ali Hassan,ali-hassan",
        "",
        "ALI HASSAN,ALI HASSAN,ali-hassan-2",
    ]


@pytest.mark.parametrize(
    ("text", "fields", "message"),
    [
        ("id,name\n1,x\n", ["who"], "r.csv: line 1: no field 'who' (fields: id, name)"),
        ("who,who_canonical\nx,y\n", ["who"], "r.csv: line 1: field 'who_canonical' exists already"),
        ("who,who\nx,y\n", ["who"], "r.csv: line 1: column 'who' appears twice in the header"),
        ("id,who\n1,x\n2\n", ["who"], "r.csv: line 3: row has 1 fields, the header 2"),
        ('id,who\n1,"x\n', ["who"], "r.csv: line 2: malformed CSV"),
        ("", ["who"], "r.csv: empty file, expected a header row"),
    ],
    ids=str,
)
def test_bad_csv_names_the_line_and_field(text: str, fields: list[str], message: str) -> None:
    with pytest.raises(InputError) as info:
        apply_csv(text, "r.csv", fields, lookup())
    assert str(info.value).startswith(message)


def test_jsonl_gets_keys_after_each_name_key_in_the_record_order() -> None:
    text = (
        '{"n": 1, "author": "Mustafa Al-Kazemi", "tags": ["x"], "f": 1.5}\n'
        "\n"
        '{"author": null, "n": 2}\n'
        '{"author": ["Ali Hassan", "Nobody", null], "n": 3}\n'
    )
    out = apply_jsonl(text, "r.jsonl", ["author"], lookup())
    records = [json.loads(line) if line else None for line in out.splitlines()]
    assert list(records[0]) == ["n", "author", "author_canonical", "author_entity_id", "tags", "f"]
    assert records[0]["author_canonical"] == "Mustafa al-Kadhimi"
    assert records[0]["author_entity_id"] == "mustafa-al-kadhimi"
    assert records[0]["f"] == 1.5
    assert records[1] is None
    assert records[2] == {"author": None, "author_canonical": None, "author_entity_id": None, "n": 2}
    assert records[3]["author_canonical"] == ["Ali Hassan", None, None]
    assert records[3]["author_entity_id"] == ["ali-hassan", None, None]


def test_jsonl_keeps_non_ascii_as_written() -> None:
    found = Lookup.of(Resolution((Cluster("q", "معمر القذافي", (Member("معمر القذافي", 1),)),)))
    out = apply_jsonl('{"who": "معمر القذافي"}\n', "r.jsonl", ["who"], found)
    assert out == '{"who": "معمر القذافي", "who_canonical": "معمر القذافي", "who_entity_id": "q"}\n'


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": 1}', "r.jsonl: no record has the field 'who'; check --field and --text-field"),
        ('{"who": 3}', "r.jsonl: line 1: field 'who' must be a string, null or a list of strings, not int"),
        (
            '{"who": ["a", {"b": 1}]}',
            "r.jsonl: line 1: field 'who' must be a string, null or a list of strings",
        ),
        ('{"who": "a", "who": "b"}', "r.jsonl: line 1: key 'who' appears twice in one object"),
        ('{"who": "a", "who_entity_id": "x"}', "r.jsonl: line 1: field 'who_entity_id' exists already"),
        ('["who"]', "r.jsonl: line 1: expected a JSON object"),
        ('{"who": ', "r.jsonl: line 1: invalid JSON"),
    ],
    ids=str,
)
def test_bad_jsonl_names_the_line_and_field(line: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        apply_jsonl(line + "\n", "r.jsonl", ["who"], lookup())
    assert str(info.value).startswith(message)


def test_the_format_comes_from_the_file_ending_or_must_be_given() -> None:
    assert record_format("a.CSV", None) == "csv"
    assert record_format("a.ndjson", None) == "jsonl"
    assert record_format("a.txt", "jsonl") == "jsonl"
    with pytest.raises(InputError, match=r"a.txt: cannot tell the format .* give --format csv or jsonl"):
        record_format("a.txt", None)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"who": "Ali", "n": NaN}', "r.jsonl: line 2: invalid JSON: NaN is not a number JSON allows"),
        ('{"who": "Ali", "n": -Infinity}', "r.jsonl: line 2: invalid JSON: -Infinity is not a number"),
        ('{"who": "Ali", "n": 1e400}', "r.jsonl: line 2: invalid JSON: 1e400 is too large"),
        (
            '{"who": "Ali", "n": ' + "[" * 100_000 + "]" * 100_000 + "}",
            "r.jsonl: line 2: invalid JSON: nested",
        ),
        ('{"who": "Ali", "n": ' + "9" * 5000 + "}", "r.jsonl: line 2: invalid JSON: "),
    ],
    ids=["nan", "infinity", "overflow", "deep", "huge-int"],
)
def test_jsonl_that_would_be_rewritten_invalid_or_crash_is_an_error(line: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        apply_jsonl('{"who": "Ali"}\n' + line + "\n", "r.jsonl", ["who"], lookup())
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
