"""XLSX import of units and people: each wrong row named by row and column; nothing written unless all are right."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from cchc.core.models import AuditEvent
from cchc.core.spreadsheets import SpreadsheetInvalid
from cchc.org.imports import people_import_xlsx, units_import_xlsx
from cchc.org.models import Unit, User
from conftest import Org

UNIT_HEADER = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Loại đơn vị",
    "Mã đơn vị cấp trên",
    "Hiệu lực từ ngày",
    "Hiệu lực đến ngày",
    "Mã đơn vị tiền thân",
]
PERSON_HEADER = ["Tên đăng nhập", "Họ và tên", "Email", "Mã đơn vị", "Chức vụ", "Vai trò"]


def workbook(rows: list[list[Any]]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def problems_of(error: pytest.ExceptionInfo[SpreadsheetInvalid]) -> list[str]:
    return error.value.problems.messages()


def test_units_import_creates_the_tree_with_parents_defined_later_in_the_file(org: Org) -> None:
    stream = workbook(
        [
            UNIT_HEADER,
            ["KSBT-KHOA", "Khoa Kiểm soát dịch bệnh", "Đơn vị trực thuộc", "CDC", "", "", ""],
            ["CDC", "Trung tâm Kiểm soát bệnh tật", "subordinate", "SYT", "01/01/2025", "", ""],
        ]
    )
    summary = units_import_xlsx(actor=org.admin, stream=stream)
    assert (summary.created, summary.updated) == (2, 0)
    assert Unit.objects.get(code="KSBT-KHOA").parent == Unit.objects.get(code="CDC")
    assert Unit.objects.get(code="CDC").valid_from.isoformat() == "2025-01-01"  # type: ignore[union-attr]


def test_headers_match_without_diacritics_or_case(org: Org) -> None:
    stream = workbook([["ma don vi", "TEN DON VI", "loai don vi"], ["NEW", "Đơn vị mới", "room"]])
    assert units_import_xlsx(actor=org.admin, stream=stream).created == 1


def test_missing_required_column_is_named(org: Org) -> None:
    with pytest.raises(SpreadsheetInvalid) as error:
        units_import_xlsx(actor=org.admin, stream=workbook([["Mã đơn vị", "Tên"], ["X", "Y"]]))
    assert problems_of(error) == ["Dòng tiêu đề (dòng 1) thiếu cột: “Tên đơn vị”, “Loại đơn vị”."]


def test_every_bad_row_is_reported_with_row_and_column_and_nothing_is_written(org: Org) -> None:
    units_before = Unit.objects.count()
    audit_before = AuditEvent.objects.count()
    stream = workbook(
        [
            UNIT_HEADER,
            ["OK1", "Đơn vị đúng", "room", "SYT", "", "", ""],
            ["BAD1", "Cấp trên sai", "room", "XYZ", "", "", ""],
            ["BAD2", "Ngày sai", "room", "", "31/02/2025", "", ""],
            ["BAD3", "Loại sai", "bệnh xá", "", "", "", ""],
            ["OK1", "Trùng mã", "room", "", "", "", ""],
            ["BAD4", "Tiền thân sai", "room", "", "", "", "KHONGCO"],
        ]
    )
    with pytest.raises(SpreadsheetInvalid) as error:
        units_import_xlsx(actor=org.admin, stream=stream)
    assert problems_of(error) == [
        "Dòng 4, cột E (Hiệu lực từ ngày): “31/02/2025” không phải ngày hợp lệ (dd/mm/yyyy).",
        "Dòng 5, cột C (Loại đơn vị): loại đơn vị “bệnh xá” không có trong danh mục.",
        "Dòng 6, cột A (Mã đơn vị): mã “OK1” trùng với dòng 2.",
        "Dòng 3, cột D (Mã đơn vị cấp trên): không tìm thấy đơn vị mã “XYZ”.",
        "Dòng 7, cột G (Mã đơn vị tiền thân): không tìm thấy đơn vị mã “KHONGCO”.",
    ]
    assert Unit.objects.count() == units_before
    assert AuditEvent.objects.count() == audit_before


def test_cycle_in_the_file_is_refused_and_rolled_back(org: Org) -> None:
    stream = workbook([UNIT_HEADER, ["A1", "A", "room", "B1"], ["B1", "B", "room", "A1"]])
    with pytest.raises(SpreadsheetInvalid) as error:
        units_import_xlsx(actor=org.admin, stream=stream)
    assert any("cấp dưới" in message for message in problems_of(error))
    assert not Unit.objects.filter(code__in=["A1", "B1"]).exists()


def test_file_that_is_not_a_workbook_is_refused(org: Org) -> None:
    with pytest.raises(SpreadsheetInvalid) as error:
        units_import_xlsx(actor=org.admin, stream=io.BytesIO(b"%PDF-1.4 not a workbook"))
    assert problems_of(error)[0].startswith("Không đọc được tệp Excel")


def test_people_import_sets_unit_and_roles_by_their_labels(org: Org) -> None:
    stream = workbook(
        [
            PERSON_HEADER,
            [
                "nva",
                "Nguyễn Văn A",
                "nva@syt.test",
                "nvy",
                "Chuyên viên",
                "Chuyên viên; Thành viên Ban Chỉ đạo, Tổ giúp việc CCHC",
            ],
        ]
    )
    summary = people_import_xlsx(actor=org.tccb_officer, stream=stream)
    person = User.objects.get(username="nva")
    assert summary.created == 1
    assert person.unit == org.medical
    assert person.role_codes == {"specialist", "steering_member"}


def test_people_import_reports_unknown_unit_role_and_taken_email(org: Org) -> None:
    stream = workbook(
        [
            PERSON_HEADER,
            ["x1", "Người X", "specialist@syt.test", "NVY", "", ""],
            ["x2", "Người Y", "", "KHONGCO", "", "Giám đốc"],
            ["", "Không tên đăng nhập", "", "", "", ""],
        ]
    )
    with pytest.raises(SpreadsheetInvalid) as error:
        people_import_xlsx(actor=org.tccb_officer, stream=stream)
    assert problems_of(error) == [
        "Dòng 2, cột C (Email): email “specialist@syt.test” đã thuộc về tài khoản khác.",
        "Dòng 3, cột D (Mã đơn vị): không tìm thấy đơn vị mã “KHONGCO”.",
        "Dòng 3, cột F (Vai trò): vai trò “Giám đốc” không có trong danh mục.",
        "Dòng 4, cột A (Tên đăng nhập): tên đăng nhập không được để trống.",
    ]
    assert not User.objects.filter(username__in=["x1", "x2"]).exists()


def test_exported_units_import_back_without_any_change(org: Org, client_for: Callable[..., Client]) -> None:
    exported = client_for(org.admin).get("/org/units/?export=xlsx")
    audit_before = AuditEvent.objects.count()
    summary = units_import_xlsx(actor=org.admin, stream=io.BytesIO(exported.content))
    assert summary.updated == Unit.objects.count()
    assert AuditEvent.objects.count() == audit_before


def test_exported_people_import_back_without_any_change(org: Org, client_for: Callable[..., Client]) -> None:
    exported = client_for(org.admin).get("/org/people/?export=xlsx")
    audit_before = AuditEvent.objects.count()
    summary = people_import_xlsx(actor=org.admin, stream=io.BytesIO(exported.content))
    assert summary.updated == User.objects.count()
    assert AuditEvent.objects.count() == audit_before


def test_import_page_lists_the_problems_and_keeps_the_data(org: Org, client_for: Callable[..., Client]) -> None:
    content = workbook([UNIT_HEADER, ["BAD", "Sai", "room", "XYZ"]]).getvalue()
    upload = SimpleUploadedFile("don-vi.xlsx", content)
    response = client_for(org.admin).post("/org/units/import/", {"file": upload})
    assert response.status_code == 200
    assert "Dòng 2, cột D (Mã đơn vị cấp trên): không tìm thấy đơn vị mã “XYZ”." in response.content.decode()
    assert not Unit.objects.filter(code="BAD").exists()


def test_import_page_refuses_a_disguised_file(org: Org, client_for: Callable[..., Client]) -> None:
    upload = SimpleUploadedFile("don-vi.xlsx", b"%PDF-1.4 disguised")
    response = client_for(org.admin).post("/org/units/import/", {"file": upload})
    assert "nội dung tệp là PDF" in response.content.decode()


def test_successful_import_page_redirects_with_a_summary(org: Org, client_for: Callable[..., Client]) -> None:
    upload = SimpleUploadedFile("don-vi.xlsx", workbook([UNIT_HEADER, ["NEW", "Mới", "room", "SYT"]]).getvalue())
    response = client_for(org.admin).post("/org/units/import/", {"file": upload}, follow=True)
    assert "1 dòng mới, 0 dòng cập nhật" in response.content.decode()


def test_a_column_missing_from_the_file_leaves_that_field_unchanged(org: Org) -> None:
    stream = workbook(
        [["Tên đăng nhập", "Họ và tên", "Chức vụ"], ["specialist", "Hoàng Chuyên Viên", "Chuyên viên chính"]]
    )
    people_import_xlsx(actor=org.admin, stream=stream)
    org.specialist.refresh_from_db()
    assert org.specialist.position == "Chuyên viên chính"
    assert org.specialist.unit == org.medical
    assert org.specialist.email == "specialist@syt.test"
    assert set(org.specialist.role_assignments.values_list("role", flat=True)) == {"specialist"}


def test_units_file_without_parent_column_keeps_the_tree(org: Org) -> None:
    units_import_xlsx(
        actor=org.admin, stream=workbook([["Mã đơn vị", "Tên đơn vị", "Loại đơn vị"], ["NVY", "Phòng NV Y", "room"]])
    )
    org.medical.refresh_from_db()
    assert org.medical.name == "Phòng NV Y"
    assert org.medical.parent == org.department
