"""Capitalised names of days and months, lower case: names in the tagger's sense (NNP) that never
name an actor, so a proper-noun chunk made of one of them alone is not a target of sentiment.

Source: the English calendar (weekdays, months and their news abbreviations), written for this
project.
"""

TIME_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
