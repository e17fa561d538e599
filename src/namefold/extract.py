"""Raw text -> Mentions: the names of people and organisations in news text, with exact offsets.

The contract: offsets are Python string indices into the document's text as decoded (a UTF-8
byte-order mark removed, line ends kept as they are), so `text[m.start:m.end] == m.surface`.
A capitalised run of words becomes a person only with evidence (a title before it, a name
particle such as al- or Abu, a given name of the lists, or a fuller name that a bare surname
fits), an organisation only with a cue word (Brigades, Movement, Kataib ...), a lowercase one
after it (militia) or as a listed organisation (Hamas, ISIS). State bodies, outlets and places
are not reported. The title lines of a page give names with strong evidence only; headlines after
the text are skipped. Rules are data: names.yaml (particles, titles) and text.yaml (everything
text needs on top).

The corpus steps need all documents at once: acronyms defined in one document ("Long Name
(ACR)") are found in the others, a run of two surnames ("al-Kazemi al-Khikani") is split when
each fits a different full name found anywhere, a lone surname that fits no one in its document
is a person when it fits one person of the others, and the names of one listed organisation are
linked wherever they stand.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from namefold.compare import compare_names
from namefold.model import Kind, Mention, Name
from namefold.normalize import parse_name
from namefold.rules import Rules, default_rules
from namefold.sounds import skeleton_keys
from namefold.text_rules import TextRules, default_text_rules, org_key

PERSON, ORGANISATION, OTHER = "person", "organisation", "other"
# The reason of a link that only says a bare name fits two people of one document: it is never
# output, but it keeps every spelling of that name from being tied to one of them elsewhere.
AMBIGUOUS = "ambiguous"
_APOSTROPHES = "'\u2019\u2018"
# Hyphens as typed: ASCII, U+2010 hyphen, U+2011 non-breaking hyphen, U+2013 en dash between letters.
_HYPHENS = "-\u2010\u2011\u2013"
# Marks that are invisible inside a word (soft hyphen, zero-width space and joiners, word joiner):
# they belong to the word they stand in and are dropped from the name.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060"
_DROP_INVISIBLE = str.maketrans(dict.fromkeys(_INVISIBLE))
_WORD = str.maketrans({**{h: "-" for h in _HYPHENS[1:]}, **dict.fromkeys(_INVISIBLE)})
# Marks of the Arabic ayin written before a word in transliteration (U+2018 Abdi, U+02BF Ali).
_AYIN = "\u2018\u02bf\u02bb"
# A lowercase or capitalised prefix joined by a hyphen to a capitalised word (ex-Al-Qaeda).
_PREFIX = re.compile(r"([A-Za-z]+)[\-\u2010\u2011](?=[A-Z])")
# A word: letters and digits, joined inside by hyphens and apostrophes (al-Kadhimi, Mu'ammar,
# Kadhimi's); or an initial with its dot when a capitalised word follows (George W. Bush).
_TOKEN = re.compile(
    r"(?<![.\w])[^\W\d_]\.(?=[ \t\u00a0][^\W\d_])"
    r"|[^\W_]+(?:[\u00ad\u200b\u200c\u200d\u2060]+[^\W_]+|['\u2019\u2018\-\u2010\u2011\u2013][^\W_]+)*"
    r"(?:(?<=s)['\u2019](?=[ \t\u00a0][A-Z]))?"
)
_SENTENCE_END = re.compile("[.!?:;\u2026][\"'\u201d\u2019)\\]]*$")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}")
_DEFINITION = re.compile(r" \((" + _ACRONYM.pattern + r")\)")
# Between two words of a name: spaces or tabs, or one line break inside a paragraph.
_SPACE = "[ \t\u00a0\u2009\u202f]"
_GAP = re.compile(f"{_SPACE}+|{_SPACE}*(?:\r\n|\n|\r){_SPACE}*")
_LINE = re.compile(r"[^\r\n]+")
_LINE_BREAK = ("\n", "\r\n", "\r")
_LOOSE_SPACE = re.compile(r"\s+")
_AND = re.compile(r"[ \t\u00a0]+(?:and|or)[ \t\u00a0]+")
# Longer runs of name words are not one name (a line of "Ali Ali Ali ..." would be).
MAX_PERSON_WORDS = 8
MAX_RUN_WORDS = 16


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
    people: tuple[str, ...] = ()  # full names of people: a lone surname in a text may fit one

    @classmethod
    def of(cls, names: Mapping[str, str], rules: Rules | None = None) -> Known:
        """Index names (name -> type) by the spelling the extractor compares."""
        rules = rules or default_rules()
        keys = {parse_name(n, rules).key: t for n, t in sorted(names.items())}
        acronyms = {n: t or ORGANISATION for n, t in sorted(names.items()) if _ACRONYM.fullmatch(n)}
        people = tuple(n for n, t in sorted(names.items()) if t == PERSON and _parts(n, rules) > 1)
        return cls(keys, acronyms, people)


@dataclass(frozen=True, slots=True)
class _Token:
    text: str  # as written
    start: int
    end: int
    possessive: bool  # ends in 's or s': the name ends before the apostrophe
    word: str  # without the possessive, every hyphen written "-"
    lower: str  # word in lowercase, computed once: the rule lists are compared against it

    @property
    def cut(self) -> int:
        """Characters of the possessive at the end ('s: 2, s': 1, none: 0)."""
        return (1 if self.text[-1] in _APOSTROPHES else 2) if self.possessive else 0

    @classmethod
    def of(cls, text: str, start: int) -> _Token:
        """A token with its forms computed once, since every rule compares them."""
        plural = len(text) > 2 and text[-1] in _APOSTROPHES  # Workers' (the regex allows it after s only)
        possessive = plural or (len(text) > 2 and text[-2] in _APOSTROPHES and text[-1] in "sS")
        cut = 1 if plural else 2 if possessive else 0
        word = text[: len(text) - cut].translate(_WORD).lstrip(_AYIN)
        return cls(text, start, start + len(text), possessive, word, word.lower())


def _loose(text: str) -> str:
    """Runs of spaces, tabs and line breaks inside a name read as one space (a single NBSP stays).

    Invisible marks inside words (a soft hyphen, a zero-width space) are dropped.
    """
    text = text.translate(_DROP_INVISIBLE)
    return _LOOSE_SPACE.sub(lambda m: m.group() if m.group() in (" ", "\u00a0") else " ", text)


@dataclass
class _Candidate:
    """A run of name words with what is known about it so far."""

    start: int  # surface start (a capitalised title before the name included)
    end: int  # surface end (a possessive included)
    tokens: list[_Token]  # the name's words
    kind: str = ""  # person / organisation, or "" while unknown
    titled: bool = False
    refers_to: str = ""
    headline: bool = False  # found in a headline or a menu line: kept only with strong evidence

    def name(self, text: str) -> str:
        """The name as written, without title or possessive, its inner spacing made single."""
        last = self.tokens[-1]
        return _loose(text[self.tokens[0].start : last.end - last.cut])


@dataclass
class _Doc:
    doc: str
    text: str
    candidates: list[_Candidate] = field(default_factory=list)
    acronyms: list[_Token] = field(default_factory=list)
    definitions: dict[str, tuple[str, str]] = field(default_factory=dict)  # acronym -> (name, type)
    places: set[str] = field(default_factory=set)  # words the text uses as places (in Kobani)
    ambiguous: list[Link] = field(default_factory=list)  # a bare name and each person it fits


@dataclass(frozen=True, slots=True)
class _Line:
    """What the page-noise rules need to know of one line."""

    start: int
    end: int
    headline: bool  # mostly capitalised words and no sentence ending
    ending: bool  # ends a sentence
    open_end: bool  # stops mid-sentence: a comma, a hyphen or a function word last
    words: int


def _wrapped(text: str, lines: Sequence[_Line], n: int) -> bool:
    """Is line n a paragraph's sentence running on over a line break, not a headline?"""
    line = lines[n]
    if n > 0:
        before = lines[n - 1]
        if text[before.end : line.start] in _LINE_BREAK and not before.headline and not before.ending:
            return True  # the sentence of the line before goes on here
    if n + 1 < len(lines):
        after = lines[n + 1]
        if text[line.end : after.start] in _LINE_BREAK and not after.headline and line.open_end:
            return True  # this line stops mid-sentence and the next goes on
    return False


