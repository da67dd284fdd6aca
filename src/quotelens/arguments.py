"""Checks on the files and folders a user names, made before any work starts.

A user's mistake (a missing input, an output with the wrong suffix, an output that is one of
the inputs, a folder where a file is wanted, a folder that cannot be written) is reported as one
line by `UsageError` and the command exits with status 2: no traceback, and nothing is read,
written or deleted first. The command line and the pipeline call these before loading a corpus.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable


class UsageError(SystemExit):
    """A mistake in what the user asked for: one line, exit status 2.

    It is a SystemExit so that a command handler can raise it from anywhere; `str()` is the
    message and `code` is 2 (the command line prints the message before it propagates)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.code = 2

    def __str__(self) -> str:
        return str(self.args[0])


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def existing_input(path: str | os.PathLike, what: str = "input") -> Path:
    """`path` as an absolute Path if it exists (file or folder); else a UsageError."""
    p = Path(path).expanduser()
    if not p.exists():
        hint = " (a broken link)" if p.is_symlink() else ""
        raise UsageError(f"{what} {p}: no such file or folder{hint}")
    return p.resolve()


def existing_file(path: str | os.PathLike, what: str = "input") -> Path:
    """`path` as an absolute Path if it is an existing file; else a UsageError."""
    p = existing_input(path, what)
    if not p.is_file():
        raise UsageError(f"{what} {p}: is a folder, expected a file")
    return p


def _writable_parent(p: Path, what: str) -> None:
    """The nearest existing ancestor of `p` must be a writable folder (the rest is created)."""
    parent = p.parent
    while not parent.exists():
        if parent.is_symlink():
            raise UsageError(f"{what} {p}: {parent} is a broken link")
        parent = parent.parent
    if not parent.is_dir():
        raise UsageError(f"{what} {p}: {parent} is a file, not a folder")
    _probe_write(parent, p, what)


def _probe_write(folder: Path, p: Path, what: str) -> None:
    """Create and remove one empty file in `folder`: os.access alone is not enough, since root
    passes it everywhere, even on read-only mounts and in /proc, and the work would fail at the end."""
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{what} {p}: cannot write in {folder} (permission denied)")
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".quotelens-write-probe-", suffix=".tmp"):
            pass
    except OSError as err:
        raise UsageError(f"{what} {p}: cannot write in {folder} ({err.strerror or err})") from None


def output_file(path: str | os.PathLike, suffixes: Iterable[str], inputs: Iterable[str | os.PathLike] = (),
                what: str = "output") -> Path:
    """Check that `path` can take a new output file before any work is done.

    The suffix must be one of `suffixes` (e.g. ".csv"); the path must not be a folder, nor one
    of `inputs`, nor inside an input folder (it would be read as an article next time); its
    folder must exist or be creatable, and be writable. Returns the absolute path."""
    suffixes = tuple(suffixes)
    p = Path(path).expanduser().absolute()
    if p.suffix.lower() not in suffixes:
        given = f"'{p.suffix}'" if p.suffix else "no suffix"
        raise UsageError(f"{what} {p}: {given}; use one of {', '.join(suffixes)}")
    if p.is_dir():
        raise UsageError(f"{what} {p}: is a folder, expected a file name")
    for item in inputs:
        source = Path(item).expanduser().absolute()
        if p == source or _same_file(p, source):
            raise UsageError(f"{what} {p}: is also an input; writing it would replace the input")
        if source.is_dir() and _inside(p, source):
            raise UsageError(f"{what} {p}: is inside the input folder {source}; write it elsewhere")
    if p.exists() and not os.access(p, os.W_OK):
        raise UsageError(f"{what} {p}: cannot be overwritten (permission denied)")
    _writable_parent(p, what)
    return p


def output_folder(path: str | os.PathLike, inputs: Iterable[str | os.PathLike] = (),
                  what: str = "output folder") -> Path:
    """Check that `path` can be (or already is) an output folder before any work is done:
    not a file, not an input and not inside or around one, and writable. Returns the absolute path."""
    p = Path(path).expanduser().absolute()
    if p.exists() and not p.is_dir():
        raise UsageError(f"{what} {p}: is a file, expected a folder")
    for item in inputs:
        source = Path(item).expanduser().absolute()
        if p == source or _same_file(p, source) or _inside(p, source) or _inside(source, p):
            raise UsageError(f"{what} {p}: overlaps the input {source}; choose a separate folder")
    if p.exists():
        _probe_write(p, p, what)
    else:
        _writable_parent(p, what)
    return p


def unusable_folders(folders: dict[str, Path]) -> list[str]:
    """One line per output folder in `folders` ({what: path}, e.g. a report's processed_dir,
    figures_dir and reports_dir) that cannot be one (see `output_folder`); [] when all can."""
    problems = []
    for what, folder in folders.items():
        try:
            output_folder(folder, what=what)
        except UsageError as exc:
            problems.append(str(exc))
    return problems


def column_mapping(items: list[str] | None) -> dict[str, str]:
    """Parse `--columns id=unit_id,text=article_content` (the option may be given several
    times) into {"id": "unit_id", ...}; a malformed pair or a name mapped twice is a UsageError."""
    mapping: dict[str, str] = {}
    for item in items or []:
        for pair in item.split(","):
            if not pair.strip():
                continue
            if "=" not in pair:
                raise UsageError(f"--columns: expected NAME=COLUMN, got {pair!r}")
            ours, theirs = (x.strip() for x in pair.split("=", 1))
            if ours in mapping and mapping[ours] != theirs:
                raise UsageError(f"--columns: {ours} is mapped twice ({mapping[ours]!r} and {theirs!r})")
            mapping[ours] = theirs
    return mapping
