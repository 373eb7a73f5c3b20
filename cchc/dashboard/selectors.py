"""What each role's home page shows, read from the modules that exist."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from cchc.core.choices import SecurityEventKind
from cchc.core.measurements import indicators
from cchc.core.navigation import APOLOGY_APPROVERS, DESK_OFFICERS
from cchc.core.selectors import notifications_for, security_events_for
from cchc.dossiers.selectors import desk_home_figures
from cchc.org.choices import Role
from cchc.org.roles import DEPARTMENT_VIEWERS
from cchc.org.selectors import person_list, unit_head_of, unit_list, units_valid_on
from cchc.plans.choices import FINISHED_STATUSES, OPEN_STATUSES, OccurrenceStatus, TargetDirection
from cchc.plans.models import Target, UnitReport
from cchc.plans.reporting_selectors import cycle_list_with_counts, report_state
from cchc.plans.selectors import occurrence_list
from cchc.procedures.models import CATALOGUE_MANAGERS
from cchc.procedures.selectors import ministry_decisions_waiting
from cchc.scorecard.board_selectors import newest_visible_assessment, sees_whole_assessment
from cchc.scorecard.risk import points_at_risk, risk_total
from cchc.scorecard.round_selectors import running_rounds
from cchc.scorecard.scoring import assessment_scores
from cchc.workdays.calendar import working_calendar
from cchc.workdays.selectors import upcoming_days_off


@dataclass
class HomeSummary:
    today: datetime.date
    today_is_working_day: bool
    next_working_day: datetime.date
    days_off: list[Any]
    notifications: list[Any]
    unread_count: int
    unit_member_count: int | None = None
    unit_head: Any = None
    organisation: dict[str, int] = field(default_factory=dict)
    security: dict[str, int] = field(default_factory=dict)
    has_access: bool = True
    my_tasks: list[Any] = field(default_factory=list)
    unit_tasks: list[Any] = field(default_factory=list)
    awaiting_my_confirmation: int = 0
    tasks_by_area: list[dict[str, Any]] = field(default_factory=list)
    report_cycle: Any = None
    report_counts: dict[str, int] = field(default_factory=dict)
    my_unit_report: Any = None
    my_unit_report_state: str = ""
    par: dict[str, Any] = field(default_factory=dict)
    par_rounds: list[Any] = field(default_factory=list)
    measurements: list["Measurement"] = field(default_factory=list)
    desk: dict[str, int] = field(default_factory=dict)
    ministry_waiting: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class Measurement:
    """A rate the system measured this year, with the plan target that names it, if any."""

    label: Any
    value: Decimal | None
    target: Target | None

    @property
    def meets_target(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        if self.target.direction == TargetDirection.AT_MOST:
            return self.value <= self.target.value
        if self.target.direction == TargetDirection.EQUAL:
            return self.value == self.target.value
        return self.value >= self.target.value


def home_summary(*, user: Any) -> HomeSummary:
    """The figures the home page shows this user, each restricted to what the user may see."""
    today = timezone.localdate()
    calendar = working_calendar(range(today.year, today.year + 2))
    notifications = notifications_for(user)
    summary = HomeSummary(
        today=today,
        today_is_working_day=calendar.is_working_day(today),
        next_working_day=calendar.next_working_day(today),
        days_off=upcoming_days_off(user=user, today=today),
        notifications=list(notifications[:5]),
        unread_count=notifications.filter(read_at__isnull=True).count(),
        has_access=bool(user.role_codes or user.unit_id),
    )
    if user.unit_id:
        summary.unit_member_count = person_list(user=user).filter(unit_id=user.unit_id, is_active=True).count()
        summary.unit_head = unit_head_of(user.unit)
    if user.has_perm("org.manage_people") or user.has_role(Role.LEADERSHIP):
        people = person_list(user=user)
        summary.organisation = {
            "units": unit_list(user=user).filter(units_valid_on(today)).count(),
            "people": people.filter(is_active=True).count(),
            "without_unit": people.filter(is_active=True, unit__isnull=True).count(),
            "without_role": people.filter(is_active=True, role_assignments__isnull=True).count(),
        }
    if user.has_perm("core.view_security_log"):
        since = timezone.now() - datetime.timedelta(hours=24)
        events = security_events_for(user).filter(occurred_at__gte=since)
        summary.security = {
            "failed": events.filter(kind=SecurityEventKind.LOGIN_FAILED).count(),
            "locked": events.filter(kind=SecurityEventKind.LOCKED_OUT).count(),
            "denied": events.filter(kind=SecurityEventKind.PERMISSION_DENIED).count(),
        }
    _add_tasks(summary, user, today)
    _add_reports(summary, user, today)
    _add_par(summary, user, today)
    if user.has_any_role(DEPARTMENT_VIEWERS):
        summary.measurements = measurements_against_targets(today.year)
    if user.has_any_role(DESK_OFFICERS | APOLOGY_APPROVERS):
        summary.desk = desk_home_figures(user)
    if user.has_any_role(CATALOGUE_MANAGERS):
        summary.ministry_waiting = ministry_decisions_waiting(user=user, today=today)[:5]
    return summary


def measurements_against_targets(year: int) -> list[Measurement]:
    """Every measured indicator of the year beside the target of that year's plans that names it."""
    targets = {
        target.indicator: target
        for target in Target.objects.filter(plan__year=year)
        .exclude(indicator="")
        .order_by("plan__issued_on", "pk")  # the newest plan wins
    }
    return [
        Measurement(label=indicator.label, value=indicator.measure(year), target=targets.get(code))
        for code, indicator in indicators().items()
    ]


