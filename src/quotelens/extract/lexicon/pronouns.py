"""Pronouns: the third-person ones that can stand for a speaker, and the first- and
second-person ones that never do.

Source: English grammar; the kind each pronoun can refer to ("it" to an organisation or a
state, "they" to a group too) was decided for this project on the seed article and FA-KES.
"""

from quotelens.extract.lexicon.pronoun_contractions import PRONOUN_CONTRACTIONS

# pronoun -> (kind of referent it wants, gender or None)
PRONOUNS = {"he": ("person", "m"), "she": ("person", "f"), "they": ("plural", None), "it": ("thing", None)}
# First- and second-person words: inside a quote they are the quote's own voice, never a speaker;
# nor is a pronoun contraction that lost its apostrophe ("Hes gone", in FA-KES).
NON_SPEAKERS = frozenset("i we you me us my our your ours yours myself ourselves".split()) | PRONOUN_CONTRACTIONS
# The speaker written for a pronoun with no referent in the article (kind "unnamed"): a pronoun
# is never a speaker's name (issue 13), so "it said" with nothing before it is an unidentified
# organisation, by the kind of referent the pronoun wants.
UNRESOLVED_PRONOUN = {"person": "unidentified person", "thing": "unidentified organisation",
                      "plural": "unidentified group"}
