"""Reporting cycles: due dates, the units that must report, pre-filled reports, on-time and late submission,
missing reports, sending a report back, and a cycle opened only once."""

import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.core.models import AuditEvent, Notification
from cchc.evidence.models import EvidenceDocument
from cchc.evidence.services import evidence_upload
from cchc.org.choices import UnitKind
from cchc.org.models import Unit
from cchc.org.services import unit_create
from cchc.plans.models import Plan, ReformArea, ReportingCycle, Task, UnitReport
from cchc.plans.reporting import reporting_cycle_open, unit_report_return, unit_report_save, unit_report_submit
from cchc.plans.reporting_periods import DateRange, next_quarter_range, period_phrase, period_range, report_due_date
from cchc.plans.reporting_selectors import (
    ReportState,
    cycle_list_with_counts,
    cycle_status_rows,
    state_counts,
)
from cchc.plans.services import occurrence_cancel, occurrence_report_progress, plan_create, task_create
from conftest import Org

YEAR = 2099
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def make_plan(org: Org, year: int = YEAR) -> Plan:
    return plan_create(
        actor=org.office_focal,
        kind="plan",
        number=f"99/KH-SYT-{year}",
        title=f"Kế hoạch CCHC năm {year}",
        year=year,
        issuer="Sở Y tế",
    )


def add_task(
    org: Org, plan: Plan, title: str, timeframe: str, lead: Unit | None = None, area: str = "II", product: str = ""
) -> Task:
    return task_create(
        actor=org.office_focal,
        plan=plan,
        area=ReformArea.objects.get(code=area),
        title=title,
        product=product,
        timeframe_text=timeframe,
        lead_unit=lead or org.medical,
        coordinating_units=[org.office],
    )


def attach_evidence(org: Org, name: str) -> EvidenceDocument:
    upload = SimpleUploadedFile(name, PDF)
    return evidence_upload(actor=org.specialist, upload=upload, unit=org.medical).document


def open_q1(org: Org, year: int = YEAR, **kwargs: Any) -> ReportingCycle:
    return reporting_cycle_open(actor=org.office_focal, year=year, period="q1", **kwargs)


def report_of(cycle: ReportingCycle, unit: Unit) -> UnitReport:
    return UnitReport.objects.get(cycle=cycle, unit=unit)


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LOCAL)


def test_default_due_date_is_the_20th_of_the_last_month_of_each_quarter() -> None:
    assert [report_due_date(2026, period) for period in ("q1", "q2", "q3", "q4")] == [
        datetime.date(2026, 3, 20),
        datetime.date(2026, 6, 20),
        datetime.date(2026, 9, 20),
        datetime.date(2026, 12, 20),
    ]


def test_report_day_is_a_setting_and_short_months_end_on_their_last_day(settings: Any) -> None:
    settings.CCHC_REPORT_DAY = 31
    assert report_due_date(2026, "q1") == datetime.date(2026, 3, 31)
    assert report_due_date(2026, "q2") == datetime.date(2026, 6, 30)
    settings.CCHC_REPORT_DAY = 15
    assert report_due_date(2026, "q3") == datetime.date(2026, 9, 15)


def test_periods_are_cumulative_from_january_and_are_named_as_reports_name_them() -> None:
    assert period_range(2026, "q3") == DateRange(datetime.date(2026, 1, 1), datetime.date(2026, 9, 30))
    assert next_quarter_range(2026, "q4").start == datetime.date(2027, 1, 1)
    assert next_quarter_range(2026, "q4").end == datetime.date(2027, 3, 31)
    assert [period_phrase(2026, period) for period in ("q1", "q2", "q3", "q4")] == [
        "quý I năm 2026",
        "6 tháng đầu năm 2026",
        "9 tháng năm 2026",
        "năm 2026",
    ]


def test_opening_a_cycle_uses_the_default_due_date_and_every_room_and_subordinate_unit(org: Org) -> None:
    closed = unit_create(
        actor=None,
        code="PHONGCU",
        name="Phòng đã giải thể",
        kind=UnitKind.ROOM,
        parent=org.department,
        valid_to=datetime.date(YEAR - 1, 12, 31),
    )
    cycle = reporting_cycle_open(actor=org.office_focal, year=YEAR, period="q2")
    assert cycle.due_date == datetime.date(YEAR, 6, 20)
    expected = {org.office, org.personnel, org.medical, org.inspectorate, org.hospital}
    assert set(cycle.units.all()) == expected
    assert {report.unit for report in cycle.reports.all()} == expected
    assert closed not in cycle.units.all()
    assert all(report.status == UnitReport.Status.DRAFT for report in cycle.reports.all())
    assert AuditEvent.objects.filter(action="reporting_cycle_open", object_id=str(cycle.pk)).exists()


