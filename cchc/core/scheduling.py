"""Periodic jobs: the scheduler enqueues each job when its interval has passed, at most once per interval."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledRun


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task_path: str
    every: datetime.timedelta


def periodic_jobs() -> list[PeriodicJob]:
    """The jobs configured in CCHC_PERIODIC_JOBS."""
    return [
        PeriodicJob(name=name, task_path=path, every=datetime.timedelta(seconds=seconds))
        for name, path, seconds in settings.CCHC_PERIODIC_JOBS
    ]


def enqueue_due_jobs(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every job whose interval has passed since its last run; returns their names.

    The row lock makes two schedulers running at once enqueue a job only once.
    """
    now = now or timezone.now()
    enqueued: list[str] = []
    for job in periodic_jobs():
        with transaction.atomic():
            run, created = ScheduledRun.objects.select_for_update().get_or_create(
                job=job.name, defaults={"last_run_at": now}
            )
            if not created and run.last_run_at + job.every > now:
                continue
            run.last_run_at = now
            run.save(update_fields=["last_run_at"])
            task = import_string(job.task_path)
            transaction.on_commit(task.enqueue)
            enqueued.append(job.name)
    return enqueued
