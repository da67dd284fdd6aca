"""quotelens.keywords.tokens, termcounts, keywords, kwic, keyword_plots and `quotelens keywords`, on real
text (FA-KES quoted passages grouped by outlet, the seed's annotated statements) and on
crafted sentences."""

from __future__ import annotations

import itertools

import matplotlib
import matplotlib.text

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency
from sklearn.feature_extraction.text import TfidfTransformer

import keyword_fixtures as kf
from quotelens.keywords import plots as kp
from quotelens.cli import main
from quotelens.figures import save_figure
from quotelens.keywords.distinctive import (
    DEFAULT_PRIOR_SCALE,
    choose_groups,
    choose_pair,
    KeywordsError,
    compare_two,
    keyness,
    keyword_table,
    log_odds_z,
    tfidf,
    with_month,
)
from quotelens.keywords.kwic import collocations, kwic
from quotelens.keywords.termcounts import count_terms
from quotelens.keywords.tokens import TokenOptions, iter_terms, stopwords, terms, tokenize


@pytest.fixture(scope="module")
def quotes() -> pd.DataFrame:
    return kf.fakes_quotes()


# --- tokens -----------------------------------------------------------------------------------


def test_acronyms_are_one_term_and_never_stop_words():
    t = terms("The U.N. envoy met the UN team. The U.S. told us nothing; the US said so.", TokenOptions(ngram_max=1))
    assert t.count("UN") == 2 and t.count("US") == 2
    assert "us" not in t and "u.n" not in t and "un" not in t


def test_hyphenated_names_possessives_and_numbers():
    text = "Assad's forces and al-Assad met Moscow- and Cairo-based groups; U.S.-backed rebels lost 1,000 men and 3.5 tanks in 2017."
    t = terms(text, TokenOptions(ngram_max=1))
    for expected in ("assad", "al-assad", "moscow", "cairo-based", "US-backed", "1000", "3.5", "2017"):
        assert expected in t, expected
    dropped = terms(text, TokenOptions(ngram_max=1, numbers="drop"))
    assert not any(x[0].isdigit() for x in dropped)


def test_ngrams_respect_punctuation_and_stop_words():
    t = terms("A political transition. Russia backs the political solution of Syria", TokenOptions(ngram_max=3))
    assert "political transition" in t and "political solution" in t
    assert "transition russia" not in t  # crosses a full stop
    clauses = tokenize("A political transition. Russia backs it", TokenOptions())
    assert [[tok.norm for tok in c] for c in clauses] == [["a", "political", "transition"], ["russia", "backs", "it"]]
    assert [tok.content for tok in clauses[1]] == [True, True, False]
    assert "political solution of syria" not in t  # longer than 3 tokens
    assert "solution of syria" in t  # stop word inside is allowed
    assert not any(x.split()[0] in stopwords() or x.split()[-1] in stopwords() for x in t)


def test_stemming_is_optional_and_spares_acronyms():
    t = terms("Negotiations between the HNC and negotiators", TokenOptions(ngram_max=1, stem=True))
    assert "negoti" in t and "HNC" in t and "negotiations" not in t


def test_spans_index_the_original_seed_text():
    text = kf.seed_text()
    found = list(iter_terms(text, TokenOptions(ngram_max=3)))
    assert len(found) > 200
    for term in found:
        surface = text[term.start : term.end]
        # first and last words of the surface are the first and last tokens of the term
        first = terms(surface.split()[0], TokenOptions(ngram_max=1))
        assert not first or first[0] == term.term.split()[0], (term, surface)
    assert "political transition" in {t.term for t in found}
    assert "UN" in {t.term for t in found}


def test_stop_word_list_is_lower_case_data():
    words = stopwords()
    assert {"the", "and", "of", "us", "said"} <= words
    assert all(w == w.lower() and " " not in w for w in words)


# --- statistics -------------------------------------------------------------------------------


