"""Working-day arithmetic on hand-computed cases: Tết 2025 and 2026, 30/4–1/5, 2/9, make-up Saturdays, 15:00."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from cchc.workdays.calendar import add_working_days, is_working_day, working_calendar, working_days_between
from cchc.workdays.choices import DayKind
from cchc.workdays.models import CalendarDay
from cchc.workdays.services import calendar_day_delete, calendar_day_save, calendar_seed_year

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: str, clock: str = "10:00") -> datetime.datetime:
    return datetime.datetime.strptime(f"{day} {clock}", "%d/%m/%Y %H:%M").replace(tzinfo=VN)


def due(day: str) -> datetime.datetime:
    return at(day, "17:00")


@pytest.fixture
def seeded(db: None) -> None:
    for year in (2025, 2026):
        calendar_seed_year(actor=None, year=year)


@pytest.mark.parametrize(
    ("received", "clock", "days", "expected"),
    [
        # Tết Ất Tỵ 2025: off Mon 27/01 to Sat 01/02 (and Sunday 02/02).
        ("24/01/2025", "10:00", 3, "05/02/2025"),
        ("24/01/2025", "15:30", 3, "06/02/2025"),
        ("24/01/2025", "14:59", 0, "24/01/2025"),
        ("24/01/2025", "15:00", 0, "03/02/2025"),
        # Tết Bính Ngọ 2026: off Mon 16/02 to Fri 20/02.
        ("13/02/2026", "09:00", 1, "23/02/2026"),
        ("13/02/2026", "09:00", 0, "13/02/2026"),
        ("14/02/2026", "10:00", 1, "24/02/2026"),
        # 30/4–1/5/2025: Fri 02/05 off, swapped with make-up Saturday 26/04.
        ("25/04/2025", "10:00", 1, "26/04/2025"),
        ("25/04/2025", "10:00", 2, "28/04/2025"),
        ("25/04/2025", "10:00", 3, "29/04/2025"),
        ("25/04/2025", "10:00", 4, "05/05/2025"),
        # 2/9/2025: Mon 01/09 and Tue 02/09 off.
        ("29/08/2025", "10:00", 1, "03/09/2025"),
        # 2/9/2026: Mon 31/08 off, swapped with make-up Saturday 22/08; Tue 01/09 and Wed 02/09 off.
        ("21/08/2026", "10:00", 1, "22/08/2026"),
        ("21/08/2026", "10:00", 2, "24/08/2026"),
        ("28/08/2026", "10:00", 1, "03/09/2026"),
        # Received on a make-up Saturday before the cut-off counts from that Saturday.
        ("26/04/2025", "09:00", 1, "28/04/2025"),
        # Ngày Văn hóa Việt Nam, 24/11 from 2026.
        ("23/11/2026", "10:00", 1, "25/11/2026"),
    ],
)
def test_due_moment_counts_working_days_after_the_effective_day(
    seeded: None, received: str, clock: str, days: int, expected: str
) -> None:
    assert add_working_days(at(received, clock), days) == due(expected)


def test_received_time_is_read_in_vietnam_time_even_when_given_in_utc(seeded: None) -> None:
    received_utc = datetime.datetime(2025, 1, 24, 8, 30, tzinfo=datetime.UTC)  # 15:30 in Hà Nội
    assert add_working_days(received_utc, 3) == due("06/02/2025")


def test_make_up_saturday_added_by_an_administrator_is_a_working_day(seeded: None) -> None:
    assert add_working_days(at("14/02/2025"), 1) == due("17/02/2025")
    calendar_day_save(
        actor=None,
        date=datetime.date(2025, 2, 15),
        kind=DayKind.WORKING_DAY,
        name="Làm bù",
        reference="Thông báo của UBND tỉnh",
    )
    assert add_working_days(at("14/02/2025"), 1) == due("15/02/2025")


def test_day_off_added_by_an_administrator_moves_due_dates(seeded: None) -> None:
    calendar_day_save(
        actor=None, date=datetime.date(2025, 12, 29), kind=DayKind.DAY_OFF, name="Nghỉ bù", reference="QĐ 1/QĐ-UBND"
    )
    assert add_working_days(at("26/12/2025"), 1) == due("30/12/2025")
    calendar_day_delete(actor=None, day=CalendarDay.objects.get(date=datetime.date(2025, 12, 29)))
    assert add_working_days(at("26/12/2025"), 1) == due("29/12/2025")


def test_working_days_between_counts_days_after_start_up_to_end(seeded: None) -> None:
    assert working_days_between(datetime.date(2025, 1, 24), datetime.date(2025, 2, 5)) == 3
    assert working_days_between(datetime.date(2025, 2, 5), datetime.date(2025, 1, 24)) == -3
    assert working_days_between(datetime.date(2025, 4, 25), datetime.date(2025, 5, 5)) == 4
    assert working_days_between(datetime.date(2025, 4, 25), datetime.date(2025, 4, 25)) == 0


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (datetime.date(2025, 4, 26), True),
        (datetime.date(2025, 4, 30), False),
        (datetime.date(2025, 5, 2), False),
        (datetime.date(2026, 2, 16), False),
        (datetime.date(2026, 2, 23), True),
        (datetime.date(2026, 11, 24), False),
        (datetime.date(2026, 11, 22), False),
        (datetime.date(2026, 11, 23), True),
    ],
)
def test_is_working_day(seeded: None, day: datetime.date, working: bool) -> None:
    assert is_working_day(day) is working


def test_unseeded_year_follows_the_package(db: None) -> None:
    calendar = working_calendar([2030])
    assert not calendar.is_working_day(datetime.date(2030, 1, 1))
    assert calendar.is_working_day(datetime.date(2030, 1, 2))


def test_seeding_twice_changes_nothing(db: None) -> None:
    calendar_seed_year(actor=None, year=2025)
    count = CalendarDay.objects.count()
    calendar_seed_year(actor=None, year=2025)
    assert CalendarDay.objects.count() == count > 0


def test_make_up_day_on_a_weekday_is_refused_and_nothing_is_written(db: None) -> None:
    with pytest.raises(ValidationError):
        calendar_day_save(actor=None, date=datetime.date(2027, 3, 3), kind=DayKind.WORKING_DAY, name="Sai")
    assert not CalendarDay.objects.filter(date__year=2027).exists()
