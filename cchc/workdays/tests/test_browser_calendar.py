"""The office adds a make-up Saturday and a specialist computes a due date, in a real browser."""

from typing import Any

import pytest

from conftest import Org, browser_sign_in, screenshot

pytestmark = pytest.mark.browser


def test_office_adds_a_make_up_day_and_the_calculator_uses_it(live_org: Org, page: Any) -> None:
    browser_sign_in(page, "office")
    page.goto("/calendar/?year=2025")
    page.get_by_role("button", name="Nạp năm này vào bảng").click()
    page.get_by_role("link", name="Thêm ngày nghỉ / làm bù").click()
    page.locator("#id_date").fill("2025-02-15")
    page.get_by_label("Loại ngày").select_option("working_day")
    page.get_by_label("Tên ngày").fill("Làm bù Tết")
    page.get_by_label("Căn cứ").fill("Thông báo 01/TB-UBND ngày 10/01/2025")
    page.get_by_role("button", name="Lưu").click()
    assert "Làm bù Tết" in page.locator("table").inner_text()

    page.get_by_label("Thời điểm tiếp nhận").fill("2025-02-14T10:00")
    page.get_by_label("Số ngày làm việc").fill("1")
    page.get_by_role("button", name="Tính hạn").click()
    assert "15/02/2025" in page.get_by_test_id("due").inner_text()
    screenshot(page, "calendar")
