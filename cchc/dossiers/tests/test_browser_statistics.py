"""Statistics and import in a real browser: a figure leads to exactly its dossiers; a file goes through the
upload → problems → mode → result steps."""

from pathlib import Path
from typing import Any

import pytest

from cchc.dossiers.models import Dossier
from cchc.procedures.tests.factories import procedure_for_tests
from conftest import Org, browser_sign_in, screenshot

from .stat_factories import csv_bytes, export_row
from .test_statistics import build_set

pytestmark = pytest.mark.browser


def test_office_focal_drills_down_from_a_figure_to_its_dossiers(live_org: Org, page: Any) -> None:
    build_set(live_org)
    browser_sign_in(page, "office")
    page.goto("/dossiers/statistics/?kind=quarter&year=2025&number=1&group_by=handling_unit")
    table = page.get_by_test_id("stat-table")
    assert "Tổng cộng" in table.inner_text()
    screenshot(page, "dossier-statistics")
    total_row = table.locator("tbody tr").last
    total_row.locator("a[href*='measure=carried']").click()
    page.wait_for_url("**/statistics/dossiers/**")
    codes = page.get_by_test_id("drill-table").locator("tbody tr td:first-child").all_inner_texts()
    assert sorted(code.strip() for code in codes) == ["D1", "D2"]
    screenshot(page, "dossier-statistics-drilldown")
    page.get_by_role("link", name="Về bảng thống kê").click()
    page.locator("#main").get_by_role("link", name="Chỉ số phục vụ (QĐ 766)").click()
    page.get_by_label("Năm").fill("2025")
    page.get_by_role("button", name="Xem").click()
    assert "Hồ sơ nộp trực tuyến" in page.get_by_test_id("indicator-table").inner_text()
    screenshot(page, "dossier-indicators")


def test_office_focal_imports_a_file_keeping_the_good_rows(live_org: Org, page: Any, tmp_path: Path) -> None:
    procedure_for_tests(resolving_unit=live_org.medical, time_limit_days=5)
    export = tmp_path / "xuat-mot-cua.csv"
    rows = [export_row("MC-250303-0001"), export_row("MC-250303-0002", procedure="9.999999.H38"),
            export_row("MC-250303-0003", **{"Hình thức nộp": "Trực tuyến"})]  # fmt: skip
    export.write_bytes(csv_bytes(rows))
    browser_sign_in(page, "office")
    page.goto("/dossiers/statistics/imports/")
    page.get_by_role("link", name="Tải tệp lên").click()
    page.get_by_label("Tệp xuất từ hệ thống một cửa").set_input_files(str(export))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    problems = page.get_by_test_id("import-problems").inner_text()
    assert "Dòng 3, cột B (Mã thủ tục)" in problems and "9.999999.H38" in problems
    assert "2 hồ sơ mới" in page.get_by_test_id("import-forecast").inner_text()
    screenshot(page, "dossier-import-problems")
    page.get_by_label("Ghi các dòng đúng, bỏ qua và liệt kê dòng lỗi").check()
    page.get_by_role("button", name="Nhập", exact=True).click()
    assert "Đã ghi 2 hồ sơ mới" in page.get_by_test_id("import-result").inner_text()
    screenshot(page, "dossier-import-result")
    assert sorted(Dossier.objects.values_list("code", flat=True)) == ["MC-250303-0001", "MC-250303-0003"]
