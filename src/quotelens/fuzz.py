"""Hostile and random text for testing the extractor and the sentiment scorer.

Used by tests/test_fuzz.py (with hypothesis) and scripts/fuzz_campaign.py (a seeded campaign of
thousands of documents). Three things live here:

- `random_document(rng)`: a document built from news-like pieces (speech verbs, speaker names,
  "according to") mixed with every kind of quote mark, control characters, right-to-left
  marks, emoji, odd white space and arbitrary code points, in random proportions;
- `ADVERSARIAL`: builders of pathological inputs of a requested size in characters (long runs
  of quote marks and spaces, "he said" repeated, quotes nested 10,000 deep, one 1 MB line);
- `statement_problems(text, statements)`: every way a list of statements breaks the contract
  (offsets that do not index the text exactly, statements that overlap without one lying
  inside the other, confidence outside
  [0, 1], ...), as messages; empty when all is well;
- `hostile_report_config(out)`: a report config running the chain on tests/data/hostile/.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Callable

from quotelens.contracts import statement_problems  # noqa: F401  (fuzz campaign checks statements against it)

QUOTE_MARKS = "\"'“”‘’«»„‚‹›"
# C0 controls, DEL, NEL, line and paragraph separators, a BOM and a NUL.
CONTROL_CHARS = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\u2028\u2029\ufeff"
# Bidirectional marks, embeddings, overrides and isolates.
BIDI_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
EMOJI = ("😀", "👍🏽", "👨‍👩‍👧", "🇸🇾", "❤️", "\ufe0f", "\u200d", "🏳️‍🌈")
SPACES = (" ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\u00a0", "\u2003", "\u3000")
PUNCTUATION = (",", ".", ":", ";", "-", "—", "–", "?", "!", "(", ")", "...", "…")
NEWS_WORDS = (
    "said", "says", "told", "told Reuters", "warned", "added", "according to", "said that", "stressed that",
    "adding", "ruled out", "denied", "he", "she", "they", "it", "He", "She", "The", "the", "a", "on Monday",
    "in a statement", "Lavrov", "Sergei Lavrov", "Staffan de Mistura", "de Mistura", "the U.N. envoy",
    "Assad", "Bashar al-Assad", "the ministry", "a spokesman", "activists", "the Syrian Observatory for Human Rights",
    "Mr.", "U.S.", "talks", "Geneva", "peace", "war", "good", "bad", "not", "never", "terrible", "great",
    "<script>alert(1)</script>", "$x^2$", "&amp;", "[click](javascript:alert(1))",
)
SPEECH_TEMPLATES = (
    '"{q}," {s} said.', '{s} said: "{q}"', '{s} said that {q}.', '"{q}" - {s}', 'According to {s}, {q}.',
    "{q}, {s} told reporters.", '«{q}», {s} said.', '„{q}“, sagte {s}.', "‘{q},’ {s} said.", '"{q}', '{q}"',
)


def _piece(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.30:
        return rng.choice(NEWS_WORDS)
    if kind < 0.45:
        return rng.choice(QUOTE_MARKS) * rng.choice((1, 1, 1, 2, 3, 7))
    if kind < 0.60:
        return rng.choice(SPACES)
    if kind < 0.68:
        return rng.choice(PUNCTUATION)
    if kind < 0.74:
        return rng.choice(CONTROL_CHARS)
    if kind < 0.80:
        return rng.choice(BIDI_MARKS)
    if kind < 0.85:
        return rng.choice(EMOJI)
    if kind < 0.93:
        q = " ".join(rng.choice(NEWS_WORDS) for _ in range(rng.randint(1, 8)))
        s = rng.choice(NEWS_WORDS)
        return rng.choice(SPEECH_TEMPLATES).format(q=q, s=s)
    # arbitrary code points (surrogates excluded: they cannot be stored as UTF-8)
    out = []
    for _ in range(rng.randint(1, 6)):
        cp = rng.randint(0, 0x10FFFF)
        if 0xD800 <= cp <= 0xDFFF:
            cp = 0xFFFD
        out.append(chr(cp))
    return "".join(out)


def random_document(rng: random.Random, max_pieces: int = 300) -> str:
    """A random document of 0 to `max_pieces` pieces (see the module docstring); about one in
    twenty is empty or white space only."""
    roll = rng.random()
    if roll < 0.03:
        return ""
    if roll < 0.05:
        return rng.choice(SPACES) * rng.randint(1, 50)
    n = rng.randint(1, max_pieces)
    parts = []
    for _ in range(n):
        parts.append(_piece(rng))
        if rng.random() < 0.7:
            parts.append(" ")
    return "".join(parts)


def _repeat_to(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def nested_quotes(size: int) -> str:
    """Quotes nested as deep as `size` characters allow: openers of every kind, a word, then
    the closers (10,000 deep at size 20,004)."""
    openers, closers = "“‘«„‹\"'", "'\"›“»’”"
    depth = max(1, (size - 4) // 2)
    opening = _repeat_to(openers, depth)
    closing = _repeat_to(closers, depth)
    return opening + "word" + closing


#: name -> builder(size in characters) of a pathological document.
ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "straight double quotes": lambda n: '"' * n,
    "quote marks and spaces": lambda n: _repeat_to('" \' “ ” ‘ ’ « » „ ‹ › ', n),
    "spaces then a verb": lambda n: " " * max(0, n - 9) + " he said.",
    "he said repeated": lambda n: _repeat_to("he said ", n),
    "quoted he said repeated": lambda n: _repeat_to('"Yes," Lavrov said. ', n),
    "unclosed quotes repeated": lambda n: _repeat_to('Lavrov said: "we will ', n),
    "according to repeated": lambda n: _repeat_to("according to ", n),
    "capitalised words then said": lambda n: _repeat_to("Foo ", max(0, n - 5)) + " said",
    "names and cues in one sentence": lambda n: _repeat_to("The U.N. envoy Staffan de Mistura said that ", n),
    "adjuncts repeated": lambda n: _repeat_to(" on Monday", n),
    "nested quotes": nested_quotes,
    "one line of words": lambda n: _repeat_to("peace talks in Geneva resumed with no progress ", n),
    "dots and spaces": lambda n: _repeat_to(". ", n),
    "newlines": lambda n: "\n" * n,
    "control and bidi marks": lambda n: _repeat_to(CONTROL_CHARS + BIDI_MARKS + " ", n),
    "emoji": lambda n: _repeat_to("👨‍👩‍👧 said ", n),
}

def hostile_report_config(out: str | Path) -> Path:
    """Write a report config for the hostile corpus (tests/data/hostile: markup, javascript:
    URLs, mathtext and a registry with hostile names) beside folder `out` and return its path:
    configs/smoke.yaml's notebook parameters, every output (processed/, figures/, reports/)
    under `out`."""
    import yaml

    from quotelens import config
    from quotelens.yaml_files import load_yaml

    out = Path(out).resolve()
    hostile = config.PROJ_ROOT / "tests" / "data" / "hostile"
    data = load_yaml((config.CONFIGS_DIR / "smoke.yaml").read_text(encoding="utf-8"))
    data["name"] = "hostile"
    for key, folder in (("processed_dir", "processed"), ("figures_dir", "figures"), ("reports_dir", "reports")):
        data[key] = str(out / folder)
    notebooks = data["notebooks"]
    notebooks["01_articles"]["corpus_paths"] = [config.relative(hostile)]
    for name in ("02_statements", "05_comparisons"):
        notebooks[name]["actors_path"] = config.relative(hostile / "actors.yaml")
    path = out.parent / f"{out.name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path
