"""Acceptance on the sample story: every spelling of one person in one cluster, no wrong merge."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from namefold import parse_alias_table, read_alias_table, resolve
from namefold.aliases import shipped_alias_table
from namefold.evaluate import bcubed

GOLD = YAML(typ="safe").load((Path(__file__).parent / "data" / "story_gold.yaml").read_text("utf-8"))
SPELLINGS = {name: e["id"] for e in GOLD["entities"] for name in e["names"]}
ALIASES = {name: e["id"] for e in GOLD["entities"] for name in e.get("aliases", [])}
EMPTY_TABLE = parse_alias_table("entities: []\n", "empty.yaml")


def clusters_of(names: list[str], table=EMPTY_TABLE) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return resolve(names, aliases=table).cluster_of()


def test_spellings_resolve_to_the_gold_entities_without_an_alias_table() -> None:
    predicted = clusters_of([*SPELLINGS, *ALIASES])
    scores = bcubed(predicted, SPELLINGS)
    assert (scores.precision, scores.recall) == (1.0, 1.0)


def test_aliases_that_are_not_spellings_stay_apart_without_the_table() -> None:
    predicted = clusters_of([*SPELLINGS, *ALIASES])
    for alias, entity in ALIASES.items():
        members = {n for n, c in predicted.items() if c == predicted[alias]}
        assert members == {alias}, f"{alias} joined {members - {alias}} ({entity})"


@pytest.mark.parametrize(("a", "b"), [tuple(pair) for pair in GOLD["must_not_merge"]])
def test_must_not_merge_pairs_stay_apart(a: str, b: str) -> None:
    predicted = clusters_of([*SPELLINGS, *ALIASES], read_alias_table(shipped_alias_table()))
    clusters_a = {predicted[n] for n, e in SPELLINGS.items() if e == a}
    clusters_b = {predicted[n] for n, e in SPELLINGS.items() if e == b}
    assert not clusters_a & clusters_b


def test_shipped_table_gives_ids_canonicals_and_joins_aliases() -> None:
    table = read_alias_table(shipped_alias_table())
    result = resolve([*SPELLINGS, *ALIASES], aliases=table)
    by_id = {c.id: c for c in result.clusters}
    gold = {**SPELLINGS, **ALIASES}
    for entity in table.entities:
        members = {n for n, e in gold.items() if e == entity.id}
        if members:
            assert {m.name for m in by_id[entity.id].members} == members
            assert by_id[entity.id].canonical == entity.canonical
    assert len(result.clusters) == len(GOLD["entities"])


def test_order_of_input_does_not_change_clusters() -> None:
    names = [*SPELLINGS, *ALIASES]
    assert resolve(names).clusters == resolve(list(reversed(names))).clusters
