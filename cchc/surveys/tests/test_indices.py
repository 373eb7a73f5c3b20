"""The indices on response sets computed by hand (pure functions and through the tallies)."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.test import override_settings

from cchc.core.measurements import indicator_measure
from cchc.surveys.indices import (
    Counters,
    Period,
    Rate,
    ResponseFacts,
    calendar_period,
    compute_indices,
    fold_responses,
    lowest_items,
    meets_target,
    wilson_interval,
)
from cchc.surveys.models.collection import Response
from cchc.surveys.models.instruments import Instrument
from cchc.surveys.report_selectors import (
    IndexFilter,
    facility_rows,
    group_items,
    group_rows,
    index_report,
    instrument_spec,
    response_list,
    satisfaction_rate_measured,
    sipas_index_measured,
    text_answer_list,
)
from cchc.surveys.tally_services import tallies_refresh

from .test_reports_data import COUNTED, HAND_SET, at, build_instrument, build_survey

MARCH = calendar_period("month", 2026, 3)
LATER = at(2027, 1)


def hand_facts() -> list[ResponseFacts]:
    facts = []
    for answers in HAND_SET:
        counted = [answers[code] for code in COUNTED if answers.get(code) in (1, 2, 3, 4, 5)]
        satisfied = sum(1 for value in counted if value >= 4)
        facts.append(
            ResponseFacts(
                answers=answers,
                likert_answered=len(counted),
                all_satisfied=bool(counted) and satisfied == len(counted),
                expectation_pct=answers.get("G1"),
                would_return=answers.get("G2", ""),
            )
        )
    return facts


@pytest.fixture
def spec(db: None):  # type: ignore[no-untyped-def]
    return instrument_spec(build_instrument().instrument)


def test_item_rates_exclude_not_used_and_skipped_answers(spec) -> None:  # type: ignore[no-untyped-def]
    indices = compute_indices(spec, fold_responses(hand_facts()))
    items = {item.spec.code: item.score for item in indices.items()}
    assert items["A1"].histogram == (1, 0, 1, 1, 0, 1)
    assert (items["A1"].rate.successes, items["A1"].rate.total) == (1, 3)
    assert items["A1"].mean == pytest.approx(10 / 3)
    assert items["A2"].not_used == 2
    assert items["A2"].rate.value == 100
    assert items["A2"].mean == 4.5
    assert items["B1"].rate.total == 3  # one response skipped B1
    assert items["B2"].rate.value == 0


def test_section_overall_and_factor_index_pool_counted_items_only(spec) -> None:  # type: ignore[no-untyped-def]
    indices = compute_indices(spec, fold_responses(hand_facts()))
    sections = {section.spec.code: section.score for section in indices.sections}
    assert sections["A"].rate.value == 60
    assert sections["A"].mean == pytest.approx(3.8)
    assert sections["B"].rate.value == 100  # B2 does not count
    assert (indices.overall.rate.successes, indices.overall.rate.total) == (6, 8)
    assert indices.overall.rate.value == 75
    assert indices.overall.mean == 4.0
    assert indices.factor_index == 80
    assert [section.spec.code for section in indices.factors] == ["A", "B"]


def test_comprehensive_expectation_and_would_return(spec) -> None:  # type: ignore[no-untyped-def]
    indices = compute_indices(spec, fold_responses(hand_facts()))
    assert indices.responses == 4
    # Three respondents answered a counted item 1–5; only the first was satisfied with all of them.
    assert (indices.comprehensive.successes, indices.comprehensive.total) == (1, 3)
    assert indices.expectation_mean == 70
    assert indices.expectation_count == 2
    shares = {share.value: share.rate for share in indices.would_return}
    assert shares["yes"].value == pytest.approx(200 / 3)
    assert shares["maybe"].value == pytest.approx(100 / 3)
    assert shares["no"].value == 0
    assert [share.label for share in indices.would_return] == ["Chắc chắn quay lại", "Có thể", "Không quay lại"]


def test_no_answers_give_no_rate_rather_than_zero(spec) -> None:  # type: ignore[no-untyped-def]
    indices = compute_indices(spec, Counters())
    assert indices.overall.rate.value is None
    assert indices.overall.mean is None
    assert indices.comprehensive.value is None
    assert indices.expectation_mean is None
    assert indices.factor_index is None
    assert Rate(0, 0).interval is None


def test_wilson_interval_matches_the_textbook_values() -> None:
    low, high = wilson_interval(6, 8)  # type: ignore[misc]
    assert low == pytest.approx(40.93, abs=0.01)
    assert high == pytest.approx(92.85, abs=0.01)
    low, high = wilson_interval(10, 10)  # type: ignore[misc]
    assert high == pytest.approx(100)
    assert low == pytest.approx(72.25, abs=0.01)
    assert wilson_interval(0, 0) is None


def test_lowest_items_are_the_improvement_list(spec) -> None:  # type: ignore[no-untyped-def]
    indices = compute_indices(spec, fold_responses(hand_facts()))
    assert [item.spec.code for item in lowest_items(indices, count=2)] == ["A1", "B1"]


def test_target_is_strictly_above() -> None:
    assert meets_target(90.0, 90) is False
    assert meets_target(90.1, 90) is True
    assert meets_target(None, 90) is None


def test_previous_period_has_the_same_length() -> None:
    assert calendar_period("month", 2026, 1).previous() == Period(
        "month", datetime.date(2025, 12, 1), datetime.date(2025, 12, 31)
    )
    assert calendar_period("quarter", 2026, 5).previous() == Period(
        "quarter", datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)
    )
    assert calendar_period("year", 2026).previous().start == datetime.date(2025, 1, 1)
    free = Period("dates", datetime.date(2026, 3, 10), datetime.date(2026, 3, 19))
    assert free.previous() == Period("dates", datetime.date(2026, 2, 28), datetime.date(2026, 3, 9))
    assert calendar_period("quarter", 2026, 2).whole_months
    assert not free.whole_months


@pytest.mark.parametrize("refreshed", [False, True])
def test_report_gives_the_same_figures_from_tallies_or_rows(org, refreshed: bool) -> None:  # type: ignore[no-untyped-def]
    data = build_survey(org.hospital, org.one_stop)
    if refreshed:
        tallies_refresh(now=LATER)
    filters = IndexFilter(instrument=data.instrument, campaign=data.campaign, period=MARCH)
    report = index_report(user=org.office_focal, filters=filters, today=datetime.date(2026, 3, 31))
    assert report is not None
    assert report.indices.overall.rate.value == 75
    assert report.indices.comprehensive.value == pytest.approx(100 / 3)
    # February: two responses, all 5 → 100 %; March is 25 points lower.
    assert report.previous is not None and report.previous.overall.rate.value == 100
    assert report.change == -25
    assert [(point.month.month, point.rate.value) for point in report.trend] == [(2, 100), (3, 75)]
    assert report.below_sample  # 4 responses, target 10
    assert report.campaigns_below_sample == [(data.campaign, 4)]


def test_free_dates_are_folded_from_response_rows(org) -> None:  # type: ignore[no-untyped-def]
    data = build_survey(org.hospital, org.one_stop)
    tallies_refresh(now=LATER)
    period = Period("dates", datetime.date(2026, 2, 10), datetime.date(2026, 3, 20))
    report = index_report(user=org.office_focal, filters=IndexFilter(instrument=data.instrument, period=period))
    assert report is not None
    # March at the hospital 6 of 8, February 6 of 6, the other facility 0 of 3.
    assert report.indices.overall.rate.successes == 12
    assert report.indices.overall.rate.total == 17


def test_facility_staff_see_only_their_facility(org) -> None:  # type: ignore[no-untyped-def]
    data = build_survey(org.hospital, org.one_stop)
    filters = IndexFilter(instrument=data.instrument, period=MARCH)
    spec = instrument_spec(data.instrument)
    everything = facility_rows(user=org.office_focal, filters=filters, spec=spec)
    assert [(row.facility, row.indices.overall.rate.value) for row in everything] == [
        (str(org.hospital), 75),
        (str(org.one_stop), 0),
    ]
    own = facility_rows(user=org.hospital_staff, filters=filters, spec=spec)
    assert [row.facility for row in own] == [str(org.hospital)]
    assert facility_rows(user=org.outsider, filters=filters, spec=spec) == []


def test_respondent_group_breakdown(org) -> None:  # type: ignore[no-untyped-def]
    data = build_survey(org.hospital, org.one_stop)
    filters = IndexFilter(instrument=data.instrument, campaign=data.campaign, period=MARCH)
    (gender,) = group_items(instrument_spec(data.instrument))
    rows = {row.value: row for row in group_rows(user=org.office_focal, filters=filters, item=gender)}
    # Women: response 1 (3 of 3) and response 3 (nothing counted); men: 1 of 2 and 2 of 3.
    assert (rows["female"].label, rows["female"].responses, rows["female"].rate.value) == ("Nữ", 2, 100)
    assert rows["female"].comprehensive.value == 100
    assert (rows["male"].rate.successes, rows["male"].rate.total) == (3, 5)
    assert rows["male"].comprehensive.value == 0


def test_drill_down_lists_the_responses_behind_a_figure(org) -> None:  # type: ignore[no-untyped-def]
    data = build_survey(org.hospital, org.one_stop)
    filters = IndexFilter(instrument=data.instrument, campaign=data.campaign, period=MARCH)
    unsatisfied = response_list(user=org.office_focal, filters=filters, item_code="A1", answer="unsatisfied")
    assert [response.answers["A1"] for response in unsatisfied] == [2]
    assert response_list(user=org.office_focal, filters=filters, item_code="A1", answer="answered").count() == 3
    women = response_list(user=org.office_focal, filters=filters, group_item="I1", group_value="female")
    assert women.count() == 2
    assert response_list(user=org.hospital_staff, filters=IndexFilter(campaign=data.other_campaign)).count() == 0


def test_free_text_answers_are_searchable(org) -> None:  # type: ignore[no-untyped-def]
    data = build_survey(org.hospital, org.one_stop)
    filters = IndexFilter(instrument=data.instrument)
    assert text_answer_list(user=org.office_focal, filters=filters, codes=["T1"]).count() == 3
    found = text_answer_list(user=org.office_focal, filters=filters, codes=["T1"], search="tận tình")
    assert [response.answers["T1"] for response in found] == ["Bác sĩ tận tình"]
    unaccented = text_answer_list(user=org.office_focal, filters=filters, codes=["T1"], search="BAC SI  tan tinh")
    assert [response.answers["T1"] for response in unaccented] == ["Bác sĩ tận tình"]
    assert not text_answer_list(user=org.office_focal, filters=filters, codes=["T1"], search="tận tình chu đáo")
    assert text_answer_list(user=org.hospital_staff, filters=filters, codes=["T1"]).count() == 2


def test_responses_stored_before_the_search_field_get_their_free_text_folded(org) -> None:  # type: ignore[no-untyped-def]
    build_survey(org.hospital, org.one_stop)
    Response.objects.update(text_search="")
    fill_text_search = importlib.import_module("cchc.surveys.migrations.0003_response_text_search").fill_text_search
    fill_text_search(django_apps, None)
    assert set(Response.objects.exclude(text_search="").values_list("text_search", flat=True)) == {
        "phong cho qua nong",
        "bac si tan tinh",
        "cho lau",
    }


def test_measured_values_for_the_scorecard(org) -> None:  # type: ignore[no-untyped-def]
    data = build_survey(org.hospital, org.one_stop)
    # The year, both facilities: (6 + 6 + 0) satisfied of (8 + 6 + 3) answered.
    assert satisfaction_rate_measured(2026) == round(Decimal(12 * 100) / 17, 2)
    assert satisfaction_rate_measured(2026, org.hospital) == Decimal("85.71")
    assert satisfaction_rate_measured(2025) is None
    assert sipas_index_measured(2026) is None  # no administrative instrument
    Instrument.objects.filter(pk=data.instrument.pk).update(kind="administrative")
    # The hospital: factor A 7 of 9 (77.78 %), factor B 5 of 5 (100 %) → 88.89.
    assert sipas_index_measured(2026, org.hospital) == Decimal("88.89")


def test_the_scorecard_reads_the_rates_through_the_indicator_setting(org) -> None:  # type: ignore[no-untyped-def]
    build_survey(org.hospital, org.one_stop)
    with override_settings(CCHC_INDICATOR_PROVIDERS=["cchc.surveys.report_selectors.measured_indicators"]):
        assert indicator_measure("surveys.satisfaction_rate", 2026) == Decimal("70.59")
        assert indicator_measure("surveys.sipas_index", 2026) is None
