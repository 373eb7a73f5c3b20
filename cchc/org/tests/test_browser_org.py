"""An administrator manages units in a real browser: import with errors, fix, see the tree, edit, history."""

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from cchc.org.models import Unit
from conftest import Org, browser_sign_in, screenshot

pytestmark = pytest.mark.browser


def write_units(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_admin_imports_units_fixes_errors_and_reviews_history(live_org: Org, page: Any, tmp_path: Path) -> None:
    browser_sign_in(page, "admin")
    page.locator("#sidebar").get_by_role("link", name="Nhập đơn vị từ Excel").click()
    bad = write_units(tmp_path / "don-vi.xlsx", [["CDC", "Trung tâm Kiểm soát bệnh tật", "Đơn vị trực thuộc", "SYTT"]])
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    problems = page.get_by_test_id("import-problems")
    assert "Dòng 2, cột D (Mã đơn vị cấp trên): không tìm thấy đơn vị mã “SYTT”." in problems.inner_text()
    screenshot(page, "org-import-errors")
    assert not Unit.objects.filter(code="CDC").exists()

    good = write_units(
        tmp_path / "don-vi-sua.xlsx", [["CDC", "Trung tâm Kiểm soát bệnh tật", "Đơn vị trực thuộc", "SYT"]]
    )
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    page.wait_for_url("**/org/units/")
    assert "1 dòng mới" in page.locator("main").inner_text()

    page.get_by_label("Tìm kiếm").fill("kiem soat benh tat")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("link", name="Trung tâm Kiểm soát bệnh tật").click()
    page.get_by_role("link", name="Sửa").click()
    page.get_by_label("Tên đơn vị").fill("Trung tâm Kiểm soát bệnh tật tỉnh")
    page.get_by_role("button", name="Lưu").click()
    assert "Đã lưu đơn vị" in page.locator("main").inner_text()
    page.get_by_role("link", name="Lịch sử").click()
    history = page.locator("main").inner_text()
    assert "unit_update" in history
    assert "Trung tâm Kiểm soát bệnh tật tỉnh" in history
    screenshot(page, "org-unit-history")


def test_admin_lists_people_and_exports_them(live_org: Org, page: Any) -> None:
    browser_sign_in(page, "admin")
    page.locator("#sidebar").get_by_role("link", name="Người dùng", exact=True).click()
    page.get_by_label("Vai trò").select_option("unit_head")
    page.get_by_role("button", name="Lọc").click()
    table = page.locator("table").inner_text()
    assert "Phạm Trưởng Phòng" in table
    assert "Hoàng Chuyên Viên" not in table
    screenshot(page, "org-people")
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    assert download.value.suggested_filename.startswith("nguoi-dung-")
