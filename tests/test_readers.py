"""Unit tests of namefold.readers: names files, gold clusterings and predicted clusterings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from namefold.errors import InputError
from namefold.readers import (
    Gold,
    NameList,
    decode,
    input_format,
    parse_names,
    read_gold,
    read_names,
    read_predicted,
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- parse_names ------------------------------------------------------------------------------


def test_txt_gives_one_name_a_line_trimmed_and_counts_blank_lines():
    listed = parse_names("Ali\n\n  Omar Khayyam \n\t\nAli\n", "n.txt", "txt")
    assert listed == NameList("n.txt", ("Ali", "Omar Khayyam", "Ali"), blank=2)


def test_txt_accepts_windows_line_endings():
    assert parse_names("Ali\r\nOmar\r\n", "n.txt", "txt").names == ("Ali", "Omar")


def test_csv_reads_the_named_column_with_quoted_commas():
    text = 'id,person\n1,"Gaddafi, Muammar"\n2, Omar \n'
    assert parse_names(text, "n.csv", "csv", "person").names == ("Gaddafi, Muammar", "Omar")


def test_csv_counts_blank_cells_of_the_name_column():
    listed = parse_names("name,id\n,1\nAli,2\n  ,3\n", "n.csv", "csv")
    assert listed.names == ("Ali",)
    assert listed.blank == 2


def test_csv_with_a_header_only_has_no_names():
    assert parse_names("name,id\n", "n.csv", "csv") == NameList("n.csv", (), 0)


def test_tsv_splits_on_tabs_not_commas():
    listed = parse_names("id\tname\n1\tGaddafi, Muammar\n", "n.tsv", "tsv")
    assert listed.names == ("Gaddafi, Muammar",)


def test_jsonl_reads_the_named_key_and_counts_blank_lines_and_values():
    text = '{"name": "Ali", "x": 1}\n\n{"name": "  "}\n{"name": "Omar"}\n'
    listed = parse_names(text, "n.jsonl", "jsonl")
    assert listed.names == ("Ali", "Omar")
    assert listed.blank == 2


def test_csv_counts_blank_rows():
    listed = parse_names("name,id\nAli,1\n\n,\nOmar,2\n", "n.csv", "csv")
    assert listed.names == ("Ali", "Omar")
    assert listed.blank == 2


def test_jsonl_reads_another_key():
    assert parse_names('{"who": "Ali"}\n', "n.jsonl", "jsonl", "who").names == ("Ali",)


def test_jsonl_keeps_a_line_separator_character_inside_a_string():
    text = json.dumps({"name": "Ali\u2028Hassan"}, ensure_ascii=False) + "\n" + '{"name": "Omar"}\n'
    assert parse_names(text, "n.jsonl", "jsonl").names == ("Ali\u2028Hassan", "Omar")


def test_unknown_column_error_lists_the_columns():
    with pytest.raises(InputError, match=r"^n\.csv: line 1: no column 'name' \(columns: id, person\)$"):
        parse_names("id,person\n1,Ali\n", "n.csv", "csv")


def test_csv_row_too_short_for_the_column_is_an_error_naming_its_line():
    with pytest.raises(InputError, match=r"^n\.csv: line 3: row has no 'name' field$"):
        parse_names("id,name\n1,Ali\n2\n", "n.csv", "csv")


def test_csv_unclosed_quote_is_an_error_not_one_name_of_many_lines():
    with pytest.raises(InputError, match=r"^n\.csv: line \d+: "):
        parse_names('name\n"Ali\nBob\nCarl\n', "n.csv", "csv")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"name": "Omar"', "invalid JSON"),
        ('["Omar"]', "expected a JSON object"),
        ('{"nom": "Omar"}', "no key 'name'"),
        ('{"name": 3}', "'name' is not a string"),
        ('{"name": null}', "'name' is not a string"),
    ],
)
def test_jsonl_errors_name_the_file_and_line(line, message):
    with pytest.raises(InputError, match=r"^n\.jsonl: line 3: ") as caught:
        parse_names(f'{{"name": "Ali"}}\n\n{line}\n', "n.jsonl", "jsonl")
    assert message in str(caught.value)


# --- decode, input_format, read_names ---------------------------------------------------------


def test_decode_strips_a_byte_order_mark():
    assert decode(b"\xef\xbb\xbfAli\n", "f") == "Ali\n"


def test_undecodable_byte_is_an_error_naming_its_line_and_value():
    with pytest.raises(InputError, match=r"^f\.txt: line 2: not valid UTF-8 \(byte 0xff\)"):
        decode(b"Ali\n\xff\xfeX\n", "f.txt")


def test_undecodable_byte_after_a_bom_is_reported_on_its_own_line():
    with pytest.raises(InputError, match=r"^f\.txt: line 3: not valid UTF-8 \(byte 0xff\)"):
        decode(b"\xef\xbb\xbfA\nB\n\xff\n", "f.txt")


@pytest.mark.parametrize(
    ("source", "explicit", "expected"),
    [
        ("a.csv", None, "csv"),
        ("a.TSV", None, "tsv"),
        ("a.jsonl", None, "jsonl"),
        ("a.txt", None, "txt"),
        ("a.names", None, "txt"),
        ("<stdin>", None, "txt"),
        ("a.csv", "txt", "txt"),
    ],
)
def test_input_format_comes_from_the_option_then_the_ending(source, explicit, expected):
    assert input_format(source, explicit) == expected


def test_unknown_explicit_input_format_is_an_error():
    with pytest.raises(InputError, match=r"^a\.txt: unknown input format 'xml'"):
        input_format("a.txt", "xml")


def test_csv_with_a_bom_keeps_its_first_column_name(tmp_path):
    path = tmp_path / "n.csv"
    path.write_bytes(b"\xef\xbb\xbfname\nAli\n")
    assert read_names(path) == NameList(str(path), ("Ali",), 0)


def test_read_names_picks_the_format_from_the_ending(tmp_path):
    path = write(tmp_path / "n.tsv", "name\tid\nAli\t1\n")
    assert read_names(path).names == ("Ali",)
    assert read_names(path, "txt").names == ("name\tid", "Ali\t1")


def test_read_names_of_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_names(tmp_path / "nope.txt")


def test_read_names_of_a_directory_is_an_error(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_names(tmp_path)


# --- read_gold --------------------------------------------------------------------------------


def test_gold_tsv_maps_names_to_clusters(tmp_path):
    path = write(tmp_path / "gold.tsv", "name\tcluster_id\n Ali Hassan \tx\nAli Hasan\tx\n\nOmar\ty\n")
    assert read_gold(path) == Gold({"Ali Hassan": "x", "Ali Hasan": "x", "Omar": "y"})


def test_gold_tsv_reads_a_type_column_by_its_header(tmp_path):
    text = "name\tentity_id\ttype\nSiemens AG\t1\torganisation\nAli\t2\tperson\n"
    path = write(tmp_path / "gold.tsv", text)
    assert read_gold(path).types == {"Siemens AG": "organisation", "Ali": "person"}


def test_gold_tsv_row_with_an_empty_type_is_an_error_naming_the_line(tmp_path):
    path = write(tmp_path / "gold.tsv", "name\tentity_id\ttype\nSiemens AG\t1\torganisation\nAli\t2\t \n")
    with pytest.raises(InputError, match=r"line 3: type: empty"):
        read_gold(path)


def test_gold_tsv_repeating_a_name_in_its_own_cluster_is_fine(tmp_path):
    path = write(tmp_path / "gold.tsv", "name\tcluster_id\nAli\tx\nAli\tx\n")
    assert read_gold(path).clusters == {"Ali": "x"}


def test_gold_tsv_name_in_two_clusters_is_an_error_naming_the_line(tmp_path):
    path = write(tmp_path / "gold.tsv", "name\tcluster_id\nAli\tx\nOmar\ty\nAli\tz\n")
    with pytest.raises(InputError, match=r"line 4: 'Ali' is in two clusters"):
        read_gold(path)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("", 1),
        ("name\n", 1),
        ("name\tcluster_id\nAli\n", 2),
        ("name\tcluster_id\nAli\tx\nOmar\t  \n", 3),
    ],
    ids=["empty", "one-column-header", "row-without-cluster", "blank-cluster"],
)
def test_gold_tsv_structure_errors_name_the_line(tmp_path, text, line):
    path = write(tmp_path / "gold.tsv", text)
    with pytest.raises(InputError, match=rf"^{re.escape(str(path))}: line {line}: expected"):
        read_gold(path)


def test_gold_tsv_with_only_a_header_has_no_names(tmp_path):
    path = write(tmp_path / "gold.tsv", "name\tcluster_id\n\n")
    with pytest.raises(InputError, match=rf"^{re.escape(str(path))}: no names found$"):
        read_gold(path)


GOLD_YAML = """\
entities:
  - id: gaddafi
    mentions:
      a.txt: [Muammar Gaddafi, Moammar Qaddafi]
      b.txt: [Muammar al-Gaddafi]
    aliases: [Brother Leader]
  - id: nasrallah
    mentions: [Hassan Nasrallah]
