"""namefold: resolve transliteration variants of names into entities.

>>> from namefold import resolve
>>> [c.canonical for c in resolve(["Uthman al-Ghanimi", "Othman Al-Ghanimi"]).clusters]
['Uthman al-Ghanimi']
"""

from namefold.aliases import AliasTable, parse_alias_table, read_alias_table
from namefold.compare import DEFAULT_THRESHOLD, compare_names
from namefold.errors import AliasTableError, InputError, NamefoldError, RulesError
from namefold.extract import extract_documents, extract_mentions
from namefold.model import Cluster, Element, Entity, Kind, Match, Member, Mention, Name, Resolution, Role
from namefold.normalize import normalized, parse_name
from namefold.pipeline import explain, resolve
from namefold.rules import Rules, default_rules, load_rules

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_THRESHOLD",
    "AliasTable",
    "AliasTableError",
    "Cluster",
    "Element",
    "Entity",
    "InputError",
    "Kind",
    "Match",
    "Member",
    "Mention",
    "Name",
    "NamefoldError",
    "Resolution",
    "Role",
    "Rules",
    "RulesError",
    "__version__",
    "compare_names",
    "default_rules",
    "explain",
    "extract_documents",
    "extract_mentions",
    "load_rules",
    "normalized",
    "parse_alias_table",
    "parse_name",
    "read_alias_table",
    "resolve",
]
