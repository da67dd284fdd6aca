"""News outlets that speak as sources ("Reuters reported", "state TV said", "the Straits Times
noted"): agencies, broadcasters and papers by the names English news cites them under, and the
words that make a name, or an unnamed description, an outlet's. Lower case.

Source: written for this project (issue 12, speaker kinds without a registry) from general
knowledge of the wire services and broadcasters most cited in English-language news worldwide
(national agencies of the larger states, the international broadcasters) and of how outlet names
are built ("... News", "... Times", "... TV"); not taken from the gold's annotations.
"""

# One-word names and acronyms of agencies and broadcasters.
OUTLET_NAMES = frozenset(
    """reuters afp ap upi bloomberg xinhua tass ria interfax sputnik kyodo jiji yonhap kcna anadolu irna isna fars
    tasnim mehr sana petra wam spa qna kuna mena bernama antara pti ians efe ansa dpa apa belga anp pap ukrinform
    unian aap bbc cnn abc cbs nbc pbs npr msnbc cnbc rt trt cctv nhk kbs ytn itv sky euronews dw france24 ntv
    wikinews guardian""".split()
)
# Names of several words (lower case), matched as a whole name.
OUTLET_FULL_NAMES = frozenset({
    "agence france-presse", "agence france presse", "associated press", "united press international", "ria novosti",
    "press association", "canadian press", "australian associated press", "press trust of india", "al jazeera",
    "al arabiya", "al mayadeen", "al-mayadeen", "al-jazeera", "al-arabiya", "press tv", "voice of america",
    "deutsche welle", "fox news", "sky news", "new york times", "washington post", "wall street journal",
})
# Capitalised words that end an outlet's name ("Deseret News", "Straits Times", "Syria TV").
OUTLET_NAME_WORDS = frozenset(
    """news times post herald journal gazette tribune telegraph chronicle daily tv television radio channel
    broadcasting broadcaster press newspaper wire online today media""".split()
)
# Heads of an unnamed description that is an outlet, not a person ("state media", "Syrian state
# TV", "the state-run news agency", "pro-Damascus media").
OUTLET_HEADS = frozenset(
    """media tv television radio channel broadcaster newspaper newspapers daily agency outlet outlets press
    network""".split()
)
# Lower-case words after an outlet's name that are not part of it ("SANA news agency",
# "Al Mayadeen TV channel", "the Yonhap news agency"): dropped from the speaker's name.
OUTLET_DESCRIPTORS = ("news agency", "press agency", "tv channel", "television channel", "satellite channel",
                      "news channel", "channel", "news website", "website", "newspaper", "daily", "broadcaster",
                      "television", "news network", "network", "agency", "news")
# Words after a source that introduce the source it relays ("The Wall Street Journal quoting
# Pentagon officials said", "SANA, citing a military source"): the relaying source is the head.
RELAY_WORDS = frozenset("quoting citing".split())
# Roles of an outlet's own staff ("the AFP correspondent"): never the person who spoke last.
MEDIA_ROLES = frozenset("correspondent reporter journalist photographer editor presenter".split())
