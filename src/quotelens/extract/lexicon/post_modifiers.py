"""Participles that, after a document or statement noun, say who passed it on or what it goes
with, not who wrote it ("the statement carried by state news agency SANA", "the report
accompanying Tuesday's briefing by ... Valerie Amos", "a video aired by the channel"): the
noun before the participle is the subject; the name after it is no speaker. Authorship
participles ("issued by", "signed by", "released by") are left out on purpose: their object is
the author, whom quotelens.extract.documents finds after "by".

Source: our own list, from English news usage (the FA-KES sentences read in docs/readthrough.md
and the common wire-copy forms "carried by", "quoted by", "cited by"); not copied from any other
project.
"""

RELAY_PARTICIPLES = frozenset(
    """carried quoted cited aired broadcast broadcasted relayed accompanying carrying""".split()
)

# Nouns of a single outlet: after a state's name or a state/regime/government modifier they name
# the outlet ("Syrian regime television", "Iranian state TV"), not the state.
SINGLE_OUTLET_NOUNS = frozenset("tv television radio channel broadcaster newspaper daily agency".split())
