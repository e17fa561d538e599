"""The README is part of the product: its commands exist and its Python example runs."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from namefold.cli import app

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def block_after(marker: str) -> str:
    match = re.search(rf"<!-- {marker} -->\s*```\w*\n(.*?)```", README, re.S)
    assert match, f"README has no code block after <!-- {marker} -->"
    return match.group(1).strip()


def test_readme_has_exactly_the_two_commands_a_new_user_needs() -> None:
    assert block_after("install-and-run").startswith("pip install . && namefold resolve examples/")
    assert block_after("test").endswith("pytest")
    assert (ROOT / block_after("install-and-run").split()[-1]).is_file()


@pytest.mark.parametrize("command", sorted(c.name or "" for c in app.registered_commands))
def test_every_command_is_documented(command: str) -> None:
    assert f"namefold {command}" in README


def test_python_example_runs() -> None:
    code = re.search(r"```python\n(.*?)```", README, re.S)
    assert code
    result = subprocess.run([sys.executable, "-c", code.group(1)], capture_output=True, text=True, check=True)
    assert "mustafa-al-kadhimi" in result.stdout
    assert "True 0.95 ('i~ai', 'q~k')" in result.stdout


def test_readme_output_matches_the_example_run() -> None:
    shown = re.search(r"It prints one row per distinct name.*?```\n(.*?)```", README, re.S)
    assert shown
    done = subprocess.run(
        [sys.executable, "-m", "namefold.cli", "resolve", "examples/names.txt"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == shown.group(1)


def console_examples() -> list[tuple[str, str]]:
    """Each `$ namefold ...` line of the README's console blocks, with the output shown under it."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        for command, shown in re.findall(r"^\$ (.*)\n((?:(?!\$ ).*\n)*)", block, re.M):
            examples.append((command, shown))
    return examples


@pytest.mark.parametrize(("command", "shown"), console_examples(), ids=[c for c, _ in console_examples()])
def test_readme_console_examples_print_what_the_readme_shows(command: str, shown: str) -> None:
    args = shlex.split(command)
    assert args[0] == "namefold"
    result = CliRunner().invoke(app, args[1:])
    assert result.exit_code == 0, result.output
    assert result.stdout == shown


def test_readme_explain_examples_are_all_checked() -> None:
    assert sum(c.startswith("namefold explain") for c, _ in console_examples()) >= 2


@pytest.mark.parametrize("path", sorted(set(re.findall(r"\bexamples/[\w.-]+", README))), ids=str)
def test_files_the_readme_uses_are_shipped(path: str) -> None:
    assert (ROOT / path).is_file()


def test_python_m_namefold_runs_the_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "namefold", "explain", "Kadhimi", "Kazemi"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("same (score 0.967")
