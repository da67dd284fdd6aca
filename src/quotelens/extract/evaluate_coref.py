"""Check pronoun and role-noun resolution against GUM's coreference marks (issue 12).

GUM (Zeldes 2017) marks every entity mention of its documents with an entity number; mentions
with the same number refer to the same thing. `scripts/build_gum_coreference.py` aligned the
mentions of the 43 GUM Wikinews documents of the news gold to their article texts
(data/gold/gum_coreference.jsonl: entity, type, offsets, words, the part of speech of the
mention's head and its proper-name parts).

For each statement in a GUM article whose speaker mention (`speaker_start`/`speaker_end`) is
a pronoun or a common-noun phrase, the check asks: is the resolved `speaker` a name GUM gives
that mention's entity anywhere in the document?

- **Mention alignment**: the GUM mention with exactly the statement's mention span; otherwise
  the overlapping GUM mention with the largest overlap / union of characters, if that is at
  least 0.5 (ties to the shorter). Statements whose mention aligns with nothing are counted as
  `unaligned`, not scored.
- **Kind**, from the mention text as in the news gold (quotelens.extract.news_gold): "pronoun"
  (`is_pronoun`: he, she, it, they, ...) or "role_noun" (`is_common_noun_phrase`: a determiner
  or possessive and a lower-case head word, "the envoy", "the U.N. envoy"). Other mentions
  (names, bare plurals) are not checked.
- **Names of the entity** (`entity_names`): its mentions whose head is a proper noun, whole
  and their proper-name parts (runs of proper nouns not inside a smaller mention of another
  entity), and of its other mentions the name part that ends the mention (an apposition such as
  "director General Suleiman al-Amr"). An entity without any name (only "the company",
  "they") is counted as `no_name`, not scored.
- **Right**: `speakers_agree` between the resolved speaker and any of those names (optionally
  both mapped through an actor registry first, `canonical=`).

Accuracy = right / scored, reported separately for pronouns and role nouns and for the dev and
test documents. The same check run on the news gold's own speakers shows how far the
annotators' readings and GUM's coreference agree, which bounds what the extractor can reach.
"""

from __future__ import annotations

import json
import math
import os
from typing import Callable

import pandas as pd

from quotelens.extract.article import ArticleState
from quotelens.extract.evaluate import speakers_agree
from quotelens.extract.lexicon.pronouns import PRONOUNS
from quotelens.extract.lexicon.speaker_heads import ORG_ROLES, PERSON_ROLES
from quotelens.extract.news_gold import is_common_noun_phrase, is_pronoun
from quotelens.extract.statements import run_passes

COREF_FIELDS = ("article_id", "entity", "etype", "start", "end", "words", "head_pos", "names")
KINDS = ("pronoun", "role_noun")
MIN_OVERLAP = 0.5  # overlap / union of characters for a mention that is not an exact match
_DEFINITE = ("the", "his", "her", "its", "their")


def load_coreference(path: str | os.PathLike) -> pd.DataFrame:
    """Read data/gold/gum_coreference.jsonl: one row per GUM entity mention with `COREF_FIELDS`
    (offsets are characters into the article text; `names` a list of [start, end])."""
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    missing = [f for f in COREF_FIELDS if rows and f not in rows[0]]
    if missing:
        raise ValueError(f"{path}: not a GUM coreference file (no field {missing[0]!r})")
    return pd.DataFrame(rows, columns=list(COREF_FIELDS))


def aligned_mention(mentions: pd.DataFrame, start: int, end: int):
    """The GUM mention (a row of `mentions`, one document's) that a speaker mention at
    [start, end) corresponds to, by the rule in the module docstring; None if there is none."""
    exact = mentions[(mentions["start"] == start) & (mentions["end"] == end)]
    if len(exact):
        return exact.iloc[0]
    overlap = (mentions["end"].clip(upper=end) - mentions["start"].clip(lower=start)).clip(lower=0)
    union = mentions["end"].clip(lower=end) - mentions["start"].clip(upper=start)
    score = overlap / union
    best = score[score >= MIN_OVERLAP]
    if best.empty:
        return None
    length = (mentions["end"] - mentions["start"])[best.index]
    order = sorted(best.index, key=lambda i: (-best[i], length[i], i))
    return mentions.loc[order[0]]


def entity_names(mentions: pd.DataFrame, entity: int, text: str) -> list[str]:
    """The names GUM gives `entity` in one document, as written in `text` (no repeats, text
    order): its name mentions (head a proper noun) whole and their proper-name parts, and of
    its other mentions the name part that ends the mention ("director General Suleiman
    al-Amr" gives "General Suleiman al-Amr"; "Scientology officials" gives nothing, since
    "Scientology" only modifies "officials")."""
    names: list[str] = []
    for m in mentions[mentions["entity"] == entity].itertuples(index=False):
        spans = [(s, e) for s, e in m.names if m.head_pos == "PROPN" or e == m.end]
        if m.head_pos == "PROPN" and spans:
            spans.append((m.start, m.end))  # "the Union of Rationalist Atheists and Agnostics" whole
        for s, e in spans:
            if text[s:e] not in names:
                names.append(text[s:e])
    return names


