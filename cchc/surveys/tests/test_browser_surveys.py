"""Survey journeys in a real browser: a citizen answers on a phone in one-question mode (and resumes after a
reload), a kiosk resets after each answer, an interviewer types a paper form with the keyboard only, and the
focal point creates a campaign and prints its QR poster."""

from typing import Any

import pytest
from django.test import override_settings

from cchc.surveys.choices import CampaignLayout, ResponseChannel
from cchc.surveys.models.collection import Campaign, Response
from cchc.surveys.models.instruments import Instrument
from cchc.surveys.services import instruments_ensure_defaults, point_create
from cchc.surveys.tests.factories import open_campaign
from conftest import Org, browser_sign_in, screenshot

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
FOCUS_ON_PAPER_NUMBER = "document.activeElement && document.activeElement.name === 'paper_form_number'"


def _choose(page: Any, label: str) -> None:
    page.locator(".sv-current").get_by_text(label, exact=True).click()


def test_citizen_answers_on_a_phone_one_question_per_screen(live_org: Org, browser: Any, live_server: Any) -> None:
    open_campaign(actor=live_org.office_focal, facility=live_org.hospital, layout=CampaignLayout.ONE_QUESTION)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, base_url=live_server.url)
    page = context.new_page()
    page.goto("/khao-sat/bvdk-2026/")
    assert page.get_by_text("Câu 1/").is_visible()
    _choose(page, "Nữ")
    page.locator(".sv-current[data-code='I2']").wait_for()
    _choose(page, "Không")  # I3 (only for insured people) is skipped
    page.locator(".sv-current[data-code='A1']").wait_for()
    screenshot(page, "khao-sat-dien-thoai-cau-hoi")
    _choose(page, "Rất hài lòng")
    page.locator(".sv-current[data-code='A2']").wait_for()

    page.reload()  # resumable: the answers stay in this phone until sent
    assert page.locator("input[name='q-I1'][value='2']").is_checked()
    assert page.locator("input[name='q-A1'][value='5']").is_checked()
    for code in ("I2", "A1"):
        page.get_by_role("button", name="Tiếp ›").click()
        page.locator(f".sv-current[data-code='{code}']").wait_for()
    page.get_by_role("button", name="Tiếp ›").click()
    page.locator(".sv-current[data-code='A2']").wait_for()
    for code, label in (("A2", "Hài lòng"), ("A3", "Không sử dụng dịch vụ này"), ("B1", "Bình thường")):
        _choose(page, label)
        page.locator(f".sv-current:not([data-code='{code}'])").wait_for()
    page.get_by_role("button", name="Tiếp ›").click()  # B2 is required
    assert page.get_by_text("Câu B2 là câu bắt buộc").is_visible()
    _choose(page, "Hài lòng")
    page.locator(".sv-current[data-code='G1']").wait_for()
    page.locator(".sv-current input").fill("85")
    page.get_by_role("button", name="Tiếp ›").click()
    _choose(page, "Chắc chắn")
    page.locator(".sv-current[data-code='G3']").wait_for()
    page.locator(".sv-current textarea").fill("Nhân viên nhiệt tình, nhà vệ sinh cần sạch hơn.")
    page.get_by_role("button", name="Tiếp ›").click()
    assert not page.get_by_label("Tôi đồng ý để lại thông tin liên hệ", exact=False).is_checked()
    screenshot(page, "khao-sat-dien-thoai-gui")
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.get_by_role("heading", name="Cảm ơn Ông/Bà đã góp ý!").wait_for()
    screenshot(page, "khao-sat-cam-on")
    stored = Response.objects.get()
    assert stored.answers == {
        "I1": "2",
        "I2": 0,
        "A1": 5,
        "A2": 4,
        "A3": 0,
        "B1": 3,
        "B2": 4,
        "G1": 85,
        "G2": "5",
        "G3": "Nhân viên nhiệt tình, nhà vệ sinh cần sạch hơn.",
    }
    assert (stored.likert_answered, stored.likert_satisfied, stored.all_satisfied) == (4, 3, False)
    page.goto("/khao-sat/bvdk-2026/")  # sent: the phone forgot the answers
    assert not page.locator("input[name='q-I1'][value='2']").is_checked()
    context.close()


