"""Publication dates: one value (string, datetime, NaN) to a timezone-naive UTC Timestamp.

Reads: a date value from an input record or page. Writes: a pandas Timestamp (ns) or NaT;
ValueError for a date it cannot read or one outside DATE_RANGE.
"""

from __future__ import annotations

import math
from datetime import date as _date
from datetime import datetime, timezone
from typing import Any

import numpy as np
import pandas as pd

from quotelens.load.conventions import DATE_FORMATS

#: Dates outside this range are rejected as typos (and would not fit datetime64[ns]).
DATE_RANGE = (pd.Timestamp("1800-01-01"), pd.Timestamp("2200-01-01"))


def parse_date(value: Any) -> pd.Timestamp:
    """A date or time value as a timezone-naive pandas Timestamp (UTC when a zone is given).

    Missing values (None, NaN, "") give NaT. Strings are read as ISO 8601, then with
    DATE_FORMATS. Raises ValueError for anything else, never guessing from today's date."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return pd.NaT
    if isinstance(value, (pd.Timestamp, datetime, _date, np.datetime64)):
        ts = pd.Timestamp(value)
    elif isinstance(value, str):
        s = " ".join(value.split())
        if not s:
            return pd.NaT
        parsed = None
        try:
            parsed = datetime.fromisoformat(s)
        except ValueError:
            for fmt in DATE_FORMATS:
                try:
                    parsed = datetime.strptime(s, fmt)
                    break
                except ValueError:
                    continue
        if parsed is None:
            raise ValueError(f"unparseable date {value!r}")
        try:
            ts = pd.Timestamp(parsed)
        except (OverflowError, ValueError):
            raise ValueError(f"date out of range {value!r}") from None
    else:
        raise ValueError(f"unparseable date {value!r} (a {type(value).__name__})")
    if ts is pd.NaT:
        return ts
    if ts.tzinfo is not None:
        ts = ts.tz_convert(timezone.utc).tz_localize(None)
    if not DATE_RANGE[0] <= ts < DATE_RANGE[1]:
        raise ValueError(f"date out of range {value!r} (news dates lie in {DATE_RANGE[0].year}-{DATE_RANGE[1].year - 1})")
    return ts.as_unit("ns")
