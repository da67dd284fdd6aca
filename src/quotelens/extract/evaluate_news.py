"""Score extracted statements against the news gold (data/gold/news/, issue 12).

The news gold differs from the excerpt gold (quotelens.extract.evaluate) in what a span is: the
content of reported speech is the whole reported clause, a mixed statement lists its quoted
fragments as sub-spans, and every statement carries its speaker mention with offsets. The
scoring follows the excerpt gold's convention where it can, so the two read alike:

- **Coverage** of a gold statement by a prediction in the same article: the number of gold
  characters the prediction's span covers divided by the gold span's length (0-1). For a mixed
  statement the coverage of each quoted fragment is computed the same way and the largest of
  all counts: an extractor that returns only the quoted fragment of a mixed statement has found
  that statement (the gold content is the whole clause, which a fragment covers only in part).
- **Matching** at a threshold t (0.3 and 0.8): pairs with coverage >= t are assigned one to one,
  greedily, highest coverage first; ties go to the pair whose speakers agree, then to the earlier
  gold line, then to the earlier prediction.
- **Speaker right**: `quotelens.extract.evaluate.speakers_agree` on the two names (folded; one
  name's words end the other's), optionally after mapping both through an actor registry
  (`canonical=`, from `registry_canonical`).
- quote P = matched predictions / predictions, quote R = matched gold / gold; pair P and R the
  same with "matched and speaker right"; attribution accuracy = right / matched gold. F1 is the
  harmonic mean. Rows by type: recall side by gold type, precision side by predicted type.
  Rows by source (GUM news, GUM interview, FA-KES, seed): both sides by the article's source.
  Rows for continuations, Q&A answers, pronoun and role-noun mentions: recall side only (the
  extractor does not mark these), so their precision is undefined.
- Pronoun and role-noun mentions, splits and sources: quotelens.extract.news_gold.
"""

from __future__ import annotations

import math
from typing import Callable

import numpy as np
import pandas as pd

from quotelens.extract.evaluate import THRESHOLDS, TYPES, speakers_agree
from quotelens.extract.news_gold import SOURCES, article_source, mention_class, select_split


def _prediction_table(predicted: pd.DataFrame, texts: dict[str, str]) -> tuple[pd.DataFrame, int]:
    """Predictions on the scored articles with integer offsets (a missing offset is taken from
    the quote's first occurrence), and how many predictions fell on other articles."""
    pred = predicted.copy()
    for col in ("article_id", "speaker", "quote"):
        if col not in pred.columns:
            if len(pred):
                raise ValueError(f"predicted statements lack the column {col!r}")
            pred[col] = pd.Series(dtype=object)
    if "type" not in pred.columns:
        pred["type"] = "?"
    pred["article_id"] = pred["article_id"].astype(str)
    keep = pred["article_id"].isin(set(texts)).to_numpy()
    pred = pred[keep].reset_index(drop=True)
    starts, ends = [], []
    for row in pred.itertuples(index=False):
        s, e = getattr(row, "start", None), getattr(row, "end", None)
        if s is None or e is None or pd.isna(s) or pd.isna(e):
            quote = row.quote if isinstance(row.quote, str) else ""
            pos = texts[row.article_id].find(quote) if quote else -1
            if pos < 0:
                raise ValueError(f"predicted quote not found in article {row.article_id!r}: {quote[:60]!r}")
            s, e = pos, pos + len(quote)
        starts.append(int(s))
        ends.append(int(e))
    pred["start"] = np.asarray(starts, dtype=np.int64)
    pred["end"] = np.asarray(ends, dtype=np.int64)
    return pred, int((~keep).sum())


def coverage(gold_row, start: int, end: int) -> tuple[float, str]:
    """Coverage (0-1) of a gold statement by the span [start, end) and what it covers best:
    "content", or "quoted" when a quoted fragment of a mixed statement is covered more."""
    best, via = 0.0, "content"
    for k, (gs, ge) in enumerate([(gold_row.start, gold_row.end), *gold_row.quoted_spans]):
        share = max(0, min(ge, end) - max(gs, start)) / (ge - gs)
        if share > best:
            best, via = share, ("content" if k == 0 else "quoted")
    return best, via


Pair = tuple[float, str, bool, int, int]  # coverage, "content"/"quoted", speaker right, gold index, prediction index


def candidate_pairs(gold: pd.DataFrame, pred: pd.DataFrame,
                    canonical: Callable[[str], str] | None = None) -> list[Pair]:
    """Every (gold, prediction) pair of one article whose spans overlap: (coverage, "content" or
    "quoted", speaker right, gold index, prediction index)."""
    canon = canonical or (lambda name: name)
    pairs = []
    spans = list(zip(pred.index, pred["start"], pred["end"], pred["speaker"]))
    for gi, g in zip(gold.index, gold.itertuples(index=False)):
        for pi, start, end, speaker in spans:
            if end <= g.start or start >= g.end:
                continue  # quoted fragments lie inside the content, so nothing is covered
            share, via = coverage(g, start, end)
            if share > 0:
                pairs.append((share, via, speakers_agree(canon(speaker), canon(g.speaker)), gi, pi))
    return pairs


