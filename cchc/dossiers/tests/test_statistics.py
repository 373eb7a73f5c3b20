"""Statistics from the summary table: each figure on a hand-made set, periods, drill-down, refresh, permissions."""

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from cchc.dossiers.choices import ApologyStatus, DossierStatus, Timeliness
from cchc.dossiers.models import Apology, Dossier
from cchc.dossiers.models.statistics import DossierStat
from cchc.dossiers.stat_selectors import FIGURES, dossier_home_figures, measure_dossiers, stat_table
from cchc.dossiers.statistics import PeriodKind, dossier_stats_rebuild, dossier_stats_refresh, period_for
from cchc.procedures.tests.factories import procedure_for_tests
from conftest import Org

from .stat_factories import dossier_make, moment

LATER = moment("01/06/2026")  # "now" for a period long over
Q1 = period_for(PeriodKind.QUARTER, 2025, 1)
EXPECTED = {
    "carried": 2,
    "new_online": 1,
    "new_direct": 6,
    "new_postal": 1,
    "received_total": 10,
    "finished_early": 1,
    "finished_on_time": 2,
    "finished_late": 1,
    "in_progress_within": 2,
    "in_progress_overdue": 2,
    "supplement": 1,
    "refused": 1,
    "withdrawn": 1,
    "paid_online": 1,
    "digitized_input": 1,
    "electronic_result": 1,
    "apologized_late": 1,
}


def build_set(org: Org) -> None:
    """Eleven dossiers whose every figure for the first quarter of 2025 is counted by hand (see EXPECTED)."""
    cosmetics = procedure_for_tests(resolving_unit=org.medical, time_limit_days=5)
    clinic = procedure_for_tests(
        resolving_unit=org.hospital, code="1.002000.H38", name="Cấp phép hoạt động", field_name="Khám bệnh"
    )
    desk = org.one_stop
    make = dossier_make
    finished = DossierStatus.RETURNED
    make(code="D1", procedure=cosmetics, desk=desk, received_at=moment("10/12/2024"), due_at=moment("20/01/2025"),
         status=finished, finished_at=moment("15/01/2025"), timeliness=Timeliness.ON_TIME)  # fmt: skip
    make(code="D2", procedure=cosmetics, desk=desk, received_at=moment("20/12/2024"), due_at=moment("10/01/2025"))
    make(code="D3", procedure=cosmetics, desk=desk, received_at=moment("05/01/2025"), due_at=moment("12/01/2025"),
         channel="online", status=finished, finished_at=moment("10/01/2025"), timeliness=Timeliness.EARLY,
         fee_amount=Decimal(6_000_000), paid_online=True, digitized_input=True, electronic_result=True)  # fmt: skip
    late = make(code="D4", procedure=cosmetics, desk=desk, received_at=moment("06/01/2025"),
                due_at=moment("13/01/2025"), status=finished, finished_at=moment("20/02/2025"),
                timeliness=Timeliness.LATE)  # fmt: skip
    Apology.objects.create(dossier=late, reason="Chờ ý kiến liên ngành", new_appointment_at=moment("20/02/2025"),
                           status=ApologyStatus.ISSUED)  # fmt: skip
    make(code="D5", procedure=cosmetics, desk=desk, received_at=moment("07/01/2025"), due_at=moment("14/01/2025"),
         channel="postal", status=DossierStatus.REFUSED, finished_at=moment("08/01/2025"))  # fmt: skip
    make(code="D6", procedure=cosmetics, desk=desk, received_at=moment("08/01/2025"), due_at=moment("15/01/2025"),
         status=DossierStatus.WITHDRAWN, finished_at=moment("09/01/2025"))  # fmt: skip
    make(code="D7", procedure=cosmetics, desk=desk, received_at=moment("10/03/2025"), due_at=moment("15/04/2025"),
         status=DossierStatus.SUPPLEMENT_REQUESTED)  # fmt: skip
    make(code="D8", procedure=cosmetics, desk=desk, received_at=moment("15/03/2025"), due_at=moment("10/04/2025"),
         status=finished, finished_at=moment("05/04/2025"), timeliness=Timeliness.ON_TIME)  # fmt: skip
    make(code="D9", procedure=cosmetics, desk=desk, received_at=moment("20/02/2025"), due_at=moment("25/03/2025"),
         status=finished, finished_at=moment("25/04/2025"), timeliness=Timeliness.LATE)  # fmt: skip
    make(code="D10", procedure=cosmetics, desk=desk, received_at=moment("02/04/2025"), due_at=moment("09/04/2025"))
    make(code="D11", procedure=clinic, desk=desk, received_at=moment("10/02/2025"), due_at=moment("20/02/2025"),
         status=finished, finished_at=moment("12/02/2025"), timeliness=Timeliness.ON_TIME)  # fmt: skip
    dossier_stats_rebuild()


