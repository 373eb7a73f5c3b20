"""TCCB loads the default framework of a year and exports it, in a real browser (screenshot for the guide)."""

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from cchc.scorecard.models import Framework
from conftest import Org, browser_sign_in, screenshot

pytestmark = pytest.mark.browser


def test_tccb_loads_the_default_framework_and_exports_it(live_org: Org, page: Any) -> None:
    browser_sign_in(page, "tccb")
    page.goto("/par/frameworks/")
    page.locator("#default-year").fill("2027")
    page.get_by_role("button", name="Nạp bộ tiêu chí mặc định").click()
    page.wait_for_url("**/par/frameworks/*/")
    framework = Framework.objects.get(year=2027)
    assert "Điều tra xã hội học" in page.locator("main").inner_text()
    screenshot(page, "par-framework")
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").first.click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))["Tiêu chí"]
    assert sheet.max_row - 1 == framework.criteria.count()
