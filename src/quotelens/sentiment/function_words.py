"""Words the headline model's n-gram features may not use (quotelens.sentiment.constrained).

An n-gram model trained on one corpus learns its accidents: in NewsMTSC train "and" carries a
large positive weight, so "clay and adobe" scored +0.84. Grammar words, negators, numbers and the
verbs of reporting say nothing about tone by themselves; negation is handled by the lexicon
features (negation-aware), so no n-gram needs "not". Written for this project (closed word
classes of English plus reporting verbs), not taken from a stop-word list, because general
stop-word lists drop content words ("fire", "bill") and keep some grammar words out.
"""

from __future__ import annotations

from quotelens.sentiment.lexicons import NEGATORS

_GROUPS = {
    "articles and determiners": """a an the this that these those each every either neither some any
        many much more most few fewer less least several such what which whatever whichever all both
        half other another own same enough""",
    "pronouns": """i me my mine myself we us our ours ourselves you your yours yourself yourselves he
        him his himself she her hers herself it its itself they them their theirs themselves one ones
        oneself who whom whose someone somebody something anyone anybody anything everyone everybody
        everything noone nothing nobody none i'm i've i'd i'll we're we've we'd we'll you're you've
        you'd you'll he's he'd he'll she's she'd she'll it's it'd it'll they're they've they'd
        they'll that's there's here's what's who's let's""",
    "prepositions": """about above across after against along amid amidst among amongst around as at
        before behind below beneath beside besides between beyond by despite down during except for
        from in inside into like near of off on onto out outside over past per since than through
        throughout till to toward towards under underneath unlike until up upon via with within
        without""",
    "conjunctions and subordinators": """and but or nor so yet because although though while whereas
        if unless whether once whenever wherever where when whence why how however therefore thus
        hence then also too either instead otherwise meanwhile moreover furthermore""",
    "auxiliaries and modals": """be am is are was were been being have has had having do does did
        doing done will would shall should can could may might must ought get gets got getting""",
    "adverbs of degree, time and place": """very really quite rather just only even still already
        almost ever often always sometimes usually now today yesterday tomorrow soon later again here
        there ago away back maybe perhaps so well yes""",
    "numbers and order": """zero one two three four five six seven eight nine ten eleven twelve
        hundred thousand million billion first second third last next""",
    "verbs of reporting (news mark who speaks, not the tone)": """say says said saying tell tells
        told telling according added adding add adds stated statement asked ask asks noted""",
    "titles and news boilerplate": """mr mrs ms dr st jr inc co ltd""",
}

FUNCTION_WORDS = frozenset(word for words in _GROUPS.values() for word in words.split()) | NEGATORS


def is_content_word(token: str) -> bool:
    """True for a token (from `lexicons.word_tokens`) that may be an n-gram feature: not a
    function word or negator, at least three characters, and made of letters (apostrophes and
    hyphens inside allowed), so numbers and the mask token's kin stay out."""
    if len(token) < 3 or token in FUNCTION_WORDS or token.endswith("n't"):
        return False
    return token.replace("-", "").replace("'", "").isalpha()
