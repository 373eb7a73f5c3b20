"""Deadlines of a dossier in working days: the due moment, pauses, timeliness at finish and lateness ahead.

Rules (Nghị định 118/2025 and the provincial one-stop rules, as the working-days calendar applies them):
- Due moment: a dossier received on a working day before the cut-off (CCHC_WORKDAY_CUTOFF, 15:00) counts from
  that day, otherwise from the next working day; it is due at the end of the working day (17:00) of the N-th
  working day after that, N being the version's time limit (its online limit for an online dossier when the
  version sets one).
- Pause (waiting for a supplement): the clock stops on the working day X the supplement is requested (that
  day counts as a handling day) and resumes on the supplement's effective day R (the cut-off rule again: the
  day it arrives if that is a working day and before 15:00, else the next working day). The working days
  strictly between X and R are added to the due moment. Requested Monday, received Wednesday 10:00 → R is
  Wednesday → 1 day (Tuesday); received Wednesday 16:00 → R is Thursday → 2 days (Tuesday, Wednesday).
- Timeliness at finish: early when finished on a day before the due day; on time when finished on the due
  day by the due moment; late after the due moment.
- Lateness ahead: an open, running dossier is predicted late when it is already past due, when its open step
  is due after the dossier, or when fewer than CCHC_DOSSIER_LATE_WARNING_DAYS working days are left after
  today (default 1: due today and not finished).
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from cchc.procedures.models import ProcedureVersion
from cchc.workdays.calendar import WorkingCalendar, working_calendar

from .choices import Channel, Timeliness

DEFAULT_LATE_WARNING_DAYS = 1


def calendar_for(*moments: datetime.datetime | None, extra_years: int = 1) -> WorkingCalendar:
    """A calendar covering the years of the given moments and `extra_years` after the last one."""
    years = [timezone.localtime(moment).year for moment in moments if moment is not None]
    if not years:
        years = [timezone.localdate().year]
    return working_calendar(range(min(years), max(years) + extra_years + 1))


def time_limit_days(version: ProcedureVersion, channel: str) -> int:
    """The working days allowed for a dossier received through `channel` under `version`."""
    return version.time_limit_for(online=channel == Channel.ONLINE)


def local_day(moment: datetime.datetime, calendar: WorkingCalendar) -> datetime.date:
    return calendar.local(moment).date()


def end_of(day: datetime.date, calendar: WorkingCalendar) -> datetime.datetime:
    return datetime.datetime.combine(day, calendar.day_end, tzinfo=calendar.tz)


def due_moment(calendar: WorkingCalendar, received_at: datetime.datetime, days: int) -> datetime.datetime:
    """The legal due moment of a dossier received at `received_at` with a limit of `days` working days."""
    return calendar.due_moment(received_at, days)


def paused_working_days(calendar: WorkingCalendar, started_at: datetime.datetime, ended_at: datetime.datetime) -> int:
    """Working days strictly between the request day and the supplement's effective day (see the module)."""
    request_day = local_day(started_at, calendar)
    resume_day = calendar.effective_day(ended_at)
    if resume_day <= request_day:
        return 0
    return max(0, calendar.working_days_between(request_day, resume_day) - 1)


def extended_due(calendar: WorkingCalendar, due_at: datetime.datetime, extra_days: int) -> datetime.datetime:
    """The due moment moved by `extra_days` working days (its day end)."""
    due_day = local_day(due_at, calendar)
    if not calendar.is_working_day(due_day):
        due_day = calendar.next_working_day(due_day)
    return end_of(calendar.add_working_days_to_date(due_day, extra_days), calendar)


def timeliness_at(calendar: WorkingCalendar, finished_at: datetime.datetime, due_at: datetime.datetime) -> str:
    """Early, on time or late for a dossier finished at `finished_at` and due at `due_at`."""
    if finished_at > due_at:
        return Timeliness.LATE
    if local_day(finished_at, calendar) < local_day(due_at, calendar):
        return Timeliness.EARLY
    return Timeliness.ON_TIME


def working_days_left(calendar: WorkingCalendar, now: datetime.datetime, due_at: datetime.datetime) -> int:
    """Whole working days after today up to and including the due day (0 when due today; negative when past)."""
    return calendar.working_days_between(local_day(now, calendar), local_day(due_at, calendar))


def late_warning_days() -> int:
    return int(getattr(settings, "CCHC_DOSSIER_LATE_WARNING_DAYS", DEFAULT_LATE_WARNING_DAYS))


def predicted_late(
    calendar: WorkingCalendar,
    *,
    now: datetime.datetime,
    due_at: datetime.datetime,
    open_step_due_dates: Iterable[datetime.datetime] = (),
    warning_days: int | None = None,
) -> bool:
    """Whether a running dossier will (or already did) miss its due moment; see the module for the rules."""
    if now > due_at:
        return True
    if any(step_due > due_at for step_due in open_step_due_dates):
        return True
    threshold = late_warning_days() if warning_days is None else warning_days
    return working_days_left(calendar, now, due_at) < threshold