def _between(headline: Sequence[bool], n: int, depth: int) -> bool:
    """Are the `depth` lines on each side of line n all headlines?"""
    return depth <= n < len(headline) - depth and all(
        headline[n - d] and headline[n + d] for d in range(1, depth + 1)
    )


def _phrase(tokens: Sequence[_Token]) -> str:
    """Words as the place and not-name lists are compared: lowercase, hyphens read as spaces."""
    return " ".join(t.lower for t in tokens).replace("-", " ")


class _Extractor:
    """The rule tables indexed for extraction; one per pair of rule sets."""

    def __init__(self, rules: Rules, text_rules: TextRules) -> None:
        self.rules, self.t = rules, text_rules
        titles = set(rules.titles) | set(text_rules.titles)
        titles |= {("-".join(t),) for t in titles if len(t) > 1}  # Secretary-General, Vice-President
        titles |= {(*t[:-1], t[-1] + "s") for t in titles if len(t[-1]) > 3}  # Deputy Foreign Ministers
        self.title_words = frozenset(w for t in titles for w in t)
        self.titles_by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        self.titles_by_last: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for title in sorted(titles, key=lambda t: (-len(t), t)):
            self.titles_by_first[title[0]].append(title)
            self.titles_by_last[title[-1]].append(title)
        self.abbreviations = text_rules.title_abbreviations
        self.particles = frozenset(rules.articles | rules.nasab | set(rules.kunya) | rules.abd_words)
        self.loose_particles = self.particles - text_rules.english_articles
        self.skip = text_rules.function_words | text_rules.calendar
        self.not_names = frozenset(n.replace("-", " ") for n in text_rules.not_names)
        self.common = (
            text_rules.function_words
            | text_rules.calendar
            | text_rules.demonyms
            | text_rules.organisation_cues
            | text_rules.place_cues
            | {w for t in titles for w in t}
        )
        self.alias = re.compile(
            r"\s*[,(]?\s*(?:"
            + "|".join(re.escape(c) for c in text_rules.alias_cues)
            + r")\s+[\"'\u201c\u2018]?",
            re.IGNORECASE,
        )
        given: dict[str, list[Name]] = defaultdict(list)
        for word in text_rules.given_names:
            parsed = parse_name(word, rules)
            for key in skeleton_keys(parsed.elements[0].stem, rules):
                given[key].append(parsed)
        self.given = dict(given)
        listed = [n for group in text_rules.organisations for n in group if not n.isupper()]
        self.organisations = {tuple(n.split()) for n in listed}
        self.organisation_starts = frozenset(n[0] for n in self.organisations)
        self.organisation_of = {n: group[0] for group in text_rules.organisations for n in group}
        self.given_words = frozenset(text_rules.given_names)
        self.joiners = self.particles | text_rules.name_joiners
        self.longest_organisation = max((len(o) for o in self.organisations), default=0)

    # --- words -----------------------------------------------------------------------------

    def tokens(self, text: str, start: int, end: int) -> list[_Token]:
        """The words of text[start:end]: every rule works on these, never on characters.

        An ayin mark (U+2018, U+02BF) before a capitalised word inside a name belongs to the word.
        """
        found: list[_Token] = []
        for m in _TOKEN.finditer(text, start, end):
            at, word = self.compound(m.group(), m.start())
            if word != m.group():  # ex-Al-Qaeda, Trump-era: the name inside a compound
                found.append(_Token.of(word, at))
                continue
            inside = (
                found
                and found[-1].end == at - 2
                and text[at - 2] in " \u00a0"
                and found[-1].text[:1].isupper()
            )
            if inside and text[at - 1] in _AYIN and word[:1].isupper():
                found.append(_Token.of(text[at - 1 : m.end()], at - 1))
            else:
                found.append(_Token.of(m.group(), at))
        return found

    def compound(self, word: str, at: int) -> tuple[int, str]:
        """The name inside a compound word and where it starts: ex-Al-Qaeda, Trump-era, Iran-backed."""
        if word.isalnum():
            return at, word  # most words: no hyphen at all
        prefix = _PREFIX.match(word)
        if prefix and prefix.group(1).lower() in self.t.word_prefixes:
            at, word = at + prefix.end(), word[prefix.end() :]
        parts = re.split(f"([{_HYPHENS}])", word)
        names, rest = parts[::2], parts[1::2]
        keep = len(names)
        while keep > 1 and names[keep - 1].islower() and names[keep - 1] not in self.joiners:
            keep -= 1
        first = names[0][:1].isupper() or names[0].lower() in self.particles
        if keep < len(names) and first and names[keep - 1][:1].isupper():
            word = "".join(p for pair in zip(names[:keep], rest[:keep], strict=True) for p in pair)[:-1]
        return at, word

    def name_like(self, token: _Token) -> bool:
        """A word that can be part of a name: capitalised, or a particle joined to one."""
        return _name_like(self, token.word)

    def capitalised(self, token: _Token) -> bool:
        return token.word[:1].isupper()

    def is_given(self, word: str) -> bool:
        return _is_given(self, word)

    # --- lines -----------------------------------------------------------------------------

    def noise_lines(self, text: str, lines: Sequence[tuple[int, int, list[_Token]]]) -> set[int]:
        """Starts of lines that are headlines or menu entries, or short teasers between them."""
        kept: list[_Line] = []
        for start, end, tokens in lines:
            words = [t for t in tokens if any(c.isalpha() for c in t.text)]
            content = [t for t in words if t.lower not in self.t.function_words]
            if not content:
                continue
            capital = sum(1 for t in content if self.capitalised(t)) / len(content)
            line = text[start:end].rstrip()
            ending = bool(_SENTENCE_END.search(line))
            open_end = line.endswith((",", "-")) or (
                words[-1].lower in self.t.function_words and words[-1].end == start + len(line)
            )
            headline = capital >= self.t.headline_share and not ending
            kept.append(_Line(start, end, headline, ending, open_end, len(words)))
        if len(kept) < 2:
            return set()  # a text of one line (a record's field, a title) is read whole
        headline = [line.headline and not _wrapped(text, kept, n) for n, line in enumerate(kept)]
        noise: set[int] = set()
        for n, line in enumerate(kept):
            if headline[n] or (_between(headline, n, 1) and not self.prose(line, headline, n)):
                noise.add(line.start)
        return noise

    def prose(self, line: _Line, headline: Sequence[bool], n: int) -> bool:
        """Is a line between two headlines a paragraph of its own, not a teaser in a list?"""
        return line.ending and line.words > self.t.teaser_words and not _between(headline, n, 2)

    def blocks(self, text: str) -> Iterator[tuple[list[_Token], bool]]:
        """The words of each run of adjacent lines, and whether they are the title lines of the page.

        A name may wrap from one line of prose to the next. The headlines and menu lines before the
        first paragraph (the article's title) are blocks of their own; those after it (lists of
        other articles) are skipped.
        """
        lines = [(m.start(), m.end(), self.tokens(text, m.start(), m.end())) for m in _LINE.finditer(text)]
        noise = self.noise_lines(text, lines)
        block: list[_Token] = []
        previous: int | None = None  # where the block's last line ends; None: no block open
        prose = False  # has a paragraph begun?
        for start, end, tokens in lines:
            if start in noise or not text[start:end].strip():
                previous = None  # a headline or a blank line ends a paragraph
                if start in noise and not prose and not block:
                    yield tokens, True
                continue
            prose = True
            if previous is None or text[previous:start] not in _LINE_BREAK:
                if block:
                    yield block, False
                block = []
            block += tokens
            previous = end
        if block:
            yield block, False

    # --- runs ------------------------------------------------------------------------------

    def gap(self, text: str, left: _Token, right: _Token) -> bool:
        """May two words of one name stand this far apart (spaces, a wrap, "Gen. " after a short title)?"""
        gap = text[left.end : right.start]
        if gap[:1] == "." and left.lower in self.abbreviations:
            gap = gap[1:]
        if _GAP.fullmatch(gap) is None:
            return False
        return not any(b in gap for b in "\r\n") or self.wrapped_at(text, left.end)

    def wrapped_at(self, text: str, end: int) -> bool:
        """Is the line ending at `end` as long as text wrapped at a margin (no byline, no paragraph)?"""
        line_start = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1
        line_end = text.find("\n", end)
        length = (len(text) if line_end < 0 else line_end) - line_start
        return self.t.wrap_min_chars <= length <= self.t.wrap_max_chars

    def joins(self, text: str, left: _Token, right: _Token) -> bool:
        """May `right` continue the run that `left` ends?"""
        return not left.possessive and self.gap(text, left, right) and self.name_like(right)

    def runs(self, text: str, tokens: list[_Token]) -> Iterator[tuple[int, int]]:
        """(first, last + 1) token indices of each run of name words; a listed organisation is a run."""
        listed = self.listed_spans(text, tokens)
        i = 0
        while i < len(tokens):
            if i in listed:
                yield i, listed[i]
                i = listed[i]
                continue
            capitals = self.capitals_at(text, tokens, i)
            if capitals:
                yield i, capitals
                i = capitals
                continue
            if not self.name_like(tokens[i]):
                i += 1
                continue
            j, cue = i + 1, self.cue(tokens[i])
            while j < len(tokens) and j not in listed:
                if self.joins(text, tokens[j - 1], tokens[j]) or self.possessive_inside(text, tokens, j):
                    cue = cue or self.cue(tokens[j])
                    j += 1
                elif self._bridge(text, tokens, j, cue) and j + 1 not in listed:
                    cue = cue or self.cue(tokens[j + 1])
                    j += 2
                else:
                    break
            yield i, j
            i = j

    def capitals_at(self, text: str, tokens: Sequence[_Token], i: int) -> int:
        """End of a name written in capitals that starts at token i (THAIER AL-SUDANI), or 0.

        Words in capitals are acronyms unless two or more stand together with a name's evidence:
        a particle (AL-, ABU, BIN) or a listed given name.
        """
        j = i
        while j < len(tokens) and _capitals(tokens[j].word) and tokens[j].lower not in self.skip:
            if j > i and (tokens[j - 1].possessive or not self.gap(text, tokens[j - 1], tokens[j])):
                break
            j += 1
        run = tokens[i:j]
        if not 2 <= len(run) <= MAX_PERSON_WORDS or any(t.word in self.t.organisation_acronyms for t in run):
            return 0
        particle = any(len(t.lower.split("-")) > 1 and t.lower.split("-")[0] in self.particles for t in run)
        return j if particle or self.listed_given(run[0].word) else 0

    def listed_spans(self, text: str, tokens: Sequence[_Token]) -> dict[int, int]:
        """first -> last + 1 of each listed organisation of two words or more (longest first)."""
        spans: dict[int, int] = {}
        i = 0
        while i < len(tokens):
            end = self.listed_at(text, tokens, i)
            if end:
                spans[i] = end
                i = end
            else:
                i += 1
        return spans

    def listed_at(self, text: str, tokens: Sequence[_Token], i: int) -> int:
        """End of the longest listed organisation of two words or more starting at token i (0: none)."""
        if not set(_org_words(tokens[i].lower)[:1]) & self.organisation_starts:
            return 0
        words: list[str] = []
        best = 0
        for k in range(i, len(tokens)):
            if k > i and not (self.gap(text, tokens[k - 1], tokens[k]) and not tokens[k - 1].possessive):
                break
            words += _org_words(tokens[k].lower)
            if len(words) > self.longest_organisation:
                break
            if len(words) > 1 and tuple(words) in self.organisations and self.capitalised(tokens[k]):
                best = k + 1
        return best

    def possessive_inside(self, text: str, tokens: Sequence[_Token], j: int) -> bool:
        """Workers' Party, People's Protection Units: a possessive inside an organisation's name."""
        left = tokens[j - 1]
        if not left.possessive or not (left.cut == 1 or left.lower in self.t.possessive_inside_names):
            return False
        k = j
        while k < len(tokens) and self.name_like(tokens[k]) and self.gap(text, tokens[k - 1], tokens[k]):
            if self.cue(tokens[k]):
                return True
            if tokens[k].possessive:
                return False
            k += 1
        return False

    def _bridge(self, text: str, tokens: list[_Token], j: int, cue: bool) -> bool:
        """A lowercase particle (bin, al) or an organisation's joiner (of) inside a run."""
        if j + 1 >= len(tokens) or tokens[j - 1].possessive:
            return False
        word = tokens[j].text
        particle = word in self.loose_particles
        joiner = word in self.t.organisation_joiners and cue
        if not (particle or joiner) or not _GAP.fullmatch(text[tokens[j - 1].end : tokens[j].start]):
            return False
        return _GAP.fullmatch(text[tokens[j].end : tokens[j + 1].start]) is not None and self.name_like(
            tokens[j + 1]
        )

    def cue(self, token: _Token) -> bool:
        """Does the word mark an organisation (Brigades, Ministry, Kataib-...)?"""
        return any(p in self.t.organisation_cues for p in token.lower.split("-"))

    def place(self, token: _Token) -> bool:
        """Does the word mark a place (Shrine, Airport, Street, Base ...)?"""
        return token.lower in self.t.place_cues

    def last_cue(self, tokens: Sequence[_Token]) -> str:
        """The type the last cue word of a run gives: a place's head noun comes last (Army Base)."""
        for t in reversed(tokens):
            if self.place(t) or t.lower in self.t.body_cues:
                return OTHER
            if self.cue(t):
                return ORGANISATION
        return ""

    def title_at(self, words: Sequence[str], k: int) -> int:
        """Length of the longest title that words[k:] start with (0 for none)."""
        for title in self.titles_by_first.get(words[k], ()):
            if tuple(words[k : k + len(title)]) == title:
                return len(title)
        return 0

    def title_before(self, text: str, tokens: list[_Token], i: int, j: int) -> tuple[int, int]:
        """A title ending inside the run's first words or just before it: (first token, words in run)."""
        found = []
        for last in range(i - 1, j - 1) if i else ():
            for title in self.titles_by_last.get(tokens[last].lower, ()):
                first = last - len(title) + 1
                if first < 0 or first >= i or tuple(t.lower for t in tokens[first : last + 1]) != title:
                    continue
                chain = tokens[first : max(last, i) + 1]  # the title, and the run's first word
                if any(t.possessive or not self.gap(text, t, u) for t, u in itertools.pairwise(chain)):
                    continue
                found.append((-len(title), title, last - i + 1, first))
        if not found:
            return i, 0
        _, _, inside, first = min(found)
        return first, inside

    def inner_title(self, run: Sequence[_Token], words: Sequence[str]) -> tuple[int, int] | None:
        """(title start, name start) of a title inside a run, after an organisation or a place."""
        lead = 0  # leading titles and demonyms (Defence Minister ...) are the person's, not a head
        while lead < len(run):
            n = self.title_at(words, lead)
            if not n and words[lead] not in self.t.demonyms and words[lead] not in self.t.honorifics:
                break
            lead += n or 1
        for p in range(max(lead, 1), len(run) - 1):
            n = self.title_at(words, p)
            if not n:
                continue
            q = p + n
            while q < len(run) and (m := self.title_at(words, q)):
                q += m
            tail, head = run[q:], run[:p]
            if not tail or any(self.cue(t) or self.place(t) for t in tail):
                continue
            kind = self.last_cue(head)
            if kind == ORGANISATION and (len(head) > 1 or "-" in head[0].word):
                return p, q
            if kind == OTHER or _phrase(head) in self.not_names:
                return p, q
            evidence = self.has_particle(head) or any(self.is_given(t.word) for t in head)
            if not evidence and words[p] not in self.t.titles_inside_names:
                return p, q  # Basra Governor X: a word before the title that is no name
            tail_name = self.is_given(tail[0].word) or self.has_particle(tail)
            if evidence and p - lead >= 2 and len(tail) >= 2 and tail_name:
                return p, q  # Khalifa bin Zayed Sheikh Mohammed bin Rashid: two names, a comma lost
        return None

    def candidates(self, text: str, tokens: list[_Token], i: int, j: int) -> list[_Candidate]:
        """What a run names: an organisation, a titled person, both, or nothing (a place)."""
        if j - i > MAX_RUN_WORDS:
            return []
        run = tokens[i:j]
        words = [t.lower for t in run]
        if self.listed(run):
            return [_Candidate(run[0].start, run[-1].end, run, kind=ORGANISATION)]
        if self.outlet_after(text, run[-1]):
            return []  # the Al-Hadath TV channel
        if len(run) > 1 and self.listed(run[-1:]) and self.last_cue(run[:-1]) == ORGANISATION:
            head, tail = run[:-1], run[-1:]  # the Islamic Resistance Movement Hamas
            return [_Candidate(r[0].start, r[-1].end, r, kind=ORGANISATION) for r in (head, tail)]
        split = self.inner_title(run, words)
        if split is not None:
            p, q = split
            head = run[:p]
            found = []
            if self.last_cue(head) == ORGANISATION and (len(head) > 1 or "-" in head[0].word):
                found.append(_Candidate(head[0].start, head[-1].end, head, kind=ORGANISATION))
            elif self.last_cue(head) != OTHER and _phrase(head) not in self.not_names:
                first = self.person(text, tokens, i, i + p)  # two names run together: A bin B Sheikh C
                found += [first] if first and first.kind == PERSON and len(first.tokens) > 1 else []
            person = self.person(text, tokens, i + q, j, titled=True, start=run[p].start)
            return found + ([person] if person else [])
        given = self.inner_given(run)
        if given:
            head = run[:given]
            found = []
            if self.last_cue(head) == ORGANISATION:
                found.append(_Candidate(head[0].start, head[-1].end, head, kind=ORGANISATION))
            person = self.person(text, tokens, i + given, j)
            return found + ([person] if person else [])
        kind = self.last_cue(run)
        if kind == OTHER or _phrase(run) in self.not_names:
            return []  # Imam Hussein Shrine, Prince Sultan Air Base, the Foreign Ministry: not reported
        if kind == ORGANISATION and (len(run) > 1 or "-" in run[0].word):
            return [_Candidate(run[0].start, run[-1].end, run, kind=ORGANISATION)]
        person = self.person(text, tokens, i, j)
        if person and not person.titled and self.place_of(tokens, i):
            return []  # the town of Kobani
        if (
            person
            and not person.kind
            and not _compound(text, run)
            and self.organisation_after(text, tokens, j)
        ):
            person.kind = ORGANISATION  # the Al-Majd security apparatus; not pro-Iran militias
        return [person] if person else []

    def listed(self, run: Sequence[_Token]) -> bool:
        """Is the run one of the listed organisations (Hamas, al-Qaeda, Islamic State)?"""
        return tuple(p for t in run for p in _org_words(t.lower)) in self.organisations

    def inner_given(self, run: Sequence[_Token]) -> int:
        """Where a person's name starts after an organisation or a place in one run (0: nowhere).

        Head of the Atomic Energy Organization of Iran Ali Akbar Salehi; Ambassador to Abu Dhabi
        Mohamed Al-Bishr: the words before the given name are an organisation's or a place's.
        """
        for p in range(1, len(run) - 1):
            if not self.listed_given(run[p].word):
                continue
            head, tail = run[:p], run[p:]
            if any(self.cue(t) or self.place(t) for t in tail):
                return 0
            if self.last_cue(head) or _phrase(head) in self.not_names:
                return p
            plain = not self.has_particle(head) and not any(self.is_given(t.word) for t in head)
            titles = all(t.lower in self.title_words | self.t.demonyms | self.t.honorifics for t in head)
            if len(head) > 1 and plain and not titles and len(tail) > 1:
                return p  # for Political Affairs Wendy Sherman: two words that are no name's
        return 0

    def listed_given(self, word: str) -> bool:
        """Is the word a listed given name as written, or built on Allah or al-Din (a strict is_given)?"""
        lower = word.lower()
        endings = len(lower) >= 6 and lower.endswith(self.t.given_name_endings) and "-" not in lower
        return lower in self.given_words or endings

    def outlet_after(self, text: str, last: _Token) -> bool:
        """Is the run followed by TV, channel, newspaper ...: an outlet's name?"""
        after = self.tokens(text, last.end, min(len(text), last.end + 24))[:1]
        return bool(after) and after[0].lower in self.t.outlet_words_after and self.gap(text, last, after[0])

    def place_of(self, tokens: Sequence[_Token], i: int) -> bool:
        """Does the run follow "town of", "city of" ...: a place's name?"""
        return i >= 2 and tokens[i - 1].text == "of" and self.place(tokens[i - 2])

    def organisation_after(self, text: str, tokens: Sequence[_Token], j: int) -> bool:
        """Is the run followed by a lowercase organisation word (movement, militia), one adjective allowed?"""
        for k in (j, j + 1):
            if k >= len(tokens) or not tokens[k].text.islower():
                return False
            if not self.gap(text, tokens[k - 1], tokens[k]):
                return False
            if tokens[k].lower in self.t.organisation_cues_after:
                return True
        return False

    def person(
        self, text: str, tokens: list[_Token], i: int, j: int, titled: bool = False, start: int | None = None
    ) -> _Candidate | None:
        """Strip titles, demonyms and honorifics from a run and say whether it is a person."""
        run = tokens[i:j]
        words = [t.lower for t in run]
        first, k = self.title_before(text, tokens, i, j) if not titled else (i, 0)
        if first < i:
            titled = True
            start = tokens[first].start if self.capitalised(tokens[first]) else None
        while k < len(run):
            n = self.title_at(words, k)
            if n and k + n < len(run):
                start = run[k].start if start is None else start
                titled, k = True, k + n
            elif words[k] in self.t.demonyms or words[k] in self.t.honorifics:
                k += 1
            else:
                break
        name = run[k:]
        if not name or len(name) > MAX_PERSON_WORDS:
            return None
        if all(t.lower in self.title_words or self.cue(t) for t in name):
            return None  # Supreme Commander, Crown Prince: a title with no name
        if _phrase(name) in self.not_names or _phrase(run) in self.not_names:
            return None
        found = _Candidate(name[0].start if start is None else start, name[-1].end, name, titled=titled)
        if len(name) > 1 and (titled or self.is_given(name[0].word)):
            found.kind = PERSON
        elif len(name) > 1 and self.has_particle(name) and not self.after_preposition(text, tokens, i):
            found.kind = PERSON  # al-, Abu, bin: a name, unless a place's (in Jurf al-Sakhar)
        return found

    def after_preposition(self, text: str, tokens: list[_Token], i: int) -> bool:
        """Does the run follow "in", "near", "from" ...: where places stand?"""
        return (
            i > 0
            and tokens[i - 1].lower in self.t.place_prepositions
            and self.gap(text, tokens[i - 1], tokens[i])
        )

    def in_place(self, text: str, tokens: list[_Token], i: int) -> bool:
        """Does the word follow "in" or "near", where it names a place (in Kobani)?"""
        return i > 0 and tokens[i - 1].text in ("in", "near") and self.gap(text, tokens[i - 1], tokens[i])

    def has_particle(self, name: Sequence[_Token]) -> bool:
        """Does a word of the name start with a particle (al-Amiri, Abu, bin)?"""
        return any(t.lower.split("-")[0] in self.particles for t in name)

    # --- a document ------------------------------------------------------------------------

    def read(self, doc: str, text: str, known: Mapping[str, str]) -> _Doc:
        """Candidates, acronyms and acronym definitions of one document."""
        found = _Doc(doc, text)
        for tokens, headline in self.blocks(text):
            for i, j in self.runs(text, tokens):
                if j - i == 1 and (self.place_of(tokens, i) or self.in_place(text, tokens, i)):
                    found.places.add(tokens[i].word)
                for c in self.candidates(text, tokens, i, j):
                    c.headline = headline
                    if known:
                        key = _key(c.name(text), self.rules)
                        if key in known:
                            c.kind = c.kind or known[key] or PERSON
                    found.candidates.append(c)
            found.acronyms += [t for t in tokens if _ACRONYM.fullmatch(t.word)]
        for c in found.candidates:
            self.definition(found, c)
        return found

    def definition(self, doc: _Doc, c: _Candidate) -> None:
        """Long Name (ACR): the acronym names the same thing."""
        m = _DEFINITION.match(doc.text[c.end : c.end + 12])
        if not m or (len(c.tokens) < 2 and "-" not in c.tokens[0].word):
            return
        acronym = m.group(1)
        initials = "".join(p[0] for t in c.tokens for p in t.word.split("-") if p[:1].isupper())
        strict = initials.upper() == acronym.upper()
        if not strict and not (c.kind == ORGANISATION and initials[:1] == acronym[:1]):
            return
        if not c.kind:
            c.kind = ORGANISATION
        doc.definitions.setdefault(acronym, (c.name(doc.text), c.kind))

    def alias_target(self, doc: _Doc, c: _Candidate) -> bool:
        """May c be another name (X, known as c)? Not Iran's, not a bare common word."""
        if c.tokens[-1].possessive:
            return False
        if c.kind or len(c.tokens) > 1:
            return True
        word = c.tokens[0]
        if word.lower in self.common:
            return False
        return re.search(rf"(?<!\w){re.escape(word.lower)}(?!\w)", doc.text) is None


