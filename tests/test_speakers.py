"""Speaker resolution and naming on real text (issue 12 items 3 and 6, issue 13 item 5, issue
16 item 7): salience and gender for pronouns, "it" and "they", role nouns and documents,
in-article naming, organisations described before they are named, speaker kinds without a
registry, registry surnames against other first names, names that are also months, invisible
characters. Texts from the news gold's dev articles, the seed and NewsMTSC."""

from __future__ import annotations

import json

import pytest

from quotelens import config
from quotelens.extract.article import ArticleState
from quotelens.extract.entities import ArticleEntities
from quotelens.extract.gender import first_name_gender, name_gender
from quotelens.extract.lexicon.pronoun_contractions import PRONOUN_CONTRACTIONS
from quotelens.extract.mentions import ArticleMentions
from quotelens.extract.registry import build_registry, default_registry_path, load_registry
from quotelens.extract.speaker_types import SPEAKER_KINDS, description_kind, name_kind, unnamed_source_type
from quotelens.extract.statements import extract_article_statements
from quotelens.load.corpus import load_corpus
from quotelens.text import sentence_spans

NEWS_ARTICLES = config.GOLD_DIR / "news" / "articles.jsonl"
EMPTY = build_registry([])


@pytest.fixture(scope="module")
def dev_texts():
    out = {}
    for line in NEWS_ARTICLES.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["split"] == "dev":
            out[rec["id"]] = rec["text"]
    return out


def _with_quote(statements, words):
    return next(st for st in statements if words in st["quote"])


def test_he_is_the_person_just_introduced_not_the_last_speaker(dev_texts):
    # GUM_news_soccer: a Korean player spoke last; "Harry Kane won ... He said" is Kane
    sts = extract_article_statements(dev_texts["GUM_news_soccer"], "GUM_news_soccer", EMPTY)
    st = next(st for st in sts if st["speaker_mention"] == "He")
    assert st["speaker"] == "Harry Kane" and "pronoun:salient" in st["rule"]


def test_she_by_first_name_and_full_name_as_introduced(dev_texts):
    # GUM_news_iodine: "Professor Eastman" is Cres Eastman, as first introduced; "She" is Lydia
    # Buchtmann (a woman's first name), not the organisation after "for"
    sts = extract_article_statements(dev_texts["GUM_news_iodine"], "GUM_news_iodine", EMPTY)
    eastman = [st for st in sts if st["speaker_mention"] in ("Professor Eastman", "Eastman")]
    assert eastman and {st["speaker"] for st in eastman} == {"Cres Eastman"}
    she = next(st for st in sts if st["speaker_mention"] == "She")
    assert she["speaker"] == "Lydia Buchtmann"


def test_a_monitor_in_the_lead_is_the_organisation_named_next_without_registry(dev_texts):
    # FA-KES (fakes_1923102976): "... a monitor said. The Britain-based Syrian Observatory for
    # Human Rights said ..." and no registry
    sts = extract_article_statements(dev_texts["fakes_1923102976"], "fakes_1923102976", EMPTY)
    st = next(st for st in sts if st["speaker_mention"] == "a monitor")
    # (the name as the extractor finds it: "Syrian Observatory" when "for" ends the phrase)
    assert st["speaker"].startswith("Syrian Observatory") and st["speaker_kind"] == "organisation"


def test_the_envoy_without_registry_is_the_person_who_spoke_just_before(dev_texts):
    sts = extract_article_statements(dev_texts["000_aff2fd669e79066c"], "seed", EMPTY)
    st = next(st for st in sts if st["speaker_mention"] == "The envoy")
    assert st["speaker"] == "de Mistura"


def test_invisible_characters_before_and_inside_a_name_change_nothing(dev_texts):
    # the seed's "Francois Delattre, said": an RLM before the name, a zero-width space inside it
    text = dev_texts["000_aff2fd669e79066c"]
    plain = extract_article_statements(text, "seed", EMPTY)
    marked_text = text.replace("Francois Delattre, said", "\u200fFrancois Dela\u200bttre, said")
    marked = extract_article_statements(marked_text, "seed", EMPTY)
    assert len(marked) == len(plain)
    st = _with_quote(marked, "a contact group would aim")
    assert st["speaker"] == "Francois Delattre"
    assert marked_text[st["speaker_start"]:st["speaker_end"]] == st["speaker_mention"]
    assert "\u200b" in st["speaker_mention"]
    for mark in ("\u202a", "\u2068"):  # LRE, FSI
        sts = extract_article_statements(text.replace("Francois Delattre, said", mark + "Francois Delattre, said"),
                                         "seed", EMPTY)
        assert _with_quote(sts, "a contact group would aim")["speaker"] == "Francois Delattre"


