"""The desk journeys in a real browser: the officer receives a dossier and downloads the receipt; a dossier goes
late, the officer drafts the apology, the leader approves it, the officer issues it and the public page shows it."""

import datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from cchc.dossiers.models import Dossier
from cchc.dossiers.prediction import dossiers_predict_late
from cchc.dossiers.receipts import public_status_url
from cchc.dossiers.tests.test_deadlines import at
from cchc.dossiers.tests.test_lifecycle import make_dossier, make_procedure
from conftest import Org, browser_sign_in, screenshot

pytestmark = pytest.mark.browser


def test_officer_receives_a_dossier_and_downloads_the_receipt(live_org: Org, page: Any) -> None:
    make_procedure(live_org)
    browser_sign_in(page, "onestop")
    page.goto("/dossiers/receive/")
    page.get_by_label("Tìm thủ tục").fill("my pham")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_test_id("procedure-choices").get_by_role("link").first.click()
    page.get_by_label("Tên cá nhân, tổ chức").fill("Công ty TNHH Mỹ phẩm Hoa Sen")
    page.get_by_label("Điện thoại").fill("0905 123 456")
    page.get_by_label("Đơn đề nghị").check()
    page.get_by_label("Giấy chứng nhận đăng ký doanh nghiệp").check()
    screenshot(page, "dossier-receive")
    page.get_by_role("button", name="Tiếp nhận và cấp mã hồ sơ").click()
    page.wait_for_url("**/dossiers/*/")
    dossier = Dossier.objects.get()
    assert page.get_by_test_id("dossier-code").inner_text() == dossier.code
    screenshot(page, "dossier-detail")
    with page.expect_download() as download:
        page.get_by_role("link", name="Giấy tiếp nhận (DOCX)").click()
    assert download.value.suggested_filename == f"giay-tiep-nhan-{dossier.code}.docx"
    page.goto("/dossiers/")
    page.get_by_label("Mã hồ sơ, người nộp").fill("hoa sen")
    page.get_by_role("button", name="Lọc").click()
    assert dossier.code in page.get_by_test_id("dossier-table").inner_text()
    screenshot(page, "dossier-list")


def test_late_dossier_apology_is_drafted_approved_issued_and_shown(
    live_org: Org, browser: Any, live_server: Any, page: Any
) -> None:
    make_procedure(live_org)
    dossier = make_dossier(live_org, received_at=at("09/02/2026", "09:00"))  # due 2/3/2026: past
    dossiers_predict_late()
    new_date = timezone.localdate() + datetime.timedelta(days=14)

    browser_sign_in(page, "onestop")
    page.goto("/dossiers/today/")
    assert dossier.code in page.get_by_test_id("late-predicted").inner_text()
    screenshot(page, "dossier-today")
    page.get_by_test_id("late-predicted").get_by_role("link", name=dossier.code).click()
    page.get_by_role("link", name="Dự thảo văn bản xin lỗi").click()
    page.get_by_label("Lý do chậm trễ").fill("Hồ sơ cần lấy ý kiến thẩm định của Bộ Y tế.")
    page.get_by_label("Ngày hẹn trả mới").fill(new_date.isoformat())
    screenshot(page, "dossier-apology-draft")
    page.get_by_role("button", name="Gửi lãnh đạo duyệt").click()
    assert "Dự thảo, chờ lãnh đạo duyệt" in page.get_by_test_id("apology").inner_text()

    leader_context = browser.new_context(viewport={"width": 1366, "height": 768}, base_url=live_server.url)
    leader = leader_context.new_page()
    browser_sign_in(leader, "leader")
    leader.goto("/dossiers/apologies/")
    assert dossier.code in leader.get_by_test_id("apology-draft").inner_text()
    leader.get_by_label("Ý kiến của lãnh đạo").fill("Đồng ý, khẩn trương hoàn thành.")
    screenshot(leader, "dossier-apology-queue")
    leader.get_by_role("button", name="Duyệt").click()
    assert "Không có văn bản xin lỗi nào chờ duyệt" in leader.content()
    leader_context.close()

    page.reload()
    page.get_by_label("Số văn bản").fill("125/SYT-VP")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Phát hành").click()
    page.wait_for_load_state()
    assert "Đã phát hành" in page.get_by_test_id("apology").inner_text()
    assert new_date.strftime("%d/%m/%Y") in page.get_by_test_id("appointment-at").inner_text()

    citizen = browser.new_context(viewport={"width": 1366, "height": 768}, base_url=live_server.url).new_page()
    citizen.goto(urlsplit(public_status_url(dossier)).path)
    apology = citizen.get_by_test_id("public-apology").inner_text()
    assert "Bộ Y tế" in apology and new_date.strftime("%d/%m/%Y") in apology
    assert "Hoa Sen" not in citizen.content()
    screenshot(citizen, "dossier-public-status")
    citizen.goto("/cong-khai/ho-so/")
    citizen.get_by_label("Mã hồ sơ").fill(dossier.code)
    citizen.get_by_label("4 số cuối điện thoại người nộp").fill("3456")
    citizen.get_by_role("button", name="Tra cứu").click()
    assert "125/SYT-VP" in citizen.get_by_test_id("public-apology").inner_text()
    screenshot(citizen, "dossier-public-lookup")
