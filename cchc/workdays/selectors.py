"""Reads of the working calendar."""

import datetime
from typing import Any

from django.db.models import QuerySet

from cchc.core.permissions import VIEW, restrict

from .calendar import package_days
from .choices import DayKind, DaySource
from .models import CALENDAR_POLICY, CalendarDay, CalendarYear


def calendar_days_of_year(*, user: Any, year: int) -> tuple[list[CalendarDay], bool]:
    """The special days of a year and whether the year is in the table (if not, the package's days are shown)."""
    if not user.is_authenticated or not user.has_any_role(CALENDAR_POLICY.department_roles[VIEW]):
        return [], False
    if CalendarYear.objects.filter(year=year).exists():
        return list(restrict(CalendarDay.objects.filter(date__year=year), user, VIEW)), True
    days_off, workdays = package_days(year)
    preview = [
        CalendarDay(date=day, kind=DayKind.DAY_OFF, name=name, source=DaySource.PACKAGE)
        for day, name in days_off.items()
    ]
    preview += [
        CalendarDay(date=day, kind=DayKind.WORKING_DAY, name=name, source=DaySource.PACKAGE)
        for day, name in workdays.items()
    ]
    return sorted(preview, key=lambda item: item.date), False


def calendar_days(*, user: Any) -> QuerySet[CalendarDay]:
    return restrict(CalendarDay.objects.all(), user, VIEW)


def upcoming_days_off(*, user: Any, today: datetime.date, limit: int = 3) -> list[CalendarDay]:
    """The next days off after today, for the home page."""
    return list(calendar_days(user=user).filter(date__gte=today, kind=DayKind.DAY_OFF)[:limit])
