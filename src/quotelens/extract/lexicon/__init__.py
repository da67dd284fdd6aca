"""Language data of the extractor: the word lists its rules consult, one small module per list
(or per family of closely related lists), kept apart from the algorithms so that a list can be
read, reviewed and extended without touching the code that uses it.

Each list says where it came from. Unless a module says otherwise, the lists were written by
hand for this project while building the rule-based extractor (commits d13f3de, 788269e and
5b799c4, November 2026), from the seed article, FA-KES articles and NewsMTSC sentences, and
extended when the gold (data/gold/) showed a miss. No list is copied from an outside
resource. The provenance notes were written when the lists moved here (issue 11), from the
commit history and the examples in the code's comments.

Reads: nothing. Writes: nothing (constants, and `alternation` to build a regular expression
from a list).
"""


def alternation(words) -> str:
    """A regular-expression alternation of `words` (plain words; a space matches any
    whitespace), without a group around it."""
    return "|".join(w.replace(" ", r"\s+") for w in words)
