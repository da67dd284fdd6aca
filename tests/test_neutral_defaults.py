"""Neutral defaults (issue 13 items 2 and 3), without running a notebook: the notebooks carry
nothing of the default corpus, the comparisons have a choice for every setting left open, and
the report's Methods and Limitations are computed from the run.

On real text: FA-KES articles with the statements annotated in tests/report_fixtures.py, and
statements the extractor finds in GUM Wikinews and FA-KES articles with no registry."""

from __future__ import annotations

import json
import re

import nbformat
import pandas as pd
import pytest
import yaml

import report_fixtures as fx
from quotelens import config as qconfig
from quotelens import stages
from quotelens.compare import choices
from quotelens.compare import comparisons as cmp
from quotelens.compare import networks
from quotelens.extract.registry import registry_from_option
from quotelens.extract.statements import extract_statements, unknown_speakers
from quotelens.keywords.distinctive import choose_pair, keyword_table
from quotelens.report import methods_text, run_settings
from quotelens.report.input_checks import input_problems
from quotelens.report.parameters import declared_parameters
from quotelens.sentiment import score_table, scorer_from_options

#: What belongs to the default corpus only, and may appear in no notebook.
DEFAULT_CORPUS_WORDS = re.compile(r"syria|fa-kes|fakes|mistura|conflict|assad|outlets\.yaml", re.IGNORECASE)


@pytest.mark.parametrize("notebook", stages.NOTEBOOK_ORDER)
def test_notebooks_carry_nothing_of_the_default_corpus(notebook):
    nb = nbformat.read(str(qconfig.NOTEBOOKS_DIR / f"{notebook}.ipynb"), as_version=4)
    for cell in nb.cells:
        found = DEFAULT_CORPUS_WORDS.findall(cell.source)
        assert not found, (notebook, cell.get("id"), found)


def test_every_open_choice_defaults_to_none():
    defaults = {name: p.default for nb in stages.NOTEBOOK_ORDER
                for name, p in declared_parameters(qconfig.NOTEBOOKS_DIR / f"{nb}.ipynb").items()}
    for name in ("actors_path", "topic_words_path", "outlet_groups_path", "compare_a", "compare_b"):
        assert defaults[name] == "''", (name, defaults[name])
    assert defaults["dictionary_paths"] == "[]" and defaults["corpus_notes"] == "[]"
    assert "speaker_side" not in defaults["also_by"]  # a side needs a registry


def test_the_default_config_states_the_syria_settings_itself():
    """The embedded corpus keeps its settings, now given by its config rather than by the notebooks."""
    default = yaml.safe_load((qconfig.CONFIGS_DIR / "default.yaml").read_text(encoding="utf-8"))["notebooks"]
    assert default["02_statements"]["actors_path"] == default["05_comparisons"]["actors_path"] == "data/actors/syria.yaml"
    assert default["03_sentiment"]["topic_words_path"] == "data/sentiment/topic_words_conflict.yaml"
    for nb in ("05_comparisons", "06_explore", "00_report"):
        assert default[nb]["outlet_groups_path"] == "data/outlets.yaml"
    assert default["04_keywords"]["compare_a"] == "Staffan de Mistura" and "speaker_side" in default["04_keywords"]["also_by"]
    assert any("FA-KES" in note for note in default["00_report"]["corpus_notes"])
    smoke = yaml.safe_load((qconfig.CONFIGS_DIR / "smoke.yaml").read_text(encoding="utf-8"))["notebooks"]
    assert smoke["03_sentiment"]["topic_words_path"] == "data/sentiment/topic_words_conflict.yaml"


# --------------------------------------------------------------------------------------------
# The library's own defaults: no registry, no masking (issue 13 item 2)


