"""The assessment round in a real browser: TCCB creates, assigns and opens the round; the specialist self-scores
with a PDF and submits; TCCB returns, the specialist resubmits, TCCB accepts and locks; the appraisal is lower;
the specialist explains; TCCB finalises."""

import datetime
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document

from cchc.evidence.services import evidence_upload
from cchc.plans.tests.test_task_lifecycle import PDF
from cchc.scorecard.choices import AssessmentStatus, ItemStatus
from cchc.scorecard.models import Assessment, AssessmentItem, Criterion
from cchc.scorecard.tests.builders import small_framework
from cchc.scorecard.tests.test_round import open_round
from conftest import Org, browser_sign_in, screenshot

pytestmark = pytest.mark.browser


def signed_in(browser: Any, live_server: Any, username: str) -> Any:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN", base_url=live_server.url)
    context.set_default_timeout(15000)
    tab = context.new_page()
    tab.on("dialog", lambda dialog: dialog.accept())
    browser_sign_in(tab, username)
    return tab


def test_the_whole_round_from_assignment_to_final_score(
    live_org: Org, browser: Any, live_server: Any, tmp_path: Path
) -> None:
    framework = small_framework(year=timezone.localdate().year)
    Criterion.objects.filter(framework=framework, code="2.1").update(
        title="Ban hành kế hoạch CCHC năm đúng thời hạn",
        rule="Ban hành trước ngày 31/12 năm trước: 40 điểm; chậm: 20 điểm; không ban hành: 0 điểm.",
        evidence_required="Kế hoạch CCHC năm của Sở (bản ký số)",
    )
    deadline = timezone.localdate() + datetime.timedelta(days=10)

    tccb = signed_in(browser, live_server, "tccb")
    tccb.goto("/par/assessments/")
    tccb.get_by_role("link", name="Tạo kỳ tự đánh giá").click()
    tccb.get_by_label("Hạn tự chấm của các phòng").fill(deadline.isoformat())
    tccb.get_by_role("button", name="Tạo kỳ tự đánh giá").click()
    tccb.wait_for_url("**/par/assessments/*/")
    assessment = Assessment.objects.get()
    assert assessment.items.count() == 6
    for field in ("1. Tiêu chí 1", "2. Tiêu chí 2", "9. Tiêu chí 9", "10. Tiêu chí 10"):
        tccb.locator("#id_field-field").select_option(label=field)
        tccb.locator("#id_field-lead_unit").select_option(label="Phòng Nghiệp vụ Y")
        tccb.get_by_role("button", name="Giao cả lĩnh vực").click()
        tccb.get_by_text("Đã giao các tiêu chí của lĩnh vực").wait_for()
    assert not AssessmentItem.objects.filter(lead_unit=None).exists()
    tccb.get_by_role("button", name="Mở đợt tự chấm").click()
    tccb.get_by_text("Đã mở đợt tự chấm").wait_for()
    assert "Đang tự chấm" in tccb.get_by_test_id("round-status").inner_text()

    specialist = signed_in(browser, live_server, "specialist")
    specialist.goto(f"/par/assessments/{assessment.pk}/")
    specialist.get_by_role("link", name="Ban hành kế hoạch CCHC năm đúng thời hạn").click()
    specialist.get_by_label("Điểm tự chấm").fill("40")
    specialist.get_by_label("Giải thích cách tự chấm").fill("Kế hoạch ban hành ngày 20/12, trước thời hạn.")
    specialist.get_by_role("button", name="Lưu điểm tự chấm").click()
    specialist.get_by_text("Đã lưu điểm tự chấm.").wait_for()
    plan = tmp_path / "ke-hoach-cchc.pdf"
    plan.write_bytes(PDF)
    specialist.get_by_label("Tệp tài liệu kiểm chứng (PDF, DOCX, XLSX, ảnh)").set_input_files(str(plan))
    specialist.get_by_label("Tên tài liệu").fill("Kế hoạch CCHC năm của Sở")
    specialist.get_by_role("button", name="Tải lên").click()
    specialist.get_by_text("Đã tải lên tài liệu kiểm chứng.").wait_for()
    assert "Kế hoạch CCHC năm của Sở" in specialist.get_by_test_id("evidence-list").inner_text()
    screenshot(specialist, "par-item-self-score")
    specialist.get_by_role("button", name="Gửi TCCB").click()
    specialist.get_by_text("Đã gửi Phòng Tổ chức – Cán bộ.").wait_for()
    item_url = specialist.url

    tccb.goto(item_url)
    tccb.get_by_label("Ý kiến của Phòng Tổ chức – Cán bộ").fill("Đề nghị ghi rõ số, ngày của kế hoạch.")
    tccb.get_by_role("button", name="Trả lại").click()
    tccb.get_by_text("Đã trả lại cho phòng kèm ý kiến.").wait_for()

    specialist.reload()
    assert "Đề nghị ghi rõ số, ngày" in specialist.get_by_test_id("review-comment").inner_text()
    specialist.get_by_label("Giải thích cách tự chấm").fill("Kế hoạch số 4350/KH-SYT ngày 20/12, trước thời hạn.")
    specialist.get_by_role("button", name="Lưu điểm tự chấm").click()
    specialist.get_by_role("button", name="Gửi lại TCCB").click()
    specialist.get_by_text("Đã gửi Phòng Tổ chức – Cán bộ.").wait_for()

    tccb.reload()
    tccb.get_by_role("button", name="Duyệt").click()
    tccb.get_by_text("Đã duyệt tự chấm của phòng.").wait_for()
    assert "TCCB đã duyệt" in tccb.get_by_test_id("item-status").inner_text()
    tccb.goto(f"/par/assessments/{assessment.pk}/")
    screenshot(tccb, "par-round")
    tccb.get_by_role("button", name="Khóa tự chấm").click()
    tccb.get_by_text("Đã khóa đợt tự chấm").wait_for()
    tccb.goto(item_url)
    tccb.get_by_role("spinbutton", name="Điểm thẩm định").fill("30")
    tccb.get_by_role("button", name="Lưu điểm thẩm định").click()
    tccb.get_by_text("Đã lưu điểm thẩm định.").wait_for()
    assert Assessment.objects.get().status == AssessmentStatus.APPRAISAL

    specialist.reload()
    specialist.get_by_label("Nội dung giải trình").fill(
        "Kế hoạch được ký số ngày 20/12 (trước hạn 31/12); đề nghị giữ 40 điểm. Kèm bản ký số."
    )
    specialist.get_by_label("Tệp kèm theo giải trình (không bắt buộc)").set_input_files(str(plan))
    specialist.get_by_role("button", name="Gửi giải trình").click()
    specialist.get_by_text("Đã gửi giải trình.").wait_for()

    tccb.reload()
    assert "đề nghị giữ 40 điểm" in tccb.get_by_test_id("explanation").inner_text()
    screenshot(tccb, "par-item-appraisal")
    tccb.get_by_role("spinbutton", name="Điểm cuối cùng").fill("40")
    tccb.get_by_role("button", name="Chốt điểm cuối cùng").click()
    tccb.get_by_text("Đã chốt điểm cuối cùng.").wait_for()
    final = AssessmentItem.objects.get(criterion__code="2.1")
    assert (final.status, final.self_score, final.appraisal_score, final.final_score) == (ItemStatus.FINAL, 40, 30, 40)
    assert final.evidence.count() == 2

    tccb.goto(f"/par/?assessment={final.assessment_id}")
    with tccb.expect_download() as report_download:
        tccb.get_by_role("button", name="Tải báo cáo tự đánh giá (DOCX)").click()
    report = Document(report_download.value.path())
    assert "BÁO CÁO" in "\n".join(paragraph.text for paragraph in report.paragraphs)
    with tccb.expect_download() as package_download:
        tccb.get_by_role("link", name="Tải hồ sơ kiểm chứng (ZIP)").click()
    with zipfile.ZipFile(package_download.value.path()) as package:
        names = package.namelist()
    assert "muc-luc.xlsx" in names
    assert any("/2.1_" in name for name in names)
    tccb.context.close()
    specialist.context.close()