def test_pronouns_possessives_and_participles_are_never_names():
    # FA-KES style openings with nothing to refer to, and a possessor in front of a role
    st = extract_article_statements("It said the talks had failed.", "x", EMPTY)[0]
    assert (st["speaker"], st["speaker_kind"]) == ("unidentified organisation", "unnamed")
    sts = extract_article_statements("Tony Blair's spokesman said the plan would work.", "x", EMPTY)
    assert sts[0]["speaker"] == "Tony Blair spokesman" and sts[0]["speaker_kind"] == "unnamed"


def test_first_name_gender_is_only_used_when_one_sided():
    assert first_name_gender("John") == "m" and first_name_gender("Lydia") == "f"
    # balanced, rare, international or unknown names decide nothing
    for name in ("Jordan", "Gwyn", "Andrea", "Nicola", "Rami", "Staffan"):
        assert first_name_gender(name) is None
    assert name_gender(["Key"], title="Mr") == "m" and name_gender(["Theresa", "May"]) == "f"


# -- speaker kinds without a registry (issue 12 item 6, issue 13 item 5) ---------------------

def test_speaker_kinds_from_the_phrase_without_registry(dev_texts):
    # GUM_news_flag: "the New Zealand government announced" is the state; "according to the New
    # Zealand Herald" an outlet; GUM_news_korea: "according to Yonhap news agency" is Yonhap
    flag = extract_article_statements(dev_texts["GUM_news_flag"], "GUM_news_flag", EMPTY)
    st = _with_quote(flag, "the start of a public process")
    assert (st["speaker"], st["speaker_kind"]) == ("New Zealand", "state")
    st = next(st for st in flag if st["speaker_mention"] == "New Zealand Herald")
    assert (st["speaker"], st["speaker_kind"]) == ("New Zealand Herald", "news_agency")
    assert {st["speaker_kind"] for st in flag if st["speaker"] in ("John Burrows", "John Key")} == {"person"}
    korea = extract_article_statements(dev_texts["GUM_news_korea"], "GUM_news_korea", EMPTY)
    st = next(st for st in korea if st["speaker_mention"].startswith("Yonhap"))
    assert (st["speaker"], st["speaker_kind"]) == ("Yonhap", "news_agency")
    # every kind is one of the contract's
    assert {st["speaker_kind"] for st in flag + korea} <= set(SPEAKER_KINDS)


def test_unnamed_sources_keep_a_typed_kind():
    # descriptions as the news gold's dev articles write them
    assert [unnamed_source_type(d) for d in ("military source", "security sources", "local sources",
                                             "Syrian regime source", "Western diplomats", "AFP photographer",
                                             "local civil defense official", "relative", "activists",
                                             "sources close to the talks")] == [
        "military", "security", "local", "official", "diplomatic", "media", "rescue", "residents", "activists",
        "other"]
    assert description_kind("state media") == "news_agency" and description_kind("opposition websites") == "document"
    assert description_kind("unidentified person") == "unnamed" and description_kind("activists") == "unnamed"
    assert name_kind("Islamic State") == "organisation" and name_kind("Syrias") == "state"
    assert name_kind("Deseret News") == "news_agency" and name_kind("Reuters") == "news_agency"
    # a lone capitalised word is taken for a surname, never a day
    assert name_kind("Comey") == "person" and name_kind("Tuesday") == "unknown"


# -- a registry surname never overrides a different first name (issue 13 item 5) -------------

def test_registry_surname_alias_never_takes_a_different_first_name(dev_texts):
    # GUM_news_clock names the boy Ahmed Mohamed and "His father Mohamed El-Hassan Mohamed said";
    # with a registry holding the boy (surname alias "Mohamed"), the father keeps his own name
    text = dev_texts["GUM_news_clock"]
    registry = build_registry([{"name": "Ahmed Mohamed", "kind": "person"}])
    sts = extract_article_statements(text, "GUM_news_clock", registry)
    st = _with_quote(sts, "he was taking his entire family")
    assert st["speaker"] == "Mohamed El-Hassan Mohamed" and not st["in_registry"]
    # the boy's own mentions stay the registry actor's
    art = ArticleState(text, "GUM_news_clock", registry)
    boy = text.index("Ahmed Mohamed")
    assert any(s == boy and name == "Ahmed Mohamed" for s, _, name in art.resolver.mentions)
    father = text.index("Mohamed El-Hassan Mohamed")
    assert not any(father <= s < father + 25 for s, _, _ in art.resolver.mentions)
    # GUM_news_warhol never names the registry's Roy Wilkins: neither "Kristen Wilkins" nor a bare
    # "Wilkins" of the article is his
    warhol = extract_article_statements(dev_texts["GUM_news_warhol"], "GUM_news_warhol",
                                        build_registry([{"name": "Roy Wilkins", "kind": "person"}]))
    wilkins = [st for st in warhol if st["speaker_mention"] in ("Wilkins", "Kristen Wilkins")]
    assert wilkins and not any(st["in_registry"] for st in wilkins)
    assert _with_quote(warhol, "The Polaroids were all donated")["speaker"] == "Kristen Wilkins"


