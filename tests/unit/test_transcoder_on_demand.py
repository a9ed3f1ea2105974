"""Value objects of the strategy, partnerships and reporting years are registered with the transcoder
when first met (so showing a case imports none of them), and transcode exactly as if registered up
front."""
from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from eventsourcing.persistence import TranscodingNotRegisteredError

from domain.partnership import ContactPerson, StatusChange
from domain.reporting_year import Correction
from domain.strategy import FocusArea, StrategyVersion, Term
from infrastructure.transcoding import ON_DEMAND, DataclassAsDict, UdsynTranscoder

VALUES = [
    Correction(of_position=12, original_year=2025, posted_in=2026),
    StatusChange("suspended", date(2026, 1, 7), "Kontakterna vilar"),
    ContactPerson("Aino Korhonen", email="aino@example.fi"),
    FocusArea("utbildning", "Utbildning", "primary"),
    Term("skolungdomar", "Skolungdomar"),
    StrategyVersion(
        version=1, adopted_on=date(2026, 1, 5), body="kf", title="Internationell policy", vision="Kalix",
        approval_threshold=Decimal("100000"), approval_body="ksau", external_funding_target=Decimal("0.50"),
        appeal_window_days=21, statement_due="01-31", focus_areas=[FocusArea("turism", "Turism", "secondary")],
        target_groups=[Term("skolungdomar", "Skolungdomar")], goals=[], ranking={"fit": Decimal("2")},
    ),
]


def registered_up_front() -> UdsynTranscoder:
    transcoder = UdsynTranscoder()
    for value in VALUES:
        transcoder.register(DataclassAsDict(type(value)))
    return transcoder


def test_the_on_demand_value_objects_are_the_ones_named():
    assert {(type(v).__name__, type(v).__module__) for v in VALUES} == set(ON_DEMAND.items())


def test_a_strategy_version_met_first_brings_the_values_inside_it_with_it():
    version = VALUES[-1]
    fresh = UdsynTranscoder()
    assert fresh.decode(registered_up_front().encode(version)) == version
    assert UdsynTranscoder().decode(fresh.encode(version)) == version


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_a_value_object_met_first_when_encoding_encodes_as_if_registered_up_front(value):
    fresh = UdsynTranscoder()
    assert type(value) not in dict(fresh.types)
    encoded = fresh.encode({"value": value})
    assert encoded == registered_up_front().encode({"value": value})
    assert fresh.decode(encoded) == {"value": value}


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_a_value_object_met_first_when_decoding_decodes_as_if_registered_up_front(value):
    encoded = registered_up_front().encode([value])
    fresh = UdsynTranscoder()
    assert type(value).__name__ not in dict(fresh.names)
    assert fresh.decode(encoded) == [value]


def test_a_class_of_the_same_name_elsewhere_is_still_not_transcodable():
    @dataclasses.dataclass(frozen=True)
    class Correction:
        of_position: int

    with pytest.raises(TranscodingNotRegisteredError):
        UdsynTranscoder().encode(Correction(1))


def test_an_unknown_name_is_still_not_decodable():
    with pytest.raises(TranscodingNotRegisteredError):
        UdsynTranscoder().decode(b'{"_type_":"Nonesuch","_data_":{}}')
