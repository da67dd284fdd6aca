"""Nouns that make up or head a speaker phrase: role words, the heads that name a person or an
organisation by role, document nouns standing for their author, and nouns that never head one.

Source: written for this project from the speaker phrases of the seed article, FA-KES and
NewsMTSC ("The U.N. envoy", "a spokesman for the ministry", "the SANA reporter", "the
bulletin"), extended from misses on the gold (data/gold/). Occupations (quotelens.extract.lexicon.
occupations) and people named by a relation (quotelens.extract.lexicon.person_nouns: "a
relative") are role words and person roles too.
"""

from quotelens.extract.lexicon.occupations import OCCUPATIONS
from quotelens.extract.lexicon.person_nouns import PERSON_NOUNS

# Lower-case words that can sit inside a speaker phrase.
ROLE_WORDS = frozenset(
    """envoy envoys minister ministers ministry spokesman spokeswoman spokesperson spokesmen official officials
    ambassador head chief director president secretary secretary-general general leader leaders commander
    monitor observatory group agency government regime army military forces coalition council
    deputy senior top special executive prime foreign defence defense interior affairs mediator negotiator
    negotiators delegation governor mayor police source sources statement office department command
    media committee authorities administration adviser advisor diplomat diplomats representative
    correspondent organisation organization movement force brigade battalion channel network
    state-run state humanitarian chemical weapons watchdog center centre human rights u.n. un
    world health news federal russian syrian iranian turkish french british american israeli saudi
    kurdish jordanian lebanese iraqi qatari egyptian german chinese u.s. us western arab
    monitoring charity coordinators field local medical opposition rebel rebels jihadist jihadists islamist islamists militant militants
    reporter reporters television tv service network bulletin station newspaper daily website outlet
    broadcaster witness eyewitness resident activist doctor medic fighter soldier officer analyst expert
    researcher institute body team mission unit centre headquarters father mother man woman survivor
    commentator journalist editor presenter spokespeople sheikh cleric imam leadership civil""".split()
) | OCCUPATIONS | PERSON_NOUNS
# Heads of a speaker phrase naming a person by role.
PERSON_ROLES = frozenset(
    """envoy minister spokesman spokeswoman spokesperson official ambassador head chief director president
    secretary secretary-general general leader commander deputy mediator negotiator governor mayor source
    adviser advisor diplomat representative correspondent reporter witness eyewitness resident activist
    doctor medic fighter soldier officer analyst expert researcher father mother man woman survivor
    journalist editor presenter cleric imam sheikh monitor""".split()
) | OCCUPATIONS | PERSON_NOUNS
# Heads of a speaker phrase naming an organisation by kind.
ORG_ROLES = frozenset(
    """ministry group agency government regime army military coalition council organisation organization
    observatory network television tv service bulletin station newspaper channel centre center committee
    office department command authorities administration movement force forces institute body team
    mission unit headquarters charity""".split()
)
# "according to the bulletin", "the statement said": a document standing for its author.
DOCUMENT_HEADS = frozenset("bulletin statement communique communiqué report".split())
# "the group said": these heads refer back to the organisation that spoke last.
GENERIC_ORG_HEADS = frozenset("group organisation organization body agency charity monitor movement network".split())
# Words that never head a speaker phrase although a determiner may precede them.
NOT_HEADS = frozenset("""attack attacks strike strikes bombing killing deaths death toll war fighting clashes
    it also has have had which who that this these those there""".split())
