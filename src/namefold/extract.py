"""Raw text -> Mentions: the names of people and organisations in news text, with exact offsets.

The contract: offsets are Python string indices into the document's text as decoded (a UTF-8
byte-order mark removed, line ends kept as they are), so `text[m.start:m.end] == m.surface`.
Precision comes first: a capitalised run of words becomes a person only with evidence (a title
before it, a name particle such as al- or Abu, a common given name, or a fuller name in the same
document that a bare surname fits), an organisation only with a cue word (Brigades, Service,
Kataib ...). Lines that read as headlines or menu entries are skipped. Rules are data:
names.yaml (particles, titles) and text.yaml (everything text needs on top).

The corpus steps need all documents at once: acronyms defined in one document ("Long Name
(ACR)") are found in the others, and a run of two surnames ("al-Kazemi al-Khikani") is split when
each fits a different full name found anywhere.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from namefold.compare import compare_names
from namefold.keys import skeleton_keys
from namefold.model import Mention, Name
from namefold.normalize import parse_name
from namefold.rules import Rules, default_rules
from namefold.text_rules import TextRules, default_text_rules

PERSON, ORGANISATION, OTHER = "person", "organisation", "other"
_APOSTROPHES = "'\u2019\u2018"
# A word: letters and digits, joined inside by hyphens and apostrophes (al-Kadhimi, Mu'ammar,
# Kadhimi's); or an initial with its dot when a capitalised word follows (George W. Bush).
_TOKEN = re.compile(r"(?<![.\w])[^\W\d_]\.(?= [^\W\d_])|[^\W_]+(?:['\u2019\u2018\-][^\W_]+)*")
_SENTENCE_END = re.compile("[.!?:;\u2026][\"'\u201d\u2019)\\]]*$")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}")


@dataclass(frozen=True, slots=True)
class Link:
    """Two names a document says are one entity, and why."""

    left: str
    right: str
    reason: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """Mentions of a set of documents, sorted by document and offset, and the links they imply."""

    mentions: tuple[Mention, ...]
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class Known:
    """Names known to be names (an alias table's, a resolution's), indexed once for many texts."""

    keys: Mapping[str, str]  # normalised spelling -> type ("" when unknown)
    acronyms: Mapping[str, str]  # acronym as written -> type

    @classmethod
    def of(cls, names: Mapping[str, str], rules: Rules | None = None) -> Known:
        """Index names (name -> type) by the spelling the extractor compares."""
        rules = rules or default_rules()
        keys = {parse_name(n, rules).key: t for n, t in sorted(names.items())}
        acronyms = {n: t or ORGANISATION for n, t in sorted(names.items()) if _ACRONYM.fullmatch(n)}
        return cls(keys, acronyms)


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int
    possessive: bool  # ends in 's: the name ends two characters earlier

    @property
    def word(self) -> str:
        return self.text[:-2] if self.possessive else self.text

    @property
    def lower(self) -> str:
        return self.word.lower()


@dataclass
class _Candidate:
    """A run of name words with what is known about it so far."""

    start: int  # surface start (a capitalised title before the name included)
    end: int  # surface end (a possessive included)
    tokens: list[_Token]  # the name's words
    kind: str = ""  # person / organisation, or "" while unknown
    titled: bool = False
    refers_to: str = ""
    name_type: str = ""  # the type the name got from the alias table

    def name(self, text: str) -> str:
        last = self.tokens[-1]
        return text[self.tokens[0].start : last.end - (2 if last.possessive else 0)]


@dataclass
class _Doc:
    doc: str
    text: str
    candidates: list[_Candidate] = field(default_factory=list)
    acronyms: list[_Token] = field(default_factory=list)
    definitions: dict[str, tuple[str, str]] = field(default_factory=dict)  # acronym -> (name, type)


class _Extractor:
    """The rule tables indexed for extraction; one per pair of rule sets."""

    def __init__(self, rules: Rules, text_rules: TextRules) -> None:
        self.rules, self.t = rules, text_rules
        self.titles = tuple(sorted(set(rules.titles) | set(text_rules.titles), key=lambda t: (-len(t), t)))
        self.short_titles = frozenset(t[0] for t in self.titles if len(t) == 1 and len(t[0]) <= 4)
        self.particles = frozenset(rules.articles | rules.nasab | set(rules.kunya) | rules.abd_words)
        self.loose_particles = self.particles - text_rules.english_articles
        self.skip = text_rules.function_words | text_rules.calendar
        given: dict[str, list[Name]] = defaultdict(list)
        for word in text_rules.given_names:
            parsed = parse_name(word, rules)
            for key in skeleton_keys(parsed.elements[0].stem, rules):
                given[key].append(parsed)
        self.given = dict(given)

    # --- words -----------------------------------------------------------------------------

    def tokens(self, text: str, start: int, end: int) -> list[_Token]:
        found = []
        for m in _TOKEN.finditer(text, start, end):
            word = m.group()
            possessive = len(word) > 2 and word[-2] in _APOSTROPHES and word[-1] in "sS"
            found.append(_Token(word, m.start(), m.end(), possessive))
        return found

    def name_like(self, token: _Token) -> bool:
        """A word that can be part of a name: capitalised, or a particle joined to one."""
        word = token.word
        if len(word) == 2 and word[1] == ".":
            return word[0].isupper()
        letters = [c for c in word if c.isalpha()]
        if any(c.isdigit() for c in word) or len(letters) < 2:
            return False
        if all(c.isupper() for c in letters) or word.lower() in self.skip:
            return False
        parts = word.split("-")
        if parts[0].lower() in self.particles and len(parts) > 1:
            parts = parts[1:]
        return all(p[:1].isupper() or p.lower() in self.particles for p in parts) and parts[0][:1].isupper()

    def capitalised(self, token: _Token) -> bool:
        return token.word[:1].isupper()

    def is_given(self, word: str) -> bool:
        return _is_given(self, word)

    # --- lines -----------------------------------------------------------------------------

    def noise_lines(self, text: str) -> set[int]:
        """Starts of lines that are headlines or menu entries, or teasers between them."""
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", text)]
        kinds: list[tuple[int, bool]] = []
        for start, end in lines:
            words = [t for t in self.tokens(text, start, end) if any(c.isalpha() for c in t.text)]
            content = [t for t in words if t.word.lower() not in self.t.function_words]
            if not content:
                continue
            capital = sum(1 for t in content if self.capitalised(t)) / len(content)
            ending = bool(_SENTENCE_END.search(text[start:end].rstrip()))
            kinds.append((start, capital >= self.t.headline_share and not ending))
        noise: set[int] = set()
        if len(kinds) < 2:
            return noise  # a text of one line (a record's field, a title) is read whole
        for i, (start, headline) in enumerate(kinds):
            between = 0 < i < len(kinds) - 1 and kinds[i - 1][1] and kinds[i + 1][1]
            if headline or between:
                noise.add(start)
        return noise

    def lines(self, text: str) -> Iterator[tuple[int, int]]:
        noise = self.noise_lines(text)
        for m in re.finditer(r"[^\r\n]+", text):
            if m.start() not in noise:
                yield m.start(), m.end()

    # --- runs ------------------------------------------------------------------------------

    def joins(self, text: str, left: _Token, right: _Token, run: Sequence[_Token]) -> bool:
        """May `right` continue the run that `left` ends?"""
        gap = text[left.end : right.start]
        if left.possessive:
            return False
        if gap not in (" ", "\u00a0") and not (gap == ". " and left.lower in self.short_titles):
            return False
        return self.name_like(right)

    def runs(self, text: str, tokens: list[_Token]) -> Iterator[tuple[int, int]]:
        """(first, last + 1) token indices of each run of name words."""
        i = 0
        while i < len(tokens):
            if not self.name_like(tokens[i]):
                i += 1
                continue
            j = i + 1
            while j < len(tokens):
                if self.joins(text, tokens[j - 1], tokens[j], tokens[i:j]):
                    j += 1
                elif self._bridge(text, tokens, i, j):
                    j += 2
                else:
                    break
            yield i, j
            i = j

    def _bridge(self, text: str, tokens: list[_Token], i: int, j: int) -> bool:
        """A lowercase particle (bin, al) or an organisation's joiner (of) inside a run."""
        if j + 1 >= len(tokens) or text[tokens[j - 1].end : tokens[j].start] != " ":
            return False
        word = tokens[j].text
        run = tokens[i:j]
        particle = word in self.loose_particles
        joiner = word in self.t.organisation_joiners and any(self.cue(t) for t in run)
        if not (particle or joiner) or tokens[j - 1].possessive:
            return False
        return text[tokens[j].end : tokens[j + 1].start] == " " and self.name_like(tokens[j + 1])

    def cue(self, token: _Token) -> bool:
        return any(p.lower() in self.t.organisation_cues for p in token.word.split("-"))

    def title_at(self, words: Sequence[str]) -> int:
        """Length of the longest title that the words start with (0 for none)."""
        for title in self.titles:
            if tuple(words[: len(title)]) == title and len(words) >= len(title):
                return len(title)
        return 0

    def title_before(self, text: str, tokens: list[_Token], i: int, j: int) -> tuple[int, int]:
        """A title ending inside the run's first words or just before it: (first token, words in run)."""
        best = (i, 0)
        for title in self.titles:
            for inside in range(min(len(title), j - i - 1) + 1):
                before = len(title) - inside
                first = i - before
                if first < 0 or before == 0:
                    continue
                span = tokens[first : i + inside]
                if tuple(t.lower for t in span) != title:
                    continue
                if any(
                    t.possessive or text[t.end : u.start] not in (" ", ". ")
                    for t, u in itertools.pairwise(span)
                ):
                    continue
                if before + inside > (i - best[0]) + best[1]:
                    best = (first, inside)
        return best

    def candidate(self, text: str, tokens: list[_Token], i: int, j: int) -> _Candidate | None:
        """Strip titles, demonyms and function words from a run and say what it names."""
        run = tokens[i:j]
        if any(self.cue(t) for t in run) and (len(run) > 1 or "-" in run[0].word):
            return _Candidate(run[0].start, run[-1].end, run, kind=ORGANISATION)
        first, inside = self.title_before(text, tokens, i, j)
        titled = first < i
        start = tokens[first].start if titled and self.capitalised(tokens[first]) else None
        k = inside
        while k < len(run):
            words = [t.lower for t in run[k:]]
            n = self.title_at(words)
            if n and n < len(words):
                start = run[k].start if start is None else start
                titled, k = True, k + n
            elif words[0] in self.t.demonyms or words[0] in self.t.honorifics:
                k += 1
            else:
                break
        name = run[k:]
        if not name:
            return None
        start = name[0].start if start is None else start
        found = _Candidate(start, name[-1].end, name, titled=titled)
        if " ".join(t.lower for t in name) in self.t.not_names:
            return None
        if len(name) > 1 and (titled or self.has_particle(name) or self.is_given(name[0].word)):
            found.kind = PERSON
        return found

    def has_particle(self, name: Sequence[_Token]) -> bool:
        for token in name:
            parts = token.word.lower().split("-")
            if (len(parts) > 1 and parts[0] in self.particles) or parts[0] in self.particles:
                return True
        return False

    # --- a document ------------------------------------------------------------------------

    def read(self, doc: str, text: str, known: Mapping[str, str]) -> _Doc:
        """Candidates, acronyms and acronym definitions of one document."""
        found = _Doc(doc, text)
        for start, end in self.lines(text):
            tokens = self.tokens(text, start, end)
            for i, j in self.runs(text, tokens):
                c = self.candidate(text, tokens, i, j)
                if c is not None:
                    key = parse_name(c.name(text), self.rules).key
                    if key in known:
                        c.kind = c.kind or known[key] or PERSON
                    found.candidates.append(c)
            found.acronyms += [t for t in tokens if _ACRONYM.fullmatch(t.word)]
        for c in found.candidates:
            self.definition(found, c)
        return found

    def definition(self, doc: _Doc, c: _Candidate) -> None:
        """Long Name (ACR): the acronym names the same thing."""
        m = re.match(r" \(([A-Z][A-Z0-9&]{1,7})\)", doc.text[c.end : c.end + 12])
        if not m or c.tokens[-1].possessive or (len(c.tokens) < 2 and "-" not in c.tokens[0].word):
            return
        acronym = m.group(1)
        initials = "".join(p[0] for t in c.tokens for p in t.word.split("-") if p[:1].isupper())
        strict = initials.upper() == acronym.upper()
        if not strict and not (c.kind == ORGANISATION and initials[:1] == acronym[:1]):
            return
        if not c.kind:
            c.kind = ORGANISATION
        doc.definitions.setdefault(acronym, (c.name(doc.text), c.kind))


