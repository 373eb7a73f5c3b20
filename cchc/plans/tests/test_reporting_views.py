"""Pages of the reporting cycles: each named person gets exactly what their role allows; units submit through
the page; the department's report and annex download as DOCX and XLSX and the export is logged."""

import io
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from cchc.core.choices import SecurityEventKind
from cchc.core.models import Notification, SecurityEvent
from cchc.plans.models import ReportingCycle, UnitReport
from cchc.plans.reporting import reporting_cycle_open, unit_report_submit
from cchc.plans.tests.test_reporting import YEAR, add_task, make_plan, report_of
from conftest import Org

ALL = "leader tccb_officer office_focal room_head specialist hospital_staff one_stop_officer inspector admin outsider"
MANAGERS = "office_focal tccb_officer admin"
DEPARTMENT = f"leader {MANAGERS}"
CYCLE_UNITS = "room_head specialist hospital_staff inspector"
EXPORT = "?" + urlencode(
    {
        "number": "12/BC-SYT",
        "place": "Quảng Ngãi",
        "signer_prefix": "KT. GIÁM ĐỐC",
        "signer_title": "PHÓ GIÁM ĐỐC",
        "signer_name": "Nguyễn Văn A",
    }
)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def statuses(allowed: str, status: int, others: int, **special: int) -> dict[str, int]:
    expected = dict.fromkeys(ALL.split(), others)
    expected.update(dict.fromkeys(allowed.split(), status))
    expected.update(special)
    return expected


@pytest.fixture
def cycle(org: Org) -> ReportingCycle:
    add_task(org, make_plan(org), "Rà soát, đơn giản hóa thủ tục hành chính", f"Quý I/{YEAR}")
    return reporting_cycle_open(actor=org.office_focal, year=YEAR, period="q1")


def nvy(cycle: ReportingCycle, org: Org) -> str:
    return f"/plans/reports/{cycle.pk}/units/{org.medical.pk}/"


def ensure_submitted(cycle: ReportingCycle, org: Org) -> None:
    report = report_of(cycle, org.medical)
    if report.status != UnitReport.Status.SUBMITTED:
        unit_report_submit(actor=org.room_head, report=report)


SAVE = {"action": "save", "results": "Đã rà soát.", "difficulties": "", "proposals": ""}
RETURN = {"action": "return", "reason": "Bổ sung số liệu"}

