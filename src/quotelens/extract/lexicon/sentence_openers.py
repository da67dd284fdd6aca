"""Capitalised words that open a sentence or clause without being part of a name.

Source: written for this project from sentence starts in FA-KES and the seed article that the
name finder first took for names ("Meanwhile", "Separately", "Asked", "Like Noha Samira ...").
"""

# Capitalised words that open a sentence without being part of a name; days and months included.
SENTENCE_ADVERBS = frozenset(
    """Meanwhile However Also But And Earlier Later Separately Then Still Yet So Now Today Yesterday
    Tonight Previously Moreover Furthermore Additionally Instead Again Finally Elsewhere Similarly
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December In On At From After Before Last This When While
    Separately Asked Speaking Following""".split()
)
# Capitalised words that open a clause, never a name ("Like Noha Samira ..."), lower case.
CLAUSE_OPENERS = frozenset("like unlike despite although though because since unless until whereas whether".split())
