"""Reads of the reporting cycles: which units submitted on time, late, or not at all, and what a report covers."""

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.core.models import AuditEvent
from cchc.core.permissions import VIEW, restrict

from .choices import OPEN_STATUSES, OccurrenceStatus, PlanStatus
from .models import ProgressReport, ReportingCycle, TaskOccurrence, UnitReport
from .reporting_periods import period_range

SUBMITTED = Q(status=UnitReport.Status.SUBMITTED)


class ReportState(models.TextChoices):
    """Where a unit's report stands, seen from the focal point."""

    ON_TIME = "on_time", _("Nộp đúng hạn")
    LATE = "late", _("Nộp trễ hạn")
    MISSING = "missing", _("Chưa nộp, đã quá hạn")
    PENDING = "pending", _("Đang soạn, chưa đến hạn")


STATE_BADGES = {
    ReportState.ON_TIME: "success",
    ReportState.LATE: "warning",
    ReportState.MISSING: "danger",
    ReportState.PENDING: "secondary",
}


@dataclass(frozen=True)
class CycleStatusRow:
    report: UnitReport
    state: ReportState

    @property
    def badge(self) -> str:
        return STATE_BADGES[self.state]


def report_state(report: UnitReport, today: datetime.date) -> ReportState:
    """Submitted on time / late; or not submitted (a draft, or returned) and past the deadline or not yet."""
    if report.status == UnitReport.Status.SUBMITTED:
        return ReportState.LATE if report.is_late else ReportState.ON_TIME
    return ReportState.MISSING if today > report.cycle.due_date else ReportState.PENDING


def cycle_list(*, user: Any) -> QuerySet[ReportingCycle]:
    return restrict(ReportingCycle.objects.all(), user, VIEW)


def cycle_report_list(*, user: Any, cycle: ReportingCycle, action: str = VIEW) -> QuerySet[UnitReport]:
    """The cycle's unit reports the user may see (or change, or manage)."""
    return restrict(
        UnitReport.objects.filter(cycle=cycle).select_related("cycle", "unit", "submitted_by"), user, action
    )


def cycle_status_rows(*, user: Any, cycle: ReportingCycle, today: datetime.date | None = None) -> list[CycleStatusRow]:
    """One row per visible unit report of the cycle, in unit order, with its state."""
    today = today or timezone.localdate()
    return [CycleStatusRow(report, report_state(report, today)) for report in cycle_report_list(user=user, cycle=cycle)]


def state_counts(rows: list[CycleStatusRow]) -> dict[str, int]:
    """How many rows are in each state, plus the total."""
    counts = Counter(row.state.value for row in rows)
    return {**{state.value: counts[state.value] for state in ReportState}, "total": len(rows)}


def cycle_list_with_counts(
    *, user: Any, today: datetime.date | None = None
) -> list[tuple[ReportingCycle, dict[str, int]]]:
    """The visible cycles, each with the counts of the visible reports by state (one aggregate query)."""
    today = today or timezone.localdate()
    open_report = ~SUBMITTED
    aggregates = (
        restrict(UnitReport.objects.all(), user, VIEW)
        .values("cycle_id")
        .annotate(
            on_time=Count("pk", filter=SUBMITTED & Q(is_late=False)),
            late=Count("pk", filter=SUBMITTED & Q(is_late=True)),
            missing=Count("pk", filter=open_report & Q(cycle__due_date__lt=today)),
            pending=Count("pk", filter=open_report & Q(cycle__due_date__gte=today)),
            total=Count("pk"),
        )
    )
    by_cycle = {row.pop("cycle_id"): row for row in aggregates}
    empty = {**{state.value: 0 for state in ReportState}, "total": 0}
    return [(cycle, by_cycle.get(cycle.pk, empty)) for cycle in cycle_list(user=user)]


def period_occurrences(*, year: int, period: str) -> QuerySet[TaskOccurrence]:
    """Task occurrences a report of the period covers (not restricted: for the report builders).

    Those due from 1 January to the end of the period, and those due earlier still open; never cancelled
    ones, nor tasks of draft plans.
    """
    covered = period_range(year, period)
    return (
        TaskOccurrence.objects.filter(due_date__lte=covered.end)
        .filter(Q(due_date__gte=covered.start) | Q(status__in=OPEN_STATUSES))
        .exclude(status=OccurrenceStatus.CANCELLED)
        .exclude(task__plan__status=PlanStatus.DRAFT)
        .select_related("task", "task__area", "task__lead_unit", "task__plan")
        .prefetch_related(
            Prefetch("reports", queryset=ProgressReport.objects.order_by("-created_at", "-pk")),
            "evidence",
            "task__coordinating_units",
        )
        .order_by("task__area__sort_order", "task__area__code", "task__sort_order", "task__pk", "due_date", "pk")
    )


def effective_status(occurrence: TaskOccurrence, today: datetime.date) -> OccurrenceStatus:
    """The status, counting an unfinished occurrence past its due date as overdue before the nightly job marks it."""
    status = OccurrenceStatus(occurrence.status)
    past_due = occurrence.due_date is not None and occurrence.due_date < today
    if past_due and status in {OccurrenceStatus.NOT_STARTED, OccurrenceStatus.IN_PROGRESS}:
        return OccurrenceStatus.OVERDUE
    return status


def latest_narrative(occurrence: TaskOccurrence) -> str:
    """The newest non-empty progress narrative (reports prefetched newest first)."""
    return next((report.narrative for report in occurrence.reports.all() if report.narrative), "")


def report_return_event(report: UnitReport) -> AuditEvent | None:
    """The last time the report was sent back (who, when, and the reason in its note), if it is returned now."""
    if report.status != UnitReport.Status.RETURNED:
        return None
    return (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(UnitReport),
            object_id=str(report.pk),
            action="unit_report_return",
        )
        .select_related("actor")
        .first()
    )
