"""Default instruments as data, and instruments as XLSX: export, import as a new version, and refused files
that leave everything as it was."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from cchc.core.spreadsheets import SpreadsheetInvalid
from cchc.surveys.answers import version_schema
from cchc.surveys.default_instruments import DEFAULT_INSTRUMENTS
from cchc.surveys.instrument_tables import ITEM_SHEET, SECTION_SHEET, sections_from_xlsx, version_xlsx
from cchc.surveys.models.instruments import Instrument, InstrumentVersion, Item, Section
from cchc.surveys.services import instrument_version_import, instruments_ensure_defaults
from conftest import Org

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int, int]:
    return (
        Instrument.objects.count(),
        InstrumentVersion.objects.count(),
        Section.objects.count(),
        Item.objects.count(),
    )


def test_the_three_defaults_exist_after_migration_and_ensuring_them_again_changes_nothing() -> None:
    assert set(Instrument.objects.values_list("code", flat=True)) >= {"BYT-M1", "BYT-M2", "SIPAS"}
    before = counts()
    assert instruments_ensure_defaults() == []
    assert counts() == before


def test_inpatient_form_has_the_ministry_structure() -> None:
    version = Instrument.objects.get(code="BYT-M1").versions.get(number=1)
    schema = version_schema(version)
    likert = [item.code for item in schema.items if item.kind == "likert"]
    expected = (
        [f"A{n}" for n in range(1, 6)]
        + [f"B{n}" for n in range(1, 8)]
        + [f"C{n}" for n in range(1, 12)]
        + [f"D{n}" for n in range(1, 8)]
        + [f"E{n}" for n in range(1, 7)]
    )
    assert likert == expected
    assert all(item.counts_for_index for item in schema.items if item.kind == "likert")
    assert [section.code for section in schema.sections if section.factor] == ["A", "B", "C", "D", "E"]
    by_code = {item.code: item for item in schema.items}
    assert by_code["G1"].purpose == "expectation" and by_code["G1"].max_value == 100
    assert by_code["G2"].purpose == "would_return"
    assert by_code["G3"].kind == by_code["G4"].kind == "text"
    assert {item.code for item in schema.items if item.purpose == "respondent_group"} == {"I2", "I3", "I4"}


def test_sipas_form_has_the_five_factors_of_decision_1001() -> None:
    version = Instrument.objects.get(code="SIPAS").versions.get(number=1)
    titles = [section.title for section in version_schema(version).sections if section.factor]
    assert len(titles) == 5
    assert titles[0] == "Tiếp cận dịch vụ" and "góp ý, phản ánh, kiến nghị" in titles[4]


def test_export_then_import_makes_a_new_identical_version(org: Org) -> None:
    instrument = Instrument.objects.get(code="BYT-M2")
    first = instrument.versions.get(number=1)
    sections = sections_from_xlsx(io.BytesIO(version_xlsx(first)))
    second = instrument_version_import(actor=org.office_focal, instrument=instrument, sections=sections, note="Thử")
    assert second.number == 2
    old, new = version_schema(first), version_schema(second)
    assert [(i.code, i.text, i.kind, i.options, i.condition_item, i.purpose) for i in old.items] == [
        (i.code, i.text, i.kind, i.options, i.condition_item, i.purpose) for i in new.items
    ]
    assert first.items.count() == second.items.count()  # the old version is untouched


def workbook(sections: list[list[object]], items: list[list[object]]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.title = SECTION_SHEET
    sheet.append(["Mã phần", "Tiêu đề phần", "Là yếu tố của chỉ số"])
    for row in sections:
        sheet.append(row)
    item_sheet = book.create_sheet(ITEM_SHEET)
    item_sheet.append(["Thuộc phần", "Mã câu hỏi", "Nội dung câu hỏi", "Kiểu trả lời", "Bắt buộc", "Tính vào chỉ số"])
    for row in items:
        item_sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def problems_of(stream: io.BytesIO) -> list[str]:
    with pytest.raises(SpreadsheetInvalid) as invalid:
        sections_from_xlsx(stream)
    return invalid.value.problems.messages()


def test_malformed_file_is_refused() -> None:
    before = counts()
    messages = problems_of(io.BytesIO(b"PK\x03\x04 this is not a workbook"))
    assert messages[0].startswith("Không đọc được tệp Excel")
    assert counts() == before


def test_duplicate_item_code_is_reported_with_its_row_and_column() -> None:
    messages = problems_of(
        workbook(
            [["A", "Tiếp cận", "Có"]],
            [["A", "A1", "Biển báo rõ", "likert", "Không", "Có"], ["A", "A1", "Lối đi", "likert", "Không", "Có"]],
        )
    )
    assert messages == ["Dòng 3, cột B (Mã câu hỏi, trang “Câu hỏi”): mã câu hỏi A1 bị trùng."]


def test_unknown_kind_is_reported_and_known_labels_are_accepted() -> None:
    messages = problems_of(
        workbook(
            [["A", "Tiếp cận", "Có"]],
            [
                ["A", "A1", "Biển báo rõ", "Có / Không", "Không", "Không"],
                ["A", "A2", "Lối đi", "thang 7", "Không", "Không"],
            ],
        )
    )
    assert len(messages) == 1
    assert messages[0].startswith("Dòng 3, cột D (Kiểu trả lời, trang “Câu hỏi”): kiểu trả lời “thang 7” không có")


def test_missing_sheet_and_unknown_section_are_reported() -> None:
    book = Workbook()
    book.active.title = "Trang 1"
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    assert "hai trang tính" in problems_of(buffer)[0]
    messages = problems_of(workbook([["A", "Tiếp cận", "Có"]], [["Z", "Z1", "Câu", "likert", "Không", "Có"]]))
    assert "phần “Z” không có" in messages[0]


def test_a_refused_import_writes_nothing(org: Org, client_for) -> None:  # type: ignore[no-untyped-def]
    instrument = Instrument.objects.get(code="SIPAS")
    before = counts()
    stream = workbook([["A", "Tiếp cận", "Có"]], [["A", "A1", "Biển báo", "không rõ", "Không", "Có"]])
    stream.name = "sipas.xlsx"
    response = client_for(org.office_focal).post(
        f"/surveys/instruments/{instrument.pk}/import/", {"file": stream, "note": "x"}
    )
    assert response.status_code == 400
    assert "kiểu trả lời “không rõ” không có" in response.content.decode()
    assert counts() == before


def test_import_through_the_page_creates_version_2(org: Org, client_for) -> None:  # type: ignore[no-untyped-def]
    instrument = Instrument.objects.get(code="SIPAS")
    stream = io.BytesIO(version_xlsx(instrument.versions.get(number=1)))
    book = load_workbook(stream)
    book[ITEM_SHEET]["C2"] = "Nơi ngồi chờ rộng rãi, đủ chỗ ngồi."
    edited = io.BytesIO()
    book.save(edited)
    edited.seek(0)
    edited.name = "sipas.xlsx"
    response = client_for(org.office_focal).post(f"/surveys/instruments/{instrument.pk}/import/", {"file": edited})
    assert response.status_code == 302
    version = instrument.versions.get(number=2)
    assert version.items.order_by("order").first().text == "Nơi ngồi chờ rộng rãi, đủ chỗ ngồi."  # type: ignore[union-attr]


def test_default_specification_codes_are_unique_per_instrument() -> None:
    for spec in DEFAULT_INSTRUMENTS:
        codes = [item["code"] for section in spec["sections"] for item in section["items"]]
        assert len(codes) == len(set(codes)), spec["code"]


def test_editing_questions_on_screen_makes_a_new_version(org: Org, client_for) -> None:  # type: ignore[no-untyped-def]
    instrument = Instrument.objects.get(code="BYT-M1")
    client = client_for(org.office_focal)
    assert client.get(f"/surveys/instruments/{instrument.pk}/questions/").status_code == 200
    version = instrument.versions.get(number=1)
    form = {f"text-{item.code}": item.text for item in version.items.all()}
    form.update({f"counts-{item.code}": "on" for item in version.items.filter(counts_for_index=True)})
    assert client.post(f"/surveys/instruments/{instrument.pk}/questions/", form).status_code == 302
    assert instrument.versions.count() == 1  # nothing changed: no new version
    form["text-A2"] = "Giờ thăm người bệnh được thông báo rõ ràng."
    form["required-A2"] = "on"
    client.post(f"/surveys/instruments/{instrument.pk}/questions/", {**form, "note": "Sửa A2"})
    new = instrument.versions.get(number=2)
    item = new.items.get(code="A2")
    assert (item.text, item.required, item.counts_for_index) == (
        "Giờ thăm người bệnh được thông báo rõ ràng.",
        True,
        True,
    )
    assert version.items.get(code="A2").text.startswith("Thời gian vào thăm")
    form["text-A3"] = " "
    response = client.post(f"/surveys/instruments/{instrument.pk}/questions/", form)
    assert response.status_code == 400 and "A3: nội dung không được để trống" in response.content.decode()
    assert instrument.versions.count() == 2
    assert client_for(org.specialist).get(f"/surveys/instruments/{instrument.pk}/questions/").status_code == 403
    assert client_for(None).get(f"/surveys/instruments/{instrument.pk}/questions/").status_code == 302
