"""The task journey in a real browser: the head assigns, the specialist uploads evidence and reports done,
the head confirms; notifications lead to the task; the board and the timeline show it."""

from pathlib import Path
from typing import Any

import pytest

from cchc.plans.tests.test_task_lifecycle import PDF, make_task
from conftest import Org, browser_sign_in, screenshot

pytestmark = pytest.mark.browser


def test_assign_report_done_and_confirm(live_org: Org, browser: Any, live_server: Any, tmp_path: Path) -> None:
    task = make_task(live_org, "31/12/2099")
    head = browser.new_context(viewport={"width": 1366, "height": 768}, base_url=live_server.url)
    head_page = head.new_page()
    browser_sign_in(head_page, "roomhead")
    head_page.goto("/plans/tasks/")
    head_page.get_by_role("link", name="Rà soát, đơn giản hóa thủ tục hành chính").click()
    head_page.get_by_role("link", name="Giao việc").click()
    head_page.get_by_label("Hoàng Chuyên Viên").check()
    head_page.get_by_role("button", name="Giao việc").click()
    assert "Hoàng Chuyên Viên" in head_page.get_by_test_id("assignees").inner_text()

    specialist = browser.new_context(viewport={"width": 1366, "height": 768}, base_url=live_server.url)
    page = specialist.new_page()
    browser_sign_in(page, "specialist")
    assert page.get_by_test_id("unread-count").inner_text().startswith("1")
    page.goto("/notifications/")
    page.get_by_role("button", name="Bạn được giao nhiệm vụ").click()
    page.wait_for_url(f"**/plans/tasks/{task.pk}/")
    evidence = tmp_path / "bao-cao-ra-soat.pdf"
    evidence.write_bytes(PDF)
    page.get_by_label("Tiến độ (%)").fill("100")
    page.get_by_label("Tài liệu kiểm chứng").set_input_files(str(evidence))
    page.get_by_label("Nội dung đã thực hiện").fill("Đã rà soát 20 thủ tục, đề xuất đơn giản hóa 3 thủ tục.")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Báo cáo hoàn thành").click()
    page.wait_for_load_state()
    assert "Chờ trưởng đơn vị xác nhận" in page.get_by_test_id("occurrence").inner_text()
    assert "bao-cao-ra-soat.pdf" in page.get_by_test_id("occurrence").inner_text()
    screenshot(page, "task-detail")

    head_page.reload()
    head_page.get_by_role("button", name="Xác nhận hoàn thành").click()
    assert "Hoàn thành" in head_page.get_by_test_id("occurrence").inner_text()
    with head_page.expect_download() as download:
        head_page.get_by_role("link", name="bao-cao-ra-soat.pdf").click()
    assert download.value.suggested_filename == "bao-cao-ra-soat.pdf"
    head.close()
    specialist.close()


def test_board_filters_and_timeline(live_org: Org, page: Any) -> None:
    make_task(live_org, "Thường xuyên")
    browser_sign_in(page, "office")
    page.locator("#sidebar").get_by_role("link", name="Bảng nhiệm vụ").click()
    page.get_by_label("Tìm kiếm").fill("ra soat thu tuc")
    page.get_by_role("button", name="Lọc").click()
    rows = page.locator("tbody tr")
    assert rows.count() == 4
    screenshot(page, "task-board")
    page.get_by_role("link", name="Xem theo quý").click()
    assert page.locator("tbody tr").count() == 1
    screenshot(page, "task-timeline")


def test_reminder_and_overdue_notifications_lead_to_the_task(live_org: Org, page: Any) -> None:
    import datetime

    from cchc.plans.reminders import task_reminders_run
    from cchc.plans.services import task_assign
    from cchc.workdays.services import calendar_seed_year

    calendar_seed_year(actor=None, year=2026)
    soon = make_task(live_org, "24/02/2026")
    late = make_task(live_org, "Quý I/2026")
    for task in (soon, late):
        task_assign(actor=live_org.room_head, task=task, assignees=[live_org.specialist])
    task_reminders_run(today=datetime.date(2026, 2, 10))
    task_reminders_run(today=datetime.date(2026, 4, 1))

    browser_sign_in(page, "specialist")
    page.locator("a[aria-label='Thông báo']").click()
    menu = page.locator("#notification-menu")
    menu.get_by_text("Quá hạn:").first.wait_for()
    assert "Nhắc việc:" in menu.inner_text()
    screenshot(page, "notifications")
    menu.get_by_text("Quá hạn:").first.click()
    page.wait_for_url(f"**/plans/tasks/{late.pk}/")
    assert "Quá hạn" in page.get_by_test_id("occurrence").inner_text()
