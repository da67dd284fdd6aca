"""A draft actor registry from the speakers a statements table found (`quotelens registry-draft`).

Writing a registry by hand for a new corpus is the slow part of a study; the extractor already
knows who speaks. This module turns a Statements table (docs/contracts.md) into a registry in the
registry's own format (docs/registry.md), to edit rather than to write: one actor per named
speaker, sorted by number of statements, with

- `name`: the speaker's canonical name as the extractor gave it (a trailing possessive removed,
  "Tony Blair's" joining "Tony Blair");
- `kind`: a guess (person, organisation, state; a news agency is an organisation with a comment
  saying so), from the extractor's speaker kind, the word lists of extract/lexicon (states, news
  agencies, organisation words) and the name's shape;
- `gender` when the speaker was referred to by "he" or "she" only;
- `aliases`: the other names seen in the mentions ("Mr Blair" gives nothing, "Blair" being derived
  from the name anyway; "PM Tony Blair" gives the role "pm"); an alias seen for two speakers is
  left out and listed in a comment;
- `roles`: the role words seen in front of the name or standing for it ("Home Secretary Charles
  Clarke", "the home secretary"), each with its count and first and last use; a role seen for
  several actors gets a period (from its first to its last use with each) so that a dated article
  resolves it to whoever held it then.

Comments above each entry give the statements, articles, dates and the mentions seen with their
counts. Unnamed sources and groups ("a spokesman", "activists") are not names and are listed in a
comment at the end. The text loads with `quotelens.extract.registry.load_registry` as it is.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from quotelens.extract.lexicon.demonyms import DEMONYMS
from quotelens.extract.lexicon.generic_roles import GENERIC_ROLES
from quotelens.extract.lexicon.news_agencies import NEWS_AGENCIES, NEWS_AGENCY_NAMES, NEWS_AGENCY_WORDS
from quotelens.extract.lexicon.organisations import ORG_WORDS
from quotelens.extract.lexicon.particles import PARTICLES
from quotelens.extract.lexicon.pronouns import NON_SPEAKERS, PRONOUNS
from quotelens.extract.lexicon.speaker_heads import ORG_ROLES, PERSON_ROLES
from quotelens.extract.lexicon.states import STATES
from quotelens.extract.lexicon.titles import TITLES
from quotelens.extract.registry import build_registry, surname_forms
from quotelens.extract.speaker_types import is_named_speaker

#: Guessed kinds, in the order the summary counts them.
GUESSES = ("person", "organisation", "state", "news agency", "unnamed source")
#: Speaker kinds of the Statements contract that name nobody.
UNNAMED_KINDS = ("unnamed", "group", "unresolved")
_DETERMINERS = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
MAX_ROLE_WORDS = 6  # "ambassador to the united states" is a role; a longer phrase rarely is
#: Words a role phrase may end in: the heads of role phrases and titles, not demonyms ("syrian"),
#: modifiers ("foreign", "special") or words too general to tell actors apart.
ROLE_HEADS = (PERSON_ROLES | ORG_ROLES | TITLES) - set(DEMONYMS) - GENERIC_ROLES - frozenset(
    "u.n. un us u.s. vice foreign defence defense interior special deputy senior top staff field crown".split())
#: Lower-case words that may sit inside a name ("Syrian Observatory for Human Rights", "Ibn al-Khattab").
NAME_LINKS = PARTICLES | frozenset("of for and the on to".split())
MAX_SAME_AS = 3  # "possibly the same actor as" hints per entry
SHOWN_MENTIONS = 8  # mentions listed in an entry's comment


class DraftError(ValueError):
    """The table cannot be drafted from (no speaker column, no named speaker)."""


@dataclass
class DraftActor:
    """One drafted entry: the counts behind it and what will be written."""

    name: str
    guess: str
    basis: str
    n_statements: int = 0
    n_articles: int = 0
    first: str = ""
    last: str = ""
    mentions: Counter = field(default_factory=Counter)
    aliases: list[str] = field(default_factory=list)
    roles: dict[str, list] = field(default_factory=dict)  # role -> [count, first, last]
    gender: str | None = None
    gender_basis: str = ""


@dataclass
class Draft:
    """The drafted registry: `text` (YAML), the actors written, the unnamed speakers listed in
    comments, and the aliases left out because two speakers share them."""

    text: str
    actors: list[DraftActor]
    unnamed: list[DraftActor]
    ambiguous: dict[str, list[str]]
    n_statements: int

    def summary(self) -> str:
        """One line: how many actors of each guessed kind, from how many statements."""
        kinds = Counter(a.guess for a in self.actors)
        parts = ", ".join(f"{kinds[k]} {k}" for k in GUESSES if kinds[k])
        return (f"{len(self.actors)} actors ({parts or 'none'}) and {len(self.unnamed)} unnamed sources (as comments) "
                f"from {self.n_statements} statements")


def _date(value) -> str:
    return value.strftime("%Y-%m-%d") if pd.notna(value) else ""


def _words(text: str) -> list[str]:
    return [w for w in str(text).split() if w]


def _clean(word: str) -> str:
    return _POSSESSIVE.sub("", word.strip(",.;:!?\"“”()")).lower()


def guess_kind(name: str, kinds: Counter, mentions: Counter) -> tuple[str, str]:
    """(guessed kind, why) for a speaker: one of GUESSES."""
    low = name.lower()
    # named as every table decides it (speaker_types.is_named_speaker), by the kind most statements give
    if not is_named_speaker(name) or sum(kinds[k] for k in UNNAMED_KINDS) > sum(kinds.values()) / 2:
        return "unnamed source", "not a name (the extractor's speaker kind)"
    if low in NEWS_AGENCIES or low in NEWS_AGENCY_NAMES or any(w in low for w in NEWS_AGENCY_WORDS) \
            or re.sub(r"\s+news$", "", low) in NEWS_AGENCIES:
        return "news agency", "a news agency's name"
    if kinds["news_agency"] > sum(kinds.values()) / 2:
        return "news agency", "the extractor's speaker kind"  # "Wikinews", "Deseret News"
    if _DETERMINERS.sub("", low) in STATES:
        return "state", "a state's name"
    named = Counter({k: n for k, n in kinds.items() if k in ("person", "organisation", "state")})
    if named:
        kind = sorted(named.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        return kind, "the extractor's speaker kind"
    words = _words(name)
    if any(_clean(w) in ORG_WORDS for w in words):
        return "organisation", "a word of organisation names"
    if len(words) == 1 and (name.isupper() or any(c.isdigit() or c == "." for c in name)):
        return "organisation", "an acronym or a web address"
    if sum(mentions[p] for p in ("he", "He", "she", "She")):
        return "person", "referred to as he or she"
    return "person", "the shape of the name (check it)"


def _split_mention(mention: str, name_words: set[str]) -> tuple[list[str], list[str]]:
    """(role words, name words) of a mention: the words before the first word of the name, and
    the rest. A mention without a word of the name is all role (or another name)."""
    words = _words(_DETERMINERS.sub("", mention.strip()))
    for i, w in enumerate(words):
        if _clean(w) in name_words:
            return words[:i], words[i:]
    return words, []


def _role(words: list[str]) -> str | None:
    """A role phrase from the words in front of a name ("Home Secretary" -> "home secretary"),
    or None when they are no role: not ending in a role head (ROLE_HEADS), honorifics and
    generic words only, too long, not words."""
    role = " ".join(_clean(w) for w in words).strip()
    if not role or len(words) > MAX_ROLE_WORDS or not re.fullmatch(r"[a-z][a-z .'’-]*", role):
        return None
    if role.split()[-1] not in ROLE_HEADS or all(w in GENERIC_ROLES for w in role.split()):
        return None
    return role


def _name_words(words: list[str]) -> str:
    """`words` as a name: capitalised words, with lower-case particles and linking words only
    between two of them ("Talal al-Barazi", "Syrian Network for Human Rights"); "" when a
    lower-case word follows the name ("Russian army" is no alias "Russian")."""
    for i, w in enumerate(words):
        if any(c.isupper() for c in w) or w[:1].isdigit():  # "al-Barazi", "McGuire", "3M"
            continue
        if not (w.lower() in NAME_LINKS and 0 < i < len(words) - 1 and words[i + 1][:1].isupper()):
            return ""
    return _POSSESSIVE.sub("", " ".join(words)).strip(",.;:")


def _collect(table: pd.DataFrame) -> dict[str, DraftActor]:
    """One DraftActor per speaker (possessive forms merged into the name they extend), with
    counts, dates, mentions, aliases, roles and gender."""
    rows = table.reset_index(drop=True)
    rows["speaker"] = rows["speaker"].fillna("").astype(str).str.strip()
    rows = rows[rows["speaker"] != ""]
    names = set(rows["speaker"])
    merged = {}
    for name in names:
        bare = _POSSESSIVE.sub("", name) if re.search(r"['’]s$", name) else name
        merged[name] = bare if bare else name
    rows["speaker"] = rows["speaker"].map(merged)
    rows["_date"] = pd.to_datetime(rows["date"], errors="coerce", utc=True).dt.tz_localize(None) if "date" in rows.columns else pd.NaT
    mention = rows["speaker_mention"].fillna("").astype(str) if "speaker_mention" in rows.columns else pd.Series("", index=rows.index)
    kind = rows["speaker_kind"].fillna("").astype(str) if "speaker_kind" in rows.columns else pd.Series("", index=rows.index)
    article = rows["article_id"].astype(str) if "article_id" in rows.columns else pd.Series(rows.index.astype(str), index=rows.index)
    actors: dict[str, DraftActor] = {}
    for name, group in rows.groupby("speaker", sort=True):
        mentions = Counter(m for m in mention[group.index] if m.strip())
        guess, basis = guess_kind(name, Counter(kind[group.index]), mentions)
        dates = group["_date"].dropna()
        actor = DraftActor(name, guess, basis, len(group), int(article[group.index].nunique()),
                           _date(dates.min()) if len(dates) else "", _date(dates.max()) if len(dates) else "", mentions)
        he = sum(n for m, n in mentions.items() if m.lower() in ("he", "him", "his"))
        she = sum(n for m, n in mentions.items() if m.lower() in ("she", "her"))
        if guess == "person" and bool(he) != bool(she):
            actor.gender, actor.gender_basis = ("m", f'"he" {he} times') if he else ("f", f'"she" {she} times')
        name_words = {_clean(w) for w in _words(name)}
        derived = set(surname_forms(name)) if guess == "person" else set()
        for (m, d), part in group.assign(_m=mention[group.index]).groupby(["_m", "_date"], dropna=False, sort=True):
            if not m.strip() or m.strip().lower() in PRONOUNS or m.strip().lower() in NON_SPEAKERS:
                continue
            role_words, name_part = _split_mention(m, name_words)
            alias = _name_words(name_part) if name_part else ""
            if not name_part and role_words and all(w[:1].isupper() for w in role_words) \
                    and _clean(role_words[0]) not in TITLES:
                alias, role_words = _name_words(role_words), []  # another name ("SOHR", "U.N.")
            if alias and alias != name and alias not in derived and alias[:1].isupper() and alias not in actor.aliases:
                actor.aliases.append(alias)
            role = _role(role_words)
            if role:
                seen = actor.roles.setdefault(role, [0, "", ""])
                day = _date(d) if pd.notna(d) else ""
                seen[0] += len(part)
                if day:
                    seen[1] = min(seen[1], day) if seen[1] else day
                    seen[2] = max(seen[2], day)
        actors[name] = actor
    return actors


def _resolve_conflicts(actors: list[DraftActor]) -> dict[str, list[str]]:
    """Leave out the aliases two actors share, or that are another actor's name (a registry
    gives every alias to one actor); returns {alias: the actors that claimed it}."""
    claims: dict[str, list[str]] = {}
    for actor in actors:
        for alias in actor.aliases:
            claims.setdefault(alias, []).append(actor.name)
    names = {a.name for a in actors}
    ambiguous = {alias: owners for alias, owners in claims.items() if len(owners) > 1 or alias in names}
    for actor in actors:
        actor.aliases = [a for a in actor.aliases if a not in ambiguous]
    return ambiguous


def _same_as(actors: list[DraftActor]) -> dict[str, list[str]]:
    """For each actor, the other actors that may be the same one: one name is a run of words of
    the other ("Syrian Observatory" and "Syrian Observatory for Human Rights"), or two people
    share a surname. Most statements first; a hint for the editor, nothing is merged."""
    words = {a.name: [w.lower() for w in _words(a.name)] for a in actors}

    def inside(small: list[str], big: list[str]) -> bool:
        return len(small) < len(big) and any(big[i:i + len(small)] == small for i in range(len(big) - len(small) + 1))

    out: dict[str, list[str]] = {}
    for a in actors:
        hits = [b.name for b in actors if b is not a and (
            inside(words[a.name], words[b.name]) or inside(words[b.name], words[a.name])
            or (a.guess == b.guess == "person" and words[a.name][-1:] == words[b.name][-1:]))]
        if hits:
            out[a.name] = hits[:MAX_SAME_AS]
    return out


def _q(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _entry(actor: DraftActor, shared_roles: set[str], same_as: list[str]) -> list[str]:
    span = f", {actor.first} to {actor.last}" if actor.first else ""
    seen = ", ".join(f"{_q(m)} {n}" for m, n in sorted(actor.mentions.items(), key=lambda kv: (-kv[1], kv[0]))[:SHOWN_MENTIONS])
    kind = "organisation" if actor.guess == "news agency" else actor.guess
    lines = [f"  # {actor.n_statements} statements in {actor.n_articles} articles{span}; "
             f"guessed kind: {actor.guess} ({actor.basis})",
             f"  # mentions seen: {seen or '(none: interview answers or continued quotes)'}"]
    if same_as:
        lines.append(f"  # possibly the same actor as {', '.join(_q(n) for n in same_as)}: merge if so")
    lines += [f"  - name: {_q(actor.name)}",
             f"    kind: {kind}"]
    if actor.gender:
        lines.append(f"    gender: {actor.gender}  # {actor.gender_basis}")
    if actor.aliases:
        lines.append(f"    aliases: [{', '.join(_q(a) for a in actor.aliases)}]")
    if actor.roles:
        lines.append("    roles:")
        for role, (count, first, last) in sorted(actor.roles.items(), key=lambda kv: (-kv[1][0], kv[0])):
            used = f"seen {count} times" + (f", {first} to {last}" if first else "")
            if role in shared_roles and first:
                lines.append(f"      - {{role: {_q(role)}, from: {_q(first)}, to: {_q(last)}}}  # {used}; widen to the term of office")
            else:
                lines.append(f"      - {_q(role)}  # {used}")
    return lines


def draft_registry(statements: pd.DataFrame, min_statements: int = 2, source: str = "") -> Draft:
    """Draft a registry from a Statements table (at least `speaker`; `speaker_mention`,
    `speaker_kind`, `article_id` and `date` make it better). Speakers with fewer than
    `min_statements` statements are left out. Raises DraftError when the table has no speaker
    column or no named speaker."""
    if "speaker" not in statements.columns:
        raise DraftError(f"no `speaker` column (columns: {', '.join(map(str, statements.columns))}); "
                         "expected a statements table written by `quotelens extract`")
    everyone = sorted(_collect(statements).values(), key=lambda a: (-a.n_statements, a.name))
    kept = [a for a in everyone if a.n_statements >= min_statements]
    actors = [a for a in kept if a.guess != "unnamed source"]
    unnamed = [a for a in kept if a.guess == "unnamed source"]
    ambiguous = _resolve_conflicts(actors)
    # offices change hands between people: a role several people held gets its periods of use
    role_owners = Counter(role for a in actors if a.guess == "person" for role in a.roles)
    shared = {role for role, n in role_owners.items() if n > 1}
    same_as = _same_as(actors)
    lines = [
        f"# Actor registry drafted by `quotelens registry-draft` from {source or 'a statements table'}: "
        f"{len(actors)} actors with at least {min_statements} statements, most statements first.",
        "# A draft to edit (every key is described in docs/registry.md): merge entries that are one actor",
        "# (move one's name into the other's aliases), delete speakers that are not actors, correct the",
        "# guessed kinds and genders, and add each actor's side if you compare sides. A role seen with",
        "# several actors carries the period of its first and last use with each: widen it to the real",
        "# term of office, so that a dated article resolves the role to whoever held it then.",
    ]
    if ambiguous:
        lines.append("# Aliases left out because two speakers share them (give each to one actor, if any): "
                     + "; ".join(f"{_q(a)} ({', '.join(o)})" for a, o in sorted(ambiguous.items())))
    lines.append("actors:" if actors else "actors: []")
    for actor in actors:
        lines += _entry(actor, shared if actor.guess == "person" else set(), same_as.get(actor.name, []))
    lines += ["# Place names that are never speakers (a town the extractor took for a speaker, say).", "places: []"]
    if unnamed:
        lines.append("# Unnamed sources and groups seen (not names, so not actors; the extractor keeps them by type):")
        lines += [f"#   {_q(a.name)}: {a.n_statements} statements" for a in unnamed]
    text = "\n".join(lines) + "\n"
    if not actors and not unnamed:
        raise DraftError(f"no speaker with at least {min_statements} statements")
    build_registry([{"name": a.name} for a in actors], source="draft")  # names are unique and usable
    return Draft(text, actors, unnamed, ambiguous, int(len(statements)))
