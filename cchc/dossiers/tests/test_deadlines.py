"""Due moments, pauses, timeliness and lateness ahead on hand-computed cases (Asia/Ho_Chi_Minh, 15:00 cut-off).

Calendars used (checked against the `holidays` package, country VN):
- Tết 2025: Mon 27/1 – Sat 1/2/2025 off (with the weekends: 25/1 – 2/2).
- 30/4–1/5/2025: Wed 30/4, Thu 1/5 and Fri 2/5 off; Sat 26/4/2025 is a make-up working day.
- 2/9/2025: Mon 1/9 and Tue 2/9 off.
- Tết 2026: Mon 16/2 – Fri 20/2/2026 off.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest

from cchc.dossiers import deadlines
from cchc.dossiers.choices import Timeliness
from cchc.workdays.choices import DayKind
from cchc.workdays.services import calendar_day_save

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def at(day: str, clock: str = "09:00") -> datetime.datetime:
    """An aware moment from "dd/mm/yyyy" and "HH:MM" in Vietnam's time."""
    return datetime.datetime.strptime(f"{day} {clock}", "%d/%m/%Y %H:%M").replace(tzinfo=VN)


def due(received: datetime.datetime, days: int) -> datetime.datetime:
    return deadlines.due_moment(deadlines.calendar_for(received), received, days)


def test_received_before_cutoff_on_the_friday_before_tet_2025_counts_from_that_day() -> None:
    # Effective day Fri 24/1; Tết 27/1–1/2 off → 1: Mon 3/2, 2: Tue 4/2, 3: Wed 5/2.
    assert due(at("24/01/2025", "10:00"), 3) == at("05/02/2025", "17:00")


def test_received_after_cutoff_on_the_friday_before_tet_2025_counts_from_the_next_working_day() -> None:
    # 15:30 → effective day Mon 3/2 → 1: Tue 4/2, 2: Wed 5/2, 3: Thu 6/2.
    assert due(at("24/01/2025", "15:30"), 3) == at("06/02/2025", "17:00")


def test_received_at_exactly_the_cutoff_before_tet_2026_counts_from_the_next_working_day() -> None:
    # Fri 13/2/2026 15:00 is not before 15:00 → effective Mon 23/2 (16–20/2 off)
    # → 1: Tue 24/2, 2: Wed 25/2, 3: Thu 26/2, 4: Fri 27/2, 5: Mon 2/3.
    assert due(at("13/02/2026", "15:00"), 5) == at("02/03/2026", "17:00")


def test_ten_days_across_tet_2026() -> None:
    # Effective Mon 9/2 → 1: Tue 10, 2: Wed 11, 3: Thu 12, 4: Fri 13, (16–20 off), 5: Mon 23, 6: Tue 24,
    # 7: Wed 25, 8: Thu 26, 9: Fri 27, 10: Mon 2/3.
    assert due(at("09/02/2026", "09:00"), 10) == at("02/03/2026", "17:00")


def test_reunification_and_labour_day_2025() -> None:
    # Effective Tue 29/4 → (30/4, 1/5, 2/5 off, 3–4/5 weekend) 1: Mon 5/5, 2: Tue 6/5.
    assert due(at("29/04/2025", "09:00"), 2) == at("06/05/2025", "17:00")


def test_the_package_make_up_saturday_26_4_2025_is_a_working_day() -> None:
    # Fri 25/4 16:00 → effective Sat 26/4 (make-up working day) → 1: Mon 28/4.
    assert due(at("25/04/2025", "16:00"), 1) == at("28/04/2025", "17:00")
    # Received on the make-up Saturday morning: counts from that Saturday → 1: Mon 28/4, 2: Tue 29/4.
    assert due(at("26/04/2025", "10:00"), 2) == at("29/04/2025", "17:00")


def test_a_make_up_saturday_entered_in_the_calendar_counts() -> None:
    # Without it: Fri 9/1/2026 15:30 → effective Mon 12/1 → 1: Tue 13/1, 2: Wed 14/1.
    assert due(at("09/01/2026", "15:30"), 2) == at("14/01/2026", "17:00")
    calendar_day_save(actor=None, date=datetime.date(2026, 1, 10), kind=DayKind.WORKING_DAY, name="Làm bù")
    # With Sat 10/1 worked: effective Sat 10/1 → 1: Mon 12/1, 2: Tue 13/1.
    assert due(at("09/01/2026", "15:30"), 2) == at("13/01/2026", "17:00")


