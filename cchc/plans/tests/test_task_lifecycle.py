"""A task from creation to confirmation: occurrences, assignment, progress, evidence, done, confirm, return, cancel."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cchc.core.models import AuditEvent, Notification
from cchc.evidence.services import evidence_upload
from cchc.plans.choices import OccurrenceStatus, Recurrence
from cchc.plans.models import Plan, ReformArea, Task, TaskOccurrence
from cchc.plans.services import (
    occurrence_cancel,
    occurrence_confirm,
    occurrence_mark_overdue,
    occurrence_report_done,
    occurrence_report_progress,
    occurrence_return,
    plan_create,
    task_assign,
    task_create,
    task_update,
)
from conftest import Org

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def make_plan(org: Org, year: int = 2026) -> Plan:
    return plan_create(
        actor=org.office_focal,
        kind="plan",
        number="01/KH-SYT",
        title="Kế hoạch CCHC năm 2026",
        year=year,
        issuer="Sở Y tế",
    )


def make_task(org: Org, timeframe: str = "15/06/2026", plan: Plan | None = None) -> Task:
    return task_create(
        actor=org.office_focal,
        plan=plan or make_plan(org),
        area=ReformArea.objects.get(code="II"),
        title="Rà soát, đơn giản hóa thủ tục hành chính",
        product="Báo cáo kết quả rà soát",
        timeframe_text=timeframe,
        lead_unit=org.medical,
        coordinating_units=[org.office],
    )


def evidence(org: Org, name: str = "bao-cao.pdf") -> object:
    return evidence_upload(actor=org.specialist, upload=SimpleUploadedFile(name, PDF), unit=org.medical).document


def only_occurrence(task: Task) -> TaskOccurrence:
    occurrences = list(task.occurrences.all())
    assert len(occurrences) == 1
    return occurrences[0]


def test_recurring_task_gets_one_occurrence_per_quarter(org: Org) -> None:
    task = make_task(org, "Thường xuyên")
    assert task.recurrence == Recurrence.QUARTERLY
    assert [o.due_date for o in task.occurrences.order_by("due_date")] == [
        datetime.date(2026, 3, 31),
        datetime.date(2026, 6, 30),
        datetime.date(2026, 9, 30),
        datetime.date(2026, 12, 31),
    ]


def test_unreadable_time_frame_is_flagged_and_a_person_sets_the_date(org: Org) -> None:
    task = make_task(org, "khi có chỉ đạo")
    assert task.needs_date_review
    assert task.due_date is None
    task = task_update(actor=org.office_focal, task=task, due_date=datetime.date(2026, 9, 1))
    assert not task.needs_date_review
    assert only_occurrence(task).due_date == datetime.date(2026, 9, 1)


def test_changing_the_time_frame_replans_untouched_occurrences(org: Org) -> None:
    task = make_task(org, "Quý I/2026")
    task = task_update(actor=org.office_focal, task=task, timeframe_text="Quý III/2026")
    assert only_occurrence(task).due_date == datetime.date(2026, 9, 30)


def test_head_assigns_only_people_of_the_lead_unit_and_they_are_notified(org: Org) -> None:
    task = make_task(org)
    task_assign(actor=org.room_head, task=task, assignees=[org.specialist])
    assert list(task.assignees.all()) == [org.specialist]
    assert Notification.objects.filter(recipient=org.specialist, url=f"/plans/tasks/{task.pk}/").exists()
    with pytest.raises(ValidationError) as error:
        task_assign(actor=org.room_head, task=task, assignees=[org.hospital_staff])
    assert "Võ Bệnh Viện" in str(error.value)
    assert list(task.assignees.all()) == [org.specialist]


def test_full_cycle_progress_done_confirm(org: Org) -> None:
    task = make_task(org, "31/12/2099")
    occurrence = only_occurrence(task)
    occurrence_report_progress(
        actor=org.specialist, occurrence=occurrence, percent=40, narrative="Đã rà soát 10 thủ tục"
    )
    occurrence.refresh_from_db()
    assert (occurrence.status, occurrence.percent) == (OccurrenceStatus.IN_PROGRESS, 40)
    occurrence_report_done(actor=org.specialist, occurrence=occurrence, evidence=[evidence(org)])
    occurrence.refresh_from_db()
    assert occurrence.status == OccurrenceStatus.AWAITING_CONFIRMATION
    occurrence_confirm(actor=org.room_head, occurrence=occurrence)
    occurrence.refresh_from_db()
    assert occurrence.status == OccurrenceStatus.DONE
    assert occurrence.confirmed_by == org.room_head
    actions = list(AuditEvent.objects.filter(object_id=str(occurrence.pk)).values_list("action", flat=True))
    assert set(actions) >= {"occurrence_progress", "occurrence_report_done", "occurrence_confirm"}
    assert occurrence.reports.count() == 3


def test_done_needs_evidence(org: Org) -> None:
    occurrence = only_occurrence(make_task(org))
    with pytest.raises(ValidationError) as error:
        occurrence_report_done(actor=org.specialist, occurrence=occurrence)
    assert "tài liệu kiểm chứng" in str(error.value)
    occurrence.refresh_from_db()
    assert occurrence.status == OccurrenceStatus.NOT_STARTED


def test_work_reported_after_the_due_date_is_done_late(org: Org) -> None:
    occurrence = only_occurrence(make_task(org, "Quý I/2020", plan=make_plan(org, year=2020)))
    occurrence_report_done(actor=org.specialist, occurrence=occurrence, evidence=[evidence(org)])
    occurrence_confirm(actor=org.room_head, occurrence=occurrence)
    occurrence.refresh_from_db()
    assert occurrence.status == OccurrenceStatus.DONE_LATE


def test_focal_point_returns_with_a_reason_and_assignees_are_told(org: Org) -> None:
    task = make_task(org, "31/12/2099")
    task_assign(actor=org.room_head, task=task, assignees=[org.specialist])
    occurrence = only_occurrence(task)
    occurrence_report_done(actor=org.specialist, occurrence=occurrence, evidence=[evidence(org)])
    with pytest.raises(ValidationError):
        occurrence_return(actor=org.office_focal, occurrence=occurrence, narrative="  ")
    occurrence_return(actor=org.office_focal, occurrence=occurrence, narrative="Thiếu biên bản họp")
    occurrence.refresh_from_db()
    assert occurrence.status == OccurrenceStatus.IN_PROGRESS
    assert Notification.objects.filter(recipient=org.specialist, message__contains="Thiếu biên bản họp").exists()


def test_confirming_twice_is_refused(org: Org) -> None:
    occurrence = only_occurrence(make_task(org, "31/12/2099"))
    occurrence_report_done(actor=org.specialist, occurrence=occurrence, evidence=[evidence(org)])
    occurrence_confirm(actor=org.room_head, occurrence=occurrence)
    with pytest.raises(ValidationError) as error:
        occurrence_confirm(actor=org.room_head, occurrence=occurrence)
    assert "Hoàn thành" in str(error.value)


def test_overdue_marking_is_idempotent_and_skips_future_and_finished(org: Org) -> None:
    past = only_occurrence(make_task(org, "Quý I/2020", plan=make_plan(org, year=2020)))
    future = only_occurrence(make_task(org, "31/12/2099"))
    assert occurrence_mark_overdue(occurrence=past)
    assert not occurrence_mark_overdue(occurrence=past)
    assert not occurrence_mark_overdue(occurrence=future)
    past.refresh_from_db()
    assert past.status == OccurrenceStatus.OVERDUE
    assert past.reports.count() == 1


def test_cancel_needs_a_reason(org: Org) -> None:
    occurrence = only_occurrence(make_task(org))
    with pytest.raises(ValidationError):
        occurrence_cancel(actor=org.office_focal, occurrence=occurrence, narrative="")
    occurrence_cancel(actor=org.office_focal, occurrence=occurrence, narrative="Trùng nhiệm vụ khác")
    occurrence.refresh_from_db()
    assert occurrence.status == OccurrenceStatus.CANCELLED


def test_evidence_is_versioned_never_overwritten(org: Org) -> None:
    first = evidence_upload(actor=org.specialist, upload=SimpleUploadedFile("a.pdf", PDF), unit=org.medical)
    second = evidence_upload(
        actor=org.specialist,
        upload=SimpleUploadedFile("a.pdf", PDF + b"\n% v2"),
        unit=org.medical,
        document=first.document,
    )
    assert (first.number, second.number) == (1, 2)
    assert first.sha256 != second.sha256
    assert first.file.name != second.file.name
    assert first.document.current == second
    assert timezone.now() >= second.uploaded_at
