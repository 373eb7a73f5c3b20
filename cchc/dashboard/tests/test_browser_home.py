"""Each role signs in through the real form and lands on its home page (screenshots for the user guide)."""

from typing import Any

import pytest

from conftest import Org, browser_sign_in, screenshot

pytestmark = pytest.mark.browser

ROLE_HOMES = [
    ("leader", "leader", "Lãnh đạo Sở"),
    ("tccb", "tccb_officer", "Đầu mối Chỉ số CCHC"),
    ("office", "office_focal", "Đầu mối CCHC, TTHC, một cửa"),
    ("roomhead", "room_head", "Trưởng phòng"),
    ("specialist", "specialist", "Chuyên viên"),
    ("hospital", "hospital_staff", "Trưởng phòng, Thủ trưởng đơn vị"),
    ("onestop", "one_stop_officer", "Cán bộ một cửa"),
    ("inspector", "inspector", "Thanh tra viên"),
    ("admin", "admin", "Quản trị hệ thống"),
]


def with_tasks(org: Org) -> None:
    """A few tasks of this year, one assigned and late, so that the home pages show their task cards."""
    from cchc.plans.services import task_assign
    from cchc.plans.tests.test_task_lifecycle import make_task

    task_assign(actor=org.room_head, task=make_task(org, "Thường xuyên"), assignees=[org.specialist])


@pytest.mark.parametrize(("username", "role", "badge"), ROLE_HOMES)
def test_each_role_signs_in_and_sees_its_home_page(
    live_org: Org, page: Any, username: str, role: str, badge: str
) -> None:
    with_tasks(live_org)
    browser_sign_in(page, username)
    assert page.url.endswith("/")
    assert page.get_by_role("heading", name="Xin chào").is_visible()
    assert badge in page.locator("main").inner_text()
    assert "Hôm nay" in page.locator("main").inner_text()
    screenshot(page, f"home-{role.replace('_', '-')}")


def test_leadership_home_shows_organisation_figures_that_link_to_lists(live_org: Org, page: Any) -> None:
    browser_sign_in(page, "leader")
    page.get_by_text("người dùng hoạt động").click()
    page.wait_for_url("**/org/people/?is_active=true")
    assert "Võ Bệnh Viện" in page.locator("main").inner_text()


def test_person_without_unit_or_role_is_told_whom_to_ask(live_org: Org, page: Any) -> None:
    browser_sign_in(page, "outsider")
    assert page.get_by_test_id("no-access").is_visible()


def test_wrong_password_shows_a_vietnamese_error(live_org: Org, page: Any) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Tài khoản").fill("specialist")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    assert "không đúng" in page.locator("main").inner_text()
    screenshot(page, "login-error")


def test_menu_opens_on_a_phone(live_org: Org, browser: Any, live_server: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url, is_mobile=True)
    phone = context.new_page()
    browser_sign_in(phone, "specialist")
    menu_link = phone.locator("#sidebar").get_by_role("link", name="Lịch làm việc")
    assert not menu_link.is_visible()
    phone.get_by_role("button", name="Mở menu").click()
    menu_link.wait_for(state="visible")
    phone.wait_for_function("() => !document.querySelector('#sidebar').classList.contains('showing')")
    phone.wait_for_timeout(400)
    screenshot(phone, "menu-phone")
    menu_link.click()
    phone.wait_for_url("**/calendar/")
    context.close()
