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
