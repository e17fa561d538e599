"""Names of every culture a real list holds: culture rule files, list noise, and what they must not merge."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from namefold import RulesError, default_rules, explain, load_rules, resolve
from namefold.cli import app
from namefold.normalize import fold_ending, normalized, parse_name
from test_rules import copy_rules


def elements(text: str) -> list[str]:
    return [e.text for e in parse_name(text, default_rules()).elements]


# The pairs of issue 16's table that are person names, with what makes them one.
@pytest.mark.parametrize(
    ("left", "right", "because"),
    [
        ("Alexei Navalny", "Aleksey Navalnyy", "ru: x~ks"),
        ("SergeiLavrov", "Sergei Lavrov", None),
        ("Mohammed bin Salman", "bin Salman Mohammed", "parts in another order"),
        ("A. Khamenei", "Ali Khamenei", "A as an initial"),
        ("Achmed Radschapovitsch Tschatajew", "Akhmed Rajapovich Chataev", "ru: -jew~-yev"),
    ],
)
def test_spellings_of_one_person_from_a_real_list_are_the_same(left: str, right: str, because: str) -> None:
    match = explain(left, right)
    assert match.same, match
    assert explain(right, left).same
    if because:
        assert because in match.reasons


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("A. Khamenei", "Ali Khamenei"),
        ("Sergei Lavrov", "LAVROV Sergei"),
        ("SERGEILAVROV", "Sergei Lavrov"),
        ("Xi Jinping", "Jinping Xi"),
        ("Mohammed bin Salman", "bin Salman Mohammed"),
    ],
)
def test_a_list_of_the_two_names_is_one_entity(left: str, right: str) -> None:
    assert len(resolve([left, right]).clusters) == 1


def test_the_canonical_is_the_full_name_in_natural_order() -> None:
    (cluster,) = resolve(["A. Khamenei", "Ali Khamenei"]).clusters
    assert cluster.canonical == "Ali Khamenei"
    (cluster,) = resolve(["LAVROV Sergei", "Sergei LAVROV"]).clusters
    assert cluster.canonical == "Sergei LAVROV"
    (cluster,) = resolve(["bin Salman Mohammed", "Mohammed bin Salman"]).clusters
    assert cluster.canonical == "Mohammed bin Salman"


def test_explain_says_when_resolve_needs_rare_parts() -> None:
    result = CliRunner().invoke(app, ["explain", "A. Khamenei", "Ali Khamenei"])
    assert result.exit_code == 0
    assert result.stdout.startswith("same")
    assert "resolve joins such a pair only where the parts it shares carry at least 10 bits" in result.stdout
    plain = CliRunner().invoke(app, ["explain", "Kadhimi", "Kazemi"])
    assert "note:" not in plain.stdout


@pytest.mark.parametrize(
    ("left", "right", "reason"),
    [
        ("Boris Yeltsin", "Boris Jelzin", "ru: ts~z"),  # German z for ц
        ("Xi Jinping", "Hsi Chin-ping", "zh: x~hs"),  # Wade-Giles hs for Pinyin x
        ("Volodymyr Zelenskyy", "Vladimir Zelensky", "ru: Volodymyr = Vladimir"),  # Ukrainian form
        ("Park Geun-hye", "Bak Geun-hye", "ko: Park = Bak"),  # Revised Romanization b
        ("Smirnoff", "Smirnov", "ru: -off~-ov"),
    ],
)
def test_explain_names_the_culture_whose_rule_applied(left: str, right: str, reason: str) -> None:
    match = explain(left, right)
    assert match.same and reason in match.reasons, match


@pytest.mark.parametrize(
    ("left", "right", "why"),
    [
        ("Konstantin", "Konstantinov", "a surname made of the given name"),
        ("Roman Abramov", "Roman Abramovich", "-ov and -ovich are two surnames"),
        ("Zelensky", "Zelenska", "male and female forms"),
        ("Ali Hassan", "Hassan Ali", "given and father's name swapped, both common"),
        ("Bashar Hafez al-Assad", "Hafez Bashar al-Assad", "father and son: not a rotation"),
        (
            "Khalifa bin Salman Al Khalifa",
            "Salman bin Khalifa Al Khalifa",
            "bin marks the father wherever it stands",
        ),
        ("Donald Trump", "Donald Trump Jr.", "Jr. is the son"),
        ("Kim Jong-un", "Kim Jong-il", "the second syllable differs"),
        ("George H. W. Bush", "George W. Bush", "initials are no family names"),
    ],
)
def test_names_a_careless_matcher_would_merge_stay_apart(left: str, right: str, why: str) -> None:
    assert not explain(left, right).same, why
    assert not explain(right, left).same, why


def test_two_names_run_together_split_at_the_capital_but_not_after_mc() -> None:
    assert elements("SergeiLavrov") == ["Sergei", "Lavrov"]
    assert elements("ÉmileZola") == ["Émile", "Zola"]
    assert elements("Ronald McDonald") == ["Ronald", "McDonald"]


def test_syllables_joined_by_a_hyphen_are_one_name_but_articles_stay_articles() -> None:
    assert elements("Kim Jong-un") == ["Kim", "Jongun"]
    assert elements("Mao Tse-tung") == ["Mao", "Tsetung"]
    assert elements("Mustafa al-Kazemi") == ["Mustafa", "Kazemi"]
    assert elements("Nur-al-din Zangi")[0] == "Nur al-din"


def test_generation_is_read_after_the_name_and_kept_in_the_normal_form() -> None:
    rules = default_rules()
    name = parse_name("Martin Luther King, Jr.", rules)
    assert name.generation == "jr" and [e.text for e in name.elements] == ["Martin", "Luther", "King"]
    assert parse_name(normalized(name), rules).generation == "jr"
    assert parse_name("ABBAS, Mahmoud", rules).generation == ""


@pytest.mark.parametrize(
    ("word", "folded"),
    [("navalnyy", "navalny"), ("gennadiy", "gennady"), ("smirnow", "smirnov"), ("tschatajew", "tschatayev")],
)
def test_romanised_endings_fold_to_one_spelling(word: str, folded: str) -> None:
    assert fold_ending(word, default_rules())[0] == folded


def test_short_words_keep_their_endings() -> None:
    assert fold_ending("ali", default_rules()) == ("ali", "")
    assert fold_ending("liy", default_rules()) == ("liy", "")  # too short to hold a suffix


def test_a_culture_file_with_an_unknown_section_is_an_error_naming_it(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    (folder / "cultures" / "extra.yaml").write_text("culture: xx\nspelings: {a: b}\n", "utf-8")
    with pytest.raises(RulesError, match=r"extra\.yaml: unknown section 'spelings'"):
        load_rules(folder)


def test_a_culture_that_reads_a_grapheme_otherwise_is_an_error(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    (folder / "cultures" / "extra.yaml").write_text("culture: xx\ngraphemes:\n  kh: h\n", "utf-8")
    with pytest.raises(RulesError, match=r"extra\.yaml: graphemes: 'kh' is read otherwise"):
        load_rules(folder)


def test_a_new_culture_file_is_read_by_the_generic_code(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    (folder / "cultures" / "extra.yaml").write_text(
        "culture: xx\nname_forms:\n  - [jan, johannes]\ntitles:\n  - mijnheer\n", "utf-8"
    )
    rules = load_rules(folder)
    assert ("mijnheer",) in rules.titles
    assert rules.name_forms["jan"] == rules.name_forms["johannes"]
    assert explain("Jan Smit", "Johannes Smit", rules=rules).same
    assert not explain("Jan Smit", "Johannes Smit").same  # the shipped rules do not know the pair


def test_the_canonical_takes_the_spelling_the_whole_input_uses_most() -> None:
    # The two spellings of the cluster tie; another name of the input spells Baghdadi with gh.
    result = resolve(["Abu Bakr al-Bagdadi", "Abu Bakr al-Baghdadi", "Abu Omar al-Baghdadi"])
    assert {c.canonical for c in result.clusters} == {"Abu Bakr al-Baghdadi", "Abu Omar al-Baghdadi"}


def test_the_canonical_takes_the_spelling_of_the_rule_tables_on_a_tie() -> None:
    (cluster,) = resolve(["Mohamed Salah", "Muhammad Salah"]).clusters
    assert cluster.canonical == "Muhammad Salah"
