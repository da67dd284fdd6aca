"""The numbers and sentences of the report's first page (notebook 00_report), computed from the
tables, never typed by hand, and rendered as HTML with every piece of text escaped.

Article text, speaker names and outlet names come from untrusted input: a `<script>` in an
article must show as text. So findings are built as plain strings and turned into HTML here
with html.escape, never passed through a Markdown renderer (which would keep raw HTML and
links)."""

from __future__ import annotations

import html
import json
import math
import os
from pathlib import Path

import numpy as np
import pandas as pd

from quotelens.compare import comparisons as cmp
from quotelens.compare import networks
from quotelens.compare.cells import cell_estimates, headline_both, headline_sentence
from quotelens.compare.once import once_per_text as split_duplicates, set_aside_sentence
from quotelens.compare.speaker_types import (MIN_ARTICLES, is_unnamed, joint_sentence, named_actors, unnamed_finding,
                                             unnamed_share)
from quotelens.keywords.plots import MIN_STABILITY, stable_terms
from quotelens.report.column_labels import VALUE_LABELS
from quotelens.sentiment.estimates import cluster_bootstrap_shares


def _pct(part: float, whole: float) -> str:
    return "n/a" if not whole else f"{100.0 * part / whole:.0f}%"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _who(speaker: str) -> str:
    """A speaker as named in a sentence: lower-case speakers are unnamed ones the extractor
    kept by their description ("source", "activists"), so they are marked as such."""
    return f"unnamed “{speaker}”" if speaker[:1].islower() else speaker


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def corpus_facts(articles: pd.DataFrame) -> dict:
    """Counts describing the corpus: n_articles, n_sources (distinct non-missing sources),
    top_sources [(source, n)], first_date / last_date ("YYYY-MM-DD" or None), n_undated,
    n_duplicates (rows with a `duplicate_of`)."""
    sources = articles["source"].map(cmp.normalise_source) if "source" in articles.columns else pd.Series(dtype=object)
    dates = pd.to_datetime(articles["date"], errors="coerce") if "date" in articles.columns else pd.Series(dtype="datetime64[ns]")
    counts = sources.dropna().value_counts()
    counts = counts.sort_index(kind="mergesort").sort_values(ascending=False, kind="mergesort")
    dup = articles["duplicate_of"].notna().sum() if "duplicate_of" in articles.columns else 0
    return {
        "n_articles": int(len(articles)),
        "n_sources": int(counts.size),
        "top_sources": [(str(s), int(n)) for s, n in counts.head(5).items()],
        "first_date": dates.min().strftime("%Y-%m-%d") if dates.notna().any() else None,
        "last_date": dates.max().strftime("%Y-%m-%d") if dates.notna().any() else None,
        "n_undated": int(dates.isna().sum()) if len(dates) else int(len(articles)),
        "n_duplicates": int(dup),
    }


def statement_facts(ctx: pd.DataFrame, n_articles: int) -> dict:
    """Counts describing the statements: n_statements, n_articles_quoting, n_speakers,
    form counts (direct, mixed, reported), top_speakers [(speaker, n)] among named actors
    (compare.speaker_types) and n_unnamed (statements of unnamed sources)."""
    forms = ctx["form"].value_counts() if len(ctx) else pd.Series(dtype=int)
    named = named_actors(ctx) if len(ctx) else ctx
    top = cmp.top_speakers(named, 5) if len(named) else []
    counts = named.groupby("speaker").size() if len(named) else pd.Series(dtype=int)
    return {
        "n_statements": int(len(ctx)),
        "n_articles": int(n_articles),
        "n_articles_quoting": int(ctx["article_id"].nunique()) if len(ctx) else 0,
        "n_speakers": int(ctx["speaker"].nunique()) if len(ctx) else 0,
        "forms": {f: int(forms.get(f, 0)) for f in cmp.FORMS},
        "top_speakers": [(s, int(counts[s])) for s in top],
        "n_unnamed": int(is_unnamed(ctx).sum()) if len(ctx) else 0,
    }


