"""Parsing names into elements with roles: the structure matching depends on."""

from __future__ import annotations

import pytest

from namefold import Role, default_rules, normalized, parse_name
from namefold.normalize import name_problem, to_ascii

RULES = default_rules()


def shape(text: str) -> list[tuple[str, str]]:
    """(role, key) of each element: what comparison sees."""
    return [(e.role.value, e.key) for e in parse_name(text, RULES).elements]


@pytest.mark.parametrize(
    "text",
    ["Abdul Wahab", "Abdulwahab", "Abd al-Wahab", "ABD-AL-WAHAB", "Abdel Wahab", "abdal wahab"],
)
def test_abd_compounds_are_one_element(text: str) -> None:
    assert shape(text) == [("single", "abdwahab")]


@pytest.mark.parametrize("text", ["Abdullah", "Abdallah", "Abd Allah", "Abdulla", "Abd-Allah"])
def test_abd_allah_in_every_spelling(text: str) -> None:
    assert shape(text) == [("single", "abdallah")]


def test_names_of_their_own_that_start_like_abd_stay_whole() -> None:
    assert shape("Abdou Diouf") == [("given", "abdou"), ("surname", "diouf")]


@pytest.mark.parametrize(
    "text", ["al-Kazemi", "Al-Kazemi", "Al Kazemi", "el-Kazemi", "Alkazemi", "AL KAZEMI", "al\u2011Kazemi"]
)
def test_articles_are_not_part_of_the_stem(text: str) -> None:
    elements = parse_name(text, RULES).elements
    assert [(e.role, e.stem) for e in elements] == [(Role.SINGLE, "kazemi")]
    assert elements[0].article in ("al", "el")


@pytest.mark.parametrize(
    "text", ["ash-Shami", "ad-Dulaimi", "an-Nasiri", "ar-Rubaie", "as-Sisi", "az-Zubaidi"]
)
def test_sun_letter_articles(text: str) -> None:
    (element,) = parse_name(text, RULES).elements
    assert element.article in ("ash", "ad", "an", "ar", "as", "az")
    assert not element.stem.startswith(element.article)


@pytest.mark.parametrize("text", ["Ali", "Alawi", "Allawi", "Alia"])
def test_names_starting_with_al_are_not_split(text: str) -> None:
    (element,) = parse_name(text, RULES).elements
    assert element.article == "" and element.stem == text.lower()


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("Major General Shihab al-Khiqani", ("Major General",)),
        ("Prime Minister Mustafa al-Kadhimi", ("Prime Minister",)),
        ("Sheikh Dr. Ahmed Yassin", ("Sheikh", "Dr")),
        ("Gen. Qassem Soleimani", ("Gen",)),
        ("Hajji Ahmed Mulla Talal", ("Hajji",)),
    ],
)
def test_leading_titles_are_removed(text: str, titles: tuple[str, ...]) -> None:
    name = parse_name(text, RULES)
    assert name.titles == titles
    assert name.is_full


def test_titles_are_only_leading_words() -> None:
    assert shape("Ahmed Mulla Talal") == [("given", "ahmed"), ("middle", "mulla"), ("surname", "talal")]


def test_a_title_is_never_the_whole_name() -> None:
    assert shape("Sheikh") == [("single", "sheikh")]


def test_surname_comma_given_is_put_in_natural_order() -> None:
    assert shape("AL ZAWAHIRI, Dr. Ayman") == shape("Ayman al-Zawahiri")


def test_kunya_before_names_and_abu_as_family_name() -> None:
    assert shape("Abu Mahdi al-Muhandis") == [("kunya", "abumahdi"), ("surname", "muhandis")]
    assert shape("Musa Abu Marzuk") == [("given", "musa"), ("surname", "abumarzuk")]
    assert shape("Umm Kulthum") == [("kunya", "ummkulthum")]
    assert shape("Abulhassan") == [("kunya", "abuhassan")]


