"""Statement extraction and speaker attribution on real sentences (seed, FA-KES, NewsMTSC)
and on crafted ones for layouts the data do not show. Each real sentence names its source."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from quotelens import config
from quotelens.extract.registry import build_registry, default_registry_path, load_registry
from quotelens.load.corpus import load_corpus
from quotelens.contracts import STATEMENT_COLUMNS
from quotelens.extract.statements import (
    canonicalise_unknown, extract_article_statements, extract_statements, unknown_speakers,
)

SEED = config.SEEDS_DIR / "000_aff2fd669e79066c.txt"


@pytest.fixture(scope="module")
def registry():
    return load_registry(default_registry_path())


@pytest.fixture(scope="module")
def seed_article():
    return load_corpus(SEED).articles.iloc[0]


@pytest.fixture(scope="module")
def seed_statements(seed_article, registry):
    return extract_article_statements(seed_article["text"], seed_article["article_id"], registry,
                                      title=seed_article["title"], headlines=list(seed_article["headlines"]))


def extract(text: str, registry) -> list[dict]:
    sts = extract_article_statements(text, "t", registry)
    for st in sts:
        assert text[st["start"]:st["end"]] == st["quote"]
        if st["speaker_start"] >= 0:
            assert text[st["speaker_start"]:st["speaker_end"]] == st["speaker_mention"]
    return sts


def find(sts: list[dict], quote_start: str) -> dict:
    hits = [st for st in sts if st["quote"].startswith(quote_start)]
    assert hits, f"no statement starting {quote_start!r} in {[st['quote'][:40] for st in sts]}"
    return hits[0]


# --- the seed article ---------------------------------------------------------------------------

def test_seed_every_de_mistura_statement_is_his(seed_statements):
    mistura = [st for st in seed_statements if st["speaker"] == "Staffan de Mistura"]
    mentions = {st["speaker_mention"] for st in mistura}
    # named, "he said", "The envoy ... ruled out", "The U.N. envoy said" and "He went on to"
    assert {"de Mistura", "De Mistura", "he", "The envoy", "The U.N. envoy", "He"} <= mentions
    envoy = find(seed_statements, "the possibility of the Syrian High")
    assert envoy["speaker"] == "Staffan de Mistura" and envoy["rule"].startswith("reported_object+role")
    he = find(seed_statements, "But what I do believe")
    assert he["speaker"] == "Staffan de Mistura" and "pronoun" in he["rule"]
    # "I" inside the quote is not a speaker
    assert not any(st["speaker_mention"] in ("I", "we") for st in seed_statements)


def test_seed_gold_statements_all_found(seed_statements, seed_article):
    gold = [json.loads(line) for line in (config.GOLD_DIR / "seed_statements.jsonl").read_text().splitlines()]
    assert len(gold) == 12
    text = seed_article["text"]
    for g in gold:
        start = text.find(g["quote"])
        end = start + len(g["quote"])
        # this older gold keeps a verb+object statement's cue inside its quote ("described today as
        # useful ..."); since issue 14 item 6 the cue has its own offsets, so a statement covers the
        # gold span together with its cue
        covering = [st for st in seed_statements
                    if min(st["start"], st["cue_start"] if st["cue_start"] >= 0 else st["start"]) <= start
                    and st["end"] >= end]
        assert covering, f"gold statement not covered: {g['quote'][:50]!r}"
        assert covering[0]["speaker"] == g["speaker"], g["quote"][:50]
        assert covering[0]["type"] == g["type"], g["quote"][:50]


def test_seed_apposition_mixed_and_headline(seed_statements, seed_article):
    st = find(seed_statements, "a contact group would aim")
    assert st["speaker"] == "Francois Delattre" and st["speaker_mention"] == "Francois Delattre"
    # issue 12 convention: a mixed statement is the whole reported clause, its quoted words a
    # sub-span (quoted_start: the first fragment's start, quoted_end: the last one's end)
    mixed = [st for st in seed_statements if st["type"] == "mixed" and st["speaker"] == "Francois Delattre"]
    assert [m["quote"] for m in mixed] == ['"the fight against terrorism is our number one priority" and the only way '
                                           'to get rid of terrorists "is through a negotiated political solution"']
    inner = seed_article["text"][mixed[0]["quoted_start"]:mixed[0]["quoted_end"]]
    assert inner.startswith("the fight against") and inner.endswith("a negotiated political solution")
    # the headline's 'No breakthrough, no breakdown' is repeated in the body's direct quote
    head = find(seed_statements, "No breakthrough, no breakdown")
    assert head["in_headline"] and head["type"] == "direct"
    assert sum(st["in_headline"] for st in seed_statements) == 1


def test_seed_according_to_and_coordinated(seed_statements):
    acc = find(seed_statements, "the consultative technical mechanism")
    assert acc["type"] == "according_to" and acc["cue"] == "according to"
    assert acc["quote"].endswith("at this round of negotiations")
    second = find(seed_statements, "worldwide pressure could move the needle")
    assert second["speaker"] == "Staffan de Mistura" and second["speaker_start"] == -1
    first = find(seed_statements, "he has not seen any indication")
    assert first["quote"].endswith("in Syria")  # cut before "but voiced hope"
    assert second["resolved_from"] == first["start"]


# --- direct-quote layouts -------------------------------------------------------------------------

def test_quote_said_x_newsmtsc(registry):
    # NewsMTSC train.jsonl
    text = '"There isn\'t any one thing," said Kenneth Feld, chairman and CEO of Feld Entertainment.'
    st = find(extract(text, registry), "There isn't any one thing")
    assert st["type"] == "direct" and st["speaker"] == "Kenneth Feld" and not st["in_registry"]
    assert st["quote"] == "There isn't any one thing"


def test_x_said_colon_quote_newsmtsc(registry):
    # NewsMTSC train.jsonl
    text = 'Asked whether Clinton has done that in her career, Webb said: "You\'ll have to ask her."'
    st = find(extract(text, registry), "You'll have to ask her")
    assert st["speaker"] == "Webb" and st["rule"].startswith("direct_before")


def test_unclosed_curly_quote_lowers_confidence_newsmtsc(registry):
    # NewsMTSC train.jsonl: the closing mark is missing in the data
    text = "But when asked if he had ever cheated on his wives, Mr. Trump said: \u201cNo \u2014 I never discuss it."
    st = find(extract(text, registry), "No \u2014 I never discuss it")
    assert st["speaker"] == "Donald Trump"
    closed = find(extract(text + "\u201d", registry), "No \u2014 I never discuss it")
    assert st["confidence"] < closed["confidence"]


def test_x_colon_quote_newsmtsc(registry):
    # NewsMTSC train.jsonl
    text = "Jacobs: \u201cYou just body-slammed me and broke my glasses.\u201d"
    st = find(extract(text, registry), "You just body-slammed me")
    assert st["speaker"] == "Jacobs" and st["rule"].startswith("direct_colon")


def test_split_quote_with_nested_single_quote_newsmtsc(registry):
    # NewsMTSC train.jsonl
    text = ('"There is no doubt that Nancy Pelosi is a feminist and that she has stood by women," Konst said, '
            '"but this is a moment when we really need to say, \'How are we going to look back on this in 20 years?\'"')
    sts = extract(text, registry)
    first = find(sts, "There is no doubt")
    second = find(sts, "but this is a moment")
    assert first["speaker"] == second["speaker"] == "Konst"
    assert second["rule"] == "direct_split" and second["resolved_from"] == first["start"]
    assert "'How are we going" in second["quote"]  # the nested quote stays inside
    assert len(sts) == 2


def test_quote_dash_x_and_guillemets_crafted(registry):
    sts = extract('"We will not leave Syria" - Sergei Lavrov.', registry)
    assert find(sts, "We will not leave Syria")["speaker"] == "Sergei Lavrov"
    sts = extract("Lavrov said: \u00abWe will not leave Syria.\u00bb", registry)
    st = find(sts, "We will not leave Syria")
    assert st["speaker"] == "Sergei Lavrov" and st["type"] == "direct"


def test_multi_paragraph_quote_crafted(registry):
    text = ('Maria Zakharova told reporters: "The talks must go on.\n\n'
            '"Nobody can replace the Geneva process.\n\n'
            '"We will keep working," she said.')
    sts = extract(text, registry)
    assert [st["quote"] for st in sts] == ["The talks must go on", "Nobody can replace the Geneva process",
                                           "We will keep working"]
    assert {st["speaker"] for st in sts} == {"Maria Zakharova"}
    assert sts[1]["rule"] == "quote_continues" and sts[1]["paragraph"] == 1


def test_apostrophes_are_not_quote_marks(registry):
    # seed sentence with "Assad's"; plural possessive crafted
    text = ("The U.N. envoy said he has seen no sign that Assad's representatives would ever discuss "
            "political transition. The rebels' positions held, the Observatory said.")
    sts = extract(text, registry)
    assert all(st["type"] != "direct" for st in sts)
    assert find(sts, "The rebels' positions held")["speaker"] == "Syrian Observatory for Human Rights"


def test_garbage_quotes_never_raise():
    for text in ['"', '""', "'", '" " "', "\u201c\u201c\u201d", 'a "b', '\u00ab', "x'y' 'z", '\n\n"\n\n"', ""]:
        for st in extract_article_statements(text, "g"):
            assert text[st["start"]:st["end"]] == st["quote"]


# --- FA-KES: commas stripped upstream ----------------------------------------------------------

FAKES_WHO = ('Victims of a suspected chemical attack in Syria appeared to show symptoms consistent with reaction '
             'to a nerve agent the World Health Organization said on Wednesday. "Some cases appear to show additional '
             'signs consistent with exposure to organophosphorus chemicals a category of chemicals that includes nerve '
             'agents" WHO said in a statement putting the death toll at at least 70. The United States has said the '
             'deaths were caused by sarin nerve gas dropped by Syrian aircraft. Russia has said it believes poison gas '
             'had leaked from a rebel chemical weapons depot struck by Syrian bombs.')


def test_fakes_quote_x_said_and_clause_x_said(registry):
    # FA-KES unit_id 1914947530
    sts = extract(FAKES_WHO, registry)
    direct = find(sts, "Some cases appear")
    assert direct["type"] == "direct" and direct["speaker"] == "World Health Organization"
    before = find(sts, "Victims of a suspected chemical attack")
    assert before["speaker"] == "World Health Organization" and before["quote"].endswith("a nerve agent")
    assert find(sts, "the deaths were caused")["speaker"] == "United States"
    russia = find(sts, "it believes poison gas")
    assert russia["speaker"] == "Russia" and russia["type"] == "indirect"


def test_fakes_mixed_and_adding_that(registry):
    # FA-KES unit_id 1914947532
    text = ('Barazi said the attack served the interests of "armed terrorist groups" including Islamic State adding '
            'that the targeted airbase had been providing air support for army operations against Islamic State '
            'east of Palmyra.')
    sts = extract(text, registry)
    # the whole reported clause, with the quoted words as its sub-span (issue 12 convention)
    mixed = find(sts, "the attack served the interests")
    assert mixed["type"] == "mixed" and mixed["quote"].endswith('"armed terrorist groups" including Islamic State')
    assert text[mixed["quoted_start"]:mixed["quoted_end"]] == "armed terrorist groups"
    adding = find(sts, "the targeted airbase")
    assert adding["speaker"] == "Talal Barazi" and adding["rule"] == "participle"


def test_fakes_according_to_and_said_the_observatory(registry):
    # FA-KES sentences (according to ... at the end; inverted "said the Observatory")
    text = ("Meanwhile US-led coalition warplanes killed 56 civilians including 19 children in Manbij in Aleppo "
            "province according to the Observatory. A large truck bomb was set off near the security headquarters of "
            "the Kurdish administration that controls most of Hasaka province in the northeast said the Observatory.")
    sts = extract(text, registry)
    acc = find(sts, "Meanwhile US-led coalition")
    assert acc["type"] == "according_to" and acc["speaker"] == "Syrian Observatory for Human Rights"
    inv = find(sts, "A large truck bomb")
    assert inv["speaker"] == "Syrian Observatory for Human Rights" and inv["rule"].startswith("reported_inverted")


def test_fakes_observatory_head_is_the_person(registry):
    text = "Syrian Observatory for Human Rights head Rami Abdel Rahman said at least 30 people were killed."
    st = find(extract(text, registry), "at least 30 people")
    assert st["speaker"] == "Rami Abdel Rahman"


def test_we_is_never_a_speaker_fakes(registry):
    # FA-KES: a stripped quote opening with "We"
    text = "We call on the international community to support the FSA as it fights the extremists."
    assert all(st["speaker_mention"].lower() not in ("we", "i") for st in extract(text, registry))


# --- speakers --------------------------------------------------------------------------------------

def test_particles_titles_and_unknown_names(registry):
    sts = extract("Saudi Crown Prince Mohammed bin Salman said the kingdom would stay out of Syria.", registry)
    assert sts[0]["speaker"] == "Mohammed bin Salman"
    sts = extract("Dutch envoy Jan van der Berg said the talks had stalled. Van der Berg added that he was hopeful.",
                  build_registry([]))
    assert [st["speaker"] for st in sts] == ["Jan van der Berg", "Jan van der Berg"]


def test_role_nouns_and_pronouns_crafted(registry):
    text = ("Russian Foreign Minister Sergei Lavrov said the strikes would continue. The minister also warned "
            "that Washington was playing with fire. Maria Zakharova said the report was false. She added that "
            "Moscow would respond. The Russian Defence Ministry said two jets had landed. The ministry added that "
            "the crews were safe.")
    sts = extract(text, registry)
    assert find(sts, "Washington was playing")["speaker"] == "Sergei Lavrov"
    assert find(sts, "Moscow would respond")["speaker"] == "Maria Zakharova"
    ministry = find(sts, "the crews were safe")
    assert ministry["speaker"] == "Russian Defence Ministry" and "role" in ministry["rule"]


def test_unnamed_person_is_named_with_the_organisation_fakes(registry):
    # FA-KES style, SANA
    a = find(extract("A source at Aleppo Police Command said that terrorists fired rocket shells.", registry),
             "terrorists fired")
    b = find(extract("An Aleppo Police Command source said that terrorists fired rocket shells.", registry),
             "terrorists fired")
    # each as the article words it (news gold guideline, section 3; issue 12 second session:
    # the rearranged "Aleppo Police Command source" for both was a wrong speaker on the gold)
    assert a["speaker"] == "source at Aleppo Police Command" and b["speaker"] == "Aleppo Police Command source"
    assert a["speaker_kind"] == b["speaker_kind"] == "unnamed"


def test_surname_of_someone_else_is_not_the_registry_person():
    reg = build_registry([{"name": "Boris Johnson", "kind": "person", "gender": "m"}])
    text = "Suzanne Johnson runs the clinic. Johnson said the clinic was full."
    st = extract_article_statements(text, "t", reg)[0]
    assert st["speaker"] == "Suzanne Johnson" and not st["in_registry"]


def test_negated_and_passive_speech_is_not_a_statement(registry):
    text = ("A Russian Defence Ministry spokesman did not say what agent was used. "
            "It was reported that the town had fallen.")
    assert extract(text, registry) == []


# --- tables --------------------------------------------------------------------------------------------

def test_extract_statements_table_passes_article_columns(registry, seed_article):
    articles = pd.DataFrame([{"article_id": "a1", "text": "Lavrov said the talks would resume.", "title": "T",
                              "source": "tass", "rating": 3},
                             {"article_id": "a2", "text": "Nothing to see here.", "title": "U", "source": "x",
                              "rating": 1}])
    df = extract_statements(articles, registry)
    assert list(df.columns[:len(STATEMENT_COLUMNS)]) == STATEMENT_COLUMNS
    assert df[["article_id", "source", "rating", "title"]].values.tolist() == [["a1", "tass", 3, "T"]]
    assert df["statement_id"].tolist() == ["a1:12"]


def test_unknown_speakers_canonicalised_across_articles():
    articles = pd.DataFrame([
        {"article_id": "1", "text": "Homs Governor Talal Barazi said the strike killed five people."},
        {"article_id": "2", "text": "Barazi said the fire was out."},
    ])
    df = extract_statements(articles, build_registry([]))
    # issue 12 (item 3): names merge within an article only, across articles only through the
    # registry: "Barazi" of article 2 is not joined to article 1's "Talal Barazi"
    assert df["speaker"].tolist() == ["Talal Barazi", "Barazi"]
    cand = unknown_speakers(df)
    assert cand["speaker"].tolist() == ["Barazi", "Talal Barazi"] and cand["n_articles"].tolist() == [1, 1]
    assert cand["key"].tolist() == ["barazi", "barazi"]
    # the same full name spelt two ways is still one person across articles
    same = pd.DataFrame([{"article_id": "1", "text": "Hamza al-Khatib said the strike killed five people."},
                         {"article_id": "2", "text": "Hamza Khatib said the fire was out."}])
    assert extract_statements(same, build_registry([]))["speaker"].tolist() == ["Hamza al-Khatib"] * 2
    # idempotent
    pd.testing.assert_frame_equal(canonicalise_unknown(df), df)
    # canonicalise=False keeps the names as written, for a later corpus-wide pass
    raw = extract_statements(articles, build_registry([]), canonicalise=False)
    assert raw["speaker"].tolist() == ["Talal Barazi", "Barazi"]
    pd.testing.assert_frame_equal(canonicalise_unknown(raw), df)


def test_offsets_hold_on_the_whole_default_corpus(default_load, default_statements_syria_shared):
    """text[start:end] == quote for every statement of the seed and all 804 FA-KES articles."""
    articles = default_load.articles  # the default corpus with its registry, extracted once (conftest)
    df = default_statements_syria_shared
    assert len(df) > 3000
    texts = dict(zip(articles["article_id"], articles["text"]))
    bad = [(a, s, e) for a, s, e, q in df[["article_id", "start", "end", "quote"]].itertuples(index=False)
           if texts[a][s:e] != q]
    assert bad == []
    spk = df[df["speaker_start"] >= 0]
    bad = [a for a, s, e, m in spk[["article_id", "speaker_start", "speaker_end", "speaker_mention"]]
           .itertuples(index=False) if texts[a][s:e] != m]
    assert bad == []
    assert df["confidence"].between(0, 1).all()
    assert df["statement_id"].is_unique
    assert set(df["type"]) <= {"direct", "indirect", "mixed", "according_to"}


def test_role_with_a_side_names_its_holder_crafted(registry):
    sts = extract("Iran's foreign minister said the inspectors would be allowed in. "
                  "The SANA news agency said the road was open.", registry)
    assert find(sts, "the inspectors would")["speaker"] == "Mohammad Javad Zarif"
    assert find(sts, "the road was open")["speaker"] == "SANA"
    # a role held by several actors of that side is not guessed without a mention
    st = find(extract("The U.S. president said the strikes were over.", registry), "the strikes were over")
    assert st["speaker"] not in ("Barack Obama", "Donald Trump")


def test_generic_groups_are_one_speaker_fakes(registry):
    # FA-KES style: a sentence-initial capital does not make a new speaker
    sts = extract("Activists said the town fell. Later the activists said the road was cut.", registry)
    assert [st["speaker"] for st in sts] == ["activists", "activists"]


from hypothesis import given, settings, strategies as hst  # noqa: E402

_PIECES = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", " ", ", ", ". ", "\n\n", "said",
           "he", "The envoy", "Lavrov", "according to", "SANA", "told", "that", "the", "rebels", "Mr.", "U.N.", "-",
           ":", "we", "I", "de Mistura", "al-", "s"]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(hst.lists(hst.sampled_from(_PIECES), max_size=40))
def test_any_text_gives_valid_offsets_and_never_raises(pieces):
    text = "".join(pieces)
    for st in extract_article_statements(text, "h"):
        assert text[st["start"]:st["end"]] == st["quote"]
        assert 0 <= st["confidence"] <= 1
        assert st["speaker"]


def test_x_said_comma_quote_and_scare_quote_newsmtsc(registry):
    # NewsMTSC train.jsonl: the first quote is someone else's phrase inside a noun phrase
    text = ('Referencing Trump\'s description of Obama as a "bad (or sick) guy," Schiff said, "If there is '
            'something bad or sick going on, it is the willingness of the nation\'s chief executive to make the most '
            'outlandish and destructive claims without providing a scintilla of evidence."')
    sts = extract(text, registry)
    st = find(sts, "If there is something bad")
    assert st["speaker"] == "Schiff" and st["type"] == "direct"
    assert all(not s["quote"].startswith("bad (or sick)") or s["speaker"] != "Schiff" for s in sts)


def test_x_said_quote_without_colon_newsmtsc(registry):
    # NewsMTSC train.jsonl
    text = ('White House press secretary Sarah Sanders said "Shanahan has proven over the last several months that he '
            'is beyond qualified to lead the Department of Defense."')
    st = find(extract(text, registry), "Shanahan has proven")
    assert st["speaker"] == "Sarah Sanders" and st["rule"].startswith("direct_before")


def test_told_reuters_and_said_in_a_statement_fakes(registry):
    # FA-KES sentences (commas stripped upstream)
    text = ("Hamza al-Khatib the director of a hospital in the rebel-held east told Reuters the death toll from the "
            "strikes was 45. A source at Damascus Police Command said in a statement to SANA that terrorists fired two "
            "rocket shells which fell in al-Adawi area causing material damage without any casualties among civilians.")
    sts = extract(text, registry)
    told = find(sts, "the death toll from the strikes was 45")
    assert told["speaker"] == "Hamza al-Khatib" and told["cue"] == "told"
    src = find(sts, "terrorists fired two rocket shells")
    assert src["speaker"] == "source at Damascus Police Command"  # as written (guideline, section 3)


def test_canonicalisation_keeps_different_first_names_apart():
    # surnames from FA-KES articles: two Khatibs, one Barazi
    df = pd.DataFrame({
        "speaker": ["Hamza Khatib", "Hamza al-Khatib", "Ibrahim Khatib", "Khatib", "Barazi", "Talal Barazi"],
        "speaker_kind": ["person", "person", "person", "unknown", "unknown", "person"],
        "in_registry": [False] * 6,
    })
    # issue 12 (item 3): across articles only the same full name merges; a bare surname stays
    # as written ("Barazi" of one article is not "Talal Barazi" of another)
    assert canonicalise_unknown(df)["speaker"].tolist() == [
        "Hamza al-Khatib", "Hamza al-Khatib", "Ibrahim Khatib", "Khatib", "Barazi", "Talal Barazi"]


# --- speaker resolution: organisations behind roles, documents and unnamed people ------------------

def test_role_of_a_state_in_a_prepositional_phrase_fakes(registry):
    # FA-KES (fakes_1926478973): the state after "in" names which defence ministry
    text = ("Some 120 ISIS fighters and 60 foreign mercenaries were killed in a series of Russian air strikes in "
            "Syria over the past 24 hours the defense ministry in Moscow said.")
    st = find(extract(text, registry), "Some 120 ISIS fighters")
    assert st["speaker"] == "Russian Defence Ministry" and "role" in st["rule"]


def test_long_registry_name_and_document_stand_for_the_organisation_fakes(registry):
    # FA-KES (fakes_1965511183, fakes_1924058217): a long lower-case name; "according to the
    # bulletin" of the centre that spoke just before
    long_name = extract("The Russian Center for coordinating and monitoring the cessation of hostilities agreement "
                        "in Syria said in a statement on Thursday that terrorists of al-Nusra Front targeted "
                        "al-Sheikh Maqsoud neighborhood in the city.", registry)
    st = find(long_name, "terrorists of al-Nusra Front")
    assert st["speaker"] == "Russian Reconciliation Center" and st["speaker_mention"].startswith("Russian Center for")
    text = ("Groups continue attempts to break down regime of cessation of hostilities the Russian center for "
            "reconciliation of the warring parties in Syria said in its regular daily news bulletin. Thus "
            "according to the bulletin Jabhat al-Nusra terrorists executed 40 gunmen and members of their families.")
    st = find(extract(text, registry), "Jabhat al-Nusra terrorists executed")
    assert st["speaker"] == "Russian Reconciliation Center" and st["rule"].endswith("role:document")


def test_registry_role_with_any_head_and_the_group_after_an_unnamed_spokesman_fakes(registry):
    # FA-KES (fakes_1924058184): "the civil defence" is a registry role of the White Helmets,
    # named later in the article
    text = ("Regime bombing raids in and around the northern Syrian city of Aleppo killed 31 civilians Friday "
            "including 10 when their bus was hit the civil defence said in a revised toll of casualties. "
            "Volunteers of the White Helmets pulled people from the rubble.")
    st = find(extract(text, registry), "Regime bombing raids")
    assert st["speaker"] == "White Helmets"
    # FA-KES (fakes_1926479326): the organisation an unnamed spokesman speaks for is "the group"
    text = ("The Syrian National Coalition accused the government. A spokesman for the Syria Civil Defense said 33 "
            "people were affected by the gas. The group which describes itself as a neutral band of search and "
            "rescue volunteers posted a video on YouTube.")
    sts = extract(text, registry)
    # the spokesman as written (guideline, section 3), on the White Helmets' side
    spokesman = find(sts, "33 people")
    assert spokesman["speaker"] == "spokesman for the Syria Civil Defense" and spokesman["speaker_kind"] == "unnamed"
    assert find(sts, "itself as a neutral band")["speaker"] == "White Helmets"


def test_person_modifying_an_organisation_noun_and_described_organisation_fakes(registry):
    # FA-KES (fakes_1926479384): "the Obama administration" speaks, not Obama
    text = ("It was the regime acting as a regime the official said. But the Obama administration made clear that "
            "any response would await confirmation of a chemical attack and its origin.")
    st = find(extract(text, registry), "any response would await")
    assert st["speaker"] == "Obama administration" and st["speaker_kind"] == "organisation"
    # FA-KES (fakes_1923102921): "the UK-based monitor" is a description of the Observatory
    text = ("The Syrian Observatory for Human Rights said 20 people were killed. A spokesperson for the UK-based "
            "monitor said the organisation no longer collected photographic evidence.")
    st = find(extract(text, registry), "the organisation no longer")
    assert st["speaker"] == "Syrian Observatory for Human Rights spokesperson" and st["speaker_kind"] == "unnamed"


def test_speaker_relayed_by_according_to_keeps_the_clause_fakes(registry):
    # FA-KES (fakes_1926479026): the outlet after "according to" relays Zarif's words; the
    # clause is Zarif's and "according to the ... report" is not his content
    text = ("The international community must show a serious reaction to the use of chemical weapons by the "
            "terrorists in Syria and condemn this move Zarif said according to the English-language Press TV report.")
    sts = extract(text, registry)
    st = find(sts, "The international community must")
    assert st["speaker"] == "Mohammad Javad Zarif" and st["rule"].startswith("reported_backward")
    assert st["quote"].endswith("condemn this move")
    assert not any(s["quote"].startswith("according to") for s in sts)
    # with no speech verb before it, "according to" keeps the clause (seed-style layout)
    text = "Jabhat al-Nusra terrorists executed 40 gunmen for an attempt to surrender arms according to Press TV."
    st = find(extract(text, registry), "Jabhat al-Nusra terrorists")
    assert st["speaker"] == "Press TV" and st["type"] == "according_to"


def test_reported_speech_nested_in_reported_speech_fakes(registry):
    # FA-KES (fakes_1926479236): the government's report sits inside the spokesman's statement;
    # each level is its own statement, and "It said" then finds the government
    text = ("The spokesman said the first sites to be visited will include Khan al-Assal near the Syrian city of "
            "Aleppo where the government reported a chemical weapons attack on March 19. It said at least 26 "
            "people including 16 government soldiers were killed. The Syrian government called for the U.N. "
            "inquiry in March.")
    sts = extract(text, registry)
    outer = find(sts, "the first sites to be visited")
    inner = find(sts, "a chemical weapons attack on March 19")
    assert outer["start"] < inner["start"] and inner["end"] <= outer["end"]
    assert inner["speaker"] == "Syrian government" and outer["speaker"] != inner["speaker"]
    assert find(sts, "at least 26 people")["speaker"] == "Syrian government"
    # a pronoun inside a reported clause is not a nested speaker of its own
    text = "Cavusoglu said Moscow did not take the necessary steps and he said it was a mistake."
    sts = extract(text, registry)
    assert not any(s["speaker_mention"] == "he" and s["start"] > sts[0]["start"] and s["end"] <= sts[0]["end"]
                   for s in sts[1:])


def test_group_of_a_person_and_roles_named_by_apposition_or_later_fakes(registry):
    # FA-KES (fakes_1926479384): the opponents speak, not the person they oppose; "They" is them
    text = ("Syrias government has offered no public response to the calls which opponents of Syrian President "
            "Bashar al-Assad said killed from 500 to well over 1000 people. They said more bodies were being found.")
    sts = extract(text, registry)
    assert find(sts, "killed from 500")["speaker"] == "opponents of Syrian President Bashar al-Assad"
    assert find(sts, "more bodies")["speaker"] == "opponents of Syrian President Bashar al-Assad"
    # FA-KES (fakes_1962495634): "the father" was introduced after the name
    text = ("My son came to me two weeks ago asking what I thought the weapons were that he had been asked to carry "
            "said Abu Abdel-Moneim the father of a militant fighting to unseat the Syrian government who lives in "
            "Ghouta. Abdel-Moneim said his son and 12 other militants were killed inside of a tunnel. The father "
            "described the weapons as having a tube-like structure.")
    assert find(extract(text, registry), "the weapons as having")["speaker"] == "Abu Abdel-Moneim"
    # FA-KES (fakes_1923848307): "the provincial governor" is named in the next sentence
    text = ("A car bomb and rocket attack on a district of the Syrian city of Homs killed at least 45 people on "
            "Tuesday the provincial governor said. Governor Talal al-Barazi told AFP the car bomb detonated in "
            "the Abbasid area.")
    st = find(extract(text, registry), "A car bomb")
    assert st["speaker"] == "Talal al-Barazi" and st["rule"].endswith("next_speaker")
    # "a spokesman" (indefinite) stays an unnamed source
    text = "Ten people were killed a spokesman said. Spokesman John Kirby said the reports were serious."
    st = find(extract(text, registry), "Ten people were killed")
    assert st["speaker_kind"] == "unnamed"


def test_places_and_common_words_never_speak_and_unresolved_references_are_marked_fakes(registry):
    # FA-KES: "Activists in northern rural Homs said", "Opposition media groups including Aleppo
    # Today said", "If confirmed it would be ...": no place, clause opener or common word speaks
    corpus = load_corpus(config.FAKES_CSV).articles
    sts = extract_statements(corpus.head(300), registry)
    speakers = set(sts["speaker"])
    assert not speakers & {"Aleppo", "Homs", "Idlib", "Manbij", "If", "Wednesdays", "Human Rights", "Like Noha Samira"}
    assert not speakers & set(registry.places)
    # FA-KES (fakes_1918150027): "Samira" in "Syrian Observatory for Human Rights" style tails
    text = ("The Syrian Observatory for Human Rights said 20 people died. We owned three houses in Madaya town. "
            "Now we dont have a single Syrian pound she said.")
    st = find(extract(text, registry), "Now we dont")
    assert st["speaker"] != "Human Rights"
    # a lone organisation noun with no referent is kept as an unnamed source, not shown as an
    # actor (issue 12/13: the kinds "unresolved" and "group" became "unnamed")
    st = find(extract("The ministry said that the extremists had suffered losses.", registry), "the extremists")
    assert st["speaker"] == "ministry" and st["speaker_kind"] == "unnamed"
    st = find(extract("Local sources said that the extremists had suffered losses.", registry), "the extremists")
    assert st["speaker_kind"] == "unnamed"


def test_name_in_quote_marks_inside_a_speaker_phrase_fakes(registry):
    # FA-KES (fakes_1965511108): according to the opposition "Cham" TV network
    text = ("The national military units were able to kill about 40 militants in the area of Rahibeh in rural "
            "Damascus according to the opposition \"Cham\" TV network.")
    st = find(extract(text, registry), "The national military units")
    assert st["speaker"] == "Cham TV network" and st["type"] == "according_to"


def test_contract_allows_nested_statements_but_not_crossing_ones():
    from quotelens.contracts import statement_problems

    text = "The spokesman said the government reported an attack on the town. Others said nothing."
    base = {"speaker": "x", "speaker_mention": "", "speaker_start": -1, "speaker_end": -1, "resolved_from": -1,
            "confidence": 0.5, "type": "indirect"}

    def st(a, b):
        return dict(base, start=a, end=b, quote=text[a:b])

    outer = (text.index("the government"), text.index(" Others") - 1)
    inner = (text.index("an attack"), outer[1])
    assert statement_problems(text, [st(*outer), st(*inner)]) == []
    crossing = (text.index("the town"), len(text) - 1)
    assert any("overlap" in p for p in statement_problems(text, [st(*outer), st(*crossing)]))


def _default_article(default_load, number: str) -> tuple[str, str]:
    arts = default_load.articles
    row = arts[arts["article_id"].astype(str) == number].iloc[0]
    return row["article_id"], row["text"]


def test_an_occasion_noun_is_a_whole_word_after_the_cue(default_load, registry):
    # fakes_1926479264 (not in the gold): "They are the next target he said in the video posted
    # on YouTube": "in the video post" matched the start of "posted" and the statement became
    # "ed on YouTube"; the statement is before the cue
    aid, text = _default_article(default_load, "1926479264")
    sts = extract_article_statements(text, aid, registry)
    assert not [st for st in sts if st["quote"].startswith(("ed ", "s ", "ing "))]
    st = next(st for st in sts if st["quote"].endswith("They are the next target"))
    assert st["speaker"] == "Rafaa Aakla al-Raju" and st["cue"] == "said"
    # a whole occasion noun after the cue is still an adjunct
    st = extract("The talks will go on, the minister said in a statement on Monday.", registry)[0]
    assert st["quote"] == "The talks will go on"


def test_claiming_lives_is_no_claim(default_load, registry):
    # "claimed the lives of ..." and "claimed N lives" are no speech act. FA-KES articles not
    # in the gold: fakes_1926479106 "a chemical weapons incident in Syrias Idlib province
    # claimed the lives of some 80 people", fakes_1962495675 "Cross-border fire from Syria has
    # claimed 21 lives"; both were statements of the Syrian government
    for number, words in (("1926479106", "the lives of some 80 people"), ("1962495675", "21 lives")):
        aid, text = _default_article(default_load, number)
        assert words in text
        sts = extract_article_statements(text, aid, registry)
        assert not [st for st in sts if st["cue"].startswith("claim")]
    # a claim whose clause opens with "his life" stays a claim
    st = extract("He claimed his life was in danger.", registry)[0]
    assert st["cue"] == "claimed" and st["quote"] == "his life was in danger"


def test_a_figure_given_or_put_is_a_statement(default_load, registry):
    # FA-KES articles not in the gold: "SANA gave a toll of at least 12 dead and 55 wounded"
    # (1924058170), "It had initially given a death toll of 22" (1923848301, the Observatory),
    # "The observatory put the toll at six dead" (1924058037): a source's figure is its statement,
    # the object its content (news gold guideline: tolls given or put at a number)
    for number, words, speaker in (("1924058170", "a toll of at least 12 dead and 55 wounded", "SANA"),
                                   ("1923848301", "a death toll of 22", "Syrian Observatory for Human Rights"),
                                   ("1924058037", "the toll at six dead", "Syrian Observatory for Human Rights")):
        aid, text = _default_article(default_load, number)
        sts = extract_article_statements(text, aid, registry)
        st = next(st for st in sts if st["quote"] == words)
        assert st["speaker"] == speaker and st["type"] == "indirect"
    # "Syrian state media gave no figure for ..." (1926479318) reports no figure
    aid, text = _default_article(default_load, "1926479318")
    assert "gave no figure" in text
    assert not [st for st in extract_article_statements(text, aid, registry) if st["cue"] == "gave"]
    # without a figure noun the verbs report nothing; "given" alone is a preposition
    assert extract("The ministry put pressure on the rebels and gave a speech.", registry) == []
    assert extract("The UN, given the toll of the war, called for talks.", registry)[0]["cue"] == "called for"
    # the figure ends before the subject's own speech verb (fakes_1924058068, a dev article's sentence)
    text = ("The monitor which earlier gave a toll of 20 in the strikes said the dead included an Iraqi family.")
    quotes = {st["quote"] for st in extract(text, registry)}
    assert quotes == {"a toll of 20 in the strikes", "the dead included an Iraqi family"}


def test_coordinated_sources_are_one_joint_speaker(default_load, registry):
    # FA-KES articles not in the news gold: "Moscow and Damascus say their pause in bombing ..."
    # (1926479371) and "Assads regime and Russia have accused rebels of using toxic gas"
    # (1918150033) are statements of both sources, named in text order (guideline section 3,
    # joint speakers); the first or last conjunct alone was the speaker before
    for number, words, speaker in (("1926479371", "their pause in bombing the city", "Russia and Syrian government"),
                                   ("1918150033", "rebels of using toxic gas", "Syrian government and Russia")):
        aid, text = _default_article(default_load, number)
        st = next(st for st in extract_article_statements(text, aid, registry) if st["quote"].startswith(words))
        assert st["speaker"] == speaker and st["rule"].endswith("+joint")
    # "and" inside a name or after a preposition joins no sources: "The Syrian Ministry of Foreign
    # Affairs and Expatriates ... stated" (dev article fakes_1962495738), "... moved in Iraq and Syria
    # Carter added" (1965495354, not in the gold)
    aid, text = _default_article(default_load, "1965495354")
    st = next(st for st in extract_article_statements(text, aid, registry)
              if st["quote"].startswith("the coalition has taken out Daesh field commanders"))
    assert st["speaker"] == "Ashton Carter"
    text = ("The Syrian Ministry of Foreign Affairs and Expatriates in two letters sent to the UN on August 24 "
            "stated that the US-led coalition was perpetrating war crimes.")
    assert " and " not in extract(text, registry)[0]["speaker"]
    # without a registry too (GUM_news_clock, a dev article's sentence)
    text = ("Both the Irving Independent School District and the Irving Police Department have asserted that the "
            "boy's religion and name were not a factor.")
    st = extract_article_statements(text, "t", None)[0]
    assert st["speaker"] == "Irving Independent School District and Irving Police Department"


def test_a_tag_followed_by_an_adverbial_clause_closes_the_statement_before_it(default_load, registry):
    # "CLAUSE the president said before a meeting with his Cabinet" (1926479223) and "CLAUSE a
    # State Department spokeswoman said while acknowledging ..." (1926479384), FA-KES articles not
    # in the gold: an adverbial after the tag ends the attribution; the statement is before it
    for number, words, speaker in (("1926479223", "Even as we have been spending", "Barack Obama"),
                                   ("1926479384", "Obama has directed U.S. intelligence agencies",
                                    "State Department spokeswoman")):
        aid, text = _default_article(default_load, number)
        st = next(st for st in extract_article_statements(text, aid, registry) if st["quote"].startswith(words))
        assert st["speaker"] == speaker and st["rule"].startswith("reported_backward")
    # a dev article's sentence (fakes_1926479066): "... the Observatory added without giving details"
    text = ("The attack appeared to have been carried out by Islamic brigades fighting Assad the Observatory said. "
            "The blast killed government soldiers and other forces fighting alongside them the Observatory added "
            "without giving details.")
    assert any(st["quote"] == "The blast killed government soldiers and other forces fighting alongside them"
               for st in extract(text, registry))
    # a participle before a time adverbial is no tag (1923848189: "the iftar meal observed during Ramadan")
    aid, text = _default_article(default_load, "1923848189")
    assert not [st for st in extract_article_statements(text, aid, registry) if st["cue"] == "observed"]


def test_an_organisation_named_across_of_or_for_keeps_its_whole_name(default_load, registry):
    # FA-KES articles not in the news gold: "The Syrian Center for Policy Research however puts
    # the death toll ..." (1919191754) was a person "Policy Research"; "The opposition Local
    # Coordination Committee of Deir al-Adas said" (1915433670) was the place "Deir al-Adas"
    for number, words, speaker in (("1919191754", "the death toll from the six-year conflict",
                                    "Syrian Center for Policy Research"),
                                   ("1915433670", "heavy shelling had forced the Free Syrian Army",
                                    "Local Coordination Committee of Deir al-Adas")):
        aid, text = _default_article(default_load, number)
        st = next(st for st in extract_article_statements(text, aid, registry) if st["quote"].startswith(words))
        assert st["speaker"] == speaker
    # a registry mention between the runs keeps them apart (1962495704): "The speaker of the
    # Peoples Council of Syria Hadiya Khalaf Abbas said" is the person
    aid, text = _default_article(default_load, "1962495704")
    st = next(st for st in extract_article_statements(text, aid, registry) if st["quote"].startswith("after the US"))
    assert st["speaker"] == "Hadiya Khalaf Abbas"
    # without a registry: "and" inside such a name joins its parts (a dev article's sentence,
    # fakes_1962495738; GUM_news_taxes: the Union of Rationalist Atheists and Agnostics)
    for text, speaker in (("The Syrian Ministry of Foreign Affairs and Expatriates stated that the coalition was "
                           "perpetrating war crimes.", "Syrian Ministry of Foreign Affairs and Expatriates"),
                          ("The Union of Rationalist Atheists and Agnostics said the sentence was historic.",
                           "Union of Rationalist Atheists and Agnostics")):
        assert extract_article_statements(text, "t", None)[0]["speaker"] == speaker


def test_a_participle_after_a_trailing_tag_opens_no_reported_clause(default_load, registry):
    # FA-KES (no commas), articles not in the news gold: "The battle in Latakia has killed some 300
    # fighters on both sides the Observatory said including 180 army and paramilitary troops"
    # (1923848317) and "... that killed more than 1400 people Human Rights Watch said on Tuesday
    # contradicting repeated denials" (1926479220): the statement is the clause before the tag,
    # not the participle phrase after it
    for number, words, tail in (("1923848317", "The battle in Latakia has killed some 300 fighters", "including 180"),
                                ("1926479220", "Evidence strongly suggests", "contradicting repeated")):
        aid, text = _default_article(default_load, number)
        sts = extract_article_statements(text, aid, registry)
        st = next(st for st in sts if st["quote"].startswith(words))
        assert st["rule"].startswith("reported_backward")
        assert not [st for st in sts if st["quote"].startswith(tail)]
    # a gerund object after a verb whose clause has no room before the speaker stays the
    # statement (1962495634: "health workers aiding 3600 patients also reported experiencing
    # similar symptoms"), and "everything" is no participle (1924058139: "Assad declared everything")
    for number, words in (("1962495634", "experiencing similar symptoms"), ("1924058139", "everything in 2013")):
        aid, text = _default_article(default_load, number)
        assert any(st["quote"].startswith(words) for st in extract_article_statements(text, aid, registry))


def test_a_sentence_ending_in_a_tag_relays_the_whole_clause(default_load, registry):
    # Nested relays (guideline section 1, item 7), FA-KES articles not in the gold: the tag at
    # the end of the sentence is the outer statement, the whole clause before it, and the cue
    # inside is a nested statement that ends before the tag. The inner cue took the clause and
    # ran over the tag ('... chemical weapons Irans Press TV reported on Sunday'); the outer one
    # was lost.
    aid, text = _default_article(default_load, "1926479026")
    sts = extract_article_statements(text, aid, registry)
    outer = next(st for st in sts if st["cue"] == "reported" and st["quote"].startswith("Irans foreign minister said"))
    assert outer["speaker"] == "Press TV" and outer["quote"].endswith("affected by chemical weapons")
    inner = next(st for st in sts if st["quote"].startswith("the Syrian government had told Tehran"))
    assert inner["end"] <= outer["end"] and "Press TV" not in inner["quote"]
    for number, words in (("1962495675", "Other sources said hundreds living in camps"),
                          ("1962495696", "Damascus accuses Saudi Arabia Turkey and Qatar")):
        aid, text = _default_article(default_load, number)
        sts = extract_article_statements(text, aid, registry)
        st = next(st for st in sts if st["quote"].startswith(words))
        assert st["speaker"] == "Press TV" and st["cue"] == "reported"
    # two tags of one clause are no relay ('... the Observatory said and civil defence workers said')
    aid, text = _default_article(default_load, "1923848146")
    sts = extract_article_statements(text, aid, registry)
    assert not [st for st in sts if st["quote"] == "and"]


def test_quote_after_a_comma_and_a_participle_is_the_sentence_subjects_newsmtsc(registry):
    # NewsMTSC train.jsonl: '..., writing: "Q"' / '..., adding: "Q"' / '..., adding "Q"': the
    # participle's subject is the sentence's; the quote was missed or went to the object before
    # the comma ('... about President Donald Trump, adding')
    for text, words, speaker in (
            ('Mary Cheney also chimed in, writing: "Liz - this isn\'t just an issue on which we disagree - '
             'you\'re just wrong - and on the wrong side of history."', "Liz - this", "Mary Cheney"),
            ('Mr Leonard said he had already taken steps to make the party more equal, adding: "That action comes '
             'from the one driving principle - that there is no place for any form of discrimination in the Labour '
             'Party, be it sexism, be it homophobia, be it racism, anti-Semitism and Islamophobia."',
             "That action comes", "Leonard"),
            ('Carter said “there is nothing fake” about President Donald Trump, adding “he tells you what he’s about, '
             'the fake is Barack Obama, the fake is Bill Clinton.”', "he tells you", "Carter")):
        st = find(extract(text, build_registry([])), words)  # (no registry: its Ashton Carter is not this one)
        assert st["type"] == "direct" and st["speaker"] == speaker
    # a relaying participle names a source, not words said
    text = ('Trump and Kim could be linked to the release of the U.S. citizens, the Journal reported, citing '
            '“people briefed on the meeting.”')
    assert not [st for st in extract(text, registry) if st["cue"] == "citing"]


def test_a_relative_clause_before_a_final_tag_is_content_not_the_speaker(default_load, registry):
    # FA-KES (no commas; articles not in the gold): "... including a former army officer who had
    # defected from loyalist ranks to join opposition forces the observatory said" (1924058053)
    # and "The hardline Sunni fighters attacked Tel Abyad which is controlled by ... YPG spokesman
    # Redur Xelil and Turkish security sources told Reuters" (1926479296): the noun before
    # "who"/"which" was the speaker and the statement stopped before it; the tag's own subject
    # speaks, and the content is the whole clause before it (docs/readthrough.md, seed 15)
    for number, content_end, speaker in (
            ("1924058053", "to join opposition forces", "Syrian Observatory for Human Rights"),
            ("1926479296", "in the early hours of Saturday", "Redur Xelil"),
            ("1923102826", "effectively severed on Thursday", "Syrian Observatory for Human Rights"),
            ("1924058212", "as he left his Damascus sports club", "Sana")):
        aid, text = _default_article(default_load, number)
        assert content_end in text
        sts = extract_article_statements(text, aid, registry)
        st = next(st for st in sts if st["quote"].endswith(content_end))
        assert st["speaker"] == speaker and st["rule"].startswith("reported_backward")
    # the antecedent of a relative clause stays the speaker when the verb follows the clause
    # with no subject of its own, after an object ("heads the ... Observatory") or before a
    # clause (1915433694: "Rami Abdurrahman who heads another activist group the Britain-based
    # Syrian Observatory for Human Rights said the plane crashed ...")
    aid, text = _default_article(default_load, "1915433694")
    sts = extract_article_statements(text, aid, registry)
    st = next(st for st in sts if st["quote"].startswith("the plane crashed"))
    assert st["speaker"] == "Rami Abdel Rahman"
    for sentence, speaker in (
            ("At least 11 people were killed the Syrian Observatory for Human Rights which monitors the war said.",
             "Syrian Observatory for Human Rights"),
            ("At least 11 people were killed the Observatory which has activists across Syria said.",
             "Syrian Observatory for Human Rights"),
            ("At least 11 people were killed Rami Abdurrahman who heads the Britain-based Syrian Observatory "
             "for Human Rights said.", "Rami Abdel Rahman"),
            ("At least 11 people were killed the Observatory, which monitors the war, said.",
             "Syrian Observatory for Human Rights")):
        st = extract(sentence, registry)[0]
        assert st["speaker"] == speaker and st["quote"] == "At least 11 people were killed"
