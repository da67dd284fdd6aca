"""Nouns that name a person by a relation or a circumstance rather than by occupation ("a
relative told AFP", "the victim's mother said", "a neighbour said", "one protester said"),
lower case, singular and plural. As the head of a speaker phrase they make an unnamed person
(or group of people) speak, and "he"/"she" after them may refer to that person.

Source: written for this project from the unnamed sources common in English news wire copy
(family members, witnesses, bystanders, members of the public), leaving out words that are
also common surnames (Brothers, Young, Child) only where they are capitalised names.
"""

PERSON_NOUNS = frozenset(
    """relative relatives neighbour neighbours neighbor neighbors friend friends brother brothers
    sister sisters son sons daughter daughters husband wife uncle aunt cousin nephew niece
    grandmother grandfather parent parents victim victims passenger passengers worker workers
    employee employees shopkeeper driver customer customers visitor visitors fan fans spectator
    spectators protester protesters protestor protestors demonstrator demonstrators villager
    villagers refugee refugees migrant migrants citizen citizens voter voters patient patients
    member members colleague colleagues partner local locals bystander bystanders onlooker
    onlookers eyewitnesses mourner mourners""".split()
)
