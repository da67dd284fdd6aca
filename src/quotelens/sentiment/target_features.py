"""What the target-sentiment model reads about one target mention in one sentence.

A sentence is tokenised and tagged once (quotelens.extract.postag, Penn Treebank tags) and chunked
into base noun phrases (quotelens.extract.chunk); it is split into clauses by punctuation and by
the words that open a clause (subordinators, relative pronouns, "but", "and" before a verb), a
shallow stand-in for a parse that needs no model beyond the tagger. For each target (a character
span of the sentence) the features are:

- lexicon valences (VADER's word list, else AFINN-165, both on -1..1 per word; a negator up to
  three tokens before, inside the clause, reverses and damps a word by -0.74, as VADER does) summed
  separately for positive and negative words in six places: the target mention itself, the rest of
  its noun phrase, its clause before it, its clause after it, weighted by distance
  (exp(-(d - 1) / DISTANCE_SCALE) tokens), and the other clauses; each sum squashed by tanh;
- the target's grammatical role, guessed from tags: subject (no verb of its clause before it, one
  after), object (a verb of its clause right before its noun phrase), in a prepositional phrase
  (and whether that is "by", a passive's agent), possessor ("X's"), a speaker ("X said", "said
  X"), inside quotation marks; its form (pronoun, proper name, common noun); and the valence of
  the verb that governs it (the subject's next verb, the object's verb before it), apart;
- the sentence's overall tone (the headline model's log-odds, `constrained.HeadlineModel.tone`)
  and its magnitude, one feature each, and the same from the full-vocabulary n-gram model of
  quotelens.sentiment.model (its log-odds of positive over negative, their magnitude, its
  probability of neutral): the target model scores news, so a sentence tone that knows news
  vocabulary helps it (grouped cross-validation on NewsMTSC train, scripts/tune_target_sentiment.py:
  macro-F1 0.672 in version 2, about 0.645 without these three features),
  while the headline keeps to its constrained vocabulary; and (since target model version 3) the
  character n-gram model's (`char_tone`: its log-odds / 4 and P(neutral)), which reads unseen
  inflections and compounds like the seen ones; the other features explain how the target
  departs from these tones;
- target-specific words (`window_words`): the words next to the target, its governing verb, its
  preposition, the content words of its clause and the head of a common-noun target, each marked
  by where it stands; names and numbers are replaced by placeholders, so no person's name can
  become a feature.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from quotelens.extract import chunk, postag
from quotelens.sentiment import lexicons
from quotelens.sentiment.function_words import is_content_word

DISTANCE_SCALE = 3.0  # tokens; the distance weight falls to 1/e three tokens further out
WINDOW = 2  # words on each side of the target kept as positional words
VERB_TAGS = frozenset("VB VBD VBG VBN VBP VBZ MD".split())
NAME_TAGS = frozenset(("NNP", "NNPS"))
PRONOUN_TAGS = frozenset(("PRP", "PRP$", "WP", "WP$"))
QUOTE_MARKS = frozenset(('"', "“", "”", "``", "''", "«", "»"))
SENTENCE_OPENERS = QUOTE_MARKS | {".", "!", "?", ":"}  # a capital after these need not be a name
CLAUSE_PUNCTUATION = frozenset((",", ";", ":", "--", "—", "–", "(", ")", "[", "]")) | QUOTE_MARKS
# Words that open a clause when tagged as a subordinator (IN), a relative or a coordinator.
SUBORDINATORS = frozenset("""because although though while whereas unless if since after before once
    until whether that so""".split())
RELATIVE_TAGS = frozenset(("WDT", "WP", "WP$", "WRB"))
CONTRASTS = frozenset(("but", "yet"))
SPEECH_VERBS = frozenset("""say says said saying tell tells told telling claim claims claimed
    add adds added argue argues argued insist insists insisted warn warns warned write writes wrote
    announce announces announced state states stated""".split())
PLACES = ("target", "phrase", "left", "right", "near", "other", "verb")
ROLES = ("subject", "object", "preposition", "agent", "possessor", "speaker", "quoted", "first",
         "pronoun", "name", "common", "passive", "negated")
# The n-gram model's log-odds are divided by this so that most fall within -1..1, like the other
# dense features (its probabilities are clipped at 1e-9 first).
NGRAM_TONE_UNIT = 4.0
SENTENCE_TONES = ("tone", "ngram_log_odds", "ngram_neutral", "char_tone", "char_neutral")  # dense_row's per-sentence inputs
DENSE_FEATURES = (("tone", "tone_magnitude", "ngram_tone", "ngram_tone_magnitude", "ngram_neutral", "char_tone",
                   "char_neutral")
                  + tuple(f"{place}_{side}" for place in PLACES for side in ("pos", "neg"))
                  + ROLES
                  + ("subject_right_pos", "subject_right_neg", "object_left_pos", "object_left_neg"))


@lru_cache(maxsize=1)
def word_valences() -> dict[str, float]:
    """Lower-case word -> valence on -1..1: VADER's lexicon divided by 4, else AFINN-165 divided
    by 5 (both from the pinned packages, quotelens.sentiment.lexicons)."""
    out = {w: v / 5.0 for w, v in lexicons.afinn().weights.items() if " " not in w}
    out.update({w: v / 4.0 for w, v in lexicons.vader_words().weights.items()})
    return out


@dataclass
class ParsedSentence:
    """A sentence's tokens (text, start, end), Penn tags, lower-case forms, per-token valence
    (after negation), clause number per token, and the base noun phrases."""

    text: str
    tokens: list[tuple[str, int, int]]
    tags: list[str]
    lower: list[str]
    valence: list[float]
    clause: list[int]
    phrases: list[chunk.NounPhrase]
    quote_depth: list[bool]  # inside quotation marks
    negator: list[bool]  # the token is a negator (lexicons.is_negator)


def _opens_clause(lower: list[str], tags: list[str], i: int) -> bool:
    word, tag = lower[i], tags[i]
    if tag in RELATIVE_TAGS or word in CONTRASTS:
        return True
    if tag == "IN" and word in SUBORDINATORS:
        return True
    return word in ("and", "or") and i + 1 < len(tags) and tags[i + 1] in VERB_TAGS


def parse(text: str) -> ParsedSentence:
    """Tokenise, tag, chunk and split `text` (one sentence) into clauses; valences per token."""
    tokens = postag.tokenize(text)
    tags = postag.tag(tokens)
    tagged = [(w, s, e, t) for (w, s, e), t in zip(tokens, tags)]
    phrases = chunk.noun_phrases(tagged)
    lower = [w.lower().replace("\u2019", "'") for w, _, _ in tokens]
    clause, current, inside, quoted = [], 0, False, []
    for i, (word, tag) in enumerate(zip(lower, tags)):
        if word in CLAUSE_PUNCTUATION or (i and _opens_clause(lower, tags, i)):
            current += 1
        if tokens[i][0] in QUOTE_MARKS:
            inside = not inside
        clause.append(current)
        quoted.append(inside)
    valences = word_valences()
    negators = lexicons.NEGATORS
    negator = [w in negators or w.endswith("n't") for w in lower]  # lexicons.is_negator, inlined
    valence, last_negator = [], -10
    for i, word in enumerate(lower):
        if negator[i]:
            last_negator = i
        v = valences.get(word, 0.0)
        if v and i - last_negator <= lexicons.NEGATION_WINDOW and clause[last_negator] == clause[i]:
            v *= lexicons.NEGATION_SCALAR
        valence.append(v)
    return ParsedSentence(text, tokens, tags, lower, valence, clause, phrases, quoted, negator)


def token_span(parsed: ParsedSentence, start: int, end: int) -> tuple[int, int]:
    """Tokens [first, last) overlapping characters [start, end); the nearest token when none
    does (a span of white space)."""
    inside = [i for i, (_, s, e) in enumerate(parsed.tokens) if s < end and e > start]
    if inside:
        return inside[0], inside[-1] + 1
    if not parsed.tokens:
        return 0, 0
    nearest = min(range(len(parsed.tokens)), key=lambda i: abs(parsed.tokens[i][1] - start))
    return nearest, nearest + 1


def _phrase_bounds(parsed: ParsedSentence, first: int, last: int) -> tuple[int, int]:
    """The target's tokens widened to every noun phrase overlapping them."""
    lo, hi = first, last
    for p in parsed.phrases:
        if p.first < last and p.last > first:
            lo, hi = min(lo, p.first), max(hi, p.last)
    return lo, hi


