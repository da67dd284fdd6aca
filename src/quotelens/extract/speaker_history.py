"""Who spoke where in one article, and who holds a role: the memory speaker resolution keeps.

`SpeakerHistory` records the speaker of every statement resolved so far (offset of its cue,
Resolution) and the role words written next to speakers' names ("U.N. spokesman Martin
Nesirky"), and answers the questions role nouns ask of it: who spoke last before an offset
(`recent_first`), which registry actor or remembered speaker holds a role phrase
(`role_holder`, "the U.N. envoy", "Iran's foreign minister"), which side a phrase names
(`side_of`), and what to call an unnamed person ("a source at Aleppo Police Command",
`unnamed_name`). quotelens.extract.resolution builds on it.

Reads: an article's text and the actor registry. Writes: `Resolution` records; offsets are
characters into the text.
"""

from __future__ import annotations

import bisect
import re

from quotelens.extract.home_state import in_name_list
from quotelens.extract.lexicon.demonyms import DEMONYMS
from quotelens.extract.lexicon.role_modifiers import NEUTRAL_ROLE_MODIFIERS
from quotelens.extract.lexicon.speaker_heads import GENERIC_ORG_HEADS, ORG_ROLES, PERSON_ROLES
from quotelens.extract.mentions import ArticleMentions, Resolution
from quotelens.extract.registry import Registry

# "an AFP photographer at the scene", "a witness on the spot": a circumstance, not a description.
_AT_THE_SCENE = re.compile(r"\s+(?:at|on)\s+the\s+(?:scene|spot)$", re.IGNORECASE)
_APPOSITION_ROLE = re.compile(r",?\s+(?:the|a|an)\s+([\w-]+)")  # "Abu Abdel-Moneim, the father"


