"""The report as a media researcher reads it (issue 14): no code where a reader needs words. Rule
codes, statement forms and method names in words, in tables and in figure legends; outlets by
name; file names a reader can find. On real text: the seed article and the default corpus."""

from __future__ import annotations

import ast
import json
import re

import matplotlib

matplotlib.use("Agg")
import pandas as pd  # noqa: E402
import yaml  # noqa: E402
import pytest  # noqa: E402

from quotelens import config  # noqa: E402
from quotelens.compare import choices  # noqa: E402
from quotelens.compare import comparisons as cmp  # noqa: E402
from quotelens.compare import findings as fnd  # noqa: E402
from quotelens.compare.cell_plots import plot_cells  # noqa: E402
from quotelens.compare.cells import cell_estimates, column_value_labels, compare_by_column  # noqa: E402
from quotelens.compare.once import once_per_text  # noqa: E402
from quotelens.compare.speaker_types import is_unnamed  # noqa: E402
from quotelens.compare import plots as cplots  # noqa: E402
from quotelens.compare.quotes import (MAX_NAME_CUE_GAP, MIN_PER_ACTOR, REPRESENTATIVE_RULE, example_notes,  # noqa: E402
                                      name_beside_cue, named_at_statement, place_for_government, quotes_for_report,
                                      representative_statements, whole_statement)
from quotelens.extract.registry import registry_from_option  # noqa: E402
from quotelens.extract.statements import extract_statements  # noqa: E402
from quotelens.extract.summary import by_actor, by_type, plot_by_actor, plot_by_type  # noqa: E402
from quotelens.figures import close, save_figure  # noqa: E402
from quotelens.keywords.distinctive import keyword_table, with_month  # noqa: E402
from quotelens.load.corpus import load_corpus  # noqa: E402
from quotelens.report import methods_text  # noqa: E402
from quotelens.report.parameters import check_parameters, declared_parameters  # noqa: E402
from quotelens.report import table_labels as tl  # noqa: E402
from quotelens.sentiment import plots as splots  # noqa: E402
from quotelens.sentiment.estimates import actor_estimates  # noqa: E402
from quotelens.sentiment.scoring import score_table  # noqa: E402

CODES = ("according_to", "indirect", "vader", "afinn", "ngram", "_", "+")


@pytest.fixture(scope="module")
def seed():
    articles = load_corpus(["seeds"]).articles
    return articles, score_table(extract_statements(articles, registry="data/actors/syria.yaml"))


@pytest.fixture(scope="module")
def scored_ctx_reader(_default_statements_shared, default_load):
    """The default corpus's statements, scored, in context, as 00_report builds them."""
    groups = cmp.load_outlet_groups(config.resolve("data/outlets.yaml"))
    return cmp.statements_in_context(score_table(_default_statements_shared.copy()), default_load.articles, groups)


def _code(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            yield i, "".join(cell["source"])


def _legend_texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes if ax.get_legend() for t in [ax.get_legend().get_title(), *ax.get_legend().get_texts()]]


def test_every_rule_of_the_default_corpus_reads_as_words(default_statements):
    rules = pd.DataFrame({"rule": sorted(default_statements["rule"].unique())})
    assert len(rules) > 50  # pass+resolution codes of the whole corpus
    shown = tl.readable(rules)["Extraction rule"]
    for code, words in zip(rules["rule"], shown):
        assert "_" not in words and "+" not in words, (code, words)
    said = dict(zip(rules["rule"], shown))
    assert said["reported_backward+pronoun:last_speaker"] == (
        "reported speech, speaker after the words; speaker: a pronoun, taken as the last speaker")
    assert said["quote_continues"] == "direct quote continued from the paragraph before"


