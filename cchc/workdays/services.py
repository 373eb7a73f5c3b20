"""Writes of the working calendar, each audited."""

import datetime
from typing import Any

import holidays
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.core.services import audit_record
from cchc.core.snapshots import model_snapshot, snapshot_diff

from .calendar import package_days
from .choices import DayKind, DaySource
from .models import CalendarDay, CalendarYear


@transaction.atomic
def calendar_seed_year(*, actor: Any, year: int) -> CalendarYear:
    """Put a year's holidays and make-up days from the `holidays` package into the table (once per year).

    Days an administrator already entered by hand are kept as they are.
    """
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Năm %(year)s nằm ngoài khoảng 2000–2100.") % {"year": year})
    existing = CalendarYear.objects.select_for_update().filter(year=year).first()
    if existing is not None:
        return existing
    calendar_year = CalendarYear.objects.create(year=year, source_note=f"holidays {holidays.__version__}")
    days_off, workdays = package_days(year)
    manual = set(CalendarDay.objects.filter(date__year=year).values_list("date", flat=True))
    rows = [
        CalendarDay(date=day, kind=DayKind.DAY_OFF, name=name, source=DaySource.PACKAGE)
        for day, name in days_off.items()
        if day not in manual
    ] + [
        CalendarDay(date=day, kind=DayKind.WORKING_DAY, name=name, source=DaySource.PACKAGE)
        for day, name in workdays.items()
        if day not in manual
    ]
    CalendarDay.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        action="calendar_seed_year",
        instance=calendar_year,
        note=_("Đã nạp %(count)s ngày đặc biệt của năm %(year)s.") % {"count": len(rows), "year": year},
    )
    return calendar_year


@transaction.atomic
def calendar_day_save(
    *,
    actor: Any,
    date: datetime.date,
    kind: str,
    name: str,
    reference: str = "",
    day: CalendarDay | None = None,
) -> CalendarDay:
    """Add a day off or a make-up working day, or change one; the year is seeded first if it was not."""
    calendar_seed_year(actor=actor, year=date.year)
    if day is None:
        day = CalendarDay.objects.select_for_update().filter(date=date).first()
    else:
        day = CalendarDay.objects.select_for_update().get(pk=day.pk)
    before = model_snapshot(day) if day else {}
    if day is None:
        day = CalendarDay()
    day.date, day.kind, day.name, day.reference = date, kind, name.strip(), reference.strip()
    day.source = DaySource.MANUAL
    if kind == DayKind.WORKING_DAY and date.weekday() < 5:
        raise ValidationError({"date": _("Ngày làm việc bù phải là thứ Bảy hoặc Chủ nhật.")})
    if kind == DayKind.DAY_OFF and date.weekday() >= 5:
        raise ValidationError({"date": _("Thứ Bảy và Chủ nhật đã là ngày nghỉ; không cần thêm.")})
    day.full_clean(validate_unique=day.pk is not None)
    day.save()
    changes = snapshot_diff(before, model_snapshot(day))
    audit_record(actor=actor, action="calendar_day_save", instance=day, changes=changes)
    return day


@transaction.atomic
def calendar_day_delete(*, actor: Any, day: CalendarDay) -> None:
    """Remove a special day, so that the date follows the normal week again."""
    day = CalendarDay.objects.select_for_update().get(pk=day.pk)
    calendar_seed_year(actor=actor, year=day.date.year)
    audit_record(
        actor=actor, action="calendar_day_delete", instance=day, changes=snapshot_diff(model_snapshot(day), {})
    )
    day.delete()
