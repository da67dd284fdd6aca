"""Demonyms (and "kremlin") naming a side in a role phrase ("the Russian foreign minister"),
mapped to the side as the actor registry writes it.

Source: written for this project for the states of data/actors/syria.yaml; "syrian" maps to
the side "government" because in the corpus an unqualified Syrian official speaks for it.
"""

DEMONYMS = {
    "russian": "Russia", "iranian": "Iran", "turkish": "Turkey", "syrian": "government", "french": "France",
    "british": "UK", "american": "US", "u.s.": "US", "us": "US", "saudi": "Saudi Arabia", "israeli": "Israel",
    "qatari": "Qatar", "jordanian": "Jordan", "chinese": "China", "german": "Germany", "kremlin": "Russia",
}
