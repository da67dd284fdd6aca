"""Build data/gold/articles.jsonl, the corpus the statement gold refers to.

    python scripts/build_gold_corpus.py --select   # (re)write data/gold/picks.json by the documented procedure
    python scripts/build_gold_corpus.py            # build data/gold/articles.jsonl from picks.json

The selection procedure is described in data/gold/README.md ("How the texts were chosen"): a
seeded sample of FA-KES articles stratified by source, targeted FA-KES picks per layout and
speaker kind, and NewsMTSC sentences with quotas per layout. Excerpts are contiguous, byte-exact
spans of the raw text; the build refuses a pick whose span no longer matches its recorded sha256.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys

import numpy as np
import pandas as pd

from quotelens.load.corpus import read_seed_file
from quotelens.config import FAKES_CSV, GOLD_DIR, NEWSMTSC_DIR, SEEDS_DIR, relative
from quotelens.tables import write_text

SEED = 20261128
SEED_ID = "000_aff2fd669e79066c"
EXCERPT_SENTENCES = 8
WHOLE_BODY_MAX_SENTENCES = 10
# Sources with at least this many eligible articles contribute two stratified picks, others one.
STRATIFIED_TWO_MIN = 20
PICKS_PATH = GOLD_DIR / "picks.json"
ARTICLES_PATH = GOLD_DIR / "articles.jsonl"
NEWSMTSC_TRAIN = NEWSMTSC_DIR / "train.jsonl"

# A sentence ends at . ? ! (optionally followed by a closing quote) before whitespace and a capital
# letter or an opening quote; "U.S." style initials and common titles do not end a sentence.
_SENTENCE_END = re.compile(r"(?<![A-Z]\.[A-Z])(?<!\bMr)(?<!\bDr)(?<!\bMs)(?<!\bSt)[.!?]\"?(?=\s+[\"A-Z])")

SPEECH_VERBS = (
    "said says told tells added adds stressed warned urged denied rejected dismissed accused blamed "
    "called ruled announced noted claimed insisted reported stated declared explained pointed asserted "
    "argued affirmed confirmed revealed alleged acknowledged admitted asked replied responded vowed pledged "
    "promised threatened demanded condemned denounced criticized criticised described expressed voiced "
    "reiterated wrote tweeted quoted indicated"
).split()
_CUE = re.compile(r"\"|\baccording to\b|\b(?:" + "|".join(SPEECH_VERBS) + r")\b", re.I)

_NAME = r"(?:[A-Z][\w'.-]*\s){1,4}"
_SAID = r"(?:said|says|added|told)"
FAKES_PATTERNS: list[tuple[str, str]] = [
    ("q_x_said", r"\"[^\"]{10,}\"\s+(?:the\s+)?" + _NAME + _SAID),
    ("q_said_x", r"\"[^\"]{10,}\"\s+" + _SAID + r"\s+(?:the\s+)?[A-Z]"),
    ("x_said_colon_q", r"\b(?:said|says|added|stressed|told \w+):\s*\""),
    ("x_said_q", r"\b(?:said|says|added|stressed|warned)\s+\""),
    ("split", r"\"[^\"]{5,}\"\s+[^\".]{1,60}\b(?:said|says|added)\s+\""),
    ("multi_sentence_quote", r"\"[^\"]*[a-z][.!?]\s+[A-Z][^\"]*\""),
    ("q_dash_x", r"\"\s+[-\u2013\u2014]\s+[A-Z]"),
    ("x_colon_q", r"\b[A-Z]\w+:\s+\""),
    ("according_to_first", r"(?:^|[.!?]\"?\s)According to\s"),
    ("according_to_after", r"[a-z]\s+according to\s"),
    ("verb_stressed", r"\bstressed\b"),
    ("verb_warned", r"\bwarned\b"),
    ("verb_urged", r"\burged\b"),
    ("verb_denied", r"\bdenied\b"),
    ("verb_accused", r"\baccused\b"),
    ("verb_called_on", r"\bcalled (?:on|for)\b"),
    ("verb_ruled_out", r"\bruled out\b"),
    ("verb_announced", r"\bannounced\b"),
    ("verb_claimed", r"\bclaimed\b"),
    ("verb_insisted", r"\binsisted\b"),
    ("verb_pointed_out", r"\bpointed out\b"),
    ("verb_vowed", r"\bvowed\b"),
    ("speaker_he", r"\bhe (?:said|added|told)\b"),
    ("speaker_she", r"\bshe (?:said|added|told)\b"),
    ("speaker_they", r"\bthey (?:said|added|told)\b"),
    ("speaker_the_envoy", r"\b[Tt]he (?:\w+ )?envoy (?:said|added|told|stressed)"),
    ("speaker_the_minister", r"\b[Tt]he (?:\w+ )?minister (?:said|added|told|stressed)"),
    ("speaker_the_spokesman", r"\b[Tt]he spokes(?:man|woman) (?:said|added|told)"),
    ("speaker_the_ministry", r"\b[Tt]he ministry (?:said|added|stated|reported)"),
    ("speaker_sohr", r"(?:Observatory|SOHR) (?:said|reported)"),
    ("speaker_sana", r"\bSANA (?:said|reported)"),
    ("speaker_moscow", r"\bMoscow (?:said|says|has said)"),
    ("speaker_pentagon", r"\bPentagon (?:said|says)"),
    ("apposition", r"\b(?:spokesman|spokeswoman|minister|envoy|ambassador) [A-Z][\w-]+ (?:[A-Z][\w-]+ )?(?:said|told)"),
]

_NEWS_QUOTE = re.compile(r"[\"\u201c\u201d\u2018\u2019\u00ab\u00bb]")
NEWSMTSC_PATTERNS: list[tuple[str, str, int]] = [
    # (layout, regex, quota)
    ("q_tag_after", r"[,.!?]\s*[\u201d\"]\s*,?\s*(?:[A-Z][\w.'-]*\s){0,4}(?:said|says|told|added|wrote)\b", 10),
    ("q_said_x", r"[,!?]\s*[\u201d\"]\s*(?:said|says|added|wrote)\s+[A-Z]", 5),
    ("tag_before_q", r"\b(?:said|says|told \w+|added|wrote|tweeted|stated|declared)[:,]?\s*[\u201c\"][A-Z]", 8),
    ("mixed", r"\b(?:said|says|called|described|claimed|warned|accused)\b[^\u201c\"]{0,80}[\u201c\"][a-z]", 8),
    ("reported", r"\b(?:said|says|told|warned|claimed|insisted|argued|denied|announced|accused|urged)\b(?!.*[\u201c\u201d\"])", 12),
    ("according_to", r"\b[Aa]ccording to\b", 7),
    # Added after the first selection: FA-KES and the quotas above gave no split quote, no
    # "Q" - X and no X: "Q"; appending keeps every earlier pick unchanged.
    ("split", r"[,]\s*[\u201d\"]\s*(?:[A-Z][\w.'-]*\s){1,4}(?:said|says|added)\s*[,.]\s*[\u201c\"]", 6),
    ("q_dash_x", r"[\u201d\"]\s*[\u2014\u2013-]{1,2}\s*[A-Z]", 3),
    ("x_colon_q", r"\b[A-Z][a-z]+:\s*[\u201c\"][A-Z]", 3),
]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in characters: a plain regex, enough for cutting excerpts."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if e > s]


def seed_body() -> tuple[str, str, list[str]]:
    """(title, body, further headlines) of the seed article, as quotelens.load.corpus reads it."""
    seed = read_seed_file(SEEDS_DIR / f"{SEED_ID}.txt")
    return seed["title"], seed["text"], list(seed["headlines"])


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _fakes() -> pd.DataFrame:
    """FA-KES rows with their 0-based data row number in `row`; a repeated unit_id keeps its first row
    (a few unit_ids occur several times in the CSV)."""
    df = pd.read_csv(FAKES_CSV, dtype={"unit_id": str}, keep_default_na=False)
    df["row"] = range(len(df))
    return df.drop_duplicates("unit_id", keep="first").reset_index(drop=True)


def _excerpt(text: str, sentences: list[tuple[int, int]], hit: int) -> tuple[int, int]:
    """Character span of the excerpt around the character position `hit`."""
    if len(sentences) <= WHOLE_BODY_MAX_SENTENCES:
        return sentences[0][0], sentences[-1][1]
    idx = next(i for i, (s, e) in enumerate(sentences) if s <= hit < e or hit < s)
    first = max(1 if idx >= 1 else 0, idx - 1)  # sentence 0 is the date+headline line
    first = min(first, len(sentences) - EXCERPT_SENTENCES)
    last = first + EXCERPT_SENTENCES - 1
    return sentences[first][0], sentences[last][1]


def select() -> dict:
    """The documented, deterministic selection procedure; returns the picks."""
    fakes = _fakes()
    order = np.random.default_rng(SEED).permutation(len(fakes))
    fakes = fakes.iloc[order].reset_index(drop=True)
    picks: list[dict] = []
    used: set[str] = set()

    def add(row, hit: int, rule: str) -> None:
        text = row.article_content
        start, end = _excerpt(text, split_sentences(text), hit)
        picks.append({"source_set": "fakes", "unit_id": row.unit_id, "row": int(row.row), "start": start, "end": end,
                      "rule": rule, "sha256": _sha(text[start:end])})
        used.add(row.unit_id)

    texts = dict(zip(fakes.unit_id, fakes.article_content))

    def excerpts():
        return [texts[p["unit_id"]][p["start"]:p["end"]] for p in picks]

    eligible = fakes[fakes.article_content.map(lambda t: bool(_CUE.search(t)))]
    for source, group in sorted(eligible.groupby("source"), key=lambda kv: kv[0]):
        quota = 2 if len(group) >= STRATIFIED_TWO_MIN else 1
        for row in group.head(quota).itertuples():
            text = row.article_content
            sentences = split_sentences(text)
            body_start = sentences[1][0] if len(sentences) > 1 else 0
            m = _CUE.search(text, body_start) or _CUE.search(text)
            add(row, m.start(), f"stratified:{source}")
    for layout, pattern in FAKES_PATTERNS:
        rx = re.compile(pattern)
        if any(rx.search(excerpt) for excerpt in excerpts()):
            continue  # an excerpt picked so far already shows this layout
        for row in fakes.itertuples():
            if row.unit_id in used:
                continue
            m = rx.search(row.article_content)
            if m:
                add(row, m.start(), f"targeted:{layout}")
                break

    lines = NEWSMTSC_TRAIN.read_text(encoding="utf-8").splitlines()
    news_order = np.random.default_rng(SEED).permutation(len(lines))
    taken: set[int] = set()
    for layout, pattern, quota in NEWSMTSC_PATTERNS:
        rx = re.compile(pattern)
        n = 0
        for i in news_order:
            if n >= quota:
                break
            if int(i) in taken:
                continue
            sentence = json.loads(lines[i])["sentence_normalized"]
            if rx.search(sentence):
                picks.append({"source_set": "newsmtsc", "line": int(i) + 1, "rule": f"newsmtsc:{layout}",
                              "sha256": _sha(sentence)})
                taken.add(int(i))
                n += 1
    return {"seed": SEED, "excerpt_sentences": EXCERPT_SENTENCES, "picks": picks}


def build(picks: dict) -> list[dict]:
    """Article records for every pick (seed first), each with its provenance in `origin`."""
    title, body, headlines = seed_body()
    records = [{"id": SEED_ID, "title": title, "text": body, "source": "seed", "date": None, "url": None,
                "origin": f"{relative(SEEDS_DIR / (SEED_ID + '.txt'))} (body after the three headline lines)",
                "layouts": ["seed"]}]
    fakes = _fakes().set_index("unit_id")
    lines = NEWSMTSC_TRAIN.read_text(encoding="utf-8").splitlines()
    for pick in picks["picks"]:
        if pick["source_set"] == "fakes":
            row = fakes.loc[pick["unit_id"]]
            text = row.article_content[pick["start"]:pick["end"]]
            origin = f"FA-KES unit_id {pick['unit_id']} (data row {pick['row']}) chars {pick['start']}-{pick['end']}"
            rec = {"id": f"fakes_{pick['unit_id']}_{pick['start']}", "title": row.article_title, "text": text,
                   "source": row.source, "date": row.date, "url": None}
        else:
            item = json.loads(lines[pick["line"] - 1])
            text = item["sentence_normalized"]
            origin = f"NewsMTSC train.jsonl line {pick['line']} primary_gid {item['primary_gid']}"
            rec = {"id": f"newsmtsc_{pick['line']}", "title": "", "text": text, "source": "newsmtsc",
                   "date": None, "url": None}
        if _sha(text) != pick["sha256"]:
            raise SystemExit(f"{PICKS_PATH}: pick {pick} no longer matches the raw text (sha256 differs)")
        rec["origin"] = origin
        rec["layouts"] = [pick["rule"]]
        records.append(rec)
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--select", action="store_true", help="rewrite picks.json by the selection procedure")
    args = parser.parse_args(argv)
    if args.select:
        write_text(PICKS_PATH, json.dumps(select(), indent=1, ensure_ascii=False) + "\n")
    picks = json.loads(PICKS_PATH.read_text(encoding="utf-8"))
    records = build(picks)
    write_text(ARTICLES_PATH, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    print(f"{len(records)} articles -> {relative(ARTICLES_PATH)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
