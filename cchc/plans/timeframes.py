"""Time frames as the letters write them ("Thường xuyên", "Trong năm", "Quý I/2021", "Tháng 12/2021",
"trước ngày 10/11/2024", "Quý III/ Quý IV", a date), turned into a recurrence and due dates.

What does not parse is kept as text and flagged for a person to set the date.
"""

import calendar
import datetime
import re
from dataclasses import dataclass, field

from cchc.core.text import fold

from .choices import Recurrence

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
QUARTER_NAMES = {1: "Quý I", 2: "Quý II", 3: "Quý III", 4: "Quý IV"}


@dataclass(frozen=True)
class Period:
    label: str
    due: datetime.date | None


@dataclass
class Timeframe:
    recurrence: str
    periods: list[Period] = field(default_factory=list)
    parsed: bool = True

    @property
    def due(self) -> datetime.date | None:
        """The last due date (the task's own due date)."""
        return max((period.due for period in self.periods if period.due), default=None)


def quarter_end(year: int, quarter: int) -> datetime.date:
    month = quarter * 3
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def quarterly_periods(year: int) -> list[Period]:
    return [Period(f"{QUARTER_NAMES[quarter]}/{year}", quarter_end(year, quarter)) for quarter in range(1, 5)]


DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?")
QUARTER = re.compile(r"quy\s*(iv|iii|ii|i|[1-4])\b(?:\s*[/-]?\s*(\d{4}))?")
MONTH = re.compile(r"thang\s*(\d{1,2})(?:\s*[/-]\s*(\d{4}))?")
YEAR = re.compile(r"\b(20\d{2})\b")
BARE_NUMERAL = re.compile(r"\b(iv|iii|ii|i)\b")


def parse_timeframe(text: str, plan_year: int) -> Timeframe:
    """The recurrence and due dates of a time frame; `parsed` is False when a person must set the date."""
    folded = fold(text)
    if not folded:
        return Timeframe(Recurrence.ONCE, parsed=False)
    if "thuong xuyen" in folded or "hang quy" in folded:
        return Timeframe(Recurrence.QUARTERLY, quarterly_periods(plan_year))
    date_match = DATE.search(folded)
    if date_match and ("ngay" in folded or "truoc" in folded or folded.startswith(date_match.group(0))):
        day, month, year = int(date_match.group(1)), int(date_match.group(2)), date_match.group(3)
        try:
            due = datetime.date(int(year) if year else plan_year, month, day)
        except ValueError:
            return Timeframe(Recurrence.ONCE, parsed=False)
        return Timeframe(Recurrence.ONCE, [Period(" ".join(text.split()), due)])
    quarters = QUARTER.findall(folded)
    if quarters:
        year_match = YEAR.search(folded)
        default_year = int(year_match.group(1)) if year_match else plan_year
        ends = [quarter_end(int(year) if year else default_year, ROMAN[number]) for number, year in quarters]
        # "Quý II, III/2021": numerals listed after the first "Quý" without repeating the word.
        tail = folded[folded.index("quy") :]
        ends += [quarter_end(default_year, ROMAN[number]) for number in BARE_NUMERAL.findall(tail)]
        return Timeframe(Recurrence.ONCE, [Period(" ".join(text.split()), max(ends))])
    month_match = MONTH.search(folded)
    if month_match:
        month = int(month_match.group(1))
        year = int(month_match.group(2)) if month_match.group(2) else plan_year
        if not 1 <= month <= 12:
            return Timeframe(Recurrence.ONCE, parsed=False)
        return Timeframe(
            Recurrence.ONCE,
            [Period(" ".join(text.split()), datetime.date(year, month, calendar.monthrange(year, month)[1]))],
        )
    if "trong nam" in folded or "ca nam" in folded or folded in {"nam", f"nam {plan_year}"}:
        year_match = YEAR.search(folded)
        year = int(year_match.group(1)) if year_match else plan_year
        return Timeframe(Recurrence.ONCE, [Period(" ".join(text.split()), datetime.date(year, 12, 31))])
    return Timeframe(Recurrence.ONCE, parsed=False)
