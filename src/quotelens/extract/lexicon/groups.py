"""Plural nouns for generic groups that speak without a name ("activists said", "local
sources reported").

Source: written for this project from the unnamed sources of FA-KES and the seed article.
"""

GROUP_WORDS = frozenset(
    """activists residents witnesses eyewitnesses sources officials monitors rebels medics doctors analysts
    diplomats militants fighters observers experts lawmakers locals opponents critics protesters
    campaigners researchers investigators inspectors rescuers volunteers powers countries nations governments
    men women people parents families coordinators""".split()
)