def _compound(text: str, run: Sequence[_Token]) -> bool:
    """Is the run read out of a compound word (pro-Iran, Iran-backed)?"""
    return (
        text[run[0].start - 1 : run[0].start] in _HYPHENS or text[run[-1].end : run[-1].end + 1] in _HYPHENS
    )


def _capitals(word: str) -> bool:
    """Is the word in capitals, with two letters or more (AL-SUDANI, THAIER)?"""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=100_000)
def _name_like(extractor: _Extractor, word: str) -> bool:
    """The name_like test by word, cached: a text repeats its words and the test runs for each."""
    if len(word) == 2 and word[1] == ".":
        return word[0].isupper()
    letters = [c for c in word if c.isalpha()]
    if any(c.isdigit() for c in word) or len(letters) < 2:
        return False
    if all(c.isupper() for c in letters) or word.lower() in extractor.skip:
        return False
    parts = word.split("-")
    if parts[0].lower() in extractor.particles and len(parts) > 1:
        parts = parts[1:]
    joiners = extractor.particles | extractor.t.name_joiners
    inner = all(p[:1].isupper() or p.lower() in joiners for p in parts[1:-1])
    ends = parts[0][:1].isupper() and (parts[-1][:1].isupper() or parts[-1].lower() in extractor.particles)
    return inner and ends


