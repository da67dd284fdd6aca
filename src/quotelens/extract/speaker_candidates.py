"""Candidate speakers for one speaker phrase, ranked: what a phrase such as "The U.N. envoy",
"Russian Foreign Minister Sergei Lavrov", "a spokesman for the ministry", "the statement" or
"he" may refer to in its article.

In rank order (lower is better): a person named in the head of the phrase, a role noun or
document resolved to its holder or author (quotelens.extract.coreference,
quotelens.extract.documents), an unnamed person or group as written, people and
organisations in a prepositional phrase, registry organisations and states, pronouns resolved
to their antecedent, and generic heads. `SpeakerResolver.resolve` (quotelens.extract.resolution)
picks the best candidate over the phrases of one cue.

Reads: a `SpeakerResolver` (the article's text, registry mentions, entities and speaker
history). Writes: (rank, `Resolution`) pairs.
"""

from __future__ import annotations

import re

from quotelens.extract.coreference import (
    recent_person_speaker, role_referent, thing_antecedent, unnamed_speaker_with_head,
)
from quotelens.extract.documents import document_author
from quotelens.extract.lexicon.demonyms import DEMONYMS
from quotelens.extract.lexicon.documents import DOCUMENT_WORDS
from quotelens.extract.lexicon.grammar_words import MODIFYING_PREPOSITIONS, PREPOSITIONS
from quotelens.extract.lexicon.groups import GROUP_WORDS, MONITOR_NAME_WORDS, MONITOR_WORDS
from quotelens.extract.lexicon.organisations import INSTITUTION_WORDS, ORG_WORDS
from quotelens.extract.lexicon.media_outlets import MEDIA_ROLES, OUTLET_HEADS, RELAY_WORDS
from quotelens.extract.lexicon.post_modifiers import RELAY_PARTICIPLES, SINGLE_OUTLET_NOUNS
from quotelens.extract.lexicon.pronouns import PRONOUNS, UNRESOLVED_PRONOUN
from quotelens.extract.lexicon.speaker_heads import (
    GENERIC_ORG_HEADS, ORG_ROLES, PERSON_ROLES, ROLE_WORDS,
)
from quotelens.extract.lexicon.titles import ANONYMOUS_ROLES
from quotelens.extract.mentions import Resolution, generic_kind, head_phrase, lower_first, own_acronym
from quotelens.extract.speaker_phrases import tokens
from quotelens.extract.speaker_types import is_outlet_name

_CAPITALISED_TAIL = re.compile(r"(?:\s+[A-Z][\w.&-]*)+")
_WHOSE_PREPOSITIONS = frozenset(("of", "for", "with"))  # name whose or whom the head is, not where
_OF_NAME = re.compile(r"\s*of\s+(?:the\s+)?[A-Z]")  # "opponents of Syrian President ..."
# between the runs: "of"/"for", maybe words the name finder left out ("for [Health] Statistics")
_OF_FOR = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,2}")
_AND = re.compile(r"\s+(?:and|&)\s+")
_ORG_HEADS = ORG_WORDS | INSTITUTION_WORDS
# a preposition, maybe a determiner and up to three capitalised words before a phrase
_AFTER_PREPOSITION = re.compile(r"\b(?:of|for|at|in|from|with|by|to|on)\s+(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+){0,3}$")