CASES: list[tuple[str, str, Callable[[ReportingCycle, Org], str], dict[str, Any], dict[str, int]]] = [
    ("cycle list", "get", lambda c, o: "/plans/reports/", {}, statuses(ALL, 200, 200)),
    ("cycle create", "get", lambda c, o: "/plans/reports/new/", {}, statuses(MANAGERS, 200, 403)),
    (
        "cycle detail",
        "get",
        lambda c, o: f"/plans/reports/{c.pk}/",
        {},
        statuses(f"{DEPARTMENT} {CYCLE_UNITS}", 200, 404),
    ),
    (
        "unit report",
        "get",
        nvy,
        {},
        statuses(f"{DEPARTMENT} room_head specialist", 200, 404),
    ),
    (
        "unit report save",
        "post",
        nvy,
        SAVE,
        statuses("room_head specialist", 302, 404, leader=403, tccb_officer=403, office_focal=403, admin=403),
    ),
    (
        "unit report return",
        "post",
        nvy,
        RETURN,
        statuses(MANAGERS, 302, 404, leader=403, room_head=403, specialist=403),
    ),
    (
        "consolidated docx",
        "get",
        lambda c, o: f"/plans/reports/{c.pk}/bao-cao.docx{EXPORT}",
        {},
        statuses(DEPARTMENT, 200, 403, one_stop_officer=404, outsider=404),
    ),
    (
        "consolidated xlsx",
        "get",
        lambda c, o: f"/plans/reports/{c.pk}/phu-luc.xlsx",
        {},
        statuses(DEPARTMENT, 200, 403, one_stop_officer=404, outsider=404),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case[0])
def test_each_person_gets_what_their_role_allows(
    org: Org, client_for: Callable[..., Client], cycle: ReportingCycle, case: tuple[Any, ...]
) -> None:
    name, method, path, data, expected = case
    outcomes = {}
    for who, person in org.people().items():
        if name == "unit report return":
            ensure_submitted(cycle, org)
        response = getattr(client_for(person), method)(path(cycle, org), data)
        outcomes[who] = response.status_code
    assert outcomes == expected


@pytest.mark.parametrize("case", CASES, ids=lambda case: case[0])
def test_anonymous_visitors_are_sent_to_sign_in(
    org: Org, client_for: Callable[..., Client], cycle: ReportingCycle, case: tuple[Any, ...]
) -> None:
    _name, method, path, data, _expected = case
    response = getattr(client_for(None), method)(path(cycle, org), data)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_focal_point_opens_a_cycle_from_the_form(org: Org, client_for: Callable[..., Client]) -> None:
    response = client_for(org.office_focal).post("/plans/reports/new/", {"year": YEAR, "period": "q2"})
    cycle = ReportingCycle.objects.get()
    assert response["Location"] == f"/plans/reports/{cycle.pk}/"
    assert cycle.due_date.strftime("%d/%m/%Y") == f"20/06/{YEAR}"
    assert cycle.reports.count() == 5


def test_opening_the_same_period_twice_shows_the_error_on_the_form(
    org: Org, client_for: Callable[..., Client], cycle: ReportingCycle
) -> None:
    response = client_for(org.office_focal).post("/plans/reports/new/", {"year": YEAR, "period": "q1"})
    assert response.status_code == 200
    assert "Kỳ báo cáo quý I năm 2099 đã được mở trước đó" in response.content.decode()
    assert ReportingCycle.objects.count() == 1


def test_room_head_edits_and_submits_the_prefilled_report(
    org: Org, client_for: Callable[..., Client], cycle: ReportingCycle
) -> None:
    client = client_for(org.room_head)
    page = client.get(nvy(cycle, org)).content.decode()
    assert "Rà soát, đơn giản hóa thủ tục hành chính (Quý I/2099)" in page
    assert "Lưu nháp" in page
    assert "Nộp báo cáo" in page
    response = client.post(
        nvy(cycle, org),
        {"action": "submit", "results": "Đã rà soát 20 thủ tục.", "difficulties": "Thiếu kinh phí", "proposals": ""},
    )
    assert response["Location"] == nvy(cycle, org)
    report = report_of(cycle, org.medical)
    assert (report.status, report.results, report.is_late, report.submitted_by) == (
        "submitted",
        "Đã rà soát 20 thủ tục.",
        False,
        org.room_head,
    )
    page = client.get(nvy(cycle, org)).content.decode()
    assert "Nộp đúng hạn" in page
    assert "Lưu nháp" not in page


def test_submitting_an_empty_report_shows_where_the_problem_is(
    org: Org, client_for: Callable[..., Client], cycle: ReportingCycle
) -> None:
    response = client_for(org.specialist).post(
        nvy(cycle, org), {"action": "submit", "results": "", "difficulties": "", "proposals": ""}
    )
    assert response.status_code == 200
    assert "id_results-errors" in response.content.decode()
    assert report_of(cycle, org.medical).status == UnitReport.Status.DRAFT


def test_focal_point_sees_the_report_read_only_and_returns_it_with_a_reason(
    org: Org, client_for: Callable[..., Client], cycle: ReportingCycle
) -> None:
    ensure_submitted(cycle, org)
    client = client_for(org.office_focal)
    page = client.get(nvy(cycle, org)).content.decode()
    assert "Trả lại" in page
    assert "Lưu nháp" not in page
    refused = client.post(nvy(cycle, org), {"action": "return", "reason": ""})
    assert refused.status_code == 200
    assert report_of(cycle, org.medical).status == UnitReport.Status.SUBMITTED
    client.post(nvy(cycle, org), RETURN)
    assert report_of(cycle, org.medical).status == UnitReport.Status.RETURNED
    assert Notification.objects.filter(recipient=org.room_head, message__contains="Bổ sung số liệu").exists()
    page = client_for(org.room_head).get(nvy(cycle, org)).content.decode()
    assert "Bổ sung số liệu" in page
    assert "Nộp báo cáo" in page


def test_unknown_action_is_a_bad_request(org: Org, client_for: Callable[..., Client], cycle: ReportingCycle) -> None:
    assert client_for(org.room_head).post(nvy(cycle, org), {"action": "delete"}).status_code == 400


def test_cycle_page_shows_the_focal_point_every_unit_and_a_member_only_their_own(
    org: Org, client_for: Callable[..., Client], cycle: ReportingCycle
) -> None:
    focal = client_for(org.office_focal).get(f"/plans/reports/{cycle.pk}/").content.decode()
    assert "Bệnh viện Đa khoa tỉnh" in focal
    assert "Phòng Nghiệp vụ Y" in focal
    assert "Tải báo cáo (DOCX)" in focal
    member = client_for(org.specialist).get(f"/plans/reports/{cycle.pk}/").content.decode()
    assert "Phòng Nghiệp vụ Y" in member
    assert "Bệnh viện Đa khoa tỉnh" not in member
    assert "Tải báo cáo (DOCX)" not in member


def test_cycle_list_counts_submitted_reports(
    org: Org, client_for: Callable[..., Client], cycle: ReportingCycle
) -> None:
    ensure_submitted(cycle, org)
    page = client_for(org.office_focal).get("/plans/reports/").content.decode()
    assert "Báo cáo CCHC quý I năm 2099" in page
    assert "Mở kỳ báo cáo" in page
    assert "Mở kỳ báo cáo" not in client_for(org.room_head).get("/plans/reports/").content.decode()


def test_downloads_are_word_and_excel_files_and_are_logged(
    org: Org, client_for: Callable[..., Client], cycle: ReportingCycle
) -> None:
    client = client_for(org.leader)
    docx = client.get(f"/plans/reports/{cycle.pk}/bao-cao.docx{EXPORT}")
    assert docx["Content-Type"] == DOCX_TYPE
    assert docx["Content-Disposition"] == 'attachment; filename="bao-cao-cchc-q1-2099.docx"'
    texts = [paragraph.text for paragraph in Document(io.BytesIO(docx.content)).paragraphs]
    assert "BÁO CÁO" in texts
    xlsx = client.get(f"/plans/reports/{cycle.pk}/phu-luc.xlsx")
    assert xlsx["Content-Type"] == XLSX_TYPE
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert sheet.max_row == 2
    exports = SecurityEvent.objects.filter(kind=SecurityEventKind.EXPORT, user=org.leader)
    assert sorted(exports.values_list("detail", flat=True)) == ["bao-cao-cchc q1/2099", "phu-luc-cchc q1/2099"]


def test_missing_report_number_shows_the_form_again(
    org: Org, client_for: Callable[..., Client], cycle: ReportingCycle
) -> None:
    response = client_for(org.office_focal).get(f"/plans/reports/{cycle.pk}/bao-cao.docx?place=Qu%E1%BA%A3ng+Ng%C3%A3i")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "id_number-errors" in response.content.decode()
    assert not SecurityEvent.objects.filter(kind=SecurityEventKind.EXPORT).exists()


def test_report_history_shows_who_submitted_and_who_returned(
    org: Org, client_for: Callable[..., Client], cycle: ReportingCycle
) -> None:
    ensure_submitted(cycle, org)
    client_for(org.office_focal).post(nvy(cycle, org), RETURN)
    report = report_of(cycle, org.medical)
    page = client_for(org.room_head).get(nvy(cycle, org)).content.decode()
    assert f"/history/plans/unitreport/{report.pk}/" in page
    history = client_for(org.room_head).get(f"/history/plans/unitreport/{report.pk}/").content.decode()
    assert "unit_report_submit" in history
    assert "unit_report_return" in history
    assert "Bổ sung số liệu" in history
    assert client_for(org.hospital_staff).get(f"/history/plans/unitreport/{report.pk}/").status_code == 404
