"""Words that make a capitalised run the name of an organisation rather than a person
("Defence Ministry", "Syrian Observatory", "Idlib News network"), lower case.

Source: written for this project from the organisation names of the actor registry, FA-KES
and the seed article, including the news agencies they cite (Reuters, AFP, TASS, RIA).
"""

ORG_WORDS = frozenset(
    """ministry council army observatory committee command front forces agency news tv coalition
    organization organisation programme program group police directorate governorate center centre
    department office union nations states republic watch international party brigade brigades unit
    units force media network commission court house kremlin pentagon hospital government regime
    movement authority authorities service services guard corps committees channel radio television
    newspaper daily times post press institute foundation fund bank company embassy mission
    association federation alliance league division battalion army's ministry's front's administration
    revolution coordination jazeera reuters afp tass ria""".split()
)

# Words that make a capitalised run an institution rather than a person ("Skidmore College",
# "Rolling Stone Magazine", "Tang Teaching Museum"), lower case. Source: written for this
# project from the names in the GUM news articles the name finder first took for people; the
# last line (churches, parliaments, boards, trusts) added for news in general (issue 12).
INSTITUTION_WORDS = frozenset(
    """university college school academy museum gallery magazine journal library hospital clinic
    institute laboratory society club team theatre theater orchestra company corporation inc ltd
    plc bank airline airlines studio studios records church parliament assembly senate congress board
    trust""".split()
)

# Capitalised words that close an organisation's name ("Civil Defense Authority", "Interior
# Ministry"): a registry alias right before one is only the start of a longer name. Outlet
# words ("Press", "News") are left out ("White House Press Secretary"). Source: written for
# this project (issue 12, names without a registry).
NAME_CLOSING_WORDS = INSTITUTION_WORDS | frozenset(
    "authority ministry council committee commission department office directorate agency".split())
