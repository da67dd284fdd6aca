"""Which files are inputs: format suffixes (looking through .gz), file stems, and the walk of
folders into files in load order (following links to folders).

Reads: folder listings and file metadata (never file contents). Writes: lists of paths, the
reason an entry that is not a regular file cannot be read, and the reason each entry that is
not an input was passed over.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
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


@dataclass
class InputSurvey:
    """Every entry met while walking the given paths, sorted into three lists.

    files: files to read, in load order. unreadable: (entry, reason) for entries that carry a
    supported name but are not regular files (broken symbolic links, pipes, sockets, devices)
    or folders that cannot be listed; the loader rejects each as one unit. skipped: (entry,
    reason) for entries that are not inputs (another suffix, a hidden name, a symbolic link
    loop, a file already reached through a link); not units, but never passed over silently.
    Entries keep the path they were reached by (through links, unresolved)."""

    files: list[Path] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def survey_inputs(paths: str | Path | Iterable) -> InputSurvey:
    """Walk files and folders (relative paths from the project root) into an InputSurvey.

    Folders are searched recursively, following symbolic links to folders (a link back to a
    folder that contains it is a loop: reported, not followed); each folder's files are sorted
    by their path below it. A file reached twice in one folder (through a link) is read once.
    Named files are read as given. Raises ValueError for a named file of an unsupported type
    and FileNotFoundError for a path that does not exist."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    survey = InputSurvey()
    for p in paths:
        path = config.resolve(p)
        if path.is_dir():
            _survey_folder(path, survey)
        elif path.is_file():
            if input_format(path) is None:
                raise ValueError(f"{p}: unsupported file type {path.suffix!r}; use one of "
                                 f"{SUPPORTED_SUFFIXES} (or {', '.join(s + GZIP_SUFFIX for s in GZIP_INNER_SUFFIXES)})")
            survey.files.append(path)
        else:
            raise FileNotFoundError(f"{p}: no such file or folder (resolved to {path})")
    return survey


def _survey_folder(root: Path, survey: InputSurvey) -> None:
    """Add the entries below folder `root` to `survey` (see `survey_inputs`)."""
    found: list[tuple[str, Path]] = []
    odd: list[tuple[str, Path, str]] = []
    passed: list[tuple[str, Path, str]] = []
    # (folder, its path below root, real paths of the folders that contain it, itself included):
    # a link whose target is among them would make the walk go round for ever.
    pending = [(root, "", (os.path.realpath(root),))]
    while pending:
        folder, below, enclosing = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            odd.append((below, folder, f"cannot list the folder ({exc.strerror or exc})"))
            continue
        for entry in entries:
            key = f"{below}{entry.name}"
            path = folder / entry.name
            if entry.name.startswith("."):
                passed.append((key, path, "hidden (the name starts with '.')"))
            elif _is_dir(entry):
                real = os.path.realpath(path)
                if real in enclosing:
                    target = os.readlink(path) if entry.is_symlink() else real
                    passed.append((key, path, f"symbolic link loop (points to {target!r}, "
                                              f"a folder that contains it); not followed"))
                else:
                    pending.append((path, key + "/", enclosing + (real,)))
            elif input_format(entry.name) is None:
                passed.append((key, path, _unsupported_reason(entry.name) if _is_file(entry)
                               else _not_a_file_reason(path)))
            elif _is_file(entry):
                found.append((key, path))
            else:
                odd.append((key, path, _not_a_file_reason(path)))
    first_path: dict[str, str] = {}
    for key, path in sorted(found):
        real = os.path.realpath(path)
        if real in first_path:
            passed.append((key, path, f"the same file as {first_path[real]} (reached through a symbolic link); read once"))
            continue
        first_path[real] = shown_path(path)
        survey.files.append(path)
    survey.unreadable.extend((path, reason) for _, path, reason in sorted(odd, key=lambda item: item[0]))
    survey.skipped.extend((path, reason) for _, path, reason in sorted(passed, key=lambda item: item[0]))


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows symbolic links
    except OSError:
        return False


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()  # follows symbolic links
    except OSError:
        return False


def _unsupported_reason(name: str) -> str:
    """Why a regular file is not an input, naming its suffix as the loader sees it."""
    lower = name.lower()
    if lower.endswith(GZIP_SUFFIX) and Path(lower[: -len(GZIP_SUFFIX)]).suffix:
        suffix = Path(lower[: -len(GZIP_SUFFIX)]).suffix + GZIP_SUFFIX
    else:
        suffix = Path(lower).suffix
    return f"{suffix!r} is not a supported suffix" if suffix else "no file suffix, so not an input"


def shown_path(path: str | Path) -> str:
    """`path` as reports name it: relative to the project root when inside it, else absolute;
    symbolic links are not resolved, so an entry keeps the name it was reached by."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(config.PROJ_ROOT).as_posix()
    except ValueError:
        return absolute.as_posix()


def walk_inputs(paths: str | Path | Iterable) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(files to read in load order, [(entry, reason)] for entries of a folder that carry a
    supported name but are not regular files: broken symbolic links, pipes, sockets, devices;
    reading a pipe would block for ever, so they are reported, never opened). The first two
    lists of `survey_inputs`, which also lists the entries that are not inputs. Raises as
    `survey_inputs` does."""
    survey = survey_inputs(paths)
    return survey.files, survey.unreadable


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
    (links to folders followed; files and folders whose names start with "." skipped, other
    suffixes ignored, entries that are not regular files left out: see `survey_inputs`)."""
    return survey_inputs(paths).files