def test_opening_a_cycle_tells_each_unit_head_the_deadline(org: Org) -> None:
    cycle = open_q1(org)
    message = Notification.objects.get(recipient=org.room_head).message
    assert "quý I năm 2099" in message
    assert "20/03/2099" in message
    assert Notification.objects.filter(recipient=org.hospital_staff).exists()
    assert not Notification.objects.filter(recipient=org.specialist).exists()
    assert cycle.units.count() == 5


def test_a_chosen_due_date_and_units_are_kept(org: Org) -> None:
    cycle = open_q1(org, due_date=datetime.date(YEAR, 3, 25), units=[org.medical])
    assert cycle.due_date == datetime.date(YEAR, 3, 25)
    assert list(cycle.reports.values_list("unit__code", flat=True)) == ["NVY"]


def test_unit_report_is_prefilled_from_the_tasks_the_unit_leads(org: Org) -> None:
    plan = make_plan(org)
    reviewed = add_task(org, plan, "Rà soát, đơn giản hóa thủ tục hành chính", f"Quý I/{YEAR}")
    occurrence = reviewed.occurrences.get()
    occurrence_report_progress(
        actor=org.specialist,
        occurrence=occurrence,
        percent=60,
        narrative="Đã rà soát 12/20 thủ tục.",
        evidence=[attach_evidence(org, "ra-soat.pdf"), attach_evidence(org, "danh-muc.pdf")],
    )
    add_task(org, plan, "Tuyên truyền về cải cách hành chính", "Thường xuyên", area="VII")
    cycle = open_q1(org)
    report = report_of(cycle, org.medical)
    lines = report.results.splitlines()
    assert lines[0] == (
        f"- Rà soát, đơn giản hóa thủ tục hành chính (Quý I/{YEAR}): Đang thực hiện, 60%; "
        "Đã rà soát 12/20 thủ tục; 2 tài liệu kiểm chứng."
    )
    assert lines[1] == (
        f"- Tuyên truyền về cải cách hành chính (Quý I/{YEAR}): Chưa thực hiện, 0%; 0 tài liệu kiểm chứng."
    )
    assert len(lines) == 2
    assert set(report.evidence.values_list("title", flat=True)) == {"ra-soat.pdf", "danh-muc.pdf"}


def test_prefill_leaves_out_later_cancelled_and_other_units_tasks(org: Org) -> None:
    plan = make_plan(org)
    add_task(org, plan, "Nhiệm vụ của quý III", f"Quý III/{YEAR}")
    add_task(org, plan, "Nhiệm vụ của bệnh viện", f"Quý I/{YEAR}", lead=org.hospital)
    cancelled = add_task(org, plan, "Nhiệm vụ đã hủy", f"Quý I/{YEAR}")
    occurrence_cancel(actor=org.office_focal, occurrence=cancelled.occurrences.get(), narrative="Không còn phù hợp")
    cycle = open_q1(org)
    assert report_of(cycle, org.medical).results == "Trong kỳ, đơn vị không chủ trì nhiệm vụ nào đến hạn."
    assert "Nhiệm vụ của bệnh viện" in report_of(cycle, org.hospital).results


def test_unfinished_task_of_an_earlier_year_is_still_reported(org: Org) -> None:
    old_plan = make_plan(org, year=YEAR - 1)
    add_task(org, old_plan, "Số hóa hồ sơ còn tồn", f"Quý IV/{YEAR - 1}")
    cycle = open_q1(org)
    assert "Số hóa hồ sơ còn tồn" in report_of(cycle, org.medical).results


def test_saving_keeps_the_draft_and_records_the_change(org: Org) -> None:
    cycle = open_q1(org)
    report = unit_report_save(
        actor=org.specialist,
        report=report_of(cycle, org.medical),
        results="  Đã hoàn thành rà soát.  ",
        difficulties="Thiếu nhân lực",
        proposals="",
    )
    assert (report.status, report.results, report.difficulties) == ("draft", "Đã hoàn thành rà soát.", "Thiếu nhân lực")
    assert AuditEvent.objects.filter(action="unit_report_save", object_id=str(report.pk)).exists()


def test_submitting_by_the_end_of_the_due_date_local_time_is_on_time(org: Org) -> None:
    cycle = open_q1(org)
    report = unit_report_submit(
        actor=org.room_head, report=report_of(cycle, org.medical), now=local(YEAR, 3, 20, 23, 59)
    )
    assert (report.status, report.is_late, report.submitted_by) == ("submitted", False, org.room_head)
    assert report.submitted_at == local(YEAR, 3, 20, 23, 59)


def test_submitting_after_the_due_date_is_late_even_when_utc_is_still_the_due_date(org: Org) -> None:
    cycle = open_q1(org)
    just_after_midnight = datetime.datetime(YEAR, 3, 20, 17, 30, tzinfo=datetime.UTC)  # 00:30 on 21/03 in Việt Nam
    report = unit_report_submit(actor=org.room_head, report=report_of(cycle, org.medical), now=just_after_midnight)
    assert report.is_late is True
    assert Notification.objects.filter(recipient=org.office_focal, message__contains="trễ hạn").exists()


