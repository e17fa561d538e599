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


MAX_SHOWN = 80  # characters of a value an error message quotes; a 700 KB value makes no message


def shown(value: object, limit: int = MAX_SHOWN) -> str:
    """The repr of a value for an error message, cut to `limit` characters with an ellipsis.

    >>> shown("Kadhimi"), shown("x" * 100, 10)
    ("'Kadhimi'", "'xxxxxxxx…")
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def one_line(message: str, limit: int = 1000) -> str:
    """An error message as one line of bounded length, whatever values it quotes."""
    flat = " ".join(message.splitlines())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
