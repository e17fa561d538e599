"""Solr synonyms: one line per entity, folded like the analyser, special characters escaped."""

from __future__ import annotations

import random

from namefold.model import Cluster, Member, Resolution
from namefold.synonyms import HEADER, fold, solr_synonyms, to_solr


def cluster(cid: str, canonical: str, *names: str) -> Cluster:
    members = tuple(sorted((Member(n, 1) for n in {canonical, *names}), key=lambda m: m.name))
    return Cluster(cid, canonical, members)


KAZEMI = cluster("kazemi", "Mustafa al-Kadhimi", "Mustafa Al-Kazemi", "Muṣṭafā al-Kāẓimī")
ALONE = cluster("alone", "Hafez al-Assad")
ABBAS = cluster("abbas", "Mahmoud Abbas", "ABBAS, Mahmoud")


def lines(text: str) -> list[str]:
    assert text.startswith(HEADER)
    return text[len(HEADER) :].splitlines()


def test_equivalence_lines_are_lowercase_without_diacritics_and_sorted() -> None:
    assert lines(to_solr(Resolution((KAZEMI,)))) == [
        "mustafa al-kadhimi, mustafa al-kazemi, mustafa al-kazimi"
    ]


def test_mapping_lines_rewrite_every_other_spelling_to_the_canonical() -> None:
    text = to_solr(Resolution((KAZEMI,)), mapping=True)
    assert lines(text) == ["mustafa al-kazemi, mustafa al-kazimi => mustafa al-kadhimi"]


def test_keep_case_keeps_case_but_still_removes_diacritics() -> None:
    text = to_solr(Resolution((KAZEMI,)), keep_case=True)
    assert lines(text) == ["Mustafa Al-Kazemi, Mustafa al-Kadhimi, Mustafa al-Kazimi"]


def test_an_entity_whose_spellings_all_fold_alike_gets_no_line() -> None:
    same = cluster("x", "Yasser Arafat", "YASSER ARAFAT", "Yasser  Arafat")
    assert lines(to_solr(Resolution((ALONE, same)))) == []
    assert lines(to_solr(Resolution((ALONE, same)), mapping=True)) == []
    assert lines(to_solr(Resolution((same,)), keep_case=True)) == ["YASSER ARAFAT, Yasser Arafat"]


def test_multi_word_names_stay_one_phrase_with_single_spaces() -> None:
    spaced = cluster("b", "Abu Bakr al-Baghdadi", "Abu  Bakr\tal-Bagdadi\n")
    assert lines(to_solr(Resolution((spaced,)))) == ["abu bakr al-bagdadi, abu bakr al-baghdadi"]


def test_a_comma_in_a_name_is_escaped_not_a_separator() -> None:
    assert lines(to_solr(Resolution((ABBAS,)))) == ["abbas\\, mahmoud, mahmoud abbas"]


def test_an_arrow_in_a_name_is_escaped_not_a_mapping() -> None:
    arrow = cluster("a", "Ali => Hasan", "Ali Hasan")
    assert lines(to_solr(Resolution((arrow,)))) == ["ali \\=> hasan, ali hasan"]
    assert lines(to_solr(Resolution((arrow,)), mapping=True)) == ["ali hasan => ali \\=> hasan"]


def test_a_leading_hash_is_escaped_so_the_line_is_not_a_comment() -> None:
    hashed = cluster("h", "#Ali", "Ali")
    assert lines(to_solr(Resolution((hashed,)))) == ["\\#ali, ali"]


def test_backslashes_and_quotes_survive() -> None:
    odd = cluster("q", 'Ali "the Elder"', "Ali\\Hasan")
    assert lines(to_solr(Resolution((odd,)))) == ['ali "the elder", ali\\\\hasan']


def test_arabic_script_keeps_its_letters_and_loses_only_its_vowel_marks() -> None:
    marked = cluster("q", "القذافي", "القَذّافي")
    assert fold("القَذّافي") == "القذافي"
    assert lines(to_solr(Resolution((marked,)))) == []


def solr_split(line: str, separator: str) -> list[str]:
    """Lucene's SolrSynonymParser.split and unescape, transcribed: a backslash takes the next char."""
    parts, current, i = [], "", 0
    while i < len(line):
        if line.startswith(separator, i):
            if current:
                parts.append(current)
            current, i = "", i + len(separator)
            continue
        if line[i] == "\\" and i + 1 < len(line):
            current += line[i : i + 2]
            i += 2
            continue
        current += line[i]
        i += 1
    if current:
        parts.append(current)
    return parts


def unescape(entry: str) -> str:
    out, i = "", 0
    while i < len(entry):
        if entry[i] == "\\" and i + 1 < len(entry):
            i += 1
        out += entry[i]
        i += 1
    return out.strip()


def test_a_solr_parser_reads_back_every_name_as_folded() -> None:
    names = ["Ali, Hasan", "A => B", "#1 Ali", "back\\slash", 'say "hi"', "Ali Hasan"]
    result = Resolution((cluster("odd", names[-1], *names),))
    (line,) = lines(to_solr(result))
    assert "=>" not in line.replace("\\=>", "")
    assert sorted(unescape(e) for e in solr_split(line, ",")) == sorted(fold(n) for n in names)
    (mapped,) = lines(to_solr(result, mapping=True))
    left, right = solr_split(mapped, "=>")
    assert unescape(right) == "ali hasan"
    assert sorted(unescape(e) for e in solr_split(left, ",")) == sorted(fold(n) for n in names[:-1])


def test_cluster_and_member_order_do_not_change_the_bytes() -> None:
    clusters = [KAZEMI, ABBAS, ALONE]
    expected = to_solr(Resolution(tuple(clusters)))
    random.Random(7).shuffle(clusters)
    shuffled = [Cluster(c.id, c.canonical, tuple(reversed(c.members))) for c in clusters]
    assert to_solr(Resolution(tuple(shuffled))) == expected
    assert lines(expected)[0].startswith("abbas")


def test_a_spelling_of_two_entities_is_on_neither_line() -> None:
    # Kept apart (not_same_as) although the analyser cannot tell their spellings apart.
    first = cluster("ali-hasan", "Ali Hasan", "Ali Hassan", "ʿAli Hasan")
    second = cluster("ali-hasan-2", "ALI HASAN", "Ali Hasen")
    # A canonical that is also a spelling of another entity.
    third = cluster("omar", "Omar Khalil", "Omar Kalil", "Ali Hassan")
    result = Resolution((first, second, third))
    text, dropped = solr_synonyms(result)
    assert dropped == ("ali hasan", "ali hassan")
    assert lines(text) == ["omar kalil, omar khalil"]
    assert lines(to_solr(result)) == lines(text)
    mapped, dropped = solr_synonyms(result, mapping=True)
    assert lines(mapped) == ["omar kalil => omar khalil"] and dropped == ("ali hasan", "ali hassan")


def test_ayn_and_hamza_signs_are_folded_away() -> None:
    assert fold("\u02bfAbd al-Ḥakīm \u02beAmr") == "abd al-hakim amr"