"""


@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
def test_gold_yaml_maps_mentions_and_aliases_to_their_entity(tmp_path, suffix):
    gold = read_gold(write(tmp_path / f"gold{suffix}", GOLD_YAML))
    assert gold.clusters == {
        "Muammar Gaddafi": "gaddafi",
        "Moammar Qaddafi": "gaddafi",
        "Muammar al-Gaddafi": "gaddafi",
        "Brother Leader": "gaddafi",
        "Hassan Nasrallah": "nasrallah",
    }
    assert gold.aliases == frozenset({"Brother Leader"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("entities: [{id: a, mentions: [Ali]\n", r"line \d+: not valid YAML"),
        ("- a\n", "expected a mapping with an 'entities' list"),
        ("entities: {a: 1}\n", "expected a mapping with an 'entities' list"),
        ("entities:\n  - mentions: [Ali]\n", "entity 1: expected a mapping with an 'id'"),
        (
            "entities:\n  - id: a\n    mentions: [Ali, 3]\n",
            "entity 'a': mentions and aliases must be lists of names",
        ),
        (
            "entities:\n  - {id: a, mentions: [Ali]}\n  - {id: b, aliases: [Ali]}\n",
            "'Ali' is in two entities",
        ),
        ("entities: []\n", "no names found"),
    ],
)
def test_gold_yaml_errors_name_the_file(tmp_path, text, message):
    path = write(tmp_path / "gold.yaml", text)
    with pytest.raises(InputError, match=rf"^{re.escape(str(path))}: .*{message}"):
        read_gold(path)


def test_gold_yaml_aliases_given_as_a_string_is_an_error(tmp_path):
    path = write(
        tmp_path / "gold.yaml", "entities:\n  - id: a\n    mentions: [Ali Hassan]\n    aliases: Abu Ali\n"
    )
    with pytest.raises(InputError, match=str(path)):
        read_gold(path)


def test_gold_of_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_gold(tmp_path / "gold.tsv")


# --- read_predicted ---------------------------------------------------------------------------


def test_predicted_csv_maps_names_to_cluster_ids(tmp_path):
    text = (
        "cluster_id,canonical,name,count\n"
        'x,Ali Hasan,Ali Hasan,2\nx,Ali Hasan,"Hasan, Ali",1\ny,Omar,Omar,1\n'
    )
    path = write(tmp_path / "pred.csv", text)
    assert read_predicted(path) == {"Ali Hasan": "x", "Hasan, Ali": "x", "Omar": "y"}


def test_predicted_json_maps_names_to_cluster_ids(tmp_path):
    data = {
        "clusters": [
            {"id": "x", "canonical": "Ali Hasan", "members": [{"name": "Ali Hasan", "count": 1}]},
            {
                "id": "y",
                "canonical": "Omar",
                "members": [{"name": "Omar", "count": 1}, {"name": "Umar", "count": 3}],
            },
        ]
    }
    path = write(tmp_path / "pred.json", json.dumps(data))
    assert read_predicted(path) == {"Ali Hasan": "x", "Omar": "y", "Umar": "y"}


def test_predicted_csv_without_name_column_is_an_error_naming_it(tmp_path):
    path = write(tmp_path / "pred.csv", "cluster_id,who\nx,Ali\n")
    with pytest.raises(InputError, match=rf"^{re.escape(str(path))}: line 1: no column 'name'"):
        read_predicted(path)


def test_predicted_csv_row_without_cluster_is_an_error_naming_its_line(tmp_path):
    path = write(tmp_path / "pred.csv", "cluster_id,canonical,name,count\nx,A,Ali,1\n,B,Omar,1\n")
    with pytest.raises(InputError, match=rf"^{re.escape(str(path))}: line 3: empty 'name' or 'cluster_id'"):
        read_predicted(path)


@pytest.mark.parametrize(
    "text", ["{", "[]", '{"clusters": [{"id": "x"}]}', '{"clusters": [{"id": "x", "members": [1]}]}']
)
def test_predicted_json_that_is_not_a_resolve_output_is_an_error(tmp_path, text):
    path = write(tmp_path / "pred.json", text)
    with pytest.raises(InputError, match=rf"^{re.escape(str(path))}: not a namefold resolve JSON file"):
        read_predicted(path)


def test_overlong_name_is_an_error_naming_its_line():
    from namefold.readers import MAX_NAME_LENGTH

    with pytest.raises(InputError, match=r"^n\.txt: line 2: .* too long"):
        parse_names("Ali\n" + "x" * (MAX_NAME_LENGTH + 1) + "\n", "n.txt", "txt")


def test_malformed_gold_tsv_is_an_error_naming_its_line(tmp_path):
    path = write(tmp_path / "gold.tsv", 'name\tcluster_id\n"Ali\tx\n')
    with pytest.raises(InputError, match=r"malformed CSV"):
        read_gold(path)


def test_deeply_nested_gold_yaml_is_an_error_not_a_crash(tmp_path):
    path = write(tmp_path / "gold.yaml", "[" * 5000)
    with pytest.raises(InputError, match=r"not valid YAML"):
        read_gold(path)


@pytest.mark.parametrize(
    "value",
    ["NaN", "Infinity", "1e400", "[" * 100_000 + "]" * 100_000, "9" * 5000],
    ids=["nan", "infinity", "overflow", "deep", "huge-int"],
)
def test_jsonl_names_refuse_what_is_not_json_in_one_line(value: str) -> None:
    text = '{"name": "Ali"}\n{"name": "Omar", "x": ' + value + "}\n"
    with pytest.raises(InputError, match=r"^n\.jsonl: line 2: invalid JSON: ") as caught:
        parse_names(text, "n.jsonl", "jsonl")
    assert "\n" not in str(caught.value)
