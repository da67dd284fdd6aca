"""Speaker noun phrases: finding them around a speech verb and resolving them to an actor.

A speaker phrase is found by walking tokens away from the cue (backwards for "X said",
forwards for "said X" and "according to X") while they look like part of a name or a role
("The U.N. envoy", "Russian Foreign Minister Sergei Lavrov", "a spokesman for the ministry").
Resolution prefers, in order: a registry person, an unknown person-like name, a registry
organisation or state, a role noun or pronoun resolved to the most recent compatible speaker
of the article (then the most recent compatible mention), and a generic group ("activists").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from quotelens.extract.registry import PARTICLES, TITLES, Registry, name_key
from quotelens.text import NEWS_ABBREVIATIONS

TOKEN = re.compile(r"\S+")

PRONOUNS = {"he": ("person", "m"), "she": ("person", "f"), "they": ("plural", None), "it": ("thing", None)}
# Lower-case words that can sit inside a speaker phrase.
ROLE_WORDS = frozenset(
    """envoy envoys minister ministers ministry spokesman spokeswoman spokesperson spokesmen official officials
    ambassador head chief director president secretary secretary-general general leader leaders commander
    monitor observatory group agency government regime army military forces coalition council
    deputy senior top special executive prime foreign defence defense interior affairs mediator negotiator
    negotiators delegation governor mayor police source sources statement office department command
    media committee authorities administration adviser advisor diplomat diplomats representative
    correspondent organisation organization movement force brigade battalion channel network
    state-run state humanitarian chemical weapons watchdog center centre human rights u.n. un
    world health news federal russian syrian iranian turkish french british american israeli saudi
    kurdish jordanian lebanese iraqi qatari egyptian german chinese u.s. us western arab
    monitoring charity coordinators field local medical opposition rebel rebels jihadist jihadists islamist islamists militant militants
    reporter reporters television tv service network bulletin station newspaper daily website outlet
    broadcaster witness eyewitness resident activist doctor medic fighter soldier officer analyst expert
    researcher institute body team mission unit centre headquarters father mother man woman survivor
    commentator journalist editor presenter spokespeople sheikh cleric imam leadership civil""".split()
)
_DETERMINER_START = re.compile(r"^(?:the|a|an|its|his|her|their)\s+", re.IGNORECASE)
_ARTICLE_START = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_APPOSITION_ROLE = re.compile(r",?\s+(?:the|a|an)\s+([\w-]+)")  # "Abu Abdel-Moneim, the father"
_NAME_TAIL_BEFORE = re.compile(r"(?:for|of|de|du)\s+$")  # "... for Human Rights"
_OF_NAME = re.compile(r"\s*of\s+(?:the\s+)?[A-Z]")  # "opponents of Syrian President ..."
_QUOTED_NAME = re.compile(r"[\"“][A-Z][\w-]*[\"”]")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z'’]*(?![\w-])")
_PERSON_NAME = re.compile(r"(?<![\w.-])[A-Z][a-z]+(?:\s+(?:(?:al|el|bin|de|van|von|abu|ibn)[\s-])?[A-Z][a-z'’-]+){1,2}(?![\w-])")
# Demonyms naming a side in a role phrase ("the Russian foreign minister").
DEMONYMS = {
    "russian": "Russia", "iranian": "Iran", "turkish": "Turkey", "syrian": "government", "french": "France",
    "british": "UK", "american": "US", "u.s.": "US", "us": "US", "saudi": "Saudi Arabia", "israeli": "Israel",
    "qatari": "Qatar", "jordanian": "Jordan", "chinese": "China", "german": "Germany", "kremlin": "Russia",
}
# Heads of a speaker phrase naming a person by role, and an organisation by kind.
PERSON_ROLES = frozenset(
    """envoy minister spokesman spokeswoman spokesperson official ambassador head chief director president
    secretary secretary-general general leader commander deputy mediator negotiator governor mayor source
    adviser advisor diplomat representative correspondent reporter witness eyewitness resident activist
    doctor medic fighter soldier officer analyst expert researcher father mother man woman survivor
    journalist editor presenter cleric imam sheikh monitor""".split()
)
ORG_ROLES = frozenset(
    """ministry group agency government regime army military coalition council organisation organization
    observatory network television tv service bulletin station newspaper channel centre center committee
    office department command authorities administration movement force forces institute body team
    mission unit headquarters charity""".split()
)
# "according to the bulletin", "the statement said": a document standing for its author.
DOCUMENT_HEADS = frozenset("bulletin statement communique communiqué report".split())
# "the group said": these heads refer back to the organisation that spoke last.
_GENERIC_ORG_HEADS = frozenset("group organisation organization body agency charity monitor movement network".split())
# Generic groups that speak without a name ("activists said").
GROUP_WORDS = frozenset(
    """activists residents witnesses eyewitnesses sources officials monitors rebels medics doctors analysts
    diplomats militants fighters observers experts lawmakers locals opponents critics protesters
    campaigners researchers investigators inspectors rescuers volunteers powers countries nations governments
    men women people parents families coordinators""".split()
)
# First- and second-person words: inside a quote they are the quote's own voice, never a speaker.
NON_SPEAKERS = frozenset("i we you me us my our your ours yours myself ourselves".split())
FUNCTION_WORDS = frozenset("of for to the a an in at on and".split())
DETERMINERS = frozenset("the a an his her its their this that these those".split())
# Capitalised words that open a sentence without being part of a name.
SENTENCE_ADVERBS = frozenset(
    """Meanwhile However Also But And Earlier Later Separately Then Still Yet So Now Today Yesterday
    Tonight Previously Moreover Furthermore Additionally Instead Again Finally Elsewhere Similarly
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December In On At From After Before Last This When While
    Separately Asked Speaking Following""".split()
)
ORG_WORDS = frozenset(
    """ministry council army observatory committee command front forces agency news tv coalition
    organization organisation programme program group police directorate governorate center centre
    department office union nations states republic watch international party brigade brigades unit
    units force media network commission court house kremlin pentagon hospital government regime
    movement authority authorities service services guard corps committees channel radio television
    newspaper daily times post press institute foundation fund bank company embassy mission
    association federation alliance league division battalion army's ministry's front's administration
    revolution coordination jazeera reuters afp tass ria""".split()
)


@dataclass
class Resolution:
    """A resolved speaker: canonical name, the mention as written and its span (characters
    into the article text; -1 when the speaker came from elsewhere), kind, side, gender, the
    resolution rule and, for pronouns and role nouns, the offset of the antecedent."""

    speaker: str
    mention: str
    start: int
    end: int
    kind: str
    side: str
    gender: str | None
    how: str
    resolved_from: int = -1
    in_registry: bool = False


def _is_abbrev(tok: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?", tok)) or tok.lower().rstrip(".") in NEWS_ABBREVIATIONS


def _np_token_ok(tok: str) -> bool:
    """Whether `tok` (trailing possessive removed by the caller) may be part of a speaker phrase."""
    if not tok:
        return False
    if re.fullmatch(r"\([A-Z][A-Za-z.\-]{1,10}\)", tok):
        return True  # an acronym in brackets: "the Syrian National Coalition (SNC)"
    if tok[0] in "\"“" and _QUOTED_NAME.fullmatch(tok):
        return True  # a name in quote marks inside a phrase: the opposition "Cham" TV network
    if any(c in tok for c in "\"“”«»‘()[]"):
        return False
    low = tok.lower()
    if low in NON_SPEAKERS:
        return False
    if tok[0].isupper() or tok[0].isdigit() and "-" in tok:
        return True
    if low in ROLE_WORDS or low in GROUP_WORDS or low in FUNCTION_WORDS or low in PARTICLES or low in PRONOUNS:
        return True
    if re.match(r"^(?:al|el|ul|bin|ibn|abu)-", low):
        return True
    return False


def _clean(tok: str) -> str:
    return re.sub(r"(?:['’]s|['’])$", "", tok)


def _content(toks: list[tuple[int, int, str]]) -> bool:
    for _, _, t in toks:
        low = t.lower()
        if t[0].isupper() and t not in SENTENCE_ADVERBS and low not in DETERMINERS:
            return True
        if low in ROLE_WORDS or low in GROUP_WORDS:
            return True
    return False


def _trim_np(toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop leading sentence adverbs and dangling function words; trailing function words."""
    while toks and (toks[0][2] in SENTENCE_ADVERBS or toks[0][2].lower() in FUNCTION_WORDS - DETERMINERS):
        toks = toks[1:]
    while toks and toks[-1][2].lower() in FUNCTION_WORDS:
        toks = toks[:-1]
    return toks


def tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Whitespace tokens of text[lo:hi] as (start, end, token)."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, lo, hi)]


# A speaker phrase, with the auxiliaries and apposition around it, fits in this many
# characters; the searches around a cue look no further, so their cost does not grow with the
# length of the sentence (a 1 MB line of "he said he said ..." stays linear).
SPEAKER_WINDOW_CHARS = 400
_SPACE = re.compile(r"\s")


def _window_start(text: str, lo: int, cue: int) -> int:
    """max(lo, cue - SPEAKER_WINDOW_CHARS), moved forward past a token it would cut."""
    start = cue - SPEAKER_WINDOW_CHARS
    if start <= lo:
        return lo
    if text[start - 1].isspace():
        return start
    m = _SPACE.search(text, start, cue)
    return m.end() if m else cue


def _window_end(text: str, pos: int, hi: int) -> int:
    """min(hi, pos + SPEAKER_WINDOW_CHARS), moved back before a token it would cut."""
    end = pos + SPEAKER_WINDOW_CHARS
    if end >= hi:
        return hi
    while end > pos and not text[end - 1].isspace() and not text[end].isspace():
        end -= 1
    return end


_MODIFIER = re.compile(r"-(?:based|backed|led|run|held|linked|affiliated|operated|language|controlled|allied|born)$")
# Words that never head a speaker phrase although a determiner may precede them.
_NOT_HEADS = frozenset("""attack attacks strike strikes bombing killing deaths death toll war fighting clashes
    it also has have had which who that this these those there""".split())

AUX = frozenset(
    """has have had also previously earlier later again repeatedly reportedly then already further separately
    once too however meanwhile will would could can may might must should did does do is was were are
    be been publicly openly firmly strongly flatly categorically explicitly recently today yesterday
    always just only yet still subsequently initially originally week month year on last both further monday tuesday wednesday
    thursday friday saturday sunday night morning evening afternoon""".split()
)
NEGATORS = frozenset("not never n't didn't doesn't don't won't wouldn't couldn't refused declined no".split())


@dataclass
class SubjectMatch:
    spans: list[tuple[int, int]]  # speaker phrase(s), nearest to the cue first
    negated: bool
    passive: bool


