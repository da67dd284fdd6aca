"""What an unnamed source is ("a military source", "local residents", "Western diplomats"):
the kind of source the words of its description name, for reports that separate named actors
from the kinds of anonymous sources an outlet relies on. Lower case.

Source: written for this project (issue 12) from the conventions of news-sourcing research
(official, military and security sources, diplomats, activists, residents and witnesses,
medical and rescue workers, journalists, experts) and the wording English news uses for them.
The first kind in SOURCE_TYPES whose words occur in a description is its kind, so "a military
official" is military, "a local official" official and "local sources" local.
"""

# kind -> words of a description that make a source that kind (checked in this order).
SOURCE_TYPES = (
    ("security", frozenset("""security police policeman policemen intelligence interior""".split())),
    ("military", frozenset("""military army soldier soldiers troops commander commanders officer officers forces
        militia militias defence defense coalition navy air-force pentagon general""".split())),
    ("diplomatic", frozenset("""diplomat diplomats diplomatic embassy envoy ambassador consulate""".split())),
    ("medical", frozenset("""medical medic medics doctor doctors hospital hospitals health nurse nurses
        paramedic paramedics""".split())),
    ("rescue", frozenset("""rescue rescuer rescuers civil-defence civil-defense firefighters volunteers""".split())),
    ("media", frozenset("""reporter reporters correspondent correspondents journalist journalists media
        photographer editor""".split())),
    ("activists", frozenset("""activist activists opposition rebel rebels campaigner campaigners protester
        protesters dissident dissidents insurgent insurgents militant militants fighters""".split())),
    ("residents", frozenset("""resident residents witness witnesses eyewitness eyewitnesses villager
        villagers civilian civilians survivor survivors people man woman men women father mother relative
        relatives family families neighbour neighbours neighbor neighbors parent parents""".split())),
    ("expert", frozenset("""expert experts analyst analysts researcher researchers scientist scientists
        professor academic academics observer observers specialist specialists""".split())),
    ("official", frozenset("""official officials government ministry minister spokesman spokeswoman spokesperson
        spokespeople administration authorities authority regime aide aides adviser advisers advisor
        advisors representative representatives lawmaker lawmakers governor mayor department agency
        office council""".split())),
    ("local", frozenset("""local locals""".split())),
)
# The kind of a description none of the words name ("a source", "sources close to the talks").
OTHER_SOURCE = "other"