def test_figure_legends_and_ticks_say_the_form_and_method_in_words(seed, tmp_path):
    articles, scored = seed
    fig = plot_by_actor(by_actor(scored), n_statements=len(scored), n_articles=1)
    save_figure(fig, by_actor(scored), "02_statements_by_actor", tmp_path)
    texts = _legend_texts(fig)
    close(fig)
    assert texts == ["statement form", "direct quote", "reported speech", "mixed", "according to"], texts

    fig = plot_by_type(by_type(scored), n_articles=1)
    save_figure(fig, by_type(scored), "02_statements_by_type", tmp_path)
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    close(fig)
    assert ticks == ["direct quote", "reported speech", "mixed", "according to"], ticks

    methods = ["vader", "afinn", "ngram", "ensemble"]
    estimates = actor_estimates(scored, by=["speaker"], method_columns=methods, min_statements=1, n_boot=20)
    fig, data = splots.method_comparison(estimates, methods, "methods")
    save_figure(fig, data, "03_sentiment_method_comparison", tmp_path)
    texts = _legend_texts(fig)
    close(fig)
    assert texts == ["sentiment method", "VADER (NLTK)", "AFINN", "n-gram model", "ensemble (the headline score)"], texts

    groups = cmp.load_outlet_groups(config.resolve("data/outlets.yaml"))
    ctx = cmp.statements_in_context(scored, articles, groups)
    summary = cmp.outlet_summary(ctx, articles, by="outlet_group", groups=groups)
    fig, data = cplots.plot_forms(summary, "outlet_group", groups.label_of)
    save_figure(fig, data, "05_comparisons_forms_by_group", tmp_path)
    texts = _legend_texts(fig)
    close(fig)
    assert texts[0] == "statement form" and not any(code in t for t in texts for code in CODES), texts


# ---- the report's examples: a rule that favours statements a reader can trust ----------------


def _row(text_of, article_id, speaker, cue, quote, kind="indirect", after=False):
    """A statement row built from an article's own words, located by their offsets: the speaker
    and cue before the quote, or with `after` the first ones after it."""
    text = text_of[article_id]
    start = text.index(quote)
    if after:
        s0, c0 = text.index(speaker, start + len(quote)), text.index(cue, start + len(quote))
    else:
        s0 = text.rindex(speaker, 0, start) if speaker in text[:start] else text.index(speaker)
        c0 = text.rindex(cue, 0, start) if cue in text[:start] else text.index(cue, start)
    return {"statement_id": f"{article_id}:{start}", "article_id": article_id, "type": kind, "quote": quote,
            "speaker_mention": speaker, "speaker_start": s0, "speaker_end": s0 + len(speaker),
            "cue_start": c0, "cue_end": c0 + len(cue), "resolved_from": -1}