def test_log_odds_matches_the_formula_term_by_term():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 20, size=(3, 12)).astype(float)
    y[:, 0] += 1
    y = y[:, y.sum(axis=0) > 0]
    y_total, n_group = y.sum(axis=0), y.sum(axis=1)
    delta, se, z, alpha = log_odds_z(y, y_total, n_group, prior_scale=0.5)
    n_all = y_total.sum()
    for g, w in itertools.product(range(y.shape[0]), range(y.shape[1])):
        a_w, a_0 = 0.5 * y_total[w], 0.5 * n_all
        yi, yj = y[g, w] + a_w, (y_total[w] - y[g, w]) + a_w
        ni, nj = n_group[g] + a_0, (n_all - n_group[g]) + a_0
        d = np.log(yi / (ni - yi)) - np.log(yj / (nj - yj))
        v = 1 / yi + 1 / (ni - yi) + 1 / yj + 1 / (nj - yj)
        assert delta[g, w] == pytest.approx(d)
        assert z[g, w] == pytest.approx(d / np.sqrt(v))


def test_two_groups_are_mirror_images(quotes):
    res = compare_two(quotes, "speaker", "sputnik", "trt")
    t = res.table.pivot_table(index="term", columns="speaker", values="z")
    both = t.dropna()
    assert len(both) > 50
    np.testing.assert_allclose(both["sputnik"], -both["trt"], rtol=1e-9)


def test_chi2_g2_and_tfidf_agree_with_scipy_and_sklearn(quotes):
    counts = count_terms(quotes["quote"], TokenOptions(ngram_max=1), min_count=3)
    labels = quotes["speaker"].iloc[counts.rows].to_numpy()
    groups = np.unique(labels)
    y = np.vstack([np.asarray(counts.matrix[labels == g].sum(axis=0)).ravel() for g in groups]).astype(float)
    y_total, n_group = y.sum(axis=0), y.sum(axis=1)
    chi2, g2 = keyness(y, y_total, n_group)
    for g, w in [(0, 0), (1, 5), (3, 40), (len(groups) - 1, 7)]:
        table = np.array([[y[g, w], n_group[g] - y[g, w]], [y_total[w] - y[g, w], y_total.sum() - n_group[g] - y_total[w] + y[g, w]]])
        assert abs(chi2[g, w]) == pytest.approx(chi2_contingency(table, correction=False)[0])
        assert abs(g2[g, w]) == pytest.approx(chi2_contingency(table, correction=False, lambda_="log-likelihood")[0])
        assert np.sign(chi2[g, w]) == np.sign(y[g, w] / n_group[g] - table[1, 0] / table[1].sum()) or chi2[g, w] == 0
    expected = TfidfTransformer(norm=None, smooth_idf=True, sublinear_tf=False).fit_transform(y / n_group[:, None])
    np.testing.assert_allclose(tfidf(y), expected.toarray(), rtol=1e-9)


def test_table_contract_counts_and_prior_are_stated(quotes):
    res = keyword_table(quotes, "speaker", min_count=2)
    t = res.table
    assert list(t.columns[:5]) == ["speaker", "term", "n_group", "n_rest", "z"]
    assert (t["n_group"] > 0).all()
    assert set(t["prior_scale"]) == {DEFAULT_PRIOR_SCALE} and t["prior"].str.contains("Dirichlet").all()
    c = res.counts
    assert c["input_rows"] == len(quotes) == c["used_rows"] + c["skipped_no_group"] + c["skipped_no_terms"]
    assert c["used_rows"] == res.groups["statements"].sum()
    # n_group summed over groups gives each term's corpus count, the same for every row of a term
    per_term = t.groupby("term")["n_group"].sum()
    corpus = (t["n_group"] + t["n_rest"]).groupby(t["term"]).first()
    assert (per_term == corpus).all()
    # the table's sparse computation agrees with the dense formula
    counts = count_terms(quotes["quote"], TokenOptions(), min_count=2)
    labels = quotes["speaker"].iloc[counts.rows].to_numpy()
    groups = np.array(sorted(set(labels)), dtype=object)
    y = np.vstack([np.asarray(counts.matrix[labels == g].sum(axis=0)).ravel() for g in groups]).astype(float)
    _, _, z, _ = log_odds_z(y, y.sum(axis=0), y.sum(axis=1), DEFAULT_PRIOR_SCALE)
    chi2, _ = keyness(y, y.sum(axis=0), y.sum(axis=1))
    col = {term: i for i, term in enumerate(counts.terms)}
    for row in t.sample(50, random_state=0).itertuples():
        g = int(np.searchsorted(groups, row.speaker))
        assert row.z == pytest.approx(z[g, col[row.term]]) and row.chi2 == pytest.approx(chi2[g, col[row.term]])
        assert row.tfidf == pytest.approx(tfidf(y)[g, col[row.term]])
    # ranks run 1.. within each group in z order
    for _, g in t.groupby("speaker"):
        assert list(g["rank"]) == list(range(1, len(g) + 1))
        assert g["z"].is_monotonic_decreasing