@lru_cache(maxsize=200_000)
def _org_words(lower: str) -> tuple[str, ...]:
    """A word as listed organisations are compared, split where it has hyphens."""
    return tuple(org_key(lower).split())


@lru_cache(maxsize=200_000)
def _key(name: str, rules: Rules) -> str:
    """The spelling Known compares, cached: a text names the same people again and again."""
    return parse_name(name, rules).key


@lru_cache(maxsize=200_000)
def _parts(name: str, rules: Rules) -> int:
    """How many elements (given name, surname ...) a name has, cached: bare names repeat."""
    return len(parse_name(name, rules).elements)


@lru_cache(maxsize=20_000)
def _is_given(extractor: _Extractor, word: str) -> bool:
    """Is the word a common given name, as namefold spells names alike (Qassem = Qasim)?"""
    lower = word.lower()
    if lower in extractor.particles or lower in extractor.common:
        return False  # bin, Asian: a particle or a common word that only sounds like a name
    if len(lower) >= 6 and lower.endswith(extractor.t.given_name_endings) and "-" not in lower:
        return True  # Hibatullah, Sirajuddin: built on Allah or al-Din
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
    """Are two names one person's, by the cached comparison the corpus steps repeat?"""
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
        if c.kind == PERSON and len(c.tokens) > 1 and not _surnames_only(c, rules) and not c.headline
    ]
    return [n for n in dict.fromkeys(names) if _parts(n, rules) > 1]


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


