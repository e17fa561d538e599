"""Load the rule tables in rules/*.yaml: the only code that reads them.

Every stage takes a `Rules` so tests can build tiny rule sets; `default_rules()` loads the shipped
tables once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import product
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from namefold.errors import RulesError

RULES_DIR = Path(__file__).parent / "rules"


@dataclass(frozen=True, slots=True)
class DiphthongSplit:
    """A diphthong symbol that may be spelt as one of `first` followed by one of `second`."""

    first: frozenset[str]
    second: frozenset[str]
    cost: float


@dataclass(frozen=True, slots=True, eq=False)
class OrgRules:
    """The organisation tables of orgs.yaml, indexed for namefold.orgs."""

    types: Mapping[str, str]  # a type column's value -> person / organisation
    forms: Mapping[tuple[str, ...], str]  # a legal form's folded words -> its symbol
    longest_form: int  # words in the longest legal form
    not_cues: frozenset[tuple[str, ...]]  # legal forms that do not make a name an organisation's
    cues: frozenset[str]
    cue_endings: tuple[str, ...]
    same_words: Mapping[str, str]  # a word of the tables -> the first spelling of its list
    generic: Mapping[str, str]  # a generic word -> its class (the first word of its list)
    stop_words: frozenset[str]
    articles: frozenset[str]  # besides the people's articles
    ordinal: re.Pattern[str]  # a number's ordinal ending (558th), to drop
    plural_endings: tuple[tuple[str, str], ...]  # (plural ending, singular ending), longest first
    plural_min_length: int
    plural_not_after: frozenset[str]


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: stages cache per Rules
class Rules:
    """All rule tables, validated and indexed for the stages that use them."""

    graphemes: tuple[tuple[str, str], ...]  # longest first
    before_vowel: tuple[tuple[str, str], ...]  # longest first; only where a vowel follows
    diphthongs: tuple[tuple[str, str], ...]  # longest first; only where no vowel follows
    vowels: frozenset[str]
    glides: frozenset[str]
    substitutions: Mapping[tuple[str, str], float]  # both orders present
    indels: Mapping[str, float]
    diphthong_splits: Mapping[str, DiphthongSplit]
    skeleton: Mapping[str, str]  # symbol -> class letter
    alternatives: Mapping[str, tuple[str, ...]]  # symbol -> other classes ("" = silent)
    articles: frozenset[str]
    fused_article_prefixes: tuple[str, ...]
    fused_article_min_rest: int
    fused_article_not_split: frozenset[str]
    abd_words: frozenset[str]
    abd_fused: tuple[str, ...]  # longest first
    abd_fused_assimilated: tuple[str, ...]  # longest first; the next letter must repeat the last
    abd_min_rest: int
    abd_allah: frozenset[str]
    abd_allah_stems: frozenset[str]
    kunya: Mapping[str, str]  # word -> abu / umm
    kunya_fused_with_article: Mapping[str, str]  # abul -> abu
    nasab: frozenset[str]
    abbreviations: Mapping[str, str]  # mohd -> muhammad
    compound_second: Mapping[str, str]  # spelling -> compared form
    compound_fused: tuple[tuple[str, str], ...]  # (ending, compared form), longest first
    compound_allah: frozenset[str]  # Allah as the second word of a compound
    devotional_first: tuple[str, ...]  # a leading name that may be left out
    devotional_not_before: frozenset[str]  # ... unless it begins a compound given name with these
    titles: tuple[tuple[str, ...], ...]  # longest first
    generations: Mapping[str, str]  # jr, junior ... after a name -> the generation it marks
    joined_prefixes: frozenset[str]  # McDonald: a capital after these does not start a new word
    particles: frozenset[str]  # articles, nasab, kunya and Abd words: never a syllable of a name
    common_names: tuple[str, ...]  # the commonest name parts, spelt once each
    rarity: Mapping[str, float]  # prior_names, common_share, rare_share, min_partial_bits
    endings: tuple[tuple[str, str], ...]  # (word ending, the spelling it folds to), longest first
    ending_min_rest: int  # letters a word keeps before an ending that is folded
    suffix_min_rest: int  # letters a word keeps before a suffix that makes another name
    cultures: Mapping[str, str]  # "a~b" of a culture's rule (symbols) or ending -> its tag ("ru")
    name_forms: Mapping[str, tuple[str, int]]  # a form of a name -> (culture, its group)
    suffixes: tuple[
        tuple[str, str, int], ...
    ]  # (suffix, culture, group) that makes another name, longest first
    script: Mapping[str, str]  # Arabic-script character -> Latin
    script_words: Mapping[str, str]  # Arabic-script word -> the spelling its letters are read in
    marks: re.Pattern[str]  # ʿayn, hamza and apostrophes, removed inside words
    separators: re.Pattern[str]  # runs of spaces and punctuation between words
    orgs: OrgRules

    def sub_cost(self, a: str, b: str) -> float:
        """Cost of spelling symbol a where the other name has b."""
        if a == b:
            return 0.0
        cost = self.substitutions.get((a, b))
        if cost is not None:
            return cost
        if a in self.vowels and b in self.vowels:
            return self.indels["vowel_change"]
        return self.indels["default"]


def _read(path: Path) -> dict[str, Any]:
    try:
        data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except (OSError, YAMLError, RecursionError) as exc:
        raise RulesError(f"{path}: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise RulesError(f"{path}: expected a mapping at the top level")
    return data


def _unique(path: Path, field: str, items: Iterable[Any]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise RulesError(f"{path}: {field}: {item!r} is not a string")
        if item in seen:
            raise RulesError(f"{path}: {field}: {item!r} is listed twice")
        seen.append(item)
    return seen


def _longest_first(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(items, key=lambda s: (-len(s), s)))


def _longest_first_items(table: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple((key, str(table[key])) for key in _longest_first(table))


def load_rules(directory: Path = RULES_DIR) -> Rules:
    """Read and validate letters.yaml, names.yaml, script.yaml, orgs.yaml and cultures/*.yaml."""
    letters_path, names_path, script_path, orgs_path = (
        directory / f for f in ("letters.yaml", "names.yaml", "script.yaml", "orgs.yaml")
    )
    letters, names, script = _read(letters_path), _read(names_path), _read(script_path)
    orgs = _read(orgs_path)
    try:
        cultures: dict[str, str] = {}
        for path in sorted((directory / "cultures").glob("*.yaml")):
            _add_culture(path, _read(path), letters, names, script, cultures)
        return _build(
            letters_path,
            letters,
            names_path,
            names,
            script_path,
            script,
            cultures,
            _org_rules(orgs_path, orgs),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RulesError(f"{directory}: malformed rule table: {exc!r}") from None


def _add_culture(
    path: Path,
    culture: dict[str, Any],
    letters: dict[str, Any],
    names: dict[str, Any],
    script: dict[str, Any],
    tags: dict[str, str],
) -> None:
    """Add one culture's rules to the base tables, and remember which rules are its own."""
    tag = str(culture["culture"])
    known = {"culture", "graphemes", "diphthongs", "letters", "splits", "substitutions", "endings"}
    unknown = set(culture) - known - {"classes", "alternatives", "titles", "name_forms", "suffixes"}
    if unknown:
        raise RulesError(f"{path}: unknown section {sorted(unknown)[0]!r}")
    for section, base in (
        ("graphemes", letters["graphemes"]),
        ("diphthongs", letters["diphthongs"]),
        ("letters", script["letters"]),
        ("endings", letters.setdefault("endings", {})),
    ):
        for spelling, sound in culture.get(section, {}).items():
            if spelling in base and base[spelling] != sound:
                raise RulesError(f"{path}: {section}: {spelling!r} is read otherwise in another table")
            base[spelling] = sound
            if section == "endings":
                tags[f"-{spelling}~-{sound}"] = tags[f"-{sound}~-{spelling}"] = tag
    for symbol, spec in culture.get("splits", {}).items():
        base = letters["diphthong_splits"].setdefault(
            symbol, {"first": [], "second": [], "cost": spec["cost"]}
        )
        if float(base["cost"]) != float(spec["cost"]):
            raise RulesError(f"{path}: splits: {symbol!r} costs otherwise in another table")
        base["first"] = [*base["first"], *spec["first"]]
        base["second"] = [*base["second"], *spec["second"]]
        for first in spec["first"]:
            for second in spec["second"]:
                tags[f"{symbol}~{first}{second}"] = tags[f"{first}{second}~{symbol}"] = tag
    letters["substitutions"] = [*letters["substitutions"], *culture.get("substitutions", [])]
    for a, b, _ in culture.get("substitutions", []):
        tags[f"{a}~{b}"] = tags[f"{b}~{a}"] = tag
    for cls, members in culture.get("classes", {}).items():
        classes = letters["skeleton"]["classes"]
        classes[cls] = [*classes.get(cls, []), *members]
    for symbol, classes in culture.get("alternatives", {}).items():
        alternatives = letters["skeleton"]["alternatives"]
        alternatives[symbol] = [*alternatives.get(symbol, []), *classes]
    names["titles"] = [*names["titles"], *culture.get("titles", [])]
    suffixes = names.setdefault("suffix_groups", [])
    suffixes += [(tag, _unique(path, "suffixes", group)) for group in culture.get("suffixes", [])]
    groups = names.setdefault("name_form_groups", [])
    groups += [(tag, _unique(path, "name_forms", group)) for group in culture.get("name_forms", [])]


_FOLDED = re.compile(r"[a-z0-9|]+( [a-z0-9|]+)*")


def _spellings(path: Path, field: str, items: Iterable[Any]) -> list[tuple[str, ...]]:
    """Folded spellings as word tuples, each "a|b" alternative expanded; a spelling twice is an error."""
    found: list[tuple[str, ...]] = []
    for item in _unique(path, field, items):
        if not _FOLDED.fullmatch(item):
            raise RulesError(f"{path}: {field}: {item!r} is not folded (lowercase ASCII words, spaces)")
        for words in product(*(w.split("|") for w in item.split())):
            if words in found:
                raise RulesError(f"{path}: {field}: {' '.join(words)!r} is listed twice")
            found.append(words)
    return found


def _first_of_group(path: Path, field: str, data: dict[str, Any]) -> dict[str, str]:
    """Each word of a table of word groups -> the first word of its group; a word twice is an error."""
    found: dict[str, str] = {}
    for words in data[field]:
        for word in _unique(path, field, words):
            if word in found:
                raise RulesError(f"{path}: {field}: {word!r} is listed twice")
            found[word] = str(words[0])
    return found


def _org_rules(path: Path, data: dict[str, Any]) -> OrgRules:
    types: dict[str, str] = {}
    for kind, values in data["types"].items():
        for value in _unique(path, f"types {kind}", values):
            if value in types:
                raise RulesError(f"{path}: types: {value!r} is listed twice")
            types[value] = str(kind)
    forms: dict[tuple[str, ...], str] = {}
    for symbol, spellings in data["legal_forms"].items():
        for words in _spellings(path, f"legal_forms {symbol}", spellings):
            if words in forms:
                raise RulesError(f"{path}: legal_forms: {' '.join(words)!r} is listed twice")
            forms[words] = str(symbol)
    not_cues = frozenset(_spellings(path, "not_cues", data["not_cues"]))
    unknown = sorted(not_cues - forms.keys())
    if unknown:
        raise RulesError(f"{path}: not_cues: {' '.join(unknown[0])!r} is not a legal form")
    same_words, generic = _first_of_group(path, "same_words", data), _first_of_group(path, "generic", data)
    return OrgRules(
        types=types,
        forms=forms,
        longest_form=max(map(len, forms), default=0),
        not_cues=not_cues,
        cues=frozenset(_unique(path, "cues", data["cues"])),
        cue_endings=tuple(_unique(path, "cue_endings", data["cue_endings"])),
        same_words=same_words,
        generic=generic,
        stop_words=frozenset(_unique(path, "stop_words", data["stop_words"])),
        articles=frozenset(_unique(path, "articles", data["articles"])),
        ordinal=re.compile(
            r"(?<=\d)(" + "|".join(_unique(path, "ordinal_endings", data["ordinal_endings"])) + ")$"
        ),
        plural_endings=tuple(
            sorted(((str(p), str(s)) for p, s in data["plural"]["endings"]), key=lambda e: (-len(e[0]), e))
        ),
        plural_min_length=int(data["plural"]["min_length"]),
        plural_not_after=frozenset(_unique(path, "plural not_after", data["plural"]["not_after"])),
    )


def _build(
    letters_path: Path,
    letters: dict[str, Any],
    names_path: Path,
    names: dict[str, Any],
    script_path: Path,
    script: dict[str, Any],
    cultures: Mapping[str, str],
    orgs: OrgRules,
) -> Rules:
    vowels = frozenset(_unique(letters_path, "vowels", letters["vowels"]))
    glides = frozenset(_unique(letters_path, "glides", letters["glides"]))
    symbols = (
        set(letters["graphemes"].values())
        | set(letters["diphthongs"].values())
        | vowels
        | glides
        | set("abcdefghijklmnopqrstuvwxyz")
    )
    substitutions: dict[tuple[str, str], float] = {}
    for a, b, cost in letters["substitutions"]:
        for pair in ((a, b), (b, a)):
            if pair in substitutions:
                raise RulesError(f"{letters_path}: substitutions: {a}~{b} is listed twice")
            substitutions[pair] = float(cost)
        unknown = {a, b} - symbols
        if unknown:
            raise RulesError(f"{letters_path}: substitutions: unknown symbol {sorted(unknown)[0]!r}")
    skeleton: dict[str, str] = {}
    for cls, members in letters["skeleton"]["classes"].items():
        for symbol in _unique(letters_path, f"skeleton {cls}", members):
            if symbol in skeleton:
                raise RulesError(f"{letters_path}: skeleton: {symbol!r} is in two classes")
            skeleton[symbol] = cls
    alternatives = {
        symbol: tuple(_unique(letters_path, f"alternatives {symbol}", alts))
        for symbol, alts in letters["skeleton"]["alternatives"].items()
    }
    kunya: dict[str, str] = {}
    for prefix, words in names["kunya"]["words"].items():
        for word in _unique(names_path, f"kunya {prefix}", words):
            kunya[word] = prefix
    fused_kunya = {str(k): str(v) for k, v in names["kunya"]["fused_with_article"].items()}
    titles = _unique(names_path, "titles", names["titles"])
    return Rules(
        graphemes=_longest_first_items(letters["graphemes"]),
        before_vowel=_longest_first_items(letters["before_vowel"]),
        diphthongs=_longest_first_items(letters["diphthongs"]),
        vowels=vowels,
        glides=glides,
        substitutions=substitutions,
        indels={k: float(v) for k, v in letters["indels"].items()},
        diphthong_splits={
            str(symbol): DiphthongSplit(
                frozenset(spec["first"]), frozenset(spec["second"]), float(spec["cost"])
            )
            for symbol, spec in letters["diphthong_splits"].items()
        },
        skeleton=skeleton,
        alternatives=alternatives,
        articles=frozenset(_unique(names_path, "articles", names["articles"])),
        fused_article_prefixes=_longest_first(names["fused_article"]["prefixes"]),
        fused_article_min_rest=int(names["fused_article"]["min_rest"]),
        fused_article_not_split=frozenset(
            _unique(names_path, "fused_article not_split", names["fused_article"]["not_split"])
        ),
        abd_words=frozenset(_unique(names_path, "abd words", names["abd"]["words"])),
        abd_fused=_longest_first(_unique(names_path, "abd fused", names["abd"]["fused"])),
        abd_fused_assimilated=_longest_first(
            _unique(names_path, "abd fused_assimilated", names["abd"]["fused_assimilated"])
        ),
        abd_min_rest=int(names["abd"]["min_rest"]),
        abd_allah=frozenset(_unique(names_path, "abd allah", names["abd"]["allah"])),
        abd_allah_stems=frozenset(_unique(names_path, "abd allah_stems", names["abd"]["allah_stems"])),
        kunya=kunya,
        kunya_fused_with_article=fused_kunya,
        nasab=frozenset(_unique(names_path, "nasab", names["nasab"])),
        abbreviations={str(k): str(v) for k, v in names["abbreviations"].items()},
        compound_second={str(k): str(v) for k, v in names["compound_second"].items()},
        compound_fused=_longest_first_items(names["compound_fused"]),
        compound_allah=frozenset(_unique(names_path, "compound_allah", names["compound_allah"])),
        devotional_first=tuple(_unique(names_path, "devotional_first", names["devotional_first"])),
        devotional_not_before=frozenset(
            _unique(names_path, "devotional_not_before", names["devotional_not_before"])
        ),
        titles=tuple(sorted((tuple(t.split()) for t in titles), key=lambda t: (-len(t), t))),
        particles=frozenset(names["articles"])
        | frozenset(names["nasab"])
        | frozenset(kunya)
        | frozenset(names["abd"]["words"]),
        generations={str(k): str(v) for k, v in names["generations"].items()},
        joined_prefixes=frozenset(_unique(names_path, "joined_prefixes", names["joined_prefixes"])),
        common_names=tuple(_unique(names_path, "rarity common", names["rarity"]["common"])),
        rarity={k: float(v) for k, v in names["rarity"].items() if k != "common"},
        endings=_longest_first_items(letters.get("endings", {})),
        ending_min_rest=int(letters["ending_min_rest"]),
        suffix_min_rest=int(letters["suffix_min_rest"]),
        cultures=dict(cultures),
        suffixes=tuple(
            sorted(
                (
                    (suffix, tag, i)
                    for i, (tag, group) in enumerate(names.get("suffix_groups", []))
                    for suffix in group
                ),
                key=lambda s: (-len(s[0]), s[0]),
            )
        ),
        name_forms={
            word: (tag, i)
            for i, (tag, group) in enumerate(names.get("name_form_groups", []))
            for word in group
        },
        script={str(k): str(v) for k, v in script["letters"].items()},
        script_words=_script_words(script_path, script["words"]),
        marks=re.compile("[" + re.escape("".join(script["marks"])) + "]"),
        separators=re.compile(r"[\s" + re.escape("".join(script["separators"])) + "]+"),
        orgs=orgs,
    )


def _script_words(path: Path, words: dict[str, Any]) -> dict[str, str]:
    """Whole-word respellings; one that changes nothing or is not one word is a mistake in the table."""
    found: dict[str, str] = {}
    for word, reading in words.items():
        if not isinstance(word, str) or not isinstance(reading, str):
            raise RulesError(f"{path}: words: {word!r}: {reading!r} must be two strings")
        if word == reading or not word.strip() or len(word.split()) != 1 or len(reading.split()) != 1:
            raise RulesError(f"{path}: words: {word!r}: {reading!r} must be two different single words")
        found[word] = reading
    return found


@cache
def known_spellings(rules: Rules) -> frozenset[str]:
    """The words the rule tables spell (Muhammad, Abdullah, Aleksandr): the usual spellings."""
    words = {w for name in rules.common_names for w in re.findall(r"[a-z]+", name)}
    return frozenset(words | set(rules.name_forms))


@cache
def default_rules() -> Rules:
    """The shipped rule tables, loaded once."""
    return load_rules()
