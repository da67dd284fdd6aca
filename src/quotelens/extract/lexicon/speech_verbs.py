"""Speech verbs (the cue words of statements) by family, with their irregular forms, and the
word lists that decide whether a base form is a verb.

Source: written for this project from the cues of the seed article, FA-KES and NewsMTSC, and
the attribution verbs the gold guideline lists (data/gold/README.md); the two families follow
the gold's split between verbs reporting a clause and verbs whose object is the statement.

One lemma a word or phrase; phrasal verbs keep their particle ("rule out", "call on").
"""

# Lemma -> irregular forms (past, past participle, third person, gerund) where the regular
# inflection rules (quotelens.extract.speech_verbs.inflections) would be wrong.
IRREGULAR = {
    "say": ("said", "says", "saying"),
    "tell": ("told", "tells", "telling"),
    "write": ("wrote", "written", "writes", "writing"),
    "go on to say": ("went on to say", "goes on to say", "going on to say"),
    "speak": ("spoke", "speaks", "speaking"),
    "make clear": ("made clear", "makes clear", "making clear"),
    "be quoted as saying": ("was quoted as saying", "were quoted as saying", "is quoted as saying"),
}

# Verbs reporting a clause ("said (that) CLAUSE"): the statement is the clause.
CLAUSE_VERBS = """
say tell state add note stress warn claim insist announce report confirm argue assert declare explain
acknowledge admit reiterate emphasize emphasise underline underscore point out indicate reveal allege
maintain contend affirm write tweet respond reply comment remark mention predict complain concede
estimate observe recall caution counter conclude inform assure disclose clarify testify hint
speculate charge proclaim repeat retort quip signal highlight brief answer refute
recommend propose suggest cite find rule continue theorize theorise posit boast
go on to say
make clear
be quoted as saying
""".split("\n")

# Verbs taking a noun phrase ("ruled out the possibility ..."): the statement is the noun phrase, the verb its cue.
OBJECT_VERBS = """
rule out describe reject deny accuse urge call on call for condemn denounce welcome criticize criticise
demand ask appeal blame dismiss hail praise voice express decry vow pledge promise threaten
deplore lament question dispute dub characterize characterise
""".split("\n")

# Verbs whose object is the person told ("told Reuters ..."), who never speaks.
TELL_LEMMAS = frozenset(("tell", "inform", "assure", "brief"))
# Lemmas whose base form is a verb wherever it stands ("they say", "urge").
BASE_ANYWHERE = frozenset(("say", "tell", "warn", "insist", "claim", "deny", "urge", "stress", "argue", "accuse"))
# Objects that make a speech verb no speech act: a disaster "claimed the lives of 20 people",
# an attack "claimed 20 lives" (lemma -> object nouns).
NON_SPEECH_OBJECTS = {"claim": frozenset(("lives", "life"))}
# Words after which any other base form is a verb ("will report"), not a noun ("the report").
BASE_OK_BEFORE = frozenset("will would could can may might must should did does do to they we i you who".split())
# Forms of speech verbs that are also common nouns ("the reports", "his remarks"): only for
# these is the tagger's noun tag trusted over the verb reading ("tells", "says" are verbs).
NOUN_HOMOGRAPHS = frozenset(
    """report reports claim claims state states charge charges comment comments remark remarks question
    questions answer answers reply replies response note notes point points promise promises demand demands
    appeal appeals call calls tweet tweets signal signals highlight highlights estimate estimates vow vows
    pledge pledges hint hints counter counters praise warning warnings statement statements request requests
    concern concerns plea pleas threat threats denial denials rule rules find finds""".split()
)
# Verbs that report a clause but whose plain noun object is no statement ("added three
# goals", "conceded a penalty", "tweeted support", "pointed out those features", "wrote a
# book", "found a body"): they count only with a clause or a quotation after them, or as the
# tag of a clause before them ("..., he added").
CLAUSE_ONLY = frozenset(
    """add note tweet concede signal answer charge counter point out observe recall write respond reply quip
    testify speak find rule continue mention comment remark hint brief estimate theorize theorise
    suggest conclude maintain""".split()
)
# Cues that tag a quotation but report nothing by themselves ('"...," she continued'; "the
# broadcasts continue" is no speech), and participles that relay someone else's words ("SANA
# reported citing local residents": the content is SANA's): not read by the reported pass.
QUOTE_TAG_ONLY = frozenset(("continue",))
RELAY_PARTICIPLES = frozenset(("cite", "quote")
)