def test_a_task_deliverable_is_found_without_diacritics_and_linked(
    live_org: Org, browser: Any, live_server: Any
) -> None:
    for title in ("Báo cáo rà soát thủ tục hành chính", "Kế hoạch tuyên truyền"):
        evidence_upload(
            actor=live_org.specialist,
            upload=SimpleUploadedFile("tai-lieu.pdf", PDF),
            unit=live_org.medical,
            title=title,
        )
    assessment = open_round(live_org)
    target = assessment.items.get(criterion__code="2.1")

    page = signed_in(browser, live_server, "specialist")
    page.goto(f"/par/items/{target.pk}/")
    choices = page.get_by_label("Tài liệu đã có trong hệ thống", exact=True)
    assert choices.locator("option").count() == 2
    page.get_by_placeholder("Tìm theo tên tài liệu").press_sequentially("bao cao ra soat")
    page.wait_for_function("document.querySelectorAll('#link-document option').length === 1")
    assert (
        "Báo cáo rà soát thủ tục hành chính"
        in page.get_by_label("Tài liệu đã có trong hệ thống", exact=True).inner_text()
    )
    page.get_by_role("button", name="Liên kết tài liệu").click()
    page.get_by_text("Đã liên kết tài liệu có sẵn").wait_for()
    assert "Báo cáo rà soát thủ tục hành chính" in page.get_by_test_id("evidence-list").inner_text()
    assert list(target.evidence.values_list("title", flat=True)) == ["Báo cáo rà soát thủ tục hành chính"]
    page.context.close()
