"""Figures of the news gold (data/gold/news): articles, statements and their make-up.

    python scripts/gold_stats.py            # print the tables (Markdown)
    python scripts/gold_stats.py --write    # put them into data/gold/news/README.md
    python scripts/gold_stats.py --check    # fail if the README's tables are out of date

Reads only ``articles.jsonl`` and ``statements.jsonl`` of the news gold (run
``scripts/gold_offsets.py build`` first). The README holds the output between the markers
``<!-- gold_stats:begin -->`` and ``<!-- gold_stats:end -->``, so the numbers there can always be
regenerated. Definitions are printed with the tables.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO / "data" / "gold" / "news"
BEGIN, END = "<!-- gold_stats:begin -->", "<!-- gold_stats:end -->"

PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "we", "I",
            "you"}  # as written or capitalised ("WHO" is the World Health Organisation)
CLASS_NOUNS = {"group", "party", "agency", "organisation", "organization", "movement", "militia"}
FUNCTION_WORDS = {"of", "for", "the", "and", "on", "in", "de", "al"}
DEFINITE = ("the ", "his ", "her ", "its ", "their ")
INDEFINITE = ("a ", "an ", "one ", "some ")
NAMED_KINDS = {"person", "organisation", "state", "news_agency", "document"}
# A sentence ends at . ! or ? (maybe followed by a closing mark) before white space and a capital
# letter, a digit or an opening mark. FA-KES has no paragraph breaks and some odd punctuation, so
# this is an approximation, stated as such in the output.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]?\s+(?=[A-Z0-9\"\u201c'\u2018(])")

OLD_GOLD = ("The excerpt gold, as the issue describes it: 104 texts, median 273 characters and 1.1 "
            "paragraphs, 62 of 104 texts single sentences, 2 continuations, about 33 pronoun speakers.")


def fakes_batches() -> tuple[int, tuple[int, ...]]:
    """The first-draw size and the extension batch sizes, from the corpus build script."""
    spec = importlib.util.spec_from_file_location("build_news_gold_corpus",
                                                  REPO / "scripts" / "build_news_gold_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.FAKES_N, tuple(mod.FAKES_EXTENSIONS)


def load(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def group_of(articles: list[dict]) -> dict[str, str]:
    """Article id -> table row: seed, GUM news, GUM interview, FA-KES first draw, FA-KES extension."""
    first, _ = fakes_batches()
    out, n_fakes = {}, 0
    for art in articles:
        if art["source"] == "seed":
            out[art["id"]] = "seed"
        elif art["source"] == "wikinews":
            out[art["id"]] = f"GUM {art['genre']}"
        else:
            n_fakes += 1
            out[art["id"]] = (f"FA-KES, first {first}" if n_fakes <= first
                              else "FA-KES, extension (2026-12-02)")
    return out


def paragraphs(text: str) -> int:
    return sum(1 for p in text.split("\n\n") if p.strip())


def sentences(text: str) -> int:
    return sum(len(_SENTENCE_END.split(p.strip())) for p in text.split("\n\n") if p.strip())


def words(s: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", s.lower()))


def mention_class(st: dict) -> str | None:
    """'pronoun', 'role' (a definite description resolved to a named entity), 'indefinite' (an
    indefinite description resolved to a named entity) or None (a name, an unnamed source's own
    description, or no mention)."""
    m = st["speaker_mention"]
    if not m:
        return None
    if any(m in (p, p.capitalize()) for p in PRONOUNS):
        return "pronoun"
    if st["speaker_kind"] not in NAMED_KINDS:
        return None
    name = words(st["speaker"])
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z0-9]+", st["speaker"])
                       if w.lower() not in FUNCTION_WORDS).upper()

    def names_it(token: str) -> bool:  # a word of the name, or its acronym ("UN", "OPCW", "M5S")
        return token.lower() in name or (len(token) > 1 and token.replace(".", "").upper() == initials
                                         and token.replace(".", "").isupper())

    for prefix, cls in [(p, "role") for p in DEFINITE] + [(p, "indefinite") for p in INDEFINITE]:
        if m.lower().startswith(prefix):
            rest = re.sub(r"\([^)]*\)", " ", m[len(prefix):])  # "(IS)", "(LCC)"
            # the head noun: the last word before a post-modifier ("the head of the delegation")
            pre = re.split(r"\b(?:of|for|from|in|at|with|who|which|that)\b", rest)[0]
            tokens = re.findall(r"[A-Za-z0-9.]+", pre)
            if not tokens:
                return cls
            head, others = tokens[-1].rstrip("."), tokens[:-1]
            # "the Observatory", "The British-based observatory", "The US", "the Islamic State
            # group" are (short) names of the speaker, not role nouns
            if names_it(head) or (head.lower() in CLASS_NOUNS and any(names_it(t) for t in others)):
                return None
            return cls
    return None


def table(header: list[str], rows: list[list]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return out


def render(articles: list[dict], statements: list[dict]) -> str:
    group = group_of(articles)
    groups = list(dict.fromkeys(group[a["id"]] for a in articles))
    arts_by = Counter((group[a["id"]], a["split"]) for a in articles)
    sts_by = Counter((group[s["article_id"]], s["split"]) for s in statements)
    lines = [f"Generated by `scripts/gold_stats.py` from `articles.jsonl` and `statements.jsonl` "
             f"({len(articles)} articles, {len(statements)} statements).", "",
             "**By source and split**", ""]
    rows = []
    for g in groups + ["**all**"]:
        pick = (lambda k: True) if g == "**all**" else (lambda k, g=g: k == g)
        a = {sp: sum(v for (k, s), v in arts_by.items() if pick(k) and s == sp) for sp in ("dev", "test")}
        s = {sp: sum(v for (k, x), v in sts_by.items() if pick(k) and x == sp) for sp in ("dev", "test")}
        texts = [x["text"] for x in articles if pick(group[x["id"]])]
        n_art = a["dev"] + a["test"]
        rows.append([g, a["dev"], a["test"], n_art, s["dev"], s["test"], s["dev"] + s["test"],
                     f"{(s['dev'] + s['test']) / n_art:.1f}",
                     f"{statistics.median(len(t) for t in texts):,.0f}"])
    lines += table(["source", "articles dev", "articles test", "articles", "statements dev",
                    "statements test", "statements", "per article", "median characters"], rows)

    def counts(title: str, key, order: list[str]) -> None:
        c = Counter(key(s) for s in statements)
        by_split = {sp: Counter(key(s) for s in statements if s["split"] == sp) for sp in ("dev", "test")}
        lines.extend(["", f"**{title}**", ""])
        lines.extend(table([title.split(" (")[0].lower(), "dev", "test", "all", "share"],
                           [[k, by_split["dev"][k], by_split["test"][k], c[k],
                             f"{100 * c[k] / len(statements):.1f}%"] for k in order if c[k]]))

    counts("Type", lambda s: s["type"], ["direct", "indirect", "mixed", "according_to"])
    counts("Speaker kind", lambda s: s["speaker_kind"],
           ["person", "organisation", "unnamed", "news_agency", "state", "document"])

    def flag(name: str, pred) -> list:
        return [name] + [sum(1 for s in statements if pred(s) and (sp is None or s["split"] == sp))
                         for sp in ("dev", "test", None)]

    lines.extend(["", "**Untagged lines and mentions**", ""])
    lines.extend(table(["", "dev", "test", "all"], [
        flag("continuations", lambda s: s["continuation"]),
        flag("interview answers (qa)", lambda s: s["qa"]),
        flag("pull quotes", lambda s: s.get("pull_quote", False)),
        flag("pronoun speakers (mention is a pronoun)", lambda s: mention_class(s) == "pronoun"),
        flag("role-noun speakers (mention a definite description of a named entity)",
             lambda s: mention_class(s) == "role"),
        flag("indefinite descriptions of a named entity (\"a monitor\" -> the Observatory)",
             lambda s: mention_class(s) == "indefinite"),
    ]))

    chars = [len(a["text"]) for a in articles]
    paras = [paragraphs(a["text"]) for a in articles]
    paras_gum = [p for p, a in zip(paras, articles) if not a["source"].startswith("fa-kes")]
    sents = [sentences(a["text"]) for a in articles]
    single = sum(1 for n in sents if n == 1)
    lines.extend(["", "**Texts, compared with the excerpt gold**", ""])
    lines.extend(table(["", "news gold", "excerpt gold (issue)"], [
        ["texts", len(articles), 104],
        ["median characters", f"{statistics.median(chars):,.0f}", 273],
        ["median paragraphs (mean)", f"{statistics.median(paras):.0f} ({statistics.mean(paras):.1f})", "1.1"],
        ["median paragraphs, GUM and seed only (mean)",
         f"{statistics.median(paras_gum):.0f} ({statistics.mean(paras_gum):.1f})", ""],
        ["median sentences (approximate)", f"{statistics.median(sents):.0f}", ""],
        ["single-sentence texts", single, "62 of 104"],
        ["statements", len(statements), ""],
        ["continuations", sum(s["continuation"] for s in statements), 2],
        ["pronoun speakers", sum(mention_class(s) == "pronoun" for s in statements), "about 33"],
    ]))
    lines.extend(["", OLD_GOLD + " FA-KES texts have no paragraph breaks (one paragraph each); "
                  "sentences are counted by a punctuation rule and are approximate. Pronouns: "
                  + ", ".join(sorted(PRONOUNS)) + " (as written or capitalised). A role noun is a mention starting "
                  "with the/his/her/its/their whose head noun (last word before of/for/from/in/at/"
                  "with/who/which/that) is not a word of the speaker's canonical name (\"the "
                  "monitor\", \"the statement\", \"The U.N. envoy\"; \"the Observatory\" for the "
                  "Syrian Observatory for Human Rights, \"The US\" and \"the Islamic State group\" are "
                  "names), for a speaker of kind "
                  "person, organisation, state, news_agency or document; indefinite descriptions "
                  "(a/an/one/some) are counted apart."])
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=NEWS / "articles.jsonl")
    ap.add_argument("--statements", type=Path, default=NEWS / "statements.jsonl")
    ap.add_argument("--readme", type=Path, default=NEWS / "README.md")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="replace the tables in the README")
    mode.add_argument("--check", action="store_true", help="fail if the README's tables differ")
    args = ap.parse_args(argv)
    out = render(load(args.articles), load(args.statements))
    if not (args.write or args.check):
        sys.stdout.write(out)
        return 0
    readme = args.readme.read_text(encoding="utf-8")
    if BEGIN not in readme or END not in readme:
        print(f"{args.readme}: markers {BEGIN} / {END} not found", file=sys.stderr)
        return 1
    head, rest = readme.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    new = head + BEGIN + "\n" + out + END + tail
    if args.check:
        if new != readme:
            print(f"{args.readme}: gold_stats tables out of date: run scripts/gold_stats.py --write",
                  file=sys.stderr)
            return 1
        print(f"{args.readme}: gold_stats tables up to date")
        return 0
    args.readme.write_text(new, encoding="utf-8")
    print(f"wrote the gold_stats tables into {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
