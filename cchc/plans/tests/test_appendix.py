"""Import of a plan's appendix table from DOCX and XLSX, its export, and the round trip between them."""

import copy
import datetime
import io
from collections import Counter
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import Workbook, load_workbook

from cchc.core.models import AuditEvent
from cchc.core.spreadsheets import SpreadsheetInvalid
from cchc.core.uploads import FileKind, upload_check
from cchc.plans.appendix import AppendixCheck, appendix_check, appendix_import, appendix_read
from cchc.plans.appendix_export import appendix_docx, appendix_xlsx
from cchc.plans.choices import Recurrence
from cchc.plans.models import Plan, ReformArea, Task
from cchc.plans.services import plan_create, task_create, task_update
from cchc.plans.tests.fixtures_thanh_hoa import (
    APPENDIX,
    TASKS_PER_AREA,
    ThanhHoaUnits,
    thanh_hoa_docx,
    thanh_hoa_units,
    thanh_hoa_xlsx,
)
from conftest import Org

pytestmark = pytest.mark.django_db


def make_plan(org: Org, number: str = "4350/KH-SYT") -> Plan:
    return plan_create(
        actor=org.office_focal,
        kind="plan",
        number=number,
        issued_on=datetime.date(2020, 12, 24),
        title="Kế hoạch Cải cách hành chính năm 2021 của Sở Y tế Thanh Hóa",
        year=2021,
        issuer="Sở Y tế",
    )


def check(plan: Plan, content: bytes, kind: FileKind, name: str = "phu-luc.docx") -> AppendixCheck:
    return appendix_check(plan=plan, table=appendix_read(io.BytesIO(content), kind), file_name=name)


def import_file(org: Org, plan: Plan, content: bytes, kind: FileKind) -> list[Task]:
    checked = check(plan, content, kind)
    assert not checked.errors, checked.errors.messages()
    return appendix_import(actor=org.office_focal, plan=plan, rows=checked.tasks, file_name="phu-luc")


@pytest.fixture
def units(org: Org) -> ThanhHoaUnits:
    return thanh_hoa_units(org)


@pytest.fixture
def imported(org: Org, units: ThanhHoaUnits) -> Plan:
    plan = make_plan(org)
    import_file(org, plan, thanh_hoa_docx(), FileKind.DOCX)
    return plan


def ordered_tasks(plan: Plan) -> list[Task]:
    return list(plan.tasks.order_by("area__sort_order", "sort_order", "pk").prefetch_related("coordinating_units"))


def task_by_title(plan: Plan, start: str, area: str) -> Task:
    return plan.tasks.get(area__code=area, title__startswith=start)


def codes(units: Any) -> set[str]:
    return {unit.code for unit in units.all()}


ROOMS = {"VP", "TCCB", "NVY", "TTRA", "KHTC", "NVD"}
SUBORDINATES = {"BVDK", "CDC"}


def test_thanh_hoa_docx_imports_every_task_under_its_area(imported: Plan) -> None:
    counts = Counter(imported.tasks.values_list("area__code", flat=True))
    assert dict(counts) == TASKS_PER_AREA
    assert imported.tasks.count() == 32


def test_tasks_keep_the_letters_order_and_texts(imported: Plan) -> None:
    tasks = ordered_tasks(imported)
    expected = [row for _general, rows in APPENDIX for row in rows if not isinstance(row, str)]
    assert [
        (task.title, task.product, task.lead_text, task.coordinating_text, task.timeframe_text) for task in tasks
    ] == [tuple(row) for row in expected]


def test_general_task_is_kept_unless_it_only_names_its_area(imported: Plan) -> None:
    assert task_by_title(imported, "1. Thực hiện quản lý văn bản đi", "I").general_task == ""
    assert task_by_title(imported, "3. Kiểm tra đánh giá", "III").general_task == "III. Cải cách tổ chức bộ máy"
    assert (
        task_by_title(imported, "4. Tổ chức kiểm tra", "VII").general_task
        == "VII. Công tác chỉ đạo, điều hành, tuyên truyền về CCHC"
    )


