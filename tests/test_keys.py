"""Blocking: variants share keys, and only pairs that could match are compared."""

from __future__ import annotations

from itertools import combinations

import pytest

from namefold import default_rules, parse_name
from namefold.compare import compare_names
from namefold.keys import CROWDED, SPLIT, Blocks, candidate_pairs, filings
from namefold.sounds import skeleton_keys, units

RULES = default_rules()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("kadhimi", "kazemi"),
        ("kadhimi", "kazimi"),
        ("qaddafi", "gadhafi"),
        ("khiqani", "khaikani"),
        ("uthman", "osman"),
        ("mahdi", "madi"),
        ("javed", "jawed"),
        ("naji", "nagi"),
        ("yasin", "yacine"),
    ],
)
def test_spelling_variants_share_a_skeleton_key(a: str, b: str) -> None:
    assert skeleton_keys(a, RULES) & skeleton_keys(b, RULES)


@pytest.mark.parametrize(("a", "b"), [("kadhimi", "khiqani"), ("sadr", "saidi"), ("hassan", "khalil")])
def test_different_names_have_different_keys(a: str, b: str) -> None:
    assert not skeleton_keys(a, RULES) & skeleton_keys(b, RULES)


def test_units_read_letter_groups_as_one_sound() -> None:
    assert [u.text for u in units("shehab", RULES)] == ["sh", "e", "h", "a", "b"]
    assert [u.text for u in units("zaid", RULES)] == ["z", "ai", "d"]  # diphthong before a consonant
    assert [u.text for u in units("ziyad", RULES)] == ["z", "i", "y", "a", "d"]
    assert [u.text for u in units("alaoui", RULES)] == ["a", "l", "a", "ou", "i"]
    assert units("alaoui", RULES)[3].symbol == "w"  # French ou before a vowel
    assert units("hassan", RULES)[2].double


def pairs(*texts: str) -> set[frozenset[str]]:
    found = candidate_pairs({t: parse_name(t, RULES) for t in texts}, RULES).pairs
    return {frozenset(p) for p in found}


def test_full_names_meet_only_when_given_names_and_surnames_share_keys() -> None:
    found = pairs("Mustafa al-Kadhimi", "Mostafa al-Kazemi", "Ali al-Kadhimi")
    assert found == {frozenset({"Mustafa al-Kadhimi", "Mostafa al-Kazemi"})}


def test_bare_surname_meets_every_full_name_with_that_surname() -> None:
    found = pairs("Kadhimi", "Mustafa al-Kadhimi", "Ali al-Kazemi", "Shihab al-Khiqani")
    assert frozenset({"Kadhimi", "Mustafa al-Kadhimi"}) in found
    assert frozenset({"Kadhimi", "Ali al-Kazemi"}) in found
    assert not any("Shihab al-Khiqani" in p for p in found)


def test_kunya_alone_meets_names_with_that_kunya() -> None:
    assert frozenset({"Abu Fadak", "Abu Fadak al-Mohammedawi"}) in pairs(
        "Abu Fadak", "Abu Fadak al-Mohammedawi"
    )


def test_bare_name_in_a_crowded_block_is_counted_not_compared() -> None:
    full = [f"Name{chr(97 + i % 26)}{chr(97 + i // 26)} al-Tamimi" for i in range(CROWDED + 1)]
    names = {t: parse_name(t, RULES) for t in [*full, "Tamimi"]}
    result = candidate_pairs(names, RULES)
    assert not any("Tamimi" in p for p in result.pairs)
    assert result.crowded == 1  # Tamimi, the one bare name of the block


# --- giant blocks: Muhammad <father> al-Tamimi ------------------------------------------------------

SKELETAL = ["Ali", "Hasan", "Yusuf", "Karim", "Jafar", "Tariq", "Nabil", "Salim", "Zayd", "Wahab"]
GRANDFATHERS = [
    "Umar", "Bakr", "Said", "Nur", "Fahd", "Majid", "Rashid", "Qasim", "Sami", "Jamil",
    "Latif", "Hamza", "Idris", "Musa", "Zaki", "Ghazi", "Dawud", "Ilyas", "Munir", "Shakir",
]  # fmt: skip


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Sobhi Mahmoud Fayad", "Soubi Mamout Fayad"),  # the fathers' names differ after the first sound
        ("Mohammad Yusuf Karim Faiz", "Mohammed Yusop Karin Faiz"),
        ("Muhammad Umar al-Tamimi", "Mohammed Omar al-Tamimi"),  # a vowel first: keyed by the consonant
        ("Ali Jafar Hasan", "Ali Djafar Hasan"),
    ],
)
def test_chains_meet_when_their_fathers_names_begin_alike(left: str, right: str) -> None:
    assert frozenset({left, right}) in pairs(left, right)