@pytest.fixture
def hand_made(org: Org) -> Org:
    build_set(org)
    return org


def test_each_figure_of_the_quarter_matches_the_hand_count(hand_made: Org) -> None:
    table = stat_table(user=hand_made.office_focal, period=Q1, group_by="handling_unit", filters={}, now=LATER)
    assert {key: table.total.values[key] for key in EXPECTED} == EXPECTED
    assert not table.live
    rates = table.total.rates
    assert rates["on_time_rate"] == Decimal("75.00")  # 3 of 4 finished
    assert rates["online_rate"] == Decimal("12.50")  # 1 of 8 new
    assert rates["paid_online_rate"] == Decimal("100.00")  # the only fee-bearing one
    assert rates["apology_rate"] == Decimal("100.00")
    by_unit = {row.label.split(" — ")[0]: row.values["received"] for row in table.rows}
    assert by_unit == {"NVY": 7, "BVDK": 1}


def test_every_figure_drills_down_to_exactly_its_dossiers(hand_made: Org) -> None:
    user = hand_made.office_focal
    table = stat_table(user=user, period=Q1, group_by="handling_unit", filters={}, now=LATER)
    for key in FIGURES:
        listed = measure_dossiers(user=user, measure=key, period=Q1, filters={}, now=LATER)
        assert listed.count() == table.total.values[key], key
        for row in table.rows:
            in_row = measure_dossiers(
                user=user, measure=key, period=Q1, filters={"handling_unit": row.key}, now=LATER
            ).count()
            assert in_row == row.values[key], (key, row.label)
    carried = measure_dossiers(user=user, measure="carried", period=Q1, filters={}, now=LATER)
    assert sorted(carried.values_list("code", flat=True)) == ["D1", "D2"]


def test_a_period_not_over_counts_in_progress_now_and_drills_down_alike(hand_made: Org) -> None:
    now = moment("15/03/2025", "12:00")
    user = hand_made.office_focal
    table = stat_table(user=user, period=Q1, group_by=None, filters={}, now=now)
    assert table.live
    # Open now (by status): D2 (due 10/01, overdue), D7 (supplement, due 15/04), D10 (due 09/04).
    assert (table.total.values["in_progress_overdue"], table.total.values["in_progress_within"]) == (1, 2)
    for key in ("in_progress_within", "in_progress_overdue"):
        assert (
            measure_dossiers(user=user, measure=key, period=Q1, filters={}, now=now).count() == table.total.values[key]
        )


def test_reporting_windows_run_from_the_15th() -> None:
    first = period_for(PeriodKind.WINDOW_QUARTER, 2025, 1)
    assert (first.start, first.last_day) == (datetime.date(2024, 12, 15), datetime.date(2025, 3, 14))
    second = period_for(PeriodKind.WINDOW_QUARTER, 2025, 2)
    assert (second.start, second.last_day) == (datetime.date(2025, 3, 15), datetime.date(2025, 6, 14))
    year = period_for(PeriodKind.WINDOW_YEAR, 2025)
    assert (year.start, year.last_day) == (datetime.date(2024, 12, 15), datetime.date(2025, 12, 14))
    december = period_for(PeriodKind.MONTH, 2025, 12)
    assert (december.start, december.end) == (datetime.date(2025, 12, 1), datetime.date(2026, 1, 1))


def test_a_reporting_window_counts_by_its_own_days(hand_made: Org) -> None:
    window = period_for(PeriodKind.WINDOW_QUARTER, 2025, 1)  # 15/12/2024 – 14/03/2025
    table = stat_table(user=hand_made.office_focal, period=window, group_by=None, filters={}, now=LATER)
    # New: D2 (20/12/2024), D3–D6 (January), D11 (10/02), D9 (20/02), D7 (10/03); D1 (10/12/2024) carried over;
    # D8 (15/03) belongs to the next window.
    assert table.total.values["carried"] == 1
    assert table.total.values["new_total"] == 8
    listed = measure_dossiers(user=hand_made.office_focal, measure="new_total", period=window, filters={}, now=LATER)
    assert "D2" in set(listed.values_list("code", flat=True))


