"""Representative statements for the report's first page: for each of the top named actors, a
few of their own words, chosen by a stated rule so a reader can check them against the article.

The rule (`REPRESENTATIVE_RULE`, printed in the report beside the table) puts first what a reader
can trust at a glance, because the read-throughs (docs/readthrough.md) found the errors elsewhere:
1. Candidates are the actor's statements from articles that are not duplicates, each distinct
   quote once (the first in date order; quotes differing only in punctuation or case are one),
   at least MIN_QUOTE_WORDS words long.
2. Statements whose speaker is named at the statement itself, by its own name, right beside the
   reporting verb (at most MAX_NAME_CUE_GAP characters between them: "the Observatory said",
   "according to the army") come first. Not "he", "it" or "the body" resolved to an earlier
   sentence, not a name a clause away from the verb ("the regime and Kurdish authorities who have
   declared") or after a preposition or "when" ("a group that supports resistance against the
   Syrian government reported", "when Assad regime declared"), and not a country's name given to its government ("Syria said", where "Syria" is
   often part of another speaker's description): resolution, long speaker phrases and place names
   are where attribution errs most.
3. Then whole statements: a direct quote, or reported words that hold a finite verb of their own
   (a clause, not the object of "described" or "declared": "the incident as a heinous crime"), no
   speech verb (a second attribution run into the span: "... Iran's Press TV reported") and no
   last word that needs more ("... between the opposition and").
4. Then direct quotes, then reported speech with a quoted fragment, then reported speech.
5. Within a form: highest extraction confidence first, then the quote closest in length to the
   median length of the actor's candidates (neither a fragment nor a whole paragraph), then
   statement_id (so ties break the same way every run).
6. Walking that order, first over the trusted statements (2 and 3 both hold), then over all: a
   statement is taken when its article is not yet used and its outlet is not yet used; when that
   leaves fewer than `per_actor`, a second walk takes statements from unused articles of a month
   not yet used, then a third from any unused article.
"""

from __future__ import annotations

import re

import pandas as pd

from quotelens.compare.once import kept_statements
from quotelens.compare.speaker_types import named_actors
from quotelens.extract.lexicon.countries import STATE_NAMES
from quotelens.extract.lexicon.grammar_words import MODIFYING_PREPOSITIONS, PREPOSITIONS
from quotelens.extract.lexicon.speech_verbs import NOUN_HOMOGRAPHS
from quotelens.extract.postag import tag_text
from quotelens.extract.speech_verbs import verb_table

MIN_QUOTE_WORDS = 6
#: Fewest examples shown for an actor: below it, statements outside the rule's first tier fill in,
#: named as such under the table (`example_notes`).
MIN_PER_ACTOR = 3
#: Most characters between a speaker's name and its reporting verb for the name to count as
#: beside the verb ("the Syrian government had told": 5; "Syrias government run TV said", the
#: TV's words given to "Syria": 20; "the regime and Kurdish authorities who have declared": 33).
MAX_NAME_CUE_GAP = 12
#: Words that make the name after them the object of a preposition, not the subject of the verb
#: that follows ("a local group that supports resistance against the Syrian government reported").
OBJECT_OF = MODIFYING_PREPOSITIONS | PREPOSITIONS | frozenset("by about between among toward towards under".split())
#: Words that open a time clause: a name after them reports inside that clause, whose words end
#: before the main clause the span often runs into ("Since Sept. 19 when Assad regime declared the
#: end of the cease-fire | at least 359 civilians have been killed ...").
TIME_CLAUSE = frozenset("when after since before until while once".split())
#: Words a whole statement never ends with: the span was cut before the rest of its clause
#: ("... fighting between the opposition and | the Assad regime opposition said").
DANGLING_END = OBJECT_OF | frozenset("and or but nor while whereas as than that which who whom whose the a an".split())
# (?<![A-Za-z]): a search starts only at a word's first letter, so a text holding one very long
# "word" (a page that lost its spaces) is read once, not once per letter (quadratic)
_LAST_WORD = re.compile(r"(?<![A-Za-z])([A-Za-z]+)\W*$")
_WORD_BEFORE = re.compile(r"(?<![A-Za-z])([A-Za-z]+)\W*(?:(?:the|a|an)\s+)?$", re.IGNORECASE)
#: Part-of-speech tags (Penn Treebank) of a finite verb (past, present, modal) and of any verb.
FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))
VERB_TAGS = FINITE_TAGS | {"VB", "VBN", "VBG"}
FORM_ORDER = {"direct": 0, "mixed": 1, "indirect": 2, "according_to": 2}
REPRESENTATIVE_RULE = (
    "For each actor, statements from non-duplicate articles, each quote once and at least "
    f"{MIN_QUOTE_WORDS} words long. First those naming the speaker at the statement itself, by its own name (not a "
    f"country's name standing for its government) and right beside the reporting verb (at most {MAX_NAME_CUE_GAP} "
    "characters apart, not after a preposition or \"when\"), before those whose speaker was resolved from a pronoun or role "
    "noun or named a clause away; then whole statements (a direct quote, or reported words with a verb of their "
    "own, no second attribution inside and not cut off after \"and\", \"while\" or a preposition) before "
    "fragments; then direct quotes, "
    "then mixed, then reported speech; within each, highest extraction confidence, then length closest to the "
    "actor's median; at most one per article, preferring outlets and then months not yet shown, among the "
    "statements named beside the verb and whole before any other; other statements only to show at least "
    f"{MIN_PER_ACTOR} per actor (from one article only when the actor is quoted in fewer), and then named under "
    "the table."
)
QUOTE_COLUMNS = ["speaker", "quote", "outlet", "date", "article_id", "statement_id"]


