"""What the comparisons compare when the config leaves a choice open: no outlet grouping, no
actor registry, no named pair of actors.

A corpus need not come with an outlet grouping or an actor registry (quotelens works on any
English news), so every comparison has a neutral default here:

- no outlet grouping: each outlet is its own group (`outlet_groups`);
- no registry: the actor network and the two-actor comparison use the *named* speakers, never
  unnamed sources, groups or pronouns (`named_speakers`, `network_speakers`); "speaks about"
  looks for the other speakers' names and surnames instead of registry aliases
  (`speaker_aliases`).

"Named" has one definition, quotelens.extract.speaker_types.is_named_speaker (the rule, with
where news agencies go, is in quotelens.compare.speaker_types and docs/registry.md): `is_named`
here and `speaker_types.is_named_actor` give the same answer for every statement, except that
a joint speaker ("United States and Russia", speaker_types.is_joint) is no named actor.
"""

from __future__ import annotations

import os
from collections import Counter

import pandas as pd

from quotelens import config
from quotelens.compare.comparisons import (UNGROUPED, UNKNOWN_SOURCE, OutletGroups, load_outlet_groups,
                                           normalise_source, top_speakers)
from quotelens.compare.networks import registry_aliases
from quotelens.compare.speaker_types import is_named_actor
from quotelens.extract.registry import surname_forms
from quotelens.extract.speaker_types import is_named_speaker

#: The name of the grouping used when the config names none.
OUTLETS_ONE_BY_ONE = "each outlet on its own (no outlet grouping configured)"


def outlet_groups(path: str | os.PathLike | None, articles: pd.DataFrame | None) -> OutletGroups:
    """The outlet grouping a notebook parameter names (YAML, read by
    `comparisons.load_outlet_groups`; a relative path is taken from the project root), or, for
    "" or None, one group per outlet of `articles` (its `source` column), labelled with the
    outlet's name as most often written. ValueError as for load_outlet_groups."""
    if path is not None and str(path).strip():
        return load_outlet_groups(config.resolve(path))
    return one_group_per_outlet(articles["source"] if articles is not None and "source" in articles.columns else [])


def one_group_per_outlet(sources) -> OutletGroups:
    """An OutletGroups in which every distinct source is a group of its own (id: the normalised
    source, label: its most frequent spelling), sorted by id; missing sources stay
    UNKNOWN_SOURCE. Outlets are then compared one by one wherever groups are compared."""
    spellings: dict[str, Counter] = {}
    for source in sources:
        key = normalise_source(source)
        if key is not None and key not in (UNGROUPED, UNKNOWN_SOURCE):
            spellings.setdefault(key, Counter())[" ".join(str(source).split())] += 1
    rationale = "no outlet grouping was configured, so each outlet is compared on its own"
    outlets, groups = [], []
    for key in sorted(spellings):
        label = sorted(spellings[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        outlets.append({"source": key, "name": label, "group": key, "group_label": label, "rationale": rationale})
        groups.append({"group": key, "group_label": label, "rationale": rationale, "n_outlets": 1})
    return OutletGroups(
        name=OUTLETS_ONE_BY_ONE,
        outlets=pd.DataFrame(outlets, columns=["source", "name", "group", "group_label", "rationale"]),
        groups=pd.DataFrame(groups, columns=["group", "group_label", "rationale", "n_outlets"]),
        path="",
    )


def is_named(speaker, kind: str | None = None) -> bool:
    """Whether a speaker value names someone (`is_named_speaker`: written as a name, not typed an
    unnamed source, not a pronoun); `kind` is the statement's `speaker_kind`, None when the
    table has none."""
    return is_named_speaker(speaker, kind)


def named_speakers(statements: pd.DataFrame) -> list[str]:
    """The distinct named speakers (`is_named`, by `speaker_kind` when the table has it; joint
    speakers left out: speaker_types), most statements first, ties by name."""
    if statements.empty:
        return []
    named = statements[is_named_actor(statements)]  # is_named per row, joint speakers left out
    return top_speakers(named, len(named))


def network_speakers(ctx: pd.DataFrame, k: int, named_only: bool = True) -> list[str]:
    """The k most-quoted speakers for a network figure. With `named_only`: the registry's actors
    when a registry was used (some statement is `in_registry`), else the named speakers, so
    anonymous sources ("a source", "activists") do not sit at every hub."""
    if not named_only:
        return top_speakers(ctx, k)
    if "in_registry" in ctx.columns and ctx["in_registry"].fillna(False).astype(bool).any():
        return top_speakers(ctx[ctx["in_registry"].fillna(False).astype(bool)], k)
    return named_speakers(ctx)[:k]


def speaker_aliases(ctx: pd.DataFrame) -> dict[str, list[str]]:
    """{speaker: names it is mentioned by} of the named speakers, for "speaks about" without a
    registry: the name itself and, for people, the surname forms (`surname_forms`) that no other
    named speaker shares."""
    named = named_speakers(ctx)
    kinds = ctx.drop_duplicates("speaker").set_index("speaker")["speaker_kind"].to_dict() if "speaker_kind" in ctx.columns else {}
    forms: dict[str, list[str]] = {name: [] for name in named}
    owners: dict[str, set[str]] = {}
    for name in named:
        if kinds.get(name, "person") in ("person", "unknown"):
            for form in surname_forms(name):
                owners.setdefault(form, set()).add(name)
    for form, names in sorted(owners.items()):
        if len(names) == 1 and form not in forms:
            forms[next(iter(names))].append(form)
    return forms


def mention_aliases(actors_path: str | os.PathLike | None, ctx: pd.DataFrame) -> tuple[dict[str, list[str]], str]:
    """Names to look for inside statements for "speaks about", and where they come from: the
    registry's canonical names and aliases when `actors_path` is set (FileNotFoundError or
    RegistryError as for `networks.registry_aliases`), else `speaker_aliases(ctx)`."""
    if actors_path is not None and str(actors_path).strip():
        return registry_aliases(config.resolve(actors_path)), f"the registry {actors_path}"
    return speaker_aliases(ctx), "the names and surnames of the named speakers (no registry)"
