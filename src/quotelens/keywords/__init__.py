"""Distinctive keywords per actor or group: tokens, term counts, log-odds with an informative prior, keyword-in-context, plots.

Reads: the scored Statements table. Writes: keyword tables and figures.
"""
