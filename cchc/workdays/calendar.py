"""Working-day arithmetic used by the whole product (dossier due dates, task deadlines, reminders).

Rules:
- A working day is Monday to Friday unless the calendar marks it a day off, or any day the calendar marks a
  make-up working day.
- A thing received on a working day before the cut-off (CCHC_WORKDAY_CUTOFF, 15:00) counts from that day;
  received later, or on a day off, it counts from the next working day (its "effective day").
- Due in N working days means by the end of the working day (CCHC_WORKDAY_END, 17:00) of the N-th working
  day after the effective day; N = 0 means by the end of the effective day.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone

from .choices import DayKind
from .models import CalendarDay, CalendarYear


def _parse_clock(text: str) -> datetime.time:
    hours, minutes = text.split(":")
    return datetime.time(int(hours), int(minutes))


def package_days(year: int) -> tuple[dict[datetime.date, str], dict[datetime.date, str]]:
    """Days off and make-up working days of a year according to the `holidays` package, in Vietnamese."""
    calendar = holidays.country_holidays("VN", years=year, language="vi")
    days_off = {day: str(name) for day, name in sorted(calendar.items()) if day.year == year}
    workdays = {day: "Làm việc bù" for day in sorted(getattr(calendar, "weekend_workdays", set())) if day.year == year}
    return days_off, workdays


@dataclass
class WorkingCalendar:
    """An in-memory calendar; build one with `working_calendar()` and reuse it for many computations."""

    days_off: set[datetime.date] = field(default_factory=set)
    extra_workdays: set[datetime.date] = field(default_factory=set)
    cutoff: datetime.time = datetime.time(15, 0)
    day_end: datetime.time = datetime.time(17, 0)
    tz: datetime.tzinfo = field(default_factory=lambda: ZoneInfo(settings.TIME_ZONE))

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.extra_workdays:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """The first working day strictly after `day`."""
        candidate = day + datetime.timedelta(days=1)
        while not self.is_working_day(candidate):
            candidate += datetime.timedelta(days=1)
        return candidate

    def local(self, moment: datetime.datetime) -> datetime.datetime:
        """`moment` on the calendar's clock (a naive moment is taken as already on it)."""
        if moment.tzinfo is self.tz or moment.tzinfo is None:  # as read from a file: nothing to convert
            return moment
        return timezone.localtime(moment, self.tz)

    def effective_day(self, moment: datetime.datetime) -> datetime.date:
        """The working day from which something received at `moment` counts (the cut-off rule)."""
        local = self.local(moment)
        day = local.date()
        if self.is_working_day(day) and local.time() < self.cutoff:
            return day
        return self.next_working_day(day)

    def add_working_days_to_date(self, day: datetime.date, count: int) -> datetime.date:
        """The N-th working day after `day` (count ≥ 0; 0 gives `day` itself)."""
        if count < 0:
            raise ValueError("count must not be negative")
        for _index in range(count):
            day = self.next_working_day(day)
        return day

    def due_moment(self, received_at: datetime.datetime, working_days: int) -> datetime.datetime:
        """When something received at `received_at` with a limit of N working days is due (aware)."""
        due_day = self.add_working_days_to_date(self.effective_day(received_at), working_days)
        return datetime.datetime.combine(due_day, self.day_end, tzinfo=self.tz)

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days d with start < d ≤ end; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def working_calendar(years: Iterable[int] | None = None) -> WorkingCalendar:
    """The calendar from the table for seeded years and from the `holidays` package for the others.

    With `years`, only those years are loaded (and any other year is treated as the package says only if
    listed): pass the years a computation can touch, or nothing for a window of ten years around today.
    """
    today = timezone.localdate()
    wanted = sorted(set(years)) if years is not None else list(range(today.year - 5, today.year + 6))
    seeded = set(CalendarYear.objects.filter(year__in=wanted).values_list("year", flat=True))
    calendar = WorkingCalendar(
        cutoff=_parse_clock(settings.CCHC_WORKDAY_CUTOFF),
        day_end=_parse_clock(getattr(settings, "CCHC_WORKDAY_END", "17:00")),
    )
    for year in wanted:
        if year in seeded:
            continue
        days_off, workdays = package_days(year)
        calendar.days_off.update(days_off)
        calendar.extra_workdays.update(workdays)
    if seeded:
        rows = CalendarDay.objects.filter(date__year__in=seeded).values_list("date", "kind")
        for day, kind in rows:
            (calendar.days_off if kind == DayKind.DAY_OFF else calendar.extra_workdays).add(day)
    return calendar


def is_working_day(day: datetime.date) -> bool:
    """Whether `day` is a working day."""
    return working_calendar([day.year]).is_working_day(day)


def add_working_days(received_at: datetime.datetime, working_days: int) -> datetime.datetime:
    """The due moment of something received at `received_at` with a limit of N working days."""
    start = received_at.year
    return working_calendar(range(start, start + 2 + working_days // 200)).due_moment(received_at, working_days)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end`."""
    low, high = sorted((start.year, end.year))
    return working_calendar(range(low, high + 1)).working_days_between(start, end)
