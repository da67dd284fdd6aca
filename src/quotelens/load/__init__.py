"""Load articles: read files and folders (txt, seed format, JSONL, CSV, Parquet, saved HTML, gzip), decode, parse dates, flag duplicates.

Reads: corpus files given by the user. Writes: the Articles table (docs/contracts.md).
"""

from quotelens.load.corpus import load_corpus

__all__ = ["load_corpus"]
