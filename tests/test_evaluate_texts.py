"""`namefold evaluate GOLD --texts DIR`: extraction and clustering scored against names by document."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from namefold.cli import app
from namefold.evaluate import score_text

runner = CliRunner()

GOLD = """\
entities:
  - id: hadi-amiri
    type: person
    canonical: Hadi al-Amiri
    mentions:
      a.txt: [Hadi al-Amiri, Amiri]
      b.txt: [Hadi al-Ameri]
  - id: omar-amiri
    type: person
    canonical: Omar al-Amiri
    mentions:
      b.txt: [Omar al-Amiri]
  - id: sami
    type: person
    canonical: Sami
    mentions:
      a.txt: [Sami]
must_not_merge:
  - [hadi-amiri, omar-amiri]
"""
A = "Commander Hadi al-Amiri arrived with the Wasit Brigades. Amiri spoke, and his aide Sami nodded.\n"
B = "Hadi al-Ameri met Omar al-Amiri on Sunday.\n"


def corpus(tmp_path: Path, gold: str = GOLD) -> Path:
    (tmp_path / "gold.yaml").write_text(gold, encoding="utf-8")
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    return tmp_path / "gold.yaml"


def test_score_text_by_hand() -> None:
    # Gold: Hakim twice in a (one entity), Hakim in b is another man; Hadi in b.
    gold = [("a", "Ali Hakim", "h"), ("a", "Hakim", "h"), ("b", "Hakim", "k"), ("b", "Hadi", "d")]
    predicted = {("a", "Ali Hakim"): "1", ("a", "Hakim"): "1", ("b", "Hakim"): "1", ("b", "Chief"): "2"}
    s = score_text(gold, predicted, aliases=["Hadi"], must_not_merge=[("h", "k"), ("h", "d")])
    # Found 3 of 4 gold rows; 3 of the 4 found are gold.
    assert (s.found, s.gold, s.predicted) == (3, 4, 4)
    assert s.extraction.precision == pytest.approx(3 / 4) and s.extraction.recall == pytest.approx(3 / 4)
    # Without the alias Hadi: 3 of 3 gold rows found, 3 of 4 found are gold.
    assert s.without_aliases.recall == 1.0 and s.without_aliases.precision == pytest.approx(3 / 4)
    # The one predicted cluster holds h, h, k: B-cubed precision (2/3 + 2/3 + 1/3) / 3 = 5/9.
    assert s.bcubed.precision == pytest.approx(5 / 9) and s.bcubed.recall == 1.0
    assert s.merged == (("h", "k"),)
    assert s.misses == (("b", "Hadi", "d"),) and s.fragments == (("b", "Chief"),)


def test_evaluate_texts_prints_extraction_clustering_misses_and_fragments(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(corpus(tmp_path)), "--texts", str(tmp_path)])
    assert result.exit_code == 0, (result.stdout, result.stderr)
    out = result.stdout
    # 4 of the 5 gold forms found (a lone given name without a title is not); the Wasit Brigades
    # are found but not in this gold.
    assert "extraction  P 0.800  R 0.800  F1 0.800  (4 of 5 found; 5 found in all)" in out
    assert "B-cubed   P 1.000  R 1.000  F1 1.000" in out
    assert "must-not-merge pairs merged: 0" in out
    assert "misses (gold, not found): 1\n  a.txt  Sami  (sami)\n" in out
    assert "fragments (found, not in the gold): 1\n  a.txt  Wasit Brigades\n" in out


def test_evaluate_texts_needs_every_document_of_the_gold(tmp_path: Path) -> None:
    gold = corpus(tmp_path)
    (tmp_path / "b.txt").unlink()
    result = runner.invoke(app, ["evaluate", str(gold), "--texts", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "b.txt" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("gold", "fragment"),
    [
        (GOLD.replace("[Omar al-Amiri]", "[Hadi al-Ameri]"), "'Hadi al-Ameri' is in two entities"),
        (GOLD.replace("[hadi-amiri, omar-amiri]", "[hadi-amiri, nobody]"), "must_not_merge"),
        (GOLD.replace("      a.txt: [Sami]", "      a.txt: Sami"), "mentions must be a list"),
    ],
)
def test_a_bad_text_gold_is_one_clear_error(tmp_path: Path, gold: str, fragment: str) -> None:
    result = runner.invoke(app, ["evaluate", str(corpus(tmp_path, gold)), "--texts", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and fragment in result.stderr, result.stderr


def test_evaluate_texts_refuses_a_predicted_file(tmp_path: Path) -> None:
    gold = corpus(tmp_path)
    result = runner.invoke(app, ["evaluate", str(gold), "--texts", str(tmp_path), "--predicted", str(gold)])
    assert result.exit_code == 1 and "--predicted" in result.stderr