def _fits(name: str, people: Iterable[str], rules: Rules) -> list[str]:
    """The full names that a shorter name fits: by namefold's comparison, or as their last word.

    A lone word that a full name holds only as a father's name (Hamad in Faisal bin Hamad) fits not.
    """
    return [
        p
        for p in people
        if p != name
        and (_compare(name, p, rules)[0] or p.rsplit(" ", 1)[-1] == name)
        and not _fathers_only(name, p, rules)
    ]


def _fathers_only(name: str, full: str, rules: Rules) -> bool:
    """Does the one-word name stand in the full name only after bin, ibn, bint ...?"""
    word, words = name.lower(), _words_of(full)
    at = [k for k, w in enumerate(words) if w == word]
    return " " not in name and bool(at) and all(k > 0 and words[k - 1] in rules.nasab for k in at)


def _words_of(name: str) -> tuple[str, ...]:
    return tuple(name.lower().replace("-", " ").split())


def _inside(name: str, people: Iterable[str]) -> list[str]:
    """The full names that hold the name's words in a row as written (Salman in Salman bin Abdulaziz):
    one document spells one person alike, so a given name alone is found this way too."""
    words = _words_of(name)
    n = len(words)
    found = []
    for p in people:
        full = _words_of(p)
        if p != name and any(full[k : k + n] == words for k in range(len(full) - n + 1)):
            found.append(p)
    return found