@lru_cache(maxsize=20_000)
def _is_given(extractor: _Extractor, word: str) -> bool:
    """Is the word a common given name, as namefold spells names alike (Qassem = Qasim)?"""
    parsed = parse_name(word, extractor.rules)
    if len(parsed.elements) != 1:
        return False
    keys = skeleton_keys(parsed.elements[0].stem, extractor.rules)
    seen: set[int] = set()
    for key in keys:
        for given in extractor.given.get(key, ()):
            if id(given) in seen:
                continue
            seen.add(id(given))
            match = compare_names(parsed, given, extractor.rules)
            if match.same and not match.partial:
                return True
    return False


@lru_cache(maxsize=4)
def _extractor(rules: Rules, text_rules: TextRules) -> _Extractor:
    return _Extractor(rules, text_rules)


# --- the corpus ------------------------------------------------------------------------------


def _same(a: str, b: str, rules: Rules) -> bool:
    return _compare(a, b, rules)[0]


@lru_cache(maxsize=200_000)
def _compare(a: str, b: str, rules: Rules) -> tuple[bool, bool]:
    """(same, partial) of two names."""
    m = compare_names(parse_name(a, rules), parse_name(b, rules), rules)
    return m.same, m.partial


def _surnames_only(c: _Candidate, rules: Rules) -> bool:
    """Two or more words, each with its article (al-Kazemi al-Khikani): no given name among them."""
    return len(c.tokens) > 1 and all(
        "-" in t.word and t.word.split("-")[0].lower() in rules.articles for t in c.tokens
    )


