"""Nouns after "according to" that name a basis for acting, not a source: "carry out raids
according to type, location, flight patterns and munitions used", "flew according to detailed
information and coordinates", "according to the rules". (A plan or schedule is left out: "according
to the plan, troops will withdraw" reads as the plan's document speaking.) "according to"
means "in accordance with" here and attributes nothing (news gold guideline, section 1:
counted are sources that say or write something). Lower case, singular and plural.

Source: written for this project from the "according to" phrases of the FA-KES dev articles
and the read-through of the default report (docs/readthrough.md, #20), and general English
usage of "according to" + a plan, rule or criterion.
"""

ACCORDANCE_NOUNS = frozenset(
    """coordinates pattern patterns type types criterion
    criteria rule rules regulation regulations procedure procedures protocol protocols
    instruction instructions guideline guidelines standard standards principle principles
    custom customs tradition traditions need needs priority priorities size location locations
    specification specifications""".split()
)
