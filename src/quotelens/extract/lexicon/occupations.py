"""Occupations and descriptions written before a person's name or heading a phrase that names
a person by what they do ("Mets Poet Frank Messina", "poet Frank Messina", "the poet said",
"an AFP photographer said"), lower case. Written before a name they describe the person and
are no part of the name; as the head of a phrase they are a role that the article may have
given to a person it named ("the coach" after "coach Alireza Mehraban").

Source: written for this project from the descriptions that English news writes before names
(arts, sport, science, law, business, politics), leaving out words that are also common
English surnames (Baker, Cook, Farmer, Singer, Painter, Porter, Mason, Taylor, Smith) so that
a surname is never cut off as a description.
"""

OCCUPATIONS = frozenset(
    """poet author writer novelist playwright screenwriter artist sculptor photographer filmmaker
    actor actress musician rapper composer comedian chef designer architect engineer scientist
    physicist biologist chemist economist historian philosopher linguist lecturer teacher
    student coach manager player striker goalkeeper midfielder defender quarterback athlete
    entrepreneur founder co-founder owner businessman businesswoman investor lawyer attorney
    barrister prosecutor nurse surgeon physician psychologist psychiatrist pastor priest curator
    librarian astronaut blogger producer columnist critic candidate nominee lawmaker legislator
    politician campaigner organiser organizer volunteer explorer inventor""".split()
)
