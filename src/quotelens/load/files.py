"""Which files are inputs: format suffixes (looking through .gz), file stems, and the walk of
folders into files in load order.

Reads: folder listings and file metadata (never file contents). Writes: lists of paths, and
the reason an entry that is not a regular file cannot be read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable

from quotelens import config

TEXT_SUFFIXES = (".txt",)
TABLE_SUFFIXES = (".jsonl", ".csv", ".parquet")
# Saved web pages, read by quotelens.load.html_pages (trafilatura, offline).
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + TABLE_SUFFIXES + HTML_SUFFIXES
#: gzip-compressed inputs (common in news archives): name.txt.gz, name.jsonl.gz, name.csv.gz.
#: A truncated or damaged stream keeps the complete lines before the damage (tables) and
#: rejects the rest; a truncated .txt.gz article is rejected whole.
GZIP_SUFFIX = ".gz"
GZIP_INNER_SUFFIXES = (".txt", ".jsonl", ".csv")


def input_format(path: str | Path) -> str | None:
    """The format suffix of an input file (".txt", ".jsonl", ".csv", ".parquet", ".html",
    ".htm"), looking through a ".gz" ending; None for anything else."""
    name = Path(path).name.lower()
    if name.endswith(GZIP_SUFFIX):
        inner = Path(name[: -len(GZIP_SUFFIX)]).suffix
        return inner if inner in GZIP_INNER_SUFFIXES else None
    suffix = Path(name).suffix
    return suffix if suffix in SUPPORTED_SUFFIXES else None


def input_stem(path: str | Path) -> str:
    """The file name without its format suffix (and ".gz"): "a.jsonl.gz" -> "a"."""
    name = Path(path).name
    if name.lower().endswith(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    return Path(name).stem


def walk_inputs(paths: str | Path | Iterable) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(files to read in load order, [(entry, reason)] for entries of a folder that carry a
    supported name but are not regular files: broken symbolic links, pipes, sockets, devices;
    reading a pipe would block for ever, so they are reported, never opened). Relative paths
    are taken from the project root. Raises ValueError for a named file of an unsupported type
    and FileNotFoundError for a path that does not exist."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    unreadable: list[tuple[Path, str]] = []
    for p in paths:
        path = config.resolve(p)
        if path.is_dir():
            found, odd = [], []
            for f in path.rglob("*"):
                if input_format(f) is None or any(part.startswith(".") for part in f.relative_to(path).parts):
                    continue
                if f.is_file():
                    found.append(f)
                elif not f.is_dir():
                    odd.append((f, _not_a_file_reason(f)))
            key = lambda f: f.relative_to(path).as_posix()  # noqa: E731
            files.extend(sorted(found, key=key))
            unreadable.extend(sorted(odd, key=lambda item: key(item[0])))
        elif path.is_file():
            if input_format(path) is None:
                raise ValueError(f"{p}: unsupported file type {path.suffix!r}; use one of "
                                 f"{SUPPORTED_SUFFIXES} (or {', '.join(s + GZIP_SUFFIX for s in GZIP_INNER_SUFFIXES)})")
            files.append(path)
        else:
            raise FileNotFoundError(f"{p}: no such file or folder (resolved to {path})")
    return files, unreadable


def _not_a_file_reason(path: Path) -> str:
    """Why a folder entry with a supported name is not read (see `walk_inputs`)."""
    if path.is_symlink() and not path.exists():
        return f"broken symbolic link (points to {os.readlink(path)!r}, which does not exist)"
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot read the file ({exc.strerror or exc})"
    for test, what in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return f"not a regular file: {what}; not opened"
    return "not a regular file; not opened"


def expand_inputs(paths: str | Path | Iterable) -> list[Path]:
    """Files to read, in load order: given files as given, folders recursively sorted by path
    (files and folders whose names start with "." skipped, other suffixes ignored, entries that
    are not regular files left out: see `walk_inputs`)."""
    return walk_inputs(paths)[0]


