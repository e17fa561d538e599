"""The errors namefold raises on bad input, so the CLI can report them in one line.

NamefoldError          anything the user can fix: the message names the file, line and field
├── InputError         a names file or gold file that cannot be read as promised
├── AliasTableError    an alias table that is not valid YAML or breaks the schema
└── RulesError         a rule table that is malformed (a duplicate, an unknown symbol)
"""

from __future__ import annotations


class NamefoldError(Exception):
    """Bad input the user can fix; the message is one line and names where the problem is."""


class InputError(NamefoldError):
    """A names file (or gold file) that cannot be read."""


class AliasTableError(NamefoldError):
    """An alias table that cannot be used."""


class RulesError(NamefoldError):
    """A rule table that is malformed."""


def located(path: object, line: int | None, message: str) -> str:
    """Format `file: line N: message` the same way everywhere."""
    where = f"{path}: line {line}" if line is not None else f"{path}"
    return f"{where}: {message}"