@override_settings(CCHC_SURVEY_KIOSK_RESET_SECONDS=1)
def test_kiosk_returns_to_a_fresh_form_after_each_answer(live_org: Org, browser: Any, live_server: Any) -> None:
    campaign = open_campaign(actor=live_org.office_focal, facility=live_org.hospital)
    point_create(actor=live_org.office_focal, campaign=campaign, code="quay-1", name="Quầy số 1")
    context = browser.new_context(viewport={"width": 1024, "height": 768}, base_url=live_server.url)
    page = context.new_page()
    page.goto("/khao-sat/bvdk-2026/quay-1/kiosk/")
    assert page.get_by_label("Tôi đồng ý", exact=False).count() == 0  # a kiosk collects no contact details
    page.locator("#q-A1").get_by_text("Hài lòng", exact=True).click()
    page.locator("#q-B2").get_by_text("Rất hài lòng", exact=True).click()
    screenshot(page, "khao-sat-kiosk")
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.get_by_role("heading", name="Cảm ơn Ông/Bà đã góp ý!").wait_for()
    page.wait_for_url("**/khao-sat/bvdk-2026/quay-1/?kiosk=1")
    page.locator("#sv-form").wait_for()
    assert page.locator("#sv-form input:checked").count() == 0
    stored = Response.objects.get()
    assert stored.channel == ResponseChannel.KIOSK and stored.point is not None
    context.close()


def test_interviewer_types_a_paper_form_with_the_keyboard_only(live_org: Org, page: Any) -> None:
    campaign = open_campaign(actor=live_org.office_focal, facility=live_org.hospital)
    browser_sign_in(page, "hospital")
    page.goto(f"/surveys/campaigns/{campaign.pk}/")
    page.get_by_role("link", name="Nhập phiếu giấy").click()
    page.wait_for_function(FOCUS_ON_PAPER_NUMBER)  # the first field has the focus: no mouse needed
    keys = ["P-001", "2", "1", "1", "4", "5", "0", "4", "5", "90", "5", "Bác sĩ tận tình"]
    for index, text in enumerate(keys):
        if index:
            page.keyboard.press("Tab")
        page.keyboard.type(text)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "khao-sat-nhap-phieu-giay")
    page.keyboard.press("Enter")
    page.get_by_text("Đã lưu phiếu số P-001").wait_for()
    page.wait_for_function(FOCUS_ON_PAPER_NUMBER)  # a fresh form, ready for the next paper form
    stored = Response.objects.get()
    assert stored.answers == {
        "I1": "2",
        "I2": 1,
        "I3": 1,
        "A1": 4,
        "A2": 5,
        "A3": 0,
        "B1": 4,
        "B2": 5,
        "G1": 90,
        "G2": "5",
        "G3": "Bác sĩ tận tình",
    }
    assert stored.entered_by == live_org.hospital_staff
    page.keyboard.type("P-001")
    page.keyboard.press("Tab")
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    page.get_by_text("Phiếu số P-001 đã được nhập vào đợt khảo sát này").wait_for()
    assert Response.objects.count() == 1


def test_focal_point_creates_a_campaign_and_prints_the_qr_poster(live_org: Org, page: Any) -> None:
    instruments_ensure_defaults()  # a transactional test starts from empty tables, without migration data
    version = Instrument.objects.get(code="BYT-M2").versions.get(number=1)
    browser_sign_in(page, "office")
    page.goto("/surveys/")
    page.get_by_role("link", name="Tạo đợt khảo sát").click()
    page.get_by_label("Tên đợt khảo sát").fill("Khảo sát người bệnh ngoại trú năm 2026")
    page.get_by_label("Mã đường dẫn ngắn").fill("bvdk-ngoai-tru")
    page.get_by_label("Bộ câu hỏi").select_option(str(version.pk))
    page.get_by_label("Cơ sở được khảo sát").select_option(str(live_org.hospital.pk))
    page.get_by_label("Khoa, bộ phận").fill("Khoa Khám bệnh")
    page.get_by_label("Từ ngày").fill("2026-01-05")
    page.get_by_label("Đến ngày").fill("2026-12-15")
    page.get_by_label("Cỡ mẫu mục tiêu").fill("300")
    screenshot(page, "khao-sat-tao-dot")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_label("Mã điểm (không dấu)").fill("quay-1")
    page.get_by_label("Tên điểm").fill("Quầy tiếp đón số 1")
    page.get_by_role("button", name="Thêm điểm").click()
    page.get_by_text("Đã thêm điểm thu thập").wait_for()
    page.get_by_role("button", name="Mở đợt").click()
    assert page.get_by_test_id("campaign-status").inner_text() == "Đang thu thập"
    screenshot(page, "khao-sat-chi-tiet-dot")
    campaign = Campaign.objects.get(code="bvdk-ngoai-tru")
    page.goto(f"/surveys/campaigns/{campaign.pk}/points/{campaign.points.get().pk}/poster/")
    assert page.locator("svg.poster-qr").is_visible()
    assert "/khao-sat/bvdk-ngoai-tru/quay-1/" in page.content()
    screenshot(page, "khao-sat-ap-phich-qr")
