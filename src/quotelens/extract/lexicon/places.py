"""Words that turn a capitalised run into a place ("Eastern Ghouta", "rebel-held Douma"), as a
regular expression over one lower-case word.

Source: written for this project from the place names of FA-KES that the name finder first
took for people; the registry's own place list (data/actors/syria.yaml, `places:`) names the
places themselves.
"""

import re

PLACE_ADJECTIVE = re.compile(r"(?:north|south|east|west|central|rural|greater|northern|southern|eastern|western|"
                             r"north-?eastern|north-?western|south-?eastern|south-?western|[a-z]+-(?:held|controlled|run))")
# Suffixes of a hyphenated modifier ("UK-based", "Iran-backed"): the word modifies a name and is
# not itself part of a person's name.
MODIFIER_SUFFIX = re.compile(r"-(?:based|backed|led|run|held|linked|affiliated|operated|language|controlled|allied|born)$")
# Words that make a capitalised run a place or a building, never a person ("Fisht Stadium",
# "Saratoga Springs", "Chapel Hill"), lower case. Source: written for this project from the
# place names in the GUM news articles that the name finder first took for people.
PLACE_WORDS = frozenset(
    """stadium arena street avenue road square park river bridge airport station hall springs hill
    city county province district valley mountain mountains lake island islands bay beach coast
    port harbour harbor forest desert camp village town center centre plaza palace castle tower""".split()
)
