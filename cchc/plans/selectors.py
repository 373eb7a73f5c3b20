"""Reads of plans and tasks, restricted to what the user may see."""

import datetime
from collections import Counter
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from cchc.core.permissions import VIEW, restrict

from .choices import OPEN_STATUSES, OccurrenceStatus
from .models import Plan, ProgressReport, Task, TaskOccurrence


def plan_list(*, user: Any) -> QuerySet[Plan]:
    return restrict(Plan.objects.all(), user, VIEW)


def task_list(*, user: Any) -> QuerySet[Task]:
    return restrict(Task.objects.select_related("plan", "area", "lead_unit"), user, VIEW)


def occurrence_list(*, user: Any) -> QuerySet[TaskOccurrence]:
    """Occurrences the user may see, with what the board shows."""
    return restrict(
        TaskOccurrence.objects.select_related("task", "task__plan", "task__area", "task__lead_unit").prefetch_related(
            "task__assignees", "task__coordinating_units"
        ),
        user,
        VIEW,
    )


def task_detail_occurrences(task: Task) -> QuerySet[TaskOccurrence]:
    return task.occurrences.prefetch_related(
        "evidence__versions",
        Prefetch("reports", queryset=ProgressReport.objects.select_related("author")),
    ).order_by("due_date", "pk")


def plan_progress(plan: Plan, *, user: Any) -> dict[str, int]:
    """Counts of the plan's visible occurrences by status, plus overdue-now (open and past due)."""
    occurrences = occurrence_list(user=user).filter(task__plan=plan)
    counts = Counter(occurrences.values_list("status", flat=True))
    today = timezone.localdate()
    late_open = occurrences.filter(status__in=OPEN_STATUSES, due_date__lt=today).count()
    return {
        "total": sum(counts.values()),
        "done": counts[OccurrenceStatus.DONE] + counts[OccurrenceStatus.DONE_LATE],
        "awaiting": counts[OccurrenceStatus.AWAITING_CONFIRMATION],
        "in_progress": counts[OccurrenceStatus.IN_PROGRESS],
        "not_started": counts[OccurrenceStatus.NOT_STARTED],
        "overdue": late_open,
        "cancelled": counts[OccurrenceStatus.CANCELLED],
    }


def quarter_of(day: datetime.date) -> int:
    return (day.month - 1) // 3 + 1