def findings(
    ctx: pd.DataFrame,
    articles: pd.DataFrame,
    groups: cmp.OutletGroups | None = None,
    keywords: pd.DataFrame | None = None,
    min_statements: int = 5,
    once_per_text: bool = True,
    linked_pairs=(),
    n_boot: int | None = None,
    masking: bool = True,
) -> list[str]:
    """The main findings as plain sentences, every number computed from the tables. Sentences
    whose data is missing are replaced by a sentence saying so.

    once_per_text: statements of duplicate articles are set aside and a sentence says how many
    (compare.once). Speakers named in findings are named actors; unnamed sources are one
    category, stated with its share per outlet group (per outlet without groups) and 95%
    article-cluster bootstrap intervals (`n_boot` resamples, default estimates.N_BOOTSTRAP).
    linked_pairs: organisation-spokesperson pairs the co-quotation finding does not count; news
    agencies are left out of it too (networks.NOT_QUOTED_TOGETHER: they relay others).
    masking: whether topic-word masking was on in this run (report.run_settings.masking_on);
    off, sentiment is stated as unmasked, with no masked value beside it."""
    out: list[str] = []
    cf = corpus_facts(articles)
    set_aside = None
    if once_per_text:
        ctx, set_aside = split_duplicates(ctx, articles)
    sf = statement_facts(ctx, cf["n_articles"])
    span = f", published {cf['first_date']} to {cf['last_date']}" if cf["first_date"] else ""
    undated = f" ({cf['n_undated']} without a date)" if cf["n_undated"] and cf["first_date"] else ""
    src = f"from {_plural(cf['n_sources'], 'outlet')}" if cf["n_sources"] else "without outlet information"
    out.append(f"The corpus holds {_plural(cf['n_articles'], 'article')} {src}{span}{undated}.")
    if set_aside is not None:
        out.append(set_aside_sentence(set_aside))
    elif cf["n_duplicates"]:
        out.append(f"{cf['n_duplicates']} articles are flagged as exact or near duplicates of another article.")
    if not sf["n_statements"]:
        out.append("No statements were extracted, so there are no findings about actors.")
        return out
    n = sf["n_statements"]
    f = sf["forms"]
    out.append(
        f"{_plural(n, 'statement')} were extracted from {sf['n_articles_quoting']} of {_plural(cf['n_articles'], 'article')} "
        f"({_pct(sf['n_articles_quoting'], cf['n_articles'])}), made by {sf['n_speakers']} distinct speakers; "
        f"{_pct(f['direct'], n)} are direct quotes, {_pct(f['reported'], n)} reported speech and "
        f"{_pct(f['mixed'], n)} reported speech with a quoted fragment."
    )
    top = ", ".join(f"{_who(s)} ({_plural(k, 'statement')}, {_pct(k, n)})" for s, k in sf["top_speakers"])  # n says what it counts
    options = {} if n_boot is None else {"n_boot": n_boot}
    out.append(f"The most quoted named actors are {top}.")
    if sf["n_unnamed"]:
        out.append(f"Unnamed sources (“a source”, “activists”, “residents” ...) make "
                   f"{sf['n_unnamed']} of the {n} statements ({_pct(sf['n_unnamed'], n)}); they are counted as one category, not as actors.")
        by = "outlet_group" if groups is not None else "source"
        shares = unnamed_share(ctx, by, once_per_text=False, **options)
        if len(shares) >= 2:
            out.append(unnamed_finding(shares, by, groups.label_of if groups is not None else None))
    joint = joint_sentence(ctx, once_per_text=False)  # "United States and Russia": one category, stated
    if joint:
        out.append(joint)
    named = named_actors(ctx)
    # one group only: its top speaker is the corpus's, already stated above
    if groups is not None and ctx["outlet_group"].nunique() >= 2:
        per = cmp.quoting_by(named, "outlet_group", once_per_text=False)
        for group in groups.groups["group"]:
            rows = per[per["outlet_group"] == group]
            total = int(rows["n_statements"].sum())
            if total < min_statements:
                continue
            inside = ctx[ctx["outlet_group"] == group]
            total = len(inside)
            first = rows.iloc[0]
            tied = rows[rows["n_statements"] == first["n_statements"]]["speaker"].tolist()
            who = f"speaker is {_who(first['speaker'])}" if len(tied) == 1 else f"speakers, tied, are {_join([_who(t) for t in tied])}"
            # the share's 95% interval from resampling the group's articles, as every compared share;
            # none from fewer than MIN_ARTICLES articles, whose resamples are too few to trust
            interval = ""
            if inside["article_id"].nunique() >= MIN_ARTICLES:
                _, low, high = cluster_bootstrap_shares((inside["speaker"] == first["speaker"]).astype(int), inside["article_id"],
                                                        values=(1,), key=("top speaker", group), **options)[1]
                interval = f", 95% CI {_pct(low, 1)}-{_pct(high, 1)}"
            out.append(
                f"In {groups.label_of(group)}, the most quoted named {who} "
                f"({int(first['n_statements'])} of {total} statements{' each' if len(tied) > 1 else ''}, "
                f"{_pct(first['n_statements'], total)}{interval})."
            )
    out.extend(_sentiment_findings(named, min_statements, n_boot=n_boot, everyone=ctx, masking=masking))
    out.extend(_keyword_findings(keywords, sf["top_speakers"]))
    edges = networks.cooccurrence_edges(named, once_per_text=False, linked_pairs=linked_pairs)
    if len(edges):
        e = edges.iloc[0]
        weight = int(e["weight"])
        # pairs as frequent as the first: the first is then one of several, not "the" pair
        tied = int((edges["weight"] == weight).sum()) - 1
        ties = ""
        if tied:
            ties = (f", tied with {_plural(tied, 'other pair')} quoted together in {_plural(weight, 'article')} each"
                    + (": no pair stands out" if weight < 2 else ""))
        out.append(f"The pair of named actors quoted together most often (news agencies, which relay others, not counted) "
                   f"is {e['source']} and {e['target']} ({_plural(weight, 'article')}){ties}.")
    return out