def test_lead_and_coordinating_units_of_rows_checked_by_hand(imported: Plan, org: Org) -> None:
    first = task_by_title(imported, "1. Thực hiện quản lý văn bản đi", "I")
    assert first.lead_unit == org.office
    assert codes(first.coordinating_units) == (ROOMS - {"VP"}) | SUBORDINATES

    inspection = task_by_title(imported, "3. Kiểm tra đánh giá", "III")
    assert inspection.lead_unit == org.personnel
    assert inspection.lead_text == "Phòng TCCB, Thanh tra Sở"
    assert codes(inspection.coordinating_units) == (ROOMS - {"TCCB"}) | SUBORDINATES

    job_positions = task_by_title(imported, "2. Hướng dẫn các đơn vị trực thuộc", "III")
    assert job_positions.lead_unit == org.personnel
    assert codes(job_positions.coordinating_units) == SUBORDINATES

    online = task_by_title(imported, "4. Đẩy mạnh việc giải quyết TTHC", "II")
    assert online.lead_unit == org.office
    assert codes(online.coordinating_units) == (ROOMS - {"VP"}) | SUBORDINATES | {"MC", "TTPVHCC"}
    online_services = task_by_title(imported, "3. Tăng cường tỷ lệ hồ sơ", "VI")
    assert codes(online_services.coordinating_units) == codes(online.coordinating_units)

    finance = task_by_title(imported, "1. Kiện toàn quy chế chi tiêu", "V")
    assert finance.lead_unit is not None and finance.lead_unit.code == "KHTC"
    assert finance.coordinating_text == ""
    assert not finance.coordinating_units.exists()

    legal = task_by_title(imported, "3. Phối hợp với Sở Tư pháp", "I")
    assert legal.lead_unit is None
    assert legal.lead_text == "Các phòng, ban cơ quan Sở; các đơn vị trực thuộc được giao"
    assert codes(legal.coordinating_units) == ROOMS | SUBORDINATES


def test_due_dates_follow_the_time_frames(imported: Plan) -> None:
    regular = task_by_title(imported, "1. Thực hiện quản lý văn bản đi", "I")
    assert regular.recurrence == Recurrence.QUARTERLY
    assert [occurrence.due_date for occurrence in regular.occurrences.order_by("due_date")] == [
        datetime.date(2021, 3, 31),
        datetime.date(2021, 6, 30),
        datetime.date(2021, 9, 30),
        datetime.date(2021, 12, 31),
    ]
    assert task_by_title(imported, "4. Thực hiện việc rà soát", "I").due_date == datetime.date(2021, 12, 31)
    assert task_by_title(imported, "1. Kiện toàn quy chế", "V").due_date == datetime.date(2021, 3, 31)
    assert task_by_title(imported, "3. Kiểm tra đánh giá", "III").due_date == datetime.date(2021, 12, 31)
    assert task_by_title(imported, "2. Xây dựng kế hoạch đào tạo", "IV").due_date == datetime.date(2021, 1, 31)
    assert not imported.tasks.filter(needs_date_review=True).exists()


def test_import_is_audited_once_on_the_plan_and_once_per_task(imported: Plan) -> None:
    plan_events = AuditEvent.objects.filter(action="appendix_import", object_id=str(imported.pk))
    assert [event.note for event in plan_events] == ["Nhập 32 nhiệm vụ từ phụ lục phu-luc."]
    assert AuditEvent.objects.filter(action="task_create").count() == 32


def test_thanh_hoa_xlsx_imports_the_same_tasks_as_the_docx(org: Org, imported: Plan) -> None:
    from_xlsx = make_plan(org, "4350b/KH-SYT")
    import_file(org, from_xlsx, thanh_hoa_xlsx(), FileKind.XLSX)
    assert snapshot(from_xlsx) == snapshot(imported)


def test_a_second_import_adds_after_the_tasks_already_there(org: Org, imported: Plan) -> None:
    checked = check(imported, thanh_hoa_docx(), FileKind.DOCX)
    assert any("đã có 32 nhiệm vụ" in message for message in checked.warnings.messages())
    appendix_import(actor=org.office_focal, plan=imported, rows=checked.tasks[:1])
    assert imported.tasks.order_by("-sort_order").first().sort_order == 33  # type: ignore[union-attr]


