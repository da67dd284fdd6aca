"""Titles and role words written in front of a name and not part of it ("Foreign Minister
Sergei Lavrov", "Dr. Zaher Hajjo"), lower case, with and without the abbreviation's full stop.

Source: written for this project with the actor registry, from the titles in front of names in
the seed article, FA-KES and NewsMTSC; the demonyms in it ("russian", "u.s.") are those that
precede a title in the same texts. The titles of the last two lines (professor ... constable)
were added for news in general (issue 12): "Professor Eastman" is Eastman.
"""

TITLES = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady president vice prime minister foreign defence defense
    interior secretary general gen lt col maj capt colonel major lieutenant captain brigadier sergeant
    commander admiral staff marshal field ambassador envoy special spokesman spokeswoman spokesperson
    senator sen rep representative governor gov mayor king queen prince crown sheikh emir imam chief
    head director executive deputy senior top leader chairman chairwoman chair officer official
    minister's mr. mrs. ms. dr. gen. lt. col. maj. capt. sgt. brig. gov. sen. rep. prof. u.n. un us
    u.s. russian french british syrian turkish iranian american saudi israeli german chinese activist
    doctor judge justice cleric commander-in-chief
    professor emeritus chancellor premier councillor councilman councilwoman congressman congresswoman
    assemblyman assemblywoman mp mep reverend rev rev. archbishop bishop rabbi pope superintendent
    commissioner inspector detective constable
    """.split()
)

# Titles that many people of one article may hold at once ("the official", "the spokesman"):
# a definite one with no introduced holder is not taken for the person who spoke last.
ANONYMOUS_ROLES = frozenset("""official officials spokesman spokeswoman spokesperson representative officer activist
    doctor senior top deputy staff""".split())