def test_a_submitted_report_can_be_neither_submitted_again_nor_edited(org: Org) -> None:
    cycle = open_q1(org)
    report = unit_report_submit(actor=org.room_head, report=report_of(cycle, org.medical), now=local(YEAR, 3, 1, 9))
    with pytest.raises(ValidationError, match="Đã nộp"):
        unit_report_submit(actor=org.room_head, report=report, now=local(YEAR, 3, 2, 9))
    with pytest.raises(ValidationError, match="Đã nộp"):
        unit_report_save(actor=org.room_head, report=report, results="Sửa sau khi nộp", difficulties="", proposals="")
    report.refresh_from_db()
    assert report.submitted_at == local(YEAR, 3, 1, 9)


def test_an_empty_report_cannot_be_submitted(org: Org) -> None:
    cycle = open_q1(org)
    report = unit_report_save(
        actor=org.room_head, report=report_of(cycle, org.medical), results=" ", difficulties="", proposals=""
    )
    with pytest.raises(ValidationError, match="Cần ghi kết quả thực hiện"):
        unit_report_submit(actor=org.room_head, report=report)
    report.refresh_from_db()
    assert report.status == UnitReport.Status.DRAFT


def test_missing_reports_are_counted_once_the_due_date_has_passed(org: Org) -> None:
    cycle = open_q1(org)
    unit_report_submit(actor=org.room_head, report=report_of(cycle, org.medical), now=local(YEAR, 3, 19, 10))
    unit_report_submit(actor=org.hospital_staff, report=report_of(cycle, org.hospital), now=local(YEAR, 3, 23, 10))
    before = state_counts(cycle_status_rows(user=org.office_focal, cycle=cycle, today=datetime.date(YEAR, 3, 20)))
    after = state_counts(cycle_status_rows(user=org.office_focal, cycle=cycle, today=datetime.date(YEAR, 3, 21)))
    assert before == {"on_time": 1, "late": 1, "missing": 0, "pending": 3, "total": 5}
    assert after == {"on_time": 1, "late": 1, "missing": 3, "pending": 0, "total": 5}
    rows = cycle_status_rows(user=org.office_focal, cycle=cycle, today=datetime.date(YEAR, 3, 21))
    missing = {row.report.unit.code for row in rows if row.state == ReportState.MISSING}
    assert missing == {"VP", "TCCB", "TTRA"}
    [(listed, counts)] = cycle_list_with_counts(user=org.office_focal, today=datetime.date(YEAR, 3, 21))
    assert (listed, counts) == (cycle, after)


def test_a_unit_member_counts_only_the_reports_of_their_unit(org: Org) -> None:
    cycle = open_q1(org)
    [(_cycle, counts)] = cycle_list_with_counts(user=org.specialist, today=datetime.date(YEAR, 3, 21))
    assert counts["total"] == 1
    assert [row.report.unit for row in cycle_status_rows(user=org.specialist, cycle=cycle)] == [org.medical]
    assert cycle_list_with_counts(user=org.one_stop_officer) == []


def test_return_needs_a_reason_and_tells_the_unit_head(org: Org) -> None:
    cycle = open_q1(org)
    report = unit_report_submit(actor=org.specialist, report=report_of(cycle, org.medical), now=local(YEAR, 3, 10, 9))
    with pytest.raises(ValidationError, match="Cần ghi lý do trả lại"):
        unit_report_return(actor=org.office_focal, report=report, reason="   ")
    Notification.objects.all().delete()
    report = unit_report_return(actor=org.office_focal, report=report, reason="Thiếu số liệu hồ sơ trễ hạn")
    assert report.status == UnitReport.Status.RETURNED
    notice = Notification.objects.get(recipient=org.room_head)
    assert "Thiếu số liệu hồ sơ trễ hạn" in notice.message
    assert notice.url == f"/plans/reports/{cycle.pk}/units/{org.medical.pk}/"
    assert not Notification.objects.filter(recipient=org.specialist).exists()
    event = AuditEvent.objects.get(action="unit_report_return", object_id=str(report.pk))
    assert event.note == "Thiếu số liệu hồ sơ trễ hạn"
    resubmitted = unit_report_submit(actor=org.room_head, report=report, now=local(YEAR, 3, 12, 9))
    assert (resubmitted.status, resubmitted.is_late) == ("submitted", False)


def test_only_a_submitted_report_can_be_returned(org: Org) -> None:
    cycle = open_q1(org)
    with pytest.raises(ValidationError, match="Đang soạn"):
        unit_report_return(actor=org.office_focal, report=report_of(cycle, org.medical), reason="Chưa đạt")


def test_a_period_is_opened_only_once(org: Org) -> None:
    open_q1(org)
    with pytest.raises(ValidationError) as refused:
        open_q1(org)
    assert refused.value.messages == ["Kỳ báo cáo quý I năm 2099 đã được mở trước đó; mỗi kỳ chỉ mở một lần."]
    assert ReportingCycle.objects.count() == 1
    assert UnitReport.objects.count() == 5