def check_statements(statements: pd.DataFrame, coref: pd.DataFrame, articles: pd.DataFrame,
                     canonical: Callable[[str], str] | None = None) -> pd.DataFrame:
    """One row per statement in a GUM article with a pronoun or common-noun speaker mention:
    article_id, split, kind, mention, speaker, entity (GUM's number, <NA> if unaligned), names
    (the entity's names joined by " | "), status ("right", "wrong", "unaligned", "no_name")."""
    id_col = "article_id" if "article_id" in articles.columns else "id"
    texts = {str(a): t for a, t in zip(articles[id_col], articles["text"])}
    splits = dict(zip(articles[id_col].astype(str), articles["split"])) if "split" in articles.columns else {}
    by_doc = {doc: m.reset_index(drop=True) for doc, m in coref.groupby("article_id")}
    canon = canonical or (lambda name: name)
    rows = []
    for st in statements.itertuples(index=False):
        doc = str(st.article_id)
        s0, s1 = int(st.speaker_start), int(st.speaker_end)
        if doc not in by_doc or doc not in texts or s0 < 0 or s1 <= s0:
            continue
        text, mentions = texts[doc], by_doc[doc]
        mention = text[s0:s1]
        if is_pronoun(mention):
            kind = "pronoun"
        elif is_common_noun_phrase(mention):
            kind = "role_noun"
        else:
            continue
        gum = aligned_mention(mentions, s0, s1)
        names = entity_names(mentions, int(gum["entity"]), text) if gum is not None else []
        if gum is None:
            status = "unaligned"
        elif not names:
            status = "no_name"
        else:
            ok = any(speakers_agree(canon(st.speaker), canon(n)) for n in names)
            status = "right" if ok else "wrong"
        rows.append({"article_id": doc, "split": splits.get(doc, ""), "kind": kind, "mention": mention,
                     "speaker": st.speaker, "entity": None if gum is None else int(gum["entity"]),
                     "names": " | ".join(names), "status": status})
    out = pd.DataFrame(rows, columns=["article_id", "split", "kind", "mention", "speaker", "entity", "names", "status"])
    out["entity"] = out["entity"].astype("Int64")
    return out


def summarise(checked: pd.DataFrame) -> pd.DataFrame:
    """Counts and accuracy per split (dev, test, all) and kind: n (statements with such a
    mention), unaligned, no_name, scored, right, accuracy = right / scored (NaN if none)."""
    rows = []
    for split in ("dev", "test", "all"):
        part = checked if split == "all" else checked[checked["split"] == split]
        for kind in KINDS:
            k = part[part["kind"] == kind]["status"]
            scored = int(k.isin(["right", "wrong"]).sum())
            right = int((k == "right").sum())
            rows.append({"split": split, "kind": kind, "n": len(k), "unaligned": int((k == "unaligned").sum()),
                         "no_name": int((k == "no_name").sum()), "scored": scored, "right": right,
                         "accuracy": right / scored if scored else float("nan")})
    return pd.DataFrame(rows)


def format_coref_summary(summary: pd.DataFrame, title: str) -> str:
    """A summary table from `summarise` as plain text (accuracy in percent)."""
    lines = [title, f"{'split':<6}{'mention':<11}{'n':>5}{'unaligned':>11}{'no name':>9}{'scored':>8}"
                    f"{'right':>7}{'accuracy':>10}"]
    for r in summary.itertuples(index=False):
        acc = "-" if math.isnan(r.accuracy) else f"{100 * r.accuracy:.1f}"
        kind = "role noun" if r.kind == "role_noun" else r.kind
        lines.append(f"{r.split:<6}{kind:<11}{r.n:>5}{r.unaligned:>11}{r.no_name:>9}{r.scored:>8}{r.right:>7}{acc:>10}")
    return "\n".join(lines) + "\n"


def summary_json(summary: pd.DataFrame) -> list[dict]:
    """The summary rows as JSON-ready dicts (NaN accuracy as None)."""
    return [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in rec.items()}
            for rec in summary.to_dict("records")]


