"""Write output files whole or not at all: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from namefold.errors import NamefoldError


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text`; a crash midway leaves the old file as it was."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise NamefoldError(f"{path}: folder {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
