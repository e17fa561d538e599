"""Every command that reads a file, fed the generated bad-input corpus (tests/bad_inputs.py).

Each run must end in right output or one clear `Error:` line with exit code 1, in bounded time,
with no input or table changed; the table of outcomes is printed by `python tests/bad_inputs.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bad_inputs import COMMANDS, VARIANTS, run_command


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_bad_input_ends_in_right_output_or_one_clear_error(command: str, tmp_path: Path) -> None:
    tally = run_command(command, tmp_path / "work")
    assert tally.problems == []
    assert tally.right_output + tally.clear_error >= min(len(VARIANTS) - 3, 10)  # the cases all ran