@pytest.mark.parametrize(
    ("longer", "shorter"),
    [
        ("Alvaro Enrique PULIDO VARGAS", "Alvaro PULIDO VARGAS"),  # a Spanish middle name left out
        ("Nidal Ahmed WAKED HATUM", "Nidal WAKED HATOUM"),
    ],
)
def test_a_family_name_in_capitals_meets_the_name_without_the_middle_names_before_it(
    longer: str, shorter: str
) -> None:
    assert frozenset({longer, shorter}) in pairs(longer, shorter)
    assert compare_names(parse_name(longer, RULES), parse_name(shorter, RULES), RULES).same


def test_a_chain_does_not_meet_itself_with_a_fathers_name_left_out() -> None:
    longer, shorter = "Ali Muhammad Hasan al-Tikriti", "Ali Hasan al-Tikriti"  # Hasan: a grandfather
    assert frozenset({longer, shorter}) not in pairs(longer, shorter)
    assert not compare_names(parse_name(longer, RULES), parse_name(shorter, RULES), RULES).same


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Apinya CHANTARAPRAPAPORN", "Apinya CHATARAPRAPAPORN"),  # a consonant dropped
        ("Liridon KELJMENDI", "Liridon KELMENDI"),
        ("Givi SHERMAZASHVILI", "Givi SHEMAZASHVILI"),
        ("Ivan Liagin", "Ivan Liahin"),  # one consonant for another
    ],
)
def test_a_slip_in_one_consonant_of_a_long_family_name_still_meets(left: str, right: str) -> None:
    assert frozenset({left, right}) in pairs(left, right)


def test_chains_whose_fathers_names_begin_differently_do_not_meet_and_would_conflict() -> None:
    texts = [f"Muhammad {f} al-Tamimi" for f in SKELETAL]
    found = pairs(*texts)
    first = {f: {key[0] for key in skeleton_keys(f.lower(), RULES)} for f in SKELETAL}
    for a, b in combinations(SKELETAL, 2):
        left, right = f"Muhammad {a} al-Tamimi", f"Muhammad {b} al-Tamimi"
        assert (frozenset({left, right}) in found) == bool(first[a] & first[b]), (a, b)
        assert compare_names(parse_name(left, RULES), parse_name(right, RULES), RULES).conflict


def test_chains_of_a_giant_block_meet_only_with_a_shared_fathers_name() -> None:
    # 240 chains with one given name and surname: 3 fathers' names in 2 spellings each.
    # (Hasan would meet Yusuf: its h may be silent, and both then begin with an s.)
    fathers = ["Ali", "Aly", "Karim", "Kareem", "Yusuf", "Youssef"]
    texts = [f"Muhammad {f} {g} al-Tamimi" for f in fathers for g in GRANDFATHERS]
    result = candidate_pairs({t: parse_name(t, RULES) for t in texts}, RULES)
    found = {frozenset(p) for p in result.pairs}
    # the same father in two spellings still meet (Ali / Aly), different fathers do not
    assert frozenset({"Muhammad Ali Umar al-Tamimi", "Muhammad Aly Umar al-Tamimi"}) in found
    assert frozenset({"Muhammad Ali Umar al-Tamimi", "Muhammad Karim Umar al-Tamimi"}) not in found
    # each name meets only the 40 names of its own father's name
    assert len(found) == 3 * (40 * 39 // 2)


def test_giant_block_keeps_partial_names_and_initials() -> None:
    texts = [
        f"Muhammad {f} {g} al-Tamimi"
        for f in ["Karim", "Salim", "Nabil", "Jafar", "Tariq", "Wahab"]
        for g in GRANDFATHERS
    ]
    texts += ["Mohammed K. al-Tamimi", "Muhammad Karim al-Tamimi"]
    result = candidate_pairs({t: parse_name(t, RULES) for t in texts}, RULES)
    found = {frozenset(p) for p in result.pairs}
    # an initial for the father's name meets the names it may stand for, and not the others
    assert frozenset({"Mohammed K. al-Tamimi", "Muhammad Karim Umar al-Tamimi"}) in found
    assert frozenset({"Mohammed K. al-Tamimi", "Muhammad Salim Umar al-Tamimi"}) not in found
    # the chain cut short: Muhammad Karim al-Tamimi inside Muhammad Karim Umar al-Tamimi
    assert frozenset({"Muhammad Karim al-Tamimi", "Muhammad Karim Umar al-Tamimi"}) in found


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Mohamad Kheir Beik", "Mohammad Nasif Kheirbek"),  # family name in two words / one word
        ("Hamid Reza Ali Ahmadi", "Hamidreza Ali Ahmadi"),  # given name in two words / one word
        ("Muhammad Anwar Ali al-Sadat", "Anwar Ali al-Sadat"),  # a leading Muhammad left out
    ],
)
def test_compounds_read_as_one_word_meet_the_other_chain(left: str, right: str) -> None:
    assert frozenset({left, right}) in pairs(left, right)


# --- names too common to match partly ---------------------------------------------------------------