def _one(fits: Sequence[str], rules: Rules) -> bool:
    """Are the names all one person's?"""
    return bool(fits) and all(_same(fits[0], other, rules) for other in fits[1:])


@dataclass(frozen=True, slots=True)
class _People:
    """The full names of people in all documents, indexed by the sound of their words."""

    names: frozenset[str]
    ordered: tuple[str, ...]
    by_key: Mapping[str, tuple[str, ...]]

    @classmethod
    def of(cls, people: Iterable[str], rules: Rules, known: Iterable[str] = ()) -> _People:
        """Index each name under the skeleton keys of its words, so a lookup compares a few names.

        `known` people (an alias table's) can be looked up; only the documents' are `ordered`.
        """
        found = frozenset(people)
        names = found | frozenset(known)
        by_key: dict[str, set[str]] = defaultdict(set)
        for person in names:
            for key in _word_keys(person, rules):
                by_key[key].add(person)
        return cls(names, tuple(sorted(found)), {k: tuple(sorted(v)) for k, v in by_key.items()})

    def near(self, name: str, rules: Rules) -> list[str]:
        """The people with a word that sounds like a word of the name: the only ones it can fit."""
        return sorted({p for key in _word_keys(name, rules) for p in self.by_key.get(key, ())})


@lru_cache(maxsize=200_000)
def _word_keys(name: str, rules: Rules) -> frozenset[str]:
    return frozenset(k for e in parse_name(name, rules).elements for k in skeleton_keys(e.stem, rules))


