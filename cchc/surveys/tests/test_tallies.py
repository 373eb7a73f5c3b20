"""The tallies: folded incrementally, each response exactly once, whatever the number of runs."""

import datetime
from typing import Any

from cchc.surveys.models.tallies import ItemTally, ResponseTally
from cchc.surveys.tally_services import tallies_rebuild, tallies_refresh, tally_cursor
from cchc.surveys.tasks import survey_tallies_refresh

from .test_reports_data import add_response, at, build_survey

LATER = at(2027, 1)


def snapshot() -> tuple[list[Any], list[Any]]:
    items = list(
        ItemTally.objects.order_by("campaign_id", "month", "item_code").values_list(
            "campaign_id", "month", "item_code", "count_0", "count_1", "count_2", "count_3", "count_4", "count_5"
        )
    )
    responses = list(
        ResponseTally.objects.order_by("campaign_id", "month").values_list(
            "campaign_id",
            "month",
            "responses",
            "likert_respondents",
            "all_satisfied",
            "expectation_sum",
            "expectation_count",
            "would_return",
        )
    )
    return items, responses


def test_refresh_folds_every_response_into_its_campaign_and_month(org) -> None:  # type: ignore[no-untyped-def]
    data = build_survey(org.hospital, org.one_stop)
    result = tallies_refresh(now=LATER)
    assert result.folded == 7
    march = ResponseTally.objects.get(campaign=data.campaign, month=datetime.date(2026, 3, 1))
    assert (march.responses, march.likert_respondents, march.all_satisfied) == (4, 3, 1)
    assert (march.expectation_sum, march.expectation_count) == (140, 2)
    assert march.would_return == {"yes": 2, "maybe": 1}
    a1 = ItemTally.objects.get(campaign=data.campaign, month=datetime.date(2026, 3, 1), item_code="A1")
    assert a1.histogram() == [1, 0, 1, 1, 0, 1]
    assert ItemTally.objects.get(campaign=data.campaign, month=datetime.date(2026, 2, 1), item_code="B1").count_5 == 2


def test_running_twice_changes_nothing(org) -> None:  # type: ignore[no-untyped-def]
    build_survey(org.hospital, org.one_stop)
    tallies_refresh(now=LATER)
    before = snapshot()
    again = tallies_refresh(now=LATER)
    assert again.folded == 0
    assert snapshot() == before


def test_a_response_added_between_runs_is_counted_once(org) -> None:  # type: ignore[no-untyped-def]
    data = build_survey(org.hospital, org.one_stop)
    tallies_refresh(now=LATER)
    added = add_response(data.campaign, {"A1": 4, "G2": "no"}, at(2026, 3, 20))
    assert tallies_refresh(now=LATER).folded == 1
    tallies_refresh(now=LATER)
    march = ResponseTally.objects.get(campaign=data.campaign, month=datetime.date(2026, 3, 1))
    assert march.responses == 5
    assert march.would_return == {"yes": 2, "maybe": 1, "no": 1}
    assert ItemTally.objects.get(campaign=data.campaign, month=datetime.date(2026, 3, 1), item_code="A1").count_4 == 1
    assert tally_cursor() == added.pk


def test_small_batches_give_the_same_tallies(org) -> None:  # type: ignore[no-untyped-def]
    build_survey(org.hospital, org.one_stop)
    tallies_refresh(now=LATER, batch_size=2)
    batched = snapshot()
    tallies_rebuild(now=LATER)
    assert snapshot() == batched


def test_responses_still_settling_wait_for_the_next_run(org) -> None:  # type: ignore[no-untyped-def]
    data = build_survey(org.hospital, org.one_stop)
    tallies_refresh(now=LATER)
    fresh = add_response(data.campaign, {"A1": 5}, at(2026, 4, 1, 10))
    assert tallies_refresh(now=fresh.submitted_at).folded == 0
    assert tally_cursor() < fresh.pk
    assert tallies_refresh(now=fresh.submitted_at + datetime.timedelta(minutes=1)).folded == 1


def test_rebuild_after_a_deletion_forgets_the_deleted_response(org) -> None:  # type: ignore[no-untyped-def]
    data = build_survey(org.hospital, org.one_stop)
    tallies_refresh(now=LATER)
    data.other_campaign.responses.all().delete()
    tallies_rebuild(now=LATER)
    assert not ResponseTally.objects.filter(campaign=data.other_campaign).exists()
    assert ResponseTally.objects.get(campaign=data.campaign, month=datetime.date(2026, 3, 1)).responses == 4


def test_periodic_job_runs_the_refresh(org) -> None:  # type: ignore[no-untyped-def]
    build_survey(org.hospital, org.one_stop)
    result = survey_tallies_refresh.call()
    assert result["folded"] == 7
