"""The department's consolidated report (DOCX, Nghị định 30 layout) and its annex of every task (XLSX),
opened with python-docx and openpyxl as a reader would open them."""

import datetime
import io
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from cchc.plans.consolidation import annex_headers, consolidated_annex_xlsx, consolidated_report_docx
from cchc.plans.models import ReportingCycle, UnitReport
from cchc.plans.reporting import reporting_cycle_open, unit_report_save, unit_report_submit
from cchc.plans.services import (
    occurrence_cancel,
    occurrence_confirm,
    occurrence_report_done,
    occurrence_report_progress,
)
from cchc.plans.tests.test_reporting import YEAR, add_task, attach_evidence, local, make_plan, report_of
from conftest import Org

REPORT_DAY = datetime.date(YEAR, 3, 30)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cycle(org: Org) -> ReportingCycle:
    """Q1: one task done, one overdue, one for next quarter, one cancelled; NVY on time, the hospital late."""
    plan = make_plan(org)
    done = add_task(org, plan, "Rà soát, đơn giản hóa thủ tục hành chính", f"Quý I/{YEAR}", product="Báo cáo rà soát")
    occurrence = done.occurrences.get()
    occurrence_report_progress(
        actor=org.specialist, occurrence=occurrence, percent=50, narrative="Đã rà soát 20 thủ tục"
    )
    occurrence_report_done(actor=org.specialist, occurrence=occurrence, evidence=[attach_evidence(org, "kq.pdf")])
    occurrence_confirm(actor=org.room_head, occurrence=occurrence)
    add_task(org, plan, "Cập nhật quy chế làm việc của Sở", f"15/02/{YEAR}", lead=org.office, area="I")
    add_task(org, plan, "Đào tạo kỹ năng cho công chức", f"Quý II/{YEAR}", lead=org.personnel, area="IV")
    cancelled = add_task(org, plan, "Khảo sát đã hủy", f"Quý I/{YEAR}", area="VI")
    occurrence_cancel(actor=org.office_focal, occurrence=cancelled.occurrences.get(), narrative="Gộp vào nhiệm vụ khác")
    cycle = reporting_cycle_open(actor=org.office_focal, year=YEAR, period="q1")
    medical = unit_report_save(
        actor=org.room_head,
        report=report_of(cycle, org.medical),
        results="Hoàn thành rà soát 20 thủ tục hành chính.\nCông khai kết quả trên cổng thông tin.",
        difficulties="Thiếu kinh phí số hóa hồ sơ.",
        proposals="Bổ sung biên chế cho bộ phận một cửa.",
    )
    unit_report_submit(actor=org.room_head, report=medical, now=local(YEAR, 3, 18, 9))
    unit_report_submit(actor=org.hospital_staff, report=report_of(cycle, org.hospital), now=local(YEAR, 3, 25, 9))
    return cycle


def build_docx(cycle: ReportingCycle) -> Any:
    content = consolidated_report_docx(
        cycle=cycle,
        number="12/BC-SYT",
        signer_name="Nguyễn Giám Đốc",
        signer_title="Phó Giám đốc",
        signer_prefix="KT. Giám đốc",
        place="Quảng Ngãi",
        today=REPORT_DAY,
    )
    return Document(io.BytesIO(content))


def table_texts(tables: Any) -> list[str]:
    texts: list[str] = []
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(paragraph.text for paragraph in cell.paragraphs)
                texts.extend(table_texts(cell.tables))
    return texts


def test_report_has_the_header_number_place_date_type_and_summary(cycle: ReportingCycle) -> None:
    document = build_docx(cycle)
    header = table_texts(document.tables[:1])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header
    assert "Độc lập - Tự do - Hạnh phúc" in header
    assert "UBND TỈNH" in header
    assert "SỞ Y TẾ" in header
    assert "Số: 12/BC-SYT" in header
    assert "Quảng Ngãi, ngày 30 tháng 3 năm 2099" in header
    body = [paragraph.text for paragraph in document.paragraphs]
    assert "BÁO CÁO" in body
    assert "Kết quả thực hiện công tác cải cách hành chính quý I năm 2099" in body


def test_report_has_the_five_sections_in_order(cycle: ReportingCycle) -> None:
    body = [paragraph.text for paragraph in build_docx(cycle).paragraphs]
    headings = [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. TÌNH HÌNH NỘP BÁO CÁO CỦA CÁC ĐƠN VỊ",
        "III. KHÓ KHĂN, VƯỚNG MẮC",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "V. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
    ]
    positions = [body.index(heading) for heading in headings]
    assert positions == sorted(positions)


def test_results_count_tasks_by_area_and_name_the_overdue_ones(cycle: ReportingCycle) -> None:
    body = [paragraph.text for paragraph in build_docx(cycle).paragraphs]
    procedures = body.index("2. Cải cách thủ tục hành chính")
    assert body[procedures + 1] == (
        "Số nhiệm vụ đến hạn trong kỳ: 1; hoàn thành: 1 (trong đó hoàn thành trễ hạn: 0); "
        "đang thực hiện, chưa đến hạn: 0; quá hạn: 0."
    )
    institutions = body.index("1. Cải cách thể chế")
    assert body[institutions + 1].endswith("quá hạn: 1.")
    assert body[institutions + 2] == (
        "- Quá hạn: Cập nhật quy chế làm việc của Sở (Văn phòng Sở, hạn 15/02/2099, đạt 0%)."
    )
    digital = body.index("6. Xây dựng và phát triển chính quyền điện tử, chính quyền số")
    assert body[digital + 1] == "Không có nhiệm vụ đến hạn trong kỳ."
    assert "Hoàn thành rà soát 20 thủ tục hành chính." in body
    assert "Phòng Nghiệp vụ Y:" in body


