"""How the report counts what it shows (issue 14): each text once in the "speaks about"
networks too, and the methods text on the sentiment towards each actor, on real data (the
default corpus, seed + FA-KES, with its registry; docs/evaluation/sentiment.json)."""

from __future__ import annotations

import json
import re

import pytest

from quotelens import config
from quotelens.compare import comparisons as cmp
from quotelens.compare import networks, signed_network, statement_targets
from quotelens.compare.once import duplicate_articles
from quotelens.extract.registry import default_registry_path
from quotelens.report import methods_text

SENTIMENT_EVAL = config.PROJ_ROOT / "docs" / "evaluation" / "sentiment.json"


@pytest.fixture(scope="module")
def copies_and_originals(default_load, default_statements_syria_shared):
    """The statements in context of the FA-KES articles flagged as copies and of the articles
    they copy (each pair's two texts), and the set of copies."""
    articles = default_load.articles
    flagged = articles[articles["duplicate_of"].notna()]
    pair_ids = set(flagged["article_id"].astype(str)) | set(flagged["duplicate_of"].astype(str))
    statements = default_statements_syria_shared
    ctx = cmp.statements_in_context(statements[statements["article_id"].astype(str).isin(pair_ids)], articles)
    return ctx, duplicate_articles(ctx)


def test_speaks_about_counts_each_text_once(copies_and_originals):
    ctx, copies = copies_and_originals
    assert len(copies) >= 40  # the 49 copies of the default corpus
    aliases = networks.registry_aliases(default_registry_path())
    mentions = networks.mentions_in_statements(ctx, aliases)
    everything = networks.mentions_in_statements(ctx, aliases, once_per_text=False)
    assert everything["article_id"].astype(str).isin(copies).sum() >= 50  # copies do name registry actors
    assert not mentions["article_id"].astype(str).isin(copies).any()
    assert len(mentions) == len(everything) - int(everything["article_id"].astype(str).isin(copies).sum())


@pytest.mark.usefixtures("target_model_fitted")
def test_signed_network_counts_each_text_once(copies_and_originals):
    ctx, copies = copies_and_originals
    targets = statement_targets.statement_targets(ctx, networks.registry_aliases(default_registry_path()))
    in_copies = targets["article_id"].astype(str).isin(copies)
    assert in_copies.sum() >= 50
    affiliations = statement_targets.registry_affiliations(default_registry_path())
    edges = signed_network.speaks_about_sentiment(targets, affiliations, min_articles=1, n_boot=50, statements=ctx)
    counted_ids = {sid for ids in edges["statement_ids"] for sid in ids}
    copy_ids = set(ctx.loc[ctx["article_id"].astype(str).isin(copies), "statement_id"].astype(str))
    assert counted_ids and not counted_ids & copy_ids
    assert edges.attrs["targets_set_aside"] == int(in_copies.sum())
    # without the statements table every target counts, copies included
    every = signed_network.speaks_about_sentiment(targets, affiliations, min_articles=1, n_boot=50)
    assert {sid for ids in every["statement_ids"] for sid in ids} & copy_ids
    assert edges["n_statements"].sum() < every["n_statements"].sum()


def test_methods_text_on_target_sentiment_states_the_evaluated_scores():
    doc = json.loads(SENTIMENT_EVAL.read_text(encoding="utf-8"))
    rows = {(r["file"], r["unit"], r["method"]): r for r in doc["target_results"] if r.get("masking", "unmasked") == "unmasked"}
    text = " ".join(methods_text.target_sentiment_sentences(doc))
    for file in ("devtest_mt.jsonl", "devtest_rw.jsonl"):
        row = rows[(file, "target", "target")]
        assert f"macro-F1 {row['macro_f1']:.2f}, {100 * row['accuracy']:.0f}% of {row['n']} targets labelled right" in text
    assert "P(positive) - P(negative) on -1 to 1" in text and "95% interval from resampling whole articles" in text
    assert "Limits: NewsMTSC is US political news, not this corpus" in text
    for word in ("Syria", "FA-KES", "war"):  # the text holds for any corpus
        assert not re.search(rf"\b{word}\b", text, flags=re.I), word
    missing = " ".join(methods_text.target_sentiment_sentences(None))
    assert "not in the sentiment evaluation file" in missing and "macro-F1 0." not in missing


# --------------------------------------------------------------------------------------------
# Joint speakers ("The United States and Russia announced ..."): one category, counted once


@pytest.fixture(scope="module")
def default_ctx(default_load, default_statements_syria_shared):
    return default_load.articles, cmp.statements_in_context(default_statements_syria_shared, default_load.articles)


def test_joint_speakers_are_one_category_not_actors(default_ctx):
    from quotelens.compare import choices, findings, speaker_types

    articles, ctx = default_ctx
    joint = speaker_types.is_joint(ctx)
    marked = ctx["rule"].str.endswith("+joint")
    assert marked.sum() >= 20 and joint[marked].all()
    assert joint.sum() >= marked.sum()  # also a "they" resolved to a joint speaker
    names = set(ctx.loc[joint, "speaker"])
    assert {"United States and Russia", "France and United Kingdom"} <= names
    # never a named actor, never an unnamed source: every statement with a speaker is exactly one of the three
    named, unnamed = speaker_types.is_named_actor(ctx), speaker_types.is_unnamed(ctx)
    assert not (named & joint).any() and not (unnamed & joint).any()
    assert not names & set(choices.named_speakers(ctx))
    assert not names & set(choices.network_speakers(ctx, 10**6, named_only=True))
    # the members among the named actors, the name's parts joined back when together they name an actor
    assert speaker_types.joint_members("United States and Russia", {"United States", "Russia"}) == ["United States", "Russia"]
    assert speaker_types.joint_members("Local Coordination Committees and other activists", {"Local Coordination Committees"}) \
        == ["Local Coordination Committees"]
    assert speaker_types.joint_members("Bosnia and Herzegovina and Serbia", {"Bosnia and Herzegovina", "Serbia"}) \
        == ["Bosnia and Herzegovina", "Serbia"]
    table = speaker_types.joint_summary(ctx)
    kept = ctx[ctx["duplicate_of"].isna()]
    assert int(table["n_statements"].sum()) == int(speaker_types.is_joint(kept).sum())
    row = table.set_index("speaker").loc["United States and Russia"]
    assert row["members"] == "United States; Russia"
    # the finding says how many and what crediting each member would add, counted each text once
    sentence = speaker_types.joint_sentence(ctx)
    assert sentence in findings.findings(ctx.drop(columns=["sentiment"], errors="ignore"), articles, None, None, 5, n_boot=50)
    assert sentence.startswith(f"{int(table['n_statements'].sum())} of {len(kept)} statements")
    own = kept[speaker_types.is_named_actor(kept)].groupby("speaker").size()
    added = sum(int(k) for m, k in zip(table["members"], table["n_statements"]) if "Russia" in m.split("; "))
    assert f"Russia (+{added} to its {int(own['Russia'])})" in sentence