def test_nasab_connector_marks_the_fathers_name() -> None:
    name = parse_name("Mohammed bin Rashid Al Maktoum", RULES)
    assert [(e.role.value, e.key, e.connector) for e in name.elements] == [
        ("given", "mohammed", ""),
        ("middle", "rashid", "bin"),
        ("surname", "maktoum", ""),
    ]


@pytest.mark.parametrize("text", ["Nur al-Din", "Nureddine", "Nuruddin", "Nur ad-Din"])
def test_din_compounds_are_one_element(text: str) -> None:
    (element,) = parse_name(text, RULES).elements
    assert element.suffix == "din" and element.stem in ("nur",)


def test_marks_for_ayn_and_hamza_vanish() -> None:
    assert shape("Sa'id") == shape("Saʿid") == shape("Sa\u2019id") == [("single", "said")]


def test_diacritics_and_other_scripts_become_ascii() -> None:
    assert to_ascii("Jazaïry", RULES) == "jazairy"
    assert to_ascii("Erdoğan", RULES) == "erdogan"
    assert to_ascii("Ḥusayn", RULES) == "husayn"


def test_arabic_script_uses_namefolds_table() -> None:
    assert to_ascii("كاظمي", RULES) == "kadhmy"
    assert to_ascii("جعفر", RULES) == "jafr"  # ʿayn as a
    assert to_ascii("محمّد", RULES) == "mhmmd"  # shadda doubles
    (word,) = parse_name("محمد", RULES).elements
    assert not word.vocalised


def test_arabic_article_is_split_off() -> None:
    name = parse_name("مصطفى الكاظمي", RULES)
    assert [(e.role.value, e.article) for e in name.elements] == [("given", ""), ("surname", "al")]


def test_possessive_is_dropped() -> None:
    assert shape("Kadhimi's") == shape("Kadhimi\u2019s") == [("single", "kadhimi")]


@pytest.mark.parametrize(
    "text",
    [
        "Mustafa Abdul Latif Mashatt al-Kadhimi",
        "Abu Bakr al-Baghdadi",
        "Salah ad-Din",
        "AL ZAWAHIRI, Dr. Ayman",
        "Abd-al-Karim bin Ali",
        "مصطفى الكاظمي",
        "Musa Abu Marzuk",
    ],
)
def test_normalized_form_parses_to_the_same_elements(text: str) -> None:
    first = parse_name(text, RULES)
    again = parse_name(normalized(first), RULES)
    assert [(e.role, e.key, e.article != "", e.connector) for e in again.elements] == [
        (e.role, e.key, e.article != "", e.connector) for e in first.elements
    ]
    assert normalized(again) == normalized(first)


def test_empty_and_punctuation_only_text_has_no_elements() -> None:
    assert parse_name("", RULES).elements == ()
    assert parse_name(" -- ", RULES).elements == ()


def test_shadda_doubles_the_whole_letter_even_after_a_vowel_sign() -> None:
    assert to_ascii("بشّار", RULES) == "bshshar"
    assert to_ascii("محمَّد", RULES) == "mhmmad"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Sheikh", "it has only titles and particles"),
        ("Grand Ayatollah", "it has only titles and particles"),
        ("Abd al", "it has only titles and particles"),
        ("ابو", "it has only titles and particles"),
        ("...", "it has no letters"),
        ("Abu Bakr", None),  # a kunya is a name
        ("Bin Laden", None),
        ("Adel Imam", None),  # a title word as a surname
        ("\u0639\u0644\u06cc \u062e\u0627\u0645\u0646\u0647\u200c\u0627\u06cc", None),  # ZWNJ in Persian
        ("Ali\u200c", "it holds the invisible character U+200C (ZERO WIDTH NON-JOINER)"),
        ("Ali\tHassan", "it holds the control character U+0009"),
    ],
)
def test_what_a_name_must_have(text: str, problem: str | None) -> None:
    assert name_problem(text, default_rules()) == problem
