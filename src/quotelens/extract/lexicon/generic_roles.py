"""Role words too general to tell an actor apart ("spokesman", "official"): a registry draft does
not propose them as an actor's roles, since in a registry a role points a later "the spokesman"
at that actor. Lower case.

Source: written for this project for `quotelens registry-draft`, from the role words that stood
in front of many different speakers' names in the seed article, FA-KES and the GUM Wikinews
articles.
"""

GENERIC_ROLES = frozenset(
    """mr mrs ms miss dr prof sir dame professor spokesman spokeswoman spokesperson official officials
    source sources aide aides adviser advisor analyst expert member leader head chief director
    officer representative researcher scientist author writer reporter journalist editor
    correspondent witness resident activist lawyer attorney doctor group organisation organization body
    agency movement network team statement report bulletin the a an""".split()
)
