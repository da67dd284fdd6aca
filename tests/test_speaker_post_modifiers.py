"""A name inside a post-modifier of the subject is no speaker, and a media noun after a state's
name is the outlet (docs/readthrough.md, reading at c8254ee): real FA-KES sentences from
articles outside the news gold, loaded with the project's loader from data/raw/fa-kes."""

from __future__ import annotations

import pytest

from quotelens import config
from quotelens.extract.registry import default_registry_path, load_registry
from quotelens.extract.statements import extract_article_statements
from quotelens.load.corpus import load_corpus


@pytest.fixture(scope="module")
def fakes():
    return load_corpus(config.resolve(config.FAKES_CSV)).articles, load_registry(default_registry_path())


def _statement(fakes, number: str, sentence: str, quote: str) -> dict:
    arts, reg = fakes
    rows = arts[arts["article_id"].astype(str) == number]
    row = next(r for _, r in rows.iterrows() if sentence in r["text"])  # (copies of an id differ)
    return next(st for st in extract_article_statements(row["text"], row["article_id"], reg) if quote in st["quote"])


def test_a_name_after_a_relaying_participle_is_no_speaker(fakes):
    # "the report accompanying Tuesdays oral briefing by UN Under-Secretary-General ... Valerie
    # Amos said": the report speaks (the lede's "a report from the UN Secretary General"),
    # not Amos, who gave the briefing
    st = _statement(fakes, "1965495328", "the report accompanying Tuesdays oral briefing by UN",
                    "the international coalition continued airstrikes against ISIL")
    assert st["speaker_mention"] == "the report" and st["speaker"] == "UN Secretary General", st["speaker"]
    # "the statement carried by state news agency SANA said": the statement (the army's), not
    # SANA, which carried it; and not whoever spoke last in the article (a resident)
    st = _statement(fakes, "1923102918", "the statement carried by state news agency SANA said",
                    "Syrias army announces the end of the freeze")
    assert st["speaker_mention"] == "the statement" and st["speaker"] not in ("SANA", "resident"), st["speaker"]
    assert st["speaker_kind"] == "document"


@pytest.mark.parametrize("number, sentence, quote", [
    ("1924058093", "the wounded Syrian regime television said", "A car bomb exploded on the Arzuna bridge"),
    ("1914947539", "Syrias government run TV said", "the explosion took place in Al Kalassa"),
    ("1965511185", "Syria state-run TV channel announced", "the number of civilians who have been martyred"),
])
def test_a_states_television_is_the_outlet_not_the_government(fakes, number, sentence, quote):
    st = _statement(fakes, number, sentence, quote)
    assert st["speaker"] == "Syrian state television", (st["speaker"], st["speaker_mention"])
    assert st["speaker_kind"] != "state"


def test_a_states_news_agency_is_the_registrys_agency(fakes):
    # "according to Turkeys state-run news agency Anadolu": the agency, not Turkey
    st = _statement(fakes, "1924058082", "according to Turkeys state-run news agency Anadolu",
                    "Russian warplanes struck Maaret-al-Numan")
    assert st["speaker"] == "Anadolu Agency", st["speaker"]
