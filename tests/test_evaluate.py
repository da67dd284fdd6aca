"""The statement scorer (known answers) and the validity of the committed gold."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from quotelens.cli import main as cli_main
from quotelens.config import GOLD_DIR, SEEDS_DIR
from quotelens.load.corpus import load_corpus, read_seed_file
from quotelens.extract.evaluate import (
    TYPES,
    GoldFormatError,
    evaluate_statements,
    format_report,
    load_gold,
    registry_canonical,
    speakers_agree,
)

SEED_ID = "000_aff2fd669e79066c"
GOLD = GOLD_DIR / "statements.jsonl"
ARTICLES = GOLD_DIR / "articles.jsonl"
SEED_GOLD = GOLD_DIR / "seed_statements.jsonl"


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    return pd.read_json(ARTICLES, lines=True, dtype=False)


@pytest.fixture(scope="module")
def seed_articles(articles) -> pd.DataFrame:
    return articles[articles["id"] == SEED_ID]


@pytest.fixture(scope="module")
def seed_gold() -> pd.DataFrame:
    return load_gold(SEED_GOLD)


def _row(metrics: pd.DataFrame, threshold: float, typ: str = "all") -> pd.Series:
    hit = metrics[(metrics["threshold"] == threshold) & (metrics["type"] == typ)]
    assert len(hit) == 1
    return hit.iloc[0]


# --- scorer: known answers on the seed article -------------------------------------------


def test_perfect_prediction_scores_one_everywhere(seed_gold, seed_articles):
    predicted = seed_gold.drop(columns=["gold_line"])
    result = evaluate_statements(predicted, seed_gold, seed_articles)
    m = result["metrics"]
    assert result["n_gold"] == result["n_pred"] == 12
    for t in (0.3, 0.8):
        for typ in TYPES + ("all",):
            r = _row(m, t, typ)
            for col in ("quote_precision", "quote_recall", "quote_f1", "pair_precision", "pair_recall",
                        "pair_f1", "attribution_accuracy"):
                assert r[col] == 1.0, (t, typ, col)


def test_half_covered_quote_counts_at_lenient_only(seed_gold, seed_articles):
    gold = seed_gold.iloc[[1]]  # "No breakthrough, no breakdown, no one walking out"
    quote = gold.iloc[0]["quote"]
    text = seed_articles.iloc[0]["text"]
    start = text.index(quote)
    half = len(quote) // 2
    predicted = pd.DataFrame([{"article_id": SEED_ID, "speaker": "de Mistura", "type": "direct",
                               "quote": text[start:start + half], "start": start, "end": start + half}])
    m = evaluate_statements(predicted, gold, seed_articles)["metrics"]
    assert 0.3 <= half / len(quote) < 0.8
    assert _row(m, 0.3)["quote_recall"] == 1.0
    assert _row(m, 0.3)["pair_f1"] == 1.0
    assert _row(m, 0.8)["quote_recall"] == 0.0
    assert _row(m, 0.8)["quote_precision"] == 0.0
    assert _row(m, 0.8)["quote_f1"] == 0.0


def test_one_prediction_covering_two_gold_counts_once(seed_articles):
    text = seed_articles.iloc[0]["text"]
    first = "the fight against terrorism is our number one priority"
    second = "is through a negotiated political solution"
    s1, s2 = text.index(first), text.index(second)
    gold = pd.DataFrame([
        {"article_id": SEED_ID, "speaker": "Francois Delattre", "type": "mixed", "quote": first},
        {"article_id": SEED_ID, "speaker": "Francois Delattre", "type": "mixed", "quote": second},
    ])
    span = text[s1:s2 + len(second)]
    predicted = pd.DataFrame([{"article_id": SEED_ID, "speaker": "Delattre", "type": "indirect",
                               "quote": span, "start": s1, "end": s2 + len(second)}])
    result = evaluate_statements(predicted, gold, seed_articles)
    r = _row(result["metrics"], 0.8)
    assert r["matched_gold"] == 1 and r["matched_pred"] == 1
    assert r["quote_recall"] == 0.5 and r["quote_precision"] == 1.0
    # both gold statements are fully covered: the tie goes to the earlier gold line
    matches = result["matches"][result["matches"]["threshold"] == 0.8]
    assert matches["gold_row"].tolist() == [0]


def test_greedy_gives_each_gold_the_prediction_covering_most(seed_articles):
    text = seed_articles.iloc[0]["text"]
    quote = "I have asked the parties to have clear substantial issues on all the 4 baskets"
    s = text.index(quote)
    gold = pd.DataFrame([{"article_id": SEED_ID, "speaker": "Staffan de Mistura", "type": "direct", "quote": quote}])
    predicted = pd.DataFrame([
        {"article_id": SEED_ID, "speaker": "he", "type": "direct", "quote": text[s:s + 40], "start": s, "end": s + 40},
        {"article_id": SEED_ID, "speaker": "de Mistura", "type": "direct", "quote": quote, "start": s, "end": s + len(quote)},
    ])
    result = evaluate_statements(predicted, gold, seed_articles)
    r = _row(result["metrics"], 0.3)
    assert result["matches"]["pred_row"].tolist() == [1, 1]  # the full cover, at both thresholds
    assert r["quote_precision"] == 0.5 and r["pair_recall"] == 1.0


def test_wrong_speaker_lowers_pair_metrics_not_quote_metrics(seed_gold, seed_articles):
    predicted = seed_gold.drop(columns=["gold_line"]).copy()
    wrong = predicted["speaker"] == "Francois Delattre"
    predicted.loc[wrong, "speaker"] = "Bashar al-Jaafari"
    n_wrong = int(wrong.sum())
    m = evaluate_statements(predicted, seed_gold, seed_articles)["metrics"]
    r = _row(m, 0.8)
    assert r["quote_f1"] == 1.0
    assert r["pair_precision"] == r["pair_recall"] == pytest.approx((12 - n_wrong) / 12)
    assert r["attribution_accuracy"] == pytest.approx((12 - n_wrong) / 12)
    assert _row(m, 0.8, "mixed")["attribution_accuracy"] == pytest.approx(1 / 3)
    assert _row(m, 0.8, "direct")["attribution_accuracy"] == 1.0


def test_surname_and_folding_rules():
    assert speakers_agree("de Mistura", "Staffan de Mistura")
    assert speakers_agree("STAFFAN DE MISTURA", "Staffan de Mistura")
    assert speakers_agree("Jaafari", "Bashar al-Jaafari")
    assert speakers_agree("Ja'afari", "Bashar al-Jaafari")
    assert speakers_agree("François Delattre", "Francois Delattre")
    assert speakers_agree("the Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights")
    assert not speakers_agree("Staffan", "Staffan de Mistura")  # a first name is not a surname suffix
    assert not speakers_agree("Mistura de", "Staffan de Mistura")
    assert not speakers_agree("Delattre", "Staffan de Mistura")
    assert not speakers_agree(None, "Staffan de Mistura")
    assert not speakers_agree("", "Staffan de Mistura")


def test_by_type_recall_uses_gold_type_and_precision_predicted_type(seed_gold, seed_articles):
    predicted = seed_gold.drop(columns=["gold_line"]).copy()
    predicted["type"] = "direct"  # every span right, every type label "direct"
    m = evaluate_statements(predicted, seed_gold, seed_articles)["metrics"]
    mixed = _row(m, 0.3, "mixed")
    assert mixed["n_gold"] == 3 and mixed["n_pred"] == 0
    assert mixed["quote_recall"] == 1.0 and math.isnan(mixed["quote_precision"])
    direct = _row(m, 0.3, "direct")
    assert direct["n_pred"] == 12 and direct["quote_precision"] == 1.0


def test_missing_offsets_are_located_and_unknown_quotes_rejected(tmp_path, seed_articles):
    path = tmp_path / "gold.jsonl"
    path.write_text(
        json.dumps({"article_id": SEED_ID, "speaker": "Delattre", "type": "mixed", "quote": "clarify some thoughts"}) + "\n"
        + json.dumps({"article_id": SEED_ID, "speaker": "X", "type": "direct", "quote": "words nowhere in the text"}) + "\n",
        encoding="utf-8")
    gold = load_gold(path)
    with pytest.raises(ValueError, match=rf"{path}:2: quote not found"):
        evaluate_statements(gold.iloc[:0], gold, seed_articles)
    ok = evaluate_statements(gold.iloc[:0], gold.iloc[:1], seed_articles)
    assert ok["n_gold"] == 1


def test_predictions_on_other_articles_are_ignored_and_counted(seed_gold, seed_articles):
    predicted = seed_gold.drop(columns=["gold_line"]).copy()
    extra = pd.DataFrame([{"article_id": "elsewhere", "speaker": "A", "type": "direct", "quote": "q", "start": 0, "end": 1}])
    result = evaluate_statements(pd.concat([predicted, extra], ignore_index=True), seed_gold, seed_articles)
    assert result["n_pred_ignored"] == 1 and result["n_pred"] == 12
    assert _row(result["metrics"], 0.8)["quote_precision"] == 1.0


def test_report_lists_both_thresholds_and_every_type(seed_gold, seed_articles):
    report = format_report(evaluate_statements(seed_gold.iloc[:0], seed_gold, seed_articles))
    assert "coverage >= 0.3" in report and "coverage >= 0.8" in report
    for typ in TYPES:
        assert typ in report
    assert "12 gold statements, 0 predicted" in report


@pytest.mark.parametrize("line, message", [
    ("{not json", "not valid JSON"),
    ('["a"]', "expected a JSON object"),
    ('{"article_id": "a", "speaker": "b", "type": "direct"}', "'quote' missing"),
    ('{"article_id": "a", "speaker": "b", "type": "quoted", "quote": "q"}', "type 'quoted'"),
    ('{"article_id": "a", "speaker": "b", "type": "direct", "quote": "q", "start": 3}', "both start and end"),
    ('{"article_id": "a", "speaker": "b", "type": "direct", "quote": "q", "start": 3, "end": 2}', "0 <= start < end"),
    ('{"article_id": "a", "speaker": "b", "type": "direct", "quote": "qq", "start": 3, "end": 4}', "len\\(quote\\)"),
])
def test_malformed_gold_line_names_file_and_line(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    good = json.dumps({"article_id": "a", "speaker": "b", "type": "direct", "quote": "q"})
    path.write_text(good + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=rf"{path}:3: .*{message}"):
        load_gold(path)


def test_cli_evaluate_prints_report_and_writes_json(tmp_path, capsys):
    out = tmp_path / "metrics.json"
    assert cli_main(["evaluate", str(SEED_GOLD), "--gold", str(SEED_GOLD), "--articles", str(ARTICLES),
                     "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "coverage >= 0.8" in printed and "12 gold statements, 12 predicted" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    overall = [r for r in data["metrics"] if r["type"] == "all"]
    assert [r["threshold"] for r in overall] == [0.3, 0.8]
    assert all(r["pair_f1"] == 1.0 for r in overall)


def test_registry_canonical_compares_identities_not_spellings():
    from quotelens.extract.registry import default_registry_path, load_registry

    canon = registry_canonical(load_registry(default_registry_path()))
    assert canon("Syrian Coalition") == canon("National Coalition") == "National Coalition"
    assert canon("the Syrian Civil Defence") == "White Helmets"
    assert canon("Syria Civil Defense spokesman") == "White Helmets spokesman"  # alias inside a description
    assert canon("ISIS") == canon("Islamic State")
    assert canon("Moscow") == "Russia"
    assert canon("activists") == "activists"  # no alias: unchanged
    assert canon(None) is None
    assert canon("Russia") != canon("Russian Defence Ministry")  # the state is not its ministry
    assert not speakers_agree("Syrian Coalition", "National Coalition")  # the plain rule sees spellings


def test_registry_comparison_turns_alias_pairs_correct_and_string_one_does_not(seed_articles):
    from quotelens.extract.registry import build_registry

    registry = build_registry([{"name": "Syrian government", "kind": "state", "aliases": ["Damascus"]},
                               {"name": "Staffan de Mistura", "kind": "person"}])
    text = seed_articles["text"].iloc[0]
    gold = pd.DataFrame([{"article_id": SEED_ID, "speaker": "Syrian government", "type": "indirect",
                          "quote": text[:40], "start": 0, "end": 40, "gold_line": 1},
                         {"article_id": SEED_ID, "speaker": "Staffan de Mistura", "type": "indirect",
                          "quote": text[50:90], "start": 50, "end": 90, "gold_line": 2}])
    predicted = gold.drop(columns=["gold_line"]).assign(speaker=["Damascus", "Damascus"])
    plain = evaluate_statements(predicted, gold, seed_articles)
    mapped = evaluate_statements(predicted, gold, seed_articles, canonical=registry_canonical(registry))
    assert _row(plain["metrics"], 0.3)["attribution_accuracy"] == 0.0
    assert _row(mapped["metrics"], 0.3)["attribution_accuracy"] == 0.5  # de Mistura is still not Damascus
    assert (plain["speaker_match"], mapped["speaker_match"]) == ("string", "registry")
    assert "registry actors" in format_report(mapped) and "as written" in format_report(plain)


def test_cli_evaluate_with_actors_uses_registry_names(tmp_path, capsys):
    gold_lines = [json.loads(line) for line in SEED_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    renamed = [dict(rec, speaker="Damascus" if rec["speaker"] == "Bashar al-Jaafari" else rec["speaker"])
               for rec in gold_lines]
    assert any(r["speaker"] == "Damascus" for r in renamed)
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r) + "\n" for r in renamed), encoding="utf-8")
    registry = tmp_path / "actors.yaml"
    registry.write_text("actors:\n  - name: Bashar al-Jaafari\n    aliases: [Damascus]\n", encoding="utf-8")
    out_plain, out_reg = tmp_path / "plain.json", tmp_path / "reg.json"
    args = ["evaluate", str(pred), "--gold", str(SEED_GOLD), "--articles", str(ARTICLES)]
    assert cli_main(args + ["--json", str(out_plain)]) == 0
    assert cli_main(args + ["--json", str(out_reg), "--actors", str(registry)]) == 0
    capsys.readouterr()
    plain, reg = (json.loads(p.read_text(encoding="utf-8")) for p in (out_plain, out_reg))
    assert plain["speaker_match"] == "string" and reg["speaker_match"] == "registry"
    assert [r["pair_f1"] for r in reg["metrics"] if r["type"] == "all"] == [1.0, 1.0]
    assert all(r["pair_f1"] < 1.0 for r in plain["metrics"] if r["type"] == "all")


def test_cli_evaluate_reports_malformed_gold(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=rf"{bad}:1"):
        cli_main(["evaluate", str(SEED_GOLD), "--gold", str(bad), "--articles", str(ARTICLES)])


# --- the committed gold ------------------------------------------------------------------


def test_every_gold_line_indexes_its_article_exactly(articles):
    gold = load_gold(GOLD)
    texts = dict(zip(articles["id"], articles["text"]))
    assert len(gold) >= 250
    for row in gold.itertuples(index=False):
        assert row.article_id in texts, f"{GOLD}:{row.gold_line}: unknown article"
        assert pd.notna(row.start), f"{GOLD}:{row.gold_line}: offsets missing"
        assert texts[row.article_id][row.start:row.end] == row.quote, f"{GOLD}:{row.gold_line}"
        assert row.quote == row.quote.strip(), f"{GOLD}:{row.gold_line}: surrounding whitespace"
    assert set(gold["type"]) == set(TYPES)
    assert not gold.duplicated(["article_id", "start", "end"]).any()


def test_gold_articles_load_through_the_corpus_loader_unchanged(articles):
    loaded = load_corpus([ARTICLES])
    assert len(loaded.rejected) == 0
    got = dict(zip(loaded.articles["article_id"], loaded.articles["text"]))
    assert got == dict(zip(articles["id"], articles["text"]))
    assert articles["id"].is_unique


def test_gold_corpus_composition(articles):
    origin = articles["origin"].astype(str)
    assert (origin.str.startswith("FA-KES unit_id")).sum() >= 40
    assert (origin.str.startswith("NewsMTSC")).sum() >= 40
    seed = articles.set_index("id").loc[SEED_ID]
    assert seed["text"] == read_seed_file(SEEDS_DIR / f"{SEED_ID}.txt")["text"]
    assert seed["text"].startswith("The head of the Syrian governmental delegation")


def test_fakes_excerpts_are_byte_exact_spans_of_the_raw_article(articles):
    from quotelens.config import FAKES_CSV

    raw = pd.read_csv(FAKES_CSV, dtype={"unit_id": str}, keep_default_na=False)
    for rec in articles[articles["origin"].str.startswith("FA-KES")].itertuples(index=False):
        parts = rec.origin.split()
        unit_id, row = parts[2], int(parts[5].rstrip(")"))
        start, end = (int(x) for x in parts[7].split("-"))
        src = raw.iloc[row]
        assert src["unit_id"] == unit_id
        assert src["article_content"][start:end] == rec.text, rec.id


def test_seed_gold_contains_the_worked_example(seed_gold):
    gold = load_gold(GOLD)
    seed_lines = gold[gold["article_id"] == SEED_ID]
    have = set(zip(seed_lines["speaker"], seed_lines["type"], seed_lines["quote"]))
    for row in seed_gold.itertuples(index=False):
        assert (row.speaker, row.type, row.quote) in have, row.quote
    assert len(seed_lines) >= 12


LAYOUTS = {"q_x_said", "q_said_x", "x_said_colon_q", "x_said_q", "q_dash_x", "x_colon_q", "continuation",
           "split", "reported", "reported_after", "mixed", "according_to_first", "according_to_after"}


def test_gold_layouts_are_documented_and_cover_the_issue():
    layouts = [json.loads(line)["layout"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert set(layouts) == LAYOUTS  # every documented layout occurs, nothing else
    readme = (GOLD_DIR / "README.md").read_text(encoding="utf-8")
    for layout in LAYOUTS:
        assert f"`{layout}`" in readme


def test_evaluation_script_scores_gold_against_itself_perfectly(tmp_path, monkeypatch, capsys):
    # The script's main() in this process (a fresh interpreter would only add its ~2.5 CPU-s of
    # imports), run from an empty folder as a user would.
    import importlib.util

    from quotelens.config import PROJ_ROOT

    spec = importlib.util.spec_from_file_location("evaluate_statements", PROJ_ROOT / "scripts" / "evaluate_statements.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.chdir(tmp_path)
    assert script.main(["--predictions", str(GOLD), "--out-dir", str(tmp_path)]) == 0
    done = capsys.readouterr()
    assert (tmp_path / "statements.txt").read_text(encoding="utf-8") == done.out
    data = json.loads((tmp_path / "statements.json").read_text(encoding="utf-8"))
    assert data["full"]["n_gold"] == data["full"]["n_pred"] == len(load_gold(GOLD))
    assert data["seed"]["n_gold"] >= 12
    assert data["full"]["speaker_match"] == "string" and data["full_registry"]["speaker_match"] == "registry"
    for part in ("full", "seed", "full_registry", "seed_registry"):
        for rec in data[part]["metrics"]:
            if rec["n_gold"]:
                assert rec["quote_f1"] == rec["pair_f1"] == rec["attribution_accuracy"] == 1.0, (part, rec)