def _sentiment_findings(ctx: pd.DataFrame, min_statements: int, top_n: int = 10, n_boot: int | None = None,
                        everyone: pd.DataFrame | None = None, masking: bool = True) -> list[str]:
    """The corpus headline, then the lowest and highest mean sentiment among the top_n
    most-quoted speakers with at least min_statements scored statements (the extremes over all
    speakers are dominated by rarely quoted ones, whose means rest on few statements); each
    mean with its 95% article-cluster interval and, beside it, the unmasked mean (compare.cells).
    The headline is over `everyone` (all statements, default `ctx`). Without `masking` the
    means are the unmasked ones and no second value is given."""
    if "sentiment" not in ctx.columns:
        return ["Sentiment was not scored in this run (statements_scored.parquet is missing)."]
    options = {"once_per_text": False} if n_boot is None else {"once_per_text": False, "n_boot": n_boot}
    out = []
    everyone = ctx if everyone is None else everyone
    if "sentiment_unmasked" in everyone.columns and everyone["sentiment"].notna().any():
        out.append(headline_sentence(headline_both(everyone, **options), masking=masking))
    top = ctx[ctx["speaker"].isin(cmp.top_speakers(ctx, top_n))]
    g = cell_estimates(top, "speaker", **options)
    g = g[g["n_statements"] >= min_statements].sort_values(["mean", "speaker"], kind="mergesort")
    if len(g) < 2:
        return out + [f"Fewer than two of the {top_n} most quoted speakers have {min_statements} or more scored statements, so no sentiment comparison is made."]
    low, high = g.iloc[0], g.iloc[-1]

    def described(row) -> str:
        # a mean from one article has no interval (its resamples do not vary): say so rather than leave it out
        interval = (f", 95% CI {row['ci_low']:+.2f} to {row['ci_high']:+.2f}" if np.isfinite(row["ci_low"])
                    else f", no interval: {_plural(int(row['n_articles']), 'article')}" if "n_articles" in row else ", no interval")
        unmasked = "" if not masking or not np.isfinite(row["mean_unmasked"]) else f"; {row['mean_unmasked']:+.2f} unmasked"
        return f"{_possessive(row['speaker'])} ({row['mean']:+.2f}{interval}{unmasked}; n={int(row['n_statements'])})"

    scale = "on -1 to 1, topic words masked" if masking else "on -1 to 1, unmasked"
    out.append(
        f"Among the {top_n} most quoted named actors ({len(g)} with at least {min_statements} scored statements), the lowest mean "
        f"sentiment ({scale}) is {described(low)} and the highest {described(high)}."
    )
    return out


def _keyword_findings(keywords: pd.DataFrame | None, top_speakers: list[tuple[str, int]]) -> list[str]:
    if keywords is None or not {"term", "z"} <= set(keywords.columns) or "speaker" not in keywords.columns:
        return []
    out = []
    for speaker, _ in top_speakers[:2]:
        # only terms stable under resampling articles, as the keyword figures show them
        rows = stable_terms(keywords[(keywords["speaker"] == speaker) & (keywords["z"] > 0)])
        rows = rows.sort_values(["z", "term"], ascending=[False, True], kind="mergesort").head(5)
        if len(rows):
            terms = ", ".join(f"“{t}”" for t in rows["term"])
            stable = (f"; only terms that stay among the actor's top terms in at least {MIN_STABILITY:.0%} of the article "
                      "resamples" if "stability" in rows.columns and rows["stability"].notna().any() else "")
            out.append(f"Terms that most set {_possessive(speaker)} statements apart (Monroe et al. log-odds z{stable}): {terms}.")
    return out


