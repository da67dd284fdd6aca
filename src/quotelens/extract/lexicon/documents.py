"""Nouns for documents that speak in news ("the report says", "the statement said", "a UN
report said"): they stand for their author when the article names one, and are speakers of
their own ("the study") when it does not. Lower case.

Source: written for this project (issue 12) from English news usage: the document nouns of the
attribution conventions of PARC 3.0 and the documents cited in the GUM Wikinews and FA-KES
development articles.
"""

# Heads of a description that is a document ("the statement", "opposition websites").
DOCUMENT_WORDS = frozenset(
    """statement statements report reports study studies letter letters claim claims communique communiqué
    bulletin website websites site sites post posts message messages poll survey index document documents
    paper papers filing ruling memo tweet tweets""".split()
)
# Last words of a capitalised run that make it a document's name ("the Australian National
# Iodine Nutrition Study", "Arts and Humanities Citation Index").
DOCUMENT_NAME_WORDS = frozenset("study report survey index review inquiry census".split())
# Document nouns a later definite document noun can refer back to ("said in a statement ...
# the statement said", "... The claim said").
DOCUMENT_MENTION = r"(?i:statement|report|letter|claim|communiqu[eé]|bulletin|study|declaration)"
# Verbs that send or publish a message: "X sent a voice message assuring ...", "the army had sent
# text messages ... urging ...": the message's words are the sender's.
PUBLISHING_VERBS = frozenset(
    """sent send sends issued issue issues released release releases published publish publishes
    posted post posts broadcast broadcasts distributed distribute distributes circulated dropped
    delivered aired""".split()
)
# Messages a participle can report as a reduced relative clause ("a voice message assuring",
# "reports suggesting that", "leaflets urging"), beyond DOCUMENT_WORDS.
MESSAGE_WORDS = DOCUMENT_WORDS | frozenset("video videos leaflet leaflets banner banners sms".split())
