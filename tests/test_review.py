"""The review CSV: what is written is read back as it was, and what cannot be read is an error."""

from __future__ import annotations

import pytest

from namefold.errors import InputError
from namefold.review import ReviewRow, parse_review, write_review
from namefold.writers import guard, unguard


@pytest.mark.parametrize("name", ["=x", "'=x", "''=x", "'Ali", "-Ali", "@home", "Ali", "'"])
def test_guard_and_unguard_give_back_any_name(name: str) -> None:
    assert unguard(guard(name)) == name
    assert not guard(name).startswith(("=", "+", "-", "@"))


def test_names_and_reasons_survive_the_round_trip() -> None:
    row = ReviewRow(
        "'=HYPERLINK(1)",
        "ali",
        "Ali; Hasan",
        0.8,
        ("given names differ: Ali;Bob vs Omar", "back\\slash", "a; b"),
    )
    (back,) = parse_review(write_review([row]), "r.csv")
    assert (back.left, back.right, back.reasons) == (row.left, row.right, row.reasons)


def test_extra_cells_are_an_error_naming_the_line() -> None:
    text = "left,right,entity_id,score,reasons,decision\nAli,Ali,ali,0.9,,same\nOmar,O,omar,0.8,,,same\n"
    with pytest.raises(InputError, match=r"^r\.csv: line 3: row has 7 cells, the header 6"):
        parse_review(text, "r.csv")


@pytest.mark.parametrize("text", ["", "\n", "\ufeff"])
def test_an_empty_review_file_says_so(text: str) -> None:
    with pytest.raises(InputError, match=r"^r\.csv: the file is empty"):
        parse_review(text, "r.csv")