@dataclass
class TargetView:
    """Where one target sits: token span, noun-phrase span, clause, role and governing verb."""

    first: int
    last: int
    phrase_first: int
    phrase_last: int
    clause: int
    roles: dict[str, bool]
    verb: int  # token index of the governing verb, -1 without one
    preposition: str


def view(parsed: ParsedSentence, start: int, end: int) -> TargetView:
    """The target mention at characters [start, end) of the parsed sentence."""
    first, last = token_span(parsed, start, end)
    lo, hi = _phrase_bounds(parsed, first, last)
    n = len(parsed.tokens)
    tags, lower = parsed.tags, parsed.lower
    clause = parsed.clause[first] if n else 0
    same = [i for i in range(n) if parsed.clause[i] == clause]
    verbs_before = [i for i in same if i < lo and tags[i] in VERB_TAGS]
    verbs_after = [i for i in same if i >= hi and tags[i] in VERB_TAGS]
    before = lo - 1 if lo > 0 else -1
    preposition = lower[before] if before >= 0 and tags[before] in ("IN", "TO") else ""
    subject = not verbs_before and bool(verbs_after) and not preposition
    object_ = bool(verbs_before) and before >= 0 and (tags[before] in VERB_TAGS or tags[before] == "RP")
    verb = verbs_after[0] if subject else (verbs_before[-1] if verbs_before else -1)
    near = set(range(max(0, lo - 2), lo)) | set(range(hi, min(n, hi + 2)))
    passive = any(lower[i] in ("was", "were", "been", "being", "be", "is", "are") and i + 1 < n
                  and tags[i + 1] == "VBN" for i in same)
    roles = {
        "subject": subject,
        "object": object_,
        "preposition": bool(preposition),
        "agent": preposition == "by",
        "possessor": hi > last or (last < n and tags[last] == "POS") or (last > 0 and tags[last - 1] == "POS"),
        "speaker": any(lower[i] in SPEECH_VERBS for i in near),
        "quoted": bool(n) and parsed.quote_depth[first],
        "first": lo == 0 or (lo == 1 and lower[0] in QUOTE_MARKS),
        "pronoun": n > 0 and all(tags[i] in PRONOUN_TAGS for i in range(first, last)),
        "name": any(tags[i] in NAME_TAGS for i in range(first, last)),
        "common": n > 0 and not any(tags[i] in NAME_TAGS or tags[i] in PRONOUN_TAGS for i in range(first, last)),
        "passive": passive,
        "negated": any(parsed.negator[i] for i in same),
    }
    return TargetView(first, last, lo, hi, clause, roles, verb, preposition)


