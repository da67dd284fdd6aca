"""Speech verbs of request whose noun object is the addressee, not the content: "urged the
inspectors to go", "asked the governments not to turn away boats", "called on Damascus to give
access". The content is the to-infinitive (the news gold guideline, section 2: never the
indirect object; its annotators left the addressee out in every such case).

Source: written for this project from the object verbs of quotelens.extract.lexicon.speech_verbs
and the gold's directive statements (data/gold/news/, dev split).
"""

DIRECTIVE_LEMMAS = frozenset(("urge", "ask", "call on", "implore", "press", "request"))
