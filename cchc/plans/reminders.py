"""Deadline reminders for plan tasks: before the due date, the day after it, and some working days later.

For every occurrence with a due date, counted in working days of the working calendar:
- N working days before the due date (N in CCHC_TASK_REMINDER_DAYS, default 5 and 1) an occurrence not yet
  reported done reminds its assignees, or the lead unit's head when nobody is assigned;
- the day after the due date an occurrence not started or in progress is marked overdue, and the lead unit's
  head and the assignees are told;
- CCHC_TASK_ESCALATION_DAYS working days after the due date (default 3) an occurrence still overdue is reported
  to the focal points (Văn phòng, TCCB) and the leadership.

Every message carries a dedup key (occurrence, due date, kind, N), so running the job again, or every hour,
tells nobody anything twice. E-mails go out only after the transaction commits.
"""

import datetime
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.services import audit_record, notification_send
from cchc.org.choices import Role
from cchc.org.models import User
from cchc.org.selectors import unit_head_of
from cchc.workdays.calendar import WorkingCalendar, working_calendar

from .choices import OPEN_STATUSES, OccurrenceStatus
from .models import TaskOccurrence
from .services import occurrence_mark_overdue

# Reported done and waiting for the head, the work is no longer the assignees' to remind about.
REMINDABLE_STATUSES = frozenset({OccurrenceStatus.NOT_STARTED, OccurrenceStatus.IN_PROGRESS})
ESCALATION_ROLES = (Role.OFFICE_FOCAL, Role.PAR_FOCAL, Role.LEADERSHIP)


@dataclass
class ReminderSummary:
    """What one run did (duplicates already sent by an earlier run are not counted)."""

    reminded: int = 0
    """Reminder notifications sent before due dates."""
    marked_overdue: int = 0
    """Occurrences marked overdue."""
    escalated: int = 0
    """Notifications sent to focal points and leadership about occurrences still overdue."""
    emails: int = 0
    """E-mails handed to the mail backend after commit."""

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class _Message:
    kind: str
    subject: str
    text: str
    dedup_key: str


def _describe(occurrence: TaskOccurrence) -> dict[str, str]:
    due = occurrence.due_date.strftime("%d/%m/%Y") if occurrence.due_date else ""
    # A one-off task's only period is named after its date; repeating it would say nothing.
    named_period = occurrence.period_label not in {"", due}
    return {
        "task": str(occurrence.task)[:200],
        "period": _(" (kỳ %(label)s)") % {"label": occurrence.period_label[:60]} if named_period else "",
        "due": due,
        "unit": str(occurrence.task.lead_unit or occurrence.task.lead_text or _("đơn vị chưa xác định"))[:100],
    }


def _key(occurrence: TaskOccurrence, kind: str, suffix: str = "") -> str:
    due = occurrence.due_date.strftime("%Y%m%d") if occurrence.due_date else ""
    return f"task-{kind}-{occurrence.pk}-{due}" + (f"-{suffix}" if suffix else "")


def _reminder(occurrence: TaskOccurrence, days: int) -> _Message:
    return _Message(
        kind="reminder",
        subject=_("[CCHC] Nhắc hạn nhiệm vụ còn %(days)s ngày làm việc") % {"days": days},
        text=_("Nhắc việc: nhiệm vụ “%(task)s”%(period)s đến hạn ngày %(due)s, còn %(days)s ngày làm việc.")
        % {**_describe(occurrence), "days": days},
        dedup_key=_key(occurrence, "reminder", str(days)),
    )


def _overdue_notice(occurrence: TaskOccurrence) -> _Message:
    return _Message(
        kind="overdue",
        subject=_("[CCHC] Nhiệm vụ quá hạn"),
        text=_("Quá hạn: nhiệm vụ “%(task)s”%(period)s đã quá hạn ngày %(due)s mà chưa hoàn thành.")
        % _describe(occurrence),
        dedup_key=_key(occurrence, "overdue"),
    )


def _escalation(occurrence: TaskOccurrence, late_days: int) -> _Message:
    return _Message(
        kind="escalation",
        subject=_("[CCHC] Nhiệm vụ chậm trễ cần đôn đốc"),
        text=_(
            "Chậm trễ: nhiệm vụ “%(task)s”%(period)s do %(unit)s chủ trì, hạn ngày %(due)s, "
            "đã quá hạn %(late)s ngày làm việc mà chưa hoàn thành."
        )
        % {**_describe(occurrence), "late": late_days},
        dedup_key=_key(occurrence, "escalation"),
    )