def test_refresh_counts_changed_dossiers_and_is_safe_to_run_twice(hand_made: Org) -> None:
    dossier_stats_refresh()
    before = list(DossierStat.objects.order_by("pk").values())
    assert dossier_stats_refresh() >= 0
    Dossier.objects.filter(code="D2").update(
        status=DossierStatus.RETURNED,
        finished_at=moment("05/02/2025"),
        timeliness=Timeliness.LATE,
        updated_at=moment("01/06/2026"),
    )
    dossier_stats_refresh()
    dossier_stats_refresh()
    table = stat_table(user=hand_made.office_focal, period=Q1, group_by=None, filters={}, now=LATER)
    assert table.total.values["finished_late"] == 2
    assert table.total.values["in_progress_overdue"] == 1
    assert before != list(DossierStat.objects.order_by("pk").values())


def test_a_unit_sees_only_the_figures_of_its_dossiers(hand_made: Org) -> None:
    room = stat_table(user=hand_made.room_head, period=Q1, group_by=None, filters={}, now=LATER)
    hospital = stat_table(user=hand_made.hospital_staff, period=Q1, group_by=None, filters={}, now=LATER)
    assert room.total.values["new_total"] == 7 and hospital.total.values["new_total"] == 1
    listed = measure_dossiers(user=hand_made.hospital_staff, measure="new_total", period=Q1, filters={}, now=LATER)
    assert list(listed.values_list("code", flat=True)) == ["D11"]


def test_home_figures_give_the_years_rates(hand_made: Org) -> None:
    figures = dossier_home_figures(user=hand_made.leader, year=2025, now=LATER)
    # 2025: finished D1, D3, D4, D8, D9, D11 → in time D1, D3, D8, D11 = 4 of 6; online 1 of 9 new.
    assert figures == {"on_time_rate": Decimal("66.67"), "online_rate": Decimal("11.11")}


# ---- Pages ----

QUERY = {"kind": "quarter", "year": "2025", "number": "1", "group_by": "handling_unit"}


def test_office_focal_sees_the_statistics_page_with_links_to_each_figure(
    hand_made: Org, client_for: Callable[..., Client]
) -> None:
    response = client_for(hand_made.office_focal).get("/dossiers/statistics/", QUERY)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tổng cộng" in body and "measure=carried" in body


def test_statistics_export_is_an_xlsx_of_the_same_table(hand_made: Org, client_for: Callable[..., Client]) -> None:
    response = client_for(hand_made.office_focal).get("/dossiers/statistics/", {**QUERY, "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_drill_down_page_lists_the_dossiers_of_a_figure(hand_made: Org, client_for: Callable[..., Client]) -> None:
    client = client_for(hand_made.office_focal)
    response = client.get("/dossiers/statistics/dossiers/", {**QUERY, "measure": "carried"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 2
    export = client.get("/dossiers/statistics/dossiers/", {**QUERY, "measure": "carried", "export": "xlsx"})
    assert export.status_code == 200
    assert client.get("/dossiers/statistics/dossiers/", {**QUERY, "measure": "nope"}).status_code == 400


def test_drill_down_is_restricted_to_the_users_units(hand_made: Org, client_for: Callable[..., Client]) -> None:
    response = client_for(hand_made.hospital_staff).get(
        "/dossiers/statistics/dossiers/", {**QUERY, "measure": "new_direct"}
    )
    assert [dossier.code for dossier in response.context["page"]] == ["D11"]


def test_someone_outside_every_unit_may_not_see_statistics(org: Org, client_for: Callable[..., Client]) -> None:
    client = client_for(org.outsider)
    assert client.get("/dossiers/statistics/").status_code == 403
    assert client.get("/dossiers/statistics/dossiers/", {"measure": "carried"}).status_code == 403


def test_anonymous_is_sent_to_sign_in(org: Org, client_for: Callable[..., Client]) -> None:
    client = client_for(None)
    for path in ("/dossiers/statistics/", "/dossiers/statistics/dossiers/", "/dossiers/statistics/indicators/"):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
