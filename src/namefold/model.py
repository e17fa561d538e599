"""The small immutable records that flow between namefold's stages (standard library only)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from types import MappingProxyType
from typing import Any


class Role(str, Enum):
    """What a name element is, which decides what it is compared with."""

    GIVEN = "given"  # first name
    MIDDLE = "middle"  # father's and grandfather's names in a chain
    SURNAME = "surname"  # family name, laqab or nisba: the last element of a full name
    KUNYA = "kunya"  # Abu X / Umm X before the other names
    SINGLE = "single"  # the only element: a bare surname or a one-word name


class Kind(str, Enum):
    """What a name names: names of different kinds are never one entity."""

    PERSON = "person"
    ORGANISATION = "organisation"


@dataclass(frozen=True, slots=True)
class Element:
    """One name element: a word, or a compound such as Abd al-Wahab or Abu Mahdi."""

    text: str  # the element as written, titles and punctuation removed
    stem: str  # lowercase ASCII of the core word (wahab, mahdi, kadhimi)
    role: Role
    prefix: str = ""  # abd / abu / umm: part of the element's identity
    suffix: str = ""  # din / dawla ... of compounds such as Nur al-Din
    article: str = ""  # the article as written before the stem (al, el, ash ...), if any
    connector: str = ""  # bin / ibn / bint before a father's name, if any
    vocalised: bool = True  # False for words from Arabic script, where short vowels are unwritten
    # Worked out once: elements are cache keys of every word comparison, and their key is read
    # by most of them.
    _hash: int = field(init=False, repr=False, compare=False)
    key: str = field(init=False, repr=False, compare=False)  # identity for exact comparison

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash(self._fields()))
        object.__setattr__(self, "key", f"{self.prefix}{self.stem}{self.suffix}")

    def _fields(self) -> tuple[object, ...]:
        return (
            self.text,
            self.stem,
            self.role,
            self.prefix,
            self.suffix,
            self.article,
            self.connector,
            self.vocalised,
        )

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[Callable[..., Element], tuple[object, ...]]:
        # Rebuilt, not copied: the cached hash of str fields differs between processes.
        return _element, self._fields()


@lru_cache(maxsize=500_000)
def _element(*fields: Any) -> Element:
    """One object per distinct element, in a process that receives elements from another."""
    return Element(*fields)


@dataclass(frozen=True, slots=True)
class Name:
    """A parsed name: the raw text and its elements in natural order."""

    raw: str
    elements: tuple[Element, ...]
    titles: tuple[str, ...] = ()  # a person's titles; an organisation's legal forms, as written
    kind: Kind = Kind.PERSON
    generation: str = ""  # Jr, Sr, III ... after the name: the son is not the father
    # Given name, surname and kunya: the parts that must agree (a lone word is a surname), and
    # the father's names between them. Derived once here, since every comparison reads them.
    core: Mapping[Role, Element] = field(init=False, repr=False, compare=False)
    middles: tuple[Element, ...] = field(init=False, repr=False, compare=False)
    chain: tuple[Element, ...] = field(init=False, repr=False, compare=False)  # all but the kunya
    # Names with equal keys are the same spelling up to case, marks, articles and titles. The bin
    # of a father's name counts: Ibn Saud (Saud's son) is not Saud.
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        core: dict[Role, Element] = {}
        for e in self.elements:
            if e.role is not Role.MIDDLE:
                core.setdefault(Role.SURNAME if e.role is Role.SINGLE else e.role, e)
        object.__setattr__(self, "core", MappingProxyType(core))
        object.__setattr__(self, "middles", tuple(e for e in self.elements if e.role is Role.MIDDLE))
        object.__setattr__(self, "chain", tuple(e for e in self.elements if e is not core.get(Role.KUNYA)))
        key = " ".join(f"{e.role.value}:{e.connector}{e.key}" for e in self.elements)
        if key and self.generation:
            key = f"{key} {self.generation}"
        object.__setattr__(self, "key", f"org {key}" if key and self.kind is Kind.ORGANISATION else key)

    def __reduce__(self) -> tuple[type[Name], tuple[object, ...]]:
        return Name, (self.raw, self.elements, self.titles, self.kind, self.generation)

    @property
    def is_full(self) -> bool:
        """True when the name has both a given name and a surname (an organisation's: two words or
        more, not an acronym or a bare word)."""
        if self.kind is Kind.ORGANISATION:
            return len(self.elements) > 1
        return Role.GIVEN in self.core and Role.SURNAME in self.core


@dataclass(frozen=True, slots=True)
class Match:
    """The comparison of two names: a score in [0, 1], the verdict and why."""

    left: str
    right: str
    score: float
    same: bool
    reasons: tuple[str, ...] = ()
    partial: bool = False  # one side gives only part of the other (a bare surname)
    conflict: bool = False  # a part both names have clearly differs: never the same entity


@dataclass(frozen=True, slots=True)
class Member:
    """A distinct input name in a cluster, with how often it occurred."""

    name: str
    count: int


@dataclass(frozen=True, slots=True)
class Cluster:
    """One entity: its id, canonical spelling, members and the matches that joined them."""

    id: str
    canonical: str
    members: tuple[Member, ...]
    edges: tuple[Match, ...] = ()
    type: str = ""  # from the alias table, when an entity there gave the cluster its id


@dataclass(frozen=True, slots=True)
class Resolution:
    """The result of resolving a list of names: clusters sorted by id."""

    clusters: tuple[Cluster, ...]
    stats: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    # Names left alone because they fit several people (a bare al-Tamimi), with those clusters' ids.
    ambiguous: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)

    def cluster_of(self) -> dict[str, str]:
        """Map every input name to its cluster id."""
        return {m.name: c.id for c in self.clusters for m in c.members}


@dataclass(frozen=True, slots=True)
class Entity:
    """An entry of the alias table."""

    id: str
    canonical: str
    type: str = ""
    aliases: tuple[str, ...] = ()
    not_same_as: tuple[str, ...] = ()
    line: int = 0  # where the entry starts in its file, for messages

    @property
    def names(self) -> tuple[str, ...]:
        return (self.canonical, *self.aliases)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in a document: where it stands (text[start:end] == surface) and what it names."""

    doc: str
    start: int
    end: int
    surface: str  # exact text, titles before the name and a possessive after it included
    name: str  # the name alone: no title, no possessive
    type: str = "other"  # person, organisation or other
    refers_to: str = ""  # the fuller name of the same text this one stands for (surname, alias)