class SpeakerHistory(ArticleMentions):
    """The speakers of one article so far and the roles they were introduced with."""

    def __init__(self, text: str, registry: Registry | None):
        super().__init__(text, registry)
        # Speakers of statements so far as (offset of the statement's cue, resolution).
        self.history: list[tuple[int, Resolution]] = []
        # `history` kept sorted by offset, for `recent_first` (rebuilt when `history` is replaced).
        self._sorted_source: list | None = None
        self._sorted_keys: list[tuple[int, int]] = []
        self._sorted_items: list[tuple[int, Resolution]] = []
        self.roles_seen: dict[str, set[str]] = {}  # role word -> speakers introduced with it

    def recent_first(self, pos: int):
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
            orgs = [m for m in self.registry_in(res.start, res.end) if self.registry.actors[m[2]].kind != "person"]
            if orgs:
                s, e, name = orgs[-1]
                self.history.append((pos, self.from_actor(name, s, e, "name")))
        if res.kind == "person" and res.start >= 0 and res.how in ("name", "unknown_name"):
            left = self.text[max(0, res.start - 40):res.start].lower().split()[-3:]
            # an apposition after the name counts too ("Abu Abdel-Moneim, the father of ...")
            right = _APPOSITION_ROLE.match(self.text, res.end, res.end + 40)
            for w in left + ([right.group(1).lower()] if right else []):
                w = w.strip(",")
                if w in PERSON_ROLES:
                    self.roles_seen.setdefault(w, set()).add(res.speaker)

    def role_holder(self, bare: str, pos: int, side_words: list[str] | None = None) -> Resolution | None:
        """Resolve a role phrase ("u.n. envoy", "the ministry") to the most recent speaker or
        mention carrying that role, trying the longest role phrase first. `side_words` (the
        whole phrase, with its prepositional phrase) give the side when `bare` names none."""
        if self.registry is None:
            return None
        words = bare.split()
        side = self.side_of(words) or (self.side_of(side_words) if side_words else "")
        for n in range(len(words), 0, -1):
            role = " ".join(words[-n:])
            names = set(self.registry.role_to_actors.get(role, ())) | self.roles_seen.get(role, set())
            if n < len(words):
                # matched by its last words only: the words left out must fit the actor
                names = {x for x in names if x not in self.registry.actors
                         or self._modifiers_fit(self.registry.actors[x], words[:-n])}
            if side and names:
                # "Iran's foreign minister", "the Russian defence ministry spokesman": only
                # actors of that side; a single one is the referent even if not yet mentioned
                names = {x for x in names if x in self.registry.actors and self.registry.actors[x].side == side}
                if len(names) == 1:
                    name = next(iter(names))
                    for s, e, m in self.mentions:
                        if m == name:
                            return self.from_actor(name, s, e, "role_of_side")
                    actor = self.registry.actors[name]
                    return Resolution(name, "", -1, -1, actor.kind, actor.side, actor.gender, "role_of_side",
                                      in_registry=True)
            if not names and n == 1:
                # "the secretary" for "Secretary of State John Kerry": the head of a registry
                # role with an of-phrase, only for the one such actor the article named before
                names = self._named_with_role_head(role, pos, words[:-1], side_words or [])
                if len(names) != 1:
                    continue
            if not names:
                continue
            for at, res in self.recent_first(pos):
                if at < pos and res.speaker in names:
                    return Resolution(res.speaker, res.mention, at, res.end, res.kind, res.side, res.gender,
                                      "last_speaker", in_registry=res.in_registry)
            k = bisect.bisect_left(self.mention_starts, pos) - 1
            while k >= 0:
                s, e, name = self.mentions[k]
                # (not a name listed among others: "from Afghanistan, Eritrea, Libya, Syria and Yemen")
                if name in names and name in self.registry.actors and not in_name_list(self.text, s, e):
                    return self.from_actor(name, s, e, "last_mention")
                k -= 1
            if len(names) == 1:
                # "a monitoring group said ... The Syrian Observatory ...": a role specific to one
                # actor may point forward, to a mention shortly after; a role of several words
                # ("the civil defence") to a mention anywhere later in the article
                reach = len(self.text) if " " in role else pos + 400
                k = bisect.bisect_left(self.mention_starts, pos)
                while k < len(self.mentions) and self.mentions[k][0] < reach:
                    s, e, name = self.mentions[k]
                    if name in names:
                        return self.from_actor(name, s, e, "next_mention")
                    k += 1
        return None

    def _named_with_role_head(self, head: str, pos: int, modifiers: list[str], phrase: list[str]) -> set[str]:
        """The registry actors mentioned before offset `pos` holding a role "`head` of ..."
        ("secretary of state" for "secretary") whose registry words fit `modifiers`; when the
        whole `phrase` has an of-phrase too ("the head of the Syrian Observatory"), a word of it
        must be in the role's ("head of the observatory")."""
        named = {name for s, e, name in self.mentions[:bisect.bisect_left(self.mention_starts, pos)]}
        prefix = head + " of "
        low = [w.lower().strip(",.") for w in phrase]
        tail = set(low[low.index("of") + 1:]) - {"the", "a", "an"} if "of" in low else set()
        return {x for x in named if x in self.registry.actors
                and any(r.startswith(prefix) and (not tail or tail & set(r.split())) for r in self.registry.actors[x].roles)
                and self._modifiers_fit(self.registry.actors[x], modifiers)}

    def _modifiers_fit(self, actor, modifiers: list[str]) -> bool:
        """Whether the words in front of a role ("militant" of "militant group", "britain-based"
        of "britain-based observatory") can describe the registry `actor`: each is a side word,
        a neutral modifier (lexicon.role_modifiers) or a word of the actor's name, aliases or
        roles. Words up to the last article are not the role's ("Sunday a monitor")."""
        cut = max((i + 1 for i, w in enumerate(modifiers) if w in ("a", "an", "the")), default=0)
        own = set()
        for phrase in (actor.name, *actor.aliases, *actor.roles):
            own.update(w.strip("(),") for w in phrase.lower().split())
        for w in modifiers[cut:]:
            bare = re.sub(r"['’]?s$", "", w)  # a possessive, also FA-KES's "observatorys"
            if w in own or bare in own or w in NEUTRAL_ROLE_MODIFIERS or self.side_of([w]):
                continue
            return False
        return True

    def side_of(self, words: list[str]) -> str:
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

    def unnamed_name(self, unnamed: str, a: int, b: int, reg) -> str:
        """A name for an unnamed person: the description as the article gives it, without its
        determiner ("source at Aleppo Police Command", "official from the autonomous
        administration", "medical source in Hasakeh city": the news gold guideline, section 3).
        Rearranging it around the preposition ("Aleppo Police Command source") garbled phrases
        whose head is not the role ("Ahmed a resident of the west of the city"). Only a
        description of an organisation ("a UK-based monitor spokesperson", "a spokesperson for
        the UK-based monitor") is replaced by the organisation it refers back to."""
        unnamed = _AT_THE_SCENE.sub("", unnamed)  # where they stood is no part of who they are
        m = re.match(r"^(.*?)\s+(at|for|of|with|from)\s+(?:the\s+)?(.+)$", unnamed)
        if m:
            head, _, rest = m.groups()
            low = rest.lower()
            proper = any(w[:1].isupper() and "-" not in w for w in rest.split())
            if not proper and (low.split()[-1] in ORG_ROLES or low.split()[-1] in GENERIC_ORG_HEADS):
                # only a description ("a spokesperson for the UK-based monitor") refers back to
                # the organisation the article named; a proper name is kept as written
                res = self.role_holder(low, a)
                if res is not None and res.start < a:  # back, not to a name inside the phrase
                    return f"{res.speaker} {head}"
            return unnamed
        words = unnamed.split()
        modifier = " ".join(words[:-1]).lower()
        if len(words) >= 2 and modifier.split()[-1] in GENERIC_ORG_HEADS and self.registry is not None:
            # "a UK-based monitor spokesperson": a description of an organisation in front
            # of the role refers back to that organisation, like "a spokesperson for the
            # UK-based monitor"
            res = self.role_holder(modifier, a)
            if res is not None and res.kind in ("organisation", "state"):
                return f"{res.speaker} {words[-1]}"
        return unnamed
