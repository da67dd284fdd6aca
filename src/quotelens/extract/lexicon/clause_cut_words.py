"""Words that mark where a reported clause ends in English news: the reporter's remark on what a
source did not say, and the subject phrase of a second speech act coordinated after the clause.

Source: our own lists, written from the grammar of English news reports ("X said CLAUSE but
did not give details", "X said CLAUSE and the ministry said ..."), checked on the FA-KES and GUM
dev text; not copied from any other project.
"""

# Verbs after "but did/could/would not" that report what a source withheld (any form of a speech
# verb counts as well): "but did not give details", "but could not confirm", "but did not elaborate".
WITHHELD_VERBS = frozenset(
    "give gave provide offer specify elaborate identify name detail release publish disclose "
    "mention comment say confirm verify explain indicate cite reveal".split()
)
# Auxiliaries that negate the withholding verb ("did not", "could not", "has not").
NEGATED_AUXILIARIES = ("did", "does", "do", "could", "would", "has", "have", "had", "can")
# A pronoun that stands for the outer speaker between "but" and the negation ("but it could not say").
OUTER_PRONOUNS = ("it", "he", "she", "they")
# Adverbs that may open the coordinated clause before its subject ("and later the source said").
COORD_ADVERBS = ("later", "earlier", "meanwhile", "also", "separately", "so far", "however")
# Words that cannot stand in a second speech act's subject phrase: auxiliaries, negation,
# subordinators and relatives ("Russia must stop insisting", "and that his group would",
# "commanders after they rejected").
NOT_IN_SUBJECT = frozenset(
    "is was were are be been am has have had will would could can may might must should shall did "
    "does do not no but or nor that who whom which whose where when after before because if since while as "
    "to than then so there this these those it its".split()
)
# Lower-case words in -ed that do belong to a subject phrase ("armed groups said").
SUBJECT_ED_WORDS = frozenset("armed unnamed unidentified named united".split())
# Speech verbs whose coordinated use is no second speech act often enough to leave it uncut:
# "the rescuers continued to look", "the rebels have maintained momentum", "found", "ruled".
NOT_SECOND_SPEECH = frozenset(
    "continue maintain find rule recall observe signal conclude question propose recommend dub "
    "hail praise welcome highlight".split()
)
# First words after the verb that show it reports no clause of its own ("stated according to",
# "denied by", "vowed to"): the coordinated verb is then no cut.
NOT_AFTER_SECOND_VERB = frozenset("according by to as".split())
# Words that never open a second speech act's subject phrase: prepositions ("and in March
# suggested", "and at what he said") and determiners standing alone ("and the accused").
NOT_SUBJECT_START = frozenset("in on at for with from by of into about over under".split())
DETERMINERS = frozenset("the a an his her their its our my your this that".split())
# Present-tense speech verbs taken as a second speech act ("and South Korea says ..."); other
# -s forms after a subject phrase are too often plural nouns ("his own comments that ...").
PRESENT_SECOND_SPEECH = frozenset("say tell claim insist warn argue report write".split())
