"""Extract statements: quote marks, speech cues, speaker phrases, pronoun and role-noun resolution, the actor registry, statement assembly, and the statement evaluation.

Reads: the Articles table and an optional actor registry. Writes: the Statements table (docs/contracts.md).
"""
