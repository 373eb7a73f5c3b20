"""Deadline reminders, overdue marking and escalation, counted on the real 2026 calendar.

Hand computation for a task due Tuesday 24/02/2026 (Tết 2026: Mon 16/02 to Fri 20/02 are days off):
working days before the due date are Mon 23/02, Fri 13/02, Thu 12/02, Wed 11/02, Tue 10/02, so
- 5 working days before (24/02 − 5) is Tue 10/02: working days after 10/02 up to 24/02 are 11, 12, 13, 23, 24;
- 1 working day before is Mon 23/02 (the whole Tết week and both weekends count for nothing);
- the day after is Wed 25/02: marked overdue, the head of Phòng Nghiệp vụ Y is told;
- 3 working days after (25, 26, 27/02) is Fri 27/02: the focal points and the leadership are told.
"""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from cchc.core.models import AuditEvent, Notification
from cchc.org.models import User
from cchc.plans.choices import OccurrenceStatus
from cchc.plans.models import Plan, ReformArea, Task, TaskOccurrence
from cchc.plans.reminders import ReminderSummary, task_reminders_run
from cchc.plans.services import occurrence_cancel, plan_create, task_assign, task_create
from cchc.plans.tasks import task_reminders_daily
from cchc.workdays.services import calendar_seed_year
from conftest import Org

DUE = datetime.date(2026, 2, 24)
FIVE_BEFORE = datetime.date(2026, 2, 10)
ONE_BEFORE = datetime.date(2026, 2, 23)
DAY_AFTER = datetime.date(2026, 2, 25)
THREE_AFTER = datetime.date(2026, 2, 27)


@pytest.fixture(autouse=True)
def _calendar_2026(db: None) -> None:
    calendar_seed_year(actor=None, year=2026)


@pytest.fixture
def plan(org: Org) -> Plan:
    return plan_create(
        actor=org.office_focal,
        kind="plan",
        number="01/KH-SYT",
        title="Kế hoạch cải cách hành chính năm 2026",
        year=2026,
        issuer="Sở Y tế",
    )


@pytest.fixture
def make_task(org: Org, plan: Plan) -> Callable[..., Task]:
    def make(title: str = "Rà soát thủ tục hành chính lĩnh vực y tế", timeframe: str = "24/02/2026") -> Task:
        return task_create(
            actor=org.office_focal,
            plan=plan,
            area=ReformArea.objects.get(code="I"),
            title=title,
            timeframe_text=timeframe,
            lead_unit=org.medical,
        )

    return make


@pytest.fixture
def task(org: Org, make_task: Callable[..., Task]) -> Task:
    return task_assign(actor=org.room_head, task=make_task(), assignees=[org.specialist])


def messages_of(person: User) -> list[str]:
    return list(Notification.objects.filter(recipient=person).order_by("pk").values_list("message", flat=True))


def reminder_messages(person: User) -> list[str]:
    return [text for text in messages_of(person) if not text.startswith("Bạn được giao")]


def run_through(*days: datetime.date) -> list[ReminderSummary]:
    return [task_reminders_run(today=day) for day in days]


def test_five_working_days_before_a_due_date_after_tet_reminds_the_assignee(org: Org, task: Task) -> None:
    summary = task_reminders_run(today=FIVE_BEFORE)

    assert summary == ReminderSummary(reminded=1, emails=1)
    notification = Notification.objects.get(recipient=org.specialist, dedup_key__startswith="task-reminder")
    assert notification.message == (
        "Nhắc việc: nhiệm vụ “Rà soát thủ tục hành chính lĩnh vực y tế” đến hạn ngày 24/02/2026, còn 5 ngày làm việc."
    )
    assert notification.url == f"/plans/tasks/{task.pk}/" == reverse("plans:task_detail", args=[task.pk])
    assert reminder_messages(org.room_head) == []


def test_one_working_day_before_is_the_monday_after_the_tet_holiday(org: Org, task: Task) -> None:
    summary = task_reminders_run(today=ONE_BEFORE)

    assert summary.reminded == 1
    assert reminder_messages(org.specialist) == [
        "Nhắc việc: nhiệm vụ “Rà soát thủ tục hành chính lĩnh vực y tế” đến hạn ngày 24/02/2026, còn 1 ngày làm việc."
    ]


@pytest.mark.parametrize(
    "today",
    [
        datetime.date(2026, 2, 9),  # 6 working days before
        datetime.date(2026, 2, 11),  # 4
        datetime.date(2026, 2, 13),  # 2 (the Friday before Tết)
        datetime.date(2026, 2, 16),  # Tết: still 2 working days before
        datetime.date(2026, 2, 20),  # Tết
        datetime.date(2026, 2, 22),  # Sunday: 2 working days before
        DUE,  # the due date itself: 0 working days left
        datetime.date(2026, 1, 2),
    ],
)
def test_nothing_is_sent_on_other_days_before_the_due_date(org: Org, task: Task, today: datetime.date) -> None:
    assert task_reminders_run(today=today) == ReminderSummary()
    assert reminder_messages(org.specialist) == []
    assert TaskOccurrence.objects.get(task=task).status == OccurrenceStatus.NOT_STARTED


