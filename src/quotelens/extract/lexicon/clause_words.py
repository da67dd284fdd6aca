"""Words that decide where a reported clause starts or whether there is one, and nouns that
report figures rather than speak.

Source: written for this project from reported speech in FA-KES and the seed article ("said in
Geneva." ends an attribution, "said at least 10 people died" does not; "according to the
toll" names no speaker).
"""

# First words of an adjunct after a speech verb ("said on Monday", "said in Geneva").
ADJUNCT_START = frozenset(
    "on in at during after before late early last this earlier later via through from with by to when while as "
    "following about over under amid since until upon".split()
)
# First words of an adverbial after a tag that ends the attribution ("the Observatory added
# without giving details", "X said after the council met"): the statement is before the tag.
# Subordinators and time prepositions only: "responded with military force" is no tag.
TAIL_ADJUNCT_START = frozenset("without after before when while following during upon".split())
# First words after a speech verb that start no reported clause ("said so", "asked why").
NOT_CLAUSE = frozenset("so nothing something anything yes no goodbye hello thanks sorry what how why "
                       "whether if".split())
# Heads of an "according to" phrase that report figures or texts and speak for nobody.
NOT_SOURCES = frozenset("toll tolls figures figure data estimate estimates count tally statistics numbers reports "
                        "report law laws agreement deal plan plans resolution constitution".split())
# Last words before a quote that make the quote part of a noun phrase ('his description of
# Obama as a "bad guy"'), not a statement of the speaker after it.
FRAGMENT_BEFORE = frozenset("a an the as of for from by with his her its their this so-called called dubbed termed".split())
# Nouns of stance an object verb takes before a that-clause ("voiced hope that ...").
STANCE_NOUNS = ("hope", "hopes", "concern", "concerns", "regret", "confidence", "belief", "fear", "fears", "optimism",
                "doubt", "doubts", "satisfaction", "surprise", "view", "conviction")
