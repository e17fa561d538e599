"""Clustering of partial names: a less complete name joins at most one person."""

from __future__ import annotations

import random

import pytest

from namefold import parse_alias_table, resolve

NO_TABLE = parse_alias_table("", "none.yaml")


def groups(names: list[str]) -> set[frozenset[str]]:
    return {frozenset(m.name for m in c.members) for c in resolve(names, aliases=NO_TABLE).clusters}


def alone(names: list[str], name: str) -> bool:
    return frozenset({name}) in groups(names)


def together(names: list[str], *wanted: str) -> bool:
    return any(set(wanted) <= g for g in groups(names))


def test_partial_chain_that_fits_two_brothers_stays_alone() -> None:
    # Fawaz al-Dosari fits both Fawaz son of Khalid and Fawaz son of Nasser: it could be either.
    names = ["Fawaz bin Khalid al-Dosari", "Fawaz bin Nasser al-Dosari", "Fawaz al-Dosari"]
    assert alone(names, "Fawaz al-Dosari")
    assert not together(names, "Fawaz bin Khalid al-Dosari", "Fawaz bin Nasser al-Dosari")


def test_partial_chain_that_fits_one_person_joins_all_his_spellings() -> None:
    names = ["Fawaz bin Khalid al-Dosari", "Fawaz Khalid al-Dossari", "Fawaz al-Dosari"]
    assert groups(names) == {frozenset(names)}


def test_bare_surname_that_fits_two_cousins_stays_alone() -> None:
    names = ["Ali Abdullah Saleh al-Ahmar", "Ali Mohammad Saleh al-Ahmar", "Ali al-Ahmar"]
    found = groups(names)
    assert frozenset({"Ali al-Ahmar"}) in found
    assert len(found) == 3


def test_bare_surname_that_fits_kunya_and_given_name_groups_joins_both() -> None:
    # Abu Haidar al-Khiqani and Shihab al-Khiqani do not share a part to compare, so they could be
    # one man (a kunya and a given name); the bare surname fits both and ties them.
    names = ["Abu Haidar al-Khiqani", "Shihab al-Khiqani", "al-Khiqani"]
    assert groups(names) == {frozenset(names)}


def test_bare_surname_does_not_join_when_the_kunyas_differ() -> None:
    names = ["Abu Fadak al-Mohammedawi", "Abu Zainab al-Mohammedawi", "Mohammedawi"]
    found = groups(names)
    assert found == {frozenset({n}) for n in names}


def test_bare_surname_joins_the_fuller_group_once_it_is_one_person() -> None:
    # The fuller name ties the kunya and the given name together: the bare surname joins all.
    names = ["Abu Haidar al-Khiqani", "Shihab al-Khiqani", "Abu Haidar Shihab al-Khiqani", "al-Khiqani"]
    assert groups(names) == {frozenset(names)}


def test_bare_common_surname_stays_alone_beside_one_full_name() -> None:
    names = ["Ahmad Jaber al-Tamimi", "Ahmed Jabir al-Tamimi", "Tamimi"]
    assert alone(names, "Tamimi")
    assert together(names, "Ahmad Jaber al-Tamimi", "Ahmed Jabir al-Tamimi")


def test_bare_rare_surname_joins_one_full_name() -> None:
    names = ["Ahmad Jaber al-Qubaisi", "Ahmed Jabir al-Qubaisi", "Qubaisi"]
    assert groups(names) == {frozenset(names)}


def test_compound_given_name_stays_with_its_one_word_spelling() -> None:
    names = ["Hamid Reza Ghorbani", "Hamidreza Ghorbani", "Hamid Ghorbani"]
    assert together(names, "Hamid Reza Ghorbani", "Hamidreza Ghorbani")


SHUFFLED = [
    "Fawaz bin Khalid al-Dosari",
    "Fawaz bin Nasser al-Dosari",
    "Fawaz al-Dosari",
    "Fawaz Khalid al-Dossari",
    "Abu Haidar al-Khiqani",
    "Shihab al-Khiqani",
    "al-Khiqani",
    "Khiqani",
    "Mustafa al-Kadhimi",
    "Moustafa al-Kazemi",
    "Mustafa Abdul Latif Mashatt al-Kadhimi",
    "Kadhimi",
    "Muhammad Ali Hassan",
    "Ali Muhammad Hassan",
    "Ali Hassan",
    "Muhammad",
    "Hassan",
    "Ahmad Jaber al-Tamimi",
    "Tamimi",
    "Hamid Reza Ghorbani",
    "Hamidreza Ghorbani",
    "Hamid Ghorbani",
    "Muhammad Anwar al-Sadat",
    "Anwar Sadat",
    "Hamid Karzai",
    "Hamed Karzai",
    "Ahmad Kazem",
    "Ahmad Kazemi",
    "Bashar al-Assad",
    "بشار الأسد",
    "Hafez al-Assad",
    "Assad",
]


def snapshot(names: list[str]) -> list[tuple[str, str, tuple[str, ...]]]:
    result = resolve(names, aliases=NO_TABLE)
    return [(c.id, c.canonical, tuple(sorted(m.name for m in c.members))) for c in result.clusters]


def test_input_order_never_changes_clusters_or_ids() -> None:
    expected = snapshot(SHUFFLED)
    rnd = random.Random(4)
    for _ in range(8):
        order = SHUFFLED[:]
        rnd.shuffle(order)
        assert snapshot(order) == expected
    assert snapshot(list(reversed(SHUFFLED))) == expected


def test_no_cluster_holds_two_conflicting_people() -> None:
    found = groups(SHUFFLED)
    apart = [
        ("Fawaz bin Khalid al-Dosari", "Fawaz bin Nasser al-Dosari"),
        ("Muhammad Ali Hassan", "Ali Muhammad Hassan"),
        ("Bashar al-Assad", "Hafez al-Assad"),
        ("Ahmad Kazem", "Ahmad Kazemi"),
        ("Mustafa al-Kadhimi", "Ahmad Kazemi"),
    ]
    for a, b in apart:
        assert not any({a, b} <= g for g in found), (a, b)
    for bare in ("Muhammad", "Hassan", "Tamimi", "Assad", "Fawaz al-Dosari"):
        assert frozenset({bare}) in found, bare


@pytest.mark.parametrize(
    ("full", "short"),
    [("Muhammad Anwar al-Sadat", "Anwar Sadat"), ("Muhammad Hosni Mubarak", "Hosni Mubarak")],
)
def test_devotional_muhammad_left_out_in_resolve_too(full: str, short: str) -> None:
    assert together([full, short], full, short)


def test_a_name_that_fits_several_people_is_reported_with_their_clusters() -> None:
    # Kadhimi alone could be Mustafa or Ali al-Kadhimi, two different people: it stays alone and
    # the resolution says which clusters it could belong to, for an analyst to review.
    result = resolve(["Mustafa al-Kadhimi", "Ali al-Kadhimi", "Kadhimi", "Qasim al-Araji"], aliases=None)
    assert result.ambiguous == {"Kadhimi": ("ali-al-kadhimi", "mustafa-al-kadhimi")}
    assert result.stats["ambiguous"] == 1
    assert result.cluster_of()["Kadhimi"] == "kadhimi"


def test_a_name_that_fits_one_person_is_not_reported_as_ambiguous() -> None:
    result = resolve(["Mustafa al-Kadhimi", "Mustafa al-Kazemi", "Kadhimi"], aliases=None)
    assert result.ambiguous == {}
    assert len(result.clusters) == 1