def _refer(doc: _Doc, rules: Rules, corpus: _People | None = None) -> None:
    """A bare surname or shortened name stands for the one full name of the document it fits.

    A lone word that fits no full name of its document is still a person when it fits exactly one
    person of the other documents (Trump after Donald Trump elsewhere), unless the text uses it as
    a place (in Kobani).
    """
    people = _full_people(doc, rules)
    for c in doc.candidates:
        name = c.name(doc.text)
        if c.kind == ORGANISATION or (c.kind == PERSON and _parts(name, rules) > 1):
            continue
        place = len(c.tokens) == 1 and not c.titled and c.tokens[0].word in doc.places
        fits = [] if place else _fits(name, people, rules)
        inside = [] if place else _inside(name, people)
        first = [p for p in inside if _words_of(p)[: len(_words_of(name))] == _words_of(name)]
        if not fits and (_one(inside, rules) or _one(first, rules)):
            fits = inside if _one(inside, rules) else first  # King Salman: the one whose name starts so
        fits = fits or inside
        if not fits:
            if c.titled and _parts(name, rules) == 1:
                c.kind = PERSON  # President Trump: a title before a lone name
            elif not c.kind and not place and len(c.tokens) == 1 and corpus:
                others = _fits(name, corpus.near(name, rules), rules)
                if others and all(_same(others[0], o, rules) for o in others[1:]):
                    c.kind = PERSON
            continue
        c.kind = PERSON
        if all(_same(fits[0], other, rules) for other in fits[1:]):
            c.refers_to = fits[0]
        else:
            doc.ambiguous.append(Link(fits[0], name, AMBIGUOUS))
            doc.ambiguous += [Link(f, name, AMBIGUOUS) for f in fits[1:]]


def _headlines(doc: _Doc, corpus: _People, extractor: _Extractor) -> None:
    """Keep a headline's names only with strong evidence: a listed organisation, a title before a
    given name (Mullah Hassan), or a fit to a person named in prose (the longest such first words)."""
    rules = extractor.rules
    own = _full_people(doc, rules)
    kept = []
    for c in doc.candidates:
        verb = next((k for k, t in enumerate(c.tokens) if t.lower in extractor.t.headline_verbs), None)
        if c.headline and verb:  # Sheikh Ali Hamdan Warns of War
            c.tokens, c.end = c.tokens[:verb], c.tokens[verb - 1].end
        if not c.headline:
            kept.append(c)
        elif c.kind == ORGANISATION:
            if extractor.listed(c.tokens):
                kept.append(c)
        elif c.titled and extractor.is_given(c.tokens[0].word):
            c.kind = PERSON
            kept.append(c)
        elif c.kind == PERSON and all(_capitals(t.word) for t in c.tokens):
            kept.append(c)  # a caption's credit in capitals: REUTERS/THAIER AL-SUDANI
        else:
            for k in range(len(c.tokens), 0, -1):
                name = _loose(doc.text[c.tokens[0].start : c.tokens[k - 1].end - c.tokens[k - 1].cut])
                fits = _fits(name, [*own, *corpus.near(name, rules)] if k > 1 else own, rules)
                if fits or name in own or name in corpus.names:
                    mine = [p for p in fits if p in own]
                    if mine and all(_same(mine[0], p, rules) for p in mine[1:]):
                        c.refers_to = mine[0]  # Abdul Ghani in the headline: Abdul Ghani Baradar below
                    start = c.start if c.titled else c.tokens[0].start
                    c.tokens, c.start, c.end, c.kind = c.tokens[:k], start, c.tokens[k - 1].end, PERSON
                    kept.append(c)
                    break
    doc.candidates = kept