# ---- Round trip ----


def snapshot(plan: Plan) -> list[tuple[Any, ...]]:
    return [
        (
            task.area.code,
            task.general_task,
            task.title,
            task.product,
            task.lead_unit_id,
            tuple(sorted(unit.pk for unit in task.coordinating_units.all())),
            task.lead_text,
            task.coordinating_text,
            task.timeframe_text,
            task.due_date,
            task.recurrence,
            task.needs_date_review,
        )
        for task in ordered_tasks(plan)
    ]


@pytest.mark.parametrize(("export", "kind"), [(appendix_docx, FileKind.DOCX), (appendix_xlsx, FileKind.XLSX)])
def test_round_trip_of_the_thanh_hoa_plan_is_identical(org: Org, imported: Plan, export: Any, kind: FileKind) -> None:
    copy_plan = make_plan(org, "copy/KH-SYT")
    import_file(org, copy_plan, export(imported), kind)
    assert snapshot(copy_plan) == snapshot(imported)


@pytest.mark.parametrize(("export", "kind"), [(appendix_docx, FileKind.DOCX), (appendix_xlsx, FileKind.XLSX)])
def test_round_trip_of_tasks_made_by_hand_keeps_their_units(
    org: Org, units: ThanhHoaUnits, export: Any, kind: FileKind
) -> None:
    plan = make_plan(org)
    area = ReformArea.objects.get(code="II")
    task_create(
        actor=org.office_focal,
        plan=plan,
        area=area,
        title="Rà soát quy trình nội bộ\ngiải quyết thủ tục hành chính",
        product="Báo cáo",
        lead_unit=org.medical,
        coordinating_units=[org.office, units.cdc],
        coordinating_text="Văn phòng Sở; Trung tâm Kiểm soát bệnh tật tỉnh",
        timeframe_text="Quý II/2021",
        sort_order=1,
    )
    moved = task_create(
        actor=org.office_focal,
        plan=plan,
        area=area,
        general_task="Nhiệm vụ bổ sung",
        title="Công khai thủ tục hành chính bằng mã QR",
        lead_unit=org.office,
        lead_text="Văn phòng Sở",
        timeframe_text="Tháng 6/2021",
        sort_order=2,
    )
    # Lead unit changed after the fact: the text no longer names it, so the export writes the unit's name.
    task_update(actor=org.office_focal, task=moved, lead_unit=org.inspectorate, coordinating_units=[org.one_stop])
    copy_plan = make_plan(org, "copy/KH-SYT")
    import_file(org, copy_plan, export(plan), kind)
    original, copied = snapshot(plan), snapshot(copy_plan)
    assert copied[0] == original[0]
    assert copied[1][:6] == original[1][:6]
    assert copied[1][8:] == original[1][8:]
    assert (copied[1][6], copied[1][7]) == ("Thanh tra Sở", "Bộ phận một cửa")


def test_docx_export_is_a_landscape_table_with_the_general_task_merged(imported: Plan) -> None:
    document = Document(io.BytesIO(appendix_docx(imported)))
    section = document.sections[0]
    assert section.page_width > section.page_height
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "KẾ HOẠCH TRIỂN KHAI CÁC NHIỆM VỤ TRỌNG TÂM CẢI CÁCH HÀNH CHÍNH NĂM 2021" in texts
    assert "(Kèm theo Kế hoạch số 4350/KH-SYT ngày 24/12/2020)" in texts
    table = document.tables[-1]
    assert [cell.text for cell in table.rows[0].cells] == [
        "Nhiệm vụ chung",
        "Nhiệm vụ cụ thể",
        "Sản phẩm",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian thực hiện",
    ]
    assert len(table.rows) == 33
    area_one = [row.cells[0] for row in table.rows[1:6]]
    assert {cell._tc for cell in area_one} == {area_one[0]._tc}
    assert area_one[0].text == "I. Cải cách thể chế"
    assert table.rows[6].cells[0].text == "II. Cải cách thủ tục hành chính"


