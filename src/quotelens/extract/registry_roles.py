"""Roles in the actor registry, with the period each was held ("home secretary" from 2004-12-15).

Offices change hands: in a corpus spanning December 2004, "the home secretary" is David Blunkett
before the 15th and Charles Clarke after. A registry role may therefore carry `from` and `to`
dates, and `quotelens.extract.registry.Registry.on(date)` keeps, for an article of that date,
only the actors who held each role then. This module holds the dated role and its parsing; the
registry itself is in `quotelens.extract.registry`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


class RegistryError(ValueError):
    """A registry file that cannot be used; the message names the file and the actor."""


@dataclass(frozen=True)
class RolePeriod:
    """A role an actor holds, with the first and last day held (None: open-ended)."""

    role: str
    start: dt.date | None = None
    end: dt.date | None = None

    def holds_on(self, day: dt.date) -> bool:
        """Whether the role is held on `day` (both ends included)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def as_date(value) -> dt.date | None:
    """`value` (date, datetime, pandas Timestamp, "YYYY-MM-DD" text, None or NaT) as a date;
    None when it is missing. Raises ValueError for text that is not an ISO date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return None if value != value else value.date()  # NaT is a datetime that is not equal to itself
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip()[:10])
    if value != value:  # float NaN
        return None
    raise ValueError(f"not a date: {value!r}")


_ROLE_KEYS = {"role", "from", "to", "note"}


def role_periods(value, where: str) -> list[RolePeriod]:
    """The `roles` of one registry entry as RolePeriods: each item a phrase (held at any date) or a
    mapping {role, from, to[, note]} with ISO dates (either end may be left out: open-ended).
    `where` names the file and entry in a RegistryError."""
    if value is None:
        return []
    items = [value] if isinstance(value, (str, dict)) else value
    if not isinstance(items, list):
        raise RegistryError(f"{where}: roles must be a list of phrases or {{role, from, to}} mappings, got {value!r}")
    out = []
    for item in items:
        if isinstance(item, str):
            if item.strip():
                out.append(RolePeriod(item.strip().lower()))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("role"), str) or not item["role"].strip():
            raise RegistryError(f"{where}: a role must be a phrase or a mapping with `role` (and `from`, `to`), got {item!r}")
        unknown = set(item) - _ROLE_KEYS
        if unknown:
            raise RegistryError(f"{where}: role {item['role']!r}: unknown key(s) {sorted(map(str, unknown))}; "
                                f"expected {', '.join(sorted(_ROLE_KEYS))}")
        ends = []
        for key in ("from", "to"):
            try:
                ends.append(as_date(item.get(key)))
            except (ValueError, TypeError):
                raise RegistryError(f"{where}: role {item['role']!r}: `{key}` must be a date YYYY-MM-DD, "
                                    f"got {item.get(key)!r}") from None
        if ends[0] is not None and ends[1] is not None and ends[0] > ends[1]:
            raise RegistryError(f"{where}: role {item['role']!r}: `from` {ends[0]} is after `to` {ends[1]}")
        out.append(RolePeriod(item["role"].strip().lower(), ends[0], ends[1]))
    return out