# -- "it" and "they" by salience (issue 12 item 3) ----------------------------------------------

def test_it_refers_to_the_organisation_the_sentence_before_is_about(dev_texts):
    # fakes_1924058047: the Observatory spoke last, then "State news agency SANA broadcast a call
    # ... It said the army had sent text messages": SANA, the subject named just before
    sts = extract_article_statements(dev_texts["fakes_1924058047"], "fakes_1924058047", EMPTY)
    st = _with_quote(sts, "the army had sent text messages")
    assert st["speaker"] == "SANA" and "pronoun:salient" in st["rule"]
    # "Government forces continued to pound ... It said": "it" is never a plural name
    st = _with_quote(sts, "five civilians including three children")
    assert st["speaker"] != "Government forces"


# -- role nouns and documents (issue 12 item 3) ------------------------------------------------

def test_role_nouns_and_documents_find_their_referent(dev_texts):
    # fakes_1924058225: "... the Kurdish National Council Mustafa Sino said ... the Kurdish
    # official said": the person introduced next to "Kurdish"
    sts = extract_article_statements(dev_texts["fakes_1924058225"], "fakes_1924058225", EMPTY)
    assert next(st for st in sts if st["speaker_mention"] == "the Kurdish official")["speaker"] == "Mustafa Sino"
    # GUM_news_iodine: "The report says" is the study the article names
    sts = extract_article_statements(dev_texts["GUM_news_iodine"], "GUM_news_iodine", EMPTY)
    st = _with_quote(sts, "the decline in iodine intake")
    assert (st["speaker"], st["speaker_kind"]) == ("Australian National Iodine Nutrition Study", "document")
    # fakes_1924058186: "According to a Turkish General Staff statement": its author
    sts = extract_article_statements(dev_texts["fakes_1924058186"], "fakes_1924058186", EMPTY)
    st = _with_quote(sts, "artillery fire and air operations destroyed")
    assert st["speaker"] == "Turkish General Staff" and st["rule"].endswith("role:document")
    # fakes_1924058066: "... a monitor said" in the lead, the Syrian Observatory for Human
    # Rights ("a Britain-based monitor") named later, no registry
    for registry in (EMPTY, load_registry(default_registry_path())):
        sts = extract_article_statements(dev_texts["fakes_1924058066"], "fakes_1924058066", registry)
        st = next(st for st in sts if st["speaker_mention"] == "a monitor")
        assert st["speaker"] == "Syrian Observatory for Human Rights" and st["speaker_kind"] == "organisation"
    # fakes_1965495355: "... SANA news agency reported ... the media outlet added": SANA
    sts = extract_article_statements(dev_texts["fakes_1965495355"], "fakes_1965495355", EMPTY)
    st = next(st for st in sts if st["speaker_mention"] == "the media outlet")
    assert (st["speaker"], st["speaker_kind"]) == ("SANA", "news_agency")


def test_a_month_word_is_a_name_when_the_article_gives_it_to_a_person():
    # NewsMTSC (data/raw/newsmtsc/train.jsonl), two real sentences: "May said ..." after
    # "Theresa May will urge ..." is Theresa May (she); "In May, ..." stays a month
    s1 = ("Theresa May will urge German Chancellor Angela Merkel and French President Emmanuel Macron to back her "
          "request to delay Brexit for a second time later.")
    s2 = ("May said she asked Green for his resignation after an investigation concluded he had not been open "
          "about the matter.")
    art = ArticleState(f"{s1} {s2}", "x", EMPTY)
    res = art.resolver.resolve([(len(s1) + 1, len(s1) + 4)])
    assert (res.speaker, res.kind, res.gender) == ("Theresa May", "person", "f")
    month = f"In May, the talks stalled. {s2}"
    art = ArticleState(month, "x", EMPTY)
    assert art.resolver.resolve([(month.index("May said"), month.index("May said") + 3)]) is None
    # "Mrs May's successor ... Sir Graham said": a title makes a name of a common word
    text = ("Image copyright PA Image caption Sir Graham Brady did not rule out running as Mrs May's successor\n"
            "When quizzed about running for the party leadership, Sir Graham said: \"It would take an awful lot "
            "of people to persuade me.")
    art = ArticleState(text, "x", EMPTY)
    at = text.index("Sir Graham said")
    assert art.resolver.resolve([(at, at + len("Sir Graham"))]).speaker == "Graham Brady"