def test_example_rule_tells_trusted_statements_from_the_errors_read_before(default_load):
    """The read-throughs of docs/readthrough.md found these examples wrong: a name a clause away
    from its verb, the object of "described", a second attribution inside the span, a TV's words
    given to "Syria", a name after a preposition, a span cut after "and"; and these right."""
    text_of = dict(zip(default_load.articles["article_id"].astype(str), default_load.articles["text"]))
    rows = pd.DataFrame([
        # wrong speaker: "the Syrian regime and Kurdish authorities who have declared ..."
        _row(text_of, "1924058046", "Syrian regime", "declared", "zones of autonomous administration across parts of north"),
        # wrong speaker: "Syrias government run TV said ...", the TV's words
        _row(text_of, "1914947539", "Syria", "said", "the explosion took place in Al Kalassa region"),
        # span runs into another attribution: "... chemical weapons Irans Press TV reported on Sunday"
        _row(text_of, "1926479026", "Syrian government", "told",
             "it would allow U.N. inspectors to visit areas reportedly affected by chemical weapons Irans Press TV reported on Sunday"),
        # the object of "described", not a statement a reader can read on its own
        _row(text_of, "1923102966", "Syrian National Coalition", "described", 'the incident as a "heinous crime"'),
        # wrong speaker: "a local group that supports protest and resistance against the Syrian government reported"
        _row(text_of, "1965495348", "Syrian government", "reported", "at least 35 of the slain were found with their bodies"),
        # wrong speaker and span: "... fighting between the opposition and the Assad regime opposition said"
        _row(text_of, "1924058141", "Assad regime", "said",
             "War jets also believed to be Russian also struck Urum al Kubra town in opposition-held western Aleppo "
             "countryside where five civilians were killed in an area that witnessed fighting between the opposition and",
             after=True),
        # span runs on: "Since Sept. 19 when Assad regime declared the end of the week-long cease-fire at least 359 ..."
        _row(text_of, "1924058201", "Assad regime", "declared",
             "the end of the week-long cease-fire at least 359 civilians have been killed and 1407 injured"),
        # right: "Syria says the attack was ...", "According to the Syrian regime this lull ...", a direct quote
        _row(text_of, "1962495633", "Syria", "says", "the attack was actually carried out by the foreign-backed militants"),
        _row(text_of, "1923102903", "Syrian regime", "According to", 'this lull in violence was to allow civilians to "escape"'),
        _row(text_of, "1924058052", "Abdel Rahman", "said", "Some of the bodies were so mutilated by the strikes", kind="direct"),
    ]).assign(speaker=["Syrian government"] * 3 + ["National Coalition"] + ["Syrian government"] * 5 + ["Rami Abdel Rahman"])
    beside = name_beside_cue(rows, texts=text_of).tolist()
    whole = whole_statement(rows).tolist()
    place = place_for_government(rows).tolist()
    assert beside == [False, False, True, True, False, True, False, True, True, True], beside
    assert whole == [False, True, False, False, True, False, True, True, True, True], whole  # "zones of ..." has no verb either
    assert place == [False, True, False, False, False, False, False, True, False, False], place  # "Syria" given to its government
    assert name_beside_cue(rows).tolist()[4]  # without the texts, the preposition cannot be seen


def test_report_examples_are_trusted_or_named_under_the_table(scored_ctx_reader, default_load):
    texts = dict(zip(default_load.articles["article_id"].astype(str), default_load.articles["text"]))
    chosen = representative_statements(scored_ctx_reader, top_n=5, per_actor=4, texts=texts)
    rows = scored_ctx_reader.set_index("statement_id").loc[chosen["statement_id"]].reset_index()
    trusted = (name_beside_cue(rows, texts=texts) & whole_statement(rows) & named_at_statement(rows)
               & ~place_for_government(rows)).to_numpy()
    assert (trusted == chosen["trusted"].to_numpy()).all()
    assert chosen.groupby("speaker").size().between(3, 4).all() and chosen["speaker"].nunique() == 5
    assert chosen["trusted"].mean() > 0.8
    notes = example_notes(chosen)
    weaker = chosen.loc[~chosen["trusted"], "statement_id"].tolist()
    assert all(any(sid in note for note in notes) for sid in weaker) and len(notes) == chosen.loc[~chosen["trusted"], "speaker"].nunique()
    # the trusted ones fill the first places: a weaker row only where an actor's trusted ones come
    # from fewer than 3 articles (one is shown per article), and then every such article is shown
    for actor, mine in chosen.groupby("speaker"):
        if not mine["trusted"].all():
            assert mine["n_trusted_articles"].iloc[0] < 3
            assert mine["trusted"].sum() == mine["n_trusted_articles"].iloc[0] <= mine["n_trusted"].iloc[0]
    for quote in ("zones of autonomous administration", "at least 35 of the slain", "fighting between the opposition and"):
        assert quote not in " ".join(chosen["quote"])
    assert REPRESENTATIVE_RULE.count(str(MAX_NAME_CUE_GAP)) == 1 and "whole statements" in REPRESENTATIVE_RULE
    assert f"at least {MIN_PER_ACTOR} per actor" in REPRESENTATIVE_RULE


# ---- outlets by name and size, unnamed sources as one row, files a reader can find ------------


