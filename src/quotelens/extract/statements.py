"""Who said what: rule-based statement extraction and speaker attribution.

One article goes through this pipeline (`run_passes`), each step in its own module:

1. find quotes        extract.quotes: quoted spans, found when the ArticleState
                      (extract.article) is made, with the article's sentences
2. find cues          extract.cues: speech verbs (extract.speech_verbs) and "according to",
                      searched by each pass in its own part of the text
3. assemble statements, pass by pass, each writing into the ArticleState:
   a. direct quotes with the speaker next to them        extract.direct
   b. "according to X"                                   extract.according
   c. reported speech around every other speech verb    extract.reported
      and around nouns of speech ("X's requests to ...")  extract.noun_cues
   d. leftover quotes (continued paragraphs, fragments)  extract.leftover
   e. reported speech nested inside reported speech      extract.reported, again
   f. quotes repeated from the headline                  extract.leftover
4. resolve speakers   in text order, so "he" and "the envoy" find the speaker before them:
                      extract.article.resolve_speakers with extract.resolution
                      (speaker phrases from extract.speaker_phrases)
5. name speakers across the article: a role noun named by the next speaker, extract.naming

Over a whole table, unregistered speakers then get one name per person across the corpus
(extract.naming.canonicalise_unknown). Word lists: extract.lexicon.

Offsets are into the original text; every statement satisfies text[start:end] == quote.
`speaker_start`/`speaker_end` locate the speaker mention in the text (a pronoun or role noun
is its own mention, with the antecedent's offset in `resolved_from`); both are -1 and
`speaker_mention` is "" when the statement has no mention of its own (continued quotes), and
`resolved_from` then points at the statement it continues.

Reads: the Articles table (or one article's text) and an actor registry. Writes: the
Statements table (docs/contracts.md).
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from quotelens.contracts import STATEMENT_COLUMNS
from quotelens.extract.according import find_according_to
from quotelens.extract.article import (  # noqa: F401  (CONF and the sentence bound re-exported)
    CONF, MAX_SENTENCE_CHARS, SPEAKER_PENALTY, ArticleState, bounded_sentences, resolve_speakers,
)
from quotelens.extract.direct import find_direct_quotes
from quotelens.extract.interview import find_interview_answers
from quotelens.extract.leftover import attach_leftover_quotes, mark_headline_quotes
from quotelens.extract.noun_cues import find_noun_cues
from quotelens.extract.naming import canonicalise_unknown, name_speakers, unknown_speakers
from quotelens.extract.registry import as_registry
from quotelens.extract.reported import find_reported

__all__ = [
    "CONF", "MAX_SENTENCE_CHARS", "SPEAKER_PENALTY", "STATEMENT_COLUMNS", "as_registry", "bounded_sentences",
    "canonicalise_unknown", "extract_article_statements", "extract_statements", "run_passes", "unknown_speakers",
]


def run_passes(art: ArticleState, headlines: Iterable[str]) -> list[dict]:
    """The extraction pipeline over one article (`art` found its quotes when it was made):
    assemble statements pass by pass, resolve their speakers in text order, then name speakers
    across the article. `headlines` are the title and headlines, whose quotes flag body
    statements. Returns the statement dicts, sorted by start offset (characters)."""
    if not art.text.strip():
        return []
    find_interview_answers(art, headlines)
    find_direct_quotes(art)
    find_according_to(art)
    find_reported(art)
    find_noun_cues(art)
    attach_leftover_quotes(art)
    # reported speech nested in reported speech, each level with its own cue and speaker
    with art.nested_speech():
        find_reported(art)
        find_noun_cues(art)
    mark_headline_quotes(art, headlines)
    statements = resolve_speakers(art)
    name_speakers(art.text, statements)
    return statements


def extract_article_statements(text: str, article_id: str = "", registry=None, title: str = "",
                               headlines: Iterable[str] = (), source: str | None = None,
                               furniture=None) -> list[dict]:
    """Statements of one article as dicts with the Statements contract's fields (docs/contracts.md)
    plus speaker_kind, speaker_side, in_registry, resolved_from and in_headline.

    `registry` is a Registry, a path to a registry YAML, or None for no registry (`as_registry`).
    `source` (the outlet) and `title` help find page furniture, which never speaks; `furniture`
    gives it instead (the Articles table's column, quotelens.load.boilerplate.format_furniture).
    Offsets (start, end, speaker_start, speaker_end, resolved_from) are characters into `text`;
    confidence is on [0, 1]. Never raises on odd text (unclosed quotes lower the confidence)."""
    reg = as_registry(registry)
    art = ArticleState(text if isinstance(text, str) else "", str(article_id), reg,
                       title=title if isinstance(title, str) else None,
                       source=source if isinstance(source, str) else None, furniture=furniture)
    heads = [title] if title else []
    heads += [h for h in (headlines if headlines is not None else ()) if isinstance(h, str)]
    return run_passes(art, heads)


def extract_statements(articles: pd.DataFrame, registry=None, canonicalise: bool = True) -> pd.DataFrame:
    """Statements of every article of an Articles table (docs/contracts.md: article_id, text,
    optional title and headlines). Article columns the contract does not name (source, date,
    url, title, ...) are joined onto each statement when they do not clash with a statement
    column. Rows are ordered by article (input order) then start offset.

    canonicalise: name unknown speakers across the table (`canonicalise_unknown`). The chunked
    pipeline passes False and applies it once to the whole corpus, since a chunk alone cannot
    tell whether a bare surname belongs to one person or several."""
    reg = as_registry(registry)
    rows: list[dict] = []
    has_title = "title" in articles.columns
    has_heads = "headlines" in articles.columns
    sources = articles["source"].tolist() if "source" in articles.columns else None
    furniture = articles["furniture"].tolist() if "furniture" in articles.columns else None
    # A dated article sees each registry role held by whoever held it on that day (docs/registry.md).
    dates = articles["date"].tolist() if "date" in articles.columns else None
    ids = articles["article_id"].astype(str).tolist() if "article_id" in articles.columns else [str(i) for i in range(len(articles))]
    for i, text in enumerate(articles["text"].tolist()):
        title = articles["title"].iat[i] if has_title else ""
        heads = articles["headlines"].iat[i] if has_heads else ()
        heads = list(heads) if heads is not None and not isinstance(heads, str) else ([heads] if isinstance(heads, str) else [])
        article_reg = reg.on(dates[i]) if dates is not None and reg is not None else reg
        rows.extend(extract_article_statements(text, ids[i], article_reg, title if isinstance(title, str) else "", heads,
                                               source=sources[i] if sources is not None else None,
                                               furniture=furniture[i] if furniture is not None else None))
    df = pd.DataFrame(rows, columns=STATEMENT_COLUMNS)
    if canonicalise:
        df = canonicalise_unknown(df)
    for col in ("speaker_start", "speaker_end", "start", "end", "quoted_start", "quoted_end", "paragraph", "sentence",
                "resolved_from"):
        df[col] = df[col].astype("int64")
    df["confidence"] = df["confidence"].astype("float64")
    df["in_registry"] = df["in_registry"].astype(bool)
    df["in_headline"] = df["in_headline"].astype(bool)
    extra = [c for c in articles.columns if c not in df.columns and c not in ("text", "headlines")]
    if extra and len(df):
        side = articles[extra].copy()
        side["article_id"] = ids
        side = side.drop_duplicates("article_id")
        df = df.merge(side, on="article_id", how="left")
    return df
