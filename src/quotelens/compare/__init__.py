"""Comparisons across actors, outlets, groups and months; per-article aggregates; findings for the report; the interactive explorer.

Reads: the scored Statements table and the Articles table. Writes: comparison tables, figures and findings.
"""