def _sums(values) -> tuple[float, float]:
    positive = sum(v for v in values if v > 0)
    negative = sum(v for v in values if v < 0)
    return math.tanh(positive), math.tanh(negative)


def dense_row(parsed: ParsedSentence, where: TargetView, tones) -> list[float]:
    """The DENSE_FEATURES of one target, in that order (valence sums on -1..1, roles 0/1).
    `tones`: the sentence's SENTENCE_TONES (the headline's tone in log-odds units, the n-gram
    model's log-odds of positive over negative, its P(neutral) on 0-1, the character model's
    log-odds / 4 and P(neutral))."""
    tone, ngram_log_odds, ngram_neutral, char_log_odds, char_neutral = (float(t) for t in tones)
    n = len(parsed.tokens)
    v = parsed.valence
    clause = parsed.clause
    first, last, lo, hi = where.first, where.last, where.phrase_first, where.phrase_last
    places = {
        "target": [v[i] for i in range(first, last)],
        "phrase": [v[i] for i in range(lo, hi) if not first <= i < last],
        "left": [v[i] for i in range(lo) if clause[i] == where.clause],
        "right": [v[i] for i in range(hi, n) if clause[i] == where.clause],
        "near": [v[i] * math.exp(-((lo - i if i < lo else i - hi + 1) - 1) / DISTANCE_SCALE)
                 for i in range(n) if not lo <= i < hi and v[i]],
        "other": [v[i] for i in range(n) if clause[i] != where.clause],
        "verb": [v[where.verb]] if where.verb >= 0 else [],
    }
    ngram_tone = ngram_log_odds / NGRAM_TONE_UNIT
    row = [tone, abs(tone), ngram_tone, abs(ngram_tone), ngram_neutral, char_log_odds, char_neutral]
    for place in PLACES:
        row.extend(_sums(places[place]))
    row.extend(1.0 if where.roles[r] else 0.0 for r in ROLES)
    right, left = _sums(places["right"]), _sums(places["left"])
    subject, object_ = float(where.roles["subject"]), float(where.roles["object"])
    row.extend((subject * right[0], subject * right[1], object_ * left[0], object_ * left[1]))
    return row