def _full_people(doc: _Doc, rules: Rules) -> list[str]:
    """Names of people in a document with a given name and more, in order of appearance."""
    names = [
        c.name(doc.text)
        for c in doc.candidates
        if c.kind == PERSON and len(c.tokens) > 1 and not _surnames_only(c, rules)
    ]
    return [n for n in dict.fromkeys(names) if len(parse_name(n, rules).elements) > 1]


def _split_run_together(doc: _Doc, people: Sequence[str], rules: Rules) -> None:
    """al-Kazemi al-Khikani: two surnames, each fitting a different person, are two mentions."""
    out: list[_Candidate] = []
    for c in doc.candidates:
        if not _surnames_only(c, rules):
            out.append(c)
            continue
        fits = [[p for p in people if _compare(t.word, p, rules) == (True, True)] for t in c.tokens]
        distinct = all(
            fits[a] and fits[b] and not any(_same(x, y, rules) for x in fits[a] for y in fits[b])
            for a in range(len(fits))
            for b in range(a + 1, len(fits))
        )
        if not distinct:
            out.append(c)
            continue
        for n, token in enumerate(c.tokens):
            start = c.start if n == 0 else token.start
            out.append(_Candidate(start, token.end, [token], titled=c.titled and n == 0))
    doc.candidates = out


