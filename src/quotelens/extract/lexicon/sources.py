"""Nouns for sources that are not named: what stands in front of a source after "according
to" ("a statement by", "figures from", "officials close to"), and lower-case sources that
speak as a group ("local activists", "state media").

Source: written for this project from the "according to" phrases of FA-KES and the seed
article.
"""

# "according to (the latest) NOUN by/from/of ... X": X is the source, NOUN is not.
SOURCE_PREFIX_NOUNS = ("statement", "report", "reports", "figures", "data", "tally", "toll", "count", "source",
                       "sources", "spokesman", "spokeswoman", "spokesperson", "official", "officials", "estimate",
                       "estimates")
# "according to (up to two modifiers) NOUN": a lower-case group source.
LOWER_CASE_SOURCES = ("sources", "activists", "residents", "witnesses", "officials", "medics", "doctors", "monitors",
                      "observers", "reports", "media")