def _candidates(rows: pd.DataFrame, texts: dict | None = None) -> pd.DataFrame:
    rows = rows[rows["quote"].fillna("").str.split().str.len() >= MIN_QUOTE_WORDS]
    # each quote once, also when two outlets print it with other punctuation or case
    words_only = rows["quote"].str.lower().str.replace(r"[\W_]+", " ", regex=True).str.strip()
    rows = rows[~words_only.duplicated()]
    if rows.empty:
        return rows
    length = rows["quote"].str.len()
    return rows.assign(
        _form=rows["type"].map(FORM_ORDER).fillna(2),
        _resolved=(~(named_at_statement(rows) & name_beside_cue(rows, texts=texts) & ~place_for_government(rows))).astype(int),
        _fragment=(~whole_statement(rows)).astype(int),
        _conf=-rows["confidence"].astype(float),
        _len_gap=(length - length.median()).abs(),
    ).sort_values(["_resolved", "_fragment", "_form", "_conf", "_len_gap", "statement_id"], kind="mergesort")


def named_at_statement(rows: pd.DataFrame) -> pd.Series:
    """Boolean per statement: the article names the speaker at the statement itself (a mention of
    its own, `speaker_mention`, not resolved from an earlier one: `resolved_from` -1). True for
    every row of a table without these columns."""
    named = pd.Series(True, index=rows.index)
    if "speaker_mention" in rows.columns:
        named &= rows["speaker_mention"].fillna("").astype(str).str.strip() != ""
    if "resolved_from" in rows.columns:
        named &= rows["resolved_from"].fillna(-1).astype(int) < 0
    return named


def name_beside_cue(rows: pd.DataFrame, max_gap: int = MAX_NAME_CUE_GAP, texts: dict | None = None) -> pd.Series:
    """Boolean per statement: the speaker's mention and the reporting verb stand at most
    `max_gap` characters apart in the article (either order: "the army said", "said the army",
    "according to the army"), by the offsets `speaker_start`/`speaker_end` and
    `cue_start`/`cue_end`; and, when `texts` (article_id -> text) is given, a mention before its
    verb is not the object of a preposition (OBJECT_OF: "resistance against the Syrian government
    reported") nor the subject of a time clause (TIME_CLAUSE: "when Assad regime declared"). False when either offset is missing (-1 or NaN); True for every row of a table
    without these columns."""
    columns = ("speaker_start", "speaker_end", "cue_start", "cue_end")
    if not all(c in rows.columns for c in columns):
        return pd.Series(True, index=rows.index)
    s0, s1, c0, c1 = (rows[c].fillna(-1).astype(int) for c in columns)
    gap = (c0 - s1).where(s1 <= c0, s0 - c1)
    beside = (s0 >= 0) & (c0 >= 0) & (gap >= 0) & (gap <= max_gap)
    if texts:
        for i, aid, start, end, cue in zip(rows.index, rows["article_id"].astype(str), s0, s1, c0):
            if beside[i] and end <= cue:
                before = _WORD_BEFORE.search(texts.get(aid, "")[max(0, start - 40):start])
                beside[i] = not (before and before.group(1).lower() in OBJECT_OF | TIME_CLAUSE)
    return beside


def place_for_government(rows: pd.DataFrame) -> pd.Series:
    """Boolean per statement: the article names a country ("Syria", "Syrias"), and the statement
    is given to another label standing for it (the registry's "Syrian government"). A country
    name is where attribution errs most: it sits inside the real speaker's description
    ("resolutions on Syria which called for", "Syrias government run TV said"). False for a
    table without `speaker_mention`."""
    if "speaker_mention" not in rows.columns:
        return pd.Series(False, index=rows.index)
    mention = rows["speaker_mention"].fillna("").astype(str).str.strip()
    bare = mention.str.replace(r"^(?:the)\s+", "", regex=True, case=False).str.replace(r"['’]?s$", "", regex=True)
    country = bare.isin(STATE_NAMES) | mention.isin(STATE_NAMES)
    return country & (rows["speaker"].astype(str) != bare)


