"""Organisations beside people: a name's kind, and the parsing, blocking and comparing of organisations.

`parse`, `filings`, `compare` and `judge` are what the pipeline calls for any name: they choose
the people's stages (normalize, keys, compare) or the organisation ones here by the name's kind,
and names of different kinds never match. The organisation rules are data in rules/orgs.yaml.

An organisation's name is its words after its legal forms (LLC, OOO, Aktiengesellschaft ...),
connectors (The, of, &) and punctuation are set aside. Its distinguishing words must all match
word by word, with the transliteration-aware word comparer people's names use, in order, one
word against one or against two written together (Aero Caribbean / Aerocaribbean); the numbers
in the two names must be the same; generic words (Holding, Company, Group ...) may be missing on
one side; legal forms never keep two names apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from unidecode import unidecode

from namefold.compare import DEFAULT_THRESHOLD, compare_elements, compare_names, element_score
from namefold.compare import judge as judge_people
from namefold.keys import Filed, skeleton_keys
from namefold.keys import filings as people_filings
from namefold.model import Element, Kind, Match, Name, Role
from namefold.normalize import parse_name, to_ascii
from namefold.rarity import Rarity
from namefold.rules import Rules

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_NUMBER = re.compile(r"\d+")
_BRACKETED = re.compile(r"(?<=\S)\s*[(\[]\s*[^\s()\[\]]+\s*[)\]]\s*$")  # Name (ACR) at the end
SHORT = 4  # letters in a short word of an organisation's name (see _short_apart)


def kind_of(value: str, rules: Rules) -> Kind | None:
    """The kind a `type` value names (None for an empty one); an unknown value raises ValueError.

    >>> from namefold.rules import default_rules
    >>> kind_of("Organization", default_rules()), kind_of("", default_rules())
    (<Kind.ORGANISATION: 'organisation'>, None)
    """
    folded = " ".join(value.casefold().split())
    if not folded:
        return None
    found = rules.orgs.types.get(folded)
    if found is None:
        known = ", ".join(sorted(set(rules.orgs.types.values())))
        raise ValueError(f"{value!r} is not a kind of name namefold knows ({known}; or leave it empty)")
    return Kind(found)


@lru_cache(maxsize=200_000)
def _fold(word: str, rules: Rules) -> str:
    """Lowercase ASCII letters and digits of one word (Arabic script by the people's table)."""
    if _ARABIC.search(word):
        return to_ascii(word, rules)
    return rules.orgs.ordinal.sub("", re.sub(r"[^a-z0-9]", "", unidecode(rules.marks.sub("", word)).lower()))


def _tokens(text: str, rules: Rules) -> list[tuple[str, str]]:
    """(word as written, folded) for each word with letters or digits."""
    words = rules.separators.split(unicodedata.normalize("NFKC", text).strip())
    return [(w, f) for w in words if (f := _fold(w, rules))]


@dataclass(frozen=True, slots=True)
class _Form:
    """A legal form found in a name: where its words are, and its symbol."""

    start: int
    end: int
    symbol: str


def _form_at(folded: list[str], start: int, rules: Rules, within: int) -> _Form | None:
    """The longest legal form beginning at `start` and ending by `within`."""
    for n in range(min(rules.orgs.longest_form, within - start), 0, -1):
        symbol = rules.orgs.forms.get(tuple(folded[start : start + n]))
        if symbol is not None:
            return _Form(start, start + n, symbol)
    return None


def _form_ending(folded: list[str], end: int, rules: Rules, after: int) -> _Form | None:
    """The longest legal form ending at `end` and beginning at or after `after`."""
    for n in range(min(rules.orgs.longest_form, end - after), 0, -1):
        symbol = rules.orgs.forms.get(tuple(folded[end - n : end]))
        if symbol is not None:
            return _Form(end - n, end, symbol)
    return None


def _in_middle(words: tuple[str, ...]) -> bool:
    """Inside a name, only a form no word could be mistaken for (not S A, not AO)."""
    return len("".join(words)) >= 3 and all(len(w) > 1 for w in words)


def legal_forms(folded: list[str], rules: Rules) -> list[_Form]:
    """The legal forms of a name's words: at its start (not forms of single letters) and end, and
    unmistakable ones inside it; one word at least is left over for the name itself.

    >>> from namefold.rules import default_rules
    >>> [(f.start, f.end, f.symbol) for f in legal_forms(["galax", "trading", "co", "ltd"], default_rules())]
    [(2, 4, 'LTD')]
    """
    found: list[_Form] = []
    start, end = 0, len(folded)
    while start < end - 1 and (form := _form_at(folded, start, rules, end - 1)) is not None:
        if all(len(w) == 1 for w in folded[form.start : form.end]):
            break  # letters before a name are initials (S. A. Khan); a form of letters ends a name
        found.append(form)
        start = form.end
    while end - 1 > start and (form := _form_ending(folded, end, rules, start + 1)) is not None:
        found.append(form)
        end = form.start
    i = start + 1
    while i < end - 1:
        form = _form_at(folded, i, rules, end - 1)
        if form is not None and _in_middle(tuple(folded[form.start : form.end])):
            found.append(form)
            i = form.end
        else:
            i += 1
    return sorted(found, key=lambda f: f.start)


def guess_kind(text: str, rules: Rules) -> Kind:
    """An organisation if a word says so (Bank, Trading, Brigades, Commerzbank ...), a number (APT38:
    people's names hold none) or a legal form (LLC, GmbH; not the forms that are also name words,
    such as AG or SA); else a person.

    >>> from namefold.rules import default_rules
    >>> r = default_rules()
    >>> guess_kind("Siemens Aktiengesellschaft", r), guess_kind("Iyad Ag Ghali", r)
    (<Kind.ORGANISATION: 'organisation'>, <Kind.PERSON: 'person'>)
    """
    folded = [f for _, f in _tokens(text, rules)]
    orgs = rules.orgs
    if any(f in orgs.cues or f.endswith(orgs.cue_endings) or _NUMBER.search(f) for f in folded):
        return Kind.ORGANISATION
    for form in legal_forms(folded, rules):
        words = tuple(folded[form.start : form.end])
        short = len("".join(words)) <= 2 or all(len(w) == 1 for w in words)
        if words not in orgs.not_cues and (not short or form.end == len(folded)):
            return Kind.ORGANISATION
    return Kind.PERSON


def parse(text: str, rules: Rules, kind: Kind | None = None) -> Name:
    """Parse a name of the given kind, or of the kind its words suggest (guess_kind).

    >>> from namefold.rules import default_rules
    >>> name = parse("The Kata'ib Hizballah Brigades, LLC", default_rules())
    >>> name.kind.value, [e.stem for e in name.elements], name.titles
    ('organisation', ['kataib', 'hizballah', 'brigade'], ('LLC',))
    """
    if (kind or guess_kind(text, rules)) is Kind.PERSON:
        return parse_name(text, rules)
    return parse_org(text, rules)


def parse_org(text: str, rules: Rules) -> Name:
    """An organisation's name: its words as elements (the Arabic article read as in people's
    names), its legal forms as written in `titles`, connectors dropped, and one word in brackets
    after the name set aside: the name's acronym or short name, which the input pairs with it
    (Islamic Republic of Iran Shipping Lines (IRISL))."""
    bracketed = _BRACKETED.search(text)
    tokens = _tokens(_BRACKETED.sub(" ", text), rules) if bracketed else []
    if not tokens:
        tokens, bracketed = _tokens(text, rules), None
    folded = [f for _, f in tokens]
    forms = legal_forms(folded, rules)
    in_form = {i for f in forms for i in range(f.start, f.end)}
    kept = [(w, f) for i, (w, f) in enumerate(tokens) if i not in in_form]
    words = [(w, f) for i, (w, f) in enumerate(kept) if not _stop_word(kept, i, rules)] or kept
    elements: list[Element] = []
    article = shown = ""  # an article before the word, folded and as written
    for i, (written, folded_word) in enumerate(words):
        is_article = folded_word in rules.articles or folded_word in rules.orgs.articles
        if is_article and i < len(words) - 1 and not article:
            article, shown = folded_word, written
            continue
        fused, stem = _fused_article(folded_word, rules) if not article else ("", folded_word)
        if _ARABIC.search(written) and not article and folded_word.startswith("al") and len(folded_word) > 3:
            fused, stem = "al", folded_word[2:]  # ال is always the article
        elements.append(
            Element(
                f"{shown}-{written}" if shown else written,
                singular(stem, rules),
                Role.MIDDLE,
                article=article or fused,
                vocalised=not _ARABIC.search(written),
            )
        )
        article = shown = ""
    titles = tuple(" ".join(w for w, _ in tokens[f.start : f.end]) for f in forms)
    if bracketed:  # shown by explain as on one side only
        titles += (bracketed.group().strip(),)
    return Name(text.strip(), tuple(elements), titles, Kind.ORGANISATION)


def _fused_article(word: str, rules: Rules) -> tuple[str, str]:
    """(article, rest) of a word written with the article as in people's names (Alzawraa), else ("", word)."""
    if word in rules.fused_article_not_split or _NUMBER.search(word):
        return "", word
    for article in rules.fused_article_prefixes:
        rest = word[len(article) :]
        long_enough = len(rest) >= rules.fused_article_min_rest
        if word.startswith(article) and long_enough and rest[0] not in rules.vowels:
            return article, rest
    return "", word


def singular(word: str, rules: Rules) -> str:
    """The singular of a plural word (guards: guard, industries: industry); other words as they are.

    >>> from namefold.rules import default_rules
    >>> [singular(w, default_rules()) for w in ["guards", "industries", "express", "gas"]]
    ['guard', 'industry', 'express', 'gas']
    """
    orgs = rules.orgs
    if len(word) < orgs.plural_min_length:
        return word
    for ending, replacement in orgs.plural_endings:
        stem = word[: -len(ending)]
        if word.endswith(ending) and stem and stem[-1] not in orgs.plural_not_after:
            return stem + replacement
    return word


def _stop_word(words: list[tuple[str, str]], i: int, rules: Rules) -> bool:
    """A connector to drop; a one-letter one (Y, E, A) only between longer words, not among
    initials (A. I. Shokin)."""
    folded = words[i][1]
    if folded not in rules.orgs.stop_words:
        return False
    if len(folded) > 1:
        return True
    return 0 < i < len(words) - 1 and len(words[i - 1][1]) > 1 and len(words[i + 1][1]) > 1


def _distinguishing(name: Name, rules: Rules) -> tuple[Element, ...]:
    """The words that tell this organisation from others; all of them if it has no other kind."""
    found = tuple(e for e in name.elements if e.stem not in rules.orgs.generic)
    return found or name.elements


def _generic(name: Name, rules: Rules) -> dict[str, str]:
    """The classes of the name's generic words, with a word of each as written (see _distinguishing)."""
    generic = rules.orgs.generic
    found = {generic[e.stem]: e.text for e in reversed(name.elements) if e.stem in generic}
    return found if len(found) < len(name.elements) else {}


def filings(name: Name, rules: Rules) -> Iterator[tuple[str, Filed]]:
    """The blocks of any name (keys.filings for people).

    An organisation is filed under the consonant skeleton of its distinguishing words written as
    one (so that words run together or apart meet), in their order and in alphabetical order
    (Bank Pasargad, Pasargad Bank): every name it can match has the same words.
    """
    if name.kind is Kind.PERSON:
        yield from people_filings(name, rules)
        return
    stems = [_known(e.stem, rules) or e.stem for e in _distinguishing(name, rules)]  # Banco as Bank
    if not stems:
        return  # no words: no spelling of anything
    keys = skeleton_keys("".join(stems), rules) | skeleton_keys("".join(sorted(stems)), rules)
    for key in sorted(keys):
        yield f"o={key}", Filed.OWNER


def _numbers(name: Name) -> tuple[str, ...]:
    return tuple(_NUMBER.findall(" ".join(e.stem for e in name.elements)))


def _joined(first: Element, second: Element) -> Element:
    """Two words read as one (Aero Caribbean as Aerocaribbean)."""
    return replace(first, text=f"{first.text} {second.text}", stem=first.stem + second.stem, article="")


# One step of an alignment: how many words of each side it takes (one, or up to four written as one).
_STEPS = ((1, 1), *((k, 1) for k in range(2, 5)), *((1, k) for k in range(2, 5)))


def _word(words: tuple[Element, ...], end: int, n: int) -> Element | None:
    """The n words ending at `end` read as one; None when they cannot be one word: a letter joins
    only other letters (N P C as NPC, but not A. M. Prokhorov as Amprokhorov)."""
    if n == 1:
        return words[end - 1]
    parts = words[end - n : end]
    if len({len(e.stem) == 1 for e in parts}) > 1:
        return None
    joined = parts[0]
    for part in parts[1:]:
        joined = _joined(joined, part)
    return joined


@lru_cache(maxsize=8)
def _vocabulary(rules: Rules) -> dict[str, str]:
    """Every word of the organisation tables (cues, generic words), singular too, mapped to the
    one spelling of its same_words list."""
    orgs = rules.orgs
    found: dict[str, str] = {}
    for word in sorted(orgs.cues | orgs.generic.keys()):
        one = singular(orgs.same_words.get(word, word), rules)
        found[word] = found[singular(word, rules)] = one
    return found


def _known(word: str, rules: Rules) -> str:
    """A word of the organisation tables (Bank, Construction) as the one spelling of its list, or ""."""
    return _vocabulary(rules).get(word, "")


def _short_apart(a: str, b: str, rules: Rules) -> bool:
    """Short words (MEED, USC, ESG) are often acronyms: they may differ in their vowels (Rai / Ray,
    Bou / Bu) and doubled letters (Haq / Haqq), never in a consonant (Eco / Eko, Mib / Miep)."""
    if min(len(a), len(b)) > SHORT:
        return False
    return _consonants(a, rules) != _consonants(b, rules)


def _consonants(word: str, rules: Rules) -> str:
    """The consonant letters of a word, a doubled one once (Haqq as Haq)."""
    found = [c for c in word if c not in rules.vowels and c not in rules.glides]
    return "".join(c for i, c in enumerate(found) if i == 0 or c != found[i - 1])


def _acronym(word: str, rules: Rules) -> bool:
    """A word without vowels (MKM, NSC, 558): it only matches itself."""
    return not any(c in rules.vowels for c in word)


@lru_cache(maxsize=200_000)
def word_score(a: Element, b: Element, rules: Rules) -> float:
    """How alike two words of organisations' names are: as people's name parts (compare.py), but
    a word without vowels only matches itself (MKM is not MCM), two words of the tables (cues,
    generic words) only match if they are one (Construction is not Constructor), and an article
    may be fused to its word on one side (Al Zawraa / Alzawraa)."""
    if a.stem == b.stem:
        return 1.0
    known = _known(a.stem, rules), _known(b.stem, rules)
    if known[0] and known[1]:
        return 1.0 if known[0] == known[1] else 0.0
    if _acronym(a.stem, rules) or _acronym(b.stem, rules) or _short_apart(a.stem, b.stem, rules):
        return 0.0
    best = element_score(a, b, rules)
    for x, y in ((a, b), (b, a)):
        if x.article and not y.article:
            best = max(best, element_score(replace(x, stem=x.article + x.stem, article=""), y, rules))
    return best


def _align(
    a: tuple[Element, ...], b: tuple[Element, ...], rules: Rules, threshold: float
) -> list[tuple[Element, Element]] | None:
    """Every word of both sides matched in order, one to one or one to two written together,
    each pair scoring at least `threshold`, the best total first; None if there is no such way."""
    n, m = len(a), len(b)
    none = float("-inf")
    best = [[none] * (m + 1) for _ in range(n + 1)]
    step: dict[tuple[int, int], tuple[int, int]] = {}
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for di, dj in _STEPS:
                if i < di or j < dj or best[i - di][j - dj] == none:
                    continue
                x, y = _word(a, i, di), _word(b, j, dj)
                if x is None or y is None:
                    continue
                score = word_score(x, y, rules)
                if score >= threshold and best[i - di][j - dj] + score > best[i][j]:
                    best[i][j] = best[i - di][j - dj] + score
                    step[i, j] = (di, dj)
    if best[n][m] == none:
        return None
    pairs: list[tuple[Element, Element]] = []
    i, j = n, m
    while i or j:
        di, dj = step[i, j]
        x, y = _word(a, i, di), _word(b, j, dj)
        assert x is not None and y is not None  # the step was taken
        pairs.append((x, y))
        i, j = i - di, j - dj
    return pairs[::-1]


def _one_to_one(
    a: tuple[Element, ...], b: tuple[Element, ...], rules: Rules, threshold: float
) -> list[tuple[Element, Element]] | None:
    """Every word of a matched with its own word of b in any order (Bank Pasargad / Pasargad Bank),
    best pairs first; None unless both have the same number of words and all find one."""
    if len(a) != len(b) or len(a) < 2:
        return None
    scored = sorted(
        (-score, i, j)
        for i, x in enumerate(a)
        for j, y in enumerate(b)
        if (score := word_score(x, y, rules)) >= threshold
    )
    chosen: dict[int, int] = {}
    for _, i, j in scored:
        if i not in chosen and j not in chosen.values():
            chosen[i] = j
    if len(chosen) < len(a):
        return None
    return [(a[i], b[j]) for i, j in sorted(chosen.items())]


def _form_reasons(left: Name, right: Name, rules: Rules) -> list[str]:
    """What the legal forms say: the same form spelt two ways, a form on one side, or two forms."""
    mine = {_symbol(t, rules): t for t in left.titles}
    theirs = {_symbol(t, rules): t for t in right.titles}
    reasons = [
        f"org: {mine[s]} = {theirs[s]}"
        for s in sorted(mine.keys() & theirs.keys())
        if _fold_all(mine[s], rules) != _fold_all(theirs[s], rules)
    ]
    only_mine, only_theirs = sorted(mine.keys() - theirs.keys()), sorted(theirs.keys() - mine.keys())
    if only_mine and only_theirs:
        shown = (", ".join(mine[s] for s in only_mine), ", ".join(theirs[s] for s in only_theirs))
        reasons.append(f"org: legal forms differ ({shown[0]} / {shown[1]}): weak evidence, not counted")
    else:
        reasons += [f"org: {(mine | theirs)[s]} on one side only" for s in only_mine + only_theirs]
    return reasons


def _fold_all(text: str, rules: Rules) -> tuple[str, ...]:
    return tuple(f for _, f in _tokens(text, rules))


@lru_cache(maxsize=10_000)
def _symbol(written: str, rules: Rules) -> str:
    return rules.orgs.forms.get(_fold_all(written, rules), written)


def compare_orgs(left: Name, right: Name, rules: Rules, threshold: float = DEFAULT_THRESHOLD) -> Match:
    """Compare two organisations' names: same numbers, every distinguishing word matched.

    >>> from namefold.rules import default_rules
    >>> r = default_rules()
    >>> m = compare_orgs(parse_org("Siemens AG", r), parse_org("Siemens Aktiengesellschaft", r), r)
    >>> m.same, m.reasons
    (True, ('org: AG = Aktiengesellschaft',))
    """
    reasons = _form_reasons(left, right, rules)
    numbers = _numbers(left), _numbers(right)
    if numbers[0] != numbers[1]:
        shown = [" ".join(n) or "none" for n in numbers]
        reasons.append(f"org: numbers differ: {shown[0]} vs {shown[1]}")
        return Match(left.raw, right.raw, 0.0, False, tuple(reasons), conflict=True)
    a, b = _distinguishing(left, rules), _distinguishing(right, rules)
    if not (a and b):
        return Match(left.raw, right.raw, 0.0, False, ("no words in common",))
    pairs = _align(a, b, rules, threshold)
    if pairs is None and (pairs := _one_to_one(a, b, rules, threshold)) is not None:
        reasons.append("org: word order differs")
    if pairs is None:
        score = round(word_score(_all(a), _all(b), rules), 3)
        reasons.append(f"org: words differ: {' '.join(e.text for e in a)} vs {' '.join(e.text for e in b)}")
        return Match(left.raw, right.raw, score, False, tuple(reasons), conflict=True)
    weights = [max(len(x.stem), len(y.stem)) for x, y in pairs]
    scores = [word_score(x, y, rules) for x, y in pairs]
    score = round(sum(w * s for w, s in zip(weights, scores, strict=True)) / sum(weights), 3)
    for x, y in pairs:
        if " " in x.text or " " in y.text:
            reasons.append(f"org: {x.text} ~ {y.text}")  # written apart on one side only
        elif x.stem == y.stem:
            continue
        elif element_score(x, y, rules) < word_score(x, y, rules):
            reasons.append(f"org: {x.text} ~ {y.text}")  # one word of the tables, or a fused article
        else:
            reasons.extend(compare_elements(x, y, rules).reasons)
    mine, theirs = _generic(left, rules), _generic(right, rules)
    differ = not (mine.keys() <= theirs.keys() or theirs.keys() <= mine.keys())
    if differ:  # two bodies of one name (Star Sapphire Group, Star Sapphire Trading): never one
        shown = " ".join(mine[c] for c in sorted(mine)), " ".join(theirs[c] for c in sorted(theirs))
        reasons.append(f"org: generic words differ: {shown[0]} vs {shown[1]}")
        score = min(score, round(threshold - 0.01, 3))
    else:
        either = mine | theirs
        reasons += [f"org: {either[c]} on one side only" for c in sorted(mine.keys() ^ theirs.keys())]
    partial = mine.keys() != theirs.keys()
    found = tuple(dict.fromkeys(reasons))
    return Match(left.raw, right.raw, score, score >= threshold, found, partial, conflict=differ)


def _all(words: tuple[Element, ...]) -> Element:
    """All the words as one, for a score to show when they cannot be matched one by one."""
    first = words[0]
    return replace(first, stem="".join(e.stem for e in words), article="", prefix="", suffix="")


def _kinds_differ(left: Name, right: Name) -> Match:
    return Match(left.raw, right.raw, 0.0, False, ("a person and an organisation",), conflict=True)


def compare(
    left: Name, right: Name, rules: Rules, threshold: float = DEFAULT_THRESHOLD, rarity: Rarity | None = None
) -> Match:
    """Compare any two names (compare.compare_names for two people)."""
    if left.kind is not right.kind:
        return _kinds_differ(left, right)
    if left.kind is Kind.PERSON:
        return compare_names(left, right, rules, threshold, rarity)
    if left.raw == right.raw:
        return Match(left.raw, right.raw, 1.0, True)
    return compare_orgs(left, right, rules, threshold)


def judge(
    left: Name, right: Name, rules: Rules, threshold: float = DEFAULT_THRESHOLD, rarity: Rarity | None = None
) -> Match | bool:
    """What resolving keeps of any pair (compare.judge for two people): its Match if the names
    are one, else whether they clearly differ."""
    if left.kind is Kind.PERSON and right.kind is Kind.PERSON:
        return judge_people(left, right, rules, threshold, rarity)
    found = compare(left, right, rules, threshold, rarity)
    return found if found.same else found.conflict
