"""The news gold (data/gold/news/, issue 12) as the scorers read it: its statements, its
articles' sources and splits, and the classes of speaker mentions the issue sets targets for.

- **Pronoun mention**: the speaker_mention, lower-cased, is one of `PRONOUNS` (personal and
  possessive pronouns: he, she, they, it, his, her, its, their, him, them, we, I, ...) and is
  not written in capitals ("US" is the United States).
- **Role-noun mention** (`is_role_noun`): a common-noun phrase resolved to a named speaker. All
  of: the mention is not a pronoun; its first word is a determiner or possessive
  (`DETERMINERS`: the, a, an, this, that, these, those, his, her, its, their, our) and a word
  follows it; its head word (the last word before the first preposition: "the head of the
  monitor" -> "head") starts with a lower-case letter, so it is a common noun; the gold
  speaker_kind is not "unnamed" and the speaker has a capitalised word (a name, not a
  description such as "post by an unknown author"); and the mention does not already name
  the speaker (`speakers_agree(mention, speaker)` is false). "The U.N. envoy" for de Mistura and "the
  statement" for the US-led coalition count; "the Syrian Observatory for Human Rights" (a
  name) and "a military source" (kind unnamed) do not.
- **Source** of an article: GUM news, GUM interview, FA-KES or the seed, from its id prefix
  (`GUM_news_`, `GUM_interview_`, `fakes_`) or its `source` field ("seed").
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from quotelens.extract.evaluate import TYPES, GoldFormatError, speakers_agree

SPLITS = ("dev", "test", "all")
SOURCES = ("GUM news", "GUM interview", "FA-KES", "seed")
PRONOUNS = frozenset("he she they it his her its their him them we us our i me my you your".split())
DETERMINERS = frozenset("the a an this that these those his her its their our".split())
_PREPOSITIONS = frozenset("of in at from for by with on to about over under".split())
# the fields of data/gold/news/statements.jsonl the scorer reads
NEWS_FIELDS = ("article_id", "speaker", "speaker_kind", "speaker_mention", "speaker_start", "speaker_end",
               "type", "quote", "start", "end", "quoted_spans", "continuation", "qa")


def looks_like_news_gold(path: str | os.PathLike) -> bool:
    """True when the first record of a gold .jsonl file has the news gold's fields
    (`speaker_mention` and `quoted_spans`); False for the excerpt gold or an unreadable line."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(rec, dict) and "speaker_mention" in rec and "quoted_spans" in rec
    return False


def load_news_gold(path: str | os.PathLike) -> pd.DataFrame:
    """Read data/gold/news/statements.jsonl (format: data/gold/news/README.md).

    Returns one row per statement with the `NEWS_FIELDS` (offsets in characters; `quoted_spans`
    a list of (start, end)) plus `statement_id` and `gold_line` (1-based). Raises
    GoldFormatError naming the file and line for bad JSON, a missing or ill-typed field, an
    unknown type or offsets that are not 0 <= start < end with end - start == len(quote)."""
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
                raise GoldFormatError(f"{where}: expected a JSON object")
            for key in ("article_id", "speaker", "type", "quote"):
                if not isinstance(rec.get(key), str) or not rec[key].strip():
                    raise GoldFormatError(f"{where}: field {key!r} missing or not a non-empty string")
            for key in ("speaker_mention", "speaker_kind"):
                if not isinstance(rec.get(key), str):
                    raise GoldFormatError(f"{where}: field {key!r} missing or not a string")
            if rec["type"] not in TYPES:
                raise GoldFormatError(f"{where}: type {rec['type']!r} is not one of {', '.join(TYPES)}")
            start, end = rec.get("start"), rec.get("end")
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)) \
                    or not 0 <= start < end or end - start != len(rec["quote"]):
                raise GoldFormatError(f"{where}: need integer offsets 0 <= start < end with end - start == len(quote)")
            spans = rec.get("quoted_spans") or []
            if not isinstance(spans, list) or not all(isinstance(s, list) and len(s) == 2 for s in spans):
                raise GoldFormatError(f"{where}: quoted_spans must be a list of [start, end]")
            rows.append({
                "article_id": rec["article_id"], "statement_id": rec.get("statement_id", f"line {lineno}"),
                "speaker": rec["speaker"], "speaker_kind": rec["speaker_kind"],
                "speaker_mention": rec["speaker_mention"],
                # -1 where the statement has no mention of its own, as in the Statements table
                "speaker_start": _offset(rec.get("speaker_start")), "speaker_end": _offset(rec.get("speaker_end")),
                "type": rec["type"], "quote": rec["quote"],
                "start": start, "end": end, "quoted_spans": [tuple(s) for s in spans],
                "continuation": bool(rec.get("continuation")), "qa": bool(rec.get("qa")), "gold_line": lineno,
            })
    df = pd.DataFrame(rows, columns=[*NEWS_FIELDS, "statement_id", "gold_line"])
    df.attrs["path"] = str(path)
    return df


