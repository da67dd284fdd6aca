"""Closed-class English words the speaker-phrase rules walk over or stop at: function words,
determiners, prepositions, auxiliaries and adverbs between a subject and its verb, negators.

Source: English grammar, listed for this project; the adverbs and time words in AUX are those
found between a speaker and "said" in FA-KES and the seed article ("has also previously said").
"""

# Words allowed inside a speaker phrase without being content ("Secretary of State").
FUNCTION_WORDS = frozenset("of for to the a an in at on and".split())
DETERMINERS = frozenset("the a an his her its their this that these those".split())
# Prepositions that end the head part of a speaker phrase ("a spokesman for the ministry").
PREPOSITIONS = frozenset("of for to at in on from with".split())
# Prepositions whose object is a place or thing, not a subject ("Residents in eastern Aleppo").
OBJECT_PREPOSITIONS = frozenset("in at from near outside inside around across into on over against".split())
# Prepositions whose object only modifies the noun before it, never the subject of a verb after
# it ("a monitor in northern Syria said", "a network of sources inside Syria said").
MODIFYING_PREPOSITIONS = OBJECT_PREPOSITIONS | frozenset("of for with within near throughout along".split())
# Words that may stand between a subject and its speech verb.
AUX = frozenset(
    """has have had also previously earlier later again repeatedly reportedly then already further separately
    once too however meanwhile will would could can may might must should did does do is was were are
    be been publicly openly firmly strongly flatly categorically explicitly recently today yesterday
    always just only yet still subsequently initially originally week month year on last both further monday tuesday wednesday
    thursday friday saturday sunday night morning evening afternoon""".split()
)
# Words before a speech verb that mean the speaker did not say it ("declined to", "did not say").
NEGATORS = frozenset("not never n't didn't doesn't don't won't wouldn't couldn't refused declined no".split())
# Auxiliaries that make a finite verb (with any "-ed" word): between a subject and its cue
# they show the subject belongs to another clause.
FINITE_AUXILIARIES = ("is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might")