def test_report_examples_name_their_outlets(scored_ctx_reader):
    groups = cmp.load_outlet_groups(config.resolve("data/outlets.yaml"))
    chosen = representative_statements(scored_ctx_reader, top_n=5, per_actor=4)
    shown = quotes_for_report(chosen, groups.outlet_name)
    names = set(groups.outlets["name"])
    assert set(shown["Outlet"]) <= names and len(set(shown["Outlet"])) >= 5, set(shown["Outlet"])
    # and 00_report passes the grouping's outlet names (it showed "trt", "dailysabah")
    calls = [node for _, code in _code(config.NOTEBOOKS_DIR / "00_report.ipynb") for node in ast.walk(ast.parse(code))
             if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "quotes_for_report"]
    assert calls and all(len(c.args) == 2 and ast.unparse(c.args[1]) == "groups.outlet_name" for c in calls)


def test_outlet_tables_list_the_largest_first_and_no_outlet_last(scored_ctx_reader, default_load):
    groups = cmp.load_outlet_groups(config.resolve("data/outlets.yaml"))
    for by in ("source", "outlet_group"):
        summary = cmp.outlet_summary(scored_ctx_reader, default_load.articles, by=by, groups=groups)
        assert summary[by].iloc[-1] == cmp.UNKNOWN_SOURCE  # the seed article has no outlet
        counts = summary["n_statements"].iloc[:-1].tolist()
        assert counts == sorted(counts, reverse=True) and len(counts) >= 4, summary[[by, "n_statements"]]
        cells = cmp.largest_first(cell_estimates(scored_ctx_reader, by, n_boot=20), by)  # 05's sentiment cells
        assert [v for v in cells[by] if v != cmp.UNKNOWN_SOURCE] == [v for v in summary[by] if v != cmp.UNKNOWN_SOURCE]
    code = "\n".join(c for _, c in _code(config.NOTEBOOKS_DIR / "05_comparisons.ipynb"))
    assert "cmp.largest_first(cell_estimates(ctx, by" in code  # were sorted by id ("ahram", "alalam", ...)


