"""Stage 1: text -> Name. Unicode, script, case, marks, titles, articles and name structure.

The contract: `parse_name` never fails on a string; it returns a Name whose elements carry roles,
and parsing the Name's `normalized` form again gives the same elements (idempotent).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

from unidecode import unidecode

from namefold.model import Element, Name, Role
from namefold.rules import Rules

# English possessive: Kadhimi's. Any apostrophe-like mark before a final s.
_POSSESSIVE = re.compile(r"(?<=\w)\W[sS]$")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


@lru_cache(maxsize=200_000)
def to_ascii(word: str, rules: Rules) -> str:
    """Lowercase ASCII letters of one word: Arabic script by namefold's table, the rest by unidecode.

    A whole Arabic-script word the table respells (Persian مصطفی, whose final ی is alef maqsura)
    is read in that spelling first.

    >>> from namefold.rules import default_rules
    >>> to_ascii("Jazaïry", default_rules()), to_ascii("كاظم", default_rules())
    ('jazairy', 'kadhm')
    """
    out: list[str] = []
    consonant = -1  # where in `out` the last letter (not a vowel sign) stands
    written = unicodedata.normalize("NFKC", rules.marks.sub("", word))
    for char in rules.script_words.get(written, written):
        latin = rules.script.get(char)
        if latin is None:
            out.append(unidecode(char))
            consonant = len(out) - 1
        elif latin == "~":  # shadda doubles the letter before it, even after a vowel sign (NFKC order)
            if consonant >= 0:
                out.insert(consonant + 1, out[consonant])
                consonant += 1
        else:
            out.append(latin)
            if not unicodedata.combining(char):
                consonant = len(out) - 1
    return re.sub(r"[^a-z]", "", "".join(out).lower())


def _words(text: str, rules: Rules) -> list[str]:
    text = unicodedata.normalize("NFKC", text).strip()
    if text.count(",") == 1:  # "SURNAME, Given" as in sanctions lists, not "King, Jr."
        surname, given = text.split(",")
        generation = to_ascii(given, rules) in rules.generations
        text = f"{surname} {given}" if generation else f"{given} {surname}"
    text = _SYLLABLES.sub(lambda m: _syllables(m, rules), text)
    words = [_POSSESSIVE.sub("", w) for w in rules.separators.split(text)]
    return [part for w in words if w for part in _unjoined(w, rules)]


# Two words joined by a hyphen, the second in small letters: the syllables of one name in Chinese
# and Korean (Jong-un, Tse-tung), or a compound (Ahmadi-nejad); not an article or Abd (al-Kazemi).
_SYLLABLES = re.compile(r"([^\W\d_]+)[-\u2010\u2011]([a-z\u00df-\u00ff][^\W\d_]*)")


def _syllables(found: re.Match[str], rules: Rules) -> str:
    first, second = found.group(1), found.group(2)
    article_after = to_ascii(second, rules) in rules.particles and _WORD_AFTER.match(
        found.string, found.end()
    )
    if to_ascii(first, rules) in rules.particles or article_after:  # al-Kazemi, Nur-al-Din
        return found.group(0)
    return first + second


_WORD_AFTER = re.compile(r"[\s\-\u2010\u2011]+[^\W\d_]")


def _unjoined(word: str, rules: Rules) -> list[str]:
    """A word run together from two (SergeiLavrov), split where a small letter meets a capital,
    unless what stands before is a prefix written so (McDonald, MacArthur)."""
    parts: list[str] = []
    start = 0
    for found in re.finditer(r"(?<=[a-z\u00df-\u00ff])(?=[A-Z\u00c0-\u00de])", word):
        head = word[start : found.start()]
        if head.casefold() not in rules.joined_prefixes:
            parts.append(head)
            start = found.start()
    parts.append(word[start:])
    return parts


@lru_cache(maxsize=8)
def _titles_by_first(rules: Rules) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The titles by their first word, in the rule table's order (longest first)."""
    found: dict[str, tuple[tuple[str, ...], ...]] = {}
    for title in rules.titles:
        found[title[0]] = (*found.get(title[0], ()), title)
    return found


