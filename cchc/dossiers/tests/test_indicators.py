"""Decision 766 indicators: the scoring rule, the measured rates, the page."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from cchc.dossiers.indicators import RULES_BY_CODE, dossier_rate_measured, indicator_score, indicators_measure
from conftest import Org

from .stat_factories import moment
from .test_statistics import build_set

LATER = moment("01/06/2026")


def test_score_is_the_maximum_once_the_target_is_reached_else_proportional() -> None:
    rule = RULES_BY_CODE["dossiers.online_rate"]  # 8 points, target 50 %
    assert indicator_score(rule, Decimal(60)) == Decimal(8)
    assert indicator_score(rule, Decimal(50)) == Decimal(8)
    assert indicator_score(rule, Decimal(25)) == Decimal("4.00")
    assert indicator_score(rule, None) is None


@pytest.fixture
def hand_made(org: Org) -> Org:
    build_set(org)
    return org


def test_indicators_of_a_year_match_the_hand_count(hand_made: Org) -> None:
    measured = {item.rule.number: item for item in indicators_measure(year=2025, now=LATER)}
    # 2.1: in time D1, D3, D8, D11 of 6 finished + 3 still open at the year's end, all overdue.
    assert (measured["2.1"].numerator, measured["2.1"].denominator) == (4, 9)
    assert measured["2.1"].score == Decimal("8.89")
    assert (measured["3.1"].rate, measured["3.1"].score) == (Decimal("100.00"), Decimal(4))
    assert (measured["3.3"].numerator, measured["3.3"].denominator, measured["3.3"].score) == (1, 9, Decimal("1.78"))
    assert (measured["3.5"].rate, measured["3.6"].rate) == (Decimal("100.00"), Decimal("100.00"))
    assert measured["4.1"].score == Decimal("0.89")
    assert measured["4.2"].score == Decimal("0.00") and measured["4.3"].rate == Decimal("0.00")


def test_measured_rate_is_what_the_scorecard_reads(hand_made: Org) -> None:
    assert dossier_rate_measured("dossiers.on_time_rate", 2025) == Decimal("44.44")
    assert dossier_rate_measured("dossiers.online_rate", 2025) == Decimal("11.11")
    assert dossier_rate_measured("dossiers.online_rate", 2025, unit=hand_made.hospital) == Decimal("0.00")
    assert dossier_rate_measured("dossiers.online_rate", 2019) is None
    assert dossier_rate_measured("dossiers.unknown", 2025) is None


def test_leadership_sees_the_indicator_page_and_its_export(hand_made: Org, client_for: Callable[..., Client]) -> None:
    client = client_for(hand_made.leader)
    response = client.get("/dossiers/statistics/indicators/", {"year": "2025"})
    assert response.status_code == 200
    assert "Hồ sơ nộp trực tuyến" in response.content.decode()
    export = client.get("/dossiers/statistics/indicators/", {"year": "2025", "export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_specialist_may_not_open_the_indicator_page(org: Org, client_for: Callable[..., Client]) -> None:
    assert client_for(org.specialist).get("/dossiers/statistics/indicators/").status_code == 403
