"""Clustering: no chaining, bare surnames join only one fitting cluster, alias tables, ids."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from namefold import parse_alias_table, pipeline, resolve
from namefold.aliases import AliasTable
from namefold.canonical import slug
from namefold.model import Entity

NO_TABLE = parse_alias_table("", "none.yaml")


def groups(names: list[str], **kwargs) -> set[frozenset[str]]:  # type: ignore[no-untyped-def]
    result = resolve(names, **{"aliases": NO_TABLE, **kwargs})
    return {frozenset(m.name for m in c.members) for c in result.clusters}


def together(names: list[str], *wanted: str, **kwargs) -> bool:  # type: ignore[no-untyped-def]
    return any(set(wanted) <= g for g in groups(names, **kwargs))


def test_every_name_ends_in_exactly_one_cluster() -> None:
    names = ["Kadhimi", "Kazemi", "Hussein Dhaif", "Saddam Hussein", "Hussein", "Ali", "Ali"]
    found = groups(names)
    members = [n for g in found for n in g]
    assert sorted(members) == sorted(set(names))


def test_clusters_do_not_chain_through_a_shared_word() -> None:
    # Hussein alone fits both as a surname (Saddam Hussein) and as the given name of Hussein
    # Dhaif; it must not pull the two people into one cluster.
    found = groups(["Saddam Hussein", "Hussein Dhaif", "Hussein", "Husein"])
    assert not any({"Saddam Hussein", "Hussein Dhaif"} <= g for g in found)


def test_chain_of_close_spellings_does_not_join_conflicting_ends() -> None:
    # Hamid ~ Hamed and Hamed ~ Hamad are each close; Hamid and Hamad are different names.
    found = groups(["Hamid", "Hamed", "Hamad"])
    assert not any({"Hamid", "Hamad"} <= g for g in found)


def test_bare_surname_joins_the_one_full_name_that_fits() -> None:
    names = ["Mustafa al-Kadhimi", "Mustafa Al-Kazemi", "Kadhimi", "al-Kazimi", "Shihab al-Khiqani"]
    assert together(names, "Kadhimi", "al-Kazimi", "Mustafa al-Kadhimi", "Mustafa Al-Kazemi")
    assert not together(names, "Kadhimi", "Shihab al-Khiqani")


def test_bare_surname_that_fits_two_people_stays_apart() -> None:
    names = ["Bashar al-Assad", "Hafez al-Assad", "Assad"]
    found = groups(names)
    assert frozenset({"Assad"}) in found
    assert not together(names, "Bashar al-Assad", "Hafez al-Assad")


def test_alias_table_joins_names_spelling_cannot_join() -> None:
    table = parse_alias_table(
        "entities:\n"
        "  - id: abdul-aziz-al-mohammedawi\n"
        "    canonical: Abdul Aziz al-Mohammedawi\n"
        "    aliases: [Abu Fadak]\n",
        "t.yaml",
    )
    names = ["Abu Fadak", "Abdulaziz al-Muhammadawi"]
    assert not together(names, *names)
    result = resolve(names, aliases=table)
    assert [(c.id, c.canonical, len(c.members)) for c in result.clusters] == [
        ("abdul-aziz-al-mohammedawi", "Abdul Aziz al-Mohammedawi", 2)
    ]


def test_two_table_entities_never_merge() -> None:
    table = parse_alias_table(
        "entities:\n"
        "  - {id: qasim-a, canonical: Qasim al-Araji}\n"
        "  - {id: qasim-b, canonical: Qassim al-Araji, not_same_as: [qasim-a]}\n",
        "t.yaml",
    )
    result = resolve(["Qasim al-Araji", "Qassim al-Araji", "Kasim al-Araji"], aliases=table)
    ids = {m.name: c.id for c in result.clusters for m in c.members}
    assert ids["Qasim al-Araji"] == "qasim-a" and ids["Qassim al-Araji"] == "qasim-b"


def test_table_entities_the_input_does_not_mention_are_not_output() -> None:
    table = parse_alias_table("entities:\n  - {id: x, canonical: Donald Trump}\n", "t.yaml")
    assert [c.id for c in resolve(["Mike Pompeo"], aliases=table).clusters] == ["mike-pompeo"]


def test_canonical_is_the_most_frequent_plain_full_spelling() -> None:
    names = ["Gen. Qassem Soleimani", "Qasem Soleimani", "Qasem Soleimani", "SOLEIMANI, Qassem", "Soleimani"]
    (cluster,) = resolve(names, aliases=NO_TABLE).clusters
    assert cluster.canonical == "Qasem Soleimani"
    assert cluster.id == "qasem-soleimani"
    assert {m.name: m.count for m in cluster.members}["Qasem Soleimani"] == 2


def test_canonical_tie_goes_to_more_elements_then_alphabetical() -> None:
    (cluster,) = resolve(["Mustafa al-Kazemi", "Mustafa al-Kadhimi"], aliases=NO_TABLE).clusters
    assert cluster.canonical == "Mustafa al-Kadhimi"
    (longer,) = resolve(["Mustafa al-Kadhimi", "Mustafa Abdul Latif al-Kadhimi"], aliases=NO_TABLE).clusters
    assert longer.canonical == "Mustafa Abdul Latif al-Kadhimi"


def test_ids_are_unique_slugs() -> None:
    # Two different people whose canonical names slug alike.
    result = resolve(["Ali Hassan", "ALI-HASSAN!", "Hussein Ali"], aliases=NO_TABLE)
    ids = [c.id for c in result.clusters]
    assert len(ids) == len(set(ids))
    assert all(i == slug(i) or i.rsplit("-", 1)[1].isdigit() for i in ids)


def test_edges_explain_each_cluster() -> None:
    (cluster,) = resolve(["Kadhimi", "Kazemi"], aliases=NO_TABLE).clusters
    (edge,) = cluster.edges
    assert {edge.left, edge.right} == {"Kadhimi", "Kazemi"} and "dh~z" in edge.reasons


def test_threshold_trades_recall_for_precision() -> None:
    names = ["Kadhimi", "Kazemi"]
    assert together(names, *names, threshold=0.9)
    assert not together(names, *names, threshold=0.99)


def test_stats_count_names_and_pairs() -> None:
    result = resolve(["Ali", "Ali", "Aly", "Omar"], aliases=NO_TABLE)
    assert result.stats["names"] == 4 and result.stats["distinct"] == 3
    assert result.stats["pairs"] == 1  # only Ali / Aly share a key; never all pairs


def test_a_new_name_does_not_join_a_table_entity_through_a_bare_alias() -> None:
    from namefold import read_alias_table
    from namefold.aliases import shipped_alias_table

    # "Abu Fadak" is an alias of Abdul Aziz al-Mohammedawi; Abu Fadak al-Basri is another man.
    result = resolve(["Abu Fadak al-Basri"], aliases=read_alias_table(shipped_alias_table()))
    assert [c.id for c in result.clusters] == ["abu-fadak-al-basri"]


def test_table_ids_are_reserved_even_when_not_mentioned() -> None:
    table = parse_alias_table("entities:\n  - {id: ali, canonical: Ali Hassan}\n", "t.yaml")
    assert [c.id for c in resolve(["Ali"], aliases=table).clusters] == ["ali-2"]


def test_names_without_letters_stay_apart() -> None:
    assert len(resolve(["123", "?!", "--"], aliases=NO_TABLE).clusters) == 3


def test_fused_kunya_is_not_tied_to_a_bare_word() -> None:
    # Same letters, different structure: a kunya alone and a one-word name.
    found = groups(["Abu Bakr", "Abubakr"])
    assert frozenset({"Abu Bakr"}) in found


def test_canonical_tie_goes_to_the_consensus_spelling() -> None:
    # Each word of "Bashar al-Assad" is shared by another member; "Bachar" and "el" are not.
    (cluster,) = resolve(["Bachar el-Assad", "Bashar al-Asad", "Bashar al-Assad"], aliases=NO_TABLE).clusters
    assert cluster.canonical == "Bashar al-Assad"


def _generated(count: int, seed: int) -> list[str]:
    """Names from bench/make_names.py, people written many ways."""
    bench = Path(__file__).parents[1] / "bench"
    sys.path.insert(0, str(bench))
    try:
        return importlib.import_module("make_names").generate(count, seed=seed)
    finally:
        sys.path.remove(str(bench))


def test_with_a_table_only_pairs_near_the_input_are_compared_and_nothing_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table_result = resolve(_generated(3000, 1), aliases=None)
    table = AliasTable(
        "t.yaml",
        tuple(
            Entity(c.id, c.canonical, aliases=tuple(m.name for m in c.members if m.name != c.canonical))
            for c in table_result.clusters
        ),
    )
    names = _generated(150, 2)
    near = resolve(names, aliases=table)
    every_pair = lambda codes, compared, keys, parsed, entity_of: (codes, set(entity_of.values()))  # noqa: E731
    monkeypatch.setattr(pipeline, "_near", every_pair)
    every = resolve(names, aliases=table)
    assert near.clusters == every.clusters and near.ambiguous == every.ambiguous
    assert any(c.id in table.by_id() for c in near.clusters) and near.ambiguous  # the table took part
    assert near.stats["pairs"] < every.stats["pairs"] / 2
    assert set(near.ambiguous) <= set(names)  # the summary counts the input's names, not the table's


def test_pairs_near_the_input_suffice_when_one_person_is_split_across_entities(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # One person under two entities, a bare surname as an entity of its own, and the input naming
    # table names and bare surnames: where pass 2's "fits several people" decides.
    people = [
        Entity("kadhimi", "Mustafa al-Kadhimi", aliases=("Mustafa Al-Kazemi",)),
        Entity("kadhimi-2", "Mustafa Abdul Latif al-Kadhimi"),
        Entity("kadhimi-bare", "Kadhimi"),
        Entity("ali-kadhimi", "Ali al-Kadhimi"),
        Entity("zuhairi", "Hamid al-Zuhairi", aliases=("Hamid Zuhairi",)),
    ]
    filler = [Entity(f"filler-{i}", name) for i, name in enumerate(sorted(set(_generated(400, 7))))]
    table = AliasTable("t.yaml", (*people, *filler))
    names = ["Kazemi", "al-Kadhimi", "Mustafa al-Kazimi", "Mustafa Kadhimi", "Kadhimi", "Hamid al-Zuhayri"]
    near = resolve(names, aliases=table)
    every_pair = lambda codes, compared, keys, parsed, entity_of: (codes, set(entity_of.values()))  # noqa: E731
    monkeypatch.setattr(pipeline, "_near", every_pair)
    every = resolve(names, aliases=table)
    assert near.clusters == every.clusters and near.ambiguous == every.ambiguous
    assert near.ambiguous  # a bare Kazemi fits several people here
    assert near.stats["pairs"] < every.stats["pairs"]
