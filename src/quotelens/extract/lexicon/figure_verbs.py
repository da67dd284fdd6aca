"""Verbs that report a source's figure only with a figure noun as their object: "the monitor put
the death toll at 58", "had given a toll of 34", "some groups put the death toll a lot higher".
Without such an object they are no speech ("put pressure on", "gave a speech").

Source: written for this project from news reporting of casualty and crowd figures (the news
gold's guideline counts "tolls given or put at a number", data/gold/news/README.md section 11).
"""

# Lemma -> every form (the verbs are irregular). "given" counts only after a perfect
# auxiliary ("had given a toll"): alone it is mostly the preposition ("given the toll, ...").
FIGURE_VERB_FORMS = {
    "put": ("put", "puts", "putting"),
    "give": ("give", "gives", "gave", "given", "giving"),
}
# Auxiliaries that make "given" a verb.
PERFECT_AUXILIARIES = frozenset(("has", "have", "had", "having"))
# Heads of the object that make the verb report a figure.
FIGURE_NOUNS = ("toll", "tolls", "tally", "figure", "figures", "count")
