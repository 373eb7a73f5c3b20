"""Dates of the reporting periods: Q1 reports the first quarter, Q2 the first six months, Q3 nine months, Q4 the year.

Each report covers the year from 1 January to the end of its quarter; the units' deadline is the
CCHC_REPORT_DAY-th day (20 by default) of the quarter's last month.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from .timeframes import quarter_end

PERIOD_QUARTERS = {"q1": 1, "q2": 2, "q3": 3, "q4": 4}


@dataclass(frozen=True)
class DateRange:
    start: datetime.date
    end: datetime.date


def period_quarter(period: str) -> int:
    """The quarter a period ends with; ValueError for an unknown period."""
    try:
        return PERIOD_QUARTERS[period]
    except KeyError:
        raise ValueError(f"unknown reporting period {period!r}") from None


def report_due_date(year: int, period: str) -> datetime.date:
    """The CCHC_REPORT_DAY-th day of the quarter's last month (the month's last day when it is shorter)."""
    month = period_quarter(period) * 3
    day = min(int(settings.CCHC_REPORT_DAY), calendar.monthrange(year, month)[1])
    return datetime.date(year, month, max(1, day))


def period_range(year: int, period: str) -> DateRange:
    """From 1 January to the end of the period's quarter (reports are cumulative over the year)."""
    return DateRange(datetime.date(year, 1, 1), quarter_end(year, period_quarter(period)))


def next_quarter_range(year: int, period: str) -> DateRange:
    """The quarter after the period (Q1 of the next year after the annual report)."""
    start = period_range(year, period).end + datetime.timedelta(days=1)
    return DateRange(start, quarter_end(start.year, (start.month - 1) // 3 + 1))


def period_phrase(year: int, period: str) -> str:
    """How a report names its period: "quý I năm 2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "năm 2026"."""
    phrases = {
        "q1": _("quý I năm %(year)s"),
        "q2": _("6 tháng đầu năm %(year)s"),
        "q3": _("9 tháng năm %(year)s"),
        "q4": _("năm %(year)s"),
    }
    return phrases[period] % {"year": year}
