"""The calendar page: administrators edit days through forms; everyone computes a due date."""

from collections.abc import Callable

from django.test import Client

from cchc.workdays.models import CalendarDay, CalendarYear
from conftest import Org


def test_office_focal_adds_a_make_up_saturday(org: Org, client_for: Callable[..., Client]) -> None:
    response = client_for(org.office_focal).post(
        "/calendar/days/new/",
        {"date": "2025-02-15", "kind": "working_day", "name": "Làm bù", "reference": "Thông báo 01/TB-UBND"},
    )
    assert response.status_code == 302
    day = CalendarDay.objects.get(date="2025-02-15")
    assert day.kind == "working_day"
    assert CalendarYear.objects.filter(year=2025).exists()


def test_make_up_day_on_a_weekday_shows_the_error_on_the_date(org: Org, client_for: Callable[..., Client]) -> None:
    response = client_for(org.office_focal).post(
        "/calendar/days/new/", {"date": "2025-02-12", "kind": "working_day", "name": "Sai"}
    )
    assert response.status_code == 200
    assert "phải là thứ Bảy hoặc Chủ nhật" in response.content.decode()
    assert not CalendarDay.objects.filter(date="2025-02-12").exists()


def test_calculator_shows_the_due_date(org: Org, client_for: Callable[..., Client]) -> None:
    response = client_for(org.specialist).get("/calendar/?year=2025&received_at=2025-01-24T15:30&working_days=3")
    assert "17:00" in response.content.decode()
    assert "06/02/2025" in response.content.decode()


def test_calendar_shows_the_years_holidays(org: Org, client_for: Callable[..., Client]) -> None:
    page = client_for(org.specialist).get("/calendar/?year=2026").content.decode()
    assert "17/02/2026" in page
    assert "22/08/2026" in page
