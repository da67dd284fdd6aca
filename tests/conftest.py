"""Shared test set-up: the hypothesis profiles and the default corpus, loaded and extracted once.

The default corpus (the seed + FA-KES, as configs/default.yaml reads it) is used by many test
files; loading it takes about a second and extracting its statements several, so it is done once
per test process (per xdist worker) here. Fixtures hand out copies where a test could change the
table, so no test sees another's edits.

Hypothesis: the "ci" profile (loaded when CI is set, as .ci/run does) derandomises every
property test, so a CI run is the same run each time and a failure can be reproduced from its
log; locally the "dev" profile keeps hypothesis's random exploration. Both drop the per-example
deadline: the shared 2-core machines make single-example timings meaningless.
"""

from __future__ import annotations

import os

import pandas as pd
import pytest
from hypothesis import settings

from quotelens import config

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

#: The default corpus as the default report reads it (relative to the project root).
DEFAULT_CORPUS = ["seeds", "data/raw/fa-kes/FA-KES-Dataset.csv"]


@pytest.fixture(scope="session")
def default_load():
    """LoadResult of the default corpus (805 articles), loaded once per test process."""
    from quotelens.load.corpus import load_corpus

    return load_corpus([config.resolve(p) for p in DEFAULT_CORPUS])


@pytest.fixture(scope="session")
def _default_statements_shared(default_load) -> pd.DataFrame:
    from quotelens.extract.registry import default_registry_path
    from quotelens.extract.statements import extract_statements

    # the default corpus's registry, named: the library's own default is no registry
    return extract_statements(default_load.articles, registry=default_registry_path())


@pytest.fixture
def default_articles(default_load) -> pd.DataFrame:
    """A copy of the default corpus's Articles table."""
    return default_load.articles.copy()


@pytest.fixture
def default_statements(_default_statements_shared) -> pd.DataFrame:
    """A copy of the statements the extractor finds in the default corpus (with its registry,
    data/actors/syria.yaml)."""
    return _default_statements_shared.copy()