def test_an_unnamed_source_of_the_lead_is_the_person_named_next(dev_texts):
    # fakes_1924058201: "... a civil defense official said. Speaking to Anadolu Agency Najib
    # Ansari said ...": the official is named in the next sentence, with no role of his own
    sts = extract_article_statements(dev_texts["fakes_1924058201"], "fakes_1924058201", EMPTY)
    st = next(st for st in sts if st["speaker_mention"] == "a civil defense official")
    assert (st["speaker"], st["speaker_kind"]) == ("Najib Ansari", "person") and st["rule"].endswith("next_speaker")
    # and "his spokesman" later in the same article is named in the next sentence ("U.N.
    # spokesman Stephane Dujarric said", issue 12 item 3: a role noun is the person introduced
    # with that role); it was left an unnamed source before
    st = next(st for st in sts if st["speaker_mention"] == "his spokesman")
    assert (st["speaker"], st["speaker_kind"]) == ("Stephane Dujarric", "person")


def test_a_city_alias_of_the_registry_never_takes_a_persons_surname(dev_texts):
    # GUM_news_imprisoned: "Valeska Paris ... Paris claims": with the default registry, whose
    # "Paris" stands for France, she is still herself, and "She" and "They" find their referents
    sts = extract_article_statements(dev_texts["GUM_news_imprisoned"], "GUM_news_imprisoned",
                                     load_registry(default_registry_path()))
    paris = [st for st in sts if st["speaker_mention"] in ("Paris", "Valeska Paris")]
    assert paris and {st["speaker"] for st in paris} == {"Valeska Paris"}
    assert _with_quote(sts, "in 1997 and 1998, she was tasked")["speaker"] == "Valeska Paris"
    # "In a statement to the Australian Broadcasting Corporation, the Church denied ... They also
    # claimed": the Church, not the broadcaster the statement was given to
    assert _with_quote(sts, "Paris was a volunteer")["speaker"] == "Church of Scientology"


def test_an_acronym_is_the_organisation_introduced_with_it(dev_texts):
    # GUM_news_iodine: "The World Health Organisation (WHO) recommends ... WHO say ..."
    sts = extract_article_statements(dev_texts["GUM_news_iodine"], "GUM_news_iodine", EMPTY)
    st = next(st for st in sts if st["speaker_mention"] == "WHO")
    assert (st["speaker"], st["speaker_kind"]) == ("World Health Organisation", "organisation")


def test_a_registry_alias_opening_a_longer_name_is_not_the_actor(dev_texts):
    # GUM_news_crane: "according to Saudi Arabia's Civil Defense Authority": the default
    # registry's "Civil Defense" (the Syrian White Helmets) opens a longer name here, and the
    # possessor only modifies it
    for registry in (EMPTY, load_registry(default_registry_path())):
        sts = extract_article_statements(dev_texts["GUM_news_crane"], "GUM_news_crane", registry)
        st = _with_quote(sts, "A storm yesterday caused a crane")
        assert (st["speaker"], st["speaker_kind"]) == ("Civil Defense Authority", "organisation")


@pytest.mark.parametrize("registry", ["empty", "default"])
def test_a_named_person_with_a_description_is_the_speaker_not_the_description(dev_texts, registry):
    # "Khaled Al-Maeena, editor at large at the Saudi Gazette, said" (GUM_news_crane, and the
    # continuation after it), "Senior researcher Mu Li, of the University of NSW's school of
    # public health, said" (GUM_news_iodine), FA-KES without commas: "Andrew Tabler a senior
    # fellow at the Washington Institute for Near East Policy tells" (fakes_1926479349)
    reg = EMPTY if registry == "empty" else load_registry(default_registry_path())
    crane = extract_article_statements(dev_texts["GUM_news_crane"], "GUM_news_crane", reg)
    assert _with_quote(crane, "Had it happened an hour later")["speaker"] == "Khaled Al-Maeena"
    assert _with_quote(crane, "Had it happened five hours earlier")["speaker"] == "Khaled Al-Maeena"
    iodine = extract_article_statements(dev_texts["GUM_news_iodine"], "GUM_news_iodine", reg)
    assert _with_quote(iodine, "it is reasonable to assume")["speaker"] == "Mu Li"
    assert _with_quote(iodine, "it is crucial that children")["speaker"] == "Cres Eastman"
    fakes = extract_article_statements(dev_texts["fakes_1926479349"], "fakes_1926479349", reg)
    assert _with_quote(fakes, "if the chemical weapons use is confirmed")["speaker"] == "Andrew Tabler"
    # a month with a modifier is no person: "Late March media reported" stays the media
    late = extract_article_statements(dev_texts["fakes_1965495382"], "fakes_1965495382", reg)
    assert _with_quote(late, "at least 200 people")["speaker"] != "Late March"


