"""Contractions of a pronoun with a verb written without their apostrophe ("Hes gone", "Theyre
back"), lower case: never a name, so never a speaker or a person the article names.

Source: English contractions of personal and demonstrative pronouns with "is", "are", "have",
"will", "would"; the need showed in FA-KES, whose texts lost every apostrophe ("Hes gone he
said" made a speaker "Hes"). Left out on purpose: forms that are also words or names ("its" the
possessive, already a determiner; "ill", "well", "were", "wed", "hell", "shell", "shed"; "Ive",
"Im" and "Id" are surnames or words; "whos" is also "WHOs", the World Health Organization's).
"""

PRONOUN_CONTRACTIONS = frozenset(
    """hes shes hed itll theyre theyve theyll theyd weve youre youve youll youd
    thats theres whats""".split()
)
