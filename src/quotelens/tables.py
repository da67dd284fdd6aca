"""Reading and writing tables (Parquet, CSV, JSONL) and files, atomically.

Every output goes to a temporary file in the target folder and is renamed into place, so an
interrupted run leaves the previous output intact and never a half-written file.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd

TABLE_SUFFIXES = (".parquet", ".csv", ".jsonl")
#: Start of the name of every temporary file `atomic_path` makes (then the writing process's
#: id and the target's name, ending ".tmp"), so a clean-up can tell this tool's leftovers from
#: a user's own dot-files.
TEMP_PREFIX = ".quotelens-"
TEMP_SUFFIX = ".tmp"


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside `path` (".quotelens-PID-NAME.XXXXXXXX.tmp", see
    `is_own_temporary`); on success rename it onto `path`.

    On an exception the temporary file is removed and `path` is left untouched."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-{target.name}.", suffix=TEMP_SUFFIX,
                               dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        # mkstemp creates files readable by the owner only; give outputs the usual
        # permissions (0666 less the umask) so a shared report can be served.
        os.chmod(tmp_path, 0o666 & ~_current_umask())
        os.replace(tmp_path, target)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def is_own_temporary(name: str) -> bool:
    """Whether the file name `name` is one `atomic_path` gives its temporary files."""
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def remove_stale_temporaries(folder: str | os.PathLike) -> list[Path]:
    """Delete the temporary files `atomic_path` left in `folder` (not its subfolders) when a
    run was killed between creating one and renaming it into place: only names `atomic_path`
    gives (`is_own_temporary`), so a user's own dot-files ending ".tmp" in a shared folder are
    never touched. Returns the paths removed. Call it only when no other run writes into
    `folder`."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    removed = []
    for path in sorted(folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}")):
        if path.is_file() and is_own_temporary(path.name):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write `data` to `path` atomically; return the path."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write UTF-8 `text` to `path` atomically (newlines kept as given); return the path."""
    return write_bytes(path, text.encode("utf-8"))


def _jsonable(value):
    if isinstance(value, np.ndarray):
        return [_jsonable(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (pd.Timestamp,)):
        return None if pd.isna(value) else value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None  # strict JSON has no NaN or Infinity (docs/contracts.md: written as null)
    if value is pd.NaT or value is pd.NA:
        return None
    return value


def _records(df: pd.DataFrame) -> Iterator[dict]:
    cols = list(df.columns)
    for row in df.itertuples(index=False, name=None):
        yield {c: _jsonable(v) for c, v in zip(cols, row)}


def write_table(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write `df` to `path`, the format chosen by suffix (.parquet, .csv, .jsonl).

    CSV cells holding lists or dicts are written as JSON text. The write is atomic and
    byte-identical for identical input."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise ValueError(f"{path}: unsupported table format {suffix!r}; use one of {TABLE_SUFFIXES}")
    with atomic_path(path) as tmp:
        if suffix == ".parquet":
            df.to_parquet(tmp, index=False)
        elif suffix == ".csv":
            out = df.copy()
            for col in out.columns:
                if out[col].dtype == object and out[col].map(lambda v: isinstance(v, (list, tuple, dict, np.ndarray))).any():
                    out[col] = out[col].map(lambda v: json.dumps(_jsonable(v), ensure_ascii=False))
            out.to_csv(tmp, index=False, lineterminator="\n")
        else:
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                for rec in _records(df):
                    fh.write(json.dumps(rec, ensure_ascii=False, allow_nan=False) + "\n")
    return path


def read_table(path: str | os.PathLike) -> pd.DataFrame:
    """Read a table written by `write_table` (or any Parquet/CSV/JSONL file)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return pd.read_parquet(path)
    if suffix == ".csv":
        return pd.read_csv(path, keep_default_na=False, na_values=[""])
    if suffix == ".jsonl":
        return pd.read_json(path, lines=True, dtype=False)
    raise ValueError(f"{path}: unsupported table format {suffix!r}; use one of {TABLE_SUFFIXES}")