def test_according_to_a_role_is_the_person_the_role_introduces(dev_texts):
    # "According to the Afghan team's coach, Alireza Mehraban, in their first matchup, ..."
    # (an apposition) and "..., according to curator Elaine Gustafon." (an occupation before
    # the name); GUM_news_afghan, GUM_news_warhol
    afghan = extract_article_statements(dev_texts["GUM_news_afghan"], "GUM_news_afghan", EMPTY)
    st = _with_quote(afghan, "in their first matchup")
    assert st["speaker"] == "Alireza Mehraban" and st["quote"].startswith("in their first matchup")
    warhol = extract_article_statements(dev_texts["GUM_news_warhol"], "GUM_news_warhol", EMPTY)
    assert _with_quote(warhol, "the Weatherspoon Art Museum")["speaker"] == "Elaine Gustafon"


def test_occupations_are_roles_and_places_are_no_persons(dev_texts):
    # "an AFP photographer at the scene" is an unnamed photographer, not AFP (fakes_1923848289)
    sts = extract_article_statements(dev_texts["fakes_1923848289"], "fakes_1923848289", EMPTY)
    st = _with_quote(sts, "Rows of seats in the wedding hall")
    assert st["speaker_kind"] == "unnamed" and "photographer" in st["speaker"]
    # GUM_news_clock writes "the U.N. headquarters in New York": New York is a place there, so
    # a phrase naming it is no person (without a registry that knows the city)
    text = dev_texts["GUM_news_clock"]
    art = ArticleState(text, "GUM_news_clock", EMPTY)
    at = text.index("New York")
    res = art.resolver.resolve([(at, at + len("New York"))])
    assert res is None or res.kind != "person"
    # a particle glued to a surname stays in the name: "Arab League chief Nabil al-Arabi urged"
    sts = extract_article_statements(dev_texts["fakes_1926479310"], "fakes_1926479310", EMPTY)
    assert "Nabil al-Arabi" in {st["speaker"] for st in sts} and "Nabil" not in {st["speaker"] for st in sts}


def test_a_quote_with_its_own_tag_is_no_continuation_of_the_previous_speaker(dev_texts):
    # '"We are so interested ...," team member Rodaba Noori told the press' follows a statement
    # of the team's coach (GUM_news_afghan); FA-KES without commas: '"These reports are of
    # great concern" Ahmet Uzumcu the head of the Organisation for the Prohibition of Chemical
    # Weapons [OPCW] said in a statement.' follows one of activists (fakes_1923102847)
    afghan = extract_article_statements(dev_texts["GUM_news_afghan"], "GUM_news_afghan", EMPTY)
    st = _with_quote(afghan, "We are so interested")
    assert st["speaker"] == "Rodaba Noori" and st["cue"] == "told"
    fakes = extract_article_statements(dev_texts["fakes_1923102847"], "fakes_1923102847", EMPTY)
    st = _with_quote(fakes, "These reports are of great concern")
    assert st["speaker"] == "Ahmet Uzumcu" and st["cue"] == "said"
    # ... and a quoted fragment closing a longer clause stays part of the mixed statement:
    # '... resulted in "big human casualties" Homs Governor Talal Barazi said' (fakes_1914947532)
    homs = extract_article_statements(dev_texts["fakes_1914947532"], "fakes_1914947532", EMPTY)
    st = _with_quote(homs, "big human casualties")
    assert st["type"] == "mixed" and st["quote"].startswith("A U.S. missile strike")


@pytest.mark.parametrize("registry", ["empty", "default"])
def test_a_source_after_a_clause_without_commas_is_not_the_clauses_last_name(dev_texts, registry):
    # FA-KES strips commas: "[... in northern Syria] a monitor said Thursday." The subject is
    # "a monitor" (the Syrian Observatory the article names next), not "Syria" (fakes_1924058042)
    reg = EMPTY if registry == "empty" else load_registry(default_registry_path())
    sts = extract_article_statements(dev_texts["fakes_1924058042"], "fakes_1924058042", reg)
    st = _with_quote(sts, "At least 70 regime and rebel fighters")
    assert st["speaker_mention"] == "a monitor" and st["quote"].endswith("in northern Syria")
    assert st["speaker"].startswith("Syrian Observatory")


def test_a_person_named_by_a_relation_speaks_and_he_refers_to_them(dev_texts):
    # fakes_1923848289: "... were killed in the attack a relative told AFP. "The grooms wounds
    # are light ..." he said." The relative is an unnamed speaker and "he" is the relative,
    # not the medical source quoted before
    sts = extract_article_statements(dev_texts["fakes_1923848289"], "fakes_1923848289", EMPTY)
    told = _with_quote(sts, "Both the groom and bride were safe")
    assert told["speaker"] == "relative" and told["speaker_kind"] == "unnamed"
    assert _with_quote(sts, "The grooms wounds are light")["speaker"] == "relative"