def subject_before(text: str, lo: int, cue: int, allow_objects: bool = False) -> SubjectMatch | None:
    """The speaker phrase ending just before the cue at `cue`, searching no further left than
    `lo`; with an apposition ("A, B, said") both A and B are returned. None when the words
    before the cue are not a speaker phrase, or (unless `allow_objects`) when they are the
    object of a preposition."""
    toks = tokens(text, _window_start(text, lo, cue), cue)
    i = len(toks) - 1
    negated = passive = False
    parenthetical = False
    while i >= 0:
        w = toks[i][2].lower()
        bare = w.strip(",")
        if bare in NEGATORS or w.endswith("n't"):
            negated = True
        elif bare in ("was", "were", "been", "being", "is", "are") and i == len(toks) - 1:
            passive = True
        elif bare == "to":
            return None  # an infinitive ("declined to say", "went on to clarify")
        elif bare not in AUX:
            break
        if w.endswith(",") or w.startswith(","):
            parenthetical = True
        i -= 1
    if i < 0:
        return None
    spans: list[tuple[int, int]] = []
    first = True
    while i >= 0 and len(spans) < 2:
        s0, e0, tok = toks[i]
        if tok.endswith(","):
            # "A, B, said" (apposition) or "The envoy, however, said" (parenthetical)
            tok = tok[:-1]
            e0 -= 1
        if tok.endswith((".", ";", ":")) and not _is_abbrev(tok):
            return SubjectMatch(spans, negated, passive) if spans else None
        j = i
        np_toks: list[tuple[int, int, str]] = []
        cur = (s0, e0, tok)
        while j >= 0:
            s, e, t = cur
            if j != i and (t.endswith((",", ";", ":")) or (t.endswith(".") and not _is_abbrev(t))):
                break
            if not _np_token_ok(_clean(t)):
                # Any common noun may head the phrase when a determiner or a name precedes it
                # ("the reporter said", "Syrian state television said").
                break
            low = t.lower()
            if low in PRONOUNS and j != i:
                break
            np_toks.insert(0, (s, e, t))
            if low in PRONOUNS:
                j -= 1
                break
            if low in DETERMINERS and j > 0 and toks[j - 1][2].lower() not in _PREPOSITIONS \
                    and toks[j - 1][2].lower() not in ("and", "&"):
                # "in the area of Mayadeen the ministry said": the phrase starts at "the"
                j -= 1
                break
            j -= 1
            if j >= 0:
                cur = toks[j]
        # a time adjunct in front ("on Thursday activists reported") is not part of the phrase
        while len(np_toks) >= 2 and np_toks[0][2].lower() in _OBJECT_PREPOSITIONS and np_toks[1][2] in SENTENCE_ADVERBS:
            np_toks = np_toks[2:]
        # "the manager of Al-Quds hospital in Aleppo told": a name right after a preposition is
        # the object of that preposition, not a subject ("The center based in Hmeimim added":
        # the phrase before "based in" is)
        if allow_objects is False and np_toks and j >= 1 and _PLACE_ADJECTIVE.fullmatch(toks[j][2]) \
                and toks[j - 1][2].lower() in _OBJECT_PREPOSITIONS:
            return SubjectMatch(spans, negated, passive) if spans else None  # "Residents in eastern Aleppo"
        if np_toks and np_toks[0][2].lower() in _OBJECT_PREPOSITIONS and len(np_toks) > 2 \
                and np_toks[1][2].islower() and np_toks[1][2] not in DETERMINERS:
            # "... should remain in office Turkish Foreign Minister X said" (commas stripped):
            # a lower-case prepositional phrase ends the previous clause; the name follows it
            k = 1
            while k < len(np_toks) and np_toks[k][2].islower():
                k += 1
            np_toks = np_toks[k:]
        if allow_objects is False and np_toks and np_toks[0][2].lower() in _OBJECT_PREPOSITIONS:
            k = j
            if k >= 0 and toks[k][2].lower() in ("based", "located", "stationed", "headquartered"):
                sub = subject_before(text, lo, toks[k][0], allow_objects=True)
                if sub is not None:
                    sub.negated = sub.negated or negated
                return sub
            return SubjectMatch(spans, negated, passive) if spans else None
        np_toks = _trim_np(np_toks)
        if not np_toks or not (_content(np_toks) or np_toks[-1][2].lower() in PRONOUNS):
            break
        if first and re.search(r"['’]s?$", np_toks[-1][2]) and np_toks[-1][2][-1] in "s'’":
            if np_toks[-1][2].endswith(("'s", "’s")):
                return None  # "Russia's claims": a possessive, not a subject
        spans.append((np_toks[0][0], np_toks[-1][1]))
        # Apposition: only when this phrase was itself set off by a comma.
        if j >= 0 and toks[j][2].endswith(",") and toks[i][2].endswith(",") and first and not parenthetical:
            i = j
            first = False
            continue
        break
    if not spans:
        return None
    return SubjectMatch(spans, negated, passive)


def phrase_after(text: str, pos: int, hi: int, apposition: bool = False,
                 lower_head: bool = False) -> tuple[int, int] | None:
    """The speaker phrase starting at `pos` ("said de Mistura", "according to the Observatory"),
    stopping at punctuation or a word that cannot be part of a name or role; with
    `apposition`, also before a determiner that follows a name; with `lower_head`, also before
    a capitalised word that follows a lower-case head ("according to the bulletin Jabhat
    al-Nusra terrorists ...", commas stripped)."""
    toks = tokens(text, pos, _window_end(text, pos, hi))
    out: list[tuple[int, int, str]] = []
    for k, (s, e, t) in enumerate(toks):
        stop = False
        if t[-1] in ",;:!?" or (t.endswith(".") and not _is_abbrev(t)):
            t = t[:-1]
            e -= 1
            stop = True
        if not t:
            break
        if not _np_token_ok(_clean(t)):
            # a lower-case premodifier of a name ("said financier Toby Neugebauer",
            # "Obama campaign spokeswoman Jen Psaki")
            ahead = [x[2] for x in toks[k + 1:k + 3]]
            if stop or not t.isalpha() or not any(w[:1].isupper() for w in ahead) or t in _NOT_HEADS:
                break
        if lower_head and out and t[:1].isupper() and out[-1][2].islower() and out[-1][2].isalpha() \
                and out[-1][2] not in FUNCTION_WORDS and out[-1][2] not in DETERMINERS:
            break
        if apposition and out and t.lower() in ("the", "a", "an") and any(x[2][:1].isupper() for x in out):
            break  # "said Abu Abdel-Moneim the father of ...": the name ends before "the"
        if t.lower() in PRONOUNS:
            if not out:
                out.append((s, e, t))
            break
        out.append((s, e, t))
        if stop:
            break
    out = _trim_np(out)
    if not out or not (_content(out) or out[0][2].lower() in PRONOUNS):
        return None
    return out[0][0], out[-1][1]


