"""Scoring for scripts/train_tagger.py: tag accuracy, chunk P/R/F1, and speed against NLTK's
PerceptronTagger trained on the same data in the same run."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import np_gold
from quotelens.extract import chunk as chunk_mod
from quotelens.extract import postag


def tag_accuracy(tagger, sents, vocab=None) -> dict:
    """XPOS and UPOS accuracy (and on words not in `vocab`, the training words)."""
    n = ok_x = ok_u = unk = unk_ok = 0
    for s in sents:
        for w, (px, pu), gx, gu in zip(s["words"], tagger.tag(s["words"], "both"), s["xpos"], s["upos"]):
            n += 1
            ok_x += px == gx
            ok_u += pu == gu
            if vocab is not None and w not in vocab:
                unk += 1
                unk_ok += px == gx
    out = {"tokens": n, "xpos": round(ok_x / n, 4), "upos": round(ok_u / n, 4)}
    if vocab is not None:
        out["unknown_tokens"] = unk
        out["unknown_xpos"] = round(unk_ok / max(unk, 1), 4)
    return out


def chunk_scores(chunker, sents, tagkey: str) -> dict:
    """Exact-span precision, recall, F1 of base NPs against the gold derived from the trees,
    and how often the predicted head of a correct chunk is the gold head (the UD head, or the
    chunk's last token when the UD head has flat/fixed dependents after it)."""
    tp = npred = ngold = heads = 0
    for s in sents:
        tags = s[tagkey]
        gold = {(lo, hi): (hi - 1 if hi - 1 > h else h) for lo, hi, h in np_gold.np_spans(s)}
        pred = chunk_mod.spans_from_labels(chunker.labels_for(s["words"], tags))
        npred += len(pred)
        ngold += len(gold)
        for lo, hi in pred:
            if (lo, hi) in gold:
                tp += 1
                heads += chunk_mod.head_of(tags, lo, hi) == gold[(lo, hi)]
    p, r = tp / max(npred, 1), tp / max(ngold, 1)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / max(p + r, 1e-9), 4),
            "gold_chunks": ngold, "head_accuracy": round(heads / max(tp, 1), 4)}


def cpu_seconds(fn, repeats: int = 3) -> float:
    """Best CPU time (process_time, seconds) of `repeats` calls of fn()."""
    best = float("inf")
    for _ in range(repeats):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def speed(tagger, chunker, sents, nltk_tagger) -> dict:
    """Tokens per CPU second on `sents` (gold tokens), same process, same run."""
    words = [s["words"] for s in sents]
    n = sum(len(w) for w in words)
    fresh = tagger.without_cache()
    cold = cpu_seconds(lambda: [fresh.tag(w) for w in words], repeats=1)
    warm = cpu_seconds(lambda: [tagger.tag(w) for w in words])
    tags = [tagger.tag(w) for w in words]
    chunk = cpu_seconds(lambda: [chunker.labels_for(w, t) for w, t in zip(words, tags)])
    out = {"tokens": n, "tagger_tokens_per_s_cold_cache": round(n / cold),
           "tagger_tokens_per_s": round(n / warm), "chunker_tokens_per_s": round(n / chunk)}
    if nltk_tagger is not None:
        nl = cpu_seconds(lambda: [nltk_tagger.tag(w) for w in words])
        out["nltk_perceptron_tokens_per_s"] = round(n / nl)
    return out


def pipeline_speed(corpora: Path) -> dict:
    """tokenize + tag + chunk per sentence against Punkt sentence splitting (quotelens.text)
    on the GUM news/interview articles, CPU seconds."""
    from quotelens import text as qtext  # the project's splitter, as extraction uses it

    texts = [json.loads(line)["text"] for line in (corpora / "gum_news_articles.jsonl").open()]
    spans = [qtext.sentence_spans(t) for t in texts]

    def linguistic():
        for t, sp in zip(texts, spans):
            for a, b in sp:
                toks = postag.tokenize(t[a:b])
                tags = postag.tag(toks)
                chunk_mod.noun_phrases([(w, s, e, g) for (w, s, e), g in zip(toks, tags)])

    split = cpu_seconds(lambda: [qtext.sentence_spans(t) for t in texts])
    tok = cpu_seconds(lambda: [postag.tokenize(t[a:b]) for t, sp in zip(texts, spans) for a, b in sp])
    ling = cpu_seconds(linguistic)
    return {"articles": len(texts), "characters": sum(map(len, texts)),
            "punkt_split_s": round(split, 3), "tokenize_s": round(tok, 3),
            "tokenize_tag_chunk_s": round(ling, 3), "ratio_to_splitting": round(ling / split, 2)}


def evaluate(tagger, chunker, data, train, models: Path, with_nltk: bool, seed: int,
             corpora: Path) -> dict:
    """All numbers for docs/evaluation/tagger.json."""
    vocab = {w for s in train for w in s["words"]}
    nltk_tagger = None
    report: dict = {"model_bytes": {p.name: p.stat().st_size for p in sorted(models.glob("*.json.gz"))}}
    if with_nltk:
        from nltk.tag.perceptron import PerceptronTagger

        random.seed(seed)  # NLTK shuffles with the global random module
        nltk_tagger = PerceptronTagger(load=False)
        t = time.process_time()
        nltk_tagger.train([list(zip(s["words"], s["xpos"])) for s in train], nr_iter=5)
        report["nltk_training_cpu_s"] = round(time.process_time() - t)
    tests = {}
    for tb, (_tr, dev, test) in data.items():
        for name, sents in (("dev", dev), ("test", test)):
            key = f"{tb}_{name}"
            for s in sents:
                s["ptags"] = tagger.tag(s["words"])
            tests[key] = {"tagging": tag_accuracy(tagger, sents, vocab),
                          "chunks_predicted_tags": chunk_scores(chunker, sents, "ptags"),
                          "chunks_gold_tags": chunk_scores(chunker, sents, "xpos")}
            if nltk_tagger is not None and name == "test":
                ok = sum(p == g for s in sents for (_, p), g in zip(nltk_tagger.tag(s["words"]), s["xpos"]))
                tests[key]["nltk_perceptron_xpos"] = round(ok / sum(len(s["xpos"]) for s in sents), 4)
    gum_test = data["gum"][2]
    for genre in ("news", "interview"):
        sub = [s for s in gum_test if s["doc"].startswith(f"GUM_{genre}_")]
        tests[f"gum_test_{genre}"] = {"documents": sorted({s["doc"] for s in sub}),
                                      "tagging": tag_accuracy(tagger, sub, vocab),
                                      "chunks_predicted_tags": chunk_scores(chunker, sub, "ptags")}
    report["splits"] = tests
    test_sents = data["ewt"][2] + data["gum"][2]
    report["speed"] = speed(tagger, chunker, test_sents, nltk_tagger)
    report["pipeline_speed"] = pipeline_speed(corpora)
    return report
