"""The offline POS tagger and NP chunker (quotelens.extract.postag / .chunk) on real text.

tests/data/gum_sample.conllu holds 40 held-out sentences of the GUM test split (CC BY; see its
header), never seen in training."""

from __future__ import annotations

import gzip
import json
import time
from importlib import resources
from pathlib import Path

import pytest

from quotelens.extract import chunk, postag

HERE = Path(__file__).parent
SEED = sorted((HERE.parent / "seeds").glob("*.txt"))[0]
SYRIA = ("The head of the Syrian governmental delegation at the intra-Syrian talks in Geneva, "
         "Bashar al-Jaafari, described today as useful the seventh round of talks.")


def _sample():
    sents, cur = [], []
    for line in (HERE / "data" / "gum_sample.conllu").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line:
            if cur:
                sents.append(cur)
            cur = []
            continue
        _id, form, upos, xpos, _h, _rel, iob = line.split("\t")
        cur.append((form, upos, xpos, iob))
    if cur:
        sents.append(cur)
    return sents


def test_offsets_are_exact_on_the_seed_article():
    text = SEED.read_text(encoding="utf-8")
    toks = postag.tokenize(text)
    assert len(toks) > 400
    last = 0
    for tok, s, e in toks:
        assert text[s:e] == tok and s >= last and e > s
        last = e
    covered = sum(e - s for _, s, e in toks)
    assert covered == sum(1 for c in text if not c.isspace())  # every visible character, once


def test_treebank_tokens():
    words = [t for t, _, _ in postag.tokenize("I don't think Assad’s U.N. envoy, Mr. Lavrov, "
                                              "can't go to the Moscow-based talks... (really).")]
    assert words == ["I", "do", "n't", "think", "Assad", "’s", "U.N.", "envoy", ",", "Mr.", "Lavrov",
                     ",", "ca", "n't", "go", "to", "the", "Moscow-based", "talks", "...", "(",
                     "really", ")", "."]


def test_tags_on_a_news_sentence():
    tagged = postag.tag_text(SYRIA)
    tags = {w: t for w, _, _, t in tagged}
    # (in SYRIA itself the greedy tagger says VBN for "described": docs/evaluation/tagger.md)
    assert postag.tag("The envoy , Bashar al-Jaafari , described the talks as useful .".split())[6] == "VBD"
    assert tags["Bashar"] == "NNP" and tags["Geneva"] == "NNP"
    assert tags["delegation"] == "NN" and tags["talks"] == "NNS"
    assert postag.tag(["He", "said", "it", "was", "useful"], "upos") == ["PRON", "VERB", "PRON", "AUX", "ADJ"]


def test_accuracy_on_held_out_gum_sentences():
    sents = _sample()
    n = ok_x = ok_u = 0
    for s in sents:
        pred = postag.tag([w for w, *_ in s], "both")
        for (px, pu), (_, gu, gx, _) in zip(pred, s):
            n += 1
            ok_x += px == gx
            ok_u += pu == gu
    assert n > 800
    assert ok_x / n >= 0.92, ok_x / n
    assert ok_u / n >= 0.93, ok_u / n


def test_chunks_of_a_known_sentence():
    tagged = postag.tag_text(SYRIA)
    nps = chunk.noun_phrases(tagged)
    spans = [SYRIA[p.start : p.end] for p in nps]
    heads = {SYRIA[p.start : p.end]: SYRIA[p.head_start : p.head_end] for p in nps}
    for expected in ("The head", "the Syrian governmental delegation", "the intra-Syrian talks",
                     "Geneva", "Bashar al-Jaafari", "the seventh round", "talks"):
        assert expected in spans, spans
    assert heads["Bashar al-Jaafari"] == "al-Jaafari"
    assert heads["the Syrian governmental delegation"] == "delegation"
    for p in nps:
        assert tagged[p.first][1] == p.start and tagged[p.last - 1][2] == p.end
        assert p.first <= p.head < p.last