def match_pairs(pairs: list[Pair], threshold: float) -> list[Pair]:
    """The one-to-one greedy matching at `threshold` among `candidate_pairs`: highest coverage
    first, ties to the pair whose speakers agree, then the earlier gold, then the earlier
    prediction."""
    chosen, used_g, used_p = [], set(), set()
    for pair in sorted((p for p in pairs if p[0] >= threshold), key=lambda p: (-p[0], not p[2], p[3], p[4])):
        if pair[3] not in used_g and pair[4] not in used_p:
            used_g.add(pair[3])
            used_p.add(pair[4])
            chosen.append(pair)
    return chosen


def _ratio(num: int, den: int) -> float:
    return num / den if den else float("nan")


def _f1(p: float, r: float) -> float:
    if p == 0 or r == 0:
        return 0.0
    if math.isnan(p) or math.isnan(r):
        return float("nan")
    return 2 * p * r / (p + r)


def _row(threshold, by, group, gold_flags, pred_flags) -> dict:
    """One metrics row from boolean arrays (matched, right) of the gold rows and of the
    prediction rows in the group; pred_flags None for a recall-only group."""
    g_match, g_right = gold_flags
    n_gold, m_gold, c_gold = len(g_match), int(g_match.sum()), int(g_right.sum())
    qr, pr = _ratio(m_gold, n_gold), _ratio(c_gold, n_gold)
    row = {"threshold": threshold, "by": by, "group": group, "n_gold": n_gold, "matched_gold": m_gold,
           "correct_gold": c_gold, "n_pred": None, "matched_pred": None, "correct_pred": None,
           "quote_precision": float("nan"), "quote_recall": qr, "quote_f1": float("nan"),
           "pair_precision": float("nan"), "pair_recall": pr, "pair_f1": float("nan"),
           "attribution_accuracy": _ratio(c_gold, m_gold)}
    if pred_flags is not None:
        p_match, p_right = pred_flags
        n_pred, m_pred, c_pred = len(p_match), int(p_match.sum()), int(p_right.sum())
        qp, pp = _ratio(m_pred, n_pred), _ratio(c_pred, n_pred)
        row.update(n_pred=n_pred, matched_pred=m_pred, correct_pred=c_pred, quote_precision=qp,
                   quote_f1=_f1(qp, qr), pair_precision=pp, pair_f1=_f1(pp, pr))
    return row


