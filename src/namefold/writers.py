"""Write output files whole or not at all, and CSV cells a spreadsheet cannot run.

Every file namefold writes goes through `write_atomic`: a temporary file beside the real file
(through symlinks), then a rename; a device, pipe or anything else that is not a regular file is
written to directly, never renamed over. Tables are edited under `locked`, an advisory lock on
TABLE.lock held from the read to the rename, so two writers cannot lose each other's edits.

Every CSV namefold writes goes through `csv_text`: cells holding a comma, quote, CR or LF are
quoted (Python's csv module leaves a lone CR bare, and the file would not parse back), and a
text cell starting with = + - @ TAB or CR gets a leading apostrophe, which spreadsheets hide
and namefold's CSV readers remove again (`unguard`); plain numbers such as -3.5 stay as they
are, since a spreadsheet reads them as numbers, not formulas.
"""

from __future__ import annotations

import fcntl
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from namefold.errors import NamefoldError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_QUOTED = re.compile(r'[",\r\n]')
LOCK_TIMEOUT = 60.0  # seconds a second writer of a table waits before it gives up
_LOCK_POLL = 0.05


def _risky(cell: str) -> bool:
    return cell.startswith(FORMULA_START) and not _NUMBER.fullmatch(cell)


def guard(cell: str) -> str:
    """Make a cell inert in spreadsheets: a leading apostrophe before formula characters.

    >>> guard("=HYPERLINK(1)"), guard("Ali"), guard("'Ali"), guard("'=x"), guard("-3.5")
    ("'=HYPERLINK(1)", 'Ali', "'Ali", "''=x", '-3.5')
    """
    return f"'{cell}" if _risky(cell.lstrip("'")) else cell


def unguard(cell: str) -> str:
    """Undo `guard`; a name that merely starts with an apostrophe ('Ali) is left as it is.

    >>> unguard("'=HYPERLINK(1)"), unguard("'Ali"), unguard("''=x"), unguard("'-3.5")
    ('=HYPERLINK(1)', "'Ali", "'=x", "'-3.5")
    """
    return cell[1:] if cell.startswith("'") and _risky(cell.lstrip("'")) else cell


def _cell(value: object, raw: bool) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not raw and isinstance(value, str):
        text = guard(text)
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if _QUOTED.search(text) else text


def csv_row(cells: Sequence[object], raw: bool = False) -> str:
    """One CSV line (RFC 4180 quoting, LF-terminated), formula cells guarded unless `raw`.

    >>> csv_row(["a,b", "=1+1", 3, None, "x\\ry"])
    '"a,b",\\'=1+1,3,,"x\\ry"\\n'
    """
    if len(cells) == 1 and cells[0] in ("", None):
        return '""\n'  # a row of one empty cell, not a blank line
    return ",".join(_cell(c, raw) for c in cells) + "\n"


def csv_text(rows: Iterable[Sequence[object]], raw: bool = False) -> str:
    """CSV rows as one text; every namefold CSV writer goes through here."""
    return "".join(csv_row(r, raw) for r in rows)


def real_path(path: Path) -> Path:
    """The file a path names, through any symlinks, so that writing keeps the links."""
    return Path(os.path.realpath(path))


def _hops(path: Path) -> Iterator[str]:
    """The absolute path, then each place its chain of symlinks leads to."""
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on a chain of links
        yield current
        if not os.path.islink(current):
            return
        current = os.path.join(os.path.dirname(current), os.readlink(current))


def _direct(path: Path) -> bool:
    """A device, pipe or /dev/stdout (or a link to one): written to as it is, never renamed over."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not stat.S_ISREG(mode) or any(h.startswith(("/dev/", "/proc/")) for h in _hops(path))


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text`; a crash midway leaves the old file as it was.

    Symlinks are written through (the link stays a link); devices and pipes are written to
    directly, appending, so `-o /dev/stdout` with stdout redirected never replaces anything.
    """
    if path.is_dir():
        raise NamefoldError(f"{path}: is a directory, not a file")
    if _direct(path):
        try:
            with path.open("a", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except OSError as exc:
            raise NamefoldError(f"{path}: cannot write: {exc.strerror}") from None
        return
    target = real_path(path)
    directory = target.parent
    if not directory.is_dir():
        raise NamefoldError(f"{path}: folder {directory} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise NamefoldError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        os.chmod(tmp, _mode(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
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


def refuse_same_file(output: Path | None, inputs: Iterable[Path]) -> None:
    """An output that is one of the inputs (same inode, whatever the path) would destroy it."""
    if output is None or _direct(output):
        return
    for source in inputs:
        try:
            same = os.path.samefile(output, source)
        except (OSError, ValueError):
            continue  # an input that does not exist is reported when it is read
        if same:
            raise NamefoldError(f"{output}: is also an input ({source}); write the output to another file")


def lock_path(table: Path) -> Path:
    """TABLE.lock beside the real table (through symlinks): every writer locks the same file."""
    target = real_path(table)
    return target.with_name(target.name + ".lock")


@contextmanager
def locked(
    table: Path, timeout: float = LOCK_TIMEOUT, waiting: Callable[[Path], None] | None = None
) -> Iterator[None]:
    """Hold the table's advisory lock (fcntl.flock on TABLE.lock) from the read to the rename.

    A second writer waits (calling `waiting` once) and gives up with an error after `timeout`
    seconds. The lock file is removed on release; a writer that locked a file already removed
    (or replaced) opens the new one and locks again, so two writers never hold different files.
    """
    path = lock_path(table)
    deadline = time.monotonic() + timeout
    told = False
    while True:
        fd = _open_lock(table, path)
        try:
            told = _acquire(fd, table, path, deadline, timeout, waiting, told)
        except BaseException:
            os.close(fd)
            raise
        if _still_there(fd, path):
            break
        os.close(fd)
    try:
        yield
    finally:
        Path(path).unlink(missing_ok=True)  # while still locked: the next writer sees a fresh file
        os.close(fd)


def _open_lock(table: Path, path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise NamefoldError(f"{table}: cannot create the lock file {path}: {exc.strerror}") from None


def _still_there(fd: int, path: Path) -> bool:
    """The locked file is the one at `path` (not removed by the writer before us)."""
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False


def _acquire(
    fd: int,
    table: Path,
    path: Path,
    deadline: float,
    timeout: float,
    waiting: Callable[[Path], None] | None,
    told: bool,
) -> bool:
    """Lock `fd`, polling until the deadline; returns whether the wait was announced."""
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return told
        except BlockingIOError:
            pass
        except OSError as exc:
            raise NamefoldError(f"{table}: cannot lock {path}: {exc.strerror}") from None
        if time.monotonic() >= deadline:
            raise NamefoldError(
                f"{table}: another namefold is still editing this table (lock {path}); "
                f"gave up after {timeout:g} s, nothing written"
            )
        if not told and waiting is not None:
            waiting(path)
            told = True
        time.sleep(_LOCK_POLL)
