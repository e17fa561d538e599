"""Name structure in compare_names: nasab chains, partial names, endings, compounds, script.

Expected verdicts follow how Arabic and Persian names are built, not the comparer's output:
given name, then father's (and grandfather's) names, then a family name or nisba.
"""

from __future__ import annotations

import pytest

from namefold import DEFAULT_THRESHOLD, explain, parse_name
from namefold.compare import compare_words
from namefold.rules import default_rules

# --- nasab chains and partial names ------------------------------------------------------------


@pytest.mark.parametrize(
    ("short", "long"),
    [
        # a chain cut short at its end: the family name left off
        ("Ali Abdullah Saleh", "Ali Abdullah Saleh al-Ahmar"),
        # given name + surname inside given + father + surname
        ("Ali Saleh", "Ali Abdullah Saleh"),
        ("Mustafa al-Kadhimi", "Mustafa Abdul Latif Mashatt al-Kadhimi"),
        # given + father only, the family name left off
        ("Faris Jassim", "Faris Jassim al-Dulaimi"),
        # given + family name with the whole chain in between left out
        ("Ziyad al-Khiqani", "Ziyad bin Marwan bin Usama al-Khiqani"),
    ],
)
def test_shorter_chain_inside_longer_one_is_a_partial_match(short: str, long: str) -> None:
    for left, right in ((short, long), (long, short)):
        match = explain(left, right)
        assert match.same, (left, right, match.reasons)
        assert match.partial and not match.conflict


def test_full_names_of_equal_length_are_not_partial() -> None:
    match = explain("Mustafa al-Kadhimi", "Moustafa al-Kazemi")
    assert match.same and not match.partial


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # brothers: same given name and family name, different fathers (cousins)
        ("Ahmed Khalil al-Zubaidi", "Ahmed Yasin al-Zubaidi"),
        ("Fawaz bin Khalid al-Dosari", "Fawaz bin Nasser al-Dosari"),
        # the shorter chain's father is not the longer chain's father, though he appears in it
        # (Ali son of Abdullah vs Ali son of Mohammad son of Abdullah)
        ("Ali Abdullah Saleh", "Ali Mohammad Abdullah Saleh"),
        ("Ali Abdullah Saleh", "Ali Mohammad Saleh"),
    ],
)
def test_different_fathers_names_conflict(left: str, right: str) -> None:
    for a, b in ((left, right), (right, left)):
        match = explain(a, b)
        assert not match.same and match.conflict, (a, b, match.reasons)
    assert any("fathers' names differ" in r for r in explain(left, right).reasons)


@pytest.mark.parametrize(
    ("son", "father"),
    [
        ("Faisal bin Turki", "Turki bin Abdulaziz"),
        ("Khalid bin Fawaz al-Dosari", "Fawaz bin Nasser al-Dosari"),
        ("Usama Jassim al-Khiqani", "Jassim Ziyad al-Khiqani"),
    ],
)
def test_father_and_son_differ(son: str, father: str) -> None:
    match = explain(son, father)
    assert not match.same and match.conflict
    assert any("given names differ" in r for r in match.reasons)


def test_father_name_alone_is_not_the_son() -> None:
    # "Abdullah Saleh" is Ali Abdullah Saleh's father's name and family name, not Ali himself.
    match = explain("Abdullah Saleh", "Ali Abdullah Saleh")
    assert not match.same and match.conflict


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Muhammad Ali Hassan", "Ali Muhammad Hassan"),
        ("Muhammad Ali Hassan", "Muhammad Hassan Ali"),
        ("Muhammad Hosni Mubarak", "Hosni Muhammad Mubarak"),
    ],
)
def test_same_words_in_swapped_roles_differ(left: str, right: str) -> None:
    match = explain(left, right)
    assert not match.same and match.conflict


def test_partial_name_must_keep_the_given_name_first() -> None:
    # Muhammad Hassan is Muhammad son of Hassan, or Muhammad of the Hassan family: not Ali.
    assert not explain("Muhammad Hassan", "Ali Muhammad Hassan").same
    assert explain("Ali Hassan", "Ali Muhammad Hassan").same


def test_kunya_must_agree_when_both_have_one() -> None:
    assert explain("Abu Omar al-Qubaisi", "Abu Omar Ahmad Suhail al-Qubaisi").same
    match = explain("Abu Omar al-Qubaisi", "Abu Bakr al-Qubaisi")
    assert not match.same and match.conflict


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # the kunya's name is itself an Abd compound, in words or in one word
        ("Abu Abd al-Rahman al-Tamimi", "Abu Abdulrahman al-Tamimi"),
        ("Abou Abderrahmane al-Senhadji", "Abu Abdul Rahman Ali al-Sanhaji"),
        ("Abu Abd Allah al-Muhajir", "Abu Abdullah al-Muhajir"),
    ],
)
def test_kunya_of_an_abd_compound_is_one_kunya(left: str, right: str) -> None:
    assert explain(left, right).same, (left, right)
    kunya = parse_name(left, default_rules()).elements[0]
    assert kunya.prefix == "abu" and kunya.stem.startswith("abd"), kunya


