"""The article name scan's shortcut for one-word runs (quotelens.extract.entity_runs) decides
exactly as the full reading of the run, on real text: the seed article and FA-KES articles
extracted with the Syria registry (so registry mentions, places, titles and function words all
occur)."""

from __future__ import annotations

import pandas as pd

from quotelens import config
from quotelens.extract import entity_runs
from quotelens.extract.registry import default_registry_path, load_registry
from quotelens.extract.statements import extract_statements
from quotelens.load.corpus import load_corpus


def test_one_word_shortcut_changes_no_statement(monkeypatch):
    articles = load_corpus([config.SEEDS_DIR, config.FAKES_CSV]).articles.head(120)
    registry = load_registry(default_registry_path())
    taken = []
    shortcut = entity_runs._lone_word_is_nothing

    def counted(ents, toks, i0):
        settled = shortcut(ents, toks, i0)
        taken.append(settled)
        return settled

    monkeypatch.setattr(entity_runs, "_lone_word_is_nothing", counted)
    fast = extract_statements(articles, registry)
    assert sum(taken) > 1000  # the shortcut does settle most one-word runs here
    monkeypatch.setattr(entity_runs, "_lone_word_is_nothing", lambda ents, toks, i0: False)
    full = extract_statements(articles, registry)
    assert len(full) > 500
    pd.testing.assert_frame_equal(fast, full)
