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
# Plural heads of organisations' names that "they", not "it", refers to ("Government forces",
# "the Syrian authorities"). Source: English grammar, written for this project (issue 12).
PLURAL_ORG_HEADS = frozenset("forces troops authorities services units brigades militias committees".split())
# Words describing a monitoring organisation ("a monitor said", "a Britain-based monitoring
# group", "a rights watchdog") and the words of such an organisation's name or apposition
# ("Syrian Observatory for Human Rights", "Human Rights Watch", "a Britain-based monitor").
# Source: English news usage, written for this project (issue 12).
MONITOR_WORDS = frozenset("monitor monitoring watchdog".split())
MONITOR_NAME_WORDS = frozenset("monitor monitoring watchdog observatory watch".split())
