"""The files and folders a config names, checked before any notebook runs.

A missing actor registry used to be found only after 01_articles had loaded the whole corpus.
The runner now checks every parameter a stage declares as an input (`Stage.input_parameters`:
the corpus, the registry, the topic-word list, dictionaries, the outlet grouping), in the value
the config gives or the notebook's default: that it exists, and that it reads as what it is (a
registry, a grouping, a word list; a corpus folder that holds at least one input file). Each
problem is one line naming the notebook, the parameter and the file.
"""

from __future__ import annotations

import ast
import hashlib
from typing import Any, Callable

from quotelens import config as qconfig
from quotelens.extract.registry import RegistryError, load_registry
from quotelens.load.corpus import check_articles_load
from quotelens.load.errors import NoArticlesError
from quotelens.report.parameters import Parameter
from quotelens.stages import stage


def check_corpus(paths: list[str], columns: dict[str, str] | None = None) -> None:
    """At least one article loads from `paths` (with the `columns` mapping); NoArticlesError
    naming what was skipped, and every record rejected and why, otherwise
    (`load.corpus.check_articles_load`: files are loaded until one gives an article)."""
    check_articles_load(paths, columns=columns or None)


def _topic_words(path: str) -> Any:
    # imported here: the sentiment package loads scipy, and `quotelens init` and
    # `quotelens report --corpus` check a corpus and a registry only (about 1 CPU-s saved)
    from quotelens.sentiment.masking import load_topic_words

    return load_topic_words(path)


def _dictionary(path: str) -> Any:
    from quotelens.sentiment.lexicons import load_dictionary  # (as _topic_words)

    return load_dictionary(qconfig.resolve(path))


def _outlet_groups(path: str) -> Any:
    # imported here: the comparisons module loads the extractor's speaker types and NLTK with
    # them (about 4 CPU-s per process), which a check of a grouping file does not need
    from quotelens.compare.comparisons import load_outlet_groups

    return load_outlet_groups(qconfig.resolve(path))


#: How each input parameter's file is read to check it (the stage's own reader).
READERS: dict[str, Callable[[Any], Any]] = {
    "corpus_paths": check_corpus,
    "actors_path": lambda path: load_registry(qconfig.resolve(path)),
    "topic_words_path": _topic_words,
    "dictionary_paths": _dictionary,
    "outlet_groups_path": _outlet_groups,
}


#: (parameter, file, sha256 of its bytes) of the files that read without a problem in this
#: process. Several notebooks take the same registry or word list, and a report's plan checks
#: each notebook: a file is parsed once per content (the registry's YAML costs about 0.04 CPU-s).
_READ_WITHOUT_PROBLEM: set[tuple[str, str, str]] = set()


def _content_key(name: str, path: str) -> tuple[str, str, str] | None:
    resolved = qconfig.resolve(path)
    try:
        return name, str(resolved), hashlib.sha256(resolved.read_bytes()).hexdigest()
    except OSError:
        return None


def _value(declared: dict[str, Parameter], given: dict[str, Any], name: str) -> Any:
    if name in given:
        return given[name]
    try:
        return ast.literal_eval(declared[name].default) if declared[name].default else None
    except (ValueError, SyntaxError):
        return None


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def input_problems(nb_name: str, declared: dict[str, Parameter], given: dict[str, Any],
                   skip: tuple[str, ...] = ()) -> list[str]:
    """Problems with the input files of notebook `nb_name` (its declared parameters and the
    config's values): "NB: PARAM PATH: no such file or folder" and the like, one line each; []
    when every input exists and reads. Parameters in `skip` are not checked (the corpus when the
    stage takes its articles from a pipeline run)."""
    problems = []
    for name in stage(nb_name).input_parameters:
        if name not in declared or name in skip:
            continue
        value = _value(declared, given, name)
        paths = value if isinstance(value, list) else [value]
        paths = [p for p in paths if isinstance(p, str) and p.strip()]
        missing = [p for p in paths if not qconfig.resolve(p).exists()]
        if missing:
            problems += [f"{nb_name}: {name} {p}: no such file or folder ({qconfig.resolve(p)})" for p in missing]
            continue
        if name == "corpus_paths":
            if not paths:
                problems.append(f"{nb_name}: {name} is empty: name at least one file or folder of articles")
            checks = [paths] if paths else []
        else:
            checks = paths
            problems += [f"{nb_name}: {name} {p}: is a folder, expected a file" for p in paths if qconfig.resolve(p).is_dir()]
            checks = [p for p in paths if not qconfig.resolve(p).is_dir()]
        for item in checks:
            key = None if name == "corpus_paths" else _content_key(name, item)
            if key is not None and key in _READ_WITHOUT_PROBLEM:
                continue
            try:
                if name == "corpus_paths":  # loaded with the notebook's own column mapping
                    check_corpus(item, _value(declared, given, "columns"))
                else:
                    READERS[name](item)
            except (NoArticlesError, RegistryError, ValueError, OSError, UnicodeDecodeError) as exc:
                problems.append(f"{nb_name}: {name}: {_one_line(exc)}")
                continue
            if key is not None:
                _READ_WITHOUT_PROBLEM.add(key)
    return problems