def findings_html(sentences: list[str]) -> str:
    """The findings as an HTML bullet list; each sentence is escaped, so text from articles
    (speaker names, terms) can never add markup or scripts."""
    items = "\n".join(f"<li>{html.escape(s)}</li>" for s in sentences)
    return f"<ul>\n{items}\n</ul>"


def read_evaluation(path: str | os.PathLike) -> tuple[dict | None, str]:
    """An evaluation file written by the evaluation scripts (docs/evaluation/*.json), parsed,
    plus a note. Returns (None, reason) when the file is missing or unreadable, so the report
    says so instead of failing."""
    path = Path(path)
    if not path.exists():
        return None, f"{path.name} was not found: this evaluation has not been run."
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return None, f"{path.name} could not be read ({exc.__class__.__name__}: {exc})."
    if not isinstance(doc, dict):
        return None, f"{path.name} does not hold a JSON object."
    return doc, ""


def evaluation_tables(doc: dict) -> tuple[list[tuple[str, pd.DataFrame]], list[str]]:
    """The tables in an evaluation document: every list of records found at the top level or
    one level down (e.g. `full.metrics`, `results`), named by its dotted key, and the top-level
    scalar values as "key: value" notes."""
    tables, notes = [], []
    for key, value in doc.items():
        if _records(value):
            tables.append((key, pd.DataFrame(value)))
        elif isinstance(value, dict):
            for sub, inner in value.items():
                if _records(inner):
                    tables.append((f"{key}.{sub}", pd.DataFrame(inner)))
        elif not isinstance(value, list):
            notes.append(f"{key}: {value}")
    return tables, notes


def _records(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _f(x) -> str:
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.2f}"


def statements_headline(doc: dict) -> list[str]:
    """Sentences with the overall statement-extraction scores (GenderGapTracker convention) of
    the evaluation file written by scripts/evaluate_statements.py; [] if its layout differs."""
    out = []
    for part, label in (("full", "the full gold"), ("seed", "the seed article")):
        block = doc.get(part)
        if not isinstance(block, dict) or not _records(block.get("metrics")):
            continue
        m = pd.DataFrame(block["metrics"])
        if not {"threshold", "type", "quote_f1", "pair_f1", "attribution_accuracy"} <= set(m.columns):
            continue
        for row in m[m["type"] == "all"].itertuples(index=False):
            out.append(
                f"On {label} ({_plural(int(block.get('n_gold', 0)), 'gold statement')} in "
                f"{_plural(int(block.get('n_articles', 0)), 'article')}), "
                f"at coverage >= {row.threshold:g}: quote F1 {_f(row.quote_f1)}, pair F1 {_f(row.pair_f1)}, "
                f"attribution accuracy {_f(row.attribution_accuracy)}."
            )
    return out


def sentiment_headline(doc: dict, baseline: str = "vader", headline: str = "ensemble") -> list[str]:
    """Sentences comparing the headline method's macro-F1 with the baseline's on each file and
    unit (unmasked scores) of the file written by scripts/evaluate_sentiment.py; [] if its
    layout differs."""
    if not _records(doc.get("results")):
        return []
    r = pd.DataFrame(doc["results"])
    if not {"method", "macro_f1", "file"} <= set(r.columns):
        return []
    if "masking" in r.columns:
        r = r[r["masking"] == "unmasked"]
    keys = [k for k in ("file", "unit") if k in r.columns]
    out = []
    for key, rows in r.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        by = rows.set_index("method")["macro_f1"]
        if baseline in by and headline in by:
            n = int(rows["n"].iloc[0]) if "n" in rows.columns else None
            # file and method codes in words ("devtest_mt.jsonl" -> "NewsMTSC devtest, multiple targets")
            names = [VALUE_LABELS.get(k, {}).get(str(v), str(v)) for k, v in zip(keys, key)]
            where = ", ".join(names) + (f", n={n}" if n is not None else "")
            where = where if where.startswith("NewsMTSC") else f"NewsMTSC {where}"
            method = VALUE_LABELS["method"]
            out.append(f"{where}: macro-F1 {_f(by[headline])} for the {method.get(headline, headline)} against "
                       f"{_f(by[baseline])} for {method.get(baseline, baseline)} alone.")
    return out


def escape_table(df: pd.DataFrame) -> str:
    """A DataFrame as HTML with every cell escaped (pandas escapes by default; this states it
    and fixes the options so the output is deterministic)."""
    return df.to_html(index=False, escape=True, na_rep="", border=0)