def test_a_task_nobody_was_assigned_reminds_the_head_of_the_lead_unit(org: Org, make_task: Callable[..., Task]) -> None:
    make_task()

    task_reminders_run(today=FIVE_BEFORE)

    assert len(reminder_messages(org.room_head)) == 1
    assert "còn 5 ngày làm việc" in reminder_messages(org.room_head)[0]
    assert reminder_messages(org.specialist) == []


def test_the_day_after_the_due_date_marks_overdue_and_tells_the_head_and_the_assignees(org: Org, task: Task) -> None:
    summary = task_reminders_run(today=DAY_AFTER)

    occurrence = TaskOccurrence.objects.get(task=task)
    assert occurrence.status == OccurrenceStatus.OVERDUE
    assert summary == ReminderSummary(marked_overdue=1, emails=2)
    overdue = (
        "Quá hạn: nhiệm vụ “Rà soát thủ tục hành chính lĩnh vực y tế” đã quá hạn ngày 24/02/2026 mà chưa hoàn thành."
    )
    assert reminder_messages(org.room_head) == [overdue]
    assert reminder_messages(org.specialist) == [overdue]
    for person in (org.office_focal, org.tccb_officer, org.leader):
        assert messages_of(person) == []
    assert AuditEvent.objects.filter(action="occurrence_overdue", object_id=str(occurrence.pk)).count() == 1


def test_three_working_days_after_the_due_date_the_focal_points_and_leadership_are_told(org: Org, task: Task) -> None:
    day_after, second_day = run_through(DAY_AFTER, datetime.date(2026, 2, 26))
    assert (day_after.marked_overdue, second_day) == (1, ReminderSummary())
    assert messages_of(org.leader) == []

    third_day = task_reminders_run(today=THREE_AFTER)

    assert third_day == ReminderSummary(escalated=3, emails=3)
    escalation = (
        "Chậm trễ: nhiệm vụ “Rà soát thủ tục hành chính lĩnh vực y tế” do Phòng Nghiệp vụ Y chủ trì, "
        "hạn ngày 24/02/2026, đã quá hạn 3 ngày làm việc mà chưa hoàn thành."
    )
    for person in (org.office_focal, org.tccb_officer, org.leader):
        assert messages_of(person) == [escalation]
    assert len(reminder_messages(org.room_head)) == 1
    assert messages_of(org.admin) == []
    assert Notification.objects.get(recipient=org.leader).url == f"/plans/tasks/{task.pk}/"


def test_escalation_goes_once_even_as_the_delay_grows(org: Org, task: Task) -> None:
    run_through(THREE_AFTER, datetime.date(2026, 3, 2), datetime.date(2026, 3, 20))

    assert len(messages_of(org.leader)) == 1
    assert "quá hạn 3 ngày làm việc" in messages_of(org.leader)[0]


def test_running_twice_the_same_day_sends_nothing_twice(
    org: Org, task: Task, django_capture_on_commit_callbacks: Any
) -> None:
    for day in (FIVE_BEFORE, ONE_BEFORE, THREE_AFTER):
        with django_capture_on_commit_callbacks(execute=True):
            first = task_reminders_run(today=day)
        notifications, emails = Notification.objects.count(), len(mail.outbox)

        with django_capture_on_commit_callbacks(execute=True):
            second = task_reminders_run(today=day)

        assert first != ReminderSummary()
        assert second == ReminderSummary()
        assert (Notification.objects.count(), len(mail.outbox)) == (notifications, emails)
    assert len(reminder_messages(org.specialist)) == 3  # 5 days before, 1 day before, overdue
    assert len(mail.outbox) == 1 + 1 + 5  # the specialist twice, then the overdue notices and the escalation


@pytest.mark.parametrize(
    "status",
    [OccurrenceStatus.DONE, OccurrenceStatus.DONE_LATE, OccurrenceStatus.CANCELLED],
)
def test_finished_or_cancelled_occurrences_get_nothing(org: Org, task: Task, status: OccurrenceStatus) -> None:
    occurrence = TaskOccurrence.objects.get(task=task)
    if status == OccurrenceStatus.CANCELLED:
        occurrence_cancel(actor=org.office_focal, occurrence=occurrence, narrative="Không còn phù hợp")
    else:
        TaskOccurrence.objects.filter(pk=occurrence.pk).update(status=status, percent=100)

    summaries = run_through(FIVE_BEFORE, ONE_BEFORE, DAY_AFTER, THREE_AFTER)

    assert summaries == [ReminderSummary()] * 4
    assert Notification.objects.exclude(dedup_key__startswith="task-assigned").count() == 0
    assert TaskOccurrence.objects.get(pk=occurrence.pk).status == status


