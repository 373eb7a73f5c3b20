"""Due moments of many receipts with the real working calendar, against a weekday-only floor in the same run."""

import datetime
import os
import random
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from cchc.workdays.calendar import working_calendar  # noqa: E402
from cchc.workdays.services import calendar_seed_year  # noqa: E402

COUNT = 200_000
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def receipts() -> list[tuple[datetime.datetime, int]]:
    generator = random.Random(2026)
    start = datetime.datetime(2025, 1, 1, 7, 0, tzinfo=VN)
    return [
        (
            start + datetime.timedelta(minutes=generator.randrange(0, 2 * 365 * 24 * 60)),
            generator.choice([0, 1, 3, 5, 10, 15, 30]),
        )
        for _ in range(COUNT)
    ]


def floor(items: list[tuple[datetime.datetime, int]]) -> float:
    began = time.perf_counter()
    for moment, days in items:
        day = moment.date()
        while days:
            day += datetime.timedelta(days=1)
            if day.weekday() < 5:
                days -= 1
    return time.perf_counter() - began


def measured(items: list[tuple[datetime.datetime, int]]) -> float:
    calendar = working_calendar(range(2025, 2028))
    began = time.perf_counter()
    for moment, days in items:
        calendar.due_moment(moment, days)
    return time.perf_counter() - began


def main() -> None:
    call_command("migrate", verbosity=0)
    for year in (2025, 2026, 2027):
        calendar_seed_year(actor=None, year=year)
    items = receipts()
    base = min(floor(items) for _ in range(3))
    real = min(measured(items) for _ in range(3))
    line = (
        f"| {datetime.date.today():%Y-%m-%d} | workdays_due | {COUNT:,} receipts | floor {base:.3f} s | "
        f"calendar {real:.3f} s | ratio {real / base:.2f} | {COUNT / real:,.0f} due moments/s |"
    )
    print(line)
    results = Path(__file__).with_name("RESULTS.md")
    if not results.exists():
        results.write_text(
            "# Results\n\n| date | bench | size | floor | measured | ratio | rate |\n|---|---|---|---|---|---|---|\n"
        )
    with results.open("a") as handle:
        handle.write(line + "\n")


if __name__ == "__main__":
    main()
