"""Speech verbs of evaluation, whose plain object is a topic, an event or a person rather
than a message ("condemned the attack", "praised the team", "welcomed the delegation").

Source: written for this project from the news gold guideline (data/gold/news/README.md,
section 1, "Not counted", and section 11: "a speech verb with only a topic, an event or a
pronoun as object (`condemned the attacks` ...)" is no statement, while "describe / dismiss /
condemn X as Y" is). These lemmas report a statement only with an "as" complement or a clause.
"""

EVALUATIVE_LEMMAS = frozenset(
    """condemn denounce decry deplore lament criticize criticise praise hail welcome""".split()
)
