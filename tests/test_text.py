"""quotelens.text: sentence and paragraph spans on real sentences from the seed, FA-KES and
NewsMTSC; abbreviations of news writing must not end a sentence."""

from __future__ import annotations

import json

import pytest

from quotelens import config
from quotelens.load.corpus import load_corpus, read_seed_file
from quotelens.text import paragraph_spans, sentence_spans, split_sentences

SEED_TEXT = read_seed_file(config.SEEDS_DIR / "000_aff2fd669e79066c.txt")["text"]


@pytest.fixture(scope="module")
def fakes() -> dict[str, str]:
    articles = load_corpus(config.FAKES_CSV).articles
    return dict(zip(articles["article_id"], articles["text"]))


def sentence_with(text: str, phrase: str) -> str:
    """The one sentence of `text` that contains all of `phrase` (fails if a boundary cuts it)."""
    start = text.index(phrase)
    end = start + len(phrase)
    spans = sentence_spans(text)
    cut = [s for s, _ in spans if start < s < end]
    assert not cut, f"sentence boundary inside {phrase!r}: {[text[s:s + 30] for s in cut]}"
    (span,) = [(s, e) for s, e in spans if s <= start and end <= e]
    return text[span[0]:span[1]]


def assert_spans_index_text(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and piece  # no surrounding whitespace, never empty
        previous_end = end
    # Nothing but whitespace is left out between sentences.
    gaps = [text[a:b] for (_, a), (b, _) in zip([(0, 0)] + spans, spans + [(len(text), 0)])]
    assert all(not g.strip() for g in gaps)


def test_seed_un_envoy_and_us_not_split():
    assert sentence_with(SEED_TEXT, "The U.N. envoy said") == (
        "The U.N. envoy said he has seen no sign that Assad's representatives would ever discuss political transition."
    )
    sentence = sentence_with(SEED_TEXT, "brokered by the U.S., which backs the rebels")
    assert sentence.startswith("It was brokered by the U.S., which backs the rebels")
    assert sentence.endswith("President Bashar al-Assad's troops.")


def test_seed_spans_index_original_text():
    spans = sentence_spans(SEED_TEXT)
    assert_spans_index_text(SEED_TEXT, spans)
    sentences = split_sentences(SEED_TEXT)
    assert sentences[0].startswith("The head of the Syrian governmental delegation")
    assert sentences[1] == (
        '"No breakthrough, no breakdown, no one walking out", de Mistura said after briefing the UN '
        "Security Council by video on the seventh round of talks."
    )
    # Sentences never cross a paragraph break.
    paragraphs = paragraph_spans(SEED_TEXT)
    for s, e in spans:
        assert any(ps <= s and e <= pe for ps, pe in paragraphs)
    assert SEED_TEXT[slice(*paragraphs[-1])] == "Latest News"


@pytest.mark.parametrize(
    ("article_id", "phrase"),
    [
        ("1914947530", "A U.N. Commission of Inquiry into human rights"),
        ("1918398799", "The U.S. Central Command said the coalition"),
        ("1918398799", "the U.S. military said in a statement"),
        ("1924058215", "Lt. Gen. Mohammad al-Shaar Syrias interior minister told reporters"),
        ("1924058191", "Maj. Gen. Ali Mamlouk head of the National Security Bureau"),
        ("1918398782", "said coalition spokesman Lt. Col. Thomas Gilleran"),
        ("1924058139", "began on Feb. 23 and ended on March 4"),
        ("1962495647", "told Catholic News Agency Feb. 26."),
        ("1924058178", "on Sept. 30 of last year"),
        ("1962495648", "On Jan. 25 Jaysh al-Islam mounted"),
        ("1918150030", "the name of Dr. Shajul Islam"),
        ("1924058138", "in St. Petersburg have to see"),
    ],
)
def test_fakes_abbreviations_not_split(fakes, article_id, phrase):
    sentence = sentence_with(fakes[article_id], phrase)
    assert len(sentence) > len(phrase) or sentence == phrase


def test_fakes_sentence_ending_in_abbreviation_is_split(fakes):
    text = fakes["1924058178"]
    sentence = sentence_with(text, "displaced throughout the war-battered country according to the U.N.")
    assert sentence.endswith("according to the U.N.")
    following = sentence_with(text, "The Syrian Center for Policy Research")
    assert following.startswith("The Syrian Center for Policy Research")


def test_fakes_spans_index_text(fakes):
    for article_id in ("1914947530", "1924058178", "1926479049", "1965511199"):
        text = fakes[article_id]
        assert_spans_index_text(text, sentence_spans(text))


def test_newsmtsc_mr_not_split():
    wanted = "At a rally in New Hampshire on Saturday, Mr. Kaine assailed Mr. Trump for keeping his tax returns under wraps."
    with open(config.NEWSMTSC_DIR / "devtest_rw.jsonl", encoding="utf-8") as fh:
        sentences = [json.loads(line)["sentence_normalized"] for line in fh]
    assert wanted in sentences
    assert split_sentences(wanted) == [wanted]
    with_mr = [s for s in sentences if "Mr. " in s]
    assert len(with_mr) >= 10
    # A real sentence never ends right after "Mr.".
    for s in with_mr:
        assert not any(piece.endswith("Mr.") for piece in split_sentences(s)), s


def test_mr_lavrov_gen_and_feb_3():
    text = (
        "Russian Foreign Minister Sergei Lavrov met the U.N. envoy in Geneva on Feb. 3 to discuss the talks. "
        "Mr. Lavrov said Moscow backs the process. Gen. Valery Gerasimov did not attend."
    )
    assert split_sentences(text) == [
        "Russian Foreign Minister Sergei Lavrov met the U.N. envoy in Geneva on Feb. 3 to discuss the talks.",
        "Mr. Lavrov said Moscow backs the process.",
        "Gen. Valery Gerasimov did not attend.",
    ]


def test_spans_of_a_slice_are_absolute_offsets():
    paragraphs = paragraph_spans(SEED_TEXT)
    start, end = paragraphs[2]
    spans = sentence_spans(SEED_TEXT, start, end)
    assert spans[0][0] == start and spans[-1][1] == end
    assert SEED_TEXT[spans[0][0]:spans[0][1]].startswith("According to De Mistura")
    assert len(spans) == 3


def test_paragraphs_with_crlf_and_indented_blank_lines():
    text = "First para.\r\n \r\nSecond para, line one\r\nline two.\r\n\r\n\r\nThird."
    spans = paragraph_spans(text)
    assert [text[s:e] for s, e in spans] == ["First para.", "Second para, line one\r\nline two.", "Third."]


@pytest.mark.parametrize(
    "text",
    [
        # Punkt cut these after the abbreviation because the next word carries its own end
        # punctuation and a closing quote (found on NewsMTSC: 'tell Mr. Romney?”').
        'He said: "We blame the U.N. envoy." Then he left.',
        'She said: "We will wait for Gen. Smith." Then he left.',
        "“What do you want me to tell Mr. Romney?” Then he left.",
        'They said: "We met in St. Petersburg!" Then he left.',
    ],
)
def test_abbreviation_before_quoted_sentence_end(text):
    first, second = split_sentences(text)
    assert second == "Then he left."
    assert first.endswith(('."', '?”', '!"'))


def test_sentence_final_us_still_split_after_merge():
    assert split_sentences('"It was backed by the U.S." The rebels agreed. It ended in the U.S. The end.') == [
        '"It was backed by the U.S."',
        "The rebels agreed.",
        "It ended in the U.S.",
        "The end.",
    ]


@pytest.mark.parametrize(
    ("article_id", "sentence_end", "next_start"),
    [
        # FA-KES prints some sentence ends with no space after them; these ran on into the next
        # sentence, and the statement in them with it.
        ("1926479261", "and civilians are under siege.", "This outrageous escalation in Aleppo"),
        ("1926479261", "bombardment of Aleppo and its countryside.", "Every hospital in Aleppo"),
        ("1926479261", "for complete lack of medical care the letter said.", "Abdah noted that"),
        ("1918150026", "past administrations weakness and irresolution.", "For his part French President"),
        ("1918150026", "Assad bears primary responsibility.", "Commenting on what happened"),
        ("1962495652", "as its de facto capital.", "The video which was posted"),
        ("1962495652", "they received $400 a month.", "They are then tied to a tree"),
        ("1962495634", "we never imagined they were chemical weapons.", "When Saudi Prince Bandar"),
        ("1962495686", "have been battling IS since 2014.", "In recent months the Kurds"),
    ],
)
def test_fakes_sentence_end_without_space_is_split(fakes, article_id, sentence_end, next_start):
    text = fakes[article_id]
    start = text.lower().index((sentence_end + next_start).lower())
    cut = start + len(sentence_end)
    spans = sentence_spans(text)
    assert any(e == cut for _, e in spans), text[start - 60:cut + 40]
    assert any(s == cut for s, _ in spans)
    assert_spans_index_text(text, spans)


@pytest.mark.parametrize(
    "phrase",
    [
        # Real text: GUM (Wikinews) interviews and news, FA-KES sign-offs and source lines.
        "Savage created a website SpreadingSantorum.com to promulgate",
        "other sites such as Gawker.com have stated",
        "the Internet security firm Secunia.com, has said",
        "Sources: Reuters/www.globalsecurity.org/homsonline (Writing by",
        # Written for this test: names, initials, numbers and addresses glued to a capital.
        "Mr.Smith met St.Petersburg officials",
        "J.R.R.Tolkien and the U.S.Army",
        "version 3.5 of .NET and v2.Beta",
        "see www.Example.org, Al-Monitor.com and http://x.org/a.Bc or me@x.Org now",
    ],
)
def test_glued_capital_inside_name_or_address_not_split(fakes, phrase):
    assert split_sentences(phrase + ".") == [phrase + "."]


def test_long_run_of_glued_names_stays_whole_and_indexed():
    # Hostile input: a paragraph (under PUNKT_PIECE_CHARS) of glued abbreviations and over-long
    # words, none a sentence end.
    text = "Mr.Smith met " * 700 + "x" * 100 + ".Abc and Example" + "x" * 50 + ".Org now."
    spans = sentence_spans(text)
    assert spans == [(0, len(text))]
