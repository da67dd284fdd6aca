"""Which work a run can reuse: the planning both engines share before and after loading.

`plan_load` identifies every input unit (content hashes, see quotelens.scale.fingerprints) and
finds the units whose parts an earlier run finished. `plan_statements`, after loading, removes
what an earlier run over another corpus left, runs the corpus-wide steps on the articles parts
and finds the statements parts that are still valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quotelens.scale import fingerprints, layout
from quotelens.scale.corpus_wide import prepare_articles
from quotelens.scale.fingerprints import StageOptions, file_sha256
from quotelens.scale.parts import part_done, unit_done
from quotelens.scale.units import InputUnit


@dataclass
class UnitPlan:
    """The input units in load order, each one's identity, and its marker when its parts can
    be reused (None: to load)."""

    units: list[InputUnit]
    identities: list[dict]
    markers: list[dict | None]

    @property
    def todo(self) -> list[tuple[InputUnit, dict]]:
        """(unit, identity) of every unit to load, in load order."""
        return [(u, i) for u, i, m in zip(self.units, self.identities, self.markers) if m is None]

    def complete(self, fresh: list[dict]) -> list[dict]:
        """Every unit's marker in load order: the reused ones and `fresh` (the markers of the
        units in `todo`, in that order)."""
        new = iter(fresh)
        return [m if m is not None else next(new) for m in self.markers]


def plan_load(units: list[InputUnit], outdir: Path, chunk_size: int, columns: dict | None) -> UnitPlan:
    """Identify `units` (their input files hashed, each once) and find those already loaded."""
    digests = fingerprints.input_digests(units)
    loader = fingerprints.load_inputs()
    identities = [fingerprints.unit_identity(u, digests, chunk_size, columns, loader) for u in units]
    return UnitPlan(units, identities, [unit_done(outdir, u, i) for u, i in zip(units, identities)])


@dataclass
class PartPlan:
    """The articles parts in load order, articles per part, each statements part's identity
    and its marker when it can be reused (None: to compute), and ids renamed corpus-wide."""

    parts: list[str]
    rows: dict[str, int]
    identities: dict[str, dict]
    done: dict[str, dict | None]
    ids_renamed: int

    @property
    def todo(self) -> list[str]:
        """Parts whose statements are to be computed, in load order."""
        return [p for p in self.parts if self.done[p] is None]


def plan_statements(outdir: Path, units: list[InputUnit], markers: list[dict], options: StageOptions) -> PartPlan:
    """After loading: remove parts and markers no current unit lists, make ids unique and the
    articles schema one (`corpus_wide.prepare_articles`), then identify every statements part
    by its articles part's content and the statement inputs of `options`."""
    parts = [p for m in markers for p in m["parts"]]
    layout.remove_stale_parts(outdir, [u.name for u in units], parts)
    descriptions = {p: d for m in markers for p, d in zip(m["parts"], m["schemas"])}
    renamed = prepare_articles(outdir, parts, descriptions)
    inputs = fingerprints.statement_inputs(options)
    identities = {p: fingerprints.part_identity(p, file_sha256(outdir / layout.ARTICLES_DIR / p), options, inputs)
                  for p in parts}
    rows = {p: r for m in markers for p, r in zip(m["parts"], m["rows"])}
    done = {p: part_done(outdir, p, identities[p]) for p in parts}
    return PartPlan(parts, rows, identities, done, renamed)