def whole_statement(rows: pd.DataFrame) -> pd.Series:
    """Boolean per statement: a direct quote (`type` "direct"), or reported words that hold a
    finite verb (FINITE_TAGS, by the project's part-of-speech tagger) and no form of a speech
    verb (a form that is also a common noun counts only when tagged a verb). False for the object of a verb ("the incident as a 'heinous crime'") and for
    reported words that carry a second attribution ("... chemical weapons Irans Press TV
    reported", "... which rebels have denied") or end in a word that needs more (DANGLING_END:
    "... with the moderate opposition making large incursions while")."""
    speech = verb_table()
    out = []
    for kind, quote in zip(rows["type"], rows["quote"].fillna("")):
        if kind == "direct":
            out.append(True)
            continue
        tagged = [(w.lower(), t) for w, _, _, t in tag_text(quote)]
        finite = any(t in FINITE_TAGS for _, t in tagged)
        # a speech verb's form, whatever the tag ("which the rebels deny" ends tagged a noun),
        # unless it is also a common noun read as one ("the reports", "his remarks")
        second = any(w in speech and (t in VERB_TAGS or w not in NOUN_HOMOGRAPHS) for w, t in tagged)
        last = _LAST_WORD.search(quote)
        dangling = bool(last) and last.group(1).lower() in DANGLING_END
        out.append(finite and not second and not dangling)
    return pd.Series(out, index=rows.index, dtype=bool)


def _pick(candidates: pd.DataFrame, per_actor: int, min_per_actor: int) -> list[int]:
    """Rows of `candidates` (in the rule's order) by walks: up to `per_actor` among the trusted
    ones (named beside the verb, whole statements); only when that gives fewer than
    `min_per_actor`, more from the others up to `min_per_actor`. Each walk takes a new outlet,
    then a new month, then any row, never two from one article; only an actor quoted in fewer
    articles than `min_per_actor` gets more than one of an article, in the rule's order."""
    chosen: list[int] = []
    articles: set = set()
    outlets: set = set()
    months: set = set()
    tests = (
        lambda r: r.source not in outlets,
        lambda r: r.month not in months,
        lambda r: True,
    )
    trusted = candidates[(candidates["_resolved"] == 0) & (candidates["_fragment"] == 0)]
    for pool, up_to in ((trusted, per_actor), (candidates, min(min_per_actor, per_actor))):
        for test in tests:
            for i, r in zip(pool.index, pool.itertuples(index=False)):
                if len(chosen) >= up_to:
                    break
                if i in chosen or r.article_id in articles or not test(r):
                    continue
                chosen.append(i)
                articles.add(r.article_id)
                outlets.add(r.source)
                months.add(r.month)
    # an actor quoted in fewer articles than min_per_actor (an interview) may show two of one article
    for i in candidates.index:
        if len(chosen) >= min(min_per_actor, per_actor):
            break
        if i not in chosen:
            chosen.append(i)
    return chosen


#: Columns representative_statements adds to QUOTE_COLUMNS (besides `cue`).
EXAMPLE_COUNTS = ["type", "trusted", "n_trusted", "n_trusted_articles", "n_candidates"]


def representative_statements(ctx: pd.DataFrame, actors: list[str] | None = None, top_n: int = 5,
                              per_actor: int = 4, once_per_text: bool = True, texts: dict | None = None,
                              min_per_actor: int = MIN_PER_ACTOR) -> pd.DataFrame:
    """`per_actor` (3-5 recommended) statements for each actor by REPRESENTATIVE_RULE: `actors`
    in the order given, default the `top_n` named actors with most statements (ties by name).
    `ctx` is compare.comparisons.statements_in_context (source, month, date); `texts` maps
    article_id to the article's text, for the rule's check that a name before its verb is not
    the object of a preposition (skipped without it). Columns QUOTE_COLUMNS plus `type`,
    `trusted` (False for a statement taken from outside the rule's first tier because the actor
    has trusted ones in fewer than `min_per_actor` articles: `example_notes` says so), and the
    actor's `n_trusted`, `n_trusted_articles` (the articles those come from: one is shown per
    article) and `n_candidates` (counts); one block per actor in actor order,
    then the rule's order. An actor with fewer candidates gets fewer rows."""
    data = kept_statements(ctx, once_per_text)
    named = named_actors(data)
    if actors is None:
        counts = named.groupby("speaker").size().reset_index(name="n")
        counts = counts.sort_values(["n", "speaker"], ascending=[False, True], kind="mergesort")
        actors = counts["speaker"].head(top_n).tolist()
    frames = []
    for actor in actors:
        rows = _candidates(data[data["speaker"] == actor].sort_values(["date", "statement_id"], kind="mergesort"), texts)
        if rows.empty:
            continue
        picked = rows.loc[_pick(rows, per_actor, min_per_actor)]
        first_tier = (rows["_resolved"] == 0) & (rows["_fragment"] == 0)
        frames.append(picked.assign(trusted=(picked["_resolved"] == 0) & (picked["_fragment"] == 0),
                                    n_trusted=int(first_tier.sum()),
                                    n_trusted_articles=int(rows.loc[first_tier, "article_id"].nunique()),
                                    n_candidates=len(rows)))
    if not frames:
        return pd.DataFrame(columns=QUOTE_COLUMNS + EXAMPLE_COUNTS)
    out = pd.concat(frames).rename(columns={"source": "outlet"})
    out["date"] = pd.to_datetime(out["date"], errors="coerce").dt.strftime("%Y-%m-%d")
    cue = []
    if "cue" in out.columns:  # the reporting verb, shown with reported words
        out["cue"] = [_cue_words(r, texts) for r in out.itertuples(index=False)]
        cue = ["cue"]
    return out[QUOTE_COLUMNS + EXAMPLE_COUNTS + cue].reset_index(drop=True)


