"""The mapper's ISO texts for times and dates are isoformat's, character for character."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import orjson

from hypothesis import given
from hypothesis import strategies as st

from infrastructure.transcoding import date_iso, datetime_iso

zones = st.sampled_from([timezone.utc, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30))])


@given(st.datetimes(timezones=st.just(timezone.utc)))
def test_a_utc_time_reads_as_isoformat_writes_it(moment):
    assert datetime_iso(moment) == moment.isoformat()


@given(st.datetimes(timezones=st.none() | zones))
def test_any_other_time_is_left_to_isoformat(moment):
    assert datetime_iso(moment) == moment.isoformat()


def test_a_whole_second_has_no_fraction_as_with_isoformat():
    moment = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)

    assert datetime_iso(moment) == "2026-01-05T09:00:00+00:00" == moment.isoformat()


@given(st.dates())
def test_a_date_reads_as_isoformat_writes_it(day):
    assert date_iso(day) == day.isoformat() == date_iso(day)


# The encoders written per event shape hand a UTC datetime and a date to orjson as they are:
# orjson must write them as isoformat does, or an event's stored bytes would change.


@given(st.datetimes(timezones=st.just(timezone.utc)), st.sampled_from([0, 1]))
def test_orjson_writes_a_utc_time_as_isoformat_writes_it(moment, fold):
    moment = moment.replace(fold=fold)

    assert orjson.dumps(moment) == json.dumps(moment.isoformat()).encode()


@given(st.dates())
def test_orjson_writes_a_date_as_isoformat_writes_it(day):
    assert orjson.dumps(day) == json.dumps(day.isoformat()).encode()
