"""The actor registry without Syria (issue 13 item 4): dated roles, the empty registry, and a
registry drafted from the statements the extractor found (quotelens.extract.registry_draft).

Everything runs on real text: GUM Wikinews articles from the news gold, FA-KES articles, the
seed. Two hand-written sentences check the hand-over of one office between two people, which
no article of our corpora shows."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml

from quotelens.config import ACTORS_DIR, FAKES_CSV, GOLD_DIR
from quotelens.extract.registry import RegistryError, build_registry, load_registry, registry_from_option
from quotelens.extract.registry_draft import draft_registry, guess_kind
from quotelens.extract.speaker_types import is_named_speaker
from quotelens.extract.statements import extract_article_statements, extract_statements
from quotelens.load.corpus import load_corpus

BAN_ARTICLE = "1926479384"  # 2013-08-23: "U.N. Secretary-General Ban Ki-moon ... the U.N. chief told a forum"
PRESIDENT_ARTICLES = {"1926479223": "Barack Obama", "1924058139": "Recep Tayyip Erdogan"}  # "the president"


def _fakes(ids) -> pd.DataFrame:
    raw = pd.read_csv(FAKES_CSV, dtype=str).set_index("unit_id")
    rows = raw.loc[list(ids)]
    return pd.DataFrame({"article_id": list(ids), "title": rows["article_title"].tolist(), "text": rows["article_content"].tolist(),
                         "source": rows["source"].tolist(), "date": pd.to_datetime(rows["date"], format="%m/%d/%Y").tolist()})


@pytest.fixture(scope="module")
def gum_statements(tmp_path_factory) -> pd.DataFrame:
    """Statements of the 43 GUM Wikinews articles of the news gold, extracted with no registry."""
    folder = tmp_path_factory.mktemp("gum")
    with open(GOLD_DIR / "news" / "articles.jsonl", encoding="utf-8") as fh, open(folder / "gum.jsonl", "w", encoding="utf-8") as out:
        for line in fh:
            row = json.loads(line)
            if row["id"].startswith("GUM_"):
                out.write(json.dumps({k: row[k] for k in ("id", "title", "text", "source", "date")}) + "\n")
    articles = load_corpus(folder / "gum.jsonl").articles
    statements = extract_statements(articles, registry=registry_from_option(""))
    statements.attrs["articles"] = articles
    return statements


# --------------------------------------------------------------------------------------------
# Dated roles


def _dated_un_registry():
    """data/actors/syria.yaml with the U.N. secretaries-general's roles dated to their terms."""
    data = yaml.safe_load((ACTORS_DIR / "syria.yaml").read_text(encoding="utf-8"))
    for actor in data["actors"]:
        if actor["name"] == "Ban Ki-moon":
            actor["roles"] = [{"role": r, "from": "2007-01-01", "to": "2016-12-31"} for r in actor["roles"]]
        if actor["name"] == "Antonio Guterres":
            actor["roles"] = [{"role": r, "from": "2017-01-01"} for r in actor["roles"]]
    return build_registry(data["actors"], source="syria-dated")


def _chief(registry, day) -> str:
    text = _fakes([BAN_ARTICLE])["text"].iloc[0]
    found = [s for s in extract_article_statements(text, BAN_ARTICLE, registry.on(day)) if s["speaker_mention"] == "the U.N. chief"]
    assert len(found) == 1
    return found[0]["speaker"]


def test_a_dated_role_goes_to_whoever_held_it_on_the_article_date():
    registry = _dated_un_registry()
    assert registry.has_role_periods
    assert registry.role_holders("u.n. chief") == ("Ban Ki-moon", "Antonio Guterres")  # no date: both
    assert registry.role_holders("u.n. chief", "2013-08-23") == ("Ban Ki-moon",)
    assert registry.role_holders("u.n. chief", pd.Timestamp("2017-06-01")) == ("Antonio Guterres",)
    assert registry.role_holders("u.n. chief", pd.NaT) == ("Ban Ki-moon", "Antonio Guterres")
    # The real article (August 2013) names Ban, then says "the U.N. chief told a diplomatic forum".
    assert _chief(registry, "2013-08-23") == "Ban Ki-moon"
    assert _chief(registry, None) == "Ban Ki-moon"
    # Dated in 2017, Ban no longer held the office: the role cannot go to him.
    assert _chief(registry, "2017-06-01") != "Ban Ki-moon"
    assert registry.on(None) is registry and load_registry(ACTORS_DIR / "syria.yaml").on("2013-08-23").role_to_actors