def _add_par(summary: HomeSummary, user: Any, today: datetime.date) -> None:
    """Leadership and focal rooms: projected PAR index, band and points at risk; TCCB: the round's progress."""
    if sees_whole_assessment(user):
        assessment = newest_visible_assessment(user=user)
        if assessment is not None:
            report = assessment_scores(assessment)
            risks = points_at_risk(report, today=today)
            summary.par = {
                "assessment": assessment,
                "index": report.index["expected"],
                "band": report.band["expected"],
                "at_risk": risk_total(risks),
                "risks": risks[:5],
            }
    if user.has_perm("scorecard.manage_round"):
        summary.par_rounds = running_rounds(user=user, today=today)


def _add_reports(summary: HomeSummary, user: Any, today: datetime.date) -> None:
    """The latest reporting cycle: counts by state for the department, my unit's report for a unit."""
    cycles = cycle_list_with_counts(user=user, today=today)
    if not cycles:
        return
    summary.report_cycle, counts = cycles[0]
    if user.has_any_role(DEPARTMENT_VIEWERS):
        summary.report_counts = counts
    if user.unit_id:
        report = (
            UnitReport.objects.filter(cycle=summary.report_cycle, unit_id=user.unit_id).select_related("cycle").first()
        )
        if report is not None:
            summary.my_unit_report = report
            summary.my_unit_report_state = str(report_state(report, today).label)


def _add_tasks(summary: HomeSummary, user: Any, today: datetime.date) -> None:
    """My open tasks; my unit's tasks due soon or late (heads); progress by reform area (department viewers)."""
    visible = occurrence_list(user=user)
    open_items = visible.filter(status__in=OPEN_STATUSES).order_by("due_date", "pk")
    summary.my_tasks = list(open_items.filter(task__assignees=user)[:6])
    if user.has_role(Role.UNIT_HEAD) and user.unit_id:
        scope = user.scope_unit_ids()
        soon = today + datetime.timedelta(days=14)
        mine = open_items.filter(task__lead_unit_id__in=scope, due_date__lte=soon)
        summary.unit_tasks = list(mine[:6])
        summary.awaiting_my_confirmation = open_items.filter(
            task__lead_unit_id__in=scope, status=OccurrenceStatus.AWAITING_CONFIRMATION
        ).count()
    if user.has_any_role(DEPARTMENT_VIEWERS):
        rows = (
            visible.filter(due_date__year=today.year)
            .values("task__area__code", "task__area__name")
            .annotate(
                total=Count("pk", distinct=True),
                done=Count("pk", filter=Q(status__in=FINISHED_STATUSES), distinct=True),
                late=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_date__lt=today), distinct=True),
            )
            .order_by("task__area__sort_order")
        )
        summary.tasks_by_area = [
            {
                "code": row["task__area__code"],
                "name": row["task__area__name"],
                "total": row["total"],
                "done": row["done"],
                "late": row["late"],
            }
            for row in rows
        ]
