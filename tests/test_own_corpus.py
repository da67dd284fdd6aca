"""Running on one's own corpus (issue 13), as the README describes it: no config to copy.

Two corpora that are not the default: a folder of real articles in four formats (the seed's
.txt, FA-KES excerpts as .jsonl and .csv, and a saved HTML page built around a real FA-KES
article) through `quotelens report --corpus DIR --output OUT`, and the GUM Wikinews articles of
the news gold, with no registry, through `quotelens init` and `quotelens report --config`. Both
run on the neutral defaults and write everything under OUT, the trained models into the user
cache folder (here a temporary one), nothing into the project."""

from __future__ import annotations

import csv
import html
import json
import re
import shutil

import pandas as pd
import pytest
import yaml

from quotelens import cli
from quotelens.compare.choices import named_speakers
from quotelens.config import FAKES_CSV, GOLD_DIR, PROJ_ROOT, SEEDS_DIR
from quotelens.load.html_pages import read_html_article
from quotelens.tables import read_table

SEED = "000_aff2fd669e79066c"
JSONL_IDS = ["1919191759", "1919191766", "1926478914"]
CSV_IDS = ["1926479003", "1926478910", "1926478971"]
HTML_ID = "1914947530"  # the WHO / nerve agent article (nna in FA-KES)
HOSTILE = "<script>alert(1)</script>"


def _fakes() -> pd.DataFrame:
    return pd.read_csv(FAKES_CSV, dtype=str, keep_default_na=False).set_index("unit_id")