def test_a_single_name_with_an_age_is_a_person_pronouns_can_refer_to(dev_texts):
    # fakes_1924058066 (commas stripped): "Ziad 13 suffered a head injury ... I was coming back
    # from school when the first strike hit and I hid in a doorway he told AFP." "he" is Ziad,
    # not the Observatory's director quoted two sentences before
    sts = extract_article_statements(dev_texts["fakes_1924058066"], "fakes_1924058066", EMPTY)
    assert _with_quote(sts, "I was coming back from school")["speaker"] == "Ziad"


def test_according_to_sources_in_text_without_commas(dev_texts):
    # "According to the observatory the jihadists were all Syrians ..." (fakes_1924058050): the
    # source ends before the second noun phrase; "according to Syria TV" (fakes_1918150034): a
    # state's name opening an outlet's name is the outlet, not the state (default registry)
    reg = load_registry(default_registry_path())
    sts = extract_article_statements(dev_texts["fakes_1924058050"], "fakes_1924058050", reg)
    st = _with_quote(sts, "the jihadists were all")
    assert st["speaker_mention"] == "the observatory" and st["speaker"].startswith("Syrian Observatory")
    sts = extract_article_statements(dev_texts["fakes_1918150034"], "fakes_1918150034", reg)
    assert _with_quote(sts, "The assault raged by the opposition")["speaker"] == "Syria TV"


def _fakes_text(default_load, number: str) -> tuple[str, str]:
    """(article_id, text) of the FA-KES article with this number, from the default corpus
    (articles outside the news gold: their errors were found in docs/readthrough.md)."""
    arts = default_load.articles
    row = arts[arts["article_id"].astype(str) == number].iloc[0]
    return row["article_id"], row["text"]


def test_a_source_nested_in_reported_speech_is_the_clauses_subject(default_load):
    # fakes_1923102872 (not in the gold): "The Observatory said medical sources in the town
    # reported symptoms ...": the inner statement is the medical sources', not the town's
    aid, text = _fakes_text(default_load, "1923102872")
    sts = extract_article_statements(text, aid, EMPTY)
    inner = next(st for st in sts if st["quote"].startswith("symptoms among the affected"))
    assert inner["speaker"] == "medical sources" and inner["speaker_kind"] == "unnamed"
    assert _with_quote(sts, "medical sources in the town reported")["speaker"].startswith("Syrian Observatory")


def test_according_to_a_basis_for_acting_is_no_attribution(default_load, dev_texts):
    # fakes_1962495732 (not in the gold): "Warplanes ... according to detailed information and
    # coordinates on ISIS ... movements ... flied and foiled an ISIS offensive": nobody speaks.
    # fakes_1923102976 (dev): "says it determines whose planes carry out raids according to type
    # location flight patterns and munitions used": the Observatory's words, not the patterns'
    aid, text = _fakes_text(default_load, "1962495732")
    sts = extract_article_statements(text, aid, EMPTY)
    assert not [st for st in sts if "information" in st["speaker"].lower()]
    assert not [st for st in sts if st["type"] == "according_to" and "coordinates" in text[st["end"]:st["end"] + 80]]
    sts = extract_article_statements(dev_texts["fakes_1923102976"], "fakes_1923102976", EMPTY)
    st = _with_quote(sts, "it determines whose planes carry out raids")
    assert st["speaker"] == "Syrian Observatory for Human Rights" and st["type"] == "indirect"


def test_unnamed_labels_keep_the_articles_wording_and_a_first_name_with_a_role_is_a_person(default_load, dev_texts):
    # fakes_1926478952 (dev): "A source at Aleppo Police Command told SANA" is the "source at
    # Aleppo Police Command" (the guideline: the description as the article gives it), not a
    # rearranged "Aleppo Police Command source". fakes_1926479355 (not in the gold): "Ahmed a
    # resident of the government-controlled west of the city said" is the person Ahmed, and
    # "he" after it too (the label was "government-controlled west of the city Ahmed a resident")
    sts = extract_article_statements(dev_texts["fakes_1926478952"], "fakes_1926478952", EMPTY)
    assert _with_quote(sts, "a woman was killed and three other civilians")["speaker"] == "source at Aleppo Police Command"
    # fakes_1923848289 (dev): "according to an AFP photographer at the scene": where they stood
    # is no part of the label
    sts = extract_article_statements(dev_texts["fakes_1923848289"], "fakes_1923848289", EMPTY)
    assert _with_quote(sts, "Rows of seats in the wedding hall")["speaker"] == "AFP photographer"
    aid, text = _fakes_text(default_load, "1926479355")
    sts = extract_article_statements(text, aid, EMPTY)
    home = _with_quote(sts, "his home in the Syria quarter")
    assert home["speaker"] == "Ahmed" and home["speaker_kind"] == "person"
    assert _with_quote(sts, "The shells have rained down")["speaker"] == "Ahmed"


