"""Time frames as the letters write them become a recurrence and due dates; the rest is flagged."""

import datetime

import pytest

from cchc.plans.choices import Recurrence
from cchc.plans.timeframes import parse_timeframe


@pytest.mark.parametrize(
    ("text", "recurrence", "dues"),
    [
        ("Thường xuyên", Recurrence.QUARTERLY, ["31/03/2021", "30/06/2021", "30/09/2021", "31/12/2021"]),
        ("Trong năm", Recurrence.ONCE, ["31/12/2021"]),
        ("Quý I/2021", Recurrence.ONCE, ["31/03/2021"]),
        ("Quý III/ Quý IV", Recurrence.ONCE, ["31/12/2021"]),
        ("Quý 2 năm 2022", Recurrence.ONCE, ["30/06/2022"]),
        ("Quý II, III/2021", Recurrence.ONCE, ["30/09/2021"]),
        ("Tháng 01/2021", Recurrence.ONCE, ["31/01/2021"]),
        ("Tháng \n12/2021", Recurrence.ONCE, ["31/12/2021"]),
        ("Tháng 2", Recurrence.ONCE, ["28/02/2021"]),
        ("trước ngày 10/11/2024", Recurrence.ONCE, ["10/11/2024"]),
        ("15/06/2021", Recurrence.ONCE, ["15/06/2021"]),
        ("Ngày 30/4", Recurrence.ONCE, ["30/04/2021"]),
    ],
)
def test_letters_time_frames_parse(text: str, recurrence: str, dues: list[str]) -> None:
    timeframe = parse_timeframe(text, 2021)
    assert timeframe.parsed
    assert timeframe.recurrence == recurrence
    assert [period.due.strftime("%d/%m/%Y") for period in timeframe.periods if period.due] == dues


@pytest.mark.parametrize("text", ["sớm nhất có thể", "", "Tháng 13/2021", "31/02/2021", "khi có chỉ đạo"])
def test_unreadable_time_frames_are_flagged_not_guessed(text: str) -> None:
    timeframe = parse_timeframe(text, 2021)
    assert not timeframe.parsed
    assert timeframe.due is None


def test_quarterly_periods_are_labelled_by_quarter() -> None:
    labels = [period.label for period in parse_timeframe("Thường xuyên", 2026).periods]
    assert labels == ["Quý I/2026", "Quý II/2026", "Quý III/2026", "Quý IV/2026"]


def test_due_is_the_last_period() -> None:
    assert parse_timeframe("Thường xuyên", 2026).due == datetime.date(2026, 12, 31)