def speaker_candidates(resolver, a: int, b: int):
    """(rank, Resolution) candidates for the phrase text[a:b] (characters) of the article
    `resolver` (a SpeakerResolver) reads; lower rank is better."""
    text = resolver.text
    phrase = text[a:b]
    low = phrase.lower()
    bare = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", low)
    if bare in PRONOUNS:
        res = resolver.antecedent(bare, a)
        if res is not None:
            yield 6, Resolution(res.speaker, phrase, a, b, res.kind, res.side, res.gender,
                                f"pronoun:{res.how}", res.start, res.in_registry)
        else:
            # nobody to refer to in the article: a pronoun is never a name (issue 13), the
            # speaker is kept as a typed unnamed category
            yield 9, Resolution(UNRESOLVED_PRONOUN[PRONOUNS[bare][0]], phrase, a, b, "unnamed", "",
                                PRONOUNS[bare][1], "pronoun_unresolved")
        return
    reg = resolver.registry_in(a, b)
    head_part = head_phrase(bare)
    head = head_part.split()[-1] if head_part else ""
    # where the head part ends in the text: names after it sit in a prepositional phrase
    # ("a spokesman for the Syria Civil Defense") and only modify the head
    head_end = b
    for s, e, t in tokens(text, a, b)[1:]:
        if t.lower() in PREPOSITIONS or t.lower() in MODIFYING_PREPOSITIONS or t.lower() in RELAY_WORDS:
            head_end = s
            break
    # a place in a prepositional phrase ("The group with a network of sources inside Syria")
    # only locates the head: it is no candidate, and the head resolves as if it were absent
    reg = [(s, e, n) for s, e, n in reg
           if not (s >= head_end and resolver.registry.actors[n].kind == "state" and _located_by(text, head_end, s))]
    has_person = any(resolver.registry.actors[n].kind == "person" for s, _, n in reg if s < head_end) if reg else False
    unnamed = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", phrase, flags=re.IGNORECASE)
    role = None
    # a state's name opening a longer proper name ("Syria TV", "USA Today") names that outlet,
    # not the state
    org_in_head = [(s, e, n) for s, e, n in reg if s < head_end and resolver.registry.actors[n].kind != "person"
                   and not _opens_proper_name(text, s, e, b, resolver.registry.actors[n].kind)]
    names = _joined_names(text, list(resolver.unregistered_names(a, b, reg, head_end)), reg)
    if head in SINGLE_OUTLET_NOUNS and org_in_head and _state_modifies(resolver, org_in_head, text, head_end):
        # "Syrian regime television", "Iranian state TV": a state (or its adjective) before a
        # media noun names whose outlet it is; the outlet speaks, not the government. The
        # registry's outlet of that state is asked for with the state's first word and each
        # media noun in turn ("syrian television", "syria state tv"), so that a regime or
        # government word between need not fit the outlet's name
        s_, e_, _ = org_in_head[-1]
        state_word = text[s_:e_].split()[0].lower()
        outlet_words = [w.lower() for w in text[e_:head_end].split() if w.lower() in SINGLE_OUTLET_NOUNS]
        asks = [f"{state_word} {m}{w}" for w in outlet_words for m in ("", "state ")]
        role = next((r for r in (resolver.role_holder(q, a) for q in asks)
                     if r is not None and r.kind == "organisation"), None)
        if role is not None:
            yield 1, Resolution(role.speaker, phrase, a, b, role.kind, role.side, None,
                                f"role:{role.how}", role.start, role.in_registry)
        else:
            outlet = re.sub(r"^(?:the|a|an)\s+", "", text[a:head_end].strip(), flags=re.IGNORECASE)
            yield 1, Resolution(outlet, phrase, a, b, "organisation", "", None, "unknown_name")
        org_in_head = []
    if head in ORG_ROLES and org_in_head and head not in PERSON_ROLES:
        # "the SANA news agency", "Russia's Defence Ministry": the organisation named in the
        # head part is the referent, unless another name stands between it and the head ("The
        # ISIS run Amaq news agency": the owner only modifies the agency's own name)
        s, e, n = org_in_head[-1]
        head_at = text.rfind(" ", a, len(text[:head_end].rstrip(" ,"))) + 1  # where the head word starts
        own = [x for x in names if x[0] >= e and x[1] < head_at and x[3] in ("organisation", "unknown")]
        if own:
            s, e, name, _ = own[-1]
            yield 1, Resolution(name, text[s:e], s, e, "organisation", "", None, "unknown_name")
        else:
            yield 1, resolver.from_actor(n, s, e, "name")
    elif head in PERSON_ROLES or head in ORG_ROLES or (
            resolver.registry is not None and head_part in resolver.registry.role_to_actors):
        # "The U.N. envoy", "a Russian Defence Ministry spokesman": the role is the head,
        # the names in front of it only modify it. A registry role is one whatever its
        # head ("the civil defence"). A state in a prepositional phrase names the side
        # when the head part does not ("the defense ministry in Moscow").
        role = resolver.role_holder(head_part, a, side_words=bare.split())
        if role is not None and not has_person:
            yield 1, Resolution(role.speaker, phrase, a, b, role.kind, role.side, role.gender,
                                f"role:{role.how}", role.start, role.in_registry)
    if head in DOCUMENT_WORDS and role is None:
        # "a UN report", "the statement said", "according to the bulletin": a document
        # stands for its author (quotelens.extract.documents)
        author = document_author(resolver, a, b, head_end, reg)
        if author is not None and _relayed(text, b) and not a <= author.start < b \
                and author.how not in ("named_document", "earlier_document"):
            # "the statement carried by state news agency SANA said": a document passed on by
            # an outlet is not the words of whoever spoke last; it speaks for itself
            author = None
        if author is not None:
            yield 1, Resolution(author.speaker, phrase, a, b, author.kind, author.side, author.gender,
                                "role:document", author.start, author.in_registry)
    # People in the head part: the one nearest the end of it is the head ("Obama campaign
    # spokeswoman Jen Psaki" is Psaki); people in a prepositional phrase rank low.
    people = []
    for s, e, name in reg:
        if resolver.registry.actors[name].kind == "person":
            people.append((s, resolver.from_actor(name, s, e, "name")))
    for s, e, name, kind_ in names:
        if kind_ == "unknown":
            # a lone word the article gives to a person it names in full ("May said" after
            # "Theresa May", "Mrs May"), even a month or a common word
            ent = resolver.entities.lookup(name)
            if ent is not None and ent.kind == "person":
                kind_ = "person"
        if kind_ == "person":
            name = resolver.canonical_person(s, e, name)
            ent = resolver.entities.lookup(name)
            gender = resolver.known_gender(name) or (ent.gender if ent is not None and ent.kind == "person" else None)
            people.append((s, Resolution(name, text[s:e], s, e, kind_, "", gender, "unknown_name")))
    people.sort(key=lambda p: p[0], reverse=True)
    # a name closing the phrase is its head too ("Daesh Secretary of State Rex Tillerson")
    # (not after a group: "opponents of Syrian President Bashar al-Assad" are not Assad)
    # a possessor only modifies the head ("Tony Blair's spokesman" is the spokesman)
    people = [(s, res) for s, res in people
              if not (re.match(r"['’]s?\s+\S", text[res.end:b]) and head in PERSON_ROLES | ORG_ROLES)]
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
    definite = bool(re.match(r"the\s", low))
    # "his father", "her lawyer": a person the article introduced with that role too, but not
    # whoever spoke last (that is more likely the possessor)
    possessed = bool(re.match(r"(?:his|her|their)\s", low)) and head in PERSON_ROLES
    if (definite or possessed) and role is None and not in_head and not reg and (head in PERSON_ROLES or head in ORG_ROLES):
        # "the mayor", "the chief executive", "the observatory": whoever the article
        # introduced with that role word (quotelens.extract.coreference)
        kinds = ("person",) if head in PERSON_ROLES else ("organisation",)
        role = role_referent(resolver, head, a, kinds)
        if role is None and head in PERSON_ROLES:
            # "a U.S. official said ... the official said": the unnamed speaker described
            # with that head before
            role = unnamed_speaker_with_head(resolver, head, a)
        if role is None and head in PERSON_ROLES and not possessed:
            # a role introduced by nobody ("the envoy", "the expert"): the person who spoke
            # just before; a role many may hold at once ("the official") only when a word
            # of the description was written next to that person ("the Kurdish official"
            # after "... the Kurdish National Council Mustafa Sino said")
            modifiers = head_part.split()[:-1]
            outlet_staff = head in MEDIA_ROLES or any(is_outlet_name(w) for w in phrase.split()[1:-1])
            if head not in ANONYMOUS_ROLES and not outlet_staff:  # not "the AFP correspondent"
                role = recent_person_speaker(resolver, a)
            elif modifiers:
                role = recent_person_speaker(resolver, a, near_words=modifiers)
        if role is not None:
            yield 1, Resolution(role.speaker, phrase, a, b, role.kind, role.side, role.gender,
                                f"role:{role.how}", role.start, role.in_registry)
    if role is None and not in_head and not reg and set(head_part.split()) & MONITOR_WORDS:
        # "a monitor said", "a Britain-based monitoring group": the monitoring organisation
        # the article names (by its name or an apposition), before or just after
        ent = resolver.entities.organisation_with_roles(MONITOR_NAME_WORDS, a)
        if ent is not None:
            near = min(ent.mentions, key=lambda p: (p > a, abs(p - a)))
            role = Resolution(ent.name, "", near, -1, "organisation", "", None, "described_organisation", near)
        else:
            role = registry_monitor(resolver, a)
        if role is not None:
            yield 1, Resolution(role.speaker, phrase, a, b, role.kind, role.side, None, f"role:{role.how}",
                                role.start, role.in_registry)
    if definite and role is None and not in_head and not reg and head in OUTLET_HEADS:
        # "the media outlet added": the outlet that spoke in the last sentences
        ents = resolver.entities
        lo = ents.sentence_starts[max(0, ents.sentence_of(a) - 3)] if ents.sentence_starts else 0
        outlet = next((res for at, res in resolver.recent_first(a) if at >= lo and is_outlet_name(res.speaker)), None)
        if outlet is not None:
            role = outlet
            yield 1, Resolution(outlet.speaker, phrase, a, b, outlet.kind, outlet.side, None, "role:last_outlet",
                                outlet.start, outlet.in_registry)
    if head in PERSON_ROLES and role is None and not in_head:
        # an unnamed person ("a Syrian military source", "the SANA reporter") speaks for
        # themself, not for the organisation named in front of the role
        side = resolver.registry.actors[reg[0][2]].side if reg else ""
        name = re.sub(r"['’]s\b", "", resolver.unnamed_name(unnamed, a, b, reg))  # "Tony Blair spokesman"
        yield 2, Resolution(lower_first(name), phrase, a, b, "unnamed", side, None, "unnamed")
    head_toks = tokens(text, a, head_end)[-1:]
    head_in_reg = bool(head_toks) and any(s_ <= head_toks[0][0] < e_ for s_, e_, _ in reg)
    if head in GROUP_WORDS and not in_head and not head_in_reg:
        # "field sources in the northeastern Hasaka province": the group, not the place
        group_end = head_end
        if _OF_NAME.match(text, head_end, b):
            group_end = b  # "opponents of Syrian President Bashar al-Assad": whose group it is stays
        group = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", text[a:group_end].strip(), flags=re.IGNORECASE)
        earlier = unnamed_speaker_with_head(resolver, head, a, kinds=("group", "unnamed")) \
            if definite and group.lower() == head else None
        if earlier is not None and earlier.speaker.lower() != head:
            # "Military sources said ... the sources said": the group described before
            yield 2, Resolution(earlier.speaker, phrase, a, b, earlier.kind, earlier.side, None,
                                f"role:{earlier.how}", earlier.start, earlier.in_registry)
        else:
            yield 2, Resolution(lower_first(group), phrase, a, b, "group", "", None, "generic")
    for s, res in people:
        if res not in in_head:
            yield 3, res
    for s, e, name in reg:
        kind = resolver.registry.actors[name].kind
        if kind == "person":
            continue
        if kind == "state":
            # "USA Today", "Russia Today": a state name opening a longer proper name
            nxt = text[e:b].split()
            if nxt and nxt[0][:1].isupper() and not resolver.registry_in(e + 1, e + 1 + len(nxt[0])):
                yield 5, Resolution(" ".join([text[s:e], nxt[0]]), text[s:e + 1 + len(nxt[0])], s,
                                    e + 1 + len(nxt[0]), "organisation", "", None, "unknown_name")
                continue
        # a possessor in front of another name only modifies it ("Saudi Arabia's Civil
        # Defense Authority")
        possessor = bool(re.match(r"['’]s?\s+[A-Z]", text[e:e + 4]))
        if kind == "organisation" and _whole_phrase(text, a, b, s, e):
            # the phrase is the organisation's name and nothing else: as sure a speaker as a
            # person's name ("The Syrian Civil Defence, a group of first responders, said")
            yield 1, resolver.from_actor(name, s, e, "name")
            continue
        yield (3 if kind == "organisation" else 4) + (2 if s >= head_end or possessor else 0), \
            resolver.from_actor(name, s, e, "name")
    for s, e, name, kind_ in reversed(names):  # the head of a noun phrase is its last name
        if kind_ == "state" and re.match(r"[\s-]+based\b", text[e:e + 8]):
            continue  # "The UK based Syrian Observatory": a modifier
        if kind_ == "organisation":
            # "Syrian Observatory for Human Rights": the organisation's full name in the text
            m = resolver.entities.mention_at(s, e)
            if m is not None and m.entity.kind == "organisation" and m.entity.name.startswith(name):
                name = m.entity.name
                full = name.split()
                if len(full) >= 3 and own_acronym(full[:-1], full[-1]):
                    name = " ".join(full[:-1])  # "... General Commission SRGC": parentheses dropped
        elif kind_ == "unknown" and name.replace(".", "").isupper():
            # an acronym the article introduced with the full name: "The World Health
            # Organisation (WHO) recommends ... WHO say"
            ent = resolver.entities.lookup(name)
            if ent is not None and ent.kind == "organisation":
                name, kind_ = ent.name, "organisation"
        if kind_ == "state" and s >= head_end:
            continue  # a place in a prepositional phrase is no speaker
        if kind_ != "person":
            rank = 1 if kind_ == "organisation" and _whole_phrase(text, a, b, s, e) else 5 + (2 if s >= head_end else 0)
            yield rank, Resolution(name, text[s:e], s, e, kind_, "", None, "unknown_name")
    if head in GENERIC_ORG_HEADS and not reg and phrase[:4].lower() == "the " and role is None:
        # "the group", "the organisation": the organisation the last sentences are about,
        # else the organisation that spoke last
        res = thing_antecedent(resolver, "it", a, kinds=("organisation",)) or resolver.antecedent("it", a)
        if res is not None:
            yield 6, Resolution(res.speaker, phrase, a, b, res.kind, res.side, res.gender,
                                f"role:{res.how}", res.start, res.in_registry)
    if head in GROUP_WORDS or head in ROLE_WORDS:
        yield 8, Resolution(lower_first(unnamed), phrase, a, b, generic_kind(unnamed), "", None, "generic")