def _page(row: pd.Series) -> str:
    """A saved news page around a real FA-KES article: navigation, the article in paragraphs
    (split at sentence ends, since FA-KES lost its paragraph breaks), a footer, and a title
    holding markup that must stay text."""
    sentences = row["article_content"].split(". ")
    third = max(1, len(sentences) // 3)
    paras = [". ".join(sentences[i : i + third]) for i in range(0, len(sentences), third)]
    body = "\n".join(f"<p>{html.escape(p.strip())}{'' if p.endswith('.') else '.'}</p>" for p in paras if p.strip())
    title = html.escape(f"{row['article_title']} {HOSTILE}")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Reuters">
<meta property="article:published_time" content="2017-04-05T10:00:00Z">
<link rel="canonical" href="https://www.example.org/world/syria-who-nerve-agent">
<script>var tracker = "not article text";</script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<main><article><h1>{title}</h1>
{body}
</article></main>
<aside>Most read: Markets close higher; Weather for the weekend</aside>
<footer>Copyright 2017. All rights reserved. Terms of use.</footer></body></html>
"""


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("my_corpus")
    fakes = _fakes()
    shutil.copy(SEEDS_DIR / f"{SEED}.txt", folder / f"{SEED}.txt")
    with open(folder / "fakes_excerpt.jsonl", "w", encoding="utf-8") as fh:
        for uid in JSONL_IDS:
            r = fakes.loc[uid]
            date = pd.to_datetime(r["date"], format="%m/%d/%Y").strftime("%Y-%m-%d")
            fh.write(json.dumps({"id": uid, "title": r["article_title"], "text": r["article_content"],
                                 "source": r["source"], "date": date}) + "\n")
    with open(folder / "fakes_excerpt.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["unit_id", "article_title", "article_content", "source", "date", "location", "labels"])
        for uid in CSV_IDS:
            r = fakes.loc[uid]
            writer.writerow([uid, r["article_title"], r["article_content"], r["source"], r["date"], r["location"], r["labels"]])
    (folder / "pages").mkdir()
    (folder / "pages" / f"page_{HTML_ID}.html").write_text(_page(fakes.loc[HTML_ID]), encoding="utf-8")
    return folder


def test_html_page_reads_body_and_metadata_offline(corpus_dir):
    article = read_html_article(corpus_dir / "pages" / f"page_{HTML_ID}.html")
    original = _fakes().loc[HTML_ID, "article_content"]
    assert article["article_id"] == f"page_{HTML_ID}"
    assert article["source"] == "Reuters"
    assert article["date"] == pd.Timestamp("2017-04-05")
    assert article["url"] == "https://www.example.org/world/syria-who-nerve-agent"
    assert HOSTILE in article["title"]  # the markup is text of the title, unescaped once
    # Every sentence of the real article is in the body; boilerplate and scripts are not.
    text = article["text"]
    assert "World Health Organization said on Wednesday" in text
    assert original.split(". ")[-1].strip(". ") in text
    for noise in ("Home", "Most read", "Copyright", "tracker", "<script"):
        assert noise not in text
    assert text.count("\n\n") >= 2  # paragraphs kept, separated by blank lines


def test_html_without_body_is_rejected(tmp_path):
    from quotelens.load.corpus import RejectedInput

    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title>Nothing</title></head><body><div><img src=\"x.png\"></div></body></html>")
    with pytest.raises(RejectedInput, match="no article text"):
        read_html_article(empty)


@pytest.fixture(scope="module")
def user_cache(tmp_path_factory, target_model_fitted):
    """The user cache folder of these runs ($XDG_CACHE_HOME), shared so the models train once.

    The sentence models and the nltk data are made there by the first run (what
    _outputs_stay_under checks). The target model (notebook 05's) is read from the package
    (sentiment/models/) while its key is current, as for a user; when the code has changed since
    it was shipped, the fit this test run made anyway (conftest.target_model_fitted, the same
    cache key) is copied in, as a user who has run once has it, instead of fitting it again."""
    from quotelens.sentiment import model, shipped, targets

    folder = tmp_path_factory.mktemp("xdg_cache")
    key = targets.cache_key(model.train_path_default())
    if shipped.shipped_key(targets.SHIPPED_NAME) != key:
        fitted = model.CACHE_DIR / f"targets-{key}.pkl"
        if not fitted.is_file():  # replaced since (another process fitted other code): read or fit again
            targets.load_target_model()
        (folder / "quotelens" / "sentiment").mkdir(parents=True)
        shutil.copy(fitted, folder / "quotelens" / "sentiment" / fitted.name)
    return folder


def _as_user(monkeypatch, user_cache) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(user_cache))
    monkeypatch.delenv("QUOTELENS_CACHE_DIR", raising=False)


def _outputs_stay_under(out, user_cache) -> None:
    """Tables, figures and reports under OUT; models and nltk data in the user cache folder."""
    assert {p.name for p in out.iterdir()} >= {"processed", "figures", "reports"}
    assert list((user_cache / "quotelens" / "sentiment").glob("models-*.pkl"))
    assert list((user_cache / "quotelens" / "nltk_data").rglob("vader_lexicon.zip"))
    for notebook in (out / "reports").glob("*.ipynb"):
        injected = [c for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
                    if "injected-parameters" in c.get("metadata", {}).get("tags", [])]
        for line in "".join(injected[0]["source"]).splitlines():
            if line.startswith(("processed_dir", "figures_dir")):
                assert str(out) in line and str(PROJ_ROOT) not in line, line


@pytest.mark.e2e
def test_own_corpus_folder_through_the_runner(corpus_dir, tmp_path, monkeypatch, user_cache):
    _as_user(monkeypatch, user_cache)
    out = tmp_path / "out"
    # 04_keywords is left out to keep this test short; its own tests cover it.
    only = [arg for nb in ("01", "02", "03", "05", "06", "00") for arg in ("--only", nb)]
    assert cli.main(["report", "--corpus", str(corpus_dir), "--output", str(out), *only]) == 0

    assert (out / "config.yaml").read_text(encoding="utf-8").startswith("# quotelens report config for my_corpus")
    processed = out / "processed"
    articles = read_table(processed / "articles.parquet")
    assert len(articles) == 1 + len(JSONL_IDS) + len(CSV_IDS) + 1
    assert {o.rsplit(".", 1)[-1].split(":")[0] for o in articles["origin"]} == {"txt", "jsonl", "csv", "html"}
    page = articles[articles["article_id"] == f"page_{HTML_ID}"].iloc[0]
    assert page["source"] == "Reuters" and page["date"] == pd.Timestamp("2017-04-05")

    statements = read_table(processed / "statements.parquet")
    texts = dict(zip(articles["article_id"], articles["text"]))
    assert all(texts[a][s:e] == q for a, s, e, q in zip(statements["article_id"], statements["start"], statements["end"], statements["quote"]))
    assert set(statements["article_id"]) >= {SEED, f"page_{HTML_ID}"}
    assert not statements["in_registry"].any()  # neutral default: no registry

    reports = out / "reports"
    for name in ("00_report", "05_comparisons", "06_explore"):
        assert (reports / f"{name}.html").is_file()
    for page_html in reports.glob("*.html"):
        assert "<script>alert(1)" not in page_html.read_text(encoding="utf-8")
    _outputs_stay_under(out, user_cache)


# --------------------------------------------------------------------------------------------
# The GUM Wikinews articles, no registry

#: Words of the default corpus the report of another corpus must not contain.
FOREIGN_WORDS = ("syria", "fa-kes", "mistura", "conflict")
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "we", "i", "you", "us", "this", "that", "who"}


def page_text(path) -> str:
    """The text a reader sees on a rendered page: no style, script or tags, entities decoded."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
    return re.sub(r"[ \t]+", " ", text)


def _from_the_corpus(text: str, start: int, end: int, corpus: str) -> bool:
    """Whether the words around text[start:end] (within its line, up to 20 characters each
    side, a table's "..." cut removed) are a quotation of the corpus."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    a, b = start - line_start, end - line_start
    window = line[max(0, a - 20):b + 20].replace("...", "").replace("…", "").strip()
    return " ".join(window.split()).lower() in corpus


@pytest.fixture(scope="module")
def gum_corpus(tmp_path_factory):
    """The GUM Wikinews articles of the news gold (ids GUM_*) as a JSONL corpus."""
    folder = tmp_path_factory.mktemp("gum_corpus")
    with open(GOLD_DIR / "news" / "articles.jsonl", encoding="utf-8") as fh, open(folder / "gum.jsonl", "w", encoding="utf-8") as out:
        for line in fh:
            row = json.loads(line)
            if row["id"].startswith("GUM_"):
                out.write(json.dumps({k: row[k] for k in ("id", "title", "text", "source", "date", "url")}) + "\n")
    return folder / "gum.jsonl"


@pytest.mark.e2e
def test_gum_articles_without_a_registry_get_a_report_about_them(gum_corpus, tmp_path, monkeypatch, user_cache):
    _as_user(monkeypatch, user_cache)
    config_path = tmp_path / "gum.yaml"
    assert cli.main(["init", "--corpus", str(gum_corpus), "--name", "gum", "-o", str(config_path)]) == 0
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    # fewer resamples and figures keep the test short; every page is still written
    config["notebooks"]["03_sentiment"].update(n_boot=50, top_actors=2)
    config["notebooks"]["04_keywords"].update(n_boot=0, monroe_groups=1, figure_groups=3)
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["report", "--config", str(config_path), "--output", str(out)]) == 0
    _outputs_stay_under(out, user_cache)

    # No page speaks of the default corpus; a word of it may only appear quoting the articles.
    corpus = " ".join(" ".join((json.loads(line)["title"] + " " + json.loads(line)["text"]).split())
                      for line in gum_corpus.read_text(encoding="utf-8").splitlines()).lower()
    pages = sorted((out / "reports").glob("*.html"))
    assert len(pages) == 1 + 2 * 7  # index, and every notebook with and without code
    for page in pages:
        # not even the evaluation's provenance: the registry it was measured with is not this run's
        text = page_text(page)
        for word in FOREIGN_WORDS:
            for m in re.finditer(re.escape(word), text, flags=re.I):
                assert _from_the_corpus(text, m.start(), m.end(), corpus), (page.name, text[max(0, m.start() - 80):m.end() + 80])

    # The report says what this run used and what it did not.
    report = " ".join(page_text(out / "reports" / "00_report.nocode.html").split())
    for said in ("Actor registry: none.", "Topic-word masking: off", "Outlet grouping: none;", "Researchers' dictionaries: none.",
                 "statements have no named speaker", "No actor registry was used", f"Corpus: {gum_corpus}. 43 input units read",
                 "statements are scored unmasked (topic-word masking was off)",
                 "accuracy was measured on the project's news gold", "with no actor registry and",
                 "Actors: the project's example registry (this run used none)"):
        assert said in report, said
    # Masking was off: no sentence claims masked scores or sets an unmasked value beside one
    # (the appendix's NewsMTSC table, which compares both on its own test set, aside).
    findings_part = report.split("In their own words")[0]
    assert not re.search(r"\bmasked\b", findings_part.replace("unmasked", "")), findings_part
    assert not re.search(r"[+-]\d\.\d\d unmasked", findings_part)
    comparisons = " ".join(page_text(out / "reports" / "05_comparisons.nocode.html").split())
    assert "topic words masked (headline)" not in comparisons

    # The top speakers are speakers: no pronoun, no possessive, no stray capitalised word.
    statements = read_table(out / "processed" / "statements.parquet")
    top = statements.groupby("speaker").size().sort_values(ascending=False, kind="mergesort").head(10).index.tolist()
    for speaker in top:
        assert speaker.lower() not in PRONOUNS and not re.search(r"['’]s?$", speaker), top
        assert not re.fullmatch(r"[A-Z][a-z]+ing", speaker), top  # "Looking", "According"
    # Unnamed labels are typed as sources, never listed as named actors (GUM's unnamed
    # interviewees answer 51 times): the speaker table says so, the findings leave them out.
    by_actor = pd.read_csv(out / "figures" / "02_statements_by_actor.csv").set_index("speaker")
    assert by_actor.loc["interviewee", "speaker_type"] == "unnamed source"
    assert (by_actor.loc[by_actor["speaker_kind"] == "unnamed", "speaker_type"] == "unnamed source").all()
    most_quoted = re.search(r"The most quoted named actors are ([^.]*)\.", report)
    assert most_quoted and "interviewee" not in most_quoted.group(1)
    named = named_speakers(statements)
    # The actors quoted together are actors, not the news agencies relaying them: 00's finding
    # and 05's table count the same pairs (networks.cooccurrence_edges).
    agencies = set(statements.loc[statements["speaker_kind"] == "news_agency", "speaker"]) & set(named)
    assert agencies  # GUM quotes ABC News, AFP ...
    pair = re.search(r"The pair of named actors quoted together most often \(news agencies[^)]*\) is (.+?) and (.+?) \(", report)
    assert pair and not {pair.group(1), pair.group(2)} & agencies, pair and pair.groups()
    cooc = re.search(r"Quoted in the same article as Articles quoting both (.*?) (?:First \d+ of|Statements behind)", comparisons)
    assert cooc and cooc.group(1).startswith(f"{pair.group(1)} {pair.group(2)} "), cooc and cooc.group(1)[:300]
    # 05's speaks-about table lists the links of named speakers only (it listed "interviewee -> New York").
    about = re.search(r"links from named speakers: (\d+) of (\d+)(.*?)Statements behind the heaviest link", comparisons)
    assert about and "interviewee" not in about.group(3), about and about.group(3)[:300]
    assert not [a for a in agencies if re.search(rf"(?<!\w){re.escape(a)}(?!\w)", cooc.group(1))], cooc.group(1)
    # Grouped by speaker, 04 draws figures for named speakers only (no "interviewee").
    figures = {p.name for p in (out / "figures").glob("04_keywords_*.csv")}
    assert any(n.startswith("04_keywords_monroe_") for n in figures) and not any("interviewee" in n for n in figures), figures
    # The two-actor comparison took the two most-quoted named actors.
    compared = set(pd.read_csv(out / "figures" / "04_keywords_compare.csv")["speaker"])
    assert len(compared) == 2 and compared <= set(named) and named[0] in compared
