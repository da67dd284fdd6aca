"""Sentences per second of each sentiment method, and the ratio to the vaderSentiment package
measured on the same sentences in the same run (ratio > 1: faster than vaderSentiment).

    .venv/bin/python scripts/benchmark_sentiment.py [--repeat 3]

Sentences: the unique sentences of both NewsMTSC devtest files. Each timing is the best of
`--repeat` round-robin rounds (after one warm-up run, so every method's caches are equally warm),
in CPU time of this process (time.process_time): the machine is shared, and wall time swung the
headline's ratio between 0.8 and 1.3 within minutes under other jobs' load.
The last line states the headline score's ratio (issue 15: at vaderSentiment's pace or better).
The target model (quotelens.sentiment.targets) is timed on the same sentences, scoring every
NewsMTSC target of each (tagging, chunking and the headline's tone included); its rate is in
sentences per second like the others, and the line after the table gives it per target too.
"""

from __future__ import annotations

import argparse
import time

from quotelens import config
from quotelens.sentiment import lexicons
from quotelens.sentiment.masking import TopicMask, load_topic_words
from quotelens.sentiment.newsmtsc import load_newsmtsc
from quotelens.sentiment.scoring import Scorer
from quotelens.sentiment.targets import load_target_model, score_targets
from quotelens.sentiment.vader_pass import nltk_analyzer, package_analyzer, vader_with_evidence


def _best_rates(cases, texts, repeat: int) -> list[tuple[str, float]]:
    """Sentences per second of each case: the best of `repeat` rounds. Rounds run every case
    in turn (round-robin), so a change in the machine's load hits all methods alike."""
    for _, fn in cases:
        fn(texts)  # warm-up: caches and lazy loading
    best = [float("inf")] * len(cases)
    for _ in range(repeat):
        for k, (_, fn) in enumerate(cases):
            start = time.process_time()
            fn(texts)
            best[k] = min(best[k], time.process_time() - start)
    return [(name, len(texts) / seconds) for (name, _), seconds in zip(cases, best)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per method (best is kept)")
    args = parser.parse_args(argv)

    devtest = [load_newsmtsc(config.NEWSMTSC_DIR / f"{name}.jsonl") for name in ("devtest_mt", "devtest_rw")]
    texts = sorted(set(devtest[0]["sentence"]) | set(devtest[1]["sentence"]))
    spans: dict[str, set] = {}
    for rows in devtest:
        for sentence, start, end in zip(rows["sentence"], rows["start"], rows["end"]):
            spans.setdefault(sentence, set()).add((int(start), int(end)))
    n_targets = sum(len(v) for v in spans.values())
    load_target_model()

    def targets_of(ts):
        chosen = [(t, s, e) for t in ts for s, e in sorted(spans[t])]
        return score_targets([c[0] for c in chosen], [c[1] for c in chosen], [c[2] for c in chosen])
    package, nltk_port = package_analyzer(), nltk_analyzer()
    no_mask = TopicMask("none", ())
    afinn = lexicons.afinn()
    from afinn import Afinn

    afinn_package = Afinn()
    ensemble_only = Scorer(methods=("ensemble",), mask=no_mask)
    ngram_only = Scorer(methods=("ngram",), mask=no_mask)
    old_only = Scorer(methods=("ensemble_old",), mask=no_mask)
    ensemble_masked = Scorer(methods=("ensemble",), mask=load_topic_words())
    everything = Scorer(mask=load_topic_words())

    cases = [
        ("vaderSentiment package (baseline)", lambda ts: [package.polarity_scores(t) for t in ts]),
        ("vader: NLTK polarity_scores", lambda ts: [nltk_port.polarity_scores(t) for t in ts]),
        ("vader: NLTK with evidence words", lambda ts: [vader_with_evidence(t) for t in ts]),
        ("afinn package (reference)", lambda ts: [afinn_package.score(t) for t in ts]),
        ("afinn (quotelens lexicon)", lambda ts: [afinn.score(t) for t in ts]),
        ("ngram model", ngram_only.score_texts),
        ("ensemble_old (model v3, no evidence)", old_only.score_texts),
        ("headline ensemble (with evidence)", ensemble_only.score_texts),
        ("ensemble, masked + unmasked", ensemble_masked.score),
        ("all default methods, masked + unmasked", everything.score),
        ("sentiment towards each target", targets_of),
    ]
    rates = _best_rates(cases, texts, args.repeat)
    baseline = rates[0][1]
    print(f"{len(texts)} unique NewsMTSC devtest sentences, best of {args.repeat} runs")
    print(f"{'method':<42} {'sentences/s':>12} {'ratio to vaderSentiment':>24}")
    for name, rate in rates:
        print(f"{name:<42} {rate:>12.0f} {rate / baseline:>24.2f}")
    target_rate = dict(rates)["sentiment towards each target"]
    print(f"sentiment towards each target: {target_rate * n_targets / len(texts):.0f} targets/s ({n_targets} targets); "
          f"per sentence / vaderSentiment: {target_rate / baseline:.2f}")
    headline = dict(rates)["headline ensemble (with evidence)"]
    print(f"headline score (sentiment, with evidence words) / vaderSentiment: {headline / baseline:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