def annotated_articles(gold_path: str | os.PathLike) -> dict[str, int] | None:
    """The articles the annotators have finished, read from the `annotations/` folder next to
    the gold file: {article_id: number of annotated statements} (0 for an article annotated as
    having none). None when there is no such folder (then every article counts as annotated).
    While the gold is being extended, articles.jsonl can hold articles nobody has annotated
    yet; scoring them would count every prediction there as wrong."""
    folder = Path(gold_path).parent / "annotations"
    if not folder.is_dir():
        return None
    counts = {}
    for path in sorted(folder.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            counts[path.stem] = sum(1 for line in fh if line.strip())
    return counts


def stale_articles(gold: pd.DataFrame, annotated: dict[str, int] | None) -> list[str]:
    """Articles whose number of statements in the built gold differs from their annotation
    file (statements.jsonl not rebuilt since the annotations changed); [] when in step."""
    if annotated is None:
        return []
    built = gold["article_id"].astype(str).value_counts().to_dict()
    return sorted(a for a in set(annotated) | set(built) if annotated.get(a, 0) != built.get(a, 0))


def scorable_articles(gold_path: str | os.PathLike, gold: pd.DataFrame) -> tuple[set[str] | None, list[str]]:
    """The articles a score should cover: those annotated (`annotated_articles`) whose built
    gold is in step with their annotation file, and the list of those left out as stale.
    (None, []) when the gold has no annotations folder: every article is scored."""
    annotated = annotated_articles(gold_path)
    if annotated is None:
        return None, []
    stale = stale_articles(gold, annotated)
    return set(annotated) - set(stale), stale


def _offset(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


def article_source(article_id: str, source: str = "") -> str:
    """The news gold source an article belongs to: "GUM news", "GUM interview", "FA-KES",
    "seed", or "other" (decided by the id prefix, else the `source` field)."""
    article_id, source = str(article_id), str(source or "")
    if article_id.startswith("GUM_news_"):
        return "GUM news"
    if article_id.startswith("GUM_interview_"):
        return "GUM interview"
    if article_id.startswith("fakes_") or source.startswith("fa-kes"):
        return "FA-KES"
    return "seed" if source == "seed" else "other"


def is_pronoun(mention) -> bool:
    """True when a speaker mention is a personal or possessive pronoun ("he", "It", "their",
    "I"); written in capitals it is a name ("US" is the United States)."""
    if not isinstance(mention, str):
        return False
    word = mention.strip()
    return word.lower() in PRONOUNS and (word == "I" or word[1:] == word[1:].lower())


def is_common_noun_phrase(mention) -> bool:
    """True when a mention starts with a determiner or possessive and its head word (the last
    word before the first preposition) starts with a lower-case letter: "the envoy", "The U.N.
    envoy", "the head of the monitor"; not "the Pentagon", not "he"."""
    if not isinstance(mention, str) or is_pronoun(mention):
        return False
    words = mention.split()
    if len(words) < 2 or words[0].casefold() not in DETERMINERS:
        return False
    head = words[1]
    for word in words[1:]:
        if word.casefold() in _PREPOSITIONS:
            break
        head = word
    return head[:1].islower()


def is_role_noun(mention, speaker, speaker_kind: str = "") -> bool:
    """True when a gold speaker mention is a common-noun phrase resolved to a named speaker
    (the module docstring gives the rule)."""
    if speaker_kind == "unnamed" or not is_common_noun_phrase(mention):
        return False
    if not any(word[:1].isupper() for word in str(speaker).split()):
        return False  # resolved to a description ("post by an unknown author"), not to a name
    return not speakers_agree(mention, speaker)


def mention_class(mention, speaker, speaker_kind: str = "") -> str:
    """"pronoun", "role_noun" or "" for a gold statement's speaker mention."""
    if is_pronoun(mention):
        return "pronoun"
    return "role_noun" if is_role_noun(mention, speaker, speaker_kind) else ""


def select_split(articles: pd.DataFrame, split: str) -> pd.DataFrame:
    """The articles of one split ("dev", "test") or all of them ("all"). Raises ValueError for an
    unknown split, or when a split is asked of articles without a `split` column."""
    if split not in SPLITS:
        raise ValueError(f"--split must be one of {', '.join(SPLITS)}, got {split!r}")
    if split == "all":
        return articles
    if "split" not in articles.columns:
        raise ValueError(f"--split {split}: the articles have no `split` field (the news gold's articles do)")
    return articles[articles["split"].astype(str) == split]
