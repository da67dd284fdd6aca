"""00_report's findings read right on a corpus that is not the default one: the GUM Wikinews
articles of the news gold (43 articles from one outlet, no registry, many interviews), loaded,
extracted and scored here as the report's notebooks do."""

from __future__ import annotations

import json
import re

import pytest

from quotelens.compare import choices
from quotelens.compare import comparisons as cmp
from quotelens.compare import findings as summary
from quotelens import config
from quotelens.config import GOLD_DIR
from quotelens.extract.statements import extract_statements
from quotelens.load.corpus import load_corpus
from quotelens.sentiment import score_table, scorer_from_options

pytestmark = pytest.mark.usefixtures("sentence_models_fitted")


@pytest.fixture(scope="module")
def gum(tmp_path_factory):
    path = tmp_path_factory.mktemp("gum") / "gum.jsonl"
    with open(GOLD_DIR / "news" / "articles.jsonl", encoding="utf-8") as fh, open(path, "w", encoding="utf-8") as out:
        for line in fh:
            row = json.loads(line)
            if row["id"].startswith("GUM_"):
                out.write(json.dumps({k: row[k] for k in ("id", "title", "text", "source", "date", "url")}) + "\n")
    articles = load_corpus([path]).articles
    scored = score_table(extract_statements(articles), text_column="quote", scorer=scorer_from_options())
    groups = choices.outlet_groups("", articles)
    return articles, cmp.statements_in_context(scored, articles, groups), groups


def test_findings_of_a_one_outlet_corpus_without_a_registry(gum):
    articles, ctx, groups = gum
    sentences = summary.findings(ctx, articles, groups, None, 5, masking=False, n_boot=200)
    text = " ".join(sentences)
    assert "from 1 outlet," in text  # not "1 outlets"
    assert not re.search(r"\b1 statements\b", text)
    # one outlet: no "In wikinews, the most quoted ..." repeating the corpus's top speaker
    assert not [s for s in sentences if s.startswith("In wikinews")], sentences
    # a mean without an interval says why (its actor is quoted in one article)
    lowest = next(s for s in sentences if s.startswith("Among the 10 most quoted named actors"))
    for mean in re.findall(r"’?s? \(([+-]\d\.\d\d[^)]*)\)", lowest):
        assert "95% CI" in mean or "no interval: 1 article" in mean, lowest
    assert "no interval: 1 article" in lowest  # GUM's interviewees speak in one article each
    # no pair of actors is quoted together in two articles: the first pair of one article is said to be one of many
    pair = next(s for s in sentences if s.startswith("The pair of named actors quoted together most often"))
    assert re.search(r"\(1 article\), tied with \d+ other pairs quoted together in 1 article each: no pair stands out\.$", pair), pair


def test_examples_show_reported_words_with_their_reporting_verb(default_load, default_statements_syria_shared):
    """The scored span of reported speech leaves the verb out (issue 14 item 6), so the first
    page showed 'Syrian government: allegations that it was behind that attack' for 'The Assad
    regime has denied allegations ...'. Reported words now follow their verb in brackets, as the
    article has it ('[called on the UN Security Council] to hold ...')."""
    from quotelens.compare.quotes import quotes_for_report, representative_statements

    articles = default_load.articles
    groups = cmp.load_outlet_groups(config.resolve("data/outlets.yaml"))
    ctx = cmp.statements_in_context(default_statements_syria_shared, articles, groups)
    texts = dict(zip(articles["article_id"].astype(str), articles["text"]))
    chosen = representative_statements(ctx, top_n=5, per_actor=4, texts=texts)
    shown = quotes_for_report(chosen, groups.outlet_name)
    rows = ctx.set_index("statement_id")
    reported = 0
    for (_, pick), statement in zip(chosen.iterrows(), shown["Statement"]):
        row = rows.loc[pick["statement_id"]]
        if pick["type"] == "direct":
            assert statement == f"“{pick['quote']}”"
            continue
        reported += 1
        m = re.fullmatch(r"\[([^\]]+)\] (.+)", statement, flags=re.S)
        assert m and m.group(2) == pick["quote"], statement
        text = texts[str(pick["article_id"])]
        # the bracket holds the cue as recorded, or the article's words from the cue to the statement
        assert m.group(1) in (row["cue"], " ".join(text[int(row["cue_start"]):int(row["start"])].split())), (m.group(1), row["cue"])
        assert row["cue"].split()[0].lower() in m.group(1).lower()
    assert reported >= 4


def test_counts_of_one_are_singular_on_the_seed_article():
    # the seed article (the smoke report): Bashar al-Jaafari is quoted once; the page said "1 statements"
    articles = load_corpus([config.SEEDS_DIR]).articles
    groups = choices.outlet_groups("", articles)
    ctx = cmp.statements_in_context(extract_statements(articles), articles, groups)
    top = next(s for s in summary.findings(ctx, articles, groups, None, 2) if s.startswith("The most quoted named actors"))
    assert re.search(r"Bashar al-Jaafari \(1 statement, \d+%\)", top), top
    assert not re.search(r"\b1 statements\b", top)
