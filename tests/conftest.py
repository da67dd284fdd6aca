"""Shared test set-up: the hypothesis profiles and the default corpus, loaded and extracted once.

The default corpus (the seed + FA-KES, as configs/default.yaml reads it) is used by many test
files; loading it takes about a second and extracting its statements about 7 CPU-s, so it is done
once per test run here, by whichever xdist worker needs it first (the other reads its pickle). Fixtures hand out copies where a test could change the
table, so no test sees another's edits.

Hypothesis: the "ci" profile (loaded when CI is set, as .ci/run does) derandomises every
property test, so a CI run is the same run each time and a failure can be reproduced from its
log; locally the "dev" profile keeps hypothesis's random exploration. Both drop the per-example
deadline: the shared 2-core machines make single-example timings meaningless.

Distribution (`make test`: pytest -n auto --dist loadfile): every test file is one unit of
work, except that the files in SHARED_UNITS, which share one report run (`smoke_report`), form
one unit, so one worker makes the run once (pytest_xdist_make_scheduler below; xdist's own
--dist loadgroup cannot do it under pytest 9, whose node ids ignore the group suffix xdist 3.8
sets). Units start longest first (SLOWEST_FIRST, measured per file: docs/testing.md), so that
neither worker is left with a long chain when the other has finished.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import subprocess
import sys
import time
import warnings

import pandas as pd
import pytest
from hypothesis import settings

from quotelens import config

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

#: The default corpus as the default report reads it (relative to the project root).
DEFAULT_CORPUS = ["seeds", "data/raw/fa-kes/FA-KES-Dataset.csv"]


def _once_for_all_workers(tmp_path_factory, name: str, compute):
    """compute() made once per test run and shared by every xdist worker through a pickle in
    the run's common temporary folder (the first worker to take the lock file computes, the
    others wait for the pickle and read it: about 0.01 s for the default corpus's statements).
    Without xdist, compute() is simply called. If the computing worker fails it gives the lock
    up, so a waiting worker computes (and shows the failure) itself."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return compute()
    shared = tmp_path_factory.getbasetemp().parent  # one folder per run, above each worker's
    result, lock = shared / f"{name}.pickle", shared / f"{name}.lock"
    while True:
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:  # another worker computes it: wait for its pickle
            if result.exists():
                return pickle.loads(result.read_bytes())
            time.sleep(0.1)
            continue
        try:
            value = compute()
        except BaseException:
            lock.unlink()
            raise
        partial = shared / f"{name}.pickle.{os.getpid()}.tmp"
        partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, result)  # whole or absent: a waiting worker never reads half a file
        return value


@pytest.fixture(scope="session")
def default_load(tmp_path_factory):
    """LoadResult of the default corpus (805 articles), loaded once per test run. Shared: take
    a copy before changing its tables."""
    from quotelens.load.corpus import load_corpus

    return _once_for_all_workers(tmp_path_factory, "default_load",
                                 lambda: load_corpus([config.resolve(p) for p in DEFAULT_CORPUS]))


@pytest.fixture(scope="session")
def default_statements_syria_shared(default_load, tmp_path_factory) -> pd.DataFrame:
    """Statements of the default corpus with its registry, data/actors/syria.yaml, named (as
    configs/default.yaml does; the library's own default is no registry), extracted once per
    test run. Shared: take a copy before changing it."""
    from quotelens.extract.registry import default_registry_path, load_registry
    from quotelens.extract.statements import extract_statements

    def extract() -> pd.DataFrame:
        return extract_statements(default_load.articles, registry=load_registry(default_registry_path()))

    return _once_for_all_workers(tmp_path_factory, "default_statements_syria", extract)


@pytest.fixture(scope="session")
def _default_statements_shared(default_statements_syria_shared) -> pd.DataFrame:
    """The same table under the name test_publishable.py uses (it was a second extraction,
    with the registry named by its path: the same 5,145 rows)."""
    return default_statements_syria_shared


@pytest.fixture(scope="session")
def sentence_models_fitted(tmp_path_factory) -> None:
    """The sentence-sentiment models (quotelens.sentiment.model.load_models) fitted and cached in
    build/sentiment by one xdist worker per run; the other waits instead of fitting the same
    models at the same time (on a fresh clone, as in CI, there is no cache: about 8 CPU-s),
    then reads the cache. Warm: reading the cache once."""
    from quotelens.sentiment import model

    _once_for_all_workers(tmp_path_factory, "sentence_models_fitted", lambda: bool(model.load_models()))


