"""The working calendar: per year, the days off and the make-up working days, editable by an administrator."""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.core.permissions import CHANGE, MANAGE, VIEW, RestrictPolicy
from cchc.org.roles import ALL_ROLES, CALENDAR_MANAGERS

from .choices import DayKind, DaySource

CALENDAR_POLICY = RestrictPolicy(
    unit_lookups=(),
    department_roles={VIEW: ALL_ROLES, CHANGE: CALENDAR_MANAGERS, MANAGE: CALENDAR_MANAGERS},
)


class CalendarYear(models.Model):
    """A year whose days are in the table; years not seeded fall back to the `holidays` package."""

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    seeded_at = models.DateTimeField(_("nạp lúc"), auto_now_add=True)
    source_note = models.CharField(_("nguồn"), max_length=200, blank=True)

    restrict_policy: ClassVar[RestrictPolicy] = CALENDAR_POLICY

    class Meta:
        verbose_name = _("năm lịch")
        verbose_name_plural = _("năm lịch")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """A day that differs from the normal week: a holiday (day off) or a make-up Saturday (working day)."""

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại ngày"), max_length=20, choices=DayKind.choices)
    name = models.CharField(_("tên ngày"), max_length=200)
    reference = models.CharField(
        _("căn cứ"),
        max_length=255,
        blank=True,
        help_text=_("Văn bản công bố, ví dụ: Thông báo 6150/TB-BLĐTBXH ngày 29/11/2024."),
    )
    source = models.CharField(_("nguồn"), max_length=20, choices=DaySource.choices, default=DaySource.MANUAL)

    restrict_policy: ClassVar[RestrictPolicy] = CALENDAR_POLICY

    class Meta:
        verbose_name = _("ngày đặc biệt")
        verbose_name_plural = _("ngày đặc biệt")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"
