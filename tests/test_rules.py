"""Rule tables: the shipped ones load, and malformed ones fail naming the problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from namefold import RulesError, default_rules, load_rules
from namefold.rules import RULES_DIR


def copy_rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target


def test_shipped_rules_load_once() -> None:
    assert default_rules() is default_rules()
    assert ("major", "general") in default_rules().titles


def test_substitutions_apply_both_ways() -> None:
    rules = default_rules()
    assert rules.sub_cost("ð", "z") == rules.sub_cost("z", "ð") < 0.5


def test_duplicate_title_is_an_error_naming_it(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    names = folder / "names.yaml"
    names.write_text(names.read_text("utf-8").replace("  - sheikh\n", "  - sheikh\n  - sheikh\n"), "utf-8")
    with pytest.raises(RulesError, match=r"'sheikh' is listed twice"):
        load_rules(folder)


def test_unknown_symbol_in_substitutions_is_an_error(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    letters = folder / "letters.yaml"
    letters.write_text(letters.read_text("utf-8").replace("  - [ð, z, 0.1]", "  - [ð, Ж, 0.1]"), "utf-8")
    with pytest.raises(RulesError, match="unknown symbol"):
        load_rules(folder)


def test_broken_yaml_is_an_error_naming_the_file(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    (folder / "script.yaml").write_text("letters: [unclosed\n", "utf-8")
    with pytest.raises(RulesError, match=r"script\.yaml"):
        load_rules(folder)


def test_a_legal_form_listed_under_two_symbols_is_an_error_naming_it(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    orgs = folder / "orgs.yaml"
    orgs.write_text(orgs.read_text("utf-8").replace("    - gmbh\n", "    - gmbh\n    - jsc\n"), "utf-8")
    with pytest.raises(RulesError, match=r"'jsc' is listed twice"):
        load_rules(folder)


def test_a_legal_form_spelling_that_is_not_folded_is_an_error_naming_it(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    orgs = folder / "orgs.yaml"
    orgs.write_text(orgs.read_text("utf-8").replace("    - gmbh\n", "    - GmbH\n"), "utf-8")
    with pytest.raises(RulesError, match=r"'GmbH' is not folded"):
        load_rules(folder)


def test_alternatives_in_a_legal_form_spelling_expand_to_every_spelling() -> None:
    forms = default_rules().orgs.forms
    for spelling in (
        "obshchestvo s ogranichennoy otvetstvennostyu",
        "obschestvo s ogranichennoi otvetstvennostiu",
    ):
        assert forms[tuple(spelling.split())] == "LLC"


def test_persian_final_ye_of_listed_words_reads_as_alef_maqsura() -> None:
    words = default_rules().script_words
    assert words["مصطفی"] == "مصطفى" and "علی" not in words  # Ali's final ی is -i


def test_script_word_that_changes_nothing_is_an_error_naming_it(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    script = folder / "script.yaml"
    text = script.read_text("utf-8").replace('"موسی": "موسى"', '"موسی": "موسی"')
    script.write_text(text, "utf-8")
    with pytest.raises(RulesError, match=r"script\.yaml: words: 'موسی'"):
        load_rules(folder)
