"""Nouns that carry speech with its content ("the Church's requests to take down the video",
"a recommendation that all salt be iodised", "assurances from X that ..."), for
quotelens.extract.noun_cues.

Source: written for this project from the nominal cues of the news gold's dev split (GUM
Wikinews and FA-KES: request, recommendation, call for, assurance, claim) and the verbs of
the gold guideline (data/gold/README.md: "Nominal cues count when they carry the content"),
each taken with its noun of speech (warn -> warning, deny -> denial, allege -> allegation).
"""

SPEECH_NOUNS = frozenset("""
request requests assurance assurances recommendation recommendations call calls warning warnings
claim claims demand demands promise promises pledge pledges appeal appeals denial denials
allegation allegations accusation accusations assertion assertions insistence admission plea pleas
vow vows suggestion suggestions announcement
""".split())

# Nouns of asking, whose content may be a "for" phrase ("calls for mandatory iodised salt").
ASKING_NOUNS = frozenset("request requests call calls demand demands appeal appeals plea pleas".split())
