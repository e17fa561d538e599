"""Rarity: a shared common part (Muhammad, Hassan, al-Tamimi) never carries a partial match alone."""

from __future__ import annotations

from collections import Counter

import pytest

from namefold import compare_names, explain, parse_alias_table, parse_name, resolve
from namefold.rarity import Rarity, is_common, learn_rarity
from namefold.rules import default_rules
from namefold.sounds import primary_key

RULES = default_rules()
NO_TABLE = parse_alias_table("", "none.yaml")

# Twenty given names that are not on the common list, for inputs of distinct people.
GIVEN = [
    "Jassim", "Faris", "Nabil", "Ziyad", "Ghassan", "Marwan", "Bilal", "Imad", "Ramzi", "Usama",
    "Tawfiq", "Wisam", "Luay", "Haitham", "Qusay", "Sinan", "Anas", "Yasir", "Laith", "Murad",
]  # fmt: skip


def element(word: str):  # type: ignore[no-untyped-def]
    (only,) = parse_name(word, RULES).elements
    return only


def names(*texts: str):  # type: ignore[no-untyped-def]
    return [parse_name(t, RULES) for t in texts]


def together(texts: list[str], a: str, b: str) -> bool:
    clusters = resolve(texts, aliases=NO_TABLE).cluster_of()
    return clusters[a] == clusters[b]


@pytest.mark.parametrize(
    ("bare", "full"),
    [
        ("Hassan", "Ali Hassan"),
        ("al-Tamimi", "Ahmad Jaber al-Tamimi"),
        ("Tamimi", "Faris Jaber al-Tamimi"),
        ("Muhammadi", "Reza Muhammadi"),
    ],
)
def test_bare_common_family_name_never_joins_a_full_name(bare: str, full: str) -> None:
    match = explain(bare, full)
    assert match.partial and not match.conflict  # it fits, but proves nothing
    assert not match.same
    assert any("too common" in r for r in match.reasons)
    assert not together([bare, full], bare, full)


@pytest.mark.parametrize(
    ("bare", "full"),
    [
        ("Muhammad", "Muhammad Ali al-Qubaisi"),
        ("Mohamed", "Mohamed Jassim al-Khiqani"),
        ("Hassan", "Hassan Nasrallah"),
        ("Ali", "Ali Muhammad Hassan"),
    ],
)
def test_bare_given_name_never_joins_a_full_name(bare: str, full: str) -> None:
    # A lone word is read as a family name: a bare given name is no way to tell one person.
    assert not explain(bare, full).same
    assert not together([bare, full], bare, full)


@pytest.mark.parametrize(
    ("bare", "full"),
    [
        ("Qubaisi", "Ahmad Suhail al-Qubaisi"),
        ("al-Khiqani", "Shihab Jassim al-Khiqani"),
        ("Kadhimi", "Mustafa al-Kadhimi"),
    ],
)
def test_bare_rare_surname_joins_a_full_name(bare: str, full: str) -> None:
    match = explain(bare, full)
    assert match.same and match.partial
    assert together([bare, full], bare, full)


def test_several_common_parts_together_are_enough_for_a_partial_name() -> None:
    # Ali and Hassan are each common; Ali ... Hassan together narrows it down enough.
    assert explain("Ali Hassan", "Ali Muhammad Hassan").same
    assert not explain("Ali", "Ali Muhammad Hassan").same


def test_learned_rarity_gives_fewer_bits_to_a_part_many_names_share() -> None:
    rarity = learn_rarity(names(*(f"{g} al-Dulaimi" for g in GIVEN), "Muayad al-Khiqani"), RULES)
    shared_by_twenty = rarity.bits(element("Dulaimi"))
    once = rarity.bits(element("Khiqani"))
    never = rarity.bits(element("Badamchian"))
    assert shared_by_twenty < once < never
    # a given name held once is as rare as a surname held once
    assert rarity.bits(element("Jassim")) == pytest.approx(once)