def check_mentions(articles: pd.DataFrame, coref: pd.DataFrame, registry=None,
                   canonical: Callable[[str], str] | None = None) -> pd.DataFrame:
    """Every pronoun and role noun GUM marks for a named person or organisation outside quote
    marks, resolved by the extractor, whether or not it speaks: a wider sample than the
    speakers' mentions of `check_statements`. Each GUM article is extracted first (so the
    resolver knows the speakers), then each mention is resolved where it stands: "he", "she",
    "it", "they" (head a pronoun) by the resolver's antecedent rule, and a definite common-noun
    phrase (the, his, her, its, their) whose head is a person or organisation role word ("the mayor", "the company", head a
    noun, `is_common_noun_phrase`) as a speaker phrase. One row per mention: article_id,
    split, kind, mention, start, speaker ("" when unresolved), names, status ("right",
    "wrong", "unresolved", "no_name"); right as in `check_statements`."""
    id_col = "article_id" if "article_id" in articles.columns else "id"
    canon = canonical or (lambda name: name)
    rows = []
    for doc, mentions in coref.groupby("article_id"):
        match = articles[articles[id_col].astype(str) == str(doc)]
        if match.empty:
            continue
        rec = match.iloc[0]
        text = rec["text"]
        title = rec["title"] if isinstance(rec.get("title"), str) else ""
        art = ArticleState(text, str(doc), registry, title=title or None)
        run_passes(art, [title] if title else [])
        resolver = art.resolver
        mentions = mentions.reset_index(drop=True)
        for m in mentions.itertuples(index=False):
            words = text[m.start:m.end]
            if m.etype not in ("person", "organization") or resolver.entities.in_quote(m.start):
                continue
            if m.head_pos == "PRON" and words.lower() in PRONOUNS:
                kind = "pronoun"
            elif m.head_pos == "NOUN" and is_common_noun_phrase(words) and words.split()[0].lower() in _DEFINITE \
                    and _role_head(words) in PERSON_ROLES | ORG_ROLES:
                # definite only: "a writer", "an artist" describe, they do not refer back
                kind = "role_noun"
            else:
                continue
            names = entity_names(mentions, int(m.entity), text)
            if kind == "pronoun":
                res = resolver.antecedent(words.lower(), m.start)
            else:
                res = resolver.resolve([(m.start, m.end)], pronouns=False)
            speaker = res.speaker if res is not None else ""
            if not names:
                status = "no_name"
            elif not speaker:
                status = "unresolved"
            else:
                status = "right" if any(speakers_agree(canon(speaker), canon(n)) for n in names) else "wrong"
            rows.append({"article_id": str(doc), "split": rec.get("split", ""), "kind": kind, "mention": words,
                         "start": int(m.start), "speaker": speaker, "names": " | ".join(names), "status": status})
    return pd.DataFrame(rows, columns=["article_id", "split", "kind", "mention", "start", "speaker", "names", "status"])


def _role_head(phrase: str) -> str:
    """The head word of a common-noun phrase, lower case: the last word before the first
    preposition ("the head of the monitor" -> "head")."""
    head = ""
    for word in phrase.split()[1:]:
        if word.lower() in ("of", "in", "at", "from", "for", "by", "with", "on", "to"):
            break
        head = word
    return head.lower().strip(",.")


def summarise_mentions(checked: pd.DataFrame) -> pd.DataFrame:
    """Counts and accuracy per split (dev, test, all) and kind for `check_mentions`: n,
    no_name, unresolved, scored (right + wrong + unresolved: a mention left unresolved counts
    as a miss), right, accuracy = right / scored (NaN if none)."""
    rows = []
    for split in ("dev", "test", "all"):
        part = checked if split == "all" else checked[checked["split"] == split]
        for kind in KINDS:
            k = part[part["kind"] == kind]["status"]
            scored = int(k.isin(["right", "wrong", "unresolved"]).sum())
            right = int((k == "right").sum())
            rows.append({"split": split, "kind": kind, "n": len(k), "no_name": int((k == "no_name").sum()),
                         "unresolved": int((k == "unresolved").sum()), "scored": scored, "right": right,
                         "accuracy": right / scored if scored else float("nan")})
    return pd.DataFrame(rows)


def format_mentions_summary(summary: pd.DataFrame, title: str) -> str:
    """A summary table from `summarise_mentions` as plain text (accuracy in percent)."""
    lines = [title, f"{'split':<6}{'mention':<11}{'n':>5}{'no name':>9}{'unresolved':>12}{'scored':>8}"
                    f"{'right':>7}{'accuracy':>10}"]
    for r in summary.itertuples(index=False):
        acc = "-" if math.isnan(r.accuracy) else f"{100 * r.accuracy:.1f}"
        kind = "role noun" if r.kind == "role_noun" else r.kind
        lines.append(f"{r.split:<6}{kind:<11}{r.n:>5}{r.no_name:>9}{r.unresolved:>12}{r.scored:>8}{r.right:>7}{acc:>10}")
    return "\n".join(lines) + "\n"
