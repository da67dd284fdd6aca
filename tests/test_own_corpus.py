"""Running on one's own corpus: a folder of real articles in four formats (the seed's .txt, FA-KES
excerpts as .jsonl and .csv, and a saved HTML page built around a real FA-KES article) goes
through the report runner with a copied config, as the README describes."""

from __future__ import annotations

import csv
import html
import json
import shutil

import pandas as pd
import pytest
import yaml

from quotelens.config import CONFIGS_DIR, FAKES_CSV, SEEDS_DIR
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


@pytest.mark.e2e
def test_own_corpus_folder_through_the_runner(corpus_dir, tmp_path):
    from quotelens.report.runner import run_report

    config = yaml.safe_load((CONFIGS_DIR / "smoke.yaml").read_text())
    config["name"] = "my_corpus"
    config["notebooks"]["01_articles"]["corpus_paths"] = [str(corpus_dir)]
    config_path = tmp_path / "my_corpus.yaml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False))
    out = tmp_path / "out"
    # 04_keywords is left out to keep this test short; its own tests cover it.
    run_report(config_path, only=["01", "02", "03", "05", "06", "00"], output_root=out)

    processed = next(p.parent for p in out.rglob("articles.parquet"))
    articles = read_table(processed / "articles.parquet")
    assert len(articles) == 1 + len(JSONL_IDS) + len(CSV_IDS) + 1
    assert {o.rsplit(".", 1)[-1].split(":")[0] for o in articles["origin"]} == {"txt", "jsonl", "csv", "html"}
    page = articles[articles["article_id"] == f"page_{HTML_ID}"].iloc[0]
    assert page["source"] == "Reuters" and page["date"] == pd.Timestamp("2017-04-05")

    statements = read_table(processed / "statements.parquet")
    texts = dict(zip(articles["article_id"], articles["text"]))
    assert all(texts[a][s:e] == q for a, s, e, q in zip(statements["article_id"], statements["start"], statements["end"], statements["quote"]))
    assert set(statements["article_id"]) >= {SEED, f"page_{HTML_ID}"}

    reports = next(p.parent for p in out.rglob("index.html"))
    for name in ("00_report", "05_comparisons", "06_explore"):
        assert (reports / f"{name}.html").is_file()
    for page_html in reports.glob("*.html"):
        assert "<script>alert(1)" not in page_html.read_text(encoding="utf-8")