def test_the_sources_are_the_sources_described_before(default_load):
    # fakes_1962495683 (not in the gold): "Military sources said ..." then '"..." the sources
    # said': the military sources (the unnamed-source kind stays military)
    aid, text = _fakes_text(default_load, "1962495683")
    sts = extract_article_statements(text, aid, EMPTY)
    st = _with_quote(sts, "The Syrian Army and popular forces continued to advance")
    assert st["speaker_mention"] == "the sources" and st["speaker"] == "military sources"


def test_a_date_between_the_subject_and_the_cue_is_no_speaker(dev_texts):
    # fakes_1962495738 (dev): "The Syrian Ministry of Foreign Affairs and Expatriates in two
    # separate letters sent to ... Aboulatta on August 24 stated that ...": the ministry, not "24"
    reg = load_registry(default_registry_path())
    sts = extract_article_statements(dev_texts["fakes_1962495738"], "fakes_1962495738", reg)
    st = _with_quote(sts, "the US-led coalition was perpetrating war crimes")
    assert "Foreign" in st["speaker"] and st["speaker_kind"] in ("organisation", "state")


def test_a_participle_after_a_message_reports_the_message(dev_texts):
    # A participle right after a message noun, without a comma, is a reduced relative clause:
    # fakes_1926479215 (dev) "The U.N. Security Council said ... it is seeking clarity on reports
    # suggesting that Syrian regime forces killed 1300 people": the reports', not the Council's;
    # fakes_1924058047 (dev) "It said the army had sent text messages to residents and fighters in
    # the east urging rebels to lay down their weapons": the army's (the sender), not SANA's
    sts = extract_article_statements(dev_texts["fakes_1926479215"], "fakes_1926479215", EMPTY)
    st = _with_quote(sts, "Syrian regime forces killed 1300 people")
    assert st["speaker"] == "reports" and st["cue"] == "suggesting"
    sts = extract_article_statements(dev_texts["fakes_1924058047"], "fakes_1924058047", EMPTY)
    st = next(s for s in sts if s["quote"].startswith("to lay down their weapons"))
    assert st["speaker_mention"] == "the army" and st["cue"] == "urging"


def test_a_name_before_an_organisation_noun_is_that_organisation(default_load):
    # fakes_1923848251 (not in the gold): "the Tahrir al-Sham jihadist alliance denounced the
    # ceasefire talks ... "This aggression ..." it said": the alliance is an organisation (it was
    # typed a person), so "it" is the alliance, not "Syrias" two sentences before
    aid, text = _fakes_text(default_load, "1923848251")
    sts = extract_article_statements(text, aid, EMPTY)
    pledged = _with_quote(sts, "to keep fighting government forces")
    assert pledged["speaker"] == "Tahrir al-Sham" and pledged["speaker_kind"] == "organisation"
    assert _with_quote(sts, "This aggression and crimes")["speaker"] == "Tahrir al-Sham"


def test_a_pronoun_contraction_without_its_apostrophe_is_no_name(default_load, default_statements_syria_shared):
    # FA-KES lost every apostrophe. fakes_1926479355 (not in the gold): "The unidentified man
    # ... embraced the limp bodies of two young boys. He was martyred. Hes gone he said": "he"
    # was resolved to a person named "Hes" (He's)
    aid, text = _fakes_text(default_load, "1926479355")
    sts = extract_article_statements(text, aid, load_registry(default_registry_path()))
    st = _with_quote(sts, "crying over the body of one them")
    assert st["speaker_mention"] == "he" and st["speaker"] != "Hes"
    hes = text.index("Hes gone")
    entities = ArticleEntities(text, sentence_spans(text), [])
    assert entities.mention_at(hes, hes + 3) is None
    assert not [e.name for e in entities.entities if e.name.split()[0].lower() in PRONOUN_CONTRACTIONS]
    sentence_end = text.index("said", hes)
    assert not list(ArticleMentions(text, EMPTY).unregistered_names(hes, sentence_end, []))
    # and nowhere in the default corpus (seed and FA-KES) is one a speaker or its mention
    words = default_statements_syria_shared[["speaker", "speaker_mention"]].stack().str.split().explode()
    assert words.notna().sum() > 5000
    assert not set(words.dropna().str.lower()) & PRONOUN_CONTRACTIONS


