"""The focal point in a real browser: opens the satisfaction index of a month, sees the chart, compares the
facilities, reads the free-text answers and downloads the report to the province."""

from pathlib import Path
from typing import Any

import pytest
from docx import Document

from conftest import Org, browser_sign_in, screenshot

from .test_reports_data import build_survey

pytestmark = pytest.mark.browser


def test_focal_point_sees_the_index_and_downloads_the_report(live_org: Org, page: Any, tmp_path: Path) -> None:
    build_survey(live_org.hospital, live_org.one_stop)
    browser_sign_in(page, "office")
    page.goto("/surveys/reports/")
    filters = page.get_by_test_id("report-filter")
    filters.get_by_label("Kỳ").select_option("month")
    filters.get_by_label("Năm").fill("2026")
    filters.get_by_label("Tháng").select_option("3")
    filters.get_by_role("button", name="Xem").click()
    page.wait_for_load_state()
    assert "54,5 %" in page.get_by_test_id("overall-rate").inner_text()
    assert "Chưa đạt mục tiêu" in page.get_by_test_id("target-comparison").inner_text()
    assert page.get_by_test_id("sample-warning").is_visible()
    chart = page.get_by_test_id("section-chart")
    chart.scroll_into_view_if_needed()
    assert chart.evaluate("canvas => canvas.width > 0 && Chart.getChart(canvas) !== undefined")
    screenshot(page, "khao-sat-chi-so")

    page.locator("#main").get_by_role("link", name="So sánh các cơ sở").click()
    assert "Bệnh viện Đa khoa tỉnh" in page.get_by_test_id("facility-table").inner_text()
    screenshot(page, "khao-sat-so-sanh-co-so")

    page.get_by_role("link", name="Ý kiến của người trả lời").click()
    page.get_by_label("Tìm trong ý kiến").fill("nóng")
    page.get_by_role("button", name="Tìm").click()
    assert "Phòng chờ quá nóng" in page.get_by_test_id("text-answers").inner_text()
    screenshot(page, "khao-sat-y-kien")

    page.get_by_role("link", name="Chỉ số hài lòng").first.click()
    with page.expect_download() as download:
        page.get_by_test_id("province-report").click()
    assert download.value.suggested_filename.startswith("bao-cao-hai-long-")
    saved = tmp_path / "bao-cao.docx"
    download.value.save_as(saved)
    text = "\n".join(paragraph.text for paragraph in Document(str(saved)).paragraphs)
    assert "KẾT QUẢ" in text