def _refer(doc: _Doc, rules: Rules) -> None:
    """A bare surname or shortened name stands for the one full name of the document it fits."""
    people = _full_people(doc, rules)
    for c in doc.candidates:
        name = c.name(doc.text)
        if c.kind == ORGANISATION or (c.kind == PERSON and len(parse_name(name, rules).elements) > 1):
            continue
        fits = [p for p in people if p != name and _compare(name, p, rules)[0]]
        if not fits:
            if c.titled and len(parse_name(name, rules).elements) == 1:
                c.kind = PERSON  # President Trump: a title before a lone name
            continue
        c.kind = PERSON
        if all(_same(fits[0], other, rules) for other in fits[1:]):
            c.refers_to = fits[0]


def _aliases(doc: _Doc, cues: Sequence[str]) -> list[Link]:
    """X, alias Y / X, known as Y / X (a.k.a. Y): Y is another name of X."""
    pattern = re.compile(
        r"\s*[,(]?\s*(?:" + "|".join(re.escape(c) for c in cues) + r")\s+[\"'\u201c\u2018]?", re.IGNORECASE
    )
    by_start = {c.start: c for c in doc.candidates}
    links = []
    for c in doc.candidates:
        if not c.kind:
            continue
        m = pattern.match(doc.text, c.end)
        other = by_start.get(m.end()) if m else None
        if other is None or other is c:
            continue
        x = c.refers_to or c.name(doc.text)
        other.kind = other.kind or c.kind
        other.refers_to = x
        links.append(Link(x, other.name(doc.text), f"alias in text: {doc.doc}"))
    return links


