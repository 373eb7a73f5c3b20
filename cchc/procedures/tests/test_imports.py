"""Import of the catalogue: every problem named (row, column, reason), nothing half-written, twice = no change."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cchc.core.models import AuditEvent
from cchc.core.spreadsheets import SpreadsheetInvalid
from cchc.procedures.choices import DocumentForm, ProcedureStatus, PublicationAction
from cchc.procedures.imports import NEW, NEW_VERSION, UNCHANGED, catalogue_check, catalogue_import
from cchc.procedures.models import MinistryDecision, Procedure, ProcedureVersion, PublicationDecision
from cchc.procedures.tables import documents_from, fee_from
from cchc.procedures.tests.workbooks import HEADERS, catalogue_row, catalogue_xlsx, second_row
from conftest import Org


def check(content: bytes) -> Any:
    return catalogue_check(io.BytesIO(content), file_name="danh-muc.xlsx")


def run_import(org: Org, content: bytes) -> Any:
    plan = check(content)
    return catalogue_import(actor=org.office_focal, rows=plan.rows, columns=plan.columns)


def problems_of(content: bytes) -> list[str]:
    with pytest.raises(SpreadsheetInvalid) as caught:
        check(content)
    return caught.value.problems.messages()


def nothing_written() -> bool:
    return not (Procedure.objects.exists() or PublicationDecision.objects.exists() or MinistryDecision.objects.exists())


def test_a_good_file_is_reviewed_then_imported_with_its_decisions(org: Org) -> None:
    content = catalogue_xlsx([catalogue_row(), second_row()])
    plan = check(content)
    assert [item.kind for item in plan.items] == [NEW, NEW]
    assert plan.new_decisions == ["263/QĐ-UBND"] and plan.new_ministry_decisions == ["4567/QĐ-BYT"]
    assert nothing_written()
    summary = catalogue_import(actor=org.office_focal, rows=plan.rows, columns=plan.columns)
    assert (summary.created, summary.versioned) == (2, 0)
    food = Procedure.objects.get(code="2.000591.H38")
    version = food.current_version
    assert version is not None
    assert (version.time_limit_days, version.online_time_limit_days, version.fee_amount) == (20, 15, 1_000_000)
    assert [(d.name, d.form, d.count) for d in version.documents.all()] == [
        ("Đơn đề nghị", DocumentForm.ORIGINAL, 1),
        ("Giấy xác nhận đủ sức khỏe", DocumentForm.CERTIFIED_COPY, 2),
    ]
    assert food.field.name == "An toàn thực phẩm"
    decision = PublicationDecision.objects.get(number="263/QĐ-UBND")
    assert decision.ministry_decision is not None and decision.ministry_decision.number == "4567/QĐ-BYT"


def test_importing_the_same_file_twice_changes_nothing(org: Org) -> None:
    content = catalogue_xlsx([catalogue_row(), second_row()])
    run_import(org, content)
    versions, audits = ProcedureVersion.objects.count(), AuditEvent.objects.count()
    plan = check(content)
    assert [item.kind for item in plan.items] == [UNCHANGED, UNCHANGED]
    assert not plan.has_changes
    summary = catalogue_import(actor=org.office_focal, rows=plan.rows, columns=plan.columns)
    assert (summary.created, summary.versioned, summary.unchanged) == (0, 0, 2)
    assert (ProcedureVersion.objects.count(), AuditEvent.objects.count()) == (versions, audits)


def test_an_amending_file_makes_new_versions_and_abolishes(org: Org) -> None:
    run_import(org, catalogue_xlsx([catalogue_row(), second_row()]))
    amended = catalogue_xlsx(
        [
            catalogue_row(
                time_limit_days=25,
                action="Sửa đổi",
                decision_number="88/QĐ-UBND",
                decision_date="01/03/2024",
                ministry_number="",
                ministry_date="",
            ),
            second_row(
                action="Bãi bỏ",
                decision_number="88/QĐ-UBND",
                decision_date="01/03/2024",
                ministry_number="",
                ministry_date="",
            ),
        ]
    )
    plan = check(amended)
    assert [item.kind for item in plan.items] == [NEW_VERSION, "abolish"]
    assert [change.label for change in plan.items[0].changes] == ["Thời hạn giải quyết (ngày làm việc)"]
    catalogue_import(actor=org.office_focal, rows=plan.rows, columns=plan.columns)
    cosmetics = Procedure.objects.get(code="1.000948.H38")
    assert cosmetics.current_version is not None
    assert (cosmetics.current_version.number, cosmetics.current_version.action) == (2, PublicationAction.AMEND)
    assert cosmetics.versions.get(number=1).time_limit_days == 30
    assert Procedure.objects.get(code="2.000591.H38").status == ProcedureStatus.ABOLISHED


def test_every_bad_cell_is_named_and_nothing_is_written(org: Org) -> None:
    content = catalogue_xlsx(
        [
            catalogue_row(code="1.948.H38"),
            second_row(time_limit_days="ba mươi", decision_date="31/02/2022", unit="KHONGCO"),
            catalogue_row(code="1.000111.H38", online_payment="Có lẽ", ministry_date="01/01/2023"),
        ]
    )
    problems = problems_of(content)
    text = "\n".join(problems)
    assert "Dòng 2, cột A (Mã thủ tục): mã thủ tục “1.948.H38” không đúng dạng" in text
    assert "Dòng 3, cột F (Thời hạn giải quyết (ngày làm việc)): “ba mươi” không phải số ngày hợp lệ" in text
    assert "Dòng 3, cột R (Ngày QĐ công bố): “31/02/2022” không phải ngày hợp lệ" in text
    assert "Dòng 4, cột O (Thanh toán trực tuyến): “Có lẽ” không hợp lệ" in text
    assert "Dòng 4, cột U (Ngày QĐ của Bộ): ngày quyết định của Bộ (01/01/2023) sau ngày quyết định công bố" in text
    assert nothing_written()


def test_an_unknown_unit_is_named(org: Org) -> None:
    problems = problems_of(catalogue_xlsx([catalogue_row(unit="KHONGCO")]))
    assert problems == ["Dòng 2, cột E (Đơn vị giải quyết (mã đơn vị)): không tìm thấy đơn vị mã “KHONGCO”."]
    assert nothing_written()


def test_a_code_twice_in_the_file_is_refused(org: Org) -> None:
    problems = problems_of(catalogue_xlsx([catalogue_row(), second_row(), catalogue_row(name="Trùng")]))
    assert problems == ["Dòng 4, cột A (Mã thủ tục): mã thủ tục “1.000948.H38” trùng với dòng 2."]
    assert nothing_written()


def test_a_missing_column_and_an_empty_file_are_refused(org: Org) -> None:
    without_unit = [header for header in HEADERS if header != "Đơn vị giải quyết (mã đơn vị)"]
    assert (
        "thiếu cột: “Đơn vị giải quyết (mã đơn vị)”"
        in problems_of(catalogue_xlsx([catalogue_row()], headers=without_unit))[0]
    )
    assert problems_of(catalogue_xlsx([])) == ["Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."]


def test_a_decision_already_known_with_another_date_is_refused(org: Org) -> None:
    run_import(org, catalogue_xlsx([catalogue_row()]))
    problems = problems_of(catalogue_xlsx([second_row(decision_date="16/02/2022")]))
    assert problems == [
        "Dòng 2, cột R (Ngày QĐ công bố): quyết định 263/QĐ-UBND đã có trong hệ thống với ngày 15/02/2022."
    ]
    assert not Procedure.objects.filter(code="2.000591.H38").exists()


def test_cells_are_read_as_catalogues_write_them() -> None:
    assert fee_from("6.000.000 đồng")[0] == 6_000_000
    assert fee_from("Không")[0] == 0
    assert fee_from("Theo Thông tư 277/2016/TT-BTC") == (0, "Theo Thông tư 277/2016/TT-BTC")
    documents = documents_from("1. Đơn đề nghị (bản chính, 01 bản)\n2. Bản sao GCN ĐKDN (Giấy CN)\n+ Hợp đồng (02 bản)")
    assert [(d.name, d.form, d.count) for d in documents] == [
        ("Đơn đề nghị", DocumentForm.ORIGINAL, 1),
        ("Bản sao GCN ĐKDN (Giấy CN)", DocumentForm.ORIGINAL_OR_COPY, 1),
        ("Hợp đồng", DocumentForm.ORIGINAL_OR_COPY, 2),
    ]


# ---- Through the pages: disguised and oversized files, review and confirm ----


def upload(client: Client, name: str, content: bytes) -> Any:
    return client.post("/procedures/import/", {"file": SimpleUploadedFile(name, content)})


def test_a_text_file_named_xlsx_is_refused(org: Org, client_for: Callable[..., Client]) -> None:
    response = upload(client_for(org.office_focal), "danh-muc.xlsx", "Mã thủ tục;Tên\n1.000948.H38;x\n".encode())
    assert response.status_code == 200
    assert "không đúng loại: cần Excel (.xlsx), nội dung tệp là CSV" in response.content.decode()
    assert nothing_written()


def test_an_oversized_file_is_refused(org: Org, client_for: Callable[..., Client], settings: Any) -> None:
    settings.CCHC_MAX_UPLOAD_BYTES = 1024
    response = upload(client_for(org.office_focal), "danh-muc.xlsx", catalogue_xlsx([catalogue_row()] * 1))
    assert "vượt giới hạn" in response.content.decode()
    assert nothing_written()


def test_a_broken_workbook_is_refused(org: Org, client_for: Callable[..., Client]) -> None:
    content = catalogue_xlsx([catalogue_row()])
    broken = content[:200] + b"\x00" * 50 + content[250:]
    response = upload(client_for(org.office_focal), "danh-muc.xlsx", broken)
    assert response.status_code in (200, 400)
    assert "chưa có dữ liệu nào được ghi" in response.content.decode() or "không đúng loại" in response.content.decode()
    assert nothing_written()


def test_review_then_confirm_through_the_pages(org: Org, client_for: Callable[..., Client]) -> None:
    client = client_for(org.office_focal)
    response = upload(client, "danh-muc.xlsx", catalogue_xlsx([catalogue_row(), second_row()]))
    assert response["Location"] == "/procedures/import/review/"
    review = client.get("/procedures/import/review/").content.decode()
    assert "2 thủ tục mới" in review and "Thủ tục mới" in review
    assert nothing_written()
    response = client.post("/procedures/import/review/")
    assert response["Location"] == "/procedures/"
    assert Procedure.objects.count() == 2
    assert client.get("/procedures/import/review/")["Location"] == "/procedures/import/"


def test_the_template_and_the_export_import_back_unchanged(org: Org, client_for: Callable[..., Client]) -> None:
    client = client_for(org.office_focal)
    template = client.get("/procedures/import/template/")
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    run_import(org, catalogue_xlsx([catalogue_row(), second_row()]))
    exported = client.get("/procedures/?export=xlsx").content
    plan = check(exported)
    assert [item.kind for item in plan.items] == [UNCHANGED, UNCHANGED]


def test_moving_a_procedure_to_another_unit_is_shown_and_applied_without_a_new_version(org: Org) -> None:
    run_import(org, catalogue_xlsx([catalogue_row()]))
    plan = check(catalogue_xlsx([catalogue_row(unit="VP")]))
    assert plan.items[0].kind == UNCHANGED and plan.items[0].notes and plan.has_changes
    catalogue_import(actor=org.office_focal, rows=plan.rows, columns=plan.columns)
    procedure = Procedure.objects.get(code="1.000948.H38")
    assert procedure.resolving_unit == org.office and procedure.versions.count() == 1