def test_known_answer_planted_term_is_recovered_and_even_term_is_not(quotes):
    """Plant 'zorbulax' in every 4th statement of one outlet and 'quillet' once per 20 terms
    in every outlet (the same rate everywhere): the first must top its outlet, stably, and
    the second must not stand out anywhere."""
    planted = quotes.copy()
    target = "dailysabah"
    is_target = planted["speaker"] == target
    every_4th = planted.groupby("speaker").cumcount() % 4 == 0
    planted.loc[is_target & every_4th, "quote"] += " zorbulax"
    planted = kf.plant_evenly(planted, "quillet", every=20)
    rate = (is_target & every_4th).sum() / is_target.sum()
    assert 0.2 < rate < 0.3
    res = keyword_table(planted, "speaker", min_count=1, n_boot=40, top_k=10, seed=7)
    t = res.table
    top = t[t["speaker"] == target].iloc[0]
    assert top["term"] == "zorbulax" and top["z"] > 5
    assert top["stability"] >= 0.9
    even = t[t["term"] == "quillet"]
    assert len(even) == planted["speaker"].nunique()
    assert (even["z"].abs() < 1.96).all(), even[["speaker", "z"]]
    # The comparison columns agree that the planted term is the group's strongest
    assert t[t["speaker"] == target].sort_values("g2", ascending=False).iloc[0]["term"] == "zorbulax"


def test_known_answer_on_extracted_statements():
    """The same planting on statements our extractor found (speakers as resolved): a term
    planted in one actor's statements at a known rate tops that actor; an evenly spread one
    stands out nowhere; text offsets of the real statements still hold for KWIC."""
    st = kf.extracted_statements()
    # The registry actor with the fewest statements among those with at least 30: a modest
    # group, so the planted word has to carry the result on its own.
    counts = st.loc[st["in_registry"].astype(bool), "speaker"].value_counts()
    counts = counts[counts >= 30]
    target = min(counts.index, key=lambda name: (counts[name], name))
    planted = st.copy()
    # One statement in two. At lower rates a real distinctive word can still win (at one in
    # five, Russia's "denied" beat it), which is the method working, not failing.
    nth = planted.groupby("speaker").cumcount() % 2 == 0
    is_target = planted["speaker"] == target
    planted.loc[is_target & nth, "quote"] += " zorbulax"
    planted = kf.plant_evenly(planted, "quillet", every=20)
    # min_count 1: the planting counts every term, so the statistics must too (dropping rare
    # terms would raise the even rate in groups with many one-off words).
    res = keyword_table(planted, "speaker", min_count=1)
    t = res.table
    assert t[t["speaker"] == target].iloc[0]["term"] == "zorbulax"
    assert t[(t["speaker"] == target) & (t["term"] == "zorbulax")]["z"].iloc[0] > 4
    even = t[t["term"] == "quillet"]
    assert len(even) >= 20 and (even["z"].abs() < 1.96).all(), even[["speaker", "z"]]
    assert res.counts["input_rows"] == len(st)
    # KWIC on the unplanted statements maps back into the article text
    articles = kf.fakes_articles().set_index("article_id")["article_content"]
    best = keyword_table(st, "speaker", min_count=2).table
    term = best[best["speaker"] == target].iloc[0]["term"]
    lines = kwic(st[st["speaker"] == target], term, by="speaker")
    assert len(lines) >= 1
    assert all(articles[r.article_id][r.start : r.end] == r.match for r in lines.itertuples())


