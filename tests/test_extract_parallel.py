"""`quotelens extract` on the machine's cores (quotelens.extract.parallel): the same table as
one process, on real articles (FA-KES), in input order, and the command's --workers option."""

from __future__ import annotations

import pandas as pd
import pytest

from quotelens import config
from quotelens.extract.parallel import default_workers, extract_statements_parallel
from quotelens.extract.registry import default_registry_path, load_registry
from quotelens.extract.statements import extract_statements


@pytest.fixture(scope="module")
def fakes(default_load):
    """The first 120 FA-KES articles of the default corpus (conftest's shared load)."""
    articles = default_load.articles
    return articles[articles["source"].notna()].head(120).reset_index(drop=True)


def test_pool_equals_one_process_on_fakes(fakes):
    registry = load_registry(default_registry_path())
    one = extract_statements(fakes, registry)
    # 120 articles in chunks of 20: six tasks over two processes
    pooled = extract_statements_parallel(fakes, registry, workers=2, chunk_size=20)
    assert len(one) > 500
    pd.testing.assert_frame_equal(pooled.reset_index(drop=True), one.reset_index(drop=True))
    # rows follow the articles' input order
    order = {a: i for i, a in enumerate(fakes["article_id"])}
    ranks = [order[a] for a in pooled["article_id"]]
    assert ranks == sorted(ranks)


def test_one_worker_and_small_corpora_skip_the_pool(fakes):
    head = fakes.head(10)
    pd.testing.assert_frame_equal(extract_statements_parallel(head, None, workers=4), extract_statements(head, None))
    assert default_workers() >= 1


def test_extract_command_workers_option(tmp_path, cli_in_process):
    out = tmp_path / "s.jsonl"
    seed = config.SEEDS_DIR / "000_aff2fd669e79066c.txt"
    # in this process (test_cli_errors.py runs `extract` once in a fresh one); one article
    # takes no pool whatever --workers says, test_pool_equals_one_process_on_fakes checks the pool
    done = cli_in_process("extract", str(seed), "-o", str(out), "--workers", "2", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(pd.read_json(out, lines=True)) >= 10
    bad = cli_in_process("extract", str(seed), "-o", str(tmp_path / "x.jsonl"), "--workers", "0", cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.strip().count("\n") == 0 and "--workers" in bad.stderr