def _gum_articles(n: int | None = None) -> pd.DataFrame:
    rows = [json.loads(line) for line in (qconfig.GOLD_DIR / "news" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["id"].startswith(("GUM_news", "GUM_interview"))][:n]
    return pd.DataFrame({"article_id": [r["id"] for r in rows], "text": [r["text"] for r in rows],
                         "title": [r["title"] for r in rows], "source": [r["source"] for r in rows],
                         "date": pd.to_datetime([r["date"] for r in rows])})


def _foreign_actors(statements: pd.DataFrame, articles: pd.DataFrame, registry) -> set[str]:
    """Speakers that are actors of `registry` although their article never writes the name:
    what a registry of another corpus brings into a text ("the government" -> "Syrian government")."""
    texts = dict(zip(articles["article_id"], articles["text"]))
    return {s for a, s in zip(statements["article_id"], statements["speaker"])
            if s in registry.actors and s not in texts[a]}


def test_the_library_extracts_with_no_registry_unless_one_is_passed():
    """GUM Wikinews articles (no Syria in them) through every extraction entry point with its
    defaults: no speaker comes from the Syria registry; passed explicitly, that registry does
    bring its actors in, so the check can fail."""
    from quotelens.extract.parallel import extract_statements_parallel
    from quotelens.extract.registry import default_registry_path, load_registry
    from quotelens.extract.statements import extract_article_statements

    syria = load_registry(default_registry_path())
    articles = _gum_articles()
    default = extract_statements(articles)
    assert len(default) > 300 and not default["in_registry"].any()
    assert not _foreign_actors(default, articles, syria)
    first = articles.iloc[0]
    one = extract_article_statements(first["text"], first["article_id"], title=first["title"])
    assert one and not any(st["in_registry"] for st in one)

    with_syria = extract_statements(articles, registry=syria)
    assert with_syria["in_registry"].any() and _foreign_actors(with_syria, articles, syria)

    # The other entry points with their defaults, on the articles where the Syria registry
    # brings actors in (5 of the 43): an entry point defaulting to it would differ there.
    touched = articles[articles["article_id"].isin(with_syria.loc[with_syria["in_registry"], "article_id"])]
    assert len(touched) >= 3
    neutral = extract_statements(touched)
    assert not neutral["in_registry"].any()
    pd.testing.assert_frame_equal(neutral, extract_statements(touched, registry=registry_from_option("")))
    pd.testing.assert_frame_equal(neutral, extract_statements_parallel(touched, workers=1))


def test_scoring_masks_no_topic_words_unless_a_list_is_passed():
    from quotelens.sentiment import Scorer

    texts = ["The war ended the crisis, and the victims were remembered.", "A constitutional crisis looms."]
    for scorer in (Scorer(methods=("vader", "ensemble")), scorer_from_options()):
        assert scorer.mask.terms == ()
        scored = scorer.score(texts)
        assert (scored["masked_terms"] == "").all()
        assert scored["sentiment"].tolist() == scored["sentiment_unmasked"].tolist()
    conflict = scorer_from_options(None, "data/sentiment/topic_words_conflict.yaml").score(texts)
    assert (conflict["masked_terms"] != "").all() and "war" in conflict["masked_terms"].iat[0]


def test_the_per_chunk_path_has_neither_registry_nor_masking_by_default():
    """scale.parts.process_articles, what the pipeline runs on each chunk, with its defaults."""
    from quotelens.extract.registry import default_registry_path, load_registry
    from quotelens.scale.parts import process_articles

    articles = _gum_articles(8)
    scored = process_articles(articles)
    assert len(scored) and not scored["in_registry"].any() and (scored["masked_terms"] == "").all()
    assert not _foreign_actors(scored, articles, load_registry(default_registry_path()))


# --------------------------------------------------------------------------------------------
# The comparisons' choices


@pytest.fixture(scope="module")
def fakes_tables():
    articles = pd.concat([fx.fakes_articles(), fx.seed_article()], ignore_index=True)
    return articles, fx.statements(articles, fx.FAKES_STATEMENTS)


def test_without_a_grouping_each_outlet_is_its_own_group(fakes_tables):
    articles, statements = fakes_tables
    groups = choices.outlet_groups("", articles)
    sources = sorted({cmp.normalise_source(s) for s in articles["source"] if cmp.normalise_source(s)})
    assert groups.groups["group"].tolist() == sources and (groups.groups["n_outlets"] == 1).all()
    assert groups.name == choices.OUTLETS_ONE_BY_ONE and groups.path == ""
    ctx = cmp.statements_in_context(statements, articles, groups)
    assert (ctx["outlet_group"] == ctx["source"].fillna(cmp.UNKNOWN_SOURCE)).all()
    by_group = cmp.outlet_summary(ctx, articles, by="outlet_group", groups=groups)
    by_source = cmp.outlet_summary(ctx, articles, by="source", groups=groups)
    assert by_group["n_statements"].tolist() == by_source["n_statements"].tolist()
    # A configured grouping is read as before.
    assert choices.outlet_groups("data/outlets.yaml", articles).path.endswith("outlets.yaml")


@pytest.fixture(scope="module")
def extracted():
    """Statements found with no registry in GUM Wikinews and FA-KES articles."""
    rows = [json.loads(line) for line in (qconfig.GOLD_DIR / "news" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["id"].startswith(("GUM_news", "GUM_interview"))]
    gum = pd.DataFrame({"article_id": [r["id"] for r in rows], "text": [r["text"] for r in rows],
                        "title": [r["title"] for r in rows], "source": [r["source"] for r in rows],
                        "date": pd.to_datetime([r["date"] for r in rows])})
    articles = pd.concat([gum, fx.fakes_articles()], ignore_index=True)
    return articles, extract_statements(articles, registry=registry_from_option(""))


def test_named_speakers_leave_out_sources_groups_and_pronouns(extracted):
    _, statements = extracted
    named = choices.named_speakers(statements)
    kinds = statements.groupby("speaker")["speaker_kind"].agg(lambda k: set(k))
    # written as names: capitalised, or opening with a name particle ("al-Ikhbariya television")
    assert named and all(name[:1].isupper() or name.split("-")[0] in {"al", "de"} for name in named)
    assert not {n for n in named if kinds[n] <= {"unnamed", "group", "unresolved"}}
    assert not {n.lower() for n in named} & {"he", "she", "it", "they"}
    unnamed = [s for s in statements["speaker"].unique() if s not in named]
    assert unnamed  # the corpora have unnamed sources ("interviewee", "officials") to leave out
    counts = statements.groupby("speaker").size()
    assert [counts[n] for n in named] == sorted((counts[n] for n in named), reverse=True)
    # Without a registry the network takes the named speakers, not nobody.
    ctx = cmp.statements_in_context(statements, extracted[0], choices.outlet_groups("", extracted[0]))
    assert not ctx["in_registry"].any()
    assert choices.network_speakers(ctx, 5) == named[:5]
    assert networks.network_speakers(ctx, 5, True) == []  # what the registry-only choice gave before


def test_named_and_unnamed_have_one_definition(extracted):
    """choices.is_named and speaker_types.is_named_actor agree on every statement, and every
    statement with a speaker is named or an unnamed source, news agencies included (issue 13
    items 2 and 5)."""
    from quotelens.compare import speaker_types
    from quotelens.extract.summary import by_actor, speaker_label

    _, statements = extracted
    named = speaker_types.is_named_actor(statements)
    unnamed = speaker_types.is_unnamed(statements)
    joint = speaker_types.is_joint(statements)  # "United States and Russia": a third category (issue 14)
    assert joint.any()
    assert named.tolist() == [choices.is_named(s, k) and not j for s, k, j in
                              zip(statements["speaker"], statements["speaker_kind"], joint)]
    assert ((named.astype(int) + unnamed.astype(int) + joint.astype(int)) == 1).all()  # a partition: every statement here has a speaker
    agencies = statements[statements["speaker_kind"] == "news_agency"]
    assert set(agencies.loc[named[agencies.index], "speaker"]) >= {"AFP"}  # a named agency is named
    assert unnamed[agencies.index].any()  # "state media" and the like are unnamed sources
    # GUM's unnamed interviewees (51 answers) are a source, typed so in every speaker table.
    table = by_actor(statements).set_index("speaker")
    assert table.loc["interviewee", "n_statements"] >= 40 and table.loc["interviewee", "speaker_type"] == "unnamed source"
    assert "interviewee" not in choices.named_speakers(statements)
    assert "interviewee" not in set(speaker_types.named_actors(statements)["speaker"])
    assert speaker_label("interviewee", "unnamed") == "interviewee (unnamed source)"
    # the label's shape where the kind does not decide: a pronoun or a date is never a name
    assert [choices.is_named(s, "unknown") for s in ("It", "They", "Tuesday", "al-Jaafari", "officials", "Comey")] == \
        [False, False, False, True, False, True]
    assert (table.loc[table["speaker_kind"] == "unnamed", "speaker_type"] == "unnamed source").all()
    assert set(table.loc[table["speaker_type"] == "named"].index) - set(statements.loc[joint, "speaker"]) == \
        set(choices.named_speakers(statements))
    # the registry candidates say the same: an unnamed source has no name to register
    candidates = unknown_speakers(statements).set_index("speaker")
    assert candidates.loc["interviewee", "speaker_type"] == "unnamed source"
    assert (candidates["speaker_type"] == table.loc[candidates.index, "speaker_type"]).all()


def test_the_two_actor_comparison_takes_the_two_most_quoted_named_actors(extracted):
    _, statements = extracted
    result = keyword_table(statements, "speaker", n_boot=0, min_count=1)
    named = choices.named_speakers(statements)
    pair = choose_pair(result, "", "", min_statements=2, eligible=named)
    assert pair is not None and set(pair) <= set(named)
    ranked = [g for g in result.groups.sort_values(["statements", "speaker"], ascending=[False, True])["speaker"]
              if g in set(named)]
    assert list(pair) == ranked[:2]
    unnamed_top = choose_pair(result, "", "", min_statements=2)
    assert unnamed_top is not None  # without the named filter the largest group may be an unnamed source


def test_speaks_about_without_a_registry_uses_the_speakers_names(extracted):
    articles, statements = extracted
    ctx = cmp.statements_in_context(statements, articles, choices.outlet_groups("", articles))
    aliases, source = choices.mention_aliases("", ctx)
    assert "no registry" in source and set(aliases) == set(choices.named_speakers(ctx))
    people = [n for n in aliases if " " in n and statements.loc[statements["speaker"] == n, "speaker_kind"].eq("person").all()]
    assert any(aliases[n] for n in people)  # surnames are searched too
    mentions = networks.mentions_in_statements(ctx, aliases)
    assert set(mentions["mentioned"]) <= set(aliases) and (mentions["mentioned"] != mentions["speaker"]).all()


# --------------------------------------------------------------------------------------------
# Methods and limitations from the run


def test_methods_say_what_masking_did_and_when_it_was_off(extracted, tmp_path):
    articles, statements = extracted
    ctx = cmp.statements_in_context(statements, articles, choices.outlet_groups("", articles))
    conflict = "data/sentiment/topic_words_conflict.yaml"
    for topic_words in ("", conflict):
        scorer = scorer_from_options(None, topic_words, [])
        scored = score_table(statements, text_column="quote", scorer=scorer)
        run_settings.record(tmp_path, "03_sentiment", run_settings.sentiment_settings(scorer, topic_words, [], scored))
        record = run_settings.read(tmp_path)["03_sentiment"]
        masked = int((scored["masked_terms"] != "").sum())
        assert record["statements_masked"] == masked and record["topic_words_path"] == (topic_words and conflict)
        text = " ".join(methods_text.sentiment_sentences(run_settings.read(tmp_path)))
        if topic_words:
            assert masked > 0 and f"{masked} of {len(scored)}" in text and conflict in text
            shift = (scored["sentiment"] - scored["sentiment_unmasked"]).abs()[scored["masked_terms"] != ""].mean()
            assert f"by {shift:.2f} on average" in text
        else:
            assert masked == 0 and "Topic-word masking: off" in text
    registry = registry_from_option("")
    run_settings.record(tmp_path, "02_statements", run_settings.statements_settings("", registry, statements, statements, 0.0))
    sentences = methods_text.methods_sentences(run_settings.read(tmp_path), choices.outlet_groups("", articles), ctx)
    assert sentences[0].startswith("Corpus: (not recorded") and sentences[1].startswith("Actor registry: none.")
    assert sentences[-1].startswith("Outlet grouping: none;")


def test_limitations_are_counted_from_the_run(extracted):
    articles, statements = extracted
    ctx = cmp.statements_in_context(statements, articles, choices.outlet_groups("", articles))
    notes = methods_text.limitation_sentences(ctx, articles, {"02_statements": {"actors_path": ""}}, ["a note of this corpus"])
    unnamed = sum(1 for s, k in zip(ctx["speaker"], ctx["speaker_kind"]) if not choices.is_named(s, k))
    assert notes[0].startswith(f"{unnamed} of {len(ctx)} (")
    assert any(n.startswith("No actor registry was used") for n in notes)
    flat = int((~articles["text"].str.contains("\n")).sum())  # FA-KES lost its paragraph breaks, GUM kept them
    assert 0 < flat < len(articles) and any(n.startswith(f"{flat} of {len(articles)}") for n in notes)
    assert notes[-1] == "a note of this corpus"
    assert not any(DEFAULT_CORPUS_WORDS.search(n) for n in notes[:-1])


def test_sentiment_findings_say_masked_only_when_masking_was_on(extracted, tmp_path):
    """00_report's findings follow the run's masking setting (issue 13 item 3): off, the means
    are stated once, as unmasked; on, masked with the unmasked value beside it."""
    from quotelens.compare import findings

    articles, statements = extracted
    groups = choices.outlet_groups("", articles)
    for topic_words in ("", "data/sentiment/topic_words_conflict.yaml"):
        scorer = scorer_from_options(None, topic_words, [])
        scored = score_table(statements, text_column="quote", scorer=scorer)
        folder = tmp_path / (topic_words and "on" or "off")
        run_settings.record(folder, "03_sentiment", run_settings.sentiment_settings(scorer, topic_words, [], scored))
        masking = run_settings.masking_on(run_settings.read(folder), scored)
        assert masking == bool(topic_words)
        assert run_settings.masking_on({}, scored) == masking  # without 03's record, as the table shows
        ctx = cmp.statements_in_context(scored, articles, groups)
        text = " ".join(findings.findings(ctx, articles, groups, min_statements=5, n_boot=20, masking=masking))
        claims = re.findall(r"topic words masked|with topic words masked|\bmasked\b", text.replace("unmasked", ""))
        if topic_words:
            assert "with topic words masked and" in text and "unmasked" in text
        else:
            assert not claims, claims
            assert "statements are scored unmasked (topic-word masking was off)" in text and "(on -1 to 1, unmasked)" in text
            assert not re.search(r"; [+-]\d\.\d\d unmasked", text)  # no second value beside each mean


def test_news_agencies_are_not_quoted_together(extracted):
    """The co-quotation finding and 05's network count actors, not the outlets relaying them
    (issue 13 item 3): on GUM and FA-KES with no registry, pairs with a news agency are left out."""
    from quotelens.compare import findings
    from quotelens.compare.speaker_types import named_actors

    articles, statements = extracted
    groups = choices.outlet_groups("", articles)
    ctx = cmp.statements_in_context(statements, articles, groups)
    agencies = set(ctx.loc[ctx["speaker_kind"] == "news_agency", "speaker"])
    named = named_actors(ctx)
    every_pair = networks.cooccurrence_edges(named, left_out_kinds=())
    with_agency = every_pair["source"].isin(agencies) | every_pair["target"].isin(agencies)
    assert with_agency.any()  # AFP, ABC News ... are quoted beside others in these articles
    edges = networks.cooccurrence_edges(named)
    assert len(edges) and not (edges["source"].isin(agencies) & edges["target"].isin(agencies)).any()
    only_agency = {s for s, k in ctx.groupby("speaker")["speaker_kind"] if set(k) == {"news_agency"}}
    assert only_agency and not (edges["source"].isin(only_agency) | edges["target"].isin(only_agency)).any()
    pair = next(s for s in findings.findings(ctx, articles, groups, n_boot=20) if s.startswith("The pair of named actors"))
    e = edges.iloc[0]
    assert f"is {e['source']} and {e['target']} (" in pair and "news agencies" in pair
    top = every_pair.iloc[0]
    assert {top["source"], top["target"]} & agencies  # before: the top pair held an agency


def test_the_evaluation_names_the_default_registry_only_when_the_run_used_it():
    """00_report's appendix: the extractor's accuracy on the news gold with and without a
    registry, and the evaluation's registry file named only for a run that used it."""
    news = json.loads((qconfig.PROJ_ROOT / "docs" / "evaluation" / methods_text.NEWS_GOLD_FILE).read_text(encoding="utf-8"))
    rows = {r["registry"]: r for r in news["summary"] if (r["set"], r["split"], r["source"]) == ("news", "test", "all")}
    sentence = " ".join(methods_text.news_gold_sentences(news))
    assert f"{rows['empty']['pair_f1_registry']:.2f} with no actor registry" in sentence
    assert f"{rows['default']['pair_f1_registry']:.2f} with the project's example registry" in sentence
    assert f"quote F1 {rows['empty']['quote_f1_03']:.2f}" in sentence and not DEFAULT_CORPUS_WORDS.search(sentence)
    assert methods_text.news_gold_sentences(None) == [] and methods_text.news_gold_sentences({"summary": []}) == []
    notes = ["gold: data/gold/statements.jsonl", "actors: data/actors/syria.yaml"]
    assert methods_text.evaluation_notes(notes, "") == [notes[0], "actors: the project's example registry (this run used none)"]
    assert methods_text.evaluation_notes(notes, "/elsewhere/uk.yaml")[1] == "actors: the project's example registry (this run used another)"
    assert methods_text.evaluation_notes(notes, "data/actors/syria.yaml") == notes


def test_missing_and_unreadable_inputs_are_found_before_anything_runs(tmp_path):
    declared = declared_parameters(qconfig.NOTEBOOKS_DIR / "03_sentiment.ipynb")
    bad = tmp_path / "words.yaml"
    bad.write_text("terms: oops\n", encoding="utf-8")
    problems = input_problems("03_sentiment", declared, {"topic_words_path": str(bad), "dictionary_paths": [str(tmp_path / "none.tsv")]})
    assert len(problems) == 2 and "expected a mapping with a `terms` list" in problems[0] and "none.tsv: no such file" in problems[1]
    assert input_problems("03_sentiment", declared, {}) == []  # the neutral defaults need no file
    declared = declared_parameters(qconfig.NOTEBOOKS_DIR / "01_articles.ipynb")
    assert "is empty" in input_problems("01_articles", declared, {"corpus_paths": []})[0]
    assert input_problems("01_articles", declared, {"corpus_paths": ["nope"]}, skip=("corpus_paths",)) == []


def test_uk_style_compounds_possessives_and_pronouns_never_name_a_speaker():
    """Issue 13 item 5 as its UK politics report met it (sentences in that corpus's style; the
    corpus itself is not shipped): a compound around a name stays its own speaker and renames no
    one, a possessive's spokesman is an unnamed source, "It" and "Looking" name nobody."""
    from quotelens.compare import speaker_types

    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "text": [
        "London Assembly Conservatives said the mayor's budget was too high. Tony Blair's spokesman said the plan would work.",
        "The Conservatives said the tax rise would hurt families. Gordon Brown said growth was strong. "
        "\"Brown Britain is broken,\" Michael Howard said.",
        "Looking at the figures, Mr Blair said the economy was strong. It said the talks had failed."]})
    statements = extract_statements(articles)
    said = dict(zip(statements["quote"], statements["speaker"]))
    assert said["the tax rise would hurt families"] == "Conservatives"  # not "London Assembly Conservatives"
    assert said["Brown Britain is broken"] == "Michael Howard" and said["growth was strong"] == "Gordon Brown"
    assert said["the economy was strong"] == "Blair"
    named = speaker_types.is_named_actor(statements)
    by_quote = dict(zip(statements["quote"], named))
    assert not by_quote["the plan would work"] and not by_quote["the talks had failed"]
    assert not {s for s in statements["speaker"] if "'s" in s or s in ("It", "Looking", "Brown Britain")}