def _joined_names(text: str, names: list[tuple[int, int, str, str]], reg) -> list[tuple[int, int, str, str]]:
    """Capitalised runs joined across "of"/"for" when the first ends in an organisation word:
    "Syrian Center" + "Policy Research" is the "Syrian Center for Policy Research", "National
    Center" + "Health Statistics" the "National Center for Health Statistics", not a person
    "Policy Research" and a place. Runs are (start, end, name, kind), characters into `text`;
    a registry mention between two runs keeps them apart ("the Peoples Council of Syria Hadiya
    Khalaf Abbas": Syria, then the person)."""
    out: list[tuple[int, int, str, str]] = []
    joined = False  # the last run is an organisation's name joined across "of"/"for"
    for run in names:
        if out:
            s, e, name, _ = out[-1]
            between = not any(e <= rs < run[0] for rs, _, _ in reg)
            if between and ((_OF_FOR.fullmatch(text, e, run[0]) and (joined or name.split()[-1].lower() in _ORG_HEADS))
                            or (joined and _AND.fullmatch(text, e, run[0]))):  # "of Foreign Affairs and Expatriates"
                out[-1] = (s, run[1], text[s:run[1]], "organisation")
                joined = True
                continue
        out.append(run)
        joined = False
    return out


def _relayed(text: str, b: int) -> bool:
    """Whether the phrase ending at `b` (characters) is followed by a relaying participle and
    "by" ("the statement carried by ...", "quoted by ..."): someone else passed it on."""
    nxt = text[b:b + 40].split()[:2]
    return len(nxt) == 2 and nxt[0].lower() in RELAY_PARTICIPLES and nxt[1].lower() == "by"