def test_a_place_inside_the_speakers_description_is_no_speaker(default_load):
    # Issue 14 item 3 (places speak only with a speech verb of their own). FA-KES articles not
    # in the gold, commas lost: the place is the object of a preposition inside a relative
    # clause or a prepositional phrase of the real speaker, who was the Syrian government
    cases = [
        ("1923848194", "the air force", "The Syrian Observatory for Human Rights which monitors violence in Syria said"),
        ("1924058125", "the attack killed 5", "The monitoring group which relies on activists inside Syria said"),
        ("1924058200", "213 civilians", "The Observatory which relies on a network of contacts inside Syria said"),
        ("1923848313", "28 rebels had been killed", "The group with a network of sources inside Syria said"),
    ]
    for number, quote, sentence in cases:
        aid, text = _fakes_text(default_load, number)
        assert sentence in text
        sts = extract_article_statements(text, aid, load_registry(default_registry_path()))
        st = _with_quote(sts, quote)
        assert st["speaker"] == "Syrian Observatory for Human Rights", (number, st["speaker"])
        assert "Syria" not in st["speaker_mention"].split() or st["speaker_mention"].startswith("The ")


def test_a_monitor_in_a_place_is_the_monitor(dev_texts):
    # fakes_1926479310 (dev): "The Britain-based Observatory which relies on a vast network of
    # activists on the ground and medics said": the Observatory, not the medics of its clause.
    # The prepositional object alone ("... killed a monitor in northern Syria said") is no
    # speaker either: the noun phrase it modifies is
    sts = extract_article_statements(dev_texts["fakes_1926479310"], "fakes_1926479310", EMPTY)
    st = _with_quote(sts, "the army operation was aimed at the recapture")
    assert st["speaker"] == "Syrian Observatory for Human Rights"
    reg = load_registry(default_registry_path())
    st = extract_article_statements("Twenty people were killed a monitor in northern Syria said.", "t", reg)[0]
    assert st["speaker_mention"] == "a monitor" and st["speaker"] != "Syrian government"
    st = extract_article_statements("Twelve civilians died a network of sources inside Syria said.", "t", reg)[0]
    assert st["speaker_mention"] == "a network of sources"


def test_a_place_in_the_default_corpus_rarely_speaks_after_a_preposition(default_statements_syria_shared, default_load):
    # Over the default corpus, statements given to a state named right after a locative
    # preposition ("in", "inside", "within", "near", "across"): 14 before this rule (of 338
    # state-typed statements), 2 after, both participles the rule does not reach ('OCHA ...
    # aid distribution within Syria stating', '... in Syria blaming Kurdish militia'); with the
    # participle rule (test_a_place_inside_a_participle_phrase_is_no_speaker) 1 of 310
    texts = default_load.articles.set_index("article_id")["text"]
    st = default_statements_syria_shared
    states = st[st["speaker_kind"] == "state"]
    after = 0
    for row in states.itertuples():
        words = texts[row.article_id][max(0, int(row.speaker_start) - 30):int(row.speaker_start)].split()
        after += bool(words) and words[-1].lower() in ("in", "inside", "within", "near", "across")
    assert len(states) > 250 and after <= 2


def test_a_place_inside_a_participle_phrase_is_no_speaker():
    # FA-KES articles outside the gold (read in the regenerated report's examples), loaded with
    # the project's loader; both statements went to the Syrian government. (1) A place inside
    # a participle modifying the subject ("The US-led coalition targeting the jihadists in both
    # Syria and Iraq reported"): the modified noun speaks. (2) A participle cue after a clause
    # ("OCHA has reaffirmed its commitment to aid distribution within Syria stating"): it takes
    # the clause's subject, not the place after "within"
    arts = load_corpus(config.resolve(config.FAKES_CSV)).articles
    reg = load_registry(default_registry_path())
    cases = [
        ("1924058053", "it had launched 10 air strikes", "coalition targeting the jihadists in both Syria and Iraq reported",
         "coalition", "coalition"),
        ("1923102941", "United Nations humanitarian agencies are needed",
         "OCHA has reaffirmed its commitment to aid distribution within Syria stating", "OCHA", "Humanitarian Affairs"),
    ]
    for number, quote, sentence, mention, actor in cases:
        row = arts[arts["article_id"].astype(str) == number].iloc[0]
        assert sentence in row["text"]
        st = _with_quote(extract_article_statements(row["text"], row["article_id"], reg), quote)
        assert st["speaker"] != "Syrian government", (number, st["speaker_mention"])
        assert mention in st["speaker_mention"] and actor in st["speaker"], (number, st["speaker"], st["speaker_mention"])
        assert st["speaker_kind"] != "state"
