"""Score extracted statements against hand-annotated gold (docs/contracts.md, "Gold formats").

The convention is the SFU GenderGapTracker's, so our figures compare with published ones:

- Within each article, every (gold, prediction) pair gets a *coverage*: the number of gold
  characters the prediction's span covers, divided by the gold span's length (a fraction, 0-1).
- At a threshold t (0.3 lenient, 0.8 strict) the pairs with coverage >= t are assigned one to
  one by a deterministic greedy pass: highest coverage first; ties go to the pair whose speakers
  agree, then to the earlier gold line, then to the earlier prediction. A gold statement or a
  prediction takes part in at most one pair. Greedy-by-coverage gives every gold statement the
  free prediction that covers the largest share of it.
- A matched pair is *correct* when the speakers agree: equal after case folding, accent
  folding, dropping invisible characters, a possessive "'s", other apostrophes and a leading
  "the"/"a"/"an" (`name_words`), or one name's words are a
  trailing part of the other's ("de Mistura" agrees with "Staffan de Mistura", "Jaafari" with
  "Bashar al-Jaafari"; words are split at spaces and hyphens).
- Optionally (`canonical=`, built by `registry_canonical` from an actor registry) both names are
  first mapped to the registry's canonical actors: every registry alias inside a name is
  replaced by its actor's canonical name ("Syrian Coalition" and "National Coalition" both
  become "National Coalition", "Syria Civil Defense spokesman" becomes "White Helmets
  spokesman"). This compares identities, not spellings; without it the comparison is the
  plain string rule above. Reports say which one they use.
- quote P = matched / predicted, quote R = matched / gold; pair P = correct / predicted,
  pair R = correct / gold; attribution accuracy = correct / matched. F1 is the harmonic mean.
  By type: recall-side numbers (n_gold, quote R, pair R, accuracy) group by the gold type,
  precision-side numbers (n_pred, quote P, pair P) by the predicted type.
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

THRESHOLDS = (0.3, 0.8)
TYPES = ("direct", "indirect", "mixed", "according_to")
GOLD_FIELDS = ("article_id", "speaker", "type", "quote")
_DETERMINERS = ("the", "a", "an")
_APOSTROPHES = "'\u2019\u2018`\u02bc"
_POSSESSIVE = re.compile("[" + _APOSTROPHES + r"]s\b")


class GoldFormatError(ValueError):
    """A gold file line that does not follow the gold format of docs/contracts.md (message names file and line)."""


def load_gold(path: str | os.PathLike) -> pd.DataFrame:
    """Read a gold statements file (.jsonl, one JSON object per line; docs/contracts.md, "Gold formats").

    Returns one row per statement with `article_id`, `speaker`, `type`, `quote`, `start`, `end`
    (character offsets, <NA> when the line leaves them out) and `gold_line` (1-based line number
    in the file); blank lines are skipped. The path is kept in `df.attrs["path"]`.
    Raises GoldFormatError naming the file and line on malformed JSON, a missing or empty field,
    an unknown type, or offsets that are not integers with 0 <= start < end."""
    path = Path(path)
    rows = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{where}: not valid JSON ({exc.msg})") from None
            if not isinstance(rec, dict):
                raise GoldFormatError(f"{where}: expected a JSON object, got {type(rec).__name__}")
            for field in GOLD_FIELDS:
                value = rec.get(field)
                if not isinstance(value, str) or not value.strip():
                    raise GoldFormatError(f"{where}: field {field!r} missing or not a non-empty string")
            if rec["type"] not in TYPES:
                raise GoldFormatError(f"{where}: type {rec['type']!r} is not one of {', '.join(TYPES)}")
            start, end = rec.get("start"), rec.get("end")
            if (start is None) != (end is None):
                raise GoldFormatError(f"{where}: give both start and end, or neither")
            if start is not None:
                if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
                    raise GoldFormatError(f"{where}: start and end must be integers")
                if not 0 <= start < end:
                    raise GoldFormatError(f"{where}: need 0 <= start < end, got {start}, {end}")
                if end - start != len(rec["quote"]):
                    raise GoldFormatError(f"{where}: end - start ({end - start}) != len(quote) ({len(rec['quote'])})")
            rows.append({
                "article_id": rec["article_id"], "speaker": rec["speaker"], "type": rec["type"],
                "quote": rec["quote"], "start": start, "end": end, "gold_line": lineno,
            })
    df = pd.DataFrame(rows, columns=[*GOLD_FIELDS, "start", "end", "gold_line"])
    df["start"] = df["start"].astype("Int64")
    df["end"] = df["end"].astype("Int64")
    df.attrs["path"] = str(path)
    return df


def _article_texts(articles: pd.DataFrame) -> dict[str, str]:
    id_col = "article_id" if "article_id" in articles.columns else "id"
    if id_col not in articles.columns or "text" not in articles.columns:
        raise ValueError("articles need an `article_id` (or `id`) and a `text` column")
    return {str(a): t for a, t in zip(articles[id_col], articles["text"])}


def _with_offsets(table: pd.DataFrame, texts: dict[str, str], what: str) -> pd.DataFrame:
    """Copy of `table` with integer `start`/`end` for every row: given offsets are checked
    against the text; missing ones come from the first occurrence of the quote."""
    out = table.reset_index(drop=True).copy()
    if "start" not in out.columns:
        out["start"] = pd.NA
    if "end" not in out.columns:
        out["end"] = pd.NA
    path = table.attrs.get("path", what)
    starts, ends = [], []
    for i, row in enumerate(out.itertuples(index=False)):
        where = f"{path}:{row.gold_line}" if "gold_line" in out.columns else f"{what} row {i}"
        text = texts.get(str(row.article_id))
        if text is None:
            raise ValueError(f"{where}: article_id {row.article_id!r} is not in the articles")
        quote = row.quote if isinstance(row.quote, str) else ""
        if pd.isna(row.start) or pd.isna(row.end):
            pos = text.find(quote) if quote else -1
            if pos < 0:
                raise ValueError(f"{where}: quote not found in article {row.article_id!r}: {quote[:60]!r}")
            starts.append(pos)
            ends.append(pos + len(quote))
        else:
            s, e = int(row.start), int(row.end)
            if text[s:e] != quote:
                raise ValueError(f"{where}: text[{s}:{e}] of article {row.article_id!r} is not the quote")
            starts.append(s)
            ends.append(e)
    out["start"] = np.asarray(starts, dtype=np.int64)
    out["end"] = np.asarray(ends, dtype=np.int64)
    return out


def name_words(name) -> tuple[str, ...]:
    """The words a speaker name is compared by: invisible characters (zero-width spaces, soft
    hyphens, direction marks) removed, accents folded, case folded, a possessive "'s" dropped
    ("Russia's" -> "russia"), other apostrophes removed, split at every character that is not a
    letter or digit, a leading "the"/"a"/"an" dropped. () for a non-string."""
    if not isinstance(name, str):
        return ()
    visible = "".join(ch for ch in name if unicodedata.category(ch) != "Cf")
    folded = unicodedata.normalize("NFKD", visible)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    folded = _POSSESSIVE.sub("", folded)
    for ch in _APOSTROPHES:
        folded = folded.replace(ch, "")
    words = "".join(ch if ch.isalnum() else " " for ch in folded).split()
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    return tuple(words)


def speakers_agree(predicted, gold) -> bool:
    """True when two speaker names denote the same actor under the scoring convention: their
    `name_words` are equal, or the shorter name's words are a contiguous run of the longer one's
    that ends at its last word ("de Mistura" ~ "Staffan de Mistura", "Lavrov" ~ "Sergei
    Lavrov"; "Ken Clarke" and "Charles Clarke" disagree, and so do "Sergei" and "Sergei
    Lavrov"). An empty or missing name agrees with nothing."""
    a, b = name_words(predicted), name_words(gold)
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_[len(long_) - len(short):] == short


def registry_canonical(registry) -> Callable[[str], str]:
    """A speaker-name mapper for `evaluate_statements(canonical=...)`: a name that is exactly a
    registry alias (a leading "the" ignored) becomes that actor's canonical name; otherwise
    every registry alias found inside it (quotelens.extract.registry.Registry.find, longest alias first)
    is replaced by its canonical name, so "Syria Civil Defense spokesman" -> "White Helmets
    spokesman". Names without registry aliases come back unchanged; non-strings pass through."""
    cache: dict[str, str] = {}

    def canonical(name):
        if not isinstance(name, str):
            return name
        if name not in cache:
            bare = re.sub(r"^(?:[Tt]he)\s+(?=\S)", "", name.strip())
            actor = registry.lookup(bare)
            if actor is not None:
                cache[name] = actor.name
            else:
                out, last = [], 0
                for start, end, canon in registry.find(bare):
                    out.append(bare[last:start])
                    out.append(canon)
                    last = end
                    if bare[end:end + 2] in ("'s", "’s"):
                        last = end + 2  # "Russia's" inside a description keeps no possessive
                out.append(bare[last:])
                cache[name] = "".join(out)
        return cache[name]

    return canonical


def _match_article(gold: pd.DataFrame, pred: pd.DataFrame, threshold: float,
                   canonical: Callable[[str], str] | None = None) -> list[tuple[int, int, float, bool]]:
    """One-to-one greedy matches (gold index, prediction index, coverage, speakers agree)."""
    candidates = []
    canon = canonical or (lambda name: name)
    for gi, g in zip(gold.index, gold.itertuples(index=False)):
        g_len = g.end - g.start
        for pi, p in zip(pred.index, pred.itertuples(index=False)):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap <= 0:
                continue
            coverage = overlap / g_len
            if coverage >= threshold:
                ok = speakers_agree(canon(p.speaker), canon(g.speaker))
                candidates.append((-coverage, not ok, gi, pi, coverage, ok))
    candidates.sort()
    used_g, used_p, matches = set(), set(), []
    for _, _, gi, pi, coverage, ok in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matches.append((gi, pi, coverage, ok))
    return matches


def _ratio(num: int, den: int) -> float:
    return num / den if den else float("nan")


def _f1(p: float, r: float) -> float:
    """Harmonic mean; 0 when either side is 0 (nothing found, or nothing right), NaN when a
    side is undefined and the other is not 0."""
    if p == 0 or r == 0:
        return 0.0
    if math.isnan(p) or math.isnan(r):
        return float("nan")
    return 2 * p * r / (p + r)


def evaluate_statements(predicted: pd.DataFrame, gold: pd.DataFrame, articles: pd.DataFrame,
                        thresholds: tuple[float, ...] = THRESHOLDS,
                        canonical: Callable[[str], str] | None = None) -> dict:
    """Score `predicted` statements against `gold` on the articles in `articles`.

    Both tables need `article_id`, `speaker`, `type`, `quote` and may give `start`/`end`
    (character offsets into the article's `text`; located by the quote's first occurrence when
    missing). Only articles listed in `articles` are scored: gold on other articles is an
    error, predictions on other articles are ignored and counted in `n_pred_ignored`.
    `canonical` (e.g. `registry_canonical(registry)`) maps both speaker names before they are
    compared; None compares the names as written (plain string rule).

    Returns a dict: `metrics` (DataFrame, one row per threshold and type, type "all" first:
    counts and P/R/F1/accuracy as fractions 0-1, NaN when undefined), `matches` (DataFrame of
    matched pairs per threshold: gold row, prediction row, coverage, speaker_correct),
    `n_articles`, `n_gold`, `n_pred`, `n_pred_ignored`, `thresholds`, `speaker_match`
    ("string" or "registry")."""
    texts = _article_texts(articles)
    gold = _with_offsets(gold, texts, "gold")
    gold["article_id"] = gold["article_id"].astype(str)
    predicted = predicted.copy()
    for col in ("article_id", "speaker", "quote"):
        if col not in predicted.columns:
            if len(predicted):
                raise ValueError(f"predicted statements lack the column {col!r}")
            predicted[col] = pd.Series(dtype=object)
    if "type" not in predicted.columns:
        predicted["type"] = "?"
    predicted["article_id"] = predicted["article_id"].astype(str)
    keep = predicted["article_id"].isin(set(texts))
    n_ignored = int((~keep).sum())
    pred = _with_offsets(predicted[keep.values], texts, "predicted")
    pred_type = pred["type"].astype(str).to_numpy()

    rows, match_rows = [], []
    for t in thresholds:
        gold_matched = pd.Series(False, index=gold.index)
        gold_correct = pd.Series(False, index=gold.index)
        pred_matched = pd.Series(False, index=pred.index)
        pred_correct = pd.Series(False, index=pred.index)
        for article_id in sorted(texts):
            g = gold[gold["article_id"] == article_id]
            p = pred[pred["article_id"] == article_id]
            if g.empty or p.empty:
                continue
            for gi, pi, coverage, ok in _match_article(g, p, t, canonical):
                gold_matched[gi] = pred_matched[pi] = True
                gold_correct[gi] = pred_correct[pi] = ok
                match_rows.append({"threshold": t, "article_id": article_id, "gold_row": int(gi),
                                   "pred_row": int(pi), "coverage": coverage, "speaker_correct": ok})
        groups = [("all", gold.index, pred.index)]
        for typ in TYPES:
            groups.append((typ, gold.index[gold["type"] == typ], pred.index[pred_type == typ]))
        for name, gidx, pidx in groups:
            n_gold, n_pred = len(gidx), len(pidx)
            m_gold, c_gold = int(gold_matched[gidx].sum()), int(gold_correct[gidx].sum())
            m_pred, c_pred = int(pred_matched[pidx].sum()), int(pred_correct[pidx].sum())
            qp, qr = _ratio(m_pred, n_pred), _ratio(m_gold, n_gold)
            pp, pr = _ratio(c_pred, n_pred), _ratio(c_gold, n_gold)
            rows.append({
                "threshold": t, "type": name, "n_gold": n_gold, "n_pred": n_pred,
                "matched_gold": m_gold, "matched_pred": m_pred, "correct_gold": c_gold, "correct_pred": c_pred,
                "quote_precision": qp, "quote_recall": qr, "quote_f1": _f1(qp, qr),
                "pair_precision": pp, "pair_recall": pr, "pair_f1": _f1(pp, pr),
                "attribution_accuracy": _ratio(c_gold, m_gold),
            })
    return {
        "metrics": pd.DataFrame(rows),
        "matches": pd.DataFrame(match_rows, columns=["threshold", "article_id", "gold_row", "pred_row",
                                                     "coverage", "speaker_correct"]),
        "n_articles": len(texts), "n_gold": len(gold), "n_pred": len(pred), "n_pred_ignored": n_ignored,
        "thresholds": list(thresholds),
        "speaker_match": "string" if canonical is None else "registry",
    }


def _pct(x: float) -> str:
    return "   -" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{100 * x:5.1f}"


def format_report(result: dict, title: str = "Statement extraction") -> str:
    """The metrics of `evaluate_statements` as a plain-text table (percentages, one decimal;
    "-" where a ratio is undefined), one block per coverage threshold."""
    m = result["metrics"]
    lines = [f"{title}: {result['n_articles']} articles, {result['n_gold']} gold statements, "
             f"{result['n_pred']} predicted" + (f" ({result['n_pred_ignored']} on other articles ignored)"
                                                if result.get("n_pred_ignored") else "")]
    if result.get("speaker_match") == "registry":
        lines.append("speakers compared as registry actors (aliases mapped to canonical names, then the string rule)")
    else:
        lines.append("speakers compared as written (string rule: folded, surname suffix allowed)")
    header = (f"{'type':<13}{'gold':>6}{'pred':>6}  {'quote P':>7}{'R':>6}{'F1':>6}  "
              f"{'pair P':>7}{'R':>6}{'F1':>6}  {'attr acc':>8}")
    for t in result["thresholds"]:
        lines.append("")
        lines.append(f"coverage >= {t:g}")
        lines.append(header)
        for r in m[m["threshold"] == t].itertuples(index=False):
            lines.append(f"{r.type:<13}{r.n_gold:>6}{r.n_pred:>6}  {_pct(r.quote_precision):>7}{_pct(r.quote_recall):>6}"
                         f"{_pct(r.quote_f1):>6}  {_pct(r.pair_precision):>7}{_pct(r.pair_recall):>6}"
                         f"{_pct(r.pair_f1):>6}  {_pct(r.attribution_accuracy):>8}")
    return "\n".join(lines) + "\n"


def load_articles(path: str | os.PathLike, columns: dict[str, str] | None = None) -> pd.DataFrame:
    """The articles of a corpus file or folder, through quotelens.load.corpus.load_corpus."""
    from quotelens.load.corpus import load_corpus

    return load_corpus([path], columns=columns).articles


def metrics_json(result: dict) -> dict:
    """A JSON-ready view of `evaluate_statements`' result (NaN written as null)."""
    def clean(v):
        if isinstance(v, float) and math.isnan(v):
            return None
        if isinstance(v, np.generic):
            return clean(v.item())
        return v
    return {
        "n_articles": result["n_articles"], "n_gold": result["n_gold"], "n_pred": result["n_pred"],
        "n_pred_ignored": result["n_pred_ignored"], "thresholds": result["thresholds"],
        "speaker_match": result.get("speaker_match", "string"),
        "metrics": [{k: clean(v) for k, v in rec.items()} for rec in result["metrics"].to_dict("records")],
    }