def test_submissions_section_names_the_units_on_time_late_and_missing(cycle: ReportingCycle) -> None:
    document = build_docx(cycle)
    body = [paragraph.text for paragraph in document.paragraphs]
    assert "Tổng số đơn vị phải báo cáo: 5." in body
    assert "- Nộp đúng hạn: 1 đơn vị (Phòng Nghiệp vụ Y)." in body
    assert "- Nộp trễ hạn: 1 đơn vị (Bệnh viện Đa khoa tỉnh)." in body
    assert "- Chưa nộp (đã quá hạn): 3 đơn vị (Phòng Tổ chức – Cán bộ, Thanh tra Sở, Văn phòng Sở)." in body
    table = table_texts(document.tables)
    assert "Nộp trễ hạn" in table
    assert "25/03/2099" in table


def test_difficulties_proposals_and_next_quarter_come_from_the_units_and_the_plan(cycle: ReportingCycle) -> None:
    body = [paragraph.text for paragraph in build_docx(cycle).paragraphs]
    assert "- Phòng Nghiệp vụ Y: Thiếu kinh phí số hóa hồ sơ." in body
    assert "- Phòng Nghiệp vụ Y: Bổ sung biên chế cho bộ phận một cửa." in body
    assert "- Đào tạo kỹ năng cho công chức (chủ trì: Phòng Tổ chức – Cán bộ; hạn 30/06/2099)." in body


def test_a_returned_report_is_not_consolidated(cycle: ReportingCycle, org: Org) -> None:
    from cchc.plans.reporting import unit_report_return

    unit_report_return(actor=org.office_focal, report=report_of(cycle, org.medical), reason="Bổ sung số liệu")
    body = [paragraph.text for paragraph in build_docx(cycle).paragraphs]
    assert "- Phòng Nghiệp vụ Y: Thiếu kinh phí số hóa hồ sơ." not in body
    assert "Các đơn vị không báo cáo khó khăn, vướng mắc." in body
    assert any(text.startswith("- Chưa nộp (đã quá hạn): 4 đơn vị") for text in body)


def test_report_ends_with_recipients_and_the_signature_block(cycle: ReportingCycle) -> None:
    closing = table_texts(build_docx(cycle).tables[-1:])
    assert closing[:5] == ["Nơi nhận:", "- UBND tỉnh (để báo cáo);", "- Sở Nội vụ;", "- Lãnh đạo Sở;", "- Lưu: VT, VP."]
    assert "KT. GIÁM ĐỐC" in closing
    assert "PHÓ GIÁM ĐỐC" in closing
    assert "Nguyễn Giám Đốc" in closing


@pytest.mark.parametrize(
    ("period", "summary"),
    [
        ("q2", "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2099"),
        ("q3", "Kết quả thực hiện công tác cải cách hành chính 9 tháng năm 2099"),
        ("q4", "Kết quả thực hiện công tác cải cách hành chính năm 2099"),
    ],
)
def test_half_year_nine_month_and_annual_reports_are_named_for_their_period(
    org: Org, period: str, summary: str
) -> None:
    cycle = reporting_cycle_open(actor=org.office_focal, year=YEAR, period=period)
    assert summary in [paragraph.text for paragraph in build_docx(cycle).paragraphs]


def test_annex_lists_every_task_of_the_year_with_its_status(cycle: ReportingCycle) -> None:
    sheet = load_workbook(io.BytesIO(consolidated_annex_xlsx(cycle=cycle, today=REPORT_DAY))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == annex_headers()
    assert rows[0][:4] == ("STT", "Kế hoạch", "Lĩnh vực", "Nhiệm vụ")
    by_task = {row[3]: row for row in rows[1:]}
    assert len(rows) == 5
    done = by_task["Rà soát, đơn giản hóa thủ tục hành chính"]
    assert done[2] == "Cải cách thủ tục hành chính"
    assert done[4:11] == (
        "Báo cáo rà soát",
        "Phòng Nghiệp vụ Y",
        "Văn phòng Sở",
        "Quý I/2099",
        "31/03/2099",
        "Hoàn thành",
        100,
    )
    assert done[12] == 1
    assert by_task["Cập nhật quy chế làm việc của Sở"][9] == "Quá hạn"
    assert by_task["Đào tạo kỹ năng cho công chức"][9] == "Chưa thực hiện"
    assert by_task["Khảo sát đã hủy"][9] == "Đã hủy"


def test_annex_leaves_out_other_years(cycle: ReportingCycle, org: Org) -> None:
    other = make_plan(org, year=YEAR + 1)
    add_task(org, other, "Nhiệm vụ của năm sau", f"Quý I/{YEAR + 1}")
    sheet = load_workbook(io.BytesIO(consolidated_annex_xlsx(cycle=cycle))).worksheets[0]
    assert "Nhiệm vụ của năm sau" not in [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert UnitReport.objects.filter(cycle=cycle).count() == 5
