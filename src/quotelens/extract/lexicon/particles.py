"""Name particles that belong to a surname ("de Mistura", "bin Salman", "van der Linden").

Source: written for this project with the actor registry (data/actors/syria.yaml), from the
Arabic, French, Dutch and German names in the seed article and FA-KES.
"""

PARTICLES = frozenset(
    "de da di del della du des le la van von der den ter ten bin ibn bint abu abou al el ul".split()
)
