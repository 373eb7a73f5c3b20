"""The public portal's home page opens without sign-in and shows open surveys and the published results."""

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from cchc.core.measurements import Indicator
from cchc.portal.selectors import open_campaigns


def on_time_rate(year: int) -> Decimal | None:
    return Decimal("98.5") if year == timezone.localdate().year else None


def measured_indicators() -> list[Indicator]:
    return [Indicator("dossiers.on_time_rate", "Tỉ lệ hồ sơ đúng hạn", on_time_rate)]


@pytest.fixture(autouse=True)
def _indicators(settings: Any) -> None:
    settings.CCHC_INDICATOR_PROVIDERS = [f"{__name__}.measured_indicators"]


@pytest.mark.django_db
def test_anyone_opens_the_portal_and_sees_the_published_rate_of_this_year(client: Client) -> None:
    response = client.get("/cong-khai/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Tra cứu thủ tục hành chính" in page
    assert "Tỉ lệ hồ sơ đúng hạn" in page
    assert "98,50 %" in page
    assert "Hiện chưa có đợt khảo sát nào đang mở." in page


@pytest.mark.django_db
def test_only_campaigns_open_today_are_offered_to_citizens() -> None:
    assert list(open_campaigns()) == []
