"""The office focal point imports the Thanh Hóa appendix in a real browser: upload, review, confirm."""

from pathlib import Path
from typing import Any

import pytest

from cchc.plans.tests.fixtures_thanh_hoa import thanh_hoa_docx, thanh_hoa_units
from cchc.plans.tests.test_appendix import make_plan
from conftest import Org, browser_sign_in, screenshot

pytestmark = pytest.mark.browser


def test_office_imports_the_appendix_after_reviewing_it(live_org: Org, page: Any, tmp_path: Path) -> None:
    thanh_hoa_units(live_org)
    plan = make_plan(live_org)
    appendix = tmp_path / "phu-luc-ke-hoach-cchc-2021.docx"
    appendix.write_bytes(thanh_hoa_docx())
    browser_sign_in(page, "office")
    page.goto(f"/plans/{plan.pk}/import/")
    page.get_by_label("Tệp phụ lục").set_input_files(str(appendix))
    page.get_by_role("button", name="Đọc tệp và xem trước").click()
    page.wait_for_url(f"**/plans/{plan.pk}/import/review/")
    review = page.get_by_test_id("import-review")
    assert review.locator("tbody tr").count() == 32
    assert "Phòng Tổ chức – Cán bộ" in review.inner_text()
    screenshot(page, "plans-import-review")
    page.get_by_role("button", name="Xác nhận nhập").click()
    page.wait_for_url(f"**/plans/{plan.pk}/")
    assert "Đã nhập 32 nhiệm vụ." in page.content()
    assert plan.tasks.count() == 32