def test_kunyas_of_different_abd_compounds_differ() -> None:
    match = explain("Abu Abd al-Rahman al-Tamimi", "Abu Abd al-Karim al-Tamimi")
    assert match.conflict, match.reasons


@pytest.mark.parametrize(
    ("initialled", "full"),
    [
        ("Ahmad S. al-Qubaisi", "Ahmad Suhail al-Qubaisi"),
        ("A. Suhail al-Qubaisi", "Ahmad Suhail al-Qubaisi"),
    ],
)
def test_initial_fits_a_name_it_begins(initialled: str, full: str) -> None:
    match = explain(initialled, full)
    assert match.same and not match.conflict


@pytest.mark.parametrize(
    ("initialled", "full"),
    [
        ("Ahmad S. al-Qubaisi", "Ahmad Tariq al-Qubaisi"),
        ("M. Suhail al-Qubaisi", "Ahmad Suhail al-Qubaisi"),
    ],
)
def test_initial_does_not_fit_another_letter(initialled: str, full: str) -> None:
    match = explain(initialled, full)
    assert not match.same and match.conflict


def test_an_initial_is_no_proof_on_its_own() -> None:
    # S. al-Qubaisi may be Suhail al-Qubaisi, but it scores below a spelled-out match.
    initial = explain("S. al-Qubaisi", "Suhail al-Qubaisi")
    spelled = explain("Suhayl al-Qubaisi", "Suhail al-Qubaisi")
    assert initial.score < spelled.score


# --- endings: nisba -i and feminine -a make another name; French silent -e does not ----------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Ahmad Kazem", "Ahmad Kazemi"),
        ("Hossein Ali Kazem", "Hossein Ali Kazemi"),
        ("Mohammad Javad Mahjoub", "Mohammad Javad Mahjoubi"),
        ("Abdul Karim Mahmoud al-Rashid", "Abdul Karim Mahmoud al-Rashidi"),
        ("Ahmad Kazem Ali", "Ahmad Kazemi Ali"),  # father's name Kazem vs a nisba
        ("Jamil Haddad", "Jamila Haddad"),  # brother and sister
        ("Nabil Hassan Saeed", "Nabila Hassan Saeed"),
    ],
)
def test_nisba_and_feminine_endings_make_another_name(left: str, right: str) -> None:
    match = explain(left, right)
    assert not match.same and match.conflict, match.reasons
    assert match.score < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Souleyman", "Souleymane"),
        ("Souleyman Diallo", "Souleymane Diallo"),
        ("Youssouf Souleyman Konate", "Youssouf Souleymane Konate"),
        ("Mohamed Amin Belkacem", "Mohamed Amine Belkacem"),
    ],
)
def test_french_silent_e_is_a_spelling(left: str, right: str) -> None:
    match = explain(left, right)
    assert match.same and not match.conflict


def test_a_conflict_never_reports_a_matching_score() -> None:
    match = explain("Abdul Karim Mahmoud Rashid Hamdan", "Abdul Karim Mahmoud Rashidi Hamdan")
    assert match.conflict and not match.same
    assert match.score < DEFAULT_THRESHOLD


def test_hamid_and_hamad_differ_in_full_names() -> None:
    assert not explain("Hamid", "Hamad").same
    assert not explain("Hamid al-Rubaie", "Hamad al-Rubaie").same


# --- compounds --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Nasr Allah", "Nasrallah"),
        ("Nabil Nasr Allah", "Nabil Nasrallah"),
        ("Hizb Ullah", "Hizbullah"),
        ("Asad Ollah Badamchian", "Asadollah Badamchian"),
    ],
)
def test_allah_compound_in_two_words_is_one_name(left: str, right: str) -> None:
    match = explain(left, right)
    assert match.same and not match.conflict


def test_allah_compound_is_not_its_first_half() -> None:
    match = explain("Nabil Nasr", "Nabil Nasrallah")
    assert not match.same and match.conflict


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Hamid Reza Ghorbani", "Hamidreza Ghorbani"),
        ("Mohammad Reza Zahedi", "Mohammadreza Zahedi"),
        ("Gholam Hossein Karbaschi", "Gholamhossein Karbaschi"),
    ],
)
def test_compound_given_name_in_one_or_two_words(left: str, right: str) -> None:
    for a, b in ((left, right), (right, left)):
        match = explain(a, b)
        assert match.same and not match.conflict, (a, b, match.reasons)