def test_work_reported_done_and_awaiting_confirmation_is_neither_reminded_nor_marked_overdue(
    org: Org, task: Task
) -> None:
    TaskOccurrence.objects.filter(task=task).update(status=OccurrenceStatus.AWAITING_CONFIRMATION, percent=100)

    assert run_through(ONE_BEFORE, THREE_AFTER) == [ReminderSummary()] * 2
    assert TaskOccurrence.objects.get(task=task).status == OccurrenceStatus.AWAITING_CONFIRMATION


def test_a_repeating_task_names_the_period_that_is_due(org: Org, make_task: Callable[..., Task]) -> None:
    task_assign(actor=org.room_head, task=make_task(timeframe="Thường xuyên"), assignees=[org.specialist])

    summary = task_reminders_run(today=datetime.date(2026, 3, 30))  # Quý I is due Tuesday 31/03/2026

    assert summary.reminded == 1
    assert reminder_messages(org.specialist) == [
        "Nhắc việc: nhiệm vụ “Rà soát thủ tục hành chính lĩnh vực y tế” (kỳ Quý I/2026) đến hạn ngày 31/03/2026, "
        "còn 1 ngày làm việc."
    ]


def test_the_reminder_and_escalation_days_come_from_settings(org: Org, task: Task, settings: Any) -> None:
    settings.CCHC_TASK_REMINDER_DAYS = [2]
    settings.CCHC_TASK_ESCALATION_DAYS = 1

    assert task_reminders_run(today=datetime.date(2026, 2, 13)).reminded == 1  # 2 working days: 23 and 24/02
    assert task_reminders_run(today=ONE_BEFORE).reminded == 0
    assert task_reminders_run(today=DAY_AFTER) == ReminderSummary(marked_overdue=1, escalated=3, emails=5)


def test_the_email_goes_to_the_person_with_the_message_and_the_absolute_link(
    org: Org, task: Task, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.CCHC_SITE_URL = "https://cchc.syt.example.gov.vn/"
    settings.DEFAULT_FROM_EMAIL = "cchc@syt.example.gov.vn"

    with django_capture_on_commit_callbacks(execute=True):
        task_reminders_run(today=FIVE_BEFORE)

    [email] = mail.outbox
    assert email.to == ["specialist@syt.test"]
    assert email.from_email == "cchc@syt.example.gov.vn"
    assert email.subject == "[CCHC] Nhắc hạn nhiệm vụ còn 5 ngày làm việc"
    assert "Kính gửi Hoàng Chuyên Viên," in email.body
    assert reminder_messages(org.specialist)[0] in email.body
    assert f"https://cchc.syt.example.gov.vn/plans/tasks/{task.pk}/" in email.body


def test_people_without_an_email_address_are_told_in_the_app_only(
    org: Org, task: Task, django_capture_on_commit_callbacks: Any
) -> None:
    User.objects.filter(pk=org.specialist.pk).update(email="")

    with django_capture_on_commit_callbacks(execute=True):
        summary = task_reminders_run(today=DAY_AFTER)

    assert summary.emails == 1
    assert len(reminder_messages(org.specialist)) == 1
    assert [email.to for email in mail.outbox] == [["roomhead@syt.test"]]


def test_inactive_people_are_not_told(org: Org, task: Task) -> None:
    User.objects.filter(pk__in=[org.specialist.pk, org.leader.pk]).update(is_active=False)

    run_through(THREE_AFTER)

    assert reminder_messages(org.specialist) == []
    assert messages_of(org.leader) == []
    assert len(messages_of(org.office_focal)) == 1


def test_a_rolled_back_run_sends_no_email(org: Org, task: Task, django_capture_on_commit_callbacks: Any) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        task_reminders_run(today=FIVE_BEFORE)
        raise RuntimeError("stop")

    assert callbacks == []
    assert mail.outbox == []
    assert Notification.objects.filter(dedup_key__startswith="task-reminder").count() == 0


def test_a_new_due_date_is_reminded_again(org: Org, task: Task) -> None:
    task_reminders_run(today=ONE_BEFORE)
    TaskOccurrence.objects.filter(task=task).update(due_date=datetime.date(2026, 2, 25))

    task_reminders_run(today=DUE)

    assert len(reminder_messages(org.specialist)) == 2
    assert "đến hạn ngày 25/02/2026" in reminder_messages(org.specialist)[1]


def test_the_daily_job_runs_through_the_tasks_backend(org: Org, task: Task, settings: Any) -> None:
    assert ("task_reminders_daily", "cchc.plans.tasks.task_reminders_daily", 3600) in settings.CCHC_PERIODIC_JOBS

    result = task_reminders_daily.enqueue()  # today is long after 24/02/2026

    assert result.return_value == {"reminded": 0, "marked_overdue": 1, "escalated": 3, "emails": 5}
    assert TaskOccurrence.objects.get(task=task).status == OccurrenceStatus.OVERDUE
    assert len(messages_of(org.leader)) == 1