def test_national_day_2025() -> None:
    # Fri 29/8 14:59 → effective Fri 29/8 → (1–2/9 off) 1: Wed 3/9, 2: Thu 4/9.
    assert due(at("29/08/2025", "14:59"), 2) == at("04/09/2025", "17:00")


def test_received_on_a_holiday_counts_from_the_next_working_day() -> None:
    # Tue 2/9/2025 (holiday) 08:00 → effective Wed 3/9 → 1: Thu 4/9.
    assert due(at("02/09/2025", "08:00"), 1) == at("04/09/2025", "17:00")


def test_pause_adds_the_working_days_strictly_between_request_and_resumption() -> None:
    calendar = deadlines.calendar_for(at("12/02/2026"))
    # Requested Thu 12/2; supplement Tue 24/2 09:00 → resumes Tue 24/2; between: Fri 13/2, Mon 23/2 → 2.
    assert deadlines.paused_working_days(calendar, at("12/02/2026", "10:00"), at("24/02/2026", "09:00")) == 2
    # Supplement Tue 24/2 16:00 → resumes Wed 25/2; between: Fri 13/2, Mon 23/2, Tue 24/2 → 3.
    assert deadlines.paused_working_days(calendar, at("12/02/2026", "10:00"), at("24/02/2026", "16:00")) == 3
    # Same day before the cut-off → 0; the next morning → 0 (nothing strictly between).
    assert deadlines.paused_working_days(calendar, at("12/02/2026", "10:00"), at("12/02/2026", "14:00")) == 0
    assert deadlines.paused_working_days(calendar, at("12/02/2026", "10:00"), at("13/02/2026", "08:00")) == 0


def test_pause_extends_the_due_moment_by_working_days() -> None:
    calendar = deadlines.calendar_for(at("02/03/2026"))
    # Due Mon 2/3 + 2 working days → Tue 3/3, Wed 4/3.
    assert deadlines.extended_due(calendar, at("02/03/2026", "17:00"), 2) == at("04/03/2026", "17:00")
    # Due Fri 13/2/2026 + 1 → Tết → Mon 23/2.
    assert deadlines.extended_due(calendar, at("13/02/2026", "17:00"), 1) == at("23/02/2026", "17:00")


def test_timeliness_early_on_time_and_late() -> None:
    calendar = deadlines.calendar_for(at("04/03/2026"))
    due_at = at("04/03/2026", "17:00")
    assert deadlines.timeliness_at(calendar, at("03/03/2026", "16:59"), due_at) == Timeliness.EARLY
    assert deadlines.timeliness_at(calendar, at("04/03/2026", "08:00"), due_at) == Timeliness.ON_TIME
    assert deadlines.timeliness_at(calendar, at("04/03/2026", "17:00"), due_at) == Timeliness.ON_TIME
    assert deadlines.timeliness_at(calendar, at("04/03/2026", "17:01"), due_at) == Timeliness.LATE
    assert deadlines.timeliness_at(calendar, at("05/03/2026", "08:00"), due_at) == Timeliness.LATE


def test_prediction_by_working_days_left() -> None:
    calendar = deadlines.calendar_for(at("04/03/2026"))
    due_at = at("04/03/2026", "17:00")
    # Tue 3/3: 1 working day left after today (Wed 4/3) → not below 1.
    assert not deadlines.predicted_late(calendar, now=at("03/03/2026", "10:00"), due_at=due_at, warning_days=1)
    # Wed 4/3 (the due day): 0 left → predicted.
    assert deadlines.predicted_late(calendar, now=at("04/03/2026", "09:00"), due_at=due_at, warning_days=1)
    # Threshold 3: Fri 27/2 → Mon 2, Tue 3, Wed 4 = 3 left → not; Mon 2/3 → 2 left → predicted.
    assert not deadlines.predicted_late(calendar, now=at("27/02/2026", "10:00"), due_at=due_at, warning_days=3)
    assert deadlines.predicted_late(calendar, now=at("02/03/2026", "10:00"), due_at=due_at, warning_days=3)
    # Past due → predicted whatever the threshold.
    assert deadlines.predicted_late(calendar, now=at("05/03/2026", "08:00"), due_at=due_at, warning_days=0)


def test_prediction_when_the_open_step_is_due_after_the_dossier() -> None:
    calendar = deadlines.calendar_for(at("04/03/2026"))
    due_at = at("04/03/2026", "17:00")
    now = at("23/02/2026", "10:00")
    assert not deadlines.predicted_late(calendar, now=now, due_at=due_at, open_step_due_dates=[due_at])
    late_step = [at("05/03/2026", "17:00")]
    assert deadlines.predicted_late(calendar, now=now, due_at=due_at, open_step_due_dates=late_step)