#: Most characters from a cue's start to its statement's start shown as the cue's words
#: ("called on the UN Security Council" before "to hold ..."): longer, the cue alone.
MAX_CUE_LEAD = 60


def _cue_words(row, texts: dict | None) -> str:
    """The words from the reporting verb to the statement's start as the article has them, when
    the verb comes first and the gap is short (an object between them: "called on the UN
    Security Council | to hold ..."); otherwise the cue as recorded, "" when there is none."""
    cue = row.cue if isinstance(row.cue, str) else ""
    text = (texts or {}).get(str(row.article_id))
    start, cue_start = getattr(row, "start", None), getattr(row, "cue_start", None)
    if cue and text is not None and not pd.isna(start) and not pd.isna(cue_start) \
            and 0 < int(start) - int(cue_start) <= MAX_CUE_LEAD:
        return " ".join(text[int(cue_start):int(start)].split())
    return cue


def example_notes(chosen: pd.DataFrame) -> list[str]:
    """A sentence for each actor of `representative_statements` shown with statements from
    outside the rule's first tier: how many of its statements meet the first tier, and which
    shown ones are less certain (their ids). [] when every shown statement is trusted."""
    notes = []
    for actor, rows in chosen.groupby("speaker", sort=False):
        weaker = rows[~rows["trusted"].astype(bool)]
        if weaker.empty:
            continue
        first = rows.iloc[0]
        one = len(weaker) == 1
        have = f"only {first['n_trusted']} of its" if first["n_trusted"] else "none of its"
        where = ""
        if 0 < first["n_trusted_articles"] < first["n_trusted"]:
            where = f" (in {first['n_trusted_articles']} articles, and one is shown per article)"
        notes.append(f"{actor}: {have} {first['n_candidates']} candidate statements name it by its "
                     f"own name beside the reporting verb in a whole statement{where}, so {len(weaker)} shown here "
                     f"({', '.join(weaker['statement_id'])}) {'comes' if one else 'come'} from the rest of the rule's order "
                     f"and {'is' if one else 'are'} less certain: read {'it' if one else 'them'} against the article.")
    return notes


def quotes_for_report(chosen: pd.DataFrame, label_of_outlet=None) -> pd.DataFrame:
    """The table 00_report shows: plain column labels (Speaker, Statement, Outlet, Date,
    Statement id), the quote in quotation marks when it is a direct quote, reported words after
    their reporting verb in square brackets ("[denied] allegations that it was behind that
    attack": the scored span leaves the verb out, and without it the words read as the speaker's
    own claim), no missing-value markers. Render with `findings.escape_table` (no index, every
    cell escaped)."""
    cues = chosen["cue"] if "cue" in chosen.columns else pd.Series("", index=chosen.index)
    quote = [f"“{q}”" if t == "direct" else f"[{c}] {q}" if isinstance(c, str) and c.strip() else q
             for q, t, c in zip(chosen["quote"], chosen["type"], cues)]
    outlet = chosen["outlet"].map(label_of_outlet) if label_of_outlet else chosen["outlet"]
    return pd.DataFrame({
        "Speaker": chosen["speaker"].tolist(),
        "Statement": quote,
        "Outlet": outlet.fillna("").tolist(),
        "Date": chosen["date"].fillna("").tolist(),
        "Statement id": [f"{s} (article {a})" for s, a in zip(chosen["statement_id"], chosen["article_id"])],
    })
