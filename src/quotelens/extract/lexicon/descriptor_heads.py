"""Role nouns that do not end a speaker's descriptor before a name: generic person nouns and
plural group nouns that end a noun phrase of the content far more often ("three children and
one woman", "to join opposition forces", "President Bashar al-Assads forces" before a speaker).

Source: written for this project from the descriptors before names in FA-KES (commas stripped
upstream), read on the default corpus for issue 14 item 6 (quotelens.extract.descriptors).
"""

NOT_DESCRIPTOR_HEADS = frozenset("man woman father mother survivor forces force children".split())