def test_xlsx_export_has_one_row_per_task_and_merged_general_tasks(imported: Plan) -> None:
    sheet = load_workbook(io.BytesIO(appendix_xlsx(imported))).worksheets[0]
    assert sheet.cell(row=4, column=2).value == "Nhiệm vụ cụ thể"
    assert sheet.max_row == 4 + 32
    assert "A5:A9" in {str(merged) for merged in sheet.merged_cells.ranges}
    assert sheet.cell(row=5, column=1).value == "I. Cải cách thể chế"


# ---- Bad input: nothing half-written ----


def writes() -> tuple[int, int]:
    return Task.objects.count(), AuditEvent.objects.count()


def changed_appendix(area: int, row: int, column: int, value: str) -> list[Any]:
    appendix = copy.deepcopy(APPENDIX)
    rows = appendix[area][1]
    cells = list(rows[row])
    cells[column] = value
    rows[row] = tuple(cells)  # type: ignore[call-overload]
    return appendix


def test_wrong_columns_are_refused_before_anything_is_read(org: Org, units: ThanhHoaUnits) -> None:
    document = Document()
    table = document.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ["STT", "Nội dung công việc", "Đơn vị", "Thời hạn"], strict=True):
        cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    before = writes()
    with pytest.raises(SpreadsheetInvalid) as refused:
        appendix_read(io.BytesIO(buffer.getvalue()), FileKind.DOCX)
    assert "“Nhiệm vụ chung”" in refused.value.problems.messages()[0]
    assert writes() == before