@pytest.fixture(scope="session")
def target_model_fitted(sentence_models_fitted, tmp_path_factory) -> None:
    """The target-sentiment model (quotelens.sentiment.targets.load_target_model) the same way:
    read from the shipped file (sentiment/models/, about 2 CPU-s) while its key is current, else
    fitted on NewsMTSC train (about 35 CPU-s) once per run, not by the report run's notebook 05
    and test_target_sentiment.py at the same time."""
    from quotelens.sentiment import targets

    _once_for_all_workers(tmp_path_factory, "target_model_fitted", lambda: bool(targets.load_target_model()))


#: small_default_corpus: the first FA-KES rows, and a later article whose speaker 'Hamza
#: al-Khatib' is the 'Hamza Khatib' of two of them (FA-KES rows 55 and 74), so that, as in the
#: whole corpus, an unknown speaker's names are made one across chunks.
SMALL_FIRST_ROWS = 120
SMALL_LATER_IDS = ["1924058094"]
SMALL_FAKES_ROWS = SMALL_FIRST_ROWS + len(SMALL_LATER_IDS)


@pytest.fixture(scope="session")
def small_default_corpus(tmp_path_factory) -> list:
    """The default corpus's two inputs, smaller: the seed folder and SMALL_FAKES_ROWS FA-KES
    articles (every column, written as a CSV of the original's rows, in the original's order).
    For tests that compare two ways of processing one corpus (chunked and in memory, two
    engines): the 805 articles cost about 7 CPU-s per pass and show those tests nothing these
    real ones do not."""
    path = tmp_path_factory.mktemp("small_default") / "fakes_head.csv"
    fakes = pd.read_csv(config.FAKES_CSV, dtype=str, keep_default_na=False)
    later = fakes.index[SMALL_FIRST_ROWS:][fakes["unit_id"].iloc[SMALL_FIRST_ROWS:].isin(SMALL_LATER_IDS)]
    assert len(later) == len(SMALL_LATER_IDS)
    fakes.loc[list(fakes.index[:SMALL_FIRST_ROWS]) + list(later)].to_csv(path, index=False)
    return [config.SEEDS_DIR, path]


@pytest.fixture(scope="session")
def dev_articles() -> dict:
    """The news gold's dev-split articles (data/gold/news/articles.jsonl) by id: the texts that
    extraction rules may be tuned on and tested with (never the test split)."""
    arts = {}
    path = config.GOLD_DIR / "news" / "articles.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["split"] == "dev":
            arts[rec["id"]] = rec
    return arts


@pytest.fixture
def default_articles(default_load) -> pd.DataFrame:
    """A copy of the default corpus's Articles table."""
    return default_load.articles.copy()


@pytest.fixture
def default_statements(default_statements_syria_shared) -> pd.DataFrame:
    """A copy of the statements the extractor finds in the default corpus (with its registry,
    data/actors/syria.yaml)."""
    return default_statements_syria_shared.copy()


# --------------------------------------------------------------------------------------------
# The command line in the test's own process

#: Warnings Python does not print by default (the interpreter's default filters).
_HIDDEN_WARNINGS = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)


@pytest.fixture
def cli_in_process(monkeypatch, capsys):
    """run(*args, cwd=folder) -> subprocess.CompletedProcess: `quotelens args` as cli.main run
    from `folder` in this process, with the exit status and stderr the interpreter would give
    (an uncaught SystemExit's code; a message code is printed and means status 1; the warnings
    it would print). A fresh `python -m quotelens.cli` costs about 2 CPU-s of imports (7 for
    `report`); keep one such run per command where the entry point itself is the question."""
    from quotelens import cli

    def run(*args: str, cwd) -> subprocess.CompletedProcess:
        monkeypatch.chdir(cwd)
        capsys.readouterr()  # drop what came before
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                status = cli.main([str(a) for a in args])
            except SystemExit as exc:
                if exc.code is None or isinstance(exc.code, int):
                    status = exc.code or 0
                else:
                    print(exc.code, file=sys.stderr)
                    status = 1
        out, err = capsys.readouterr()
        shown = [w for w in caught if not issubclass(w.category, _HIDDEN_WARNINGS)]
        err += "".join(f"{w.filename}:{w.lineno}: {w.category.__name__}: {w.message}\n" for w in shown)
        return subprocess.CompletedProcess(list(args), status, out, err)

    return run


# --------------------------------------------------------------------------------------------
# Distribution over the xdist workers

