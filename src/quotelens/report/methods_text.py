"""The Methods and Limitations sentences of the report (notebook 00_report), computed from the
run: which files and settings were used and how many statements each touched (from the records
of quotelens.report.run_settings), and the limits this corpus shows (unnamed speakers, registry
coverage, copies, missing dates and outlets, text without paragraphs).

Nothing here names a corpus: a caveat that belongs to one corpus only is given by the config
(00_report's `corpus_notes`) and shown as written.
"""

from __future__ import annotations

from typing import Any, Iterable

import pandas as pd

from quotelens import config as qconfig
from quotelens.compare import comparisons as cmp
from quotelens.compare.choices import is_named
from quotelens.compare.once import once_per_text
from quotelens.report.column_labels import VALUE_LABELS

#: Kinds of speaker (Statements contract) that stand for no named actor.
UNNAMED_KINDS = ("unnamed", "group", "unresolved")


def _pct(part: float, whole: float) -> str:
    return "n/a" if not whole else f"{100.0 * part / whole:.0f}%"


def _of(part: int, whole: int) -> str:
    return f"{part} of {whole} ({_pct(part, whole)})"


def _missing(notebook: str) -> str:
    return f"(not recorded: {notebook} did not run in this folder, or ran before settings were recorded)"


def corpus_sentence(settings: dict[str, dict[str, Any]]) -> str:
    """The inputs and what loading made of them."""
    s = settings.get("01_articles")
    if not s:
        return f"Corpus: {_missing('01_articles')}."
    where = f"the pipeline run in {s['from_pipeline']}" if s.get("from_pipeline") else ", ".join(s.get("corpus_paths") or []) or "(none)"
    mapping = f"; columns mapped: {', '.join(f'{k}={v}' for k, v in sorted(s['columns'].items()))}" if s.get("columns") else ""
    skipped = f", {s['skipped']} folder entries skipped (not input files)" if s.get("skipped") else ""
    cut = []
    if s.get("sample"):
        cut.append(f"the first {s['sample']} kept (sample)")
    if s.get("drop_duplicates"):
        cut.append("copies left out (drop_duplicates)")
    cut_text = f"; {' and '.join(cut)}" if cut else ""
    return (f"Corpus: {where}{mapping}. {s['read']} input units read, {s['loaded']} articles loaded, "
            f"{s['rejected']} rejected{skipped}; {s['kept']} articles analysed{cut_text}.")


def registry_sentence(settings: dict[str, dict[str, Any]]) -> str:
    """The actor registry and the statements it named."""
    s = settings.get("02_statements")
    if not s:
        return f"Actor registry: {_missing('02_statements')}."
    n = s["statements"]
    floor = f" Statements below confidence {s['min_confidence']:g} were left out ({s['statements_extracted'] - n})." if s.get("min_confidence") else ""
    if not s.get("actors_path"):
        return ("Actor registry: none. Speakers are named as the articles write them: within an article a name "
                "and its later short forms are one speaker, and across articles the longest form of a surname "
                f"names it; pronouns and role nouns go to the most recent compatible speaker. {n} statements.{floor}")
    dated = ", some roles dated (a role goes to whoever held it on the article's date)" if s.get("registry_dated_roles") else ""
    places = f", {s['registry_places']} place names" if s.get("registry_places") else ""
    return (f"Actor registry: {s['actors_path']} ({s['registry_actors']} actors{places}{dated}); "
            f"{_of(s['statements_in_registry'], n)} statements are attributed to one of its actors, the others "
            f"to speakers named as the articles write them.{floor}")


