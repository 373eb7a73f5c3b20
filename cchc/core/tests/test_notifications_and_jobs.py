"""Notifications go once per key; the scheduler enqueues a job once per interval."""

import datetime
from collections.abc import Callable
from typing import Any

from django.test import Client
from django.utils import timezone

from cchc.core.models import Notification, ScheduledRun
from cchc.core.scheduling import enqueue_due_jobs
from cchc.core.services import notification_send
from cchc.workdays.models import CalendarYear
from conftest import Org


def test_notification_with_same_key_is_sent_once(org: Org) -> None:
    first = notification_send(recipient=org.specialist, message="Nhiệm vụ sắp đến hạn", dedup_key="task-1-due")
    second = notification_send(recipient=org.specialist, message="Nhiệm vụ sắp đến hạn", dedup_key="task-1-due")
    assert first is not None
    assert second is None
    assert Notification.objects.filter(recipient=org.specialist).count() == 1


def test_opening_a_notification_marks_it_read_and_goes_to_its_object(
    org: Org, client_for: Callable[..., Client]
) -> None:
    notification = notification_send(
        recipient=org.specialist, message="Xem đơn vị", url=f"/org/units/{org.medical.pk}/"
    )
    assert notification is not None
    client = client_for(org.specialist)
    assert client.get("/").context["unread_notifications"] == 1
    response = client.post(f"/notifications/{notification.pk}/open/")
    assert response["Location"] == f"/org/units/{org.medical.pk}/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_nobody_can_open_someone_elses_notification(org: Org, client_for: Callable[..., Client]) -> None:
    notification = notification_send(recipient=org.specialist, message="Riêng tư")
    assert notification is not None
    response = client_for(org.room_head).post(f"/notifications/{notification.pk}/open/")
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_notification_link_to_another_site_is_not_followed(org: Org, client_for: Callable[..., Client]) -> None:
    notification = notification_send(recipient=org.specialist, message="Lừa đảo", url="https://evil.example/")
    assert notification is not None
    response = client_for(org.specialist).post(f"/notifications/{notification.pk}/open/")
    assert response["Location"] == "/"


def test_scheduler_runs_a_due_job_once_per_interval(
    db: None, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.CCHC_PERIODIC_JOBS = [
        ("calendar_seed_coming_years", "cchc.workdays.tasks.calendar_seed_coming_years", 24 * 3600),
        ("task_reminders_daily", "cchc.plans.tasks.task_reminders_daily", 3600),
    ]
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert enqueue_due_jobs(now) == ["calendar_seed_coming_years", "task_reminders_daily"]
    year = timezone.localdate().year
    assert set(CalendarYear.objects.values_list("year", flat=True)) == {year, year + 1}
    assert enqueue_due_jobs(now + datetime.timedelta(minutes=30)) == []
    assert enqueue_due_jobs(now + datetime.timedelta(hours=1, seconds=1)) == ["task_reminders_daily"]
    assert enqueue_due_jobs(now + datetime.timedelta(days=1, seconds=2)) == [
        "calendar_seed_coming_years",
        "task_reminders_daily",
    ]
    assert ScheduledRun.objects.count() == 2