def test_compound_given_name_is_not_its_first_half() -> None:
    # Hamidreza is one name; Hamid is another.
    match = explain("Hamidreza Ghorbani", "Hamid Ghorbani")
    assert not match.same and match.conflict


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Mahmoud Ahmadi-Nejad", "Mahmoud Ahmadinejad"),
        ("Mahmoud Ahmadi Nejad", "Mahmoud Ahmadinejad"),
        ("Mahmoud Ahmadi-Nejad", "Mahmud Ahmadinezhad"),
    ],
)
def test_joined_surname_in_full_names(left: str, right: str) -> None:
    for a, b in ((left, right), (right, left)):
        match = explain(a, b)
        assert match.same and not match.conflict, (a, b, match.reasons)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Muhammad Anwar al-Sadat", "Anwar Sadat"),
        ("Muhammad Hosni Mubarak", "Hosni Mubarak"),
        ("Mohamed Hosni Mubarak", "Hosni Mubarak"),
    ],
)
def test_devotional_muhammad_may_be_left_out(left: str, right: str) -> None:
    match = explain(left, right)
    assert match.same and match.partial
    assert any(r.endswith("left out") for r in match.reasons)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # the other name has a Muhammad, elsewhere: the roles decide
        ("Muhammad Anwar al-Sadat", "Anwar Muhammad al-Sadat"),
        ("Muhammad Ali Hassan", "Ali Muhammad Hassan"),
        # only Muhammad is devotional: a leading Ahmad is a real given name
        ("Ahmad Hosni Mubarak", "Hosni Mubarak"),
    ],
)
def test_leading_name_is_not_left_out_otherwise(left: str, right: str) -> None:
    match = explain(left, right)
    assert not match.same and match.conflict
    assert not any(r.endswith("left out") for r in match.reasons)


# --- Arabic script ----------------------------------------------------------------------------


def test_arabic_article_is_split_off() -> None:
    rules = default_rules()
    name = parse_name("بشار الأسد", rules)
    given, surname = name.elements
    assert surname.article == "al"
    assert not surname.stem.startswith("al")
    assert not given.article


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("بشار الأسد", "Bashar al-Assad"),
        ("بشار الاسد", "Bashar Assad"),
        ("الأسد", "Assad"),
        ("محمد بن سلمان", "Mohammed bin Salman"),
    ],
)
def test_arabic_script_matches_its_transliteration(arabic: str, latin: str) -> None:
    match = explain(arabic, latin)
    assert match.same and not match.conflict


def test_arabic_script_different_given_name_differs() -> None:
    match = explain("حافظ الأسد", "Bashar al-Assad")
    assert not match.same and match.conflict


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Muhammad bin Zayed Al Nahyan", "Zayed Al Nahyan"),  # the son and the father
        ("Mohammed bin Rashid Al Maktoum", "Rashid Al Maktoum"),
        ("Mohammad Reza Pahlavi", "Reza Shah Pahlavi"),  # the Shah and his father
        ("Mohammad Ali Rajai", "Ali Rajai"),  # Mohammad Ali is one compound name
        ("Ibn Saud", "Saud"),  # Saud's son
        ("A. Hassan", "Ali Hassan"),  # an initial and a common surname prove nothing
    ],
)
def test_a_left_out_first_name_or_a_bin_never_makes_father_and_son_one(left: str, right: str) -> None:
    assert not explain(left, right).same
    assert not explain(right, left).same


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("محمد", "Mahmoud"),  # محمود would write the long u
        ("سعد", "Saeed"),  # سعيد would write the long i
    ],
)
def test_a_long_vowel_arabic_script_does_not_write_is_a_difference(arabic: str, latin: str) -> None:
    assert not explain(arabic, latin).same


def test_final_vowel_suffix_is_judged_the_same_way_in_both_orders() -> None:
    rules = default_rules()
    for left, right in [("fatima", "fatemeh"), ("ali", "allah"), ("kazem", "kazemi")]:
        for vocalised in (True, False):
            there = compare_words(left, right, rules, vocalised, vocalised)
            back = compare_words(right, left, rules, vocalised, vocalised)
            assert there.score == back.score, (left, right, vocalised)
    assert compare_words("kazem", "kazemi", rules).score < DEFAULT_THRESHOLD
    assert compare_words("fatima", "fatemeh", rules, False, False).score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Abdur Rahman Ali", "Abdurrahman Ali"),  # the assimilated Abd written apart
        ("Abdus Salam Zaeef", "Abdussalam Zaeef"),
        ("Umm Kulthum", "Om Kalthoum"),  # Egyptian Om for Umm
        ("Mehmet Ali Pasha", "Muhammad Ali Pasha"),  # the Turkish form of Muhammad
    ],
)
def test_spelling_conventions_of_particles_and_national_forms_match(left: str, right: str) -> None:
    assert explain(left, right).same
