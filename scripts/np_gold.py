"""CoNLL-U reading and gold base-NP chunks from UD dependency trees (for scripts/train_tagger.py).

Base-NP rule (documented in docs/evaluation/tagger.md):
- a chunk is headed by a word with UPOS NOUN, PROPN or PRON;
- it takes the head's left dependents in det, det:predet, det:poss, amod, compound, nummod,
  nmod:poss, flat and the head's right dependents in flat, fixed, goeswith; then, recursively,
  those dependents' own dependents in det, amod, compound, nummod, nmod:poss, flat, fixed,
  goeswith, advmod, case (possessive 's only) and hyphens (HYPH);
- the chunk is the longest run of contiguous tokens around the head that are all taken;
- chunks are not nested: a chunk inside another (the possessor "Syria" in "Syria 's warring
  sides") is dropped; of two overlapping chunks the longer wins.
"""

from __future__ import annotations

from pathlib import Path

NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
LEFT = frozenset({"det", "det:predet", "det:poss", "amod", "compound", "nummod", "nmod:poss",
                  "flat", "flat:name"})
RIGHT = frozenset({"flat", "flat:name", "fixed", "goeswith"})
INNER = frozenset({"det", "det:predet", "det:poss", "amod", "compound", "nummod", "nmod:poss",
                   "flat", "flat:name", "fixed", "goeswith", "advmod"})


def read_conllu(path: Path) -> list[dict]:
    """Sentences of a CoNLL-U file: words, xpos, upos, head (0 = root, else 1-based), deprel,
    doc (the latest `# newdoc id`), text. Multiword-token ranges and empty nodes are skipped:
    the word lines carry the treebank tokens."""
    sents = []
    doc = ""
    cur = None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("# newdoc id ="):
                doc = line.split("=", 1)[1].strip()
            elif line.startswith("# text ="):
                cur = cur or _new(doc)
                cur["text"] = line.split("=", 1)[1].strip()
            elif line.startswith("#"):
                continue
            elif not line:
                if cur and cur["words"]:
                    sents.append(cur)
                cur = None
            else:
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                cur = cur or _new(doc)
                cur["words"].append(cols[1])
                cur["upos"].append(cols[3])
                cur["xpos"].append(cols[4])
                cur["head"].append(int(cols[6]))
                cur["deprel"].append(cols[7])
    if cur and cur["words"]:
        sents.append(cur)
    return sents


def _new(doc: str) -> dict:
    return {"doc": doc, "text": "", "words": [], "upos": [], "xpos": [], "head": [], "deprel": []}


def np_spans(s: dict) -> list[tuple[int, int, int]]:
    """Gold base NPs of a sentence as (first, last, head) token indices, last exclusive."""
    n = len(s["words"])
    children: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(s["head"]):
        if h > 0:
            children[h - 1].append(i)
    rel = s["deprel"]

    def inner_ok(c: int) -> bool:
        return rel[c] in INNER or s["xpos"][c] == "HYPH" or (rel[c] == "case" and s["xpos"][c] == "POS")

    cands = []
    for h in range(n):
        if s["upos"][h] not in NOMINAL:
            continue
        taken = set()
        stack = [c for c in children[h]
                 if (c < h and rel[c] in LEFT) or (c > h and rel[c] in RIGHT) or s["xpos"][c] == "HYPH"]
        while stack:
            c = stack.pop()
            taken.add(c)
            stack += [d for d in children[c] if inner_ok(d)]
        lo = hi = h
        while lo - 1 in taken:
            lo -= 1
        while hi + 1 in taken:
            hi += 1
        cands.append((lo, hi + 1, h))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    used = [False] * n
    out = []
    for lo, hi, h in cands:
        if not any(used[lo:hi]):
            out.append((lo, hi, h))
            for i in range(lo, hi):
                used[i] = True
    return sorted(out)


def iob(s: dict) -> list[str]:
    """B/I/O labels of the gold base NPs of a sentence."""
    labels = ["O"] * len(s["words"])
    for lo, hi, _h in np_spans(s):
        labels[lo] = "B"
        for i in range(lo + 1, hi):
            labels[i] = "I"
    return labels