def _state_modifies(resolver, org_in_head, text: str, head_end: int) -> bool:
    """Whether every registry mention in the head part is a state, and only lower-case words
    (state, regime, government, state-run, news ...) stand between the last one and the
    head's end: "Syrian regime television", not "SANA news agency" (an outlet's own name)."""
    if any(resolver.registry.actors[n].kind != "state" for _, _, n in org_in_head):
        return False
    rest = text[org_in_head[-1][1]:head_end].split()  # "s government run TV" after "Syria"
    return bool(rest) and all(w[:1].islower() or w.lower() in SINGLE_OUTLET_NOUNS for w in rest)


def _whole_phrase(text: str, a: int, b: int, s: int, e: int) -> bool:
    """Whether the name at text[s:e] is all of the phrase text[a:b] but a determiner, and the
    phrase is not the object of a preposition ("Executive Director of the WHO Health
    Emergencies Programme said": the tail of a description, not the subject)."""
    return not re.sub(r"^(?:the|a|an)\s+", "", text[a:s].strip(), flags=re.IGNORECASE) \
        and not text[e:b].strip(" ,") and not _AFTER_PREPOSITION.search(text, max(0, a - 60), a)


def _located_by(text: str, head_end: int, s: int) -> bool:
    """Whether the last preposition between `head_end` and `s` (characters) places the head
    ("inside", "in", "near"), rather than saying whose it is ("a spokesman for the Syrian
    government", "the ministry of ...")."""
    preps = [w for w in re.findall(r"[a-z]+", text[head_end:s].lower()) if w in MODIFYING_PREPOSITIONS]
    return bool(preps) and preps[-1] not in _WHOSE_PREPOSITIONS


def registry_monitor(resolver, pos: int) -> Resolution | None:
    """The registry organisation whose name, as the article writes it, is a monitor's
    ("Syrian Observatory for Human Rights", "Human Rights Watch") mentioned last before
    `pos`, else first after it; None when there is none."""
    found = [(s, e, n) for s, e, n in resolver.mentions if resolver.registry.actors[n].kind == "organisation"
             and set(re.findall(r"[a-z]+", resolver.text[s:e].lower() + " " + n.lower())) & MONITOR_NAME_WORDS]
    if not found:
        return None
    before = [m for m in found if m[0] < pos]
    s, e, name = before[-1] if before else found[0]
    res = resolver.from_actor(name, s, e, "described_organisation")
    res.resolved_from = s
    return res


def _opens_proper_name(text: str, s: int, e: int, b: int, kind: str) -> bool:
    """Whether the state named at text[s:e] (not its adjective) is followed, up to the phrase
    end `b`, only by capitalised words: "Syria TV" is an outlet's name."""
    return kind == "state" and text[s:e].lower() not in DEMONYMS and bool(_CAPITALISED_TAIL.fullmatch(text, e, b))
