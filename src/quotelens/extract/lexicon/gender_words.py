"""Words that tell a person's gender in English news: titles and honorifics written before a
name ("Mr Key", "Dame Judi Dench"), and first names whose gender differs between countries,
which the US first-name lists (quotelens.extract.gender) must not decide.

Source: English usage, listed for this project. The international names are those common as
men's names in Italy, France or elsewhere while the 1990 US Census lists them mostly as
women's ("Andrea Camilleri", "Nicola Sturgeon" and "Nicola Zingaretti"), or the reverse.
"""

# Lower case, with and without the abbreviation's full stop.
MALE_TITLES = frozenset("mr mr. sir lord king prince duke earl baron emir sheikh father brother monsieur "
                        "herr signor senor señor".split())
FEMALE_TITLES = frozenset("mrs mrs. ms ms. miss dame lady queen princess duchess countess baroness sister "
                          "madame mme mme. frau signora senora señora".split())
# Relational nouns that give the gender of the person they describe ("the father", "his widow").
MALE_NOUNS = frozenset("man father son brother husband widower boy grandfather uncle nephew".split())
FEMALE_NOUNS = frozenset("woman mother daughter sister wife widow girl grandmother aunt niece "
                         "spokeswoman chairwoman businesswoman congresswoman".split())
# First names used for men in some countries and for women in others: never decided by name.
INTERNATIONAL_NAMES = frozenset(
    """andrea nicola simone gabriele daniele michele raffaele jean dominique claude camille sasha sacha
    kim yuri noa ariel eden jan maria karen""".split()
)
