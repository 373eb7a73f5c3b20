"""What leadership sees, in a real browser: the scorecard with its headline cards and tree, the "missing evidence"
filter, the points at risk, the year-over-year chart, and the report and evidence package downloads."""

import datetime
import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from cchc.scorecard.choices import ItemStatus
from cchc.scorecard.models import Assessment, AssessmentItem, Criterion, HistoricalResult, PeerResult
from cchc.scorecard.tests.builders import assessment_with, small_framework
from cchc.scorecard.tests.test_outputs import all_texts
from cchc.scorecard.tests.test_risk import update, upload
from conftest import Org, browser_sign_in, screenshot

pytestmark = pytest.mark.browser

TITLES = {
    "1": "Công tác chỉ đạo, điều hành cải cách hành chính",
    "1.1": "Kế hoạch cải cách hành chính năm",
    "1.1.1": "Ban hành kế hoạch CCHC năm đúng hạn",
    "1.1.2": "Mức độ hoàn thành kế hoạch CCHC",
    "1.2": "Tỉ lệ hồ sơ TTHC giải quyết đúng hạn",
    "2": "Cải cách thủ tục hành chính",
    "2.1": "Công bố, công khai thủ tục hành chính",
    "9": "Điểm thưởng",
    "10": "Điểm trừ",
}


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def round_for_leadership(org: Org) -> Assessment:
    framework = small_framework()
    for code, title in TITLES.items():
        Criterion.objects.filter(framework=framework, code=code).update(title=title)
    assessment = assessment_with(
        framework,
        org.department,
        {"1.1.1": ("10", "0"), "1.1.2": ("18", "0"), "1.2": (None, "0"), "2.1": ("38", "0")},
        status=ItemStatus.SUBMITTED,
    )
    assessment.deadline = datetime.date.today() - datetime.timedelta(days=2)
    assessment.save()
    AssessmentItem.objects.filter(assessment=assessment).update(lead_unit=org.medical, final_score=None)
    update(assessment, "1.1.1", self_note="Kế hoạch số 15/KH-SYT ban hành ngày 10/01.").evidence.add(
        upload(org, "ke-hoach-cchc.pdf")
    )
    update(assessment, "1.2", status=ItemStatus.DRAFT, measured_value="97.5", lead_unit=org.office)
    update(assessment, "2.1", status=ItemStatus.RETURNED, lead_unit=org.office).evidence.add(
        upload(org, "quyet-dinh-cong-bo.pdf")
    )
    for year, scores in {2022: ("48.5", "33", "85.7"), 2023: ("55", "36.5", "92.96")}.items():
        HistoricalResult.objects.create(year=year, field_code="1", field_title=TITLES["1"], score=Decimal(scores[0]))
        HistoricalResult.objects.create(year=year, field_code="2", field_title=TITLES["2"], score=Decimal(scores[1]))
        HistoricalResult.objects.create(year=year, field_code="", score=Decimal(scores[2]))
    PeerResult.objects.create(year=2024, name="Sở Tài chính", total=Decimal("91.2"))
    return assessment


def test_leader_follows_the_scorecard_and_downloads_report_and_package(
    live_org: Org, page: Any, tmp_path: Path
) -> None:
    assessment = round_for_leadership(live_org)
    browser_sign_in(page, "leader")
    page.goto("/par/")
    cards = page.get_by_test_id("headline-cards")
    assert "Chỉ số dự kiến" in cards.inner_text()
    assert page.get_by_test_id("expected-index").inner_text() == "66"
    assert page.get_by_test_id("rank").inner_text() == "2/2"
    assert page.get_by_test_id("row-1.1.1").is_visible()
    assert "Phòng Nghiệp vụ Y" in page.get_by_test_id("row-1.1.1").inner_text()
    screenshot(page, "par-scorecard")

    page.get_by_test_id("filter-missing-evidence").click()
    page.wait_for_url("**filter=missing-evidence**")
    assert page.get_by_test_id("row-1.1.2").is_visible()
    assert page.get_by_test_id("row-1.1.1").count() == 0

    page.get_by_role("link", name="Điểm có nguy cơ bị trừ").first.click()
    page.wait_for_url("**/par/risk/**")
    first = page.get_by_test_id("risk-table").locator("tbody tr").first
    assert "1.2" in first.inner_text()
    assert "Tỉ lệ đo được dưới bậc điểm tối đa: 97,5 %" in first.inner_text()
    assert "Bị TCCB trả lại" in page.get_by_test_id("risk-2.1").inner_text()
    screenshot(page, "par-risk")

    page.goto(f"/par/history/?assessment={assessment.pk}")
    assert page.locator("canvas#yoy-fields").is_visible()
    assert page.locator("canvas#yoy-totals").is_visible()
    assert page.evaluate("() => Chart.getChart('yoy-fields').data.datasets.length") == 3
    assert "92,96" in page.get_by_test_id("history-total").inner_text()
    screenshot(page, "par-history")

    page.goto("/par/")
    page.get_by_label("Số, ký hiệu").fill("25/BC-SYT")
    page.get_by_label("Họ tên người ký").fill("Nguyễn Giám Đốc")
    with page.expect_download() as report_download:
        page.get_by_role("button", name="Tải báo cáo tự đánh giá (DOCX)").click()
    assert report_download.value.suggested_filename == "bao-cao-tu-danh-gia-chi-so-cchc-2024.docx"
    saved = tmp_path / "bao-cao.docx"
    report_download.value.save_as(saved)
    texts = all_texts(Document(str(saved)))
    for part in [
        "Số: 25/BC-SYT",
        "BÁO CÁO",
        "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2024",
        "II. NHỮNG ĐIỂM CÓ NGUY CƠ BỊ TRỪ",
        "KT. GIÁM ĐỐC",
        "Nguyễn Giám Đốc",
    ]:
        assert part in texts, part

    with page.expect_download() as package_download:
        page.get_by_role("link", name="Tải hồ sơ kiểm chứng (ZIP)").click()
    assert package_download.value.suggested_filename == "ho-so-kiem-chung-chi-so-cchc-2024.zip"
    package = zipfile.ZipFile(io.BytesIO(Path(package_download.value.path()).read_bytes()))
    assert sorted(package.namelist()) == [
        "1 Cong tac chi dao dieu hanh cai cach hanh/1.1 Ke hoach cai cach hanh chinh nam/1.1.1_01_ke-hoach-cchc.pdf",
        "2 Cai cach thu tuc hanh chinh/2.1 Cong bo cong khai thu tuc hanh chinh/2.1_01_quyet-dinh-cong-bo.pdf",
        "muc-luc.xlsx",
    ]
