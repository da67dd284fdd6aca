"""What identifies a finished piece of work, so that a rerun reuses it only when nothing it
depends on has changed.

A loaded input unit is identified by the sha256 of its input files' content (never their size
or modification time: a file rewritten with the same size and time is still noticed), its row
range, the chunk size, the column mapping, the loader's source files and the package version.
A statements part is identified by the sha256 of its articles part (as the corpus-wide steps
left it) and by everything the extraction and scoring read besides: the actor registry's
content, the topic-word file's content, the extractor's and scorer's source and data files
(word lists, tagger models), the sentiment training data and lexicons, and the package version.
Any change to one of these recomputes the work it affects, and nothing else.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Iterable

import quotelens
from quotelens import config
from quotelens.scale.units import InputUnit

#: Version of the output layout and of the identities below; bump when either changes.
PIPELINE_VERSION = 2
#: Files of the package the loader runs (relative to the package folder; a folder means every
#: file under it).
LOAD_SOURCES = ("load", "contracts.py", "text.py", "config.py")
#: Files of the package extraction and scoring run or read (code, word lists, tagger models).
STATEMENT_SOURCES = ("extract", "sentiment", "keywords", "contracts.py", "text.py", "config.py")
#: Word lists the scorer reads from other installed packages: (distribution, path in it).
PACKAGE_LEXICONS = (("vaderSentiment", "vader_lexicon.txt"), ("afinn", "data/AFINN-en-165.txt"))
#: Installed libraries whose version changes fitted models or scores.
SCORING_LIBRARIES = ("scikit-learn", "vaderSentiment", "afinn", "nltk")
_BLOCK = 1 << 20  # bytes read at a time when hashing a file


@dataclass(frozen=True)
class StageOptions:
    """What the statements stage is asked to use (recorded in every marker). `actors`: registry
    YAML path or "" for none (speakers named as the articles write them); `topic_words`:
    topic-word file or "" for no masking (None, the conflict list, is what runs before neutral
    defaults recorded; `run_pipeline` now writes "")."""

    actors: str = ""
    topic_words: str | None = None


def file_sha256(path: str | os.PathLike) -> str:
    """sha256 (hex) of the content of file `path`, read 1 MiB at a time (memory stays flat
    whatever the file's size)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def _update_with_files(digest, root: Path, names: Iterable[str]) -> None:
    """Feed each file under `root` named by `names` (files, or folders taken whole) into
    `digest`: its path relative to `root`, then its content. Compiled caches are skipped: they
    follow from the sources."""
    for name in names:
        target = root / name
        files = sorted(target.rglob("*")) if target.is_dir() else [target]
        for f in files:
            if not f.is_file() or "__pycache__" in f.parts or f.suffix == ".pyc":
                continue
            digest.update(f.relative_to(root).as_posix().encode() + b"\0")
            digest.update(file_sha256(f).encode() + b"\n")


@lru_cache(maxsize=None)
def source_digest(names: tuple[str, ...]) -> str:
    """sha256 over the package files `names` (see LOAD_SOURCES), paths and contents. Computed
    once per process: a process runs the code it imported, whatever is edited on disk later
    (worker processes are forked from it)."""
    digest = hashlib.sha256()
    _update_with_files(digest, Path(quotelens.__file__).parent, names)
    return digest.hexdigest()


def _library_versions(names: Iterable[str]) -> str:
    out = []
    for name in names:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=absent")
    return ";".join(out)


def load_inputs() -> dict:
    """What every loaded unit depends on besides its own files: the loader's source and the
    package version."""
    return {"loader": source_digest(LOAD_SOURCES), "package": quotelens.__version__}


def input_digests(units: Iterable[InputUnit]) -> dict[str, str]:
    """sha256 of every input file of `units`, each file read once (a Parquet file cut into many
    units is hashed once)."""
    digests: dict[str, str] = {}
    for unit in units:
        for f in unit.files:
            if f not in digests:
                digests[f] = file_sha256(f)
    return digests


def unit_identity(unit: InputUnit, digests: dict[str, str], chunk_size: int, columns: dict | None,
                  loader: dict) -> dict:
    """Everything loading `unit` depends on: its files (path, content sha256), row range and
    row groups, `chunk_size` (articles per part), the column mapping, `loader` (see
    `load_inputs`) and the layout version; for the unit of entries not read, those entries and
    reasons (`not_read`). Stored in the unit's marker; equal identities mean the unit's parts
    can be reused."""
    identity = {
        "unit": unit.index,
        "input": [[f, digests[f]] for f in unit.files],
        "row_range": list(unit.rows) if unit.rows is not None else None,
        "row_groups": list(unit.row_groups),
        "chunk_size": chunk_size,
        "columns": columns or {},
        "loader": loader,
        "version": PIPELINE_VERSION,
    }
    if unit.unreadable or unit.skipped:
        identity["not_read"] = {"unreadable": [list(e) for e in unit.unreadable],
                                "skipped": [list(e) for e in unit.skipped]}
    return identity


def registry_path(options: StageOptions) -> Path | None:
    """The actor registry file the statements stage reads for `options` (None: no registry)."""
    return config.resolve(options.actors) if options.actors else None


def topic_words_path(options: StageOptions) -> Path | None:
    """The topic-word file the scorer reads for `options` (None when masking is off)."""
    from quotelens.sentiment.masking import DEFAULT_TOPIC_WORDS

    if options.topic_words is None:
        return Path(DEFAULT_TOPIC_WORDS)
    if str(options.topic_words) == "":
        return None
    return config.resolve(options.topic_words)


def statement_inputs(options: StageOptions) -> dict:
    """What every statements part depends on besides its articles part (sha256 digests, hex):
    the registry file ("" with no registry), the topic-word file ("" when masking is off), the extraction and scoring
    source and data files, the training data of the fitted sentiment models and the lexicons of
    other packages with those packages' versions, and the package version. Computed once per
    run, in the main process (about 10 MB read)."""
    from quotelens.sentiment.model import train_path_default

    topic = topic_words_path(options)
    resources_digest = hashlib.sha256()
    train = train_path_default()
    resources_digest.update(file_sha256(train).encode() if train.is_file() else b"no training file")
    for package, member in PACKAGE_LEXICONS:
        try:
            data = resources.files(package).joinpath(member).read_bytes()
        except (ModuleNotFoundError, FileNotFoundError):
            data = b"absent"
        resources_digest.update(hashlib.sha256(data).hexdigest().encode())
    resources_digest.update(_library_versions(SCORING_LIBRARIES).encode())
    return {
        "registry": file_sha256(registry) if (registry := registry_path(options)) is not None else "",
        "topic_words": file_sha256(topic) if topic is not None else "",
        "code": source_digest(STATEMENT_SOURCES),
        "resources": resources_digest.hexdigest(),
        "package": quotelens.__version__,
    }


def part_identity(part: str, articles_sha256: str, options: StageOptions, inputs: dict) -> dict:
    """Everything the statements part `part` depends on: its articles part's content
    (`articles_sha256`), the options and `inputs` (see `statement_inputs`), and the layout
    version. Stored in the part's marker."""
    return {"articles_part": part, "articles_sha256": articles_sha256, "options": asdict(options),
            "inputs": inputs, "version": PIPELINE_VERSION}