def test_common_part_gets_fewer_bits_than_a_rare_one_with_no_input() -> None:
    rarity = learn_rarity([], RULES)
    assert rarity.bits(element("Muhammad")) < rarity.bits(element("Khiqani"))
    assert rarity.bits(element("al-Tamimi")) < rarity.bits(element("al-Qubaisi"))


def test_twenty_spellings_of_one_surname_count_as_one_name() -> None:
    spellings = ["Kadhimi", "Kazimi", "Kazemi", "Kadhemi", "Kathimi", "al-Kadhimi", "Al-Kazimi",
                 "el-Kazemi", "Kazzimi", "Kaadhimi", "Kadimi", "Qadhimi", "al-Qazimi", "Kazimee",
                 "Kadhimy", "Khadhimi", "al-Kathemi", "Kazhimi", "Kadheemi", "Kazeemi"]  # fmt: skip
    assert len(set(spellings)) == 20
    filler = [f"{g} al-Dulaimi" for g in GIVEN]
    rarity = learn_rarity(names(*spellings, *filler, "Muayad al-Khiqani"), RULES)
    # Kadhimi's twenty spellings weigh as one name holding it, like Khiqani's one ...
    assert rarity.bits(element("Kadhimi")) == pytest.approx(rarity.bits(element("Khiqani")), abs=0.5)
    # ... and far more than Dulaimi, which twenty different people share.
    assert rarity.bits(element("Kadhimi")) > rarity.bits(element("Dulaimi")) + 2


def test_surname_shared_by_many_people_in_the_input_no_longer_carries_a_bare_name() -> None:
    full = [f"{g} al-Dulaimi" for g in GIVEN]
    rarity = learn_rarity(names(*full, "Dulaimi"), RULES)
    bare, one = parse_name("Dulaimi", RULES), parse_name("Jassim al-Dulaimi", RULES)
    # On its own (prior only) Dulaimi is a rare surname and the bare name fits ...
    assert compare_names(bare, one, RULES).same
    # ... but in an input where twenty people bear it, it says little about which one.
    learned = compare_names(bare, one, RULES, rarity=rarity)
    assert learned.partial and not learned.same


@pytest.mark.parametrize(
    "word",
    ["Muhammad", "Mohamed", "Mohammed", "Mehmet", "Mohd", "Hassan", "Hasan", "Abdullah", "Abdallah",
     "Sulayman", "Suleiman", "al-Tamimi", "Tamimi", "Hosseini", "Abu Omar"],
)  # fmt: skip
def test_spellings_of_common_list_parts_are_common(word: str) -> None:
    assert is_common(element(word), RULES)


@pytest.mark.parametrize("word", ["Soleimani", "Khiqani", "Kadhimi", "Ahmadinejad", "Qubaisi", "Badamchian"])
def test_rare_parts_and_nisbas_of_common_names_are_not_common(word: str) -> None:
    # Soleimani is a nisba: a family name, far rarer than the given name Sulayman it comes from.
    assert not is_common(element(word), RULES)


@pytest.mark.parametrize(
    ("text", "can"),
    [
        ("Muhammad Hasan", False),  # two of the commonest parts: no partial match can tell one person
        ("Muhammad al-Tamimi", False),
        ("Muhammad Hasan al-Tamimi", False),
        ("Muhammad Ali Hasan", True),  # Ali is common, but not in this input: 6.6 bits
        ("Faris al-Khiqani", True),
        ("Khiqani", True),
    ],
)
def test_a_name_can_match_partly_only_if_its_parts_carry_enough_bits(text: str, can: bool) -> None:
    # A large input where half the names hold Muhammad, al-Tamimi or Hasan: about a bit each.
    counts = Counter({primary_key(element(w), RULES): 5_000 for w in ("Muhammad", "Tamimi", "Hasan")})
    rarity = Rarity(RULES, counts, total=10_000)
    assert rarity.can_match_partly(parse_name(text, RULES)) is can