def _mentions(doc: _Doc, acronyms: Mapping[str, tuple[str, str]]) -> list[Mention]:
    text = doc.text
    found = [
        Mention(doc.doc, c.start, c.end, text[c.start : c.end], c.name(text), c.kind, c.refers_to)
        for c in doc.candidates
        if c.kind
    ]
    for t in doc.acronyms:
        if t.word in acronyms:
            kind = acronyms[t.word][1]
            own = doc.definitions.get(t.word, ("", ""))[0]
            found.append(Mention(doc.doc, t.start, t.end, t.text, t.word, kind, own))
    return sorted(found, key=lambda m: (m.start, m.end))


def _consistent(links: Iterable[Link], rules: Rules) -> list[Link]:
    """Drop the links of a name that different documents tie to different entities."""
    partners: dict[str, set[str]] = defaultdict(set)
    for link in links:
        partners[link.right].add(link.left)
    kept = []
    for link in links:
        others = sorted(partners[link.right])
        if all(_same(others[0], o, rules) for o in others[1:]):
            kept.append(link)
    return kept


def extract_documents(
    documents: Mapping[str, str],
    *,
    known: Mapping[str, str] | Known | None = None,
    rules: Rules | None = None,
    text_rules: TextRules | None = None,
) -> Extraction:
    """Mentions of every document, and the links (aliases, acronyms, bare names) the texts give.

    `known` maps names (an alias table's) to their type: they count as names wherever they stand.

    >>> docs = {"a.txt": "Gen. Ali al-Hakim spoke. Later Hakim left the Kataib Hezbollah (KH) office."}
    >>> for m in extract_documents(docs).mentions:
    ...     print(m.start, m.end, m.surface, "|", m.name, m.type, m.refers_to or "-")
    0 17 Gen. Ali al-Hakim | Ali al-Hakim person -
    31 36 Hakim | Hakim person Ali al-Hakim
    46 62 Kataib Hezbollah | Kataib Hezbollah organisation -
    64 66 KH | KH organisation Kataib Hezbollah
    """
    rules = rules or default_rules()
    extractor = _extractor(rules, text_rules or default_text_rules())
    if not isinstance(known, Known):
        known = Known.of(known or {}, rules)
    docs = [extractor.read(d, documents[d], known.keys) for d in sorted(documents)]
    acronyms: dict[str, tuple[str, str]] = {}
    for doc in docs:
        for acronym, definition in sorted(doc.definitions.items()):
            acronyms.setdefault(acronym, definition)
    for name, kind in known.acronyms.items():
        acronyms.setdefault(name, (name, kind))
    people = sorted({p for doc in docs for p in _full_people(doc, rules)})
    mentions: list[Mention] = []
    links: list[Link] = []
    for doc in docs:
        _split_run_together(doc, people, rules)
        _refer(doc, rules)
        links += _aliases(doc, extractor.t.alias_cues)
        found = _mentions(doc, acronyms)
        mentions += found
        links += [
            Link(m.refers_to, m.name, f"same document: {doc.doc}")
            for m in found
            if m.refers_to and m.refers_to != m.name
        ]
    for acronym, (long_name, _) in sorted(acronyms.items()):
        if long_name != acronym:
            links.append(Link(long_name, acronym, "acronym in text"))
    first: dict[tuple[str, str], Link] = {}
    for link in sorted(_consistent(links, rules), key=lambda k: (k.left, k.right, k.reason)):
        first.setdefault((link.left, link.right), link)
    return Extraction(tuple(mentions), tuple(first.values()))


def extract_mentions(
    text: str,
    doc: str = "",
    *,
    known: Mapping[str, str] | Known | None = None,
    rules: Rules | None = None,
    text_rules: TextRules | None = None,
) -> list[Mention]:
    """The mentions of people and organisations in one text, in order.

    >>> [(m.name, m.type) for m in extract_mentions("Interior Minister Uthman al-Ghanimi's deputy")]
    [('Uthman al-Ghanimi', 'person')]
    """
    result = extract_documents({doc: text}, known=known, rules=rules, text_rules=text_rules)
    return list(result.mentions)