def test_chunk_f1_on_held_out_gum_sentences():
    tp = npred = ngold = 0
    for s in _sample():
        words = [w for w, *_ in s]
        tags = postag.tag(words)
        pred = set(chunk.spans_from_labels(chunk.default_chunker().labels_for(words, tags)))
        gold = set(chunk.spans_from_labels([iob for *_, iob in s]))
        tp += len(pred & gold)
        npred += len(pred)
        ngold += len(gold)
    p, r = tp / npred, tp / ngold
    assert 2 * p * r / (p + r) >= 0.85, (p, r)


def test_models_are_small_plain_json():
    models = resources.files("quotelens.extract").joinpath("models")
    for name in (postag.MODEL_FILE, chunk.MODEL_FILE):
        raw = models.joinpath(name).read_bytes()
        assert len(raw) < 4_000_000
        model = json.loads(gzip.decompress(raw))
        assert model["meta"]["licence"] == "CC BY-SA 4.0"
    assert models.joinpath("LICENSE.md").is_file()


def test_tagging_is_fast():
    words = [w for s in _sample() for w, *_ in s]
    tagger = postag.default_tagger()
    tagger.tag(words)  # warm the per-word cache
    t = time.process_time()
    for _ in range(5):
        for i in range(0, len(words), 20):
            tagger.tag(words[i : i + 20])
    rate = 5 * len(words) / max(time.process_time() - t, 1e-9)
    assert rate > 20_000, f"{rate:.0f} tokens/s"


@pytest.mark.parametrize("text", ["", " ", "\n\n", "“", "’s", "...", "a"])
def test_edge_cases(text):
    toks = postag.tokenize(text)
    assert all(text[s:e] == w for w, s, e in toks)
    tags = postag.tag(toks)
    assert len(tags) == len(toks)
    assert chunk.noun_phrases([(w, s, e, t) for (w, s, e), t in zip(toks, tags)]) is not None


def test_a_tiny_word_cache_gives_the_same_tags_and_chunks_on_the_seed():
    """The per-word-type caches start afresh when full; tags and chunks must not change."""
    from quotelens.text import sentence_spans

    text = SEED.read_text(encoding="utf-8")
    small_tagger = postag.Tagger(postag.load_model_file(postag.MODEL_FILE), cache_size=40)
    small_chunker = chunk.Chunker(postag.load_model_file(chunk.MODEL_FILE), cache_size=40)
    n = 0
    for a, b in sentence_spans(text):
        toks = postag.tokenize(text, a, b)
        tags = postag.tag(toks)
        assert small_tagger.tag(toks) == tags
        tagged = [(w, s, e, t) for (w, s, e), t in zip(toks, tags)]
        assert small_chunker.noun_phrases(tagged) == chunk.noun_phrases(tagged)
        n += len(toks)
    assert n > 400 and len(small_tagger._types) <= n


def test_tokenizing_a_slice_equals_tokenizing_it_alone():
    text = SEED.read_text(encoding="utf-8")
    for lo, hi in ((0, 200), (37, 913), (len(text) // 2, len(text)), (10, 10)):
        alone = [(w, lo + s, lo + e) for w, s, e in postag.tokenize(text[lo:hi])]
        assert postag.tokenize(text, lo, hi) == alone


def test_slot_sums_add_features_in_order():
    """The tagger sums a word's feature weights in one gather; the sums must equal adding the
    features one by one, to the last bit (a different order can flip a near tie)."""
    import numpy as np

    weights = postag.default_tagger()._w
    for word, _, _ in postag.tokenize(SYRIA):
        slots = postag.word_features(word)
        expected = []
        for features in slots:
            v = np.zeros(weights.n_labels)
            for f in features:
                v = v + weights.matrix[weights.index.get(f, weights.unknown)]
            expected.append(v)
        assert np.array_equal(weights.slot_vectors(slots), np.array(expected))
