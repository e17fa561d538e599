"""Load rules/text.yaml: the word lists that find names in running text (the only reader of it).

Kept apart from `Rules` so the name matcher's tables and the extractor's can change separately;
the extractor takes both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from namefold.errors import RulesError
from namefold.rules import RULES_DIR, _read, _unique


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity, like Rules
class TextRules:
    """Word lists for extraction, lowercase, validated."""

    titles: tuple[tuple[str, ...], ...]  # longest first
    honorifics: frozenset[str]
    demonyms: frozenset[str]
    calendar: frozenset[str]
    function_words: frozenset[str]
    organisation_cues: frozenset[str]
    organisation_joiners: frozenset[str]
    english_articles: frozenset[str]
    alias_cues: tuple[str, ...]  # longest first
    not_names: frozenset[str]  # with the places list merged in
    given_names: tuple[str, ...]
    headline_share: float
    teaser_words: int  # a sentence this short between two headlines is page noise
    title_abbreviations: frozenset[str]  # "Gen. Ali": a full stop after these does not end a sentence
    titles_inside_names: frozenset[str]  # Ahmed Mulla Talal: never split a run at these
    place_cues: frozenset[str]
    place_prepositions: frozenset[str]
    body_cues: frozenset[str]  # organisation cues of state bodies and outlets: not reported
    organisation_cues_after: frozenset[str]  # lowercase words after a name that make it an organisation
    outlet_words_after: frozenset[str]  # words after a name that make it an outlet's: not reported
    organisations: tuple[tuple[str, ...], ...]  # each the names of one organisation, as _org_key writes them
    organisation_acronyms: frozenset[str]  # the acronyms among them, in capitals
    possessive_inside_names: frozenset[str]  # People's Protection Units: 's does not end the name
    name_joiners: frozenset[str]  # lowercase inner parts of a hyphenated name (Takht-e-Ravanchi)
    given_name_endings: tuple[str, ...]
    word_prefixes: frozenset[str]  # ex-, pro-, anti- before a name in one word: not the name's
    headline_verbs: frozenset[str]  # in a title line a name ends before one of these
    wrap_min_chars: int
    wrap_max_chars: int


def _words(path: Path, field: str, value: Any) -> list[str]:
    if not isinstance(value, list):
        raise RulesError(f"{path}: {field}: expected a list")
    words = _unique(path, field, value)
    for word in words:
        if word != word.lower() or not word.strip():
            raise RulesError(f"{path}: {field}: {word!r} must be lowercase and not empty")
    return words


def org_key(name: str) -> str:
    """How listed organisations are compared: lowercase but acronyms, hyphens as spaces, no apostrophes."""
    name = name if name.isupper() else name.lower()
    return " ".join(name.translate(_ORG_KEY).split())


_ORG_KEY = str.maketrans({"-": " ", "'": None, "\u2019": None, "\u2018": None})


def _organisations(path: Path, value: Any) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list) or not all(isinstance(g, list) and g for g in value):
        raise ValueError("organisations: expected a list of lists of names")
    seen: set[str] = set()
    groups = []
    for group in value:
        names = []
        for name in group:
            if not isinstance(name, str) or not name.strip() or (name != name.lower() and not name.isupper()):
                raise ValueError(f"organisations: {name!r} must be lowercase, or an acronym in capitals")
            key = org_key(name)
            if key in seen:
                raise RulesError(f"{path}: organisations: {name!r} is listed twice")
            seen.add(key)
            names.append(key)
        groups.append(tuple(names))
    return tuple(groups)


def _subset(path: Path, field: str, value: Any, of: Any) -> frozenset[str]:
    words = frozenset(_words(path, field, value))
    outside = sorted(words - set(of))
    if outside:
        raise ValueError(f"{field}: {outside[0]!r} is not an organisation cue")
    return words


def _count(value: Any, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{field} {value!r} is not a whole number >= 0")
    return value


def _phrases(items: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(t.split()) for t in items), key=lambda t: (-len(t), t)))


def load_text_rules(path: Path = RULES_DIR / "text.yaml") -> TextRules:
    """Read and validate the extraction word lists."""
    data = _read(path)
    try:
        share = float(data["headline"]["capitalised_share"])
        if not 0.0 < share <= 1.0:
            raise ValueError(f"headline capitalised_share {share} is not in (0, 1]")
        teaser = data["headline"]["teaser_words"]
        if not isinstance(teaser, int) or isinstance(teaser, bool) or teaser < 0:
            raise ValueError(f"headline teaser_words {teaser!r} is not a whole number >= 0")
        places = _words(path, "places", data["places"])
        return TextRules(
            titles=_phrases(_words(path, "titles", data["titles"])),
            honorifics=frozenset(_words(path, "honorifics", data["honorifics"])),
            demonyms=frozenset(_words(path, "demonyms", data["demonyms"])),
            calendar=frozenset(_words(path, "calendar", data["calendar"])),
            function_words=frozenset(_words(path, "function_words", data["function_words"])),
            organisation_cues=frozenset(_words(path, "organisation_cues", data["organisation_cues"])),
            organisation_joiners=frozenset(
                _words(path, "organisation_joiners", data["organisation_joiners"])
            ),
            english_articles=frozenset(_words(path, "english_articles", data["english_articles"])),
            alias_cues=tuple(
                sorted(_words(path, "alias_cues", data["alias_cues"]), key=lambda c: (-len(c), c))
            ),
            not_names=frozenset(_words(path, "not_names", data["not_names"])) | frozenset(places),
            given_names=tuple(_words(path, "given_names", data["given_names"])),
            headline_share=share,
            teaser_words=teaser,
            title_abbreviations=frozenset(_words(path, "title_abbreviations", data["title_abbreviations"])),
            titles_inside_names=frozenset(_words(path, "titles_inside_names", data["titles_inside_names"])),
            place_cues=frozenset(_words(path, "place_cues", data["place_cues"])),
            place_prepositions=frozenset(_words(path, "place_prepositions", data["place_prepositions"])),
            body_cues=_subset(path, "body_cues", data["body_cues"], data["organisation_cues"]),
            organisation_cues_after=frozenset(
                _words(path, "organisation_cues_after", data["organisation_cues_after"])
            ),
            outlet_words_after=frozenset(_words(path, "outlet_words_after", data["outlet_words_after"])),
            organisations=_organisations(path, data["organisations"]),
            organisation_acronyms=frozenset(
                n for group in data["organisations"] for n in group if n.isupper()
            ),
            possessive_inside_names=frozenset(
                _words(path, "possessive_inside_names", data["possessive_inside_names"])
            ),
            name_joiners=frozenset(_words(path, "name_joiners", data["name_joiners"])),
            given_name_endings=tuple(_words(path, "given_name_endings", data["given_name_endings"])),
            word_prefixes=frozenset(_words(path, "word_prefixes", data["word_prefixes"])),
            headline_verbs=frozenset(_words(path, "headline_verbs", data["headline_verbs"])),
            wrap_min_chars=_count(data["wrap_min_chars"], "wrap_min_chars"),
            wrap_max_chars=_count(data["wrap_max_chars"], "wrap_max_chars"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RulesError(f"{path}: malformed rule table: {exc!r}") from None


@cache
def default_text_rules() -> TextRules:
    """The shipped extraction rules, loaded once."""
    return load_text_rules()