def sentiment_sentences(settings: dict[str, dict[str, Any]]) -> list[str]:
    """The sentiment methods, the topic-word masking (on or off, and what it changed) and the
    dictionaries."""
    s = settings.get("03_sentiment")
    if not s:
        return [f"Sentiment: {_missing('03_sentiment')}."]
    # the methods in words ("VADER (NLTK)", "n-gram model"), as the tables name them
    methods = ", ".join(VALUE_LABELS["method"].get(m, m) for m in s["methods"])
    out = [f"Sentiment methods: {methods}; {s['statements_scored']} statements scored."]
    if not s.get("topic_words_path") or not s.get("topic_words_terms"):
        out.append("Topic-word masking: off (no topic-word list configured); statements are scored as written.")
    else:
        out.append(
            f"Topic-word masking: on, the list {s['topic_words_name']} ({s['topic_words_path']}, {s['topic_words_terms']} terms). "
            f"{_of(s['statements_masked'], s['statements_scored'])} scored statements held a topic word; masking moved "
            f"their headline score by {s['masked_mean_shift']:.2f} on average (on -1 to 1) and changed the label of "
            f"{s['masked_labels_changed']}. Unmasked scores are kept beside the masked ones (03_sentiment).")
    if not s.get("dictionaries"):
        out.append("Researchers' dictionaries: none.")
    for d in s.get("dictionaries") or []:
        out.append(f"Dictionary {d['name']} ({d['path']}): a non-zero score for {_of(d['statements'], s['statements_scored'])} statements.")
    return out


def outlet_sentence(groups: cmp.OutletGroups, ctx: pd.DataFrame) -> str:
    """The outlet grouping used by the comparisons, and the statements it placed."""
    n = len(ctx)
    unknown = int((ctx["outlet_group"] == cmp.UNKNOWN_SOURCE).sum()) if n else 0
    if not groups.path:
        outlets = "the one outlet" if len(groups.groups) == 1 else f"each of the {len(groups.groups)} outlets"
        return (f"Outlet grouping: none; {outlets} is compared on its own "
                f"({unknown} of {n} statements come from articles without an outlet).")
    ungrouped = int((ctx["outlet_group"] == cmp.UNGROUPED).sum()) if n else 0
    grouped = n - unknown - ungrouped
    return (f"Outlet grouping: {groups.name} ({qconfig.relative(groups.path)}, {len(groups.groups)} groups); {_of(grouped, n)} statements "
            f"come from a grouped outlet, {ungrouped} from outlets it does not list, {unknown} from articles without an outlet.")


def methods_sentences(settings: dict[str, dict[str, Any]], groups: cmp.OutletGroups, ctx: pd.DataFrame) -> list[str]:
    """Every sentence of the report's "Settings of this run" list, in stage order."""
    return [corpus_sentence(settings), registry_sentence(settings), *sentiment_sentences(settings),
            outlet_sentence(groups, ctx)]


def limitation_sentences(ctx: pd.DataFrame, articles: pd.DataFrame, settings: dict[str, dict[str, Any]],
                         corpus_notes: Iterable[str] = ()) -> list[str]:
    """The limits this run shows, each with its count: statements without a named speaker, the
    share attributed to registry actors (or that there was no registry), copies, articles
    without a date or outlet, articles without paragraph breaks; then `corpus_notes` as given.
    Statements are counted as the findings count them, each text once (compare.once)."""
    out = []
    ctx, set_aside = once_per_text(ctx, articles)
    n = len(ctx)
    if n:
        kinds = ctx["speaker_kind"] if "speaker_kind" in ctx.columns else pd.Series(None, index=ctx.index)
        unnamed = sum(1 for s, k in zip(ctx["speaker"], kinds) if not is_named(s, k))
        out.append(f"{_of(unnamed, n)} statements have no named speaker (an unnamed source, a group, or a pronoun "
                   "or role noun left unresolved); they count in the totals but not as any actor.")
        record = settings.get("02_statements")
        in_registry = ctx["in_registry"].astype(bool) if "in_registry" in ctx.columns else pd.Series(False, index=ctx.index)
        if (record.get("actors_path") if record else in_registry.any()):
            out.append(f"{_of(int(in_registry.sum()), n)} statements have a speaker from the actor registry; the rest are named as "
                       "written, so one actor may appear under two spellings or a surname shared by two people may merge them.")
        else:
            out.append("No actor registry was used: one actor may appear under two spellings, and two people "
                       "sharing a surname may be merged; a registry (quotelens registry-draft) fixes both.")
    n_articles = len(articles)
    if n_articles:
        copies = int(articles["duplicate_of"].notna().sum()) if "duplicate_of" in articles.columns else 0
        if copies:
            out.append(f"{_of(copies, n_articles)} articles are exact or near copies of another; their "
                       f"{set_aside['statements']} statements are set aside, so each text is counted once (the "
                       "statements table keeps them, marked in its duplicate_of column).")
        dates = pd.to_datetime(articles["date"], errors="coerce") if "date" in articles.columns else pd.Series(pd.NaT, index=articles.index)
        undated = int(dates.isna().sum())
        if undated:
            out.append(f"{_of(undated, n_articles)} articles have no date ({cmp.undated_count(ctx) if n else 0} statements); "
                       "they are left out of every comparison over time.")
        sources = articles["source"].map(cmp.normalise_source) if "source" in articles.columns else pd.Series(None, index=articles.index)
        no_source = int(sources.isna().sum())
        if no_source:
            out.append(f"{_of(no_source, n_articles)} articles have no outlet; they form the group "
                       f"“{cmp.UNKNOWN_SOURCE}” in the outlet comparisons.")
        flat = int((~articles["text"].fillna("").str.contains("\n")).sum()) if "text" in articles.columns else 0
        if flat:
            out.append(f"{_of(flat, n_articles)} articles have no paragraph breaks; quotes that run over paragraphs "
                       "and some statement layouts are harder to find in them.")
    out.extend(str(note) for note in corpus_notes if str(note).strip())
    return out


