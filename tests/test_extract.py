"""Extraction from running text: our own short articles, one rule each, and exact offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from namefold import extract_mentions, resolve
from namefold.errors import RulesError
from namefold.extract import extract_documents
from namefold.text_rules import load_text_rules

TITLES = (
    "Defence Minister Lieutenant General Saad Karim al-Obeidi arrived in Basra on Monday.\n"
    "Obeidi\u2019s convoy was stopped twice. \u201cWe will not wait,\u201d Obeidi's deputy said.\n"
)
ALIAS = (
    "The commander of the Sabireen Brigades, Hadi Jawad al-Amiri, alias Abu Zainab, refused.\n"
    "Amiri later met the National Intelligence Service (NIS) and the Wasit Tribal Council.\n"
    "Major General Ali Rubaie, known as Abu Hawra, and Karim Jaber, a.k.a. Abu Layla, came too.\n"
)
NOISE = (
    "Green Zone residents and White House aides watched. Washington was silent.\n"
    "In July the Iraqi Press reported nothing.\n"
)
FORMS = "Abd al-Rahman Sa'id bin Laden and Ja'far Ould-Abdallah spoke in July.\n"
RUN_TOGETHER = (
    "Qasim al-Rubaie and his rival Nuri al-Saadi met. Later al-Rubaie al-Sadi left,\r\n"
    "and Saadi said NIS officers were late. Major General Ali Rubaie is their cousin.\r\n"
)
MENU = (
    "Rubaie Faces Setback as Council Shuns Talks\n"
    "Kareem Hassan Wins Award for Bold Reporting\n"
    "Markets Rally After Strong Earnings Season\n"
    "The ministry said \u201cPresident Tony Blair is a friend.\u201d\n"
    "Prince Harry Seeks King Charles\u2019 Support\n"
    "Nothing else happened.\n"
)
ARABIC = (
    "Colonel Muammar Gaddafi (\u0645\u0639\u0645\u0631 \u0627\u0644\u0642\u0630\u0627\u0641\u064a)"
    " met Gen. Khalifa Haftar.\n"
)
DOCUMENTS = {
    "titles.txt": TITLES,
    "alias.txt": ALIAS,
    "noise.txt": NOISE,
    "forms.txt": FORMS,
    "run.txt": RUN_TOGETHER,
    "menu.txt": MENU,
    "arabic.txt": ARABIC,
}


def found(text: str) -> list[tuple[str, str, str, str]]:
    return [(m.surface, m.name, m.type, m.refers_to) for m in extract_mentions(text)]


def test_two_titles_and_possessives_are_not_part_of_the_name() -> None:
    assert found(TITLES) == [
        ("Defence Minister Lieutenant General Saad Karim al-Obeidi", "Saad Karim al-Obeidi", "person", ""),
        ("Obeidi\u2019s", "Obeidi", "person", "Saad Karim al-Obeidi"),
        ("Obeidi's", "Obeidi", "person", "Saad Karim al-Obeidi"),
    ]


def test_alias_known_as_aka_and_acronyms_name_the_same_entity() -> None:
    assert found(ALIAS) == [
        ("Sabireen Brigades", "Sabireen Brigades", "organisation", ""),
        ("Hadi Jawad al-Amiri", "Hadi Jawad al-Amiri", "person", ""),
        ("Abu Zainab", "Abu Zainab", "person", "Hadi Jawad al-Amiri"),
        ("Amiri", "Amiri", "person", "Hadi Jawad al-Amiri"),
        ("National Intelligence Service", "National Intelligence Service", "organisation", ""),
        ("NIS", "NIS", "organisation", "National Intelligence Service"),
        ("Wasit Tribal Council", "Wasit Tribal Council", "organisation", ""),
        ("Major General Ali Rubaie", "Ali Rubaie", "person", ""),
        ("Abu Hawra", "Abu Hawra", "person", "Ali Rubaie"),
        ("Karim Jaber", "Karim Jaber", "person", ""),
        ("Abu Layla", "Abu Layla", "person", "Karim Jaber"),
    ]


def test_places_months_demonyms_and_sentence_starts_are_not_names() -> None:
    assert found(NOISE) == []


def test_particles_apostrophes_and_hyphens_stay_inside_one_name() -> None:
    assert [m.name for m in extract_mentions(FORMS)] == [
        "Abd al-Rahman Sa'id bin Laden",
        "Ja'far Ould-Abdallah",
    ]


def test_run_together_surnames_split_and_bare_names_refer_only_when_one_fits() -> None:
    assert found(RUN_TOGETHER) == [
        ("Qasim al-Rubaie", "Qasim al-Rubaie", "person", ""),
        ("Nuri al-Saadi", "Nuri al-Saadi", "person", ""),
        ("al-Rubaie", "al-Rubaie", "person", ""),  # Qasim al-Rubaie or Ali Rubaie: left open
        ("al-Sadi", "al-Sadi", "person", "Nuri al-Saadi"),
        ("Saadi", "Saadi", "person", "Nuri al-Saadi"),
        ("Major General Ali Rubaie", "Ali Rubaie", "person", ""),
    ]


def test_acronym_defined_in_one_document_is_found_in_another() -> None:
    result = extract_documents({"a.txt": ALIAS, "b.txt": RUN_TOGETHER})
    nis = [(m.doc, m.refers_to) for m in result.mentions if m.name == "NIS"]
    assert nis == [("a.txt", "National Intelligence Service"), ("b.txt", "")]
    assert [k.left for k in result.links if k.right == "NIS"] == ["National Intelligence Service"]


def test_headlines_and_teasers_between_them_are_page_noise() -> None:
    assert found(MENU) == []
    # The same names in prose are found.
    prose = "President Tony Blair met Kareem Hassan.\n"
    assert [m.name for m in extract_mentions(prose)] == ["Tony Blair", "Kareem Hassan"]


def test_arabic_script_is_skipped_but_offsets_after_it_are_exact() -> None:
    mentions = extract_mentions(ARABIC)
    assert [(m.surface, m.name) for m in mentions] == [
        ("Colonel Muammar Gaddafi", "Muammar Gaddafi"),
        ("Gen. Khalifa Haftar", "Khalifa Haftar"),
    ]
    assert mentions[1].start == ARABIC.index("Gen.")


@pytest.mark.parametrize("doc", sorted(DOCUMENTS))
def test_offsets_are_exact(doc: str) -> None:
    text = DOCUMENTS[doc]
    for m in extract_documents(DOCUMENTS).mentions:
        if m.doc == doc:
            assert text[m.start : m.end] == m.surface
            assert m.name in m.surface


def test_document_order_does_not_change_the_result() -> None:
    forward = extract_documents(DOCUMENTS)
    backward = extract_documents(dict(reversed(list(DOCUMENTS.items()))))
    assert forward == backward


def test_links_join_aliases_that_share_no_spelling() -> None:
    result = extract_documents({"a.txt": ALIAS})
    clusters = resolve(
        [m.name for m in result.mentions], links=[(k.left, k.right, k.reason) for k in result.links]
    ).cluster_of()
    assert clusters["Abu Zainab"] == clusters["Hadi Jawad al-Amiri"] == clusters["Amiri"]
    assert clusters["NIS"] == clusters["National Intelligence Service"]
    assert clusters["Abu Hawra"] != clusters["Abu Zainab"]


def test_known_names_count_as_names_wherever_they_stand() -> None:
    text = "Troops of Harakat al-Nujaba and Sadrists marched.\n"
    assert [m.name for m in extract_mentions(text)] == ["Harakat al-Nujaba"]
    assert [(m.name, m.type) for m in extract_mentions(text, known={"Sadrists": "organisation"})] == [
        ("Harakat al-Nujaba", "organisation"),
        ("Sadrists", "organisation"),
    ]


def test_text_rules_refuse_duplicates_and_upper_case(tmp_path: Path) -> None:
    shipped = (Path(__file__).parents[1] / "src/namefold/rules/text.yaml").read_text("utf-8")
    broken = tmp_path / "text.yaml"
    broken.write_text(shipped.replace("calendar: [january,", "calendar: [january, january,"), "utf-8")
    with pytest.raises(RulesError, match="calendar: 'january' is listed twice"):
        load_text_rules(broken)
    broken.write_text(shipped.replace("calendar: [january,", "calendar: [January,"), "utf-8")
    with pytest.raises(RulesError, match="must be lowercase"):
        load_text_rules(broken)
