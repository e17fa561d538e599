"""Running the CLI in tests: invoke it, write inputs, and check its one-line errors."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from namefold.cli import app

runner = CliRunner()


def run(*args: object) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def assert_ok(result: Result) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)


def assert_one_line_error(result: Result, *fragments: str) -> str:
    """Exit code 1, no traceback, and one `Error:` line holding every fragment."""
    assert result.exit_code == 1, (result.stdout, result.stderr, result.exception)
    assert isinstance(result.exception, SystemExit), f"uncaught {result.exception!r}"
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]