def weak_pairs(texts: list[str], weak: set[str]) -> set[frozenset[str]]:
    blocks = Blocks()
    for text in sorted(texts):
        parsed = parse_name(text, RULES)
        blocks.add(text, parsed, filings(parsed, RULES))
    return {frozenset(p) for p in blocks.pairs(weak).pairs}


def test_a_weak_name_does_not_meet_fuller_names_of_its_block() -> None:
    texts = ["Muhammad Hasan", "Mohammed Hassan", "Muhammad Ali Hasan", "Mohamed Jassim Hassan"]
    everything = weak_pairs(texts, set())
    assert frozenset({"Muhammad Hasan", "Muhammad Ali Hasan"}) in everything
    found = weak_pairs(texts, {"Muhammad Hasan"})
    # the partial matches of the weak name are gone, those of the other owner stay
    assert frozenset({"Muhammad Hasan", "Muhammad Ali Hasan"}) not in found
    assert frozenset({"Muhammad Hasan", "Mohamed Jassim Hassan"}) not in found
    assert frozenset({"Mohammed Hassan", "Muhammad Ali Hasan"}) in found
    # names of the same length still meet: their match is not partial and needs no rare part
    assert frozenset({"Muhammad Hasan", "Mohammed Hassan"}) in found
    alike = frozenset({"Muhammad Hasan", "Mohammed Hassan"})
    assert everything - found == {p for p in everything if "Muhammad Hasan" in p} - {alike}


def test_a_weak_fuller_name_does_not_meet_shorter_owners_either() -> None:
    texts = ["Faris al-Khiqani", "Faris Ali al-Khiqani"]
    assert weak_pairs(texts, {"Faris Ali al-Khiqani"}) == set()
    assert weak_pairs(texts, set()) == {frozenset(texts)}


def test_a_kunya_read_as_a_given_name_still_meets_a_weak_owner() -> None:
    # Umm Muhammad al-Tamimi is filed under (Muhammad, al-Tamimi) but has as many parts: not partial.
    texts = ["Muhammad al-Tamimi", "Umm Muhammad al-Tamimi"]
    assert weak_pairs(texts, {"Muhammad al-Tamimi"}) == {frozenset(texts)}


def test_a_giant_block_meets_only_within_whole_fathers_names() -> None:
    # 140 chains whose fathers' names begin with M: more than SPLIT, so only whole keys meet.
    fathers = ["Mahmoud", "Mahmud", "Mustafa", "Mostafa", "Mansur", "Mamout", "Munir"]
    texts = [f"Muhammad {f} {g} al-Tamimi" for f in fathers for g in GRANDFATHERS]
    assert len(texts) > SPLIT
    result = candidate_pairs({t: parse_name(t, RULES) for t in texts}, RULES)
    found = {frozenset(p) for p in result.pairs}
    assert result.split >= 1
    assert frozenset({"Muhammad Mahmoud Umar al-Tamimi", "Muhammad Mahmud Umar al-Tamimi"}) in found
    assert frozenset({"Muhammad Mustafa Umar al-Tamimi", "Muhammad Mostafa Umar al-Tamimi"}) in found
    assert frozenset({"Muhammad Mahmoud Umar al-Tamimi", "Muhammad Mustafa Umar al-Tamimi"}) not in found
    # the price: Mamout (M-M-T) no longer meets Mahmoud (M-H-M-D) in so large a block
    assert frozenset({"Muhammad Mahmoud Umar al-Tamimi", "Muhammad Mamout Umar al-Tamimi"}) not in found
    # in a small block it does
    assert frozenset({"Muhammad Mahmoud Umar al-Tamimi", "Muhammad Mamout Umar al-Tamimi"}) in pairs(
        "Muhammad Mahmoud Umar al-Tamimi", "Muhammad Mamout Umar al-Tamimi"
    )


# --- a whole name written another way ---------------------------------------------------------------


def test_two_names_run_together_meet_the_one_word_and_names_no_longer_than_them() -> None:
    found = pairs("Ali Khan", "Alikhan", "Nasser Alikhan", "Nasser Hussein Alikhan")
    assert frozenset({"Ali Khan", "Alikhan"}) in found  # ALIKHAN is Ali Khan run together
    assert frozenset({"Ali Khan", "Nasser Alikhan"}) in found
    # Three names never join two run together, and share no given name with them.
    assert frozenset({"Ali Khan", "Nasser Hussein Alikhan"}) not in found
    assert not compare_names(
        parse_name("Ali Khan", RULES), parse_name("Nasser Hussein Alikhan", RULES), RULES
    ).same


def test_a_name_written_family_name_first_meets_no_longer_name_that_way() -> None:
    found = pairs("Sergei Lavrov", "Lavrov Sergei", "Lavrov Ivan Sergei")
    assert frozenset({"Sergei Lavrov", "Lavrov Sergei"}) in found
    assert frozenset({"Sergei Lavrov", "Lavrov Ivan Sergei"}) not in found