def is_name(parsed: ParsedSentence, i: int) -> bool:
    """Token i is (part of) a name: tagged NNP/NNPS, or capitalised where a sentence or quote
    does not start (the tagger reads a name it does not know as a common noun at times)."""
    if parsed.tags[i] in NAME_TAGS:
        return True
    word = parsed.tokens[i][0]
    return word[:1].isupper() and i > 0 and parsed.tokens[i - 1][0] not in SENTENCE_OPENERS


def _word(parsed: ParsedSentence, i: int) -> str:
    """A token as a window word: names and numbers as placeholders, other words lower case."""
    if is_name(parsed, i):
        return "<name>"
    if parsed.tags[i] == "CD":
        return "<number>"
    return parsed.lower[i]


def window_words(parsed: ParsedSentence, where: TargetView) -> set[str]:
    """The target-specific words of one target, each with where it stands: `l1:`/`l2:` and
    `r1:`/`r2:` the words just before and after its noun phrase, `v:` its governing verb (with
    the role, `sv:` or `ov:`), `p:` its preposition, `c:` the content words of its clause outside
    the noun phrase, `h:` the head of a common-noun target."""
    n = len(parsed.tokens)
    lo, hi = where.phrase_first, where.phrase_last
    out = set()
    for k in range(1, WINDOW + 1):
        if lo - k >= 0:
            out.add(f"l{k}:{_word(parsed, lo - k)}")
        if hi + k - 1 < n:
            out.add(f"r{k}:{_word(parsed, hi + k - 1)}")
    if where.verb >= 0:
        role = "s" if where.roles["subject"] else "o"
        out.add(f"{role}v:{parsed.lower[where.verb]}")
    if where.preposition:
        out.add(f"p:{where.preposition}")
    for i in range(n):
        if parsed.clause[i] == where.clause and not lo <= i < hi and not is_name(parsed, i) \
                and is_content_word(parsed.lower[i]):
            out.add(f"c:{parsed.lower[i]}")
    if where.roles["common"] and where.last > where.first:
        head = where.last - 1
        if not is_name(parsed, head) and is_content_word(parsed.lower[head]):
            out.add(f"h:{parsed.lower[head]}")
    return out