def keyword_counts_sentence(counts: dict, by: str) -> str:
    """The row counts of a keyword table (quotelens.keywords.distinctive: `counts`) as a sentence:
    statements read, used and skipped (no `by` value, no term), groups, distinct terms and their
    occurrences, articles; keys missing from `counts` are left out."""
    c = {k: int(v) for k, v in counts.items() if isinstance(v, (int, float))}
    if not {"input_rows", "used_rows"} <= set(c):
        return ""
    skipped = []
    if c.get("skipped_no_group"):
        skipped.append(f"{c['skipped_no_group']} without a {by.replace('_', ' ')}")
    if c.get("skipped_no_terms"):
        skipped.append(f"{c['skipped_no_terms']} without any term (stop words only)")
    text = f"{_of(c['used_rows'], c['input_rows'])} statements used" + (f" ({'; '.join(skipped)} skipped)" if skipped else "")
    parts = [f"{c['groups']} groups by {by.replace('_', ' ')}" if "groups" in c else "",
             f"{c['terms']} distinct terms" + (f" ({c['term_occurrences']} occurrences)" if "term_occurrences" in c else "")
             if "terms" in c else "",
             f"{c['articles']} articles" if "articles" in c else ""]
    return text + "".join(f"; {p}" for p in parts if p) + "."


#: The news-gold scores, written by scripts/evaluate_statements.py beside the file 00_report's
#: `statements_eval_path` names (docs/evaluation/statements_news.json).
NEWS_GOLD_FILE = "statements_news.json"


def _summary_row(doc: dict, registry: str) -> dict | None:
    rows = [r for r in doc.get("summary") or [] if isinstance(r, dict)
            and (r.get("set"), r.get("split"), r.get("registry"), r.get("source")) == ("news", "test", registry, "all")]
    return rows[0] if rows else None


def news_gold_sentences(doc: dict | None) -> list[str]:
    """How well the statement extractor did on the project's news gold (its test split, all
    sources), with the project's example actor registry and with none, from the news-gold
    evaluation file (NEWS_GOLD_FILE); scores are F1 on 0-1. [] when the file or its rows are
    missing."""
    if not isinstance(doc, dict):
        return []
    with_registry, without = _summary_row(doc, "default"), _summary_row(doc, "empty")
    if not with_registry or not without:
        return []
    articles = ((doc.get("test") or {}).get("empty") or {}).get("registry", {}).get("n_articles")
    where = f"{without['n_gold']} gold statements" + (f" in {articles} articles" if articles else "")
    return [f"The statement extractor's accuracy was measured on the project's news gold (its test split, {where}, "
            f"set aside while the rules were tuned), not on this corpus: quote F1 {without['quote_f1_03']:.2f} "
            f"(spans overlapping by 0.3 or more); quote and speaker together (pair F1) {without['pair_f1_registry']:.2f} "
            f"with no actor registry and {with_registry['pair_f1_registry']:.2f} with the project's example registry."]


