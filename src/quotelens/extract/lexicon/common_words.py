"""English function words (articles, pronouns, auxiliaries, conjunctions, prepositions and
other words of little content), lower case, straight apostrophes.

The name finder uses them to tell a capitalised common word from a name ("If", "Another",
"Those" opening a sentence are not speakers). This list belongs to extraction on purpose: the
keyword stage has its own stop-word list (quotelens/keywords/stopwords_en.txt) that is tuned for
keyword statistics, and tuning it must not change who is found speaking.

Source: copied on 2 December 2026 from the project's keyword stop-word list (written for this
project, commit f2e45a8), so extraction results stayed identical when the lists were separated;
from then on the two lists change independently.
"""

COMMON_WORDS = frozenset(
    """
    a about above according across added after again against all almost along already also although
    am amid among an and another any are aren't around as at be because been before behind being
    below beneath beside besides between beyond both but by can can't cannot could couldn't d
    despite did didn't do does doesn't doing don't done down during each eg either else etc even
    ever every except few for from further furthermore had hadn't has hasn't have haven't having he
    he'd he'll he's hence her here here's hers herself him himself his how however i i'd i'll i'm
    i've ie if in inside into is isn't it it'd it's its itself just least let's ll m many may me
    might mightn't mine more moreover most mr mrs ms much must mustn't my myself near needn't
    neither no nor not now of off on once one ones only onto or other ought our ours ourselves out
    outside over own past per perhaps quite rather re s said same say saying says several shall
    shan't she she'd she'll she's should shouldn't since so some still such t tell than that that's
    the their theirs them themselves then there there's therefore these they they'd they'll they're
    they've this those though through throughout thus till to told too toward towards under unless
    until up upon us ve very via was wasn't we we'd we'll we're we've were weren't what what's
    whatever when whenever where whereas wherever whether which whichever while who who's whoever
    whom whose why will with within without won't would wouldn't yet you you'd you'll you're you've
    your yours yourself yourselves
    """.split()
)