def evaluate_news(predicted: pd.DataFrame, gold: pd.DataFrame, articles: pd.DataFrame,
                  thresholds: tuple[float, ...] = THRESHOLDS, canonical: Callable[[str], str] | None = None,
                  split: str = "all", annotated=None) -> dict:
    """Score `predicted` statements (a Statements table) against the news gold (`load_news_gold`)
    on the articles of `split` ("dev", "test" or "all"; the articles' `split` field decides).

    `annotated` (ids, e.g. `news_gold.annotated_articles(path)`): score only these articles,
    leaving out those not annotated yet (counted in `n_not_annotated`); None scores every
    article of the split. Gold lines on articles outside the split are left out; gold on an
    article missing from `articles`, or offsets that do not index the quote in the text, raise
    ValueError. Predictions on other articles are ignored and counted (`n_pred_ignored`).

    Returns a dict: `metrics` (DataFrame, one row per threshold, `by` ("all", "type", "flag",
    "source", "mention") and `group`: counts and P/R/F1/accuracy as fractions 0-1, NaN when
    undefined), `matches` (matched pairs: threshold, gold statement_id, prediction row,
    coverage, via, speaker_correct, both speakers and speaker kinds), `seed` ({n_gold, found, attributed} at the
    lowest threshold), `n_articles`, `n_gold`, `n_pred`, `n_pred_ignored`, `thresholds`,
    `split`, `speaker_match` ("string" or "registry")."""
    id_col = "article_id" if "article_id" in articles.columns else "id"
    scored = select_split(articles, split)
    n_not_annotated = 0
    if annotated is not None:
        done = scored[id_col].astype(str).isin(set(annotated)).to_numpy()
        scored, n_not_annotated = scored[done], int((~done).sum())
    texts = {str(a): t for a, t in zip(scored[id_col], scored["text"])}
    sources = {str(a): article_source(a, s) for a, s in
               zip(scored[id_col], scored["source"] if "source" in scored.columns else [""] * len(scored))}
    all_ids = {str(a) for a in articles[id_col]}
    unknown = sorted(set(gold["article_id"].astype(str)) - all_ids)
    if unknown:
        raise ValueError(f"gold article {unknown[0]!r} is not in the articles")
    gold = gold[gold["article_id"].astype(str).isin(set(texts))].reset_index(drop=True)
    for g in gold.itertuples(index=False):
        if texts[g.article_id][g.start:g.end] != g.quote:
            raise ValueError(f"gold {g.statement_id}: text[{g.start}:{g.end}] is not its quote")
    pred, n_ignored = _prediction_table(predicted, texts)
    gold_source = gold["article_id"].map(sources).to_numpy()
    pred_source = pred["article_id"].map(sources).to_numpy()
    pred_type = pred["type"].astype(str).to_numpy()
    gold_mention = np.asarray([mention_class(m, s, k) for m, s, k in
                               zip(gold["speaker_mention"], gold["speaker"], gold["speaker_kind"])], dtype=object)

    gold_by_article = dict(tuple(gold.groupby("article_id")))
    pred_by_article = dict(tuple(pred.groupby("article_id")))
    pairs = {a: candidate_pairs(gold_by_article[a], pred_by_article[a], canonical)
             for a in sorted(texts) if a in gold_by_article and a in pred_by_article}
    rows, match_rows, seed = [], [], {}
    for t in thresholds:
        g_match = np.zeros(len(gold), bool)
        g_right = np.zeros(len(gold), bool)
        p_match = np.zeros(len(pred), bool)
        p_right = np.zeros(len(pred), bool)
        for article_id, candidates in pairs.items():
            for share, via, ok, gi, pi in match_pairs(candidates, t):
                g_match[gi] = p_match[pi] = True
                g_right[gi] = p_right[pi] = ok
                match_rows.append({"threshold": t, "article_id": article_id,
                                   "statement_id": gold.at[gi, "statement_id"], "pred_row": int(pi),
                                   "coverage": share, "via": via, "speaker_correct": ok,
                                   "gold_speaker": gold.at[gi, "speaker"], "pred_speaker": pred.at[pi, "speaker"],
                                   "gold_speaker_kind": gold.at[gi, "speaker_kind"],
                                   "pred_speaker_kind": pred.at[pi, "speaker_kind"] if "speaker_kind" in pred else None})

        def flags(mask_g, mask_p=None):
            return (g_match[mask_g], g_right[mask_g]), (None if mask_p is None else (p_match[mask_p], p_right[mask_p]))

        rows.append(_row(t, "all", "all", *flags(np.ones(len(gold), bool), np.ones(len(pred), bool))))
        for typ in TYPES:
            rows.append(_row(t, "type", typ, *flags(gold["type"].to_numpy() == typ, pred_type == typ)))
        rows.append(_row(t, "flag", "continuation", *flags(gold["continuation"].to_numpy(bool))))
        rows.append(_row(t, "flag", "qa", *flags(gold["qa"].to_numpy(bool))))
        for src in SOURCES:
            if src in sources.values():
                rows.append(_row(t, "source", src, *flags(gold_source == src, pred_source == src)))
        for kind in ("pronoun", "role_noun"):
            rows.append(_row(t, "mention", kind, *flags(gold_mention == kind)))
        if not seed and "seed" in sources.values():
            in_seed = gold_source == "seed"
            seed = {"threshold": t, "n_gold": int(in_seed.sum()), "found": int(g_match[in_seed].sum()),
                    "attributed": int(g_right[in_seed].sum())}
    metrics = pd.DataFrame(rows)
    for col in ("n_pred", "matched_pred", "correct_pred"):
        metrics[col] = metrics[col].astype("Int64")
    return {
        "metrics": metrics,
        "matches": pd.DataFrame(match_rows, columns=["threshold", "article_id", "statement_id", "pred_row", "coverage",
                                                     "via", "speaker_correct", "gold_speaker", "pred_speaker",
                                                     "gold_speaker_kind", "pred_speaker_kind"]),
        "seed": seed, "n_articles": len(texts), "n_gold": len(gold), "n_pred": len(pred),
        "n_pred_ignored": n_ignored, "n_not_annotated": n_not_annotated, "thresholds": list(thresholds), "split": split,
        "speaker_match": "string" if canonical is None else "registry",
    }


_LABELS = {"qa": "Q&A answers", "pronoun": "pronoun mention", "role_noun": "role-noun mention"}


def _pct(x) -> str:
    return "   -" if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)) else f"{100 * x:5.1f}"


