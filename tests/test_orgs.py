"""Organisations: kind, legal forms, words, blocking and comparison (namefold.orgs), checked by hand."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from namefold import explain, resolve
from namefold.keys import Blocks
from namefold.model import Kind
from namefold.orgs import compare, filings, guess_kind, kind_of, legal_forms, parse, parse_org
from namefold.rules import default_rules

RULES = default_rules()
ORG_CASES = Path(__file__).parent / "cases" / "orgs.csv"


def org_cases() -> list[tuple[str, str, bool, str]]:
    with ORG_CASES.open(encoding="utf-8", newline="") as handle:
        return [(r["left"], r["right"], r["same"] == "true", r["note"]) for r in csv.DictReader(handle)]


def test_the_organisation_cases_hold_both_kinds_in_number() -> None:
    cases = org_cases()
    assert sum(same for _, _, same, _ in cases) >= 150
    assert sum(not same for _, _, same, _ in cases) >= 150


@pytest.mark.parametrize(("left", "right", "same", "note"), org_cases(), ids=str)
def test_organisation_case_holds_when_the_input_says_both_are_organisations(
    left: str, right: str, same: bool, note: str
) -> None:
    match = explain(left, right, kind=Kind.ORGANISATION)
    assert match.same is same, f"{left} / {right} ({note}): score {match.score}, {match.reasons}"


# --- kind ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Bank Melli Iran",  # a cue word
        "Kataib Hezbollah",  # kataib: brigades
        "Commerzbank",  # a word ending in bank
        "Flemsted LLC",  # a legal form
        "Obshchestvo s Ogranichennoy Otvetstvennostyu Flemsted",  # the same, spelt out in Russian
        "Cimex, S.A.",  # a form of letters at the end
        "Siemens AG",  # a form of two letters at the end
        "APT38",  # a number
    ],
)
def test_a_name_is_an_organisation_when_its_words_say_so(text: str) -> None:
    assert guess_kind(text, RULES) is Kind.ORGANISATION


@pytest.mark.parametrize(
    "text",
    [
        "Iyad Ag Ghali",  # Ag (son of) in a Tuareg name, not Aktiengesellschaft
        "S. A. Khan",  # initials before the name, not a Sociedad Anónima
        "Francisco Sa",  # Sá is a surname
        "Hizb Ullah",  # Hizbullah is a given name
        "Mustafa al-Kadhimi",
        "Sergei Lavrov",
    ],
)
def test_a_name_is_a_person_unless_its_words_say_otherwise(text: str) -> None:
    assert guess_kind(text, RULES) is Kind.PERSON


def test_a_type_value_names_a_kind_in_either_spelling_and_an_unknown_one_is_an_error() -> None:
    assert kind_of("Organization", RULES) is kind_of("organisation", RULES) is Kind.ORGANISATION
    assert kind_of("individual", RULES) is Kind.PERSON
    assert kind_of("  ", RULES) is None
    with pytest.raises(ValueError, match="'vessel' is not a kind"):
        kind_of("vessel", RULES)


def test_names_of_different_kinds_never_match() -> None:
    person, organisation = parse("Rahman", RULES, Kind.PERSON), parse("Rahman", RULES, Kind.ORGANISATION)
    match = compare(person, organisation, RULES)
    assert (match.same, match.conflict) == (False, True)
    assert person.key != organisation.key  # not tied as one spelling either


def test_explain_reads_both_names_as_organisations_when_one_says_so() -> None:
    # Siemens AG alone would be a person (AG may be a name word); the other name is a company's.
    match = explain("Siemens AG", "Siemens Aktiengesellschaft")
    assert match.same
    assert match.reasons == ("org: AG = Aktiengesellschaft",)


# --- parsing ------------------------------------------------------------------------------------


def test_legal_forms_are_found_at_both_ends_and_not_mistaken_inside_a_name() -> None:
    words = ["ooo", "s", "a", "trading", "co", "ltd"]  # S A inside is no Sociedad Anónima
    assert [(f.start, f.end, f.symbol) for f in legal_forms(words, RULES)] == [(0, 1, "LLC"), (4, 6, "LTD")]


def test_a_name_that_is_all_legal_form_keeps_a_word() -> None:
    name = parse_org("AO", RULES)
    assert [e.stem for e in name.elements] == ["ao"]


def test_an_organisation_name_keeps_its_words_and_sets_its_forms_and_connectors_aside() -> None:
    name = parse_org("The Al-Rahman & Brothers Trading Co., Ltd.", RULES)
    # The and & dropped; the article read as in people's names; Brothers singular; Co., Ltd. a form.
    words = [(e.article, e.stem) for e in name.elements]
    assert words == [("al", "rahman"), ("", "brother"), ("", "trading")]
    assert name.titles == ("Co Ltd",)
    assert name.kind is Kind.ORGANISATION


def test_numbers_are_kept_and_ordinal_endings_dropped() -> None:
    assert parse_org("558th Aircraft Repair Plant", RULES).elements[0].stem == "558"
    assert [e.stem for e in parse_org("APT38", RULES).elements] == ["apt38"]


# --- comparing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "reason"),
    [
        ("Siemens AG", "Siemens Aktiengesellschaft", "org: AG = Aktiengesellschaft"),
        ("Flemsted LLC", "OOO Flemsted", "org: LLC = OOO"),
        ("Absolutbank", "CJSC Absolutbank", "org: CJSC on one side only"),
        ("Castle Invest", "Castle Invest Holding", "org: Holding on one side only"),
        ("Aero Caribbean Airlines", "Aerocaribbean Airlines", "org: Aero Caribbean ~ Aerocaribbean"),
        (
            "JSC Radiopriborsnab",
            "LLC Radiopriborsnab",
            "org: legal forms differ (JSC / LLC): weak evidence, not counted",
        ),
    ],
)
def test_explain_says_which_organisation_rule_applied(left: str, right: str, reason: str) -> None:
    match = explain(left, right, kind=Kind.ORGANISATION)
    assert match.same
    assert reason in match.reasons


@pytest.mark.parametrize(
    ("left", "right", "reason"),
    [
        ("APT38", "APT39", "org: numbers differ: 38 vs 39"),
        ("AO 10 SRZ", "AO SRZ", "org: numbers differ: 10 vs none"),
        ("Star Sapphire Group", "Star Sapphire Trading", "org: generic words differ: Group vs Trading"),
    ],
)
def test_explain_says_why_two_organisations_differ(left: str, right: str, reason: str) -> None:
    match = explain(left, right, kind=Kind.ORGANISATION)
    assert not match.same
    assert reason in match.reasons


def test_a_name_that_gives_fewer_generic_words_is_a_partial_match() -> None:
    left, right = parse_org("Castle Invest", RULES), parse_org("Castle Invest Holding SAL", RULES)
    match = compare(left, right, RULES)
    assert match.same and match.partial
    assert not compare(left, parse_org("Castle Invest SAL", RULES), RULES).partial  # the form is no word


def test_organisations_meet_their_variants_in_blocking_however_their_words_are_joined() -> None:
    texts = ["AERO-CARIBBEAN", "AEROCARIBBEAN CO", "Kata'ib Hizballah", "Kataib Hezbollah", "APT 38", "APT38"]
    names = {t: parse(t, RULES, Kind.ORGANISATION) for t in texts}
    blocks = Blocks()
    for text in sorted(names):
        blocks.add(text, names[text], filings(names[text], RULES))
    pairs = set(blocks.pairs().pairs)
    assert ("Kata'ib Hizballah", "Kataib Hezbollah") in pairs
    assert ("APT 38", "APT38") in pairs
    assert ("AERO-CARIBBEAN", "AEROCARIBBEAN CO") in pairs
    # Words run together or apart: one block (Co is a generic word, left out of it).
    assert (
        dict(filings(names["AERO-CARIBBEAN"], RULES)).keys()
        == dict(filings(names["AEROCARIBBEAN CO"], RULES)).keys()
    )


def test_resolve_joins_organisations_by_the_kinds_it_is_given_and_keeps_people_apart() -> None:
    kinds = {"AL-RAHMAN": Kind.ORGANISATION, "Al Rahman LLC": Kind.ORGANISATION, "Al-Rahman": Kind.PERSON}
    result = resolve(kinds, kinds=kinds).cluster_of()
    assert result["AL-RAHMAN"] == result["Al Rahman LLC"] != result["Al-Rahman"]


def test_resolve_reads_the_kind_of_alias_table_names_from_their_entity_type() -> None:
    from namefold import parse_alias_table

    table = parse_alias_table(
        "entities:\n  - id: cimex\n    canonical: Cimex\n    type: organisation\n", "t.yaml"
    )
    # Cimex alone reads as a person's name; the table says it is a company's, as CIMEX, S.A. is.
    assert resolve(["CIMEX, S.A."], aliases=table).cluster_of() == {"CIMEX, S.A.": "cimex"}


def test_a_name_without_generic_words_joins_only_the_one_organisation_it_fits() -> None:
    names = ["Castle Invest", "Castle Invest Holding", "Castle Invest Holding SAL", "Castle Invest Trading"]
    kinds = dict.fromkeys(names, Kind.ORGANISATION)
    alone = resolve(names[:3], kinds=kinds).cluster_of()
    assert len(set(alone.values())) == 1
    # Holding and Trading: two bodies of one name, so Castle Invest could be either and stays alone.
    found = resolve(names, kinds=kinds).cluster_of()
    assert (
        found["Castle Invest Holding"] == found["Castle Invest Holding SAL"] != found["Castle Invest Trading"]
    )
    assert found["Castle Invest"] not in (found["Castle Invest Holding"], found["Castle Invest Trading"])


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        ("!!!", "???", False),  # no words: no spelling of anything, and no error
        ("Co Ltd", "Company Limited", True),  # a name of generic words only: they must all match
        ("International Trading Co", "International Trading Company", True),
        ("International Trading Co", "Global Trading Co", False),  # generic classes do not make words one
        ("شركة النفط", "النفط", False),  # Arabic script: ال is the article; Sharikat is a word here
    ],
)
def test_names_of_generic_words_or_none_are_compared_word_by_word(left: str, right: str, same: bool) -> None:
    assert explain(left, right, kind=Kind.ORGANISATION).same is same


def test_one_word_in_brackets_after_a_name_is_its_acronym_which_the_input_pairs_with_it() -> None:
    match = explain(
        "Islamic Republic of Iran Shipping Lines (IRISL)", "Islamic Republic of Iran Shipping Lines"
    )
    assert match.same
    assert "org: (IRISL) on one side only" in match.reasons
    # More words in brackets qualify the name: a branch is not the body.
    assert not explain(
        "Imam Khomeini Relief Committee (Lebanon Branch)", "Imam Khomeini Relief Committee"
    ).same
    assert explain("(TTP)", "TTP", kind=Kind.ORGANISATION).same  # nothing but the brackets: that is the name


def test_comparing_organisations_is_symmetric() -> None:
    for left, right, _, _ in org_cases():
        a, b = parse_org(left, RULES), parse_org(right, RULES)
        one, other = compare(a, b, RULES), compare(b, a, RULES)
        assert (one.same, one.score, one.partial, one.conflict) == (
            other.same,
            other.score,
            other.partial,
            other.conflict,
        ), (left, right)