_PREPOSITIONS = frozenset("of for to at in on from with".split())
# Capitalised words that open a clause, never a name ("Like Noha Samira ...").
_CLAUSE_OPENERS = frozenset("like unlike despite although though because since unless until whereas whether".split())
# Capitalised words that are never an actor when they stand alone as a speaker.
NON_ACTOR_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy
    eighty ninety hundred dozens hundreds thousands report reports video videos footage photo photos picture
    pictures image images twitter telegram facebook youtube""".split()
)
_DAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day['’]s")
_PLACE_ADJECTIVE = re.compile(r"(?:north|south|east|west|central|rural|greater|northern|southern|eastern|western|"
                              r"north-?eastern|north-?western|south-?eastern|south-?western|[a-z]+-(?:held|controlled|run))")
_OBJECT_PREPOSITIONS = frozenset("in at from near outside inside around across into on over against".split())


def _stopwords() -> frozenset[str]:
    from quotelens.keywords.tokens import stopwords

    return stopwords()


def _lower_first(name: str) -> str:
    """"Activists" at a sentence start and "activists" are one generic speaker."""
    first, _, rest = name.partition(" ")
    if first[:1].isupper() and first[1:].islower() and first.lower() in GROUP_WORDS | ROLE_WORDS \
            and first.lower() not in DEMONYMS and not rest[:1].isupper():
        # a demonym or the first word of a name ("Syrian Observatory ... spokesperson") keeps its capital
        return (first.lower() + (" " + rest if rest else "")).strip()
    return name


def _head_part(phrase: str) -> str:
    """A speaker phrase up to its head, without trailing prepositional phrases ("a source"
    for "a source at daraa police command"), lower case."""
    words = phrase.split()
    for i, w in enumerate(words):
        if w in _PREPOSITIONS and i > 0:
            return " ".join(words[:i])
    return " ".join(words)


def _head_word(phrase: str) -> str:
    """The head of a speaker phrase: its last word before a preposition ("ambassador" in
    "france's ambassador to the united nations"), lower case."""
    words = phrase.split()
    for i, w in enumerate(words):
        if w in ("of", "for", "to", "at", "in", "on") and i > 0:
            return words[i - 1]
    return words[-1] if words else ""


def generic_kind(phrase: str) -> str:
    """The kind of a speaker kept by its description: "unresolved" for a lone organisation or
    document noun whose referent was not found ("the ministry", "the group", "the
    statement"), "group" for a described source ("activists", "local sources", "state media")."""
    bare = _DETERMINER_START.sub("", phrase.strip()).lower()
    if " " not in bare and bare not in GROUP_WORDS and bare in ORG_ROLES | _GENERIC_ORG_HEADS | DOCUMENT_HEADS:
        return "unresolved"
    return "group"


class SpeakerResolver:
    """Resolves speaker phrases within one article, remembering who spoke where."""

    def __init__(self, text: str, registry: Registry | None, sentence_starts: list[int] | None = None):
        self.text = text
        self.registry = registry
        self.sentence_starts = sentence_starts or []  # offsets of sentence starts, for pronouns
        self._nested = False  # inside a resolution started by pronoun resolution
        self.mentions = registry.find(text) if registry is not None else []
        self._mention_starts = [m[0] for m in self.mentions]
        # Speakers of statements so far as (offset of the statement's cue, resolution).
        self.history: list[tuple[int, Resolution]] = []
        # `history` kept sorted by offset, for `_recent_first` (rebuilt when `history` is replaced).
        self._sorted_source: list | None = None
        self._sorted_keys: list[tuple[int, int]] = []
        self._sorted_items: list[tuple[int, Resolution]] = []
        self.unknown_names: dict[str, str] = {}  # name_key -> longest form seen in the article
        self._lower_words: set[str] | None = None  # lower-case words of the text, built on demand
        self.surname_conflicts = self._find_surname_conflicts()
        self.roles_seen: dict[str, set[str]] = {}  # role word -> speakers introduced with it

    # -- registry helpers -------------------------------------------------------------
    def _registry_in(self, a: int, b: int) -> list[tuple[int, int, str]]:
        """Registry mentions starting in text[a:b]: inside it, or, for the last one, running on
        past `b` when the phrase stopped inside a long name ("The Russian Center for
        coordinating and monitoring the cessation of hostilities agreement in Syria": a
        phrase stops at the first lower-case word, the registry name does not)."""
        k = bisect.bisect_left(self._mention_starts, a)
        out = []
        while k < len(self.mentions) and self.mentions[k][0] < b:
            if self.mentions[k][1] <= b:
                out.append(self.mentions[k])
            elif " " in self.text[self.mentions[k][0]:b].strip() and not (k + 1 < len(self.mentions)
                                                                     and self.mentions[k + 1][0] < b):
                out.append(self.mentions[k])  # at least two words of the name are in the phrase
            k += 1
        return out

    def _from_actor(self, name: str, s: int, e: int, how: str) -> Resolution:
        actor = self.registry.actors[name]
        return Resolution(name, self.text[s:e], s, e, actor.kind, actor.side, actor.gender, how, in_registry=True)

    # -- main entry ------------------------------------------------------------------
    def resolve(self, spans: list[tuple[int, int]], pronouns: bool = True) -> Resolution | None:
        """Resolve the best speaker among candidate phrases (nearest to the cue first).
        With `pronouns` False, the sentence-subject step of pronoun resolution is skipped (it
        calls back into `resolve`)."""
        saved = self._nested
        self._nested = saved or not pronouns
        try:
            best: tuple[int, Resolution] | None = None
            for idx, (a, b) in enumerate(spans):
                for rank, res in self._candidates(a, b):
                    rank = rank * 2 + idx  # prefer the nearer phrase at equal rank
                    if best is None or rank < best[0]:
                        if res.kind in ("group", "unknown") and not res.how.startswith("pronoun") \
                                and self.not_a_speaker(res.speaker):
                            continue  # a place or a common word is no speaker
                        best = (rank, res)
            return best[1] if best else None
        finally:
            self._nested = saved

    def _candidates(self, a: int, b: int):
        """(rank, Resolution) candidates for the phrase text[a:b]; lower rank is better."""
        text = self.text
        phrase = text[a:b]
        low = phrase.lower()
        bare = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", low)
        if bare in PRONOUNS:
            res = self._antecedent(bare, a)
            if res is not None:
                yield 6, Resolution(res.speaker, phrase, a, b, res.kind, res.side, res.gender,
                                    f"pronoun:{res.how}", res.start, res.in_registry)
            else:
                # nobody to refer to in the article: the pronoun itself is kept as the speaker
                yield 9, Resolution(bare, phrase, a, b, "unknown", "", PRONOUNS[bare][1], "pronoun_unresolved")
            return
        reg = self._registry_in(a, b)
        head_part = _head_part(bare)
        head = head_part.split()[-1] if head_part else ""
        # where the head part ends in the text: names after it sit in a prepositional phrase
        # ("a spokesman for the Syria Civil Defense") and only modify the head
        head_end = b
        for s, e, t in tokens(text, a, b)[1:]:
            if t.lower() in _PREPOSITIONS:
                head_end = s
                break
        has_person = any(self.registry.actors[n].kind == "person" for s, _, n in reg if s < head_end) if reg else False
        unnamed = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", phrase, flags=re.IGNORECASE)
        role = None
        org_in_head = [(s, e, n) for s, e, n in reg if s < head_end and self.registry.actors[n].kind != "person"]
        if head in ORG_ROLES and org_in_head and head not in PERSON_ROLES:
            # "the SANA news agency", "Russia's Defence Ministry": the organisation named in the
            # head part is the referent
            s, e, n = org_in_head[-1]
            yield 1, self._from_actor(n, s, e, "name")
        elif head in PERSON_ROLES or head in ORG_ROLES or (
                self.registry is not None and head_part in self.registry.role_to_actors):
            # "The U.N. envoy", "a Russian Defence Ministry spokesman": the role is the head,
            # the names in front of it only modify it. A registry role is one whatever its
            # head ("the civil defence"). A state in a prepositional phrase names the side
            # when the head part does not ("the defense ministry in Moscow").
            role = self._role(head_part, a, side_words=bare.split())
            if role is not None and not has_person:
                yield 1, Resolution(role.speaker, phrase, a, b, role.kind, role.side, role.gender,
                                    f"role:{role.how}", role.start, role.in_registry)
        if head in DOCUMENT_HEADS and role is None and not reg and re.match(r"(?:the|its|their)\s", low):
            # "according to the bulletin", "the statement said": the document of whoever spoke
            # last stands for its author
            author = next((res for at, res in self._recent_first(a) if at < a), None) or self._antecedent("it", a)
            if author is not None:
                yield 1, Resolution(author.speaker, phrase, a, b, author.kind, author.side, author.gender,
                                    "role:document", author.start, author.in_registry)
        names = list(self._unknown_names(a, b, reg))
        # People in the head part: the one nearest the end of it is the head ("Obama campaign
        # spokeswoman Jen Psaki" is Psaki); people in a prepositional phrase rank low.
        people = []
        for s, e, name in reg:
            if self.registry.actors[name].kind == "person":
                other = self.surname_conflicts.get(text[s:e])
                res = Resolution(other, text[s:e], s, e, "person", "", None, "unknown_name") if other \
                    else self._from_actor(name, s, e, "name")
                people.append((s, res))
        for s, e, name, kind_ in names:
            if kind_ == "person":
                people.append((s, Resolution(name, text[s:e], s, e, kind_, "", None, "unknown_name")))
        people.sort(key=lambda p: p[0], reverse=True)
        # a name closing the phrase is its head too ("Daesh Secretary of State Rex Tillerson")
        # (not after a group: "opponents of Syrian President Bashar al-Assad" are not Assad)
        in_head = [res for s, res in people if s < head_end or (res.end >= b - 1 and head not in GROUP_WORDS)]
        if in_head and head in ORG_ROLES and head not in PERSON_ROLES and not org_in_head \
                and all(res.end <= head_end and not text[res.end:head_end].strip(" ,") == "" for res in in_head):
            # "the Obama administration", "the Trump campaign": a person's name modifying an
            # organisation noun names the organisation, which is the speaker
            org_name = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", text[a:head_end].strip(),
                              flags=re.IGNORECASE)
            yield 0, Resolution(org_name, phrase, a, b, "organisation", "", None, "unknown_name")
            in_head = []
        for i, res in enumerate(in_head):
            yield (0 if i == 0 else 1), res
        if head in PERSON_ROLES and role is None and not in_head:
            # an unnamed person ("a Syrian military source", "the SANA reporter") speaks for
            # themself, not for the organisation named in front of the role
            side = self.registry.actors[reg[0][2]].side if reg else ""
            yield 2, Resolution(_lower_first(self._unnamed_name(unnamed, a, b, reg)), phrase, a, b, "unnamed", side,
                                None, "unnamed")
        head_toks = tokens(text, a, head_end)[-1:]
        head_in_reg = bool(head_toks) and any(s_ <= head_toks[0][0] < e_ for s_, e_, _ in reg)
        if head in GROUP_WORDS and not in_head and not head_in_reg:
            # "field sources in the northeastern Hasaka province": the group, not the place
            group_end = head_end
            if _OF_NAME.match(text, head_end, b):
                group_end = b  # "opponents of Syrian President Bashar al-Assad": whose group it is stays
            group = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", text[a:group_end].strip(), flags=re.IGNORECASE)
            yield 2, Resolution(_lower_first(group), phrase, a, b, "group", "", None, "generic")
        for s, res in people:
            if res not in in_head:
                yield 3, res
        for s, e, name in reg:
            kind = self.registry.actors[name].kind
            if kind == "person":
                continue
            if kind == "state":
                # "USA Today", "Russia Today": a state name opening a longer proper name
                nxt = text[e:b].split()
                if nxt and nxt[0][:1].isupper() and not self._registry_in(e + 1, e + 1 + len(nxt[0])):
                    yield 5, Resolution(" ".join([text[s:e], nxt[0]]), text[s:e + 1 + len(nxt[0])], s,
                                        e + 1 + len(nxt[0]), "organisation", "", None, "unknown_name")
                    continue
            yield (3 if kind == "organisation" else 4) + (2 if s >= head_end else 0), self._from_actor(name, s, e, "name")
        for s, e, name, kind_ in names:
            if kind_ != "person":
                yield 5 + (2 if s >= head_end else 0), Resolution(name, text[s:e], s, e, kind_, "", None, "unknown_name")
        if head in _GENERIC_ORG_HEADS and not reg and phrase[:4].lower() == "the " and role is None:
            # "the group", "the organisation": the organisation that spoke last
            res = self._antecedent("it", a)
            if res is not None:
                yield 6, Resolution(res.speaker, phrase, a, b, res.kind, res.side, res.gender,
                                    f"role:{res.how}", res.start, res.in_registry)
        if head in GROUP_WORDS or head in ROLE_WORDS:
            yield 8, Resolution(_lower_first(unnamed), phrase, a, b, generic_kind(unnamed), "", None, "generic")

    def _unknown_names(self, a: int, b: int, reg):
        """Capitalised runs in text[a:b] outside registry mentions, split at titles, as
        (start, end, canonical-in-article, kind)."""
        toks = tokens(self.text, a, b)
        covered = [(s, e) for s, e, _ in reg]
        runs: list[list[tuple[int, int, str]]] = []
        cur: list[tuple[int, int, str]] = []
        titled = False
        for s, e, t in toks:
            t2 = _clean(t.rstrip(","))
            if t2[:1] in "\"“" and _QUOTED_NAME.fullmatch(t2):
                s, t2 = s + 1, t2[1:-1]  # "Cham" in the opposition "Cham" TV network
            low = t2.lower()
            in_reg = any(cs <= s < ce for cs, ce in covered)
            is_name = (t2[:1].isupper() or low in PARTICLES or re.match(r"^(?:al|el|bin|ibn|abu)-", low)) \
                and (low not in TITLES or low in DEMONYMS) and not (t2 in SENTENCE_ADVERBS and not cur) \
                and low not in DETERMINERS \
                and not in_reg and low not in NON_SPEAKERS \
                and not _MODIFIER.search(low) and not (not cur and (self._common_word(t2) or low in GROUP_WORDS))
            if not is_name and cur and low in ORG_WORDS and t2.islower():
                # "Idlib News network": a lower-case organisation word closes the name
                cur.append((s, s + len(t2), t2))
                runs.append((cur, titled))
                cur = []
                continue
            if is_name:
                if low in PARTICLES and not cur and not t2[:1].isupper():
                    pass
                cur.append((s, s + len(t2), t2))
            else:
                if cur:
                    runs.append((cur, titled))
                    cur = []
                titled = low in TITLES
            if t.endswith(",") and cur:
                runs.append((cur, titled))
                cur = []
        if cur:
            runs.append((cur, titled))
        for run, was_titled in runs:
            while run and run[-1][2].lower() in PARTICLES:
                run = run[:-1]
            while run and run[0][2].lower() in PARTICLES and run[0][2][:1].islower() and len(run) == 1:
                run = run[1:]
            if not run:
                continue
            words = [t for _, _, t in run]
            if any(w.lower() in ORG_WORDS for w in words):
                name = " ".join(words)
                yield run[0][0], run[-1][1], name, "organisation"
                continue
            if _PLACE_ADJECTIVE.fullmatch(run[0][2].lower()):
                continue  # "Southern Aleppo", "Eastern Ghouta": a place does not speak
            if self.registry is not None and self.registry.places and \
                    " ".join(t for _, _, t in run) in self.registry.places:
                continue
            # a capitalised function or role word opening the run is not part of a name
            # ("If ...", "Like Noha Samira", "Affairs Stephen OBrien")
            while run and (run[0][2].lower() in _stopwords() or run[0][2].lower() in ROLE_WORDS
                           or run[0][2].lower() in _CLAUSE_OPENERS) \
                    and run[0][2].lower() not in PARTICLES:
                run = run[1:]
            if not run:
                continue
            # a demonym opens an organisation's name ("Russian Center"), not a person's
            while run and run[0][2].lower() in DEMONYMS:
                run = run[1:]
            if not run:
                continue
            words = [t for _, _, t in run]
            key = name_key(" ".join(words))
            if len(words) >= 2 or was_titled or key in self.unknown_names:
                full = self.unknown_names.get(key, "")
                name = " ".join(words)
                if len(name) > len(full):
                    self.unknown_names[key] = name
                yield run[0][0], run[-1][1], self.unknown_names[key], "person"
            elif run[-1][1] >= b - 1:
                # a lone capitalised word counts only as the head of the phrase ("Sedney said"),
                # not as a modifier ("Western states")
                yield run[0][0], run[-1][1], words[0], "unknown"

    def _unnamed_name(self, unnamed: str, a: int, b: int, reg) -> str:
        """A name for an unnamed person: the role with its organisation in front, so "a source
        at Aleppo Police Command" and "an Aleppo Police Command source" are one speaker; an
        organisation named in the registry gets its canonical name; places ("in Lattakia") go."""
        m = re.match(r"^(.*?)\s+(at|for|of|with|from|in)\s+(?:the\s+)?(.+)$", unnamed)
        if not m:
            words = unnamed.split()
            modifier = " ".join(words[:-1]).lower()
            if len(words) >= 2 and modifier.split()[-1] in _GENERIC_ORG_HEADS and self.registry is not None:
                # "a UK-based monitor spokesperson": a description of an organisation in front
                # of the role refers back to that organisation, like "a spokesperson for the
                # UK-based monitor"
                res = self._role(modifier, a)
                if res is not None and res.kind in ("organisation", "state"):
                    return f"{res.speaker} {words[-1]}"
            return unnamed
        head, prep, rest = m.groups()
        if prep == "in":
            return head
        org = rest
        for s, e, name in reg:
            if self.text[s:e] in rest and self.registry.actors[name].kind != "person":
                org = name
                break
        else:
            low = rest.lower()
            # only a description ("the UK-based monitor") refers back; a proper name
            # ("Daraa Police Command") is kept as written
            proper = any(w[:1].isupper() and "-" not in w for w in rest.split())
            if not proper and (low.split()[-1] in ORG_ROLES or low.split()[-1] in _GENERIC_ORG_HEADS):
                res = self._role(low, a)
                if res is not None:
                    org = res.speaker
        return f"{org} {head}"

    def _find_surname_conflicts(self) -> dict[str, str]:
        """Bare surnames that, in this article, belong to someone else than the registry
        person: "Suzanne Johnson ... Johnson said" is not Boris Johnson. Maps the surname as
        written to the other person's full name."""
        out: dict[str, str] = {}
        if self.registry is None:
            return out
        for s, e, name in self.mentions:
            alias = self.text[s:e]
            actor = self.registry.actors[name]
            if actor.kind != "person" or " " in alias or alias == name or alias in actor.aliases:
                continue
            m = re.search(r"([A-Z][a-z]+)\s+$", self.text[max(0, s - 30):s])
            if not m:
                continue
            first = m.group(1)
            if first.lower() in TITLES or first in SENTENCE_ADVERBS or first in name.split() \
                    or any(first in a.split() for a in actor.aliases) or self._common_word(first) \
                    or first in self.registry.alias_to_actor or first.lower() in ORG_WORDS \
                    or first.lower() in ROLE_WORDS or first.lower() in _stopwords():
                continue
            if name in self.text or any(" " in a and a in self.text for a in actor.aliases):
                continue  # "Ivanka Trump" in an article that names Donald Trump too
            out[alias] = f"{first} {alias}"
        return out

    def not_a_speaker(self, name: str) -> bool:
        """Whether a would-be unregistered speaker is no actor at all: a place of the registry
        ("Aleppo", "Homs"), a capitalised common word of the article ("If", "Heavy", "Video",
        "Reports"), a sentence adverb or a day ("Wednesdays")."""
        bare = _ARTICLE_START.sub("", name.strip())
        if not bare:
            return True
        if self.registry is not None and bare in self.registry.places:
            return True
        if " " in bare:
            return False
        return bare in SENTENCE_ADVERBS or bool(_DAY.fullmatch(bare)) or bare.lower() in _stopwords() \
            or bare.lower() in NON_ACTOR_WORDS or bare.lower() in _CLAUSE_OPENERS \
            or (bare[:1].isupper() and bare.lower() not in GROUP_WORDS and self._common_word(bare))

    def _common_word(self, tok: str) -> bool:
        """A capitalised token whose lower-case form occurs in the article is a common word
        ("Mortar shells ...", "Another group ..."), not a name."""
        if not tok[:1].isupper() or tok.isupper() or len(tok) < 3 or tok.lower() in PARTICLES:
            return False
        if self._lower_words is None:
            self._lower_words = set(_LOWER_WORD.findall(self.text))
        return tok.lower() in self._lower_words

    # -- coreference -----------------------------------------------------------------
    def _compatible(self, res: Resolution, pronoun: str) -> bool:
        want, gender = PRONOUNS[pronoun]
        if want == "person":
            # an unnamed person ("a military source") can be "he" or "she" too
            return res.kind in ("person", "unnamed", "unknown") and (res.gender is None or res.gender == gender)
        if want == "thing":
            return res.kind in ("organisation", "state")
        return res.kind in ("organisation", "state", "group")

    def _antecedent(self, pronoun: str, pos: int) -> Resolution | None:
        # Inside a sentence, a pronoun refers first to the sentence's own subject ("The White
        # Helmets civil defence group released pictures ... after what it said was ...").
        if self.sentence_starts and not self._nested:
            k = bisect.bisect_right(self.sentence_starts, pos) - 1
            s0 = self.sentence_starts[k] if k >= 0 else 0
            if pos - s0 > 2:
                span = phrase_after(self.text, s0, pos)
                if span is not None and span[1] < pos:
                    low = self.text[span[0]:span[1]].lower()
                    if low not in PRONOUNS:
                        best = self.resolve([span], pronouns=False)
                        if best is not None and best.how in ("name", "unknown_name") and self._compatible(best, pronoun) \
                                and not (best.kind in ("group", "unknown") and self.not_a_speaker(best.speaker)):
                            return Resolution(best.speaker, best.mention, best.start, best.end, best.kind, best.side,
                                              best.gender, "sentence_subject", in_registry=best.in_registry)
        for at, res in self._recent_first(pos):
            if at < pos and self._compatible(res, pronoun):
                return Resolution(res.speaker, res.mention, at, res.end, res.kind, res.side, res.gender,
                                  "last_speaker", in_registry=res.in_registry)
        if self.registry is not None:
            k = bisect.bisect_left(self._mention_starts, pos) - 1
            while k >= 0:
                s, e, name = self.mentions[k]
                res = self._from_actor(name, s, e, "last_mention")
                if self._compatible(res, pronoun):
                    return res
                k -= 1
        if PRONOUNS[pronoun][0] == "person":
            # a person named in the text but never quoted and not in the registry
            best = None
            for m in _PERSON_NAME.finditer(self.text, max(0, pos - 1500), pos):
                words = m.group().split()
                if any(w.lower() in ORG_WORDS or w.lower() in TITLES or self._common_word(w)
                       or w.lower() in _stopwords() or w.lower() in _CLAUSE_OPENERS for w in words):
                    continue
                k = bisect.bisect_right(self._mention_starts, m.start()) - 1
                if k >= 0 and self.mentions[k][1] > m.start():
                    continue  # "Human Rights" in "Syrian Observatory for Human Rights": part of a name
                if self.not_a_speaker(m.group()) or _PLACE_ADJECTIVE.fullmatch(words[0].lower()):
                    continue  # "Eastern Ghouta", "Southern Aleppo": a place
                if _NAME_TAIL_BEFORE.search(self.text, max(0, m.start() - 5), m.start()):
                    continue  # the tail of an organisation's name ("... for Human Rights")
                best = m
            if best is not None:
                key = name_key(best.group())
                name = self.unknown_names.get(key, best.group())
                return Resolution(name, best.group(), best.start(), best.end(), "person", "", None, "last_name")
        return None

    def _role(self, bare: str, pos: int, side_words: list[str] | None = None) -> Resolution | None:
        """Resolve a role phrase ("u.n. envoy", "the ministry") to the most recent speaker or
        mention carrying that role, trying the longest role phrase first. `side_words` (the
        whole phrase, with its prepositional phrase) give the side when `bare` names none."""
        if self.registry is None:
            return None
        words = bare.split()
        side = self._side_of(words) or (self._side_of(side_words) if side_words else "")
        for n in range(len(words), 0, -1):
            role = " ".join(words[-n:])
            names = set(self.registry.role_to_actors.get(role, ())) | self.roles_seen.get(role, set())
            if side and names:
                # "Iran's foreign minister", "the Russian defence ministry spokesman": only
                # actors of that side; a single one is the referent even if not yet mentioned
                names = {x for x in names if x in self.registry.actors and self.registry.actors[x].side == side}
                if len(names) == 1:
                    name = next(iter(names))
                    for s, e, m in self.mentions:
                        if m == name:
                            return self._from_actor(name, s, e, "role_of_side")
                    actor = self.registry.actors[name]
                    return Resolution(name, "", -1, -1, actor.kind, actor.side, actor.gender, "role_of_side",
                                      in_registry=True)
            if not names:
                continue
            for at, res in self._recent_first(pos):
                if at < pos and res.speaker in names:
                    return Resolution(res.speaker, res.mention, at, res.end, res.kind, res.side, res.gender,
                                      "last_speaker", in_registry=res.in_registry)
            k = bisect.bisect_left(self._mention_starts, pos) - 1
            while k >= 0:
                s, e, name = self.mentions[k]
                if name in names and name in self.registry.actors:
                    return self._from_actor(name, s, e, "last_mention")
                k -= 1
            if len(names) == 1:
                # "a monitoring group said ... The Syrian Observatory ...": a role specific to one
                # actor may point forward, to a mention shortly after; a role of several words
                # ("the civil defence") to a mention anywhere later in the article
                reach = len(self.text) if " " in role else pos + 400
                k = bisect.bisect_left(self._mention_starts, pos)
                while k < len(self.mentions) and self.mentions[k][0] < reach:
                    s, e, name = self.mentions[k]
                    if name in names:
                        return self._from_actor(name, s, e, "next_mention")
                    k += 1
        return None

    def _side_of(self, words: list[str]) -> str:
        """The side a role phrase names by a demonym or a state ("russian", "iran's", "u.s."),
        or ""."""
        for w in words:
            w = re.sub(r"(?:['’]s|s)$", "", w) if w not in DEMONYMS else w
            if w in DEMONYMS:
                return DEMONYMS[w]
            if self.registry is not None:
                for cand in (w, w.upper(), w.title()):
                    actor = self.registry.lookup(cand)
                    if actor is not None and actor.kind == "state":
                        return actor.side
        return ""

    def _recent_first(self, pos: int):
        """The (offset, resolution) entries of `history` before offset `pos`, latest offset
        first (equal offsets in the order remembered): what sorting `history` by offset,
        descending, yields, without re-sorting it for every pronoun (that was quadratic in the
        number of statements of an article)."""
        history = self.history
        if history is not self._sorted_source or len(self._sorted_keys) > len(history):
            self._sorted_source, self._sorted_keys, self._sorted_items = history, [], []
        for seq in range(len(self._sorted_keys), len(history)):
            key = (history[seq][0], -seq)
            k = bisect.bisect_left(self._sorted_keys, key)
            self._sorted_keys.insert(k, key)
            self._sorted_items.insert(k, history[seq])
        k = bisect.bisect_left(self._sorted_keys, (pos, -len(history) - 1))
        for idx in range(k - 1, -1, -1):
            yield self._sorted_items[idx]

    def remember(self, pos: int, res: Resolution) -> None:
        """Record that `res` spoke at offset `pos` (characters), for later pronouns and roles.
        Role words written around a person's name ("U.N. spokesman Martin Nesirky") are kept so
        a later "the spokesman" finds them."""
        self.history.append((pos, res))
        if res.kind == "unnamed" and res.start >= 0 and self.registry is not None:
            # "A spokesman for the Syria Civil Defense said ... The group ...": the organisation
            # an unnamed person speaks for is a referent for later "it", "they", "the group"
            orgs = [m for m in self._registry_in(res.start, res.end) if self.registry.actors[m[2]].kind != "person"]
            if orgs:
                s, e, name = orgs[-1]
                self.history.append((pos, self._from_actor(name, s, e, "name")))
        if res.kind == "person" and res.start >= 0 and res.how in ("name", "unknown_name"):
            left = self.text[max(0, res.start - 40):res.start].lower().split()[-3:]
            # an apposition after the name counts too ("Abu Abdel-Moneim, the father of ...")
            right = _APPOSITION_ROLE.match(self.text, res.end, res.end + 40)
            for w in left + ([right.group(1).lower()] if right else []):
                w = w.strip(",")
                if w in PERSON_ROLES:
                    self.roles_seen.setdefault(w, set()).add(res.speaker)
