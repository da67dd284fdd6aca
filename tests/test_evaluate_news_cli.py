"""`quotelens evaluate` on the news gold: format detection, --split, and --split refused for
the excerpt gold (one line, exit status 2)."""

from __future__ import annotations

import json
import math

import pytest

from quotelens.cli import main as cli_main
from quotelens.config import GOLD_DIR
from quotelens.extract.news_gold import load_news_gold

NEWS_GOLD = GOLD_DIR / "news" / "statements.jsonl"
NEWS_ARTICLES = GOLD_DIR / "news" / "articles.jsonl"


@pytest.fixture(scope="module")
def gold():
    return load_news_gold(NEWS_GOLD)


def test_cli_scores_a_news_split(tmp_path, capsys, gold):
    pred = tmp_path / "pred.jsonl"
    gold.to_json(pred, orient="records", lines=True)
    out = tmp_path / "m.json"
    assert cli_main(["evaluate", str(pred), "--gold", str(NEWS_GOLD), "--articles", str(NEWS_ARTICLES),
                     "--split", "test", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "split test" in text and "role-noun mention" in text
    payload = json.loads(out.read_text())
    assert payload["split"] == "test" and payload["seed"] == {}
    row = next(r for r in payload["metrics"] if r["group"] == "all" and r["threshold"] == 0.3)
    assert row["pair_f1"] == 1.0 and not math.isnan(row["quote_f1"])


def test_cli_split_on_the_excerpt_gold_is_a_usage_error(tmp_path, capsys):
    pred = tmp_path / "pred.jsonl"
    pred.write_text("")
    with pytest.raises(SystemExit) as exc:
        cli_main(["evaluate", str(pred), "--gold", str(GOLD_DIR / "statements.jsonl"),
                  "--articles", str(GOLD_DIR / "articles.jsonl"), "--split", "dev"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert "--split needs the news gold" in err and "\n" not in err and "Traceback" not in err