def test_bootstrap_is_seeded(quotes):
    small = quotes[quotes["speaker"].isin(["sputnik", "trt", "manar"])]
    a = keyword_table(small, "speaker", n_boot=15, seed=1).table
    b = keyword_table(small, "speaker", n_boot=15, seed=1).table
    c = keyword_table(small, "speaker", n_boot=15, seed=2).table
    pd.testing.assert_frame_equal(a, b)
    assert a["stability"].between(0, 1).all()
    assert not a["stability"].equals(c["stability"])


def test_seed_statements_three_speakers():
    st = kf.seed_statements()
    res = keyword_table(st, "speaker")
    assert res.counts["groups"] == 3 and res.counts["used_rows"] == len(st)
    jaafari = res.table[res.table["speaker"] == "Bashar al-Jaafari"]
    assert "useful" in set(jaafari["term"])


# --- bad input --------------------------------------------------------------------------------


def test_one_group_all_stop_words_and_missing_actor_are_clear_errors(quotes):
    one = quotes[quotes["speaker"] == "trt"]
    with pytest.raises(KeywordsError, match=r"only one group \('trt'\)"):
        keyword_table(one, "speaker")
    stop = pd.DataFrame({"speaker": ["A", "B", "C"], "quote": ["It was there.", "We said so, and they did!", ""]})
    with pytest.raises(KeywordsError, match="no terms left.*3 statements"):
        keyword_table(stop, "speaker")
    with pytest.raises(KeywordsError, match="table is empty"):
        keyword_table(quotes.head(0), "speaker")
    with pytest.raises(KeywordsError, match="'Nobody' has no statements"):
        compare_two(quotes, "speaker", "trt", "Nobody")
    with pytest.raises(KeywordsError, match="grouping column 'outlet' not in table"):
        keyword_table(quotes, "outlet")
    missing = quotes.head(40).copy()
    missing.loc[missing.index[:5], "speaker"] = None
    res = keyword_table(missing, "speaker")
    assert res.counts["skipped_no_group"] == 5


# --- KWIC and collocations --------------------------------------------------------------------


def test_kwic_offsets_index_statement_and_article(quotes):
    articles = kf.fakes_articles().set_index("article_id")["article_content"]
    lines = kwic(quotes, "chemical weapons", by="speaker")
    assert len(lines) >= 10
    for row in lines.itertuples():
        assert articles[row.article_id][row.start : row.end] == row.match
        assert row.match.lower() == "chemical weapons"
    # with the article text, context reaches outside the statement
    lines_in_article = kwic(quotes, "chemical weapons", by="speaker", article_text=articles.to_dict())
    assert (lines_in_article[["start", "end", "match"]].to_numpy() == lines[["start", "end", "match"]].to_numpy()).all()
    for row in lines_in_article.itertuples():
        text = articles[row.article_id]
        assert " ".join(text[: row.start].split()).endswith(row.left)
        assert " ".join(text[row.end :].split()).startswith(row.right) or not row.right.strip()
    assert (lines_in_article["left"].str.len() >= lines["left"].str.len()).all()
    seed = kf.seed_statements()
    lines = kwic(seed, "political transition")
    text = kf.seed_text()
    assert len(lines) >= 1 and all(text[r.start : r.end] == r.match for r in lines.itertuples())


def test_kwic_finds_stemmed_terms():
    st = pd.DataFrame({"statement_id": ["a"], "article_id": ["x"], "quote": ["The negotiations and negotiators met."]})
    lines = kwic(st, "negoti", options=TokenOptions(stem=True))
    assert list(lines["match"]) == ["negotiations", "negotiators"]
    assert list(lines["start"]) == [-1, -1]


def test_collocations_surface_known_phrases():
    texts = kf.fakes_articles()["article_content"].head(300)
    lr = collocations(texts, n=2, measure="likelihood_ratio", min_freq=5, top=30)
    assert {"human rights", "chemical weapons"} <= set(lr["phrase"])
    pmi = collocations(texts, n=2, measure="pmi", min_freq=5, top=30)
    assert (pmi["n"] >= 5).all() and pmi["score"].is_monotonic_decreasing
    tri = collocations(texts, n=3, min_freq=10, top=10)
    assert "rami abdel rahman" in set(tri["phrase"])


