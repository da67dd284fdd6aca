"""User dictionaries (globs, multi-word entries, negated keys, formats, errors) and topic-word
masking."""

from __future__ import annotations

import pytest

from quotelens import config
from quotelens.sentiment import lexicons
from quotelens.sentiment.masking import MASK_TOKEN, load_topic_words

DICTIONARY = """\
positive:
  - good
  - abandon*
  - peace deal
  - agree*
negative:
  - bad
  - deal
  - fail*
neg_positive:
  - not good*
  - agree*
  - support the plan
neg_negative:
  - not bad
"""


@pytest.fixture
def dictionary(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(DICTIONARY, encoding="utf-8")
    return lexicons.load_dictionary(path)


def _hits(lexicon, text):
    return [(m.words, m.valence) for m in lexicon.matches(lexicons.word_tokens(text))]


def test_globs_match_every_continuation(dictionary):
    assert _hits(dictionary, "They abandoned the plan; abandonment, abandon.") == [
        ("abandoned", 1.0), ("abandonment", 1.0), ("abandon", 1.0)
    ]
    assert _hits(dictionary, "Failure after failing") == [("failure", -1.0), ("failing", -1.0)]
    assert _hits(dictionary, "unfailing") == []  # a glob does not match inside a word


def test_multi_word_entries_win_over_their_words(dictionary):
    # "peace deal" counts once as positive, not as "deal" (negative)
    assert _hits(dictionary, "A peace deal was signed, then a bad deal.") == [
        ("peace deal", 1.0), ("bad", -1.0), ("deal", -1.0)
    ]


def test_negated_keys_reverse_the_sign(dictionary):
    # written out: "not good*" is a phrase under neg_positive
    assert _hits(dictionary, "The offer is not good enough.") == [("not good", -1.0)]
    assert _hits(dictionary, "not goodwill") == [("not goodwill", -1.0)]
    assert _hits(dictionary, "It is not bad.") == [("not bad", 1.0)]
    # without the negator: "agree*" under neg_positive matches only after a negator
    assert _hits(dictionary, "We did not fully agree.") == [("agree", -1.0)]
    assert _hits(dictionary, "We never agreed") == [("agreed", -1.0)]
    assert _hits(dictionary, "We agree.") == [("agree", 1.0)]
    assert dictionary.total("We agree, but not good.") == 0.0
    # a negated phrase without its negator also needs one before it
    assert _hits(dictionary, "We do not support the plan") == [("support the plan", -1.0)]
    assert _hits(dictionary, "We support the plan") == []


def test_weighted_yaml_and_tsv_dictionaries(tmp_path):
    yml = tmp_path / "w.yml"
    yml.write_text("weights:\n  ceasefire: 2\n  'violat*': -1.5\n  war crimes: -3\n", encoding="utf-8")
    lex = lexicons.load_dictionary(yml)
    assert lex.total("The ceasefire was violated: war crimes.") == pytest.approx(2 - 1.5 - 3)
    tsv = tmp_path / "w.tsv"
    tsv.write_text("# my words\nceasefire\t2\nviolat*\t-1.5\n", encoding="utf-8")
    assert lexicons.load_dictionary(tsv).total("ceasefire violations") == pytest.approx(0.5)
    assert lexicons.load_dictionary(tsv).score("ceasefire violations") == pytest.approx(lexicons.normalise(0.5))


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("bad.yaml", "positive: [good]\nsentiment: [bad]\n", r"bad.yaml: key 'sentiment': unknown key"),
        ("bad2.yaml", "weights:\n  good: lots\n", r"bad2.yaml: key 'weights': weight of 'good' is not a number"),
        ("bad3.yaml", "positive: [good, [nested]]\n", r"bad3.yaml: key 'positive': entries must be strings"),
        ("bad4.yaml", "- good\n- bad\n", r"bad4.yaml: expected a mapping"),
        ("bad5.tsv", "good\t1\nbad\n", r"bad5.tsv:2: expected TERM<TAB>WEIGHT"),
        ("bad6.tsv", "good\tvery\n", r"bad6.tsv:1: weight 'very' is not a number"),
        ("bad7.dic", "good 1\n", r"unsupported dictionary format"),
    ],
)
def test_dictionary_errors_name_file_and_place(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        lexicons.load_dictionary(path)


def test_dictionary_becomes_a_method_column(tmp_path):
    from quotelens.sentiment.scoring import scorer_from_options

    path = tmp_path / "mine.yaml"
    path.write_text(DICTIONARY, encoding="utf-8")
    scorer = scorer_from_options(dictionaries=[path])
    row = scorer.score(["The offer is not good enough.", "A peace deal."]).reset_index(drop=True)
    assert "dict_mine" in scorer.method_columns
    assert row.loc[0, "dict_mine"] < 0 < row.loc[1, "dict_mine"]


def test_default_topic_list_masks_the_conflict_vocabulary():
    mask = load_topic_words()
    assert mask.name == "conflict-news"
    text = "The U.N. Security Council met as anti-terrorism raids and civil war killed 12; the warden fought on."
    masked, found = mask.apply(text)
    assert found == ["Security Council", "anti-terrorism", "civil war", "killed"]
    assert "warden" in masked and "fought" in masked  # whole words only; "fought" is not listed
    assert masked.count(MASK_TOKEN) == 4


def test_masking_keeps_the_word_count_for_vader_window():
    mask = load_topic_words()
    masked, _ = mask.apply("no war at all")
    assert masked == f"no {MASK_TOKEN} at all"


def test_topic_words_from_text_file_and_disabled(tmp_path):
    path = tmp_path / "topics.txt"
    path.write_text("# my topics\nelection*\nballot box\n", encoding="utf-8")
    mask = load_topic_words(path)
    assert mask.apply("Elections and the ballot box")[1] == ["Elections", "ballot box"]
    none = load_topic_words("")
    assert none.apply("war and terrorism") == ("war and terrorism", [])


def test_topic_word_errors_name_the_file(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("name: x\nterms: [war, '*ism']\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"t.yaml: term 2"):
        load_topic_words(path)
    path.write_text("words: [war]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"t.yaml: expected a mapping with a `terms` list"):
        load_topic_words(path)


def test_default_list_exists_in_data():
    assert (config.DATA_DIR / "sentiment" / "topic_words_conflict.yaml").exists()


def test_masking_precheck_never_skips_a_match():
    """The word pre-check must only skip texts the full expression would leave unchanged."""
    import pandas as pd

    from quotelens.sentiment.newsmtsc import load_newsmtsc

    mask = load_topic_words()
    texts = pd.read_csv(config.FAKES_CSV)["article_content"].astype(str).tolist()[:300]
    texts += sorted(set(load_newsmtsc(config.NEWSMTSC_DIR / "devtest_rw.jsonl")["sentence"]))
    texts += ["Counter-terrorism units", "ANTI-TERROR laws", "the Free Syrian Army's fighters"]
    n_masked = 0
    for text in texts:
        found = []
        expected = mask._pattern.sub(lambda m: found.append(m.group(0)) or MASK_TOKEN, text)
        assert mask.apply(text) == (expected, found)
        n_masked += bool(found)
    assert n_masked > 250  # the check ran on many texts that do hold topic words