def format_news_report(result: dict, title: str = "News gold") -> str:
    """`evaluate_news`' metrics as a plain-text table (percentages, one decimal; "-" where a
    ratio is undefined, and precision columns "-" for the recall-only rows), one block per
    coverage threshold, then the seed line."""
    m = result["metrics"]
    ignored = f" ({result['n_pred_ignored']} on other articles ignored)" if result.get("n_pred_ignored") else ""
    waiting = (f" ({result['n_not_annotated']} articles of the split not annotated yet, left out)"
               if result.get("n_not_annotated") else "")
    lines = [f"{title}: split {result['split']}, {result['n_articles']} articles{waiting}, {result['n_gold']} gold "
             f"statements, {result['n_pred']} predicted{ignored}"]
    lines.append("speakers compared as registry actors (aliases mapped to canonical names, then the string rule)"
                 if result.get("speaker_match") == "registry"
                 else "speakers compared as written (string rule: folded, surname suffix allowed)")
    header = (f"{'group':<18}{'gold':>6}{'pred':>6}  {'quote P':>7}{'R':>6}{'F1':>6}  "
              f"{'pair P':>7}{'R':>6}{'F1':>6}  {'attr acc':>8}")
    for t in result["thresholds"]:
        lines += ["", f"coverage >= {t:g} (a mixed statement also matches by covering a quoted fragment)", header]
        previous = None
        for r in m[m["threshold"] == t].itertuples(index=False):
            if previous is not None and r.by != previous:
                lines.append("")
            previous = r.by
            n_pred = "-" if r.n_pred is pd.NA or r.n_pred is None else str(r.n_pred)
            lines.append(f"{_LABELS.get(r.group, r.group):<18}{r.n_gold:>6}{n_pred:>6}  "
                         f"{_pct(r.quote_precision):>7}{_pct(r.quote_recall):>6}{_pct(r.quote_f1):>6}  "
                         f"{_pct(r.pair_precision):>7}{_pct(r.pair_recall):>6}{_pct(r.pair_f1):>6}  "
                         f"{_pct(r.attribution_accuracy):>8}")
    seed = result.get("seed")
    if seed:
        lines += ["", f"seed article: {seed['found']} of {seed['n_gold']} statements found, {seed['attributed']} "
                      f"found and attributed (coverage >= {seed['threshold']:g})"]
    return "\n".join(lines) + "\n"


def _plain(value):
    """A JSON-ready scalar: NaN and <NA> as None, numpy scalars as Python ones."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def news_metrics_json(result: dict) -> dict:
    """A JSON-ready view of `evaluate_news`' result (without the matched pairs)."""
    keys = ("n_articles", "n_gold", "n_pred", "n_pred_ignored", "n_not_annotated", "thresholds", "split",
            "speaker_match", "seed")
    out = {k: result[k] for k in keys}
    out["metrics"] = [{k: _plain(v) for k, v in rec.items()} for rec in result["metrics"].to_dict("records")]
    return out


def metric(result: dict, column: str, by: str = "all", group: str = "all", threshold: float = 0.3):
    """One number of `evaluate_news`' metrics table (a fraction 0-1 or a count), e.g.
    `metric(result, "pair_f1")` or `metric(result, "attribution_accuracy", "mention", "pronoun")`;
    None when the row is absent (a source with no article in the split) or the value undefined."""
    m = result["metrics"]
    row = m[(m["threshold"] == threshold) & (m["by"] == by) & (m["group"] == group)]
    return None if row.empty else _plain(row.iloc[0][column])


# Speaker kinds the extractor wrote before the Statements contract settled on "unnamed" for
# every unnamed source (issue 12/13): read as "unnamed" when older predictions are scored.
_OLD_KINDS = {"group": "unnamed", "unresolved": "unnamed"}


def speaker_kind_agreement(result: dict, threshold: float = 0.3) -> dict:
    """How often the predicted `speaker_kind` equals the gold's among the statements matched at
    `threshold` in `evaluate_news`' result: {"n": matched pairs with both kinds, "agree": equal
    kinds, "share": agree / n (0-1, None when n is 0), "confusion": {"gold -> predicted": n} for
    the pairs that differ}. The gold's kinds are person, organisation, state, news_agency,
    unnamed and document (data/gold/news/README.md section 3); a prediction's "group" or
    "unresolved" (older extractor output) counts as "unnamed"."""
    m = result["matches"]
    m = m[(m["threshold"] == threshold) & m["pred_speaker_kind"].notna() & m["gold_speaker_kind"].notna()]
    pred = m["pred_speaker_kind"].map(lambda k: _OLD_KINDS.get(k, k))
    same = (pred == m["gold_speaker_kind"]).to_numpy()
    confusion: dict[str, int] = {}
    for g, p in zip(m["gold_speaker_kind"][~same], pred[~same]):
        key = f"{g} -> {p}"
        confusion[key] = confusion.get(key, 0) + 1
    n = int(len(m))
    return {"n": n, "agree": int(same.sum()), "share": (float(same.sum()) / n) if n else None,
            "confusion": dict(sorted(confusion.items(), key=lambda kv: (-kv[1], kv[0])))}