def _aliases(doc: _Doc, extractor: _Extractor) -> list[Link]:
    """X, alias Y / X, known as Y / X (a.k.a. Y): Y is another name of X (an organisation's too)."""
    by_start = {c.start: c for c in doc.candidates}
    links = []
    for c in doc.candidates:
        if not c.kind:
            continue
        m = extractor.alias.match(doc.text, c.end)
        other = by_start.get(m.end()) if m else None
        if other is None or other is c or not extractor.alias_target(doc, other):
            continue
        x = c.refers_to or c.name(doc.text)
        while other is not None:
            if c.kind == ORGANISATION and not other.titled:
                other.kind = ORGANISATION  # Hashd al-Shaabi: its particle made it look like a person
            other.kind = other.kind or c.kind
            other.refers_to = x
            links.append(Link(x, other.name(doc.text), f"alias in text: {doc.doc}"))
            more = _AND.match(doc.text, other.end)  # known as A and B: B, no name of its own, is too
            other = by_start.get(more.end()) if more else None
            if other is not None and (other.kind or not extractor.alias_target(doc, other)):
                other = None
    return links


def _mentions(doc: _Doc, acronyms: Mapping[str, tuple[str, str]]) -> list[Mention]:
    """The typed candidates and the corpus's acronyms of one document, in text order."""
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
    """Drop the links of a name (any spelling namefold reads alike: Al-Shara, Al Shara) that the
    documents tie to different entities, or that one document leaves between two people."""
    links = list(links)
    partners: dict[str, set[str]] = defaultdict(set)
    for link in links:
        partners[_key(link.right, rules)].add(link.left)
    kept = []
    for link in links:
        others = sorted(partners[_key(link.right, rules)])
        if link.reason != AMBIGUOUS and all(_same(others[0], o, rules) for o in others[1:]):
            kept.append(link)
    return kept


def _corpus_acronyms(
    docs: Sequence[_Doc], known: Known, listed: Iterable[str] = ()
) -> dict[str, tuple[str, str]]:
    """Acronym -> (long name, type): the first document's definition wins, then the alias table's,
    then the listed acronyms of well-known organisations."""
    acronyms: dict[str, tuple[str, str]] = {}
    for doc in docs:
        for acronym, definition in sorted(doc.definitions.items()):
            acronyms.setdefault(acronym, definition)
    for name, kind in known.acronyms.items():
        acronyms.setdefault(name, (name, kind))
    for name in sorted(listed):
        acronyms.setdefault(name.upper(), (name.upper(), ORGANISATION))
    return acronyms


def _resolve_document(
    doc: _Doc, corpus: _People, acronyms: Mapping[str, tuple[str, str]], extractor: _Extractor
) -> tuple[list[Mention], list[Link]]:
    """The mentions of one document once the corpus is known, and the links its text gives."""
    rules = extractor.rules
    _split_run_together(doc, corpus.ordered, rules)
    _refer(doc, rules, corpus)
    _headlines(doc, corpus, extractor)
    links = _aliases(doc, extractor) + doc.ambiguous
    found = _mentions(doc, acronyms)
    links += [
        Link(m.refers_to, m.name, f"same document: {doc.doc}")
        for m in found
        if m.refers_to and m.refers_to != m.name
    ]
    return found, links


def _unique_links(links: Iterable[Link], rules: Rules) -> tuple[Link, ...]:
    """The consistent links, one per pair of names, in a fixed order."""
    first: dict[tuple[str, str], Link] = {}
    for link in sorted(_consistent(links, rules), key=lambda k: (k.left, k.right, k.reason)):
        first.setdefault((link.left, link.right), link)
    return tuple(first.values())


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
    acronyms = _corpus_acronyms(docs, known, extractor.t.organisation_acronyms)
    corpus = _People.of({p for doc in docs for p in _full_people(doc, rules)}, rules, known.people)
    mentions: list[Mention] = []
    links = [
        Link(long, acronym, "acronym in text") for acronym, (long, _) in acronyms.items() if long != acronym
    ]
    for doc in docs:
        found, found_links = _resolve_document(doc, corpus, acronyms, extractor)
        mentions += found
        links += found_links
    linked = {frozenset((k.left, k.right)) for k in links}
    links += [k for k in _listed_links(mentions, extractor) if frozenset((k.left, k.right)) not in linked]
    return Extraction(tuple(mentions), _unique_links(links, rules))


def _listed_links(mentions: Iterable[Mention], extractor: _Extractor) -> list[Link]:
    """The names found of one listed organisation (Islamic State, ISIS, Daesh) are one entity."""
    names: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        group = extractor.organisation_of.get(org_key(m.name))
        if group and m.type == ORGANISATION:
            names[group].add(m.name)
    links = []
    for group in sorted(names):
        found = sorted(names[group])
        links += [Link(found[0], other, f"listed organisation: {group}") for other in found[1:]]
    return links


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


def mention_kinds(mentions: Iterable[Mention]) -> dict[str, Kind]:
    """The kind the text gives each name, where every mention of it agrees (a person, an
    organisation): resolving then never joins a person's name with an organisation's."""
    found: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        found[m.name].add(m.type)
    return {name: Kind(kinds.pop()) for name, kinds in found.items() if len(kinds) == 1 and kinds <= _KINDS}


_KINDS = {PERSON, ORGANISATION}
