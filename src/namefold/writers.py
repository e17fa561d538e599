"""Write output files whole or not at all: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from namefold.errors import NamefoldError


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text`; a crash midway leaves the old file as it was."""
    directory = path.parent
    if not directory.is_dir():
        raise NamefoldError(f"{path}: folder {directory} does not exist")
    if path.is_dir():
        raise NamefoldError(f"{path}: is a directory, not a file")
    try:
        if path.exists() and not path.is_file():  # a device or pipe (/dev/null): write to it
            with path.open("w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            return
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise NamefoldError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        os.chmod(tmp, _mode(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise NamefoldError(f"{path}: cannot write: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
