"""Modifiers that leave the holder of a role unchanged ("the top envoy", "the senior
official" are still the envoy, the official): when a role phrase is matched by its last words
only ("militant group" by "group"), every word left out must be one of these, a side word, or
a word of the actor's own name, aliases or roles; otherwise the phrase describes somebody else
("the militant group" is no monitoring group, "the Syrian interior ministry" no foreign
ministry). Lower case.

Source: written for this project from the role phrases of the default corpus (FA-KES) whose
last words alone matched a registry role.
"""

NEUTRAL_ROLE_MODIFIERS = frozenset(
    """top senior chief special main leading provincial regional official state-run state""".split()
)
