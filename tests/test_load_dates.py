"""quotelens.load.dates: every FA-KES date, the date styles of DATE_FORMATS as news sites print
them, time zones, and what is refused."""

from __future__ import annotations

from datetime import date, datetime, timezone

import numpy as np
import pandas as pd
import pytest

from quotelens.config import FAKES_CSV
from quotelens.load.conventions import DATE_FORMATS
from quotelens.load.dates import DATE_RANGE, parse_date


def test_every_fakes_date_is_read_month_first():
    dates = pd.read_csv(FAKES_CSV, dtype=str, keep_default_na=False)["date"]
    parsed = [parse_date(d) for d in dates]
    assert all(p is not pd.NaT for p in parsed)
    # Compare with the M/D/YYYY reading done by hand.
    for raw, ts in zip(dates, parsed):
        month, day, year = (int(x) for x in raw.split("/"))
        assert (ts.year, ts.month, ts.day) == (year, month, day), raw
    years = {ts.year for ts in parsed}
    assert min(years) >= 2011 and max(years) <= 2018  # as data/raw/fa-kes/SOURCE.md states


# One sample per entry of DATE_FORMATS, in its order, all meaning 4 March 2016.
FORMAT_SAMPLES = [
    "3/4/2016",                          # FA-KES style, month first
    "2016/03/04",
    "4 March 2016",
    "4 Mar 2016",
    "March 4 2016",
    "March 4, 2016",
    "Mar 4 2016",
    "Mar 4, 2016",
    "Fri 4 Mar 2016",
    "Friday 4 March 2016",
    "Fri, 04 Mar 2016 00:00:00 +0000",  # RSS pubDate (RFC 2822)
]


@pytest.mark.parametrize("text", FORMAT_SAMPLES + [
    "2016-03-04",
    "  March   4,\n2016 ",               # runs of white space, as scraped
])
def test_the_date_styles_all_mean_the_same_day(text):
    assert parse_date(text) == pd.Timestamp("2016-03-04")


def test_every_format_has_a_sample():
    assert len(FORMAT_SAMPLES) == len(DATE_FORMATS)
    for sample, fmt in zip(FORMAT_SAMPLES, DATE_FORMATS):
        assert _reads(sample, fmt), (sample, fmt)


def _reads(text: str, fmt: str) -> bool:
    try:
        datetime.strptime(text, fmt)
        return True
    except ValueError:
        return False


def test_zones_are_converted_to_utc_and_dropped():
    # Late evening in New York is the next morning in UTC.
    assert parse_date("Fri, 04 Mar 2016 23:30:00 -0500") == pd.Timestamp("2016-03-05 04:30")
    assert parse_date("2016-03-04T10:00:00+02:00") == pd.Timestamp("2016-03-04 08:00")
    aware = datetime(2016, 3, 4, 12, tzinfo=timezone.utc)
    assert parse_date(aware).tzinfo is None


def test_result_is_naive_nanoseconds():
    for value in ("2016-03-04", date(2016, 3, 4), np.datetime64("2016-03-04"), pd.Timestamp("2016-03-04")):
        ts = parse_date(value)
        assert ts == pd.Timestamp("2016-03-04") and ts.unit == "ns" and ts.tzinfo is None


@pytest.mark.parametrize("value", [None, "", "   ", float("nan"), pd.NaT])
def test_missing_values_are_nat(value):
    assert parse_date(value) is pd.NaT


@pytest.mark.parametrize("value, message", [
    ("4/3/16", "unparseable date"),            # two-digit year: not guessed
    ("next Tuesday", "unparseable date"),
    ("31/12/2016", "unparseable date"),        # day first: month 31 does not exist
    ("1016-03-04", "out of range"),            # a typo for 2016
    ("9999-01-01", "out of range"),
    (20160304, "a int"),                       # numbers are not dates
])
def test_refused_values(value, message):
    with pytest.raises(ValueError, match=message):
        parse_date(value)


def test_range_bounds():
    low, high = DATE_RANGE
    assert parse_date(low.isoformat()) == low
    with pytest.raises(ValueError, match="out of range"):
        parse_date(high.isoformat())
