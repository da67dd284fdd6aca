"""The actors each statement speaks about, and the sentiment it expresses towards each one
(issue 15, item 2): the Targets table.

Which actors: with an actor registry, its canonical names and aliases (`networks.alias_pattern`:
whole words, case-sensitive, possessives count); without one, the names of the corpus's named
speakers and their surnames (`compare.choices.speaker_aliases` makes that mapping), and with
`names_in_text` also every other proper name in the quote, as the project's tagger and chunker
find it (`name_spans`: runs of proper-noun tags inside a base noun phrase, titles in front
dropped, days and months left out), a surname standing for the one full name in the corpus that
ends with it.

The sentiment towards each: `quotelens.sentiment.targets.score_targets` on the sentence of the
quote that holds the mention (quotelens.text.sentence_spans), unmasked: what the statement says
a target did is exactly what its sentiment is about, so topic words stay. A cue right before the
content is read with its first sentence ("accused | the army of shelling ..."): since the scored
span leaves the cue out (issue 14 item 6), the verb that carries the speaker's stance towards the
target would otherwise be lost.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd

from quotelens import config
from quotelens.compare.choices import mention_aliases
from quotelens.compare.networks import alias_pattern
from quotelens.extract import chunk, postag
from quotelens.extract.lexicon.non_actors import NON_ACTOR_WORDS
from quotelens.extract.lexicon.time_names import TIME_NAMES
from quotelens.extract.lexicon.titles import TITLES
from quotelens.extract.registry import load_registry, surname_forms
from quotelens.sentiment.targets import score_targets
from quotelens.text import sentence_spans

TARGET_COLUMNS = ["statement_id", "article_id", "speaker", "target", "mention", "target_start", "target_end",
                  "found_by", "is_speaker", "score", "label", "p_negative", "p_neutral", "p_positive"]
FOUND_BY_ALIAS = "alias"  # a registry alias, or a named speaker's name without a registry
FOUND_BY_NAME = "name in text"  # a proper name found by the tagger
NAME_TAGS = ("NNP", "NNPS")


def name_spans(sentence: str) -> list[tuple[int, int]]:
    """Character spans of the proper names in one sentence: in every base noun phrase
    (quotelens.extract.chunk), each run of NNP/NNPS tokens, without titles in front
    ("President Bashar al-Assad" -> "Bashar al-Assad"); a lone day or month name, or a word of
    `NON_ACTOR_WORDS` ("Twitter", "Video"), is left out."""
    tagged = postag.tag_text(sentence)
    out = []
    for phrase in chunk.noun_phrases(tagged):
        runs, current = [], []
        for i in range(phrase.first, phrase.last):
            if tagged[i][3] in NAME_TAGS:
                current.append(i)
            elif current:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
        for run in runs:
            while run and tagged[run[0]][0].lower().rstrip(".") in TITLES | TIME_NAMES:
                run = run[1:]
            # A day or month after a name is no part of it ("Homs Wednesday" where a text lost
            # its commas).
            while run and tagged[run[-1]][0].lower().rstrip(".") in TIME_NAMES:
                run = run[:-1]
            if not run:
                continue
            words = [tagged[i][0] for i in run]
            if len(words) == 1 and (words[0].lower() in NON_ACTOR_WORDS or not words[0][:1].isupper() or len(words[0]) < 2):
                continue
            out.append((tagged[run[0]][1], tagged[run[-1]][2]))
    return out


def surname_owners(names: Iterable[str]) -> dict[str, str]:
    """Name -> the name it stands for among `names`: a single word to the one multi-word name
    whose surname it is (registry.surname_forms: "Assad" -> "Bashar al-Assad"; a surname of two
    names is left out, ambiguous), and a name with a possessive "s" whose apostrophe was lost
    ("Assads", "Syrias") to the name without it, when that is among `names` too."""
    names = set(names)
    owners: dict[str, set[str]] = {}
    for name in names:
        if len(name.split()) > 1:
            for form in surname_forms(name):
                owners.setdefault(form, set()).add(name)
    out = {form: next(iter(full)) for form, full in sorted(owners.items()) if len(full) == 1}
    for name in sorted(names):
        bare = name[:-1]
        if name.endswith("s") and bare in names and name not in out:
            out[name] = out.get(bare, bare)
    return out


def registry_affiliations(path: str | os.PathLike) -> dict[str, tuple[str, ...]]:
    """{actor: the organisations or states it belongs to} from an actor registry: the actors
    it `speaks_for` (docs/registry.md: "Rami Abdel Rahman" -> "Syrian Observatory for Human
    Rights"), and the actor its `side` names, when the side is the name or an alias of another
    actor ("Staffan de Mistura", side UN -> "United Nations"; "Sergei Lavrov", side Russia ->
    "Russia"). Sides that name no actor ("opposition", "government") link nothing. Sorted."""
    registry = load_registry(Path(path))
    out = {}
    for name, actor in sorted(registry.actors.items()):
        linked = set(actor.speaks_for)
        by_side = registry.alias_to_actor.get(actor.side) if actor.side else None
        if by_side:
            linked.add(by_side)
        linked.discard(name)
        if linked:
            out[name] = tuple(sorted(linked))
    return out


def cue_leads(ctx: pd.DataFrame) -> list[str]:
    """Per statement, the cue and a space when the cue stands right before the content (at most
    two characters between them, as in "accused the army ..."), else "". Needs the columns cue,
    cue_end and start; a table without them gets "" everywhere."""
    if not {"cue", "cue_end", "start"} <= set(ctx.columns):
        return [""] * len(ctx)
    leads = []
    for cue, cue_end, start in zip(ctx["cue"], ctx["cue_end"], ctx["start"]):
        known = isinstance(cue, str) and cue != "" and not pd.isna(cue_end) and not pd.isna(start)
        adjacent = known and 0 <= int(cue_end) <= int(start) <= int(cue_end) + 2
        leads.append(cue + " " if adjacent else "")
    return leads


def find_targets(ctx: pd.DataFrame, aliases: Mapping[str, Iterable[str]], names_in_text: bool = False) -> pd.DataFrame:
    """The target mentions inside each statement's quote: one row per mention with
    statement_id (the row index when the table has none), article_id, speaker, target
    (canonical name), mention (as written), target_start/target_end (offsets into the article
    text: the statement's `start` plus the offset in the quote), found_by, is_speaker (the
    target is the statement's own speaker), and for scoring `sentence` (the quote's sentence
    holding the mention, with the cue in front of the first one: `cue_leads`) with
    `sentence_start`/`sentence_end` (the mention's offsets in it, characters)."""
    for column in ("article_id", "speaker", "quote", "start"):
        if column not in ctx.columns:
            raise ValueError(f"find_targets: the statements table has no column {column!r}")
    pattern, alias_to_actor = alias_pattern(aliases)
    ids = ctx["statement_id"] if "statement_id" in ctx.columns else pd.Series(ctx.index.astype(str), index=ctx.index)
    rows, text_names = [], []
    for sid, article_id, speaker, quote, start, lead in zip(ids, ctx["article_id"], ctx["speaker"], ctx["quote"],
                                                            ctx["start"], cue_leads(ctx)):
        quote = "" if quote is None or (isinstance(quote, float) and quote != quote) else str(quote)
        for s_start, s_end in sentence_spans(quote):
            sentence = quote[s_start:s_end]
            taken, first = [], len(rows)
            for m in (pattern.finditer(sentence) if pattern is not None else ()):
                taken.append((m.start(1), m.end(1)))
                rows.append([sid, article_id, speaker, alias_to_actor[m.group(1)], m.group(1), FOUND_BY_ALIAS,
                             sentence, m.start(1), m.end(1), int(start) + s_start])
            if names_in_text:
                for a, b in name_spans(sentence):
                    if any(a < e and b > s for s, e in taken):
                        continue
                    text_names.append(sentence[a:b])
                    rows.append([sid, article_id, speaker, sentence[a:b], sentence[a:b], FOUND_BY_NAME,
                                 sentence, a, b, int(start) + s_start])
            if s_start == 0 and lead:
                # the first sentence is scored with its cue in front; the mention's offsets in the
                # scored sentence move by the cue's length, its offsets in the article do not
                for row in rows[first:]:
                    row[6] = lead + row[6]
                    row[7] += len(lead)
                    row[8] += len(lead)
                    row[9] -= len(lead)
    frame = pd.DataFrame(rows, columns=["statement_id", "article_id", "speaker", "target", "mention", "found_by",
                                        "sentence", "sentence_start", "sentence_end", "offset"])
    if names_in_text and len(frame):
        # A surname stands for the one full name of the corpus that ends with it; an alias of a
        # named speaker (found above) always wins.
        owners = surname_owners(text_names)
        by_name = frame["found_by"] == FOUND_BY_NAME
        frame.loc[by_name, "target"] = [alias_to_actor.get(t, owners.get(t, t)) for t in frame.loc[by_name, "target"]]
    frame["target_start"] = frame["offset"] + frame["sentence_start"]
    frame["target_end"] = frame["offset"] + frame["sentence_end"]
    frame["is_speaker"] = frame["target"] == frame["speaker"]
    return frame.drop(columns=["offset"])


def statement_targets(ctx: pd.DataFrame, aliases: Mapping[str, Iterable[str]], names_in_text: bool = False,
                      model=None, headline=None) -> pd.DataFrame:
    """The Targets table: `find_targets`, each mention scored with the target-sentiment model
    (`score`, P(positive) - P(negative) on [-1, 1]; `label` -1/0/1; `p_negative`, `p_neutral`,
    `p_positive`, 0-1). Columns TARGET_COLUMNS, rows in the statements' order, then by offset."""
    found = find_targets(ctx, aliases, names_in_text)
    if found.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(TARGET_COLUMNS, [object] * 7 + [bool] + [float, int] + [float] * 4)})
    scored = score_targets(found["sentence"].tolist(), found["sentence_start"].tolist(), found["sentence_end"].tolist(),
                           model=model, headline=headline)
    for column in ("score", "label", "p_negative", "p_neutral", "p_positive"):
        found[column] = scored[column].to_numpy()
    order = {sid: k for k, sid in enumerate(dict.fromkeys(found["statement_id"]))}
    found = found.assign(_order=found["statement_id"].map(order))
    found = found.sort_values(["_order", "target_start", "target_end"], kind="mergesort")
    return found[TARGET_COLUMNS].reset_index(drop=True)


def targets_from_options(ctx: pd.DataFrame, actors_path: str | os.PathLike | None) -> tuple[pd.DataFrame, dict[str, str], str]:
    """The Targets table as notebook 05 builds it from its `actors_path` parameter: with a
    registry, its names and aliases, and its affiliations (`registry_affiliations`); without one,
    the named speakers' names and surnames plus the names the tagger finds in the quotes. Returns
    (targets, affiliations, a phrase saying where the names came from)."""
    aliases, names_from = mention_aliases(actors_path, ctx)
    if actors_path is not None and str(actors_path).strip():
        return statement_targets(ctx, aliases), registry_affiliations(config.resolve(actors_path)), names_from
    return (statement_targets(ctx, aliases, names_in_text=True), {},
            names_from + ", and the other proper names in the quotes (tagger and chunker)")