@pytest.fixture(scope="module")
def gum_ctx():
    """The GUM Wikinews news and interview articles, extracted with no registry, in context."""
    rows = [json.loads(line) for line in (config.GOLD_DIR / "news" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["id"].startswith("GUM_")]
    articles = pd.DataFrame({"article_id": [r["id"] for r in rows], "text": [r["text"] for r in rows],
                             "source": [r["source"] for r in rows], "date": pd.to_datetime([r["date"] for r in rows])})
    statements = extract_statements(articles, registry=registry_from_option(""))
    groups = choices.outlet_groups("", articles)
    return cmp.statements_in_context(statements, articles, groups)


def test_quoting_table_lists_named_actors_and_unnamed_sources_as_one_row(gum_ctx):
    # GUM's interviewees are unnamed sources (51 answers): the report's table of who is quoted
    # must not list "interviewee" as an actor
    assert (gum_ctx["speaker"] == "interviewee").sum() > 20
    table = cmp.quoting_by(gum_ctx, "outlet_group", unnamed_apart=True)
    assert "interviewee" not in set(table["speaker"])
    assert cmp.UNNAMED_SOURCES in set(table["speaker"])
    assert table["n_statements"].sum() == len(gum_ctx)
    unnamed = table.loc[table["speaker"] == cmp.UNNAMED_SOURCES, "n_statements"].sum()
    assert unnamed == int(is_unnamed(gum_ctx).sum()) >= 51
    assert "interviewee" in set(cmp.quoting_by(gum_ctx, "outlet_group")["speaker"])  # the default keeps every speaker


def test_pages_name_files_without_a_machines_absolute_path(tmp_path):
    assert tl.shown_path(config.PROJ_ROOT / "data/processed/default/statements.parquet") == "data/processed/default/statements.parquet"
    outside = tmp_path / "my_report" / "processed" / "statements.parquet"
    assert tl.shown_path(outside) == "processed/statements.parquet"
    # the notebooks name the files they shorten tables into through it (config.relative gave
    # "/tmp/.../processed/statements.parquet" for a run with --output)
    for path in sorted(config.NOTEBOOKS_DIR.glob("0*.ipynb")):
        for i, code in _code(path):
            for node in ast.walk(ast.parse(code)):
                if isinstance(node, ast.Call) and ast.unparse(node.func) == "config.relative":
                    parent = [k for k in ast.walk(ast.parse(code)) if isinstance(k, ast.keyword) and k.value is not None
                              and ast.unparse(k.value) == ast.unparse(node)]
                    assert parent and all(k.arg == "source" for k in parent), (path.name, i, ast.unparse(node))


def test_limitations_count_each_text_once_and_methods_name_methods_in_words(scored_ctx_reader, default_load):
    articles = default_load.articles
    sentences = methods_text.limitation_sentences(scored_ctx_reader, articles, {"02_statements": {"actors_path": "x"}})
    copies = next(s for s in sentences if "copies of another" in s)
    _, aside = once_per_text(scored_ctx_reader, articles)
    assert f"their {aside['statements']} statements are set aside" in copies and "counted again" not in copies
    unnamed = next(s for s in sentences if "no named speaker" in s)
    assert f"of {aside['statements_kept']} (" in unnamed  # the findings' denominator, each text once
    said = methods_text.sentiment_sentences({"03_sentiment": {"methods": ["vader", "afinn", "ngram", "ensemble"],
                                                              "statements_scored": 10}})
    assert said[0].startswith("Sentiment methods: VADER (NLTK), AFINN, n-gram model, ensemble (the headline score);")


def test_credibility_label_is_compared_in_words(scored_ctx_reader, default_load):
    settings = yaml.safe_load((config.PROJ_ROOT / "configs/default.yaml").read_text(encoding="utf-8"))["notebooks"]["05_comparisons"]
    # the runner accepts the config's values (papermill passes JSON: the values' keys are text)
    assert check_parameters("05_comparisons", declared_parameters(config.NOTEBOOKS_DIR / "05_comparisons.ipynb"), settings) == []
    column = settings["compare_columns"][0]
    name, label_of = column_value_labels(column, settings["compare_labels"][column])
    cells = compare_by_column(scored_ctx_reader, default_load.articles, column, n_boot=50)
    assert sorted(map(label_of, cells[column])) == ["credible", "not credible"] and name == "FA-KES credibility label"
    fig, _ = plot_cells(cells, column, label_of, title=f"Mean sentiment by {name}")
    ticks = " ".join(t.get_text() for t in fig.axes[0].get_yticklabels())
    close(fig)
    assert "not credible" in ticks and "\n(n=" in ticks
    assert column_value_labels("x", None)[1](1) == "1" and column_value_labels("x", None)[0] == "x"


def test_keywords_count_each_text_once_and_say_their_counts_in_words(seed):
    _, scored = seed
    result = keyword_table(with_month(scored), "speaker", n_boot=0, min_count=1, top_k=5)
    said = methods_text.keyword_counts_sentence(result.counts, "speaker")
    assert said.startswith(f"{result.counts['used_rows']} of {result.counts['input_rows']} (") and "statements used" in said
    assert "{" not in said and "_" not in said and f"{result.counts['terms']} distinct terms" in said
    # 04_keywords sets the statements of copied articles aside before any keyword table (it
    # counted 1,117 statements for the Observatory where every other page counts 1,026)
    code = "\n".join(c for _, c in _code(config.NOTEBOOKS_DIR / "04_keywords.ipynb"))
    assert 0 <= code.index("once_per_text(statements") < code.index("keyword_table(")
    assert "print(result.counts)" not in code and ".counts)" not in code.replace("keyword_counts_sentence(", "")


def test_findings_say_what_their_numbers_count(scored_ctx_reader, default_load):
    groups = cmp.load_outlet_groups(config.resolve("data/outlets.yaml"))
    said = fnd.findings(scored_ctx_reader, default_load.articles, groups, n_boot=50)
    top = next(s for s in said if s.startswith("The most quoted named actors are "))
    # "Syrian Observatory for Human Rights (1026 statements, 21%)", not "(1026, 21%)"
    parts = re.findall(r"\(([^()]*)\)", top)
    assert len(parts) == 5 and all(re.fullmatch(r"\d+ statements, \d+%", p) for p in parts), top
    per_group = [s for s in said if ", the most quoted named speaker is " in s]
    assert len(per_group) == 4 and all(re.search(r"\(\d+ of \d+ statements, \d+%, 95% CI \d+%-\d+%\)\.$", s) for s in per_group), per_group


def test_interviews_show_three_answers_named_as_less_certain(gum_ctx):
    # GUM's interviews: every answer of an interviewee is in one article and has no reporting
    # verb, so none is in the rule's first tier; each actor still gets 3 examples, all named
    chosen = representative_statements(gum_ctx, top_n=5, per_actor=4)
    interviewed = chosen[chosen["statement_id"].str.startswith("GUM_interview")]
    assert len(interviewed) >= 9 and interviewed.groupby("speaker").size().eq(3).all()
    rules = gum_ctx.set_index("statement_id").loc[interviewed["statement_id"], "rule"]
    answers = interviewed[rules.str.startswith("interview_answer").to_numpy()]
    assert len(answers) >= 6 and not answers["trusted"].any()
    notes = " ".join(example_notes(chosen))
    assert all(sid in notes for sid in answers["statement_id"]) and "none of its" in notes and "only 0" not in notes
    assert tl.rule_label("interview_answer+interviewee") == "answer in an interview; speaker: the interviewee the interview names at its start"


def test_keyword_findings_list_only_terms_stable_under_resampling(scored_ctx_reader):
    table = keyword_table(scored_ctx_reader, "speaker", n_boot=20, min_count=2, top_k=10).table
    speaker = "Rami Abdel Rahman"
    said = fnd._keyword_findings(table, [(speaker, 1)])
    assert said and "at least 50% of the article resamples" in said[0]
    shown = re.findall(r"“([^”]+)”", said[0])
    rows = table[(table["speaker"] == speaker) & table["term"].isin(shown)]
    assert len(rows) == len(shown) and ((rows["stability"] >= 0.5) | rows["stability"].isna()).all()
    # a higher z does not bring in an unstable term (Rami Abdel Rahman's "jayrud" at 0.4 was listed)
    unstable = table.assign(stability=0.2).iloc[:1].assign(speaker=speaker, z=99.0, term="unstable term")
    again = fnd._keyword_findings(pd.concat([table, unstable]), [(speaker, 1)])
    assert "unstable term" not in again[0]


def test_appendix_names_test_sets_and_methods_in_words():
    doc, _ = fnd.read_evaluation(config.PROJ_ROOT / "docs/evaluation/sentiment.json")
    said = fnd.sentiment_headline(doc)
    assert said and all(s.startswith("NewsMTSC devtest, ") for s in said), said
    assert not any(code in s for s in said for code in (".jsonl", "vader alone", "_")), said
    assert any("for VADER (NLTK) alone" in s and ", sentences, n=" in s for s in said)
    shown = tl.readable(pd.DataFrame(doc["table"]))  # the summary by method: no code spans
    assert not shown.apply(lambda c: c.astype(str).str.contains("`")).any().any()


def test_an_article_without_an_outlet_shows_no_outlet_name(seed):
    # the seed article has no outlet: its examples showed "None" once outlets were named
    articles, scored = seed
    groups = cmp.load_outlet_groups(config.resolve("data/outlets.yaml"))
    ctx = cmp.statements_in_context(scored, articles, groups)
    shown = quotes_for_report(representative_statements(ctx, top_n=2, per_actor=3), groups.outlet_name)
    assert len(shown) >= 3 and (shown["Outlet"] == "").all(), shown["Outlet"].tolist()
    assert groups.outlet_name(None) == "" and groups.outlet_name(float("nan")) == ""
