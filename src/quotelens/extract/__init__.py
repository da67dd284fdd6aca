"""Extract statements: who said what in each article, and to whom it is attributed.

The pipeline is in `statements` (find quotes -> find cues -> assemble statements pass by pass
-> resolve speakers -> name speakers across the article), one module per pass; the word lists
the rules consult are in `lexicon`; the actor registry in `registry`; the scoring against the
gold in `evaluate`.

Reads: the Articles table and an optional actor registry. Writes: the Statements table (docs/contracts.md).
"""