def _send_email(*, recipient: User, message: _Message, url: str) -> None:
    link = settings.CCHC_SITE_URL.rstrip("/") + url
    body = "\n\n".join(
        [
            _("Kính gửi %(name)s,") % {"name": str(recipient)},
            message.text,
            _("Xem chi tiết: %(link)s") % {"link": link},
            _("Thư này do hệ thống CCHC của %(organisation)s gửi tự động; xin không trả lời thư này.")
            % {"organisation": settings.CCHC_ORGANISATION_NAME},
        ]
    )
    send_mail(message.subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])


class _Run:
    """One pass over the occurrences: sends in-app notifications now and e-mails after commit."""

    def __init__(self, calendar: WorkingCalendar, today: datetime.date) -> None:
        self.calendar = calendar
        self.today = today
        self.summary = ReminderSummary()
        self._escalation_people: list[User] | None = None
        self._heads: dict[int, User | None] = {}

    def tell(self, people: Iterable[User], occurrence: TaskOccurrence, message: _Message) -> list[User]:
        """Notify each person once per message; returns those newly told."""
        url = reverse("plans:task_detail", args=[occurrence.task_id])
        told: list[User] = []
        for person in {person.pk: person for person in people if person.is_active}.values():
            if notification_send(recipient=person, message=message.text, url=url, dedup_key=message.dedup_key) is None:
                continue
            told.append(person)
            if person.email:
                transaction.on_commit(partial(_send_email, recipient=person, message=message, url=url), robust=True)
                self.summary.emails += 1
        if told:
            audit_record(
                actor=None,
                action=f"occurrence_notify_{message.kind}",
                instance=occurrence,
                note=_("Đã thông báo cho: %(names)s") % {"names": ", ".join(str(person) for person in told)},
            )
        return told

    def escalation_people(self) -> list[User]:
        if self._escalation_people is None:
            self._escalation_people = list(
                User.objects.filter(is_active=True, role_assignments__role__in=ESCALATION_ROLES)
                .distinct()
                .order_by("full_name", "pk")
            )
        return self._escalation_people

    def heads(self, occurrence: TaskOccurrence) -> list[User]:
        """The head of the occurrence's lead unit, as a list of zero or one person (looked up once per unit)."""
        unit = occurrence.task.lead_unit
        if unit is None:
            return []
        if unit.pk not in self._heads:
            self._heads[unit.pk] = unit_head_of(unit)
        head = self._heads[unit.pk]
        return [head] if head else []

    def handle(self, occurrence: TaskOccurrence) -> None:
        due = occurrence.due_date
        if due is None:
            return
        assignees = [person for person in occurrence.task.assignees.all() if person.is_active]
        if due >= self.today:
            days_left = self.calendar.working_days_between(self.today, due)
            if occurrence.status in REMINDABLE_STATUSES and days_left in settings.CCHC_TASK_REMINDER_DAYS:
                people = assignees or self.heads(occurrence)
                self.summary.reminded += len(self.tell(people, occurrence, _reminder(occurrence, days_left)))
            return
        if occurrence.status in REMINDABLE_STATUSES and occurrence_mark_overdue(occurrence=occurrence):
            occurrence.status = OccurrenceStatus.OVERDUE
            self.summary.marked_overdue += 1
            self.tell([*self.heads(occurrence), *assignees], occurrence, _overdue_notice(occurrence))
        late_days = self.calendar.working_days_between(due, self.today)
        if occurrence.status == OccurrenceStatus.OVERDUE and late_days >= settings.CCHC_TASK_ESCALATION_DAYS:
            message = _escalation(occurrence, late_days)
            self.summary.escalated += len(self.tell(self.escalation_people(), occurrence, message))


@transaction.atomic
def task_reminders_run(*, today: datetime.date | None = None) -> ReminderSummary:
    """Remind, mark overdue and escalate every open occurrence with a due date; safe to run any number of times."""
    today = today or timezone.localdate()
    occurrences = (
        TaskOccurrence.objects.filter(status__in=OPEN_STATUSES, due_date__isnull=False)
        .select_related("task__lead_unit")
        .prefetch_related("task__assignees")
        .order_by("due_date", "pk")
    )
    span = occurrences.aggregate(first=Min("due_date"), last=Max("due_date"))
    if span["first"] is None:
        return ReminderSummary()
    first_year = min(span["first"].year, today.year)
    last_year = max(span["last"].year, today.year)
    run = _Run(working_calendar(range(first_year, last_year + 1)), today)
    for occurrence in occurrences:
        run.handle(occurrence)
    return run.summary