def _strip_titles(
    words: list[str], lowered: list[str], rules: Rules
) -> tuple[list[str], list[str], list[str]]:
    titles: list[str] = []
    by_first = _titles_by_first(rules)
    stripped = True
    while stripped and lowered:
        stripped = False
        for title in by_first.get(lowered[0], ()):
            n = len(title)
            if len(lowered) > n and tuple(lowered[:n]) == title:
                titles.append(" ".join(words[:n]))
                words, lowered = words[n:], lowered[n:]
                stripped = True
                break
    return words, lowered, titles


@lru_cache(maxsize=200_000)
def _split_fused(token: str, rules: Rules) -> tuple[str, str, str, str]:
    """Split one word into (prefix, article, stem, suffix): Abdulwahab, Alkazemi, Nureddine."""
    if token in rules.abd_allah:
        return "abd", "", "allah", ""
    prefix = article = suffix = ""
    for fused in rules.abd_fused_assimilated:
        rest = token[len(fused) :]
        if token.startswith(fused) and len(rest) >= rules.abd_min_rest and rest[0] == fused[-1]:
            prefix, token = "abd", rest
            break
    else:
        for fused in rules.abd_fused:
            rest = token[len(fused) :]
            if token.startswith(fused) and len(rest) >= rules.abd_min_rest:
                prefix, token = "abd", rest
                break
    if not prefix:
        for fused, kunya in rules.kunya_fused_with_article.items():
            rest = token[len(fused) :]
            if token.startswith(fused) and len(rest) >= rules.abd_min_rest:
                prefix, article, token = kunya, "al", rest
                break
    if not article and token not in rules.fused_article_not_split and token not in rules.name_forms:
        for fused in rules.fused_article_prefixes:
            rest = token[len(fused) :]
            if (
                token.startswith(fused)
                and len(rest) >= rules.fused_article_min_rest
                and rest[0] not in rules.vowels
            ):
                article, token = fused, rest
                break
    for ending, compared in rules.compound_fused:
        if token.endswith(ending) and len(token) - len(ending) >= 2:
            token, suffix = token[: -len(ending)], compared
            break
    return prefix, article, fold_ending(token, rules)[0], suffix


@lru_cache(maxsize=200_000)
def fold_ending(word: str, rules: Rules) -> tuple[str, str]:
    """The word with an ending that romanisations spell differently folded to one spelling, and the
    ending it had ("" if none): Navalnyy -> Navalny, Smirnow -> Smirnov.

    >>> from namefold.rules import default_rules
    >>> fold_ending("navalnyy", default_rules()), fold_ending("ali", default_rules())
    (('navalny', 'yy'), ('ali', ''))
    """
    for ending, folded in rules.endings:
        if word.endswith(ending) and len(word) - len(ending) >= rules.ending_min_rest:
            return word[: -len(ending)] + folded, ending
    return word, ""


@lru_cache(maxsize=8)
def _name_form_groups(rules: Rules) -> dict[str, tuple[str, int]]:
    return {fold_ending(word, rules)[0]: group for word, group in rules.name_forms.items()}


def name_form_group(element: Element, rules: Rules) -> tuple[str, int] | None:
    """The culture and group of a given name whose forms differ between languages (Oleksandr,
    Aleksandr, Aliaksandr), if the element is one."""
    if element.prefix or element.suffix:
        return None
    return _name_form_groups(rules).get(element.stem)


