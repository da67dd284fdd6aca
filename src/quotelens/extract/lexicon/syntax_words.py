"""Closed-class words the tagger-based speaker rules (quotelens.extract.speaker_np) need besides
the tags: auxiliary verbs, forms of "be", prepositions that open a clause rather than a
prepositional phrase, words after which a subject may begin, and wh-words that open a clause.

Source: English grammar, listed for this project (the auxiliaries and subordinators of any
English grammar; nothing copied from an outside list).
"""

AUXILIARY_VERBS = frozenset(
    """be am is are was were been being have has had having do does did will would shall should can could
    may might must also""".split()
)
BE_FORMS = frozenset("be am is are was were been being".split())
# Tagged IN but opening a clause, not a prepositional phrase inside a subject.
CLAUSE_PREPOSITIONS = frozenset(
    """that because if than as while since although though after before until unless whether so once
    whereas""".split()
)
# A subject may begin right after these words (besides punctuation and quote marks).
SUBJECT_BOUNDARY_WORDS = frozenset("and but or that which who whom whose where when while as because".split())
# Words opening a wh-clause complement ("explained how ...", "asked whether ...").
WH_WORDS = frozenset("how what why whether if when where who which".split())
# Date and time words that may open a chunk before its subject ("Wednesday Pentagon officials").
CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec today
    yesterday tonight""".split()
)
# Time nouns that head a time adjunct, never a subject ("last week demanded").
TIME_NOUNS = frozenset("week weeks weekend month months year years night morning evening afternoon day days hour hours".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Words that make a following month a date ("last September", "early May").
TIME_MODIFIERS = frozenset("last this next early late mid in since until by on".split())
# Modals that make speech hypothetical or not yet made ("could say", "would tell", "will
# announce"): no statement.
HYPOTHETICAL_MODALS = frozenset("would could might may should can will shall must 'd 'll".split())
# A subject opening with these makes the speech negated ("No group has claimed", "none said").
NEGATIVE_DETERMINERS = frozenset("no none nobody neither nor".split())
