"""Smoke tests of the survey benchmarks with tiny sizes: their requests and queries still fit the product.

They assert no timings (benchmarks record those in bench/RESULTS.md).
"""

import datetime
import random

import pytest
from django.db import connection
from django.test import Client, override_settings

from bench import surveys_indices, surveys_submit
from bench.surveys_urls import FLOOR_TABLE, floor_table_create
from cchc.surveys.answers import version_schema
from cchc.surveys.choices import CampaignStatus
from cchc.surveys.indices import calendar_period
from cchc.surveys.models.collection import Campaign, Response
from cchc.surveys.models.instruments import InstrumentVersion
from cchc.surveys.report_selectors import IndexFilter, index_report
from cchc.surveys.tally_services import tallies_refresh


def test_submission_bench_posts_answers_the_public_form_accepts(org) -> None:  # type: ignore[no-untyped-def]
    version = InstrumentVersion.objects.filter(instrument__code="BYT-M2", is_published=True).latest("number")
    today = datetime.date.today()
    Campaign.objects.create(
        code="bench", name="Bench", instrument_version=version, facility=org.hospital, created_by=org.office_focal,
        starts_on=today - datetime.timedelta(days=1), ends_on=today + datetime.timedelta(days=1),
        status=CampaignStatus.OPEN,
    )  # fmt: skip
    schema = version_schema(version)
    questions = [
        (item.code, [str(value) for value in range(1, 6)] if item.kind == "likert" else [v for v, _l in item.options])
        for item in schema.items
        if item.kind in ("likert", "single_choice") and not item.condition_item
    ]
    client = Client()
    for index in range(3):
        body = surveys_submit.body(questions, "token", random.Random(index))  # noqa: S311
        reply = client.post(
            "/khao-sat/bench/", body, content_type="application/x-www-form-urlencoded", HTTP_USER_AGENT=f"phone-{index}"
        )
        assert reply.status_code == 302
    assert Response.objects.filter(campaign__code="bench").count() == 3


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="bench.surveys_urls")
def test_submission_floor_does_one_insert() -> None:
    floor_table_create()
    reply = Client().post("/bench-floor/", "q-A1=5", content_type="application/x-www-form-urlencoded")
    assert reply.status_code == 204
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT body FROM {FLOOR_TABLE}")  # noqa: S608 - a constant name
        assert cursor.fetchall() == [("q-A1=5",)]


@pytest.mark.django_db
def test_index_bench_generates_responses_and_its_floor_agrees() -> None:
    instrument, viewer = surveys_indices.generate(60)
    tallies_refresh(now=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC))
    report = index_report(user=viewer, filters=IndexFilter(instrument=instrument, period=calendar_period("year", 2026)))
    assert report is not None and report.indices.responses == 60
    items, totals = surveys_indices.floor_sql(list(Campaign.objects.values_list("pk", flat=True)))
    assert totals[0][0] == 60
    counted = {item.code for item in report.spec.counted_items()}
    satisfied = sum(row[5] + row[6] for row in items if row[0] in counted)
    assert satisfied == report.indices.overall.rate.successes