def _elements(words: list[str], tokens: list[str], rules: Rules) -> list[Element]:
    elements: list[Element] = []
    connector = article = article_word = prefix = ""
    inner_abd = False  # Abu Abd al-Rahman: the kunya's name is an Abd compound written in words
    shown: list[str] = []  # the words shown for the element: Abd al Wahab, Abu Mahdi, Kadhimi
    for i, (word, written) in enumerate(zip(words, tokens, strict=True)):
        token = rules.abbreviations.get(written, written)
        last = i == len(tokens) - 1
        if not last and token in rules.nasab and not prefix:
            connector = token
            continue
        if not last and token in rules.articles:
            article, article_word = token, word
            if prefix:
                shown.append(word)
            continue
        if not last and not prefix and token in rules.kunya:
            prefix = rules.kunya[token]
            shown.append(word)
            continue
        if not last and token in rules.abd_words and not inner_abd and prefix != "abd":
            if prefix:
                inner_abd = True
            else:
                prefix = "abd"
            shown.append(word)
            continue
        if token in rules.compound_second and article and elements and not prefix:
            previous = elements[-1]
            elements[-1] = replace(
                previous,
                text=f"{previous.text} {article_word}-{word}",
                suffix=rules.compound_second[token],
            )
            article = article_word = ""
            continue
        if (
            token in rules.compound_allah
            and elements
            and not prefix
            and not article
            and not elements[-1].suffix
        ):
            previous = elements[-1]
            elements[-1] = replace(previous, text=f"{previous.text} {word}", suffix="allah")
            connector = ""
            continue
        if _ARABIC.search(word) and token.startswith("al") and len(token) > 3 and not article:
            article, article_word, token = "al", word[:2], token[2:]  # ال is always the article
        fused_prefix, fused_article, stem, suffix = _split_fused(token, rules)
        if (prefix == "abd" or inner_abd or fused_prefix == "abd") and stem in rules.abd_allah_stems:
            stem = "allah"  # Abd Allah, Abdul-lah, Abdal Lah
        if inner_abd:
            stem, article, fused_article = "abd" + stem, "", ""
        elif prefix and fused_prefix:  # Abu Abdullah: the kunya's name is itself a compound
            stem, fused_prefix = fused_prefix + stem, ""
        elements.append(
            Element(
                text=" ".join([*shown, word]),
                stem=stem,
                role=Role.SINGLE,
                prefix=prefix or fused_prefix,
                suffix=suffix,
                article=article or fused_article,
                connector=connector,
                vocalised=not _ARABIC.search(word),
            )
        )
        connector = article = article_word = prefix = ""
        inner_abd = False
        shown = []
    return elements


def _assign_roles(elements: list[Element], kunyas: frozenset[str]) -> tuple[Element, ...]:
    """Give each element its role from its kind and position."""
    roles: dict[int, Role] = {}
    for i, e in enumerate(elements):
        if e.prefix and e.prefix in kunyas:
            # Abu X closing a longer name is a family name (Musa Abu Marzuk), otherwise a kunya.
            roles[i] = Role.SURNAME if i == len(elements) - 1 and i > 0 else Role.KUNYA
    rest = [i for i in range(len(elements)) if i not in roles]
    if Role.SURNAME in roles.values():
        roles.update({i: Role.GIVEN if n == 0 else Role.MIDDLE for n, i in enumerate(rest)})
    elif len(rest) == 1:
        roles[rest[0]] = Role.SURNAME if roles else Role.SINGLE
    elif rest:
        roles.update({i: Role.MIDDLE for i in rest})
        roles[rest[0]], roles[rest[-1]] = Role.GIVEN, Role.SURNAME
    return tuple(_interned(replace(e, role=roles[i])) for i, e in enumerate(elements))


@lru_cache(maxsize=500_000)
def _interned(element: Element) -> Element:
    """One object per distinct element: the comparers' caches then match by identity, not field by field."""
    return element


def parse_name(text: str, rules: Rules) -> Name:
    """Parse a name as written into elements with roles.

    >>> from namefold.rules import default_rules
    >>> name = parse_name("Maj. Gen. Abdul-Wahab AL SAIDI", default_rules())
    >>> [(e.role.value, e.key) for e in name.elements], name.titles
    ([('given', 'abdwahab'), ('surname', 'saidi')], ('Maj Gen',))
    """
    words = _words(text, rules)
    pairs = [(w, to_ascii(w, rules)) for w in words]
    pairs = [(w, t) for w, t in pairs if t]
    words, tokens = [w for w, _ in pairs], [t for _, t in pairs]
    words, tokens, titles = _strip_titles(words, tokens, rules)
    generation = ""
    if len(tokens) > 1 and tokens[-1] in rules.generations:  # Donald Trump Jr.
        generation, words, tokens = rules.generations[tokens[-1]], words[:-1], tokens[:-1]
    return Name(
        raw=text.strip(),
        elements=_assign_roles(_elements(words, tokens, rules), frozenset(rules.kunya.values())),
        titles=tuple(titles),
        generation=generation,
    )