#: Test files that share a session fixture too costly to build twice, and the unit they form.
SHARED_UNITS = {
    "test_end_to_end.py": "smoke_report",  # smoke_report's double run
    "test_report_from_pipeline.py": "smoke_report",  # ... is its usual-way run
}

#: Work units (file names, or a SHARED_UNITS unit) in the order they start, the longest first;
#: units not listed follow in collection order. From --durations=0 per file (docs/testing.md);
#: re-measure when a file's cost changes much.
SLOWEST_FIRST = [  # wall seconds per file in a loaded full run at db09f9b (docs/testing.md)
    "test_report_figure_folders.py",  # 239 as test_report_figures.py (one setup; CPU alone 115 s,
    #                                   ~98 in one quadratic regex of compare/quotes.py; 19 fixed)
    "smoke_report",  # test_end_to_end.py + test_report_from_pipeline.py: 66; on CI it fits
    #                  the target model (target_model_fitted: the shipped file, ~2 CPU-s)
    "test_own_corpus.py",  # 91 (fitted its own target model; now copies the shared fit)
    "test_hostile_report.py",  # 141 (second whole chain now a rerun of 01-02 only)
    "test_fuzz.py",  # 87
    "test_pipeline.py",  # 53
    "test_cli_report_errors.py",  # 43
    "test_target_sentiment.py",  # 41
    "test_sentiment_headline.py",  # 41
    "test_report.py",  # 39
    "test_report_reader.py",  # 23
    "test_load_duplicates.py",  # 23
    "test_load_csv_records.py",  # 21
    "test_parameters.py",  # 19
    "test_dask_engine.py",  # 18
    "test_report_readthrough.py",  # 18
    "test_evaluate.py",  # 17
    "test_sentiment_scoring.py",  # 16
    "test_neutral_defaults.py",  # 15
    "test_pipeline_signals.py",  # 14
    "test_pipeline_resume.py",  # 14
    "test_shared_kernel.py",  # 14
    "test_extract_passes.py",  # 14
    "test_extract_parallel.py",  # 12
    "test_output_folders.py",  # 12
    "test_corpus.py",  # 11
    "test_boilerplate.py",  # 10
    "test_keywords.py",  # 10
]


def _unit_of_path(path: str) -> str:
    """The unit of work of a test file (given as a node id's path part)."""
    name = path.rsplit("/", 1)[-1]
    return SHARED_UNITS.get(name, path)


def pytest_collection_modifyitems(config, items):
    """Each file's tests together and in order, the units longest first (a stable sort on the
    unit's rank, so module fixtures are still built once per file)."""
    rank = {unit: i for i, unit in enumerate(SLOWEST_FIRST)}

    def key(item):
        unit = _unit_of_path(item.nodeid.split("::", 1)[0])
        return rank.get(unit, rank.get(unit.rsplit("/", 1)[-1], len(rank)))

    items.sort(key=key)


@pytest.hookimpl(optionalhook=True)  # an xdist hook: known only when xdist is installed
def pytest_xdist_make_scheduler(config, log):
    """--dist loadfile with the files of SHARED_UNITS as one unit, started in collection order
    (the order above, not xdist's default of the units with most tests first)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class SharedRunScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _unit_of_path(nodeid.split("::", 1)[0])

    config.option.loadscopereorder = False
    return SharedRunScheduling(config, log)


# --------------------------------------------------------------------------------------------
# The smoke report, shared by test_end_to_end.py and test_report_from_pipeline.py


def _snapshot(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def smoke_report(tmp_path_factory, target_model_fitted):
    """configs/smoke.yaml (the seed article, every notebook) run twice into one temporary folder.

    A dict: "root" (the output folder: processed/, figures/, reports/), "result" (the second
    run's ReportResult), "first" and "second" (every file's bytes after each run, by path
    relative to root) and "logs" (each run's progress lines). The two runs write into the same
    folder so that the paths injected into the notebooks are the same. Files using it carry
    pytest.mark.xdist_group("smoke_report"), so one worker runs them all and this runs once."""
    from quotelens.report import runner as report

    root = tmp_path_factory.mktemp("smoke")
    cfg = report.load_config(config.CONFIGS_DIR / "smoke.yaml")
    snapshots, logs, results = [], [], []
    for _ in range(2):
        log = io.StringIO()
        try:
            results.append(report.run_report(cfg, output_root=root, stream=log))
        finally:
            print(log.getvalue())  # shown by pytest when a test fails
        logs.append(log.getvalue())
        snapshots.append(_snapshot(root))
    return {"root": root, "result": results[-1], "first": snapshots[0], "second": snapshots[1], "logs": logs}