# --- figures and CLI --------------------------------------------------------------------------


def test_label_placement_has_no_overlaps():
    fig, ax = plt.subplots(figsize=(6, 4))
    rng = np.random.default_rng(0)
    xs, ys = rng.normal(0, 0.3, 25), rng.normal(0, 0.3, 25)
    ax.scatter(xs, ys)
    ax.set_xlim(-2, 2)
    ax.set_ylim(-2, 2)
    placed = kp.place_labels(ax, xs, ys, [f"term number {i}" for i in range(25)])
    fig.canvas.draw()
    # The text boxes only (an Annotation's own extent also covers its leader line).
    boxes = [matplotlib.text.Text.get_window_extent(p) for p in placed if p is not None]
    assert len(boxes) >= 15
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    plt.close(fig)


def test_figures_save_png_and_csv_and_refuse_empty(quotes, tmp_path):
    res = keyword_table(quotes, "speaker", min_count=2)
    fig, data = kp.monroe_plot(res.table, "speaker", "sputnik")
    png = save_figure(fig, data, "04_test_monroe", tmp_path)
    assert png.exists() and (tmp_path / "04_test_monroe.csv").exists()
    assert "sputnik" in fig.axes[0].get_title() and "n = " in fig.axes[0].get_title()
    assert data["labelled"].sum() >= 5
    plt.close(fig)
    with pytest.raises(KeywordsError, match="no terms"):
        kp.monroe_plot(res.table, "speaker", "nobody")
    with pytest.raises(KeywordsError, match="no occurrences"):
        kp.kwic_figure(kwic(quotes, "zzzz-not-there"), "zzzz-not-there")


def test_cli_writes_contract_and_names_bad_file(quotes, tmp_path):
    src = tmp_path / "st.csv"
    quotes.head(300).to_csv(src, index=False)
    out = tmp_path / "terms.parquet"
    assert main(["keywords", str(src), "-o", str(out), "--by", "speaker"]) == 0
    t = pd.read_parquet(out)
    assert list(t.columns[:5]) == ["speaker", "term", "n_group", "n_rest", "z"]
    with pytest.raises(SystemExit, match=r"st.csv: grouping column 'side'"):
        main(["keywords", str(src), "-o", str(out), "--by", "side"])
    with pytest.raises(SystemExit, match="missing.csv: no such file"):
        main(["keywords", str(tmp_path / "missing.csv"), "-o", str(out)])


def test_same_input_same_table(quotes):
    a = keyword_table(quotes, "speaker", options=TokenOptions(ngram_max=3, stem=True))
    b = keyword_table(quotes.sample(frac=1.0, random_state=0).sort_index(), "speaker", options=TokenOptions(ngram_max=3, stem=True))
    pd.testing.assert_frame_equal(a.table, b.table)


def test_month_grouping_on_extracted_statements():
    st = with_month(kf.extracted_statements())
    dated = st["date"].notna()
    assert (st.loc[dated, "month"].str.match(r"^\d{4}-\d{2}$")).all()
    assert st.loc[~dated, "month"].isna().all()
    res = keyword_table(st, "month")
    assert res.counts["skipped_no_group"] == int((~dated).sum())
    assert res.counts["groups"] == st["month"].nunique()


def test_choosing_groups_and_pairs_for_figures(quotes, capsys):
    res = keyword_table(quotes, "speaker")
    biggest = res.groups.sort_values(["statements", "speaker"], ascending=[False, True])["speaker"].tolist()
    assert choose_groups(res, 3, 1) == biggest[:3]
    assert choose_groups(res, 50, 10_000) == []
    assert choose_pair(res) == (biggest[0], biggest[1])
    assert choose_pair(res, "trt") == ("trt", biggest[0])
    assert choose_pair(res, "Nobody", "trt") is None
    assert "'Nobody' has 0 statement(s)" in capsys.readouterr().out
    assert choose_pair(res, min_statements=10_000) is None
    assert "Fewer than two" in capsys.readouterr().out