def family_name_marked(element: Element, chain: tuple[Element, ...]) -> bool:
    """Is this element written in capitals, as lists write family names, in a name that writes its
    other names otherwise (Claudia Patricia DIAZ GUILLEN)? Then it is no father's name. An
    initial (George H. W. Bush) is no family name."""
    return len(element.key) > 1 and element.text.isupper() and not all(e.text.isupper() for e in chain)


def normalized(name: Name) -> str:
    """The name in namefold's normal spelling; parsing it again gives the same elements.

    >>> from namefold.rules import default_rules
    >>> normalized(parse_name("Sheikh ABDUL-AZIZ al Muhammadawi", default_rules()))
    'abd aziz al-muhammadawi'
    """
    parts = []
    for e in name.elements:
        words = [e.connector] if e.connector else []
        words += [e.prefix] if e.prefix else []
        words.append(f"{e.article}-{e.stem}" if e.article else e.stem)
        words += [f"al-{e.suffix}"] if e.suffix else []
        parts.append(" ".join(words))
    return " ".join([*parts, name.generation] if name.generation else parts)


# What makes a name: checked before a name goes into the alias table, and on the table's entries.

# Zero-width joiners between two letters are spelling: Persian writes خامنه‌ای with a ZWNJ, Indic
# scripts use both; they change how a word is drawn, not who it names.
_JOINERS = frozenset("\u200c\u200d")


def _is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


def _invisible(text: str, i: int) -> bool:
    """A format character (bidi mark, zero-width space, soft hyphen ...) that is no part of the spelling."""
    char = text[i]
    if unicodedata.category(char) != "Cf":
        return False
    inside = 0 < i < len(text) - 1 and _is_letter(text[i - 1]) and _is_letter(text[i + 1])
    return not (char in _JOINERS and inside)


def without_invisible(text: str) -> str:
    """The text without bidi marks, zero-width spaces and soft hyphens (copy-paste leftovers), trimmed.

    >>> without_invisible("\u200fMustafa al-Ka\u00addhimi\u200e")
    'Mustafa al-Kadhimi'
    """
    return "".join(c for i, c in enumerate(text) if not _invisible(text, i)).strip()


def _has_name_word(text: str, rules: Rules) -> bool:
    """Whether a word is left once titles (Sheikh, Prime Minister) and particles (al-, bin, Abu) go."""
    tokens = [t for t in (to_ascii(w, rules) for w in _words(text, rules)) if t]
    by_first = _titles_by_first(rules)
    i = 0
    while i < len(tokens):
        title = next((t for t in by_first.get(tokens[i], ()) if tuple(tokens[i : i + len(t)]) == t), ())
        if not title and tokens[i] not in rules.particles:
            return True
        i += len(title) or 1
    return False


def control_character(text: str) -> str | None:
    """The first control character (NUL, CR, tab ...) of a text as U+XXXX, or None."""
    found = next((c for c in text if unicodedata.category(c) == "Cc"), None)
    return None if found is None else f"U+{ord(found):04X}"


def name_problem(text: str, rules: Rules) -> str | None:
    """Why a text cannot be a name in the alias table, or None: control or invisible characters,
    or nothing but titles and particles (a lone Sheikh, Abu or -al- would become an entity).

    >>> from namefold.rules import default_rules
    >>> name_problem("Prime Minister", default_rules())
    'it has only titles and particles'
    """
    control = control_character(text)
    if control:
        return f"it holds the control character {control}"
    for i, char in enumerate(text):
        if _invisible(text, i):
            return f"it holds the invisible character U+{ord(char):04X} ({unicodedata.name(char, 'format')})"
    if not parse_name(text, rules).elements:
        return "it has no letters"
    if not _has_name_word(text, rules):
        return "it has only titles and particles"
    return None
