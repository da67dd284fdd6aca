"""Train the offline POS tagger and NP chunker on UD English EWT + GUM; evaluate; ship.

    .venv/bin/python scripts/train_tagger.py --corpora UD_ENGLISH_DIR [--seed 1]

Build script, run by hand (about 5 minutes on one core). Writes
src/quotelens/extract/models/{pos_tagger,np_chunker}.json.gz (byte-identical for the same data
and seed: sorted keys, weights rounded, gzip mtime 0) and docs/evaluation/tagger.json, and prints
the accuracies. Nothing at run time reads the corpora.

Averaged perceptron, greedy left to right (Collins 2002; the averaging by the "w - u/c" trick).
The feature functions are imported from the run-time modules, so training and tagging share them.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from quotelens.extract import chunk as chunk_mod  # noqa: E402
from quotelens.extract import postag  # noqa: E402

import np_gold  # noqa: E402  (scripts/np_gold.py: reading CoNLL-U, gold base-NP chunks)
import tagger_eval  # noqa: E402  (scripts/tagger_eval.py: scoring and the speed comparison)

MODELS = ROOT / "src" / "quotelens" / "extract" / "models"
FILES = {
    "ewt": ("ewt/en_ewt-ud-train.conllu", "ewt/en_ewt-ud-dev.conllu", "ewt/en_ewt-ud-test.conllu"),
    "gum": ("gum/gum-permissive-train.conllu", "gum/gum-permissive-dev.conllu",
            "gum/gum-permissive-test.conllu"),
}
MIN_LABEL_COUNT = 30  # rarer XPOS|UPOS pairs fold into their XPOS's most frequent pair
TAGDICT_MIN_COUNT, TAGDICT_MIN_SHARE = 20, 0.97
MIN_FEATURE_COUNT = 2  # a feature seen once in training (a hapax word) is not learnt
PRUNE_BELOW = 0.05  # averaged weights of smaller magnitude are not shipped
DECIMALS = 3


class Perceptron:
    """Averaged multi-class perceptron over feature ids (dense numpy weights while training)."""

    def __init__(self, n_features: int, n_labels: int):
        self.w = np.zeros((n_features, n_labels))
        self.u = np.zeros((n_features, n_labels))  # sum of c * update, for the average
        self.c = 1

    def scores(self, ids: list[int]) -> np.ndarray:
        return self.w[ids].sum(0)

    def update(self, ids: list[int], gold: int, guess: int) -> None:
        if gold != guess:
            self.w[ids, gold] += 1
            self.w[ids, guess] -= 1
            self.u[ids, gold] += self.c
            self.u[ids, guess] -= self.c

    def averaged(self) -> np.ndarray:
        return self.w - self.u / self.c


def train_greedy(seqs, n_labels, feature_index, history_ids, iterations, seed, fixed=None,
                 dev=None, dev_eval=None):
    """seqs: (static feature ids per token, gold label ids, extra per-token key). history_ids
    (t2, t1, key_i) -> ids of history features. fixed(key_i) -> forced label or None."""
    model = Perceptron(len(feature_index), n_labels)
    rng = random.Random(seed)
    order = list(range(len(seqs)))
    start = n_labels  # "-START-"
    for it in range(iterations):
        rng.shuffle(order)
        errors = total = 0
        for si in order:
            feats, gold, keys = seqs[si]
            t2 = t1 = start
            for i, g in enumerate(gold):
                forced = fixed(keys[i]) if fixed else None
                if forced is not None:
                    guess = forced
                else:
                    ids = feats[i] + history_ids(t2, t1, keys[i])
                    guess = int(model.scores(ids).argmax())
                    model.update(ids, g, guess)
                    errors += guess != g
                total += 1
                model.c += 1
                t2, t1 = t1, guess
        msg = f"  iteration {it + 1}: train error {errors / total:.4f}"
        if dev_eval is not None:
            msg += f", dev score {dev_eval(model.averaged()):.4f} (tagger: XPOS accuracy, chunker: F1)"
        print(msg, flush=True)
    return model.averaged()


def sparse_weights(avg: np.ndarray, names: list[str]) -> tuple[dict, int]:
    """{feature: [label, weight, ...]} with small weights pruned and the rest rounded."""
    out = {}
    kept = 0
    for f, row in zip(names, avg):
        idx = np.nonzero(np.abs(row) >= PRUNE_BELOW)[0]
        if len(idx):
            pairs = []
            for j in idx:
                pairs += [int(j), round(float(row[j]), DECIMALS)]
            out[f] = pairs
            kept += len(idx)
    return out, kept


def write_model(path: Path, model: dict) -> None:
    data = json.dumps(model, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    path.write_bytes(gzip.compress(data.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"  wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")


def build_tagger(train, dev, iterations, seed, meta):
    """Train the POS tagger on `train` sentences; returns the model dict."""
    pairs = Counter((x, u) for s in train for x, u in zip(s["xpos"], s["upos"]))
    by_x = defaultdict(list)
    for (x, u), n in pairs.most_common():
        by_x[x].append((x, u, n))
    labels = sorted(f"{x}|{u}" for (x, u), n in pairs.items() if n >= MIN_LABEL_COUNT)
    labset = set(labels)
    fold = {}
    for x, lst in by_x.items():
        best = next((f"{a}|{b}" for a, b, _ in lst if f"{a}|{b}" in labset), f"{lst[0][0]}|{lst[0][1]}")
        if best not in labset:
            labels.append(best)
            labset.add(best)
        for a, b, _ in lst:
            fold[(a, b)] = f"{a}|{b}" if f"{a}|{b}" in labset else best
    labels.sort()
    lab_id = {lab: i for i, lab in enumerate(labels)}

    def gold_ids(s):
        return [lab_id[fold[(x, u)]] for x, u in zip(s["xpos"], s["upos"])]

    word_labels = defaultdict(Counter)
    for s in train:
        for w, g in zip(s["words"], gold_ids(s)):
            word_labels[w][g] += 1
    tagdict = {}
    for w, c in word_labels.items():
        lab, n = c.most_common(1)[0]
        total = sum(c.values())
        if total >= TAGDICT_MIN_COUNT and n / total >= TAGDICT_MIN_SHARE:
            tagdict[w] = lab

    def static_feats(words):
        padded = [*postag.PAD_LEFT, *words, *postag.PAD_RIGHT]
        wf = [postag.word_features(w) for w in padded]
        out = []
        for i in range(len(words)):
            j = i + 2
            f = ["bias", *wf[j][0], *wf[j - 1][1], *wf[j + 1][2], *wf[j - 2][3], *wf[j + 2][4]]
            if i == 0:
                f += wf[j][5]
            out.append(f)
        return out

    names_hist = labels + ["-START-"]
    counts = Counter()
    train_static = [static_feats(s["words"]) for s in train]
    for sent in train_static:
        for f in sent:
            counts.update(f)
    for a in names_hist:
        for b in names_hist:
            counts.update(postag.history_features(a, b) * MIN_FEATURE_COUNT)
    names = sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)
    index = {f: i for i, f in enumerate(names)}
    print(f"  {len(labels)} labels, {len(tagdict)} tagdict words, {len(names)} features")
    hist = [[[index[f] for f in postag.history_features(a, b)] for b in names_hist] for a in names_hist]
    seqs = [([[index[f] for f in fs if f in index] for fs in sf], gold_ids(s), s["words"])
            for sf, s in zip(train_static, train)]

    def make_model(avg):
        weights, kept = sparse_weights(avg, names)
        return {"format": "quotelens-greedy-perceptron-1", "labels": labels, "tagdict": tagdict,
                "weights": weights, "meta": {**meta, "n_weights": kept}}

    def dev_eval(avg):
        tagger = postag.Tagger(make_model(avg))
        return tagger_eval.tag_accuracy(tagger, dev)["xpos"]

    avg = train_greedy(seqs, len(labels), index, lambda a, b, _k: hist[a][b], iterations, seed,
                       fixed=tagdict.get, dev=dev, dev_eval=dev_eval)
    return make_model(avg)


def build_chunker(train, dev_eval_fn, iterations, seed, meta):
    """Train the NP chunker on `train` sentences (with 'ptags': the tags it will see)."""
    labels = list(chunk_mod.LABELS)
    tags = sorted({t for s in train for t in s["ptags"]})
    names_hist = labels + ["-START-"]
    counts = Counter()
    statics = []
    for s in train:
        sf = [chunk_mod.position_features(s["words"], s["ptags"], i) for i in range(len(s["words"]))]
        statics.append(sf)
        for f in sf:
            counts.update(f)
    for a in names_hist:
        for b in names_hist:
            for t in tags + [chunk_mod.PAD]:
                counts.update(chunk_mod.history_features(a, b, t) * MIN_FEATURE_COUNT)
    names = sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)
    index = {f: i for i, f in enumerate(names)}
    print(f"  chunker: {len(names)} features")
    lab_id = {lab: i for i, lab in enumerate(labels)}
    hist_cache = {}

    def hist(a, b, t):
        key = (a, b, t)
        if key not in hist_cache:
            hist_cache[key] = [index[f] for f in chunk_mod.history_features(names_hist[a], names_hist[b], t)]
        return hist_cache[key]

    seqs = [([[index[f] for f in fs if f in index] for fs in sf], [lab_id[c] for c in s["chunks"]],
             s["ptags"]) for sf, s in zip(statics, train)]

    def make_model(avg):
        weights, kept = sparse_weights(avg, names)
        return {"format": "quotelens-greedy-perceptron-1", "labels": labels, "tags": tags,
                "weights": weights, "meta": {**meta, "n_weights": kept}}

    avg = train_greedy(seqs, len(labels), index, hist, iterations, seed,
                       dev_eval=lambda avg: dev_eval_fn(chunk_mod.Chunker(make_model(avg))))
    return make_model(avg)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, required=True, help="folder with ewt/ and gum/ (UD English EWT, GUM)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--iterations", type=int, default=8)
    ap.add_argument("--chunk-iterations", type=int, default=5)
    ap.add_argument("--out", type=Path, default=MODELS)
    ap.add_argument("--report", type=Path, default=ROOT / "docs" / "evaluation" / "tagger.json")
    ap.add_argument("--no-nltk", action="store_true", help="skip the NLTK baseline")
    args = ap.parse_args(argv)
    t0 = time.time()
    data = {tb: [np_gold.read_conllu(args.corpora / f) for f in files] for tb, files in FILES.items()}
    manifest = json.loads((args.corpora / "MANIFEST.json").read_text())
    sha = {}
    for files in FILES.values():
        for f in files:
            sha[f] = hashlib.sha256((args.corpora / f).read_bytes()).hexdigest()
            if manifest["sha256"].get(f) not in (None, sha[f]):
                print(f"warning: {f} differs from MANIFEST.json", file=sys.stderr)
    meta = {"seed": args.seed, "iterations": args.iterations, "trained_on": sorted(
        f for tb in FILES.values() for f in tb if "train" in f), "sha256": sha,
        "licence": "CC BY-SA 4.0", "script": "scripts/train_tagger.py"}
    train = data["ewt"][0] + data["gum"][0]
    dev = data["ewt"][1] + data["gum"][1]
    print(f"train {len(train)} sentences, {sum(len(s['words']) for s in train)} words")

    print("POS tagger:")
    model = build_tagger(train, dev, args.iterations, args.seed, meta)
    args.out.mkdir(parents=True, exist_ok=True)
    write_model(args.out / postag.MODEL_FILE, model)
    tagger = postag.Tagger(json.loads(gzip.decompress((args.out / postag.MODEL_FILE).read_bytes())))

    # The chunker learns from the tags the tagger gives (on its own training data, which it
    # tags too well; evaluation below uses predicted tags on test, the real use).
    for s in train + dev:
        s["ptags"] = tagger.tag(s["words"])
        s["chunks"] = np_gold.iob(s)
    print("NP chunker:")
    chunk_model = build_chunker(train, lambda ch: tagger_eval.chunk_scores(ch, dev, "ptags")["f1"],
                                args.chunk_iterations, args.seed, {**meta, "iterations": args.chunk_iterations})
    write_model(args.out / chunk_mod.MODEL_FILE, chunk_model)
    chunker = chunk_mod.Chunker(json.loads(gzip.decompress((args.out / chunk_mod.MODEL_FILE).read_bytes())))

    report = tagger_eval.evaluate(tagger, chunker, data, train, args.out, not args.no_nltk, args.seed,
                                 args.corpora)
    report["training_seconds"] = round(time.time() - t0)
    report["provenance"] = meta
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n")
    print(json.dumps({k: v for k, v in report.items() if k != "provenance"}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
