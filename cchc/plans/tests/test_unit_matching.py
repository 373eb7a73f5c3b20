"""Free text naming units, as appendices write it, matched to the unit tree."""

import datetime

import pytest

from cchc.org.choices import UnitKind
from cchc.org.services import unit_create
from cchc.plans.tests.fixtures_thanh_hoa import ThanhHoaUnits, thanh_hoa_units
from cchc.plans.unit_matching import UnitMatch, UnitMatcher
from conftest import Org

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(org: Org) -> ThanhHoaUnits:
    return thanh_hoa_units(org)


@pytest.fixture
def matcher(units: ThanhHoaUnits) -> UnitMatcher:
    return UnitMatcher.valid_on()


def codes(match: UnitMatch) -> list[str]:
    return [unit.code for unit in match.units]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Văn phòng Sở", ["VP"]),
        ("van phong so", ["VP"]),
        ("VĂN PHÒNG SỞ Y TẾ", ["VP"]),
        ("Phòng TCCB", ["TCCB"]),
        ("Phòng KHTC", ["KHTC"]),
        ("Thanh tra Sở", ["TTRA"]),
        ("TTRA", ["TTRA"]),
        ("Phòng Tổ chức, Cán bộ", ["TCCB"]),
        ("Phong to chuc can bo", ["TCCB"]),
        ("Phòng Nghiệp vụ Dượcc", ["NVD"]),
        ("Phòng TCCB, Thanh tra Sở", ["TCCB", "TTRA"]),
        ("Phòng NVY và Phòng NVD", ["NVY", "NVD"]),
        ("Bộ phận một cửa", ["MC"]),
        ("bộ phận tiếp nhận Sở Y tế tại TTPVHCC", ["TTPVHCC"]),
    ],
)
def test_names_abbreviations_and_spelling_variants_find_the_unit(
    matcher: UnitMatcher, text: str, expected: list[str]
) -> None:
    match = matcher.match(text)
    assert codes(match) == expected
    assert match.unmatched == []


def test_groups_name_every_valid_unit_of_their_kind(org: Org, matcher: UnitMatcher) -> None:
    rooms = matcher.match("Các phòng, ban cơ quan Sở")
    assert set(codes(rooms)) == {"VP", "TCCB", "NVY", "TTRA", "KHTC", "NVD"}
    assert rooms.individual == []
    assert set(codes(matcher.match("Các đơn vị trực thuộc"))) == {"BVDK", "CDC"}
    assert set(codes(matcher.match("bộ phận một cửa tại đơn vị"))) == {"MC", "TTPVHCC"}
    both = matcher.match("Các phòng, ban cơ quan Sở; các đơn vị trực thuộc")
    assert set(codes(both)) == {"VP", "TCCB", "NVY", "TTRA", "KHTC", "NVD", "BVDK", "CDC"}
    assert both.unmatched == []


def test_units_no_longer_valid_are_left_out(org: Org, units: ThanhHoaUnits) -> None:
    unit_create(
        actor=None,
        code="NVYCU",
        name="Phòng Y tế dự phòng",
        kind=UnitKind.ROOM,
        parent=org.department,
        valid_to=datetime.date(2020, 12, 31),
    )
    matcher = UnitMatcher.valid_on(datetime.date(2021, 6, 1))
    assert "NVYCU" not in codes(matcher.match("Các phòng, ban cơ quan Sở"))
    assert matcher.match("Phòng Y tế dự phòng").units == []
    assert codes(UnitMatcher.valid_on(datetime.date(2020, 6, 1)).match("Phòng Y tế dự phòng")) == ["NVYCU"]


def test_what_matches_nothing_is_handed_back_as_written(matcher: UnitMatcher) -> None:
    match = matcher.match("Văn phòng Sở; Sở Tư pháp, Công an tỉnh")
    assert codes(match) == ["VP"]
    assert match.unmatched == ["Sở Tư pháp", "Công an tỉnh"]
    assert matcher.match("Phòng Ngoại vụ").units == []


def test_a_lead_cell_with_coordinating_parts_gives_one_lead(org: Org, matcher: UnitMatcher) -> None:
    found = matcher.task_units(
        "Văn phòng Sở phối hợp bộ phận tiếp nhận Sở Y tế tại Trung tâm hành chính công; bộ phận một cửa tại đơn vị.",
        "Các đơn vị trực thuộc",
    )
    assert found.lead == org.office
    assert {unit.code for unit in found.coordinating} == {"TTPVHCC", "MC", "BVDK", "CDC"}
    assert found.lead_match.unmatched == []


def test_a_lead_cell_naming_only_groups_has_no_lead(matcher: UnitMatcher) -> None:
    found = matcher.task_units("Các phòng, ban cơ quan Sở; các đơn vị trực thuộc được giao", "Văn phòng Sở")
    assert found.lead is None
    assert found.lead_is_group_only
    assert len(found.coordinating) == 8
