"""Words around a speech verb that belong to the attribution, not to the statement: the
occasion ("said in a statement"), adverbs ("said earlier", "told reporters"), who was told
("told a news conference in Geneva"), and participles that carry the speech on ("..., adding
that").

Source: written for this project from the attributions of FA-KES, the seed article and
NewsMTSC, extended from misses on the gold (data/gold/). Multi-word entries match with any
whitespace between their words.
"""

# "said in a statement", "told in a news conference on Syria"
SPEECH_OCCASIONS = ("statement", "news conference", "press conference", "interview", "speech", "tweet", "briefing",
                    "report", "letter", "post", "message", "address")
# Adverbs and short phrases between a speech verb and its clause ("said earlier that ...").
ATTRIBUTION_ADVERBS = ("earlier", "later", "yesterday", "today", "too", "also", "separately", "repeatedly", "again",
                       "publicly", "on Twitter", "to reporters", "to journalists", "to the press")
# Who is told, as a bare word ("told reporters", "told him").
ADDRESSEES = ("reporters", "journalists", "him", "her", "them", "us", "me")
# Heads of the audience told ("told a forum in Sochi", "told the state news agency").
AUDIENCE_NOUNS = ("forum", "conference", "meeting", "council", "assembly", "audience", "gathering", "briefing",
                  "session", "summit", "rally", "crowd", "parliament", "committee", "panel", "newspaper", "channel",
                  "agency", "television", "radio", "station", "broadcaster", "website", "daily", "reporters",
                  "journalists", "lawmakers", "press", "media", "court", "jury", "students", "supporters", "viewers",
                  "listeners", "readers", "delegates", "members", "public", "nation", "house", "senate")
# Participles that end a reported clause and start the same speaker's next one ("..., adding").
CLAUSE_ENDING_PARTICIPLES = ("adding", "saying", "noting", "stressing", "warning", "insisting", "explaining", "calling")
# Participles right after a cue ("said adding that ..."): the statement is before the cue.
TRAILING_PARTICIPLES = ("adding", "saying", "noting", "citing", "stressing", "warning", "referring")
# Participles between the parts of a split quote ('"Q1," adding, "Q2"').
SPLIT_QUOTE_PARTICIPLES = ("adding", "continuing", "saying")

