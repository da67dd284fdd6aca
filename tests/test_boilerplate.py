"""quotelens.load.boilerplate and its tables: page furniture found as spans on real pages (FA-KES
articles outside the news gold, GUM Wikinews articles, the seed), the text never changed, the
Articles columns, the per-outlet summary, and precision against the gold statements (used only
as a check)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotelens import config
from quotelens.load.boilerplate import (
    Span,
    body_bounds,
    content_spans,
    format_furniture,
    furniture_spans,
    is_furniture,
    mask_furniture,
    parse_furniture,
    touches_furniture,
)
from quotelens.load.corpus import load_corpus
from quotelens.load.decoding import sha256_text
from quotelens.load.furniture_rules import KINDS, RULES
from quotelens.load.furniture_summary import furniture_by_outlet, furniture_examples
from quotelens.load.furniture_table import FURNITURE_COLUMNS, add_furniture_columns, article_spans

NEWS_GOLD = config.PROJ_ROOT / "data" / "gold" / "news"


@pytest.fixture(scope="module")
def corpus(default_load) -> pd.DataFrame:
    """The default corpus (seed + FA-KES) as loaded (conftest.py's shared load), indexed by
    article_id."""
    return default_load.articles.set_index("article_id", drop=False)


@pytest.fixture(scope="module")
def gold_articles() -> dict[str, dict]:
    return {a["id"]: a for a in map(json.loads, (NEWS_GOLD / "articles.jsonl").read_text(encoding="utf-8").splitlines())}


@pytest.fixture(scope="module")
def not_gold(corpus, gold_articles) -> pd.DataFrame:
    """FA-KES articles that are not in the news gold (the gold is annotated: never tuned on)."""
    gold_ids = {i.removeprefix("fakes_") for i in gold_articles}
    fakes = corpus[corpus["source"].notna()]
    return fakes[~fakes["article_id"].str.replace(r"_\d+$", "", regex=True).isin(gold_ids)]


@pytest.fixture(scope="module")
def not_gold_spans(not_gold) -> dict[str, list]:
    """furniture_spans of every article of not_gold, computed here (not read from the loaded
    furniture column) once for the tests below that check them (about 1 CPU-s per pass)."""
    return {a.article_id: furniture_spans(a.text, a.title, a.source) for a in not_gold.itertuples(index=False)}


def first_sentence(text: str, start: int) -> tuple[int, int]:
    end = text.find(". ", start)
    return start, (end if end > 0 else len(text))


# --- the top of the body: headline and dateline repeats, bylines, published lines ----------------

# (article id, outlet, the words the body starts with once the furniture is left out, kinds at the top)
HEADS = [
    ("1914947530", "nna", "Victims of a suspected chemical attack", {"dateline", "headline_repeat"}),
    ("1962495634", "alalam", "Rebels and local residents in Syrias Ghouta", {"dateline", "headline_repeat"}),
    ("1926479154", "etilaf", "Determined to prevent any aspect of life", {"dateline", "headline_repeat"}),
    ("1923848170", "ahram", "Air raids on rebel-held districts", {"headline_repeat", "credit", "dateline"}),
    ("1926478963", "manar", "ISIL terrorist group killed more than 50", {"dateline", "headline_repeat"}),
    ("1924058065", "jordantimes", "An intensifying push by the Syrian government", {"published_line", "dateline"}),
    ("1926478976", "sana", "One civilian was killed while 16 others", {"dateline", "headline_repeat"}),
    ("1926479264", "reuters", "The Islamic State militant group has executed", {"dateline", "headline_repeat", "byline"}),
    ("1918150031", "asharqalawsat", "Beirut Doctors Without Borders (MSF) accused", {"published_line", "byline", "headline_repeat"}),
    ("1965495376", "sputnik", "A source told Sputnik that a suicide blast", {"headline_repeat", "header", "short_url"}),
    ("1924058144", "dailysabah", "Syrian activists say the Daesh terrorist group", {"published_line"}),
    ("1926478973", "arabiya", "Some 120 ISIS fighters and 60 foreign", {"dateline", "headline_repeat"}),
    ("1923102861", "alaraby", "Two children were killed in shelling", {"published_line"}),
    ("1924058100", "trt", "Russian jets pounded several opposition-held", {"dateline"}),
    ("1924058217", "tass", "Terrorists executed militants and members", {"dateline"}),
]


@pytest.mark.parametrize("article_id,outlet,body_opening,kinds", HEADS, ids=[h[1] for h in HEADS])
def test_headline_and_dateline_repeats_are_marked_and_the_first_sentence_is_not(corpus, not_gold, article_id,
                                                                                outlet, body_opening, kinds):
    assert article_id in not_gold.index
    article = corpus.loc[article_id]
    assert article["source"] == outlet
    text = article["text"]
    spans = furniture_spans(text, article["title"], article["source"])
    start, _ = body_bounds(text, spans)
    assert text[start:].startswith(body_opening)
    assert not touches_furniture(spans, *first_sentence(text, start))
    assert kinds <= {s.kind for s in spans if s.end <= start}


def test_every_fakes_article_outside_the_gold_starts_its_body_after_the_repeated_headline(not_gold, not_gold_spans):
    # Where the body repeats its title word for word at the top, the repeat is furniture.
    for _, article in not_gold.iterrows():
        text, title = article["text"], article["title"]
        spans = not_gold_spans[article["article_id"]]
        start, end = body_bounds(text, spans)
        assert 0 <= start <= end <= len(text)
        at = text.find(title) if len(title.split()) >= 4 else -1
        if 0 <= at < 60 and text[at + len(title):].strip():
            assert is_furniture(spans, at, at + len(title)), (article["article_id"], title)


# --- page furniture inside and after the body --------------------------------------------------

MARKERS = {
    "Get short URL": r"Get short URL",
    "Date of publication": r"Date of publication",
    "Related News": r"Related News",
    "Tags": r"(?<![\w-])Tags(?=\s+[A-Z])",
    "PM Summit": r"PM Summit",  # a related story TRT's sidebar shows under every article
    "Community standards": r"Community standards",
    "Copyright": r"Copyright",
    "photo credit": r"\(TRT World and Agencies\)|\(AFP [Pp]hoto\)",
    "Published": r"^Published",
    "Print Tweet": r"Print Tweet",
    "Reuters standards": r"Our Standards:The Thomson Reuters Trust Principles\.",
}


@pytest.mark.parametrize("name", list(MARKERS))
def test_page_furniture_markers_are_inside_furniture(not_gold, not_gold_spans, name):
    found = 0
    for _, article in not_gold.iterrows():
        text = article["text"]
        spans = not_gold_spans[article["article_id"]]
        for m in re.finditer(MARKERS[name], text):
            found += 1
            assert is_furniture(spans, m.start(), m.end(), text), (article["article_id"], text[m.start() - 60:m.end() + 60])
    assert found > 0


def test_trt_sidebar_tags_short_url_and_publication_lines(corpus):
    trt = corpus.loc["1924058100"]
    spans = furniture_spans(trt["text"], trt["title"], trt["source"])
    kinds = [s.kind for s in spans if s.start >= body_bounds(trt["text"], spans)[1]]
    assert kinds == ["credit", "related_block", "share_line", "share_line", "copyright"]
    assert trt["text"][spans[-1].end:].strip() == ""  # the footer runs to the end
    araby = corpus.loc["1923102861"]
    text = araby["text"]
    spans = furniture_spans(text, araby["title"], araby["source"])
    by_kind = {s.kind: text[s.start:s.end] for s in spans}
    assert by_kind["published_line"] == "Date of publication 28 August 2016"
    assert by_kind["tags"] == "Tags Waer incendiary weapons war crimes Syrian conflict"
    assert by_kind["related_block"] == "Read Also"
    tags = next(s for s in spans if s.kind == "tags")
    assert text[tags.end:].lstrip().startswith("Two children were killed")  # the body goes on after the list


def test_captions_before_photo_credits_but_never_a_reported_statement(corpus):
    trt = corpus.loc["1919191742"]
    text = trt["text"]
    spans = furniture_spans(text, trt["title"], trt["source"])
    caption = next(s for s in spans if s.kind == "caption")
    assert text[caption.start:caption.end].startswith("A man walks by a damaged site")
    assert text[caption.end:].lstrip().startswith("(TRT World and Agencies)")
    # "He added that ... (TRT World and Agencies)": the credit is marked, the statement is kept.
    said = corpus.loc["1919191752"]
    text = said["text"]
    spans = furniture_spans(text, said["title"], said["source"])
    at = text.index("He added that four other victims")
    assert not touches_furniture(spans, at, text.index(".", at))


def test_gum_image_captions_and_credits_are_marked(gold_articles):
    lines = 0
    for article in gold_articles.values():
        if not article["id"].startswith("GUM_"):
            continue
        text = article["text"]
        spans = furniture_spans(text, article["title"], article["source"])
        for m in re.finditer(r"(?im)^[^\n]{0,300}\bimage: [^\n]{1,80}$", text):
            lines += 1
            assert is_furniture(spans, m.start(), m.end(), text), (article["id"], m.group())
    assert lines >= 30
    ants = gold_articles["GUM_interview_ants"]
    spans = furniture_spans(ants["text"], ants["title"], ants["source"])
    assert [ants["text"][s.start:s.end] for s in spans[:2]] == ["Formica fusca, from file.", "Image: Mathias Krumbholz."]
    assert [s.kind for s in spans[:2]] == ["caption", "credit"]


# --- precision: gold statements (a check only) and texts without furniture ---------------------


def test_no_gum_or_seed_gold_statement_overlaps_furniture(gold_articles):
    statements = [json.loads(line) for line in (NEWS_GOLD / "statements.jsonl").read_text(encoding="utf-8").splitlines()]
    checked = 0
    for st_ in statements:
        article = gold_articles[st_["article_id"]]
        if article["id"].startswith("fakes_"):
            continue
        spans = furniture_spans(article["text"], article["title"], article["source"])
        assert not touches_furniture(spans, st_["start"], st_["end"]), (article["id"], st_["quote"])
        checked += 1
    assert checked > 400


def test_seed_statements_are_not_furniture(corpus):
    seed = corpus.loc["000_aff2fd669e79066c"]
    text = seed["text"]
    spans = furniture_spans(text, seed["title"], seed["source"])
    assert [(s.kind, text[s.start:s.end]) for s in spans] == [("related_block", "Latest News")]
    quotes = [json.loads(line)["quote"] for line in (config.PROJ_ROOT / "data" / "gold" / "seed_statements.jsonl")
              .read_text(encoding="utf-8").splitlines()]
    for quote in quotes:
        at = text.index(quote)
        assert not touches_furniture(spans, at, at + len(quote)), quote


def test_hostile_articles_have_no_furniture():
    articles = load_corpus(config.PROJ_ROOT / "tests" / "data" / "hostile").articles
    assert len(articles) >= 3
    assert (articles["furniture"] == "").all()
    assert (articles["body_start"] == 0).all() and (articles["body_end"] == articles["text"].str.len()).all()


def test_a_body_that_opens_like_its_title_keeps_its_sentence():
    text = "Syria talks resume in Geneva on Monday, the envoy said. More talks follow."
    assert furniture_spans(text, "Syria talks resume in Geneva") == []
    assert furniture_spans("Syria talks resume in Geneva", "Syria talks resume in Geneva") == []


# --- offsets and the Articles columns -------------------------------------------------------------


def test_spans_index_the_unchanged_text_of_every_article(corpus):
    assert set(FURNITURE_COLUMNS) <= set(corpus.columns)
    for _, article in corpus.iterrows():
        text = article["text"]
        assert sha256_text(text) == article["sha256"]
        spans = parse_furniture(article["furniture"])
        assert spans == furniture_spans(text, article["title"], article["source"])
        assert all(0 <= s.start < s.end <= len(text) and s.kind in KINDS for s in spans)
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
        assert all(text[s.start:s.end].strip() == text[s.start:s.end] for s in spans)
        assert 0 <= article["body_start"] <= article["body_end"] <= len(text)
        assert (article["body_start"], article["body_end"]) == body_bounds(text, spans)
        assert len(mask_furniture(text, spans)) == len(text)


def test_fakes_texts_are_the_csv_cells_exactly(corpus):
    raw = pd.read_csv(config.FAKES_CSV, dtype=str, keep_default_na=False)
    for row in raw.head(50).itertuples():
        assert corpus.loc[row.unit_id, "text"] == row.article_content


def test_furniture_columns_follow_original_id_in_every_load(corpus):
    columns = list(corpus.columns)
    at = columns.index("original_id")
    assert columns[at + 1:at + 4] == FURNITURE_COLUMNS
    assert str(corpus["body_start"].dtype) == "int64" and str(corpus["body_end"].dtype) == "int64"
    again = add_furniture_columns(corpus.drop(columns=FURNITURE_COLUMNS))
    pd.testing.assert_frame_equal(again, corpus)


def test_article_spans_reads_the_column_or_computes(corpus):
    row = corpus.loc["1924058100"]
    assert article_spans(row) == parse_furniture(row["furniture"])
    assert article_spans({"text": row["text"], "title": row["title"], "source": row["source"]}) == article_spans(row)


# --- the API the extractor uses ------------------------------------------------------------------


def test_span_helpers():
    text = "Mon 1 May 2017 Title here. Body sentence one. Tags a b"
    spans = [Span(0, 14, "dateline"), Span(15, 26, "headline_repeat"), Span(46, 54, "tags")]
    assert body_bounds(text, spans) == (27, 45)  # without the spaces next to the furniture
    assert content_spans(text, spans) == [(26, 46)]
    assert is_furniture(spans, 15, 26) and not is_furniture(spans, 0, 26) and is_furniture(spans, 0, 26, text)
    assert not is_furniture(spans, 20, 30)
    assert touches_furniture(spans, 20, 30) and not touches_furniture(spans, 27, 45)
    masked = mask_furniture(text, spans)
    assert len(masked) == len(text) and masked[26:46] == text[26:46] and not masked[:26].strip()
    assert parse_furniture(format_furniture(spans)) == spans
    assert parse_furniture("") == [] and parse_furniture(None) == [] and parse_furniture(float("nan")) == []
    assert parse_furniture([{"start": 0, "end": 14, "kind": "dateline"}, (15, 26, "headline_repeat")]) == spans[:2]
    with pytest.raises(ValueError):
        parse_furniture("0-3 dateline; nonsense")
    assert mask_furniture("a\nb", [Span(0, 3, "x")]) == " \n "


def test_every_rule_names_a_known_kind_and_where_it_was_seen():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    for rule in RULES:
        assert rule.kind in KINDS and rule.where in ("head", "head_after", "tail", "line", "inline")
        assert rule.observed.strip()
        for group in re.findall(r"\(\?P<(\w+)>", rule.pattern):
            assert group in KINDS


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Tags", "Related", "said", "The", "AFP", "(AFP)", "Get short URL", "Image:", "\n",
                                 "\n\n", "by", "BEIRUT", "2016", "May", "12", ".", "?", "\"", "pic.twitter.com/x",
                                 "Copyright", "©", "READ MORE", "Source", "al-Freih", "/", "Syria", "é"]), max_size=80),
       st.one_of(st.none(), st.text(max_size=30)))
def test_any_text_gives_valid_spans(words, title):
    text = " ".join(words)
    spans = furniture_spans(text, title, "x")
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    start, end = body_bounds(text, spans)
    assert 0 <= start <= end <= len(text)


# --- the per-outlet summary (notebook 01) ----------------------------------------------------------


def test_furniture_by_outlet_and_examples(corpus):
    counts = furniture_by_outlet(corpus)
    overall = counts[counts["kind"] == "all"].set_index("source")
    assert overall.loc["trt", "n_articles"] == (corpus["source"] == "trt").sum()
    assert overall["share_chars"].between(0, 1).all()
    by_kind = counts[counts["kind"] != "all"].groupby("source")["chars"].sum()
    assert (by_kind == overall.loc[by_kind.index, "chars"]).all()
    assert "(unknown source)" in overall.index  # the seed has no outlet
    examples = furniture_examples(corpus)
    assert examples.groupby(["source", "kind"]).size().max() <= 2
    for row in examples.itertuples():
        text = corpus.loc[row.article_id, "text"]
        assert " ".join(text[row.start:row.end].split()).startswith(row.example)
