"""The catalogue journeys in a real browser: the office imports the catalogue through the review screen; a citizen
finds a procedure without diacritics, opens it, and opens it again from the address its QR code encodes."""

from pathlib import Path
from typing import Any

import pytest

from cchc.procedures.demo_catalogue import procedures_seed_demo
from cchc.procedures.models import Procedure
from cchc.procedures.tests.workbooks import catalogue_row, catalogue_xlsx, second_row
from conftest import Org, browser_sign_in, screenshot

pytestmark = pytest.mark.browser


def test_office_imports_the_catalogue_through_the_review_screen(live_org: Org, page: Any, tmp_path: Path) -> None:
    catalogue = tmp_path / "danh-muc-thu-tuc-263-QD-UBND.xlsx"
    catalogue.write_bytes(catalogue_xlsx([catalogue_row(), second_row()]))
    browser_sign_in(page, "office")
    page.goto("/procedures/")
    page.locator("#main").get_by_role("link", name="Nhập danh mục từ Excel").click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(catalogue))
    screenshot(page, "thu-tuc-nhap-tai-tep")
    page.get_by_role("button", name="Đọc tệp và xem trước").click()
    page.wait_for_url("**/procedures/import/review/")
    assert "2 thủ tục mới" in page.get_by_test_id("import-summary").inner_text()
    assert Procedure.objects.count() == 0
    screenshot(page, "thu-tuc-nhap-xem-lai")
    page.get_by_role("button", name="Xác nhận nhập").click()
    page.wait_for_url("**/procedures/")
    assert "2 thủ tục mới" in page.get_by_role("alert").first.inner_text()
    assert page.get_by_test_id("procedure-table").locator("tbody tr").count() == 2
    screenshot(page, "thu-tuc-danh-muc")

    page.get_by_role("link", name="Cấp giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm").click()
    assert "Phiên bản 1" in page.get_by_test_id("version-history").inner_text()
    screenshot(page, "thu-tuc-chi-tiet")
    page.get_by_role("link", name="Mã QR, áp phích").click()
    assert "/cong-khai/thu-tuc/1.000948.H38/" in page.get_by_test_id("qr-target").inner_text()
    screenshot(page, "thu-tuc-ma-qr")
    page.goto("/procedures/decisions/delays/")
    assert "4567/QĐ-BYT" in page.get_by_test_id("delays").inner_text()
    screenshot(page, "thu-tuc-thoi-gian-cong-bo")

    # The same file again: the review screen says there is nothing new.
    page.goto("/procedures/import/")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(catalogue))
    page.get_by_role("button", name="Đọc tệp và xem trước").click()
    assert page.get_by_test_id("nothing-to-do").is_visible()


def test_citizen_finds_a_procedure_without_diacritics_and_opens_it_from_its_qr(
    live_org: Org, page: Any, browser: Any, live_server: Any
) -> None:
    procedures_seed_demo(resolving_unit=live_org.office, decision_number="263/QĐ-UBND")
    page.goto("/cong-khai/thu-tuc/")
    page.get_by_label("Tên hoặc mã thủ tục").fill("my pham")
    page.get_by_role("button", name="Tìm kiếm").click()
    results = page.get_by_test_id("public-results")
    assert "Cấp giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm" in results.inner_text()
    assert "Cấp chứng chỉ hành nghề dược" not in results.inner_text()
    screenshot(page, "thu-tuc-cong-khai-tim-kiem")
    results.get_by_role("link", name="Cấp giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm").first.click()
    name = page.get_by_test_id("procedure-name").inner_text()
    assert name == "Cấp giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm"
    assert "Đơn đề nghị" in page.get_by_test_id("documents").inner_text()
    screenshot(page, "thu-tuc-cong-khai-chi-tiet")

    target = page.get_by_test_id("qr-target").get_attribute("href")
    assert target == f"{live_server.url}/cong-khai/thu-tuc/1.000948.H38/"
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True)
    phone_page = phone.new_page()
    phone_page.goto(target)
    assert phone_page.get_by_test_id("procedure-name").inner_text() == name
    screenshot(phone_page, "thu-tuc-cong-khai-dien-thoai")
    phone.close()

    page.get_by_role("link", name="In trang hướng dẫn").click()
    assert page.locator("svg").count() >= 1
    screenshot(page, "thu-tuc-ap-phich")
    page.goto(f"/cong-khai/thu-tuc/don-vi/{live_org.office.code}/ap-phich/")
    screenshot(page, "thu-tuc-ap-phich-don-vi")
