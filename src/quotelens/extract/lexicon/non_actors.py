"""Capitalised words that are never an actor when they stand alone as a speaker: numbers,
media nouns ("Video", "Footage") and platforms ("Twitter"), lower case.

Source: written for this project from false speakers the extractor found in FA-KES.
"""

NON_ACTOR_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy
    eighty ninety hundred dozens hundreds thousands report reports video videos footage photo photos picture
    pictures image images twitter telegram facebook youtube""".split()
)