def test_missing_column_in_xlsx_is_named(org: Org) -> None:
    workbook = Workbook()
    workbook.active.append(["Nhiệm vụ chung", "Nhiệm vụ cụ thể", "Sản phẩm", "Cơ quan phối hợp", "Thời gian thực hiện"])
    workbook.active.append(["I. Cải cách thể chế", "Việc", "Sản phẩm", "Văn phòng Sở", "Trong năm"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(SpreadsheetInvalid) as refused:
        appendix_read(io.BytesIO(buffer.getvalue()), FileKind.XLSX)
    assert refused.value.problems.messages() == [
        "Dòng tiêu đề của bảng phụ lục thiếu cột: “Cơ quan chủ trì” (các cột cần có: “Nhiệm vụ chung”, “Nhiệm vụ cụ "
        "thể”, “Sản phẩm”, “Cơ quan chủ trì”, “Cơ quan phối hợp”, “Thời gian thực hiện”)."
    ]


def test_unknown_lead_unit_is_an_error_that_blocks_the_import(org: Org, units: ThanhHoaUnits) -> None:
    plan = make_plan(org)
    content = thanh_hoa_docx(changed_appendix(0, 3, 2, "Sở Tư pháp"))
    checked = check(plan, content, FileKind.DOCX)
    assert checked.errors.messages() == [
        "Dòng 5, cột 4 (Cơ quan chủ trì): không tìm thấy đơn vị nào khớp với “Sở Tư pháp” trong danh mục đơn vị."
    ]
    before = writes()
    with pytest.raises(ValidationError):
        appendix_import(actor=org.office_focal, plan=plan, rows=checked.tasks)
    assert writes() == before


def test_unknown_coordinating_unit_is_only_a_warning(org: Org, units: ThanhHoaUnits) -> None:
    plan = make_plan(org)
    checked = check(plan, thanh_hoa_xlsx(changed_appendix(3, 0, 3, "Văn phòng Sở, Sở Tư pháp")), FileKind.XLSX)
    assert not checked.errors
    assert [message for message in checked.warnings.messages() if "Cơ quan phối hợp" in message] == [
        "Dòng 20, cột E (Cơ quan phối hợp): không tìm thấy đơn vị khớp với “Sở Tư pháp”; "
        "phần này chỉ được giữ dạng chữ."
    ]
    row = next(task for task in checked.tasks if task.number == 20)
    assert (row.lead_unit_name, row.coordinating_unit_names) == ("Phòng Tổ chức – Cán bộ", ["Văn phòng Sở"])


def test_unparseable_time_frame_is_flagged_not_refused(org: Org, units: ThanhHoaUnits) -> None:
    plan = make_plan(org)
    content = thanh_hoa_docx(changed_appendix(1, 1, 4, "Theo tiến độ của Bộ Y tế"))
    checked = check(plan, content, FileKind.DOCX)
    assert not checked.errors
    assert any("cần đặt hạn" in message for message in checked.warnings.messages())
    appendix_import(actor=org.office_focal, plan=plan, rows=checked.tasks)
    flagged = plan.tasks.get(needs_date_review=True)
    assert flagged.title.startswith("2. Rà soát, đơn giản hóa")
    assert flagged.due_date is None
    assert plan.tasks.count() == 32


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("phu-luc.docx", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
        ("phu-luc.docx", b"PK\x03\x04 not really a zip"),
        ("phu-luc.xlsx", "Nhiệm vụ chung;Nhiệm vụ cụ thể\n".encode()),
    ],
)
def test_disguised_file_is_refused(org: Org, name: str, content: bytes) -> None:
    before = writes()
    with pytest.raises(ValidationError):
        upload_check(SimpleUploadedFile(name, content), allowed={FileKind.DOCX, FileKind.XLSX})
    assert writes() == before


def test_workbook_renamed_to_docx_is_refused(org: Org) -> None:
    with pytest.raises(ValidationError, match="đổi tên"):
        upload_check(SimpleUploadedFile("phu-luc.docx", thanh_hoa_xlsx()), allowed={FileKind.DOCX, FileKind.XLSX})


def test_unknown_area_and_empty_task_are_errors_with_their_place(org: Org, units: ThanhHoaUnits) -> None:
    plan = make_plan(org)
    appendix = changed_appendix(4, 1, 0, "")
    appendix[4] = ("VIII. Cải cách khác", appendix[4][1])
    checked = check(plan, thanh_hoa_xlsx(appendix), FileKind.XLSX)
    assert "Dòng 28, cột A (Nhiệm vụ chung): không có lĩnh vực cải cách mã “VIII” trong danh mục." in (
        checked.errors.messages()
    )
    assert "Dòng 29, cột B (Nhiệm vụ cụ thể): nhiệm vụ cụ thể để trống." in checked.errors.messages()


def test_a_failure_in_the_last_row_leaves_none_of_the_earlier_ones(org: Org, units: ThanhHoaUnits) -> None:
    plan = make_plan(org)
    checked = check(plan, thanh_hoa_docx(), FileKind.DOCX)
    checked.tasks[-1].timeframe_text = "x" * 300
    before = writes()
    with pytest.raises(ValidationError):
        appendix_import(actor=org.office_focal, plan=plan, rows=checked.tasks)
    assert writes() == before


def test_a_unit_removed_since_the_check_stops_the_import(org: Org, units: ThanhHoaUnits) -> None:
    plan = make_plan(org)
    checked = check(plan, thanh_hoa_docx(), FileKind.DOCX)
    checked.tasks[0].coordinating_unit_ids.append(999_999)
    before = writes()
    with pytest.raises(ValidationError, match="Dòng 2"):
        appendix_import(actor=org.office_focal, plan=plan, rows=checked.tasks)
    assert writes() == before


@pytest.mark.parametrize("merged", [True, False])
def test_heading_row_starts_a_general_task(org: Org, merged: bool) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nhiệm vụ chung", "Nhiệm vụ cụ thể", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"])
    sheet.append(["II. Cải cách thủ tục hành chính"])
    if merged:
        sheet.merge_cells("A2:F2")
    sheet.append([None, "Công bố thủ tục", "Quyết định", "Văn phòng Sở", "", "Quý I/2021"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    checked = check(make_plan(org), buffer.getvalue(), FileKind.XLSX)
    assert not checked.errors
    assert [(task.number, task.area_code, task.general_task) for task in checked.tasks] == [(3, "II", "")]
