"""`python -m namefold` runs the `namefold` command."""

from namefold.cli import app

app(prog_name="namefold")
