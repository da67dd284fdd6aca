"""Naming speakers across an article and across a corpus.

Within an article, "... the provincial governor said. Governor Talal al-Barazi told AFP ..."
names the unnamed governor (`name_forward_roles`). Across a corpus, names merge only through
the registry, and otherwise only when two spellings are the same full name
(`canonicalise_unknown`); the speakers missing from the registry are listed as candidates to
add (`unknown_speakers`).

Reads: statement dicts of one article, or a Statements table. Writes: the same, with speaker
names filled in or merged; a table of unknown speakers.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from quotelens.extract.home_state import article_state
from quotelens.extract.lexicon.countries import STATE_NAMES
from quotelens.extract.lexicon.media_outlets import OUTLET_FULL_NAMES
from quotelens.extract.lexicon.particles import PARTICLES
from quotelens.extract.lexicon.speaker_heads import PERSON_ROLES
from quotelens.extract.lexicon.titles import ANONYMOUS_ROLES
from quotelens.extract.name_variants import merge_spelling_variants
from quotelens.extract.registry import name_key
from quotelens.extract.speaker_types import is_outlet_name, outlet_short_name, output_kind, speaker_type, state_of


def name_speakers(text: str, statements: list[dict]) -> None:
    """The last step of speaker resolution in one article: name speakers from later in the
    article (`name_forward_roles`), give a misspelt surname the name it stands for
    (quotelens.extract.name_variants), then type every speaker and give states and outlets the
    name they go by (`type_speakers`). `statements` (sorted by start, speaker columns filled
    in) are updated in place."""
    name_forward_roles(text, statements)
    name_lead_sources(text, statements)
    merge_spelling_variants(text, statements)
    name_the_government(text, statements)
    type_speakers(statements)


# A news lead names its source after the first sentence: statements this early in an article
# (sentence index) may take the name of the person who speaks next.
LEAD_SENTENCES = 3


def name_lead_sources(text: str, statements: list[dict]) -> None:
    """"... were killed Saturday, a civil defense official said. Speaking to Anadolu Agency
    Najib Ansari said ...": an unnamed person described with "a"/"an" in the article's first
    LEAD_SENTENCES sentences is the person who speaks next, within two sentences, when the
    article names that person there for the first time and with no role ("Spokesman John Kirby
    said" may be another spokesman). `statements`
    (one article, sorted by start, speaker columns filled in) are updated in place."""
    for i, st in enumerate(statements):
        mention = st["speaker_mention"]
        if st["speaker_kind"] != "unnamed" or st["sentence"] >= LEAD_SENTENCES or st["speaker_start"] < 0 \
                or not re.match(r"(?i)an?\s", mention):
            continue
        head = mention.lower().split()[-1]
        if head not in PERSON_ROLES:
            continue
        for later in statements[i + 1:]:
            if later["sentence"] > st["sentence"] + 2:
                break
            if later["speaker_kind"] != "person" or later["speaker_start"] < 0:
                continue
            surname = later["speaker"].split()[-1]
            first_named = text.find(surname)
            around = text[max(0, later["speaker_start"] - 40):later["speaker_end"] + 40].lower()
            # a person named with a role of their own ("Spokesman John Kirby said") may be
            # another holder of it: only a person named with no role is taken
            roles = {w for w in re.findall(r"[a-z-]+", around) if w in PERSON_ROLES}
            if first_named > st["speaker_start"] and not roles:
                _adopt(st, later, "next_speaker")
            break


def name_the_government(text: str, statements: list[dict]) -> None:
    """"... the government recommending ..." in an article about the United Kingdom: a
    government that no actor of the registry holds is the government of the state the article
    is about (quotelens.extract.home_state.article_state), named as that state; left as it is
    when the article is about no one state. `statements` (one article) are updated in place."""
    state = None
    for st in statements:
        if st["in_registry"] or st["speaker"].lower() != "government":
            continue
        state = state or article_state(text)
        if state is None:
            return
        st.update(speaker=state, speaker_kind="state", rule=st["rule"] + ":article_state")


def type_speakers(statements: list[dict]) -> None:
    """Set each statement's `speaker_kind` to one of the Statements table's kinds
    (quotelens.extract.speaker_types.output_kind), and, for speakers not in the registry, name
    a state by its own name ("the New Zealand government" -> "New Zealand") and an outlet
    without the description after it ("SANA news agency" -> "SANA"). In place."""
    for st in statements:
        kind = output_kind(st["speaker_kind"], st["speaker"], bool(st["in_registry"]))
        if not st["in_registry"]:
            if kind == "state":
                st["speaker"] = state_of(st["speaker"]) or st["speaker"]
            elif kind == "news_agency":
                st["speaker"] = _outlet_name(st["speaker"])
        st["speaker_kind"] = kind


def _outlet_name(name: str) -> str:
    """An outlet's name as it goes by: without the description after it, and without a state's
    name glued in front by text that lost its commas ("northern Syria Al Mayadeen TV channel
    reported" -> "Al Mayadeen")."""
    name = outlet_short_name(name)
    words = name.split()
    for n in (3, 2, 1):
        rest = " ".join(words[n:])
        if len(words) > n + 1 and " ".join(words[:n]) in STATE_NAMES and (
                rest.lower() in OUTLET_FULL_NAMES or is_outlet_name(rest)):
            return rest
    return name


# A definite description: the article or a possessive pronoun ("his spokesman said ... U.N.
# spokesman Stephane Dujarric said": the spokesman of someone named, so one known person).
_DEFINITE = re.compile(r"(?:the|his|her|its|their)\s")
# A role word right after a capitalised word and no determiner, ending the mention ("Homs governor").
_PLACED_ROLE = re.compile(r"(?:^|\s)(?!(?:The|A|An|His|Her|Its|Their)\s)[A-Z][\w.'’-]*\s+([a-z]+)$")


def name_forward_roles(text: str, statements: list[dict]) -> None:
    """"... the provincial governor said. Governor Talal al-Barazi told AFP ...": a definite
    role noun ("the governor", "his spokesman") that no earlier actor holds names the person introduced with that role word
    in the next two sentences, as that person's next statement shows; then organisations
    described before they are named (`name_described_organisations`, `name_introduced_organisations`).
    `statements` (sorted by
    start, speaker columns filled in) are updated in place."""
    for i, st in enumerate(statements):
        mention = st["speaker_mention"].lower()
        if st["speaker_kind"] not in ("unnamed", "group") or not st["rule"].endswith(("+unnamed", "+generic")) \
                or st["speaker_start"] < 0 or (st["speaker_kind"] == "group") != st["rule"].endswith("+generic"):
            continue
        before = text[max(0, st["speaker_start"] - 30):st["speaker_start"]]
        # a headline's bare role after a capitalised place ("Homs governor says ...") is one
        # known holder too, unless many hold the role at once ("UN official")
        placed = _PLACED_ROLE.search(st["speaker_mention"])
        placed = placed is not None and placed.group(1).lower() not in ANONYMOUS_ROLES
        if not (_DEFINITE.match(mention) or placed or re.search(r"(?<!\w)[Tt]he\s+(?:[a-z-]+\s+)?$", before)):
            continue  # "a spokesman" is anyone; "the (provincial) governor", "his spokesman" someone known
        if st["rule"].endswith("+generic") and not placed:
            continue
        role = mention.split()[-1]
        if role not in PERSON_ROLES:
            continue
        for later in statements[i + 1:]:
            if later["sentence"] > st["sentence"] + 2:
                break
            if later["speaker_kind"] != "person" or later["speaker_start"] < 0:
                continue
            intro = text[max(0, later["speaker_start"] - 30):later["speaker_end"]].lower()
            if re.search(rf"(?<![\w-]){re.escape(role)}(?![\w-])", intro):
                st.update(speaker=later["speaker"], speaker_kind="person", speaker_side=later["speaker_side"],
                          in_registry=later["in_registry"], resolved_from=later["speaker_start"],
                          rule=st["rule"] + ":next_speaker")
                break
    name_described_organisations(statements)
    name_introduced_organisations(statements)


# Heads of an indefinite description of an organisation in a news lead ("a monitor said",
# "a monitoring group said"), named by the organisation that speaks next.
# The head may be followed by a participle or relative clause of up to six words ("a group
# tracking the violence", "a group that monitors the war").
_ORG_DESCRIPTION = re.compile(r"(?i)(?:a|an|the)\s+(?:[a-z][\w-]*\s+){0,3}?(?:monitor|monitoring\s+group|watchdog|"
                              r"rights\s+group|group|organi[sz]ation|charity|agency|body)"
                              r"(?:\s+(?:[a-z]+ing|that|which)(?:\s+[\w'’-]+){1,6})?")


def name_described_organisations(statements: list[dict]) -> None:
    """"... a monitor said. The Syrian Observatory for Human Rights said ...": the news lead
    describes an organisation before naming it. An unnamed speaker described as an
    organisation ("a monitor", "a Britain-based monitoring group") takes the name of the first
    named organisation speaking in the next two sentences, and so do the later statements of
    the article with the same description ("the monitor"). `statements` (one article, sorted
    by start, speaker columns filled in) are updated in place."""
    named: dict[str, dict] = {}
    for i, st in enumerate(statements):
        if st["speaker"] in named and st["speaker_kind"] in ("unnamed", "group", "unresolved"):
            _adopt(st, named[st["speaker"]], "described_organisation")
            continue
        mention = st["speaker_mention"]
        if st["speaker_kind"] not in ("unnamed", "group", "unresolved") or st["speaker_start"] < 0 \
                or not _ORG_DESCRIPTION.fullmatch(mention) or mention.lower().startswith("the "):
            continue
        for later in statements[i + 1:]:
            if later["sentence"] > st["sentence"] + 2:
                break
            if later["speaker_kind"] == "organisation" and later["speaker_mention"][:1].isupper() \
                    and later["speaker_start"] >= 0:
                named[st["speaker"]] = later
                _adopt(st, later, "next_organisation")
                break


# An indefinite description of an organisation anywhere in a mention ("a human rights group",
# "A report released by a group of U.N. experts ..."): it introduces an organisation not yet
# named, so it is not the organisation of the same kind that spoke before.
_INDEFINITE_ORG = re.compile(r"(?i)(?:^|\s)an?\s+(?:[\w.'’-]+\s+){0,3}?(?:monitor|watchdog|group|organi[sz]ation|"
                             r"charity|agency|body|commission|panel|network)(?:\s+[\w.'’-]+){0,6}")
# Words of a description that say nothing of which organisation it is.
_PLAIN_WORDS = {"a", "an", "of", "the", "for", "and", "on", "in", "by", "group", "organisation", "organization", "body",
                "agency", "monitor", "watchdog", "charity", "commission", "panel", "network"}


def name_introduced_organisations(statements: list[dict]) -> None:
    """"Meanwhile a human rights group said ... In a Sunday statement the Syrian Network for
    Human Rights (SNHR) said ...": an indefinite description of an organisation introduces a new
    one, so a statement resolved to the last organisation that spoke (`last_speaker`), or left
    unnamed, takes instead a different organisation speaking later in the same sentence or in
    the next one, when that organisation's name shares a word of the description ("human
    rights", "U.N.").
    `statements` (one article, sorted by start) are updated in place."""
    for i, st in enumerate(statements):
        resolved_back = st["rule"].endswith(":last_speaker")
        unnamed = st["speaker_kind"] in ("unnamed", "group") and st["rule"].endswith(("+generic", "+unnamed"))
        if not (resolved_back or unnamed) or st["speaker_start"] < 0:
            continue
        found = _INDEFINITE_ORG.search(st["speaker_mention"])
        if found is None:
            continue
        words = {w for w in found.group(0).lower().split() if w not in _PLAIN_WORDS}
        for later in statements[i + 1:]:
            if later["sentence"] > st["sentence"] + 1:
                break
            if later["speaker_kind"] != "organisation" or later["speaker_start"] < 0 \
                    or later["speaker"] == st["speaker"] or not later["speaker_mention"][:1].isupper():
                continue
            name_words = set((later["speaker"] + " " + later["speaker_mention"]).lower().split())
            if words & name_words:
                old_speaker = st["speaker"]
                _adopt(st, later, "introduced_organisation")
                _follow(statements[i + 1:], st, old_speaker)
                break


def _follow(later: list[dict], st: dict, old_speaker: str) -> None:
    """Statements resolved through `st`'s mention ("The report said ..." after "A report
    released by a group of U.N. experts ... said"), and those resolved through them, take the
    name `st` took (a participle's statement is resolved from its clause's start).
    `resolved_from` is a character offset of the article."""
    starts = {st["speaker_start"], st["start"]}
    for other in later:
        if other["speaker"] == old_speaker and other["resolved_from"] in starts:
            other.update(speaker=st["speaker"], speaker_kind=st["speaker_kind"], speaker_side=st["speaker_side"],
                         in_registry=st["in_registry"], rule=f"{other['rule']}:introduced_organisation")
            starts.update(o for o in (other["speaker_start"], other["start"]) if o >= 0)


def _adopt(st: dict, named: dict, how: str) -> None:
    st.update(speaker=named["speaker"], speaker_kind=named["speaker_kind"], speaker_side=named["speaker_side"],
              in_registry=named["in_registry"], resolved_from=named["speaker_start"], rule=f"{st['rule']}:{how}")


def canonicalise_unknown(statements: pd.DataFrame) -> pd.DataFrame:
    """Give each unregistered person one spelling across the corpus, when that is safe: full
    names (a first name and a surname) that agree on both and differ only in particles,
    case or accents ("Hamza Khatib" and "Hamza al-Khatib") take the longest spelling. Nothing
    else merges across articles (issue 12): a bare surname stays as the article wrote it
    ("Barazi" in an article that never gives the first name is not "Talal Barazi" of another
    article), and different first names stay apart ("Ibrahim Khatib"); within an article the
    extractor has already named each person by the full name it introduced (quotelens.extract.
    entities). Returns a new DataFrame."""
    if statements.empty:
        return statements
    out = statements.copy()
    mask = ~out["in_registry"].astype(bool) & out["speaker_kind"].isin(["person", "unknown"])
    if not mask.any():
        return out
    names = out.loc[mask, "speaker"]
    kinds = out.loc[mask, "speaker_kind"]
    keys = names.map(name_key)
    longest: dict[tuple[str, str], str] = {}
    for key, name, kind in sorted(zip(keys, names, kinds)):
        words = name.split()
        if kind == "person" and _is_full_name(words, key):
            slot = (key, _fold(words[0]))
            if len(name) > len(longest.get(slot, "")):
                longest[slot] = name
    renamed = []
    for key, name in zip(keys, names):
        words = name.split()
        renamed.append(longest.get((key, _fold(words[0])), name) if _is_full_name(words, key) else name)
    out.loc[mask, "speaker"] = renamed
    return out


def _fold(word: str) -> str:
    """A first name compared without case and accents ("José" = "Jose")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def _is_full_name(words: list[str], key: str) -> bool:
    """Whether a name has a first name before its surname key ("Talal Barazi", not "Barazi"
    or "Van der Berg")."""
    return len(words) >= 2 and words[0].lower() not in PARTICLES and name_key(words[0]) != key


def unknown_speakers(statements: pd.DataFrame) -> pd.DataFrame:
    """Speakers not in the registry, as candidates to add: speaker, key, speaker_type ("named",
    a candidate, or "unnamed source", which has no name to register: quotelens.extract.
    speaker_types.speaker_type), kind, n statements, n articles and example mentions; sorted by
    n statements (descending), then name."""
    cols = ["speaker", "key", "speaker_type", "speaker_kind", "n_statements", "n_articles", "mentions"]
    if statements.empty:
        return pd.DataFrame(columns=cols)
    unk = statements[~statements["in_registry"].astype(bool)]
    if unk.empty:
        return pd.DataFrame(columns=cols)
    g = unk.groupby("speaker", sort=True)
    out = pd.DataFrame({
        "speaker": list(g.groups),
        "key": [name_key(s) for s in g.groups],
        "speaker_kind": g["speaker_kind"].agg(lambda s: s.mode().iloc[0]).values,
        "n_statements": g.size().values,
        "n_articles": g["article_id"].nunique().values,
        "mentions": g["speaker_mention"].agg(lambda s: "; ".join(sorted({m for m in s if m})[:5])).values,
    })
    out["speaker_type"] = [speaker_type(s, k) for s, k in zip(out["speaker"], out["speaker_kind"])]
    return out.sort_values(["n_statements", "speaker"], ascending=[False, True]).reset_index(drop=True)[cols]