def test_an_office_handed_over_resolves_by_date():
    """December 2004: the home secretary before the 15th is Blunkett, after it Clarke."""
    registry = build_registry([
        {"name": "David Blunkett", "gender": "m", "roles": [{"role": "home secretary", "to": "2004-12-15"}]},
        {"name": "Charles Clarke", "gender": "m", "roles": [{"role": "Home Secretary", "from": "2004-12-16"}, "education secretary"]},
    ])
    text = ("Charles Clarke has replaced David Blunkett, who resigned on Wednesday.\n\n"
            "The Home Secretary said on Thursday that the identity cards bill would pass.")
    speakers = {day: [s["speaker"] for s in extract_article_statements(text, "x", registry.on(day))]
                for day in ("2004-12-10", "2004-12-17")}
    assert speakers == {"2004-12-10": ["David Blunkett"], "2004-12-17": ["Charles Clarke"]}
    assert registry.actors["Charles Clarke"].roles == ("home secretary", "education secretary")


@pytest.mark.parametrize("role, message", [
    ({"role": "envoy", "from": "2015-01-01", "to": "2014-01-01"}, "`from` 2015-01-01 is after `to` 2014-01-01"),
    ({"role": "envoy", "from": "January 2015"}, "`from` must be a date YYYY-MM-DD"),
    ({"role": "envoy", "until": "2015-01-01"}, "unknown key(s) ['until']"),
    ({"from": "2015-01-01"}, "a mapping with `role`"),
])
def test_a_bad_role_period_names_the_file_and_actor(tmp_path, role, message):
    path = tmp_path / "actors.yaml"
    path.write_text(yaml.safe_dump({"actors": [{"name": "Staffan de Mistura", "roles": [role]}]}), encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert message in str(err.value) and "actors.yaml" in str(err.value) and "Staffan de Mistura" in str(err.value)


def test_no_registry_is_an_empty_one(gum_statements):
    empty = registry_from_option("")
    assert len(empty) == 0 and not empty.places and registry_from_option(None).alias_to_actor == {}
    assert len(registry_from_option("data/actors/syria.yaml")) > 100
    assert len(gum_statements) > 100 and not gum_statements["in_registry"].any()


# --------------------------------------------------------------------------------------------
# The draft


def test_kinds_are_guessed_from_the_names_and_the_extractor():
    from collections import Counter

    assert guess_kind("Reuters", Counter({"organisation": 3}), Counter())[0] == "news agency"
    assert guess_kind("Yonhap news", Counter({"organisation": 2}), Counter())[0] == "news agency"
    assert guess_kind("Russia", Counter({"unknown": 5}), Counter())[0] == "state"
    assert guess_kind("Syrian Observatory for Human Rights", Counter({"organisation": 9}), Counter())[0] == "organisation"
    assert guess_kind("Rathbun", Counter({"unknown": 3}), Counter({"He": 1}))[0] == "person"
    assert guess_kind("source", Counter({"unnamed": 4}), Counter())[0] == "unnamed source"
    assert guess_kind("NASA", Counter({"unknown": 2}), Counter())[0] == "organisation"


def test_draft_from_real_statements_loads_as_it_is_and_round_trips(gum_statements, tmp_path):
    fakes = extract_statements(_fakes(["1926479384", "1924058201", "1919191766", "1914947530"]), registry=registry_from_option(""))
    statements = pd.concat([gum_statements, fakes], ignore_index=True)
    draft = draft_registry(statements, min_statements=2, source="gum+fakes")
    path = tmp_path / "actors.yaml"
    path.write_text(draft.text, encoding="utf-8")
    registry = load_registry(path)  # loads as it is
    data = yaml.safe_load(draft.text)

    # Round trip: what the YAML says is what the registry holds.
    assert [a["name"] for a in data["actors"]] == list(registry.actors) == [a.name for a in draft.actors]
    for entry in data["actors"]:
        actor = registry.actors[entry["name"]]
        assert actor.kind == entry["kind"]
        assert actor.aliases == tuple(entry.get("aliases", ()))
        assert set(actor.roles) == {r if isinstance(r, str) else r["role"] for r in entry.get("roles", ())}
        assert actor.gender == entry.get("gender")
    # Sorted by statements, most first; every named speaker with two statements is there.
    counts = [a.n_statements for a in draft.actors]
    assert counts == sorted(counts, reverse=True) and counts[-1] >= 2
    per_speaker = statements.groupby("speaker").size()
    assert per_speaker[draft.actors[0].name] == counts[0]
    named = {s for s, k in zip(statements["speaker"], statements["speaker_kind"])
             if s[:1].isupper() and k in ("person", "organisation", "state") and per_speaker[s] >= 2 and not s.endswith("'s")}
    assert named <= set(registry.actors)
    # Unnamed sources are listed as comments, never as actors.
    assert draft.unnamed and not {a.name for a in draft.unnamed} & set(registry.actors)
    assert all(f'#   "{a.name}"' in draft.text for a in draft.unnamed)
    # News agencies are organisations with a comment saying so.
    agencies = [a for a in draft.actors if a.guess == "news agency"]
    assert agencies and all(registry.actors[a.name].kind == "organisation" for a in agencies)
    assert "guessed kind: news agency" in draft.text
    # An outlet the extractor typed so is one, though no agency list names it (GUM's "Wikinews" quoted itself).
    assert {"Wikinews", "Guardian"} <= {a.name for a in agencies}
    # Named as every table decides it: an unnamed source is never a drafted actor.
    assert all(is_named_speaker(a.name) for a in draft.actors) and "interviewee" in {a.name for a in draft.unnamed}
    # Mentions with their counts are in the comments.
    top = draft.actors[0]
    if top.mentions:
        mention, n = top.mentions.most_common(1)[0]
        assert f"{json.dumps(mention)} {n}" in draft.text

    # The drafted registry finds its actors again when extracting.
    again = extract_statements(gum_statements.attrs["articles"], registry=registry)
    drafted = gum_statements["speaker"].isin(registry.actors).sum()
    assert again["in_registry"].sum() >= 0.5 * drafted


def test_a_role_two_people_held_is_drafted_with_periods_that_resolve_by_date(tmp_path):
    """FA-KES: "The president" is Obama in an August 2013 article and Erdogan in an April 2017 one."""
    articles = _fakes(list(PRESIDENT_ARTICLES))
    statements = extract_statements(articles, registry=registry_from_option(""))
    draft = draft_registry(statements, min_statements=1)
    path = tmp_path / "actors.yaml"
    path.write_text(draft.text, encoding="utf-8")
    registry = load_registry(path)
    assert registry.has_role_periods
    assert set(registry.role_holders("president")) >= set(PRESIDENT_ARTICLES.values())
    for article_id, holder in PRESIDENT_ARTICLES.items():
        day = articles.loc[articles["article_id"] == article_id, "date"].iloc[0]
        assert registry.role_holders("president", day) == (holder,)
        text = articles.loc[articles["article_id"] == article_id, "text"].iloc[0]
        said = [s["speaker"] for s in extract_article_statements(text, article_id, registry.on(day))
                if s["speaker_mention"].lower() == "the president"]
        assert said and set(said) == {holder}


def test_extract_statements_resolves_a_dated_role_by_each_articles_date():
    """The Articles table's own `date` decides who held a role: the same real FA-KES article,
    dated in Ban Ki-moon's term, gives "the U.N. chief" to Ban; dated in Antonio Guterres's term
    (when Ban no longer held the office) it cannot go to Ban, as with the registry view itself."""
    from quotelens.extract.statements import extract_statements

    registry = _dated_un_registry()
    article = _fakes([BAN_ARTICLE])
    names = []
    for day in ("2013-08-23", "2017-06-01"):
        dated = article.assign(date=pd.Timestamp(day))
        found = extract_statements(dated, registry=registry)
        names.append(set(found.loc[found["speaker_mention"] == "the U.N. chief", "speaker"]))
    assert names[0] == {"Ban Ki-moon"}
    assert names[1] and "Ban Ki-moon" not in names[1]
    undated = extract_statements(article.assign(date=pd.NaT), registry=registry)
    assert set(undated.loc[undated["speaker_mention"] == "the U.N. chief", "speaker"]) == {"Ban Ki-moon"}
