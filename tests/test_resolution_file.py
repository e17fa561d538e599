"""Reading a resolution back: the resolve JSON (checked field by field) and alias tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from namefold.errors import AliasTableError, InputError
from namefold.export import to_json
from namefold.model import Cluster, Match, Member, Resolution
from namefold.pipeline import resolve
from namefold.resolution_file import ALIAS_REASON, parse_resolution, read_resolution

GOOD = {
    "clusters": [
        {
            "id": "yasser-arafat",
            "canonical": "Yasser Arafat",
            "members": [{"name": "Yasser Arafat", "count": 2}, {"name": "Yasir Arafat", "count": 1}],
            "edges": [{"left": "Yasir Arafat", "right": "Yasser Arafat", "score": 0.95, "reasons": ["i~e"]}],
        },
        {
            "id": "hafez-al-assad",
            "canonical": "Hafez al-Assad",
            "members": [{"name": "Hafez al-Assad", "count": 1}],
            "edges": [],
            "type": "person",
        },
    ]
}


def parse(data: object) -> Resolution:
    return parse_resolution(json.dumps(data, indent=2), "r.json")


def test_a_resolve_json_reads_back_into_the_same_resolution() -> None:
    result = resolve(["Muammar Gaddafi", "Moammar Qaddafi", "Hasan Nasrallah", "Hassan Nasrallah"])
    assert parse_resolution(to_json(result), "r.json") == result


def test_clusters_are_sorted_by_id_and_members_by_name_whatever_the_file_order() -> None:
    result = parse(GOOD)
    assert [c.id for c in result.clusters] == ["hafez-al-assad", "yasser-arafat"]
    arafat = result.clusters[1]
    assert arafat.members == (Member("Yasir Arafat", 1), Member("Yasser Arafat", 2))
    assert arafat.edges == (Match("Yasir Arafat", "Yasser Arafat", 0.95, True, ("i~e",)),)
    assert result.clusters[0].type == "person"


def test_an_alias_table_becomes_one_cluster_per_entity_joined_to_its_canonical(tmp_path: Path) -> None:
    table = tmp_path / "aliases.yaml"
    table.write_text(
        "entities:\n  - id: abu-fadak\n    canonical: Abdul Aziz al-Mohammedawi\n    type: person\n"
        "    aliases: [Abu Fadak, Abu Fadak al-Mohammedawi]\n",
        encoding="utf-8",
    )
    (cluster,) = read_resolution(table).clusters
    assert cluster == Cluster(
        id="abu-fadak",
        canonical="Abdul Aziz al-Mohammedawi",
        members=(
            Member("Abdul Aziz al-Mohammedawi", 0),
            Member("Abu Fadak", 0),
            Member("Abu Fadak al-Mohammedawi", 0),
        ),
        edges=(
            Match("Abdul Aziz al-Mohammedawi", "Abu Fadak", 1.0, True, (ALIAS_REASON,)),
            Match("Abdul Aziz al-Mohammedawi", "Abu Fadak al-Mohammedawi", 1.0, True, (ALIAS_REASON,)),
        ),
        type="person",
    )


def test_a_bad_alias_table_is_reported_as_such(tmp_path: Path) -> None:
    table = tmp_path / "aliases.yaml"
    table.write_text("entities:\n  - id: Bad Id\n    canonical: X\n", encoding="utf-8")
    with pytest.raises(AliasTableError, match=r"aliases.yaml: line 2: id 'Bad Id'"):
        read_resolution(table)


def with_change(path: list[str | int], value: object) -> dict:
    data = json.loads(json.dumps(GOOD))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


# Line numbers counted by hand in json.dumps(GOOD-with-change, indent=2): "clusters" is line 2,
# the first cluster's "id" line 4, "canonical" 5, its first member's "name" 8 and "count" 9,
# the first edge's "left" 18 and "score" 20.
@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            ["clusters", 0, "members", 0, "count"],
            -1,
            "line 9: clusters[0].members[0].count: must be a non-negative",
        ),
        (
            ["clusters", 0, "members", 0, "count"],
            True,
            "line 9: clusters[0].members[0].count: must be a non-negative",
        ),
        (
            ["clusters", 0, "members", 0, "name"],
            " ",
            "line 8: clusters[0].members[0].name: must be a non-empty",
        ),
        (["clusters", 0, "id"], None, "line 4: clusters[0].id: must be a non-empty string, not None"),
        (["clusters", 0, "canonical"], 3, "line 5: clusters[0].canonical: must be a non-empty string, not 3"),
        (
            ["clusters", 0, "edges", 0, "left"],
            "Nobody",
            "line 18: clusters[0].edges[0].left: 'Nobody' is not a member",
        ),
        (
            ["clusters", 0, "edges", 0, "score"],
            1.5,
            "line 20: clusters[0].edges[0].score: must be between 0 and 1",
        ),
        (["clusters", 0, "members"], [], "line 6: clusters[0].members: a cluster needs at least one member"),
        (
            ["clusters", 1, "id"],
            "yasser-arafat",
            "clusters[1].id: duplicate id 'yasser-arafat' (first at clusters[0])",
        ),
        (
            ["clusters", 1, "members", 0, "name"],
            "Yasir Arafat",
            "'Yasir Arafat' is in clusters 'yasser-arafat' and",
        ),
        (["clusters"], {}, "line 1: expected an object with a 'clusters' list"),
    ],
    ids=str,
)
def test_bad_values_name_the_file_line_and_field(path: list[str | int], value: object, expected: str) -> None:
    with pytest.raises(InputError) as info:
        parse(with_change(path, value))
    message = str(info.value)
    assert message.startswith("r.json: line ")
    assert expected in message
    assert "\n" not in message


def test_invalid_json_names_its_line() -> None:
    with pytest.raises(InputError, match=r"^r.json: line 3: invalid JSON: "):
        parse_resolution('{"clusters": [\n  {"id": "a",\n  oops\n]}', "r.json")


def test_a_member_listed_twice_is_an_error_not_a_merge() -> None:
    data = with_change(["clusters", 0, "members", 1, "name"], "Yasser Arafat")
    with pytest.raises(InputError, match=r"members\[1\].name: 'Yasser Arafat' is listed twice"):
        parse(data)


def test_a_lone_surrogate_in_a_name_is_an_error(tmp_path: Path) -> None:
    text = json.dumps(GOOD).replace("Hafez al-Assad", "Hafez \\ud800", 1)
    with pytest.raises(InputError, match="lone surrogate"):
        parse_resolution(text, "r.json")


def test_other_file_endings_are_refused_with_what_is_expected(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("cluster_id,canonical,name,count\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"r.csv: expected a .json resolution .* or a .yaml alias table"):
        read_resolution(path)


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_a_score_must_be_a_finite_number(value: str) -> None:
    text = json.dumps(GOOD, indent=2).replace('"score": 0.95', f'"score": {value}')
    with pytest.raises(InputError, match=r"^r\.json: line \d+: clusters\[0\]\.edges\[0\]\.score: must be"):
        parse_resolution(text, "r.json")


def test_a_key_written_twice_is_an_error_naming_its_line() -> None:
    text = json.dumps(GOOD, indent=2)
    twice = text.replace(
        '"canonical": "Hafez al-Assad",', '"canonical": "Hafez al-Assad",\n"canonical": "X",'
    )
    line = twice.splitlines().index('"canonical": "X",') + 1
    with pytest.raises(InputError) as caught:
        parse_resolution(twice, "r.json")
    assert str(caught.value) == f"r.json: line {line}: key 'canonical' appears twice in one object"
