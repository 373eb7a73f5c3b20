"""The quarterly report journey in a real browser: the focal point opens Q1, the room head edits and submits
the pre-filled report, the focal point sees it submitted and downloads the department's report (DOCX)."""

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from docx import Document

from cchc.plans.reporting_periods import report_due_date
from cchc.plans.services import occurrence_report_progress
from cchc.plans.tests.test_reporting import add_task, make_plan
from conftest import Org, browser_sign_in, screenshot

pytestmark = pytest.mark.browser


def all_texts(document: Any) -> list[str]:
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(paragraph.text for paragraph in cell.paragraphs)
    return texts


def test_quarterly_report_opened_submitted_and_consolidated(
    live_org: Org, page: Any, browser: Any, live_server: Any, tmp_path: Path
) -> None:
    year = timezone.localdate().year
    task = add_task(
        live_org, make_plan(live_org, year=year), "Rà soát, đơn giản hóa thủ tục hành chính", f"Quý I/{year}"
    )
    occurrence_report_progress(
        actor=live_org.specialist, occurrence=task.occurrences.get(), percent=70, narrative="Đã rà soát 14/20 thủ tục"
    )

    browser_sign_in(page, "office")
    page.goto("/plans/reports/")
    page.get_by_role("link", name="Mở kỳ báo cáo").click()
    page.get_by_label("Năm").fill(str(year))
    page.get_by_label("Kỳ báo cáo").select_option("q1")
    page.get_by_role("button", name="Mở kỳ báo cáo").click()
    page.wait_for_url("**/plans/reports/*/")
    assert f"Đã mở kỳ báo cáo quý I năm {year} cho 5 đơn vị" in page.locator("main").inner_text()
    cycle_url = page.url

    head = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN", base_url=live_server.url)
    head_page = head.new_page()
    browser_sign_in(head_page, "roomhead")
    head_page.goto("/plans/reports/")
    head_page.get_by_role("link", name=f"Báo cáo CCHC quý I năm {year}").click()
    head_page.get_by_role("link", name="Xem báo cáo Phòng Nghiệp vụ Y").click()
    results = head_page.get_by_label("Kết quả thực hiện")
    assert f"Rà soát, đơn giản hóa thủ tục hành chính (Quý I/{year})" in results.input_value()
    assert "Đã rà soát 14/20 thủ tục" in results.input_value()
    head_page.get_by_label("Khó khăn, vướng mắc").fill("Thiếu kinh phí số hóa hồ sơ.")
    head_page.get_by_label("Đề xuất, kiến nghị").fill("Bổ sung biên chế cho bộ phận một cửa.")
    head_page.evaluate("window.scrollTo(0, 0)")
    screenshot(head_page, "reports-unit-form")
    head_page.get_by_role("button", name="Lưu nháp").click()
    assert "Đã lưu nháp báo cáo." in head_page.locator("main").inner_text()
    head_page.get_by_role("button", name="Nộp báo cáo").click()
    head_page.get_by_role("button", name="Xác nhận nộp").click()
    assert "Đã nộp báo cáo." in head_page.locator("main").inner_text()
    assert head_page.get_by_test_id("report-status").inner_text() == "Đã nộp"
    head.close()

    late = timezone.localdate() > report_due_date(year, "q1")
    page.goto(cycle_url)
    row = page.get_by_test_id("report-row-NVY").inner_text()
    assert "Đã nộp" in row
    assert ("Nộp trễ hạn" if late else "Nộp đúng hạn") in row
    assert "Chưa nộp" in page.get_by_test_id("report-row-BVDK").inner_text()
    page.get_by_label("Số, ký hiệu").fill("15/BC-SYT")
    page.get_by_label("Địa danh").fill("Quảng Ngãi")
    page.get_by_label("Họ tên người ký").fill("Nguyễn Giám Đốc")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "reports-cycle")
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải báo cáo (DOCX)").click()
    assert download.value.suggested_filename == f"bao-cao-cchc-q1-{year}.docx"
    saved = tmp_path / "bao-cao.docx"
    download.value.save_as(saved)
    texts = all_texts(Document(str(saved)))
    today = timezone.localdate()
    month = f"{today.month:02d}" if today.month <= 2 else str(today.month)
    for part in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỞ Y TẾ",
        "Số: 15/BC-SYT",
        f"Quảng Ngãi, ngày {today.day:02d} tháng {month} năm {today.year}",
        "BÁO CÁO",
        f"Kết quả thực hiện công tác cải cách hành chính quý I năm {year}",
        "I. KẾT QUẢ THỰC HIỆN",
        "II. TÌNH HÌNH NỘP BÁO CÁO CỦA CÁC ĐƠN VỊ",
        "III. KHÓ KHĂN, VƯỚNG MẮC",
        "- Phòng Nghiệp vụ Y: Thiếu kinh phí số hóa hồ sơ.",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "V. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
        "Nơi nhận:",
        "- Lưu: VT, VP.",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Giám Đốc",
    ]:
        assert part in texts, part
    on_time_or_late = (
        "- Nộp trễ hạn: 1 đơn vị (Phòng Nghiệp vụ Y)." if late else "- Nộp đúng hạn: 1 đơn vị (Phòng Nghiệp vụ Y)."
    )
    assert on_time_or_late in texts
