"""Days and time words, as regular-expression pieces.

Source: English calendar words; the time nouns that follow "on/last/this" in an attribution
("said last week", "said on Wednesday night") were collected for this project from FA-KES.
"""

import re

# Time nouns of an adjunct between a speech verb and its clause ("said on Wednesday the ...").
DAYS_PATTERN = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|weekend|month|year|night|morning|"
                r"evening|afternoon|day)")
# A weekday as a whole word, plural or possessive ("Wednesdays", "Monday's"): never a speaker.
DAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day['’]s")