def evaluation_notes(notes: Iterable[str], actors_path: str | None) -> list[str]:
    """The "key: value" notes of an evaluation file as shown for this run: the registry the
    evaluation used is named only when it is this run's registry (`actors_path`, 00_report's
    parameter); otherwise the note says it was the project's example registry, not this run's."""
    own = qconfig.resolve(actors_path) if actors_path and str(actors_path).strip() else None
    out = []
    for note in notes:
        key, _, value = str(note).partition(": ")
        if key == "actors" and (own is None or qconfig.resolve(value) != own):
            run = "this run used none" if own is None else "this run used another"
            value = f"the project's example registry ({run})"
        out.append(f"{key}: {value}")
    return out


def _target_rows(doc: dict | None) -> list[dict]:
    rows = (doc or {}).get("target_results") if isinstance(doc, dict) else None
    return [r for r in rows or [] if isinstance(r, dict) and r.get("masking", "unmasked") == "unmasked"]


def target_sentiment_sentences(doc: dict | None) -> list[str]:
    """What the sentiment towards each actor (the Targets table and the signed "speaks about"
    network of 05_comparisons) is, how well it did on NewsMTSC's two test sets and what it
    cannot do, in plain words, from the sentiment evaluation file (docs/evaluation/sentiment.json,
    its `target_results`: macro-F1 and accuracy on 0-1, n targets). Without those rows the
    method is still described and the missing scores are said to be missing."""
    out = [
        "How it works: every actor named inside a statement (with a registry its names and aliases, without one the named speakers' names and the other proper "
        "names in the quote) is a target, scored in the sentence that names it by a model trained on NewsMTSC's "
        "training split (news sentences labelled by people for the sentiment towards each person or organisation "
        "they name). The score is P(positive) - P(negative) on -1 to 1, apart from the statement's overall tone, so one "
        "sentence can be negative about one actor and positive about another. An arrow from A to B is the mean over A's "
        "statements naming B, with n and a 95% interval from resampling whole articles; a speaker naming themself or "
        "their own organisation (where the registry links them), and links from one article only, are not counted."]
    rows = _target_rows(doc)
    whole = {r.get("file"): r for r in rows if r.get("method") == "target" and r.get("unit") == "target"}
    mixed = {(r.get("file"), r.get("method")): r for r in rows if r.get("unit") == "target, mixed sentences"}
    files = [f for f in ("devtest_mt.jsonl", "devtest_rw.jsonl") if f in whole]
    if not files:
        out.append("Its accuracy on NewsMTSC is not in the sentiment evaluation file of this run (no target_results): "
                   "run scripts/evaluate_sentiment.py.")
    else:
        names = VALUE_LABELS["file"]
        scores = "; ".join(f"{names.get(f, f)}: macro-F1 {whole[f]['macro_f1']:.2f}, {100 * whole[f]['accuracy']:.0f}% of "
                           f"{int(whole[f]['n'])} targets labelled right" for f in files)
        text = (f"On NewsMTSC's two devtest sets (not trained on; macro-F1 on 0-1, three classes): {scores}. ")
        both = [f for f in files if (f, "target") in mixed and (f, "ensemble") in mixed]
        if both:
            f = max(both, key=lambda k: int(mixed[(k, "target")]["n"]))
            text += (f"Where one sentence speaks of its targets in different tones ({int(mixed[(f, 'target')]['n'])} targets of "
                     f"{names.get(f, f)}), it reaches {mixed[(f, 'target')]['macro_f1']:.2f}, against "
                     f"{mixed[(f, 'ensemble')]['macro_f1']:.2f} for the headline score, which gives every target of a "
                     "sentence the sentence's tone. ")
        wrong = 1 - sum(float(whole[f]["accuracy"]) for f in files) / len(files)
        out.append(text + f"About {100 * wrong:.0f}% of targets get the wrong label there: read an edge's n, its interval and "
                   "its statements before its sign.")
    out.append("Limits: NewsMTSC is US political news, not this corpus; the model reads the words around a name, "
               "not the speaker's intent, so in reports of attacks nearly every actor named beside killing reads as "
               "negative, whoever speaks; only names are targets (a pronoun or a description such as “the regime” inside a quote is not); "
               "and a statement's errors of attribution carry over to its arrow.")
    return out
