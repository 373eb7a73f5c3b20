"""The index page's computation over 200,000 responses, against a raw SQL floor over the tally table in the same run.

Generates the responses with bulk inserts (the inpatient form Mẫu 1, 5 facilities × 2 campaigns, spread over a
year, answers drawn so that rates land around 85–95 %), folds them into the tallies, then times:
- measured: `index_report` for the year (every item, section, factor, overall, comprehensive, expectation, would
  return, the previous year and the 12-month trend) plus `facility_rows`, as the index page computes them;
- floor: one raw SQL aggregate over the item tally table and one over the response tally table (the least that
  can give the same figures);
- for context, the same figures folded from the Response rows without tallies, and the one-off full fold.
Usage: `.venv/bin/python bench/surveys_indices.py [--count 200000] [--smoke]`.
"""

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_MS = 500


def setup(directory: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(count: int) -> tuple[Any, Any]:
    """Campaigns and `count` responses (bulk insert); returns the instrument and a department viewer."""
    from cchc.org.choices import Role, UnitKind
    from cchc.org.services import person_create, unit_create
    from cchc.surveys.answers import answers_derive, version_schema
    from cchc.surveys.choices import CampaignStatus
    from cchc.surveys.models.collection import Campaign, Response
    from cchc.surveys.models.instruments import InstrumentVersion

    department = unit_create(actor=None, code="SYT", name="Sở Y tế", kind="department")
    viewer = person_create(
        actor=None, username="focal", full_name="Đầu mối", email="f@bench.test", unit=department,
        roles=[Role.OFFICE_FOCAL], password=uuid.uuid4().hex,
    )  # fmt: skip
    version = InstrumentVersion.objects.filter(instrument__code="BYT-M1", is_published=True).latest("number")
    schema = version_schema(version)
    campaigns = []
    for number in range(5):
        facility = unit_create(
            actor=None, code=f"BV{number}", name=f"Bệnh viện {number}", kind=UnitKind.SUBORDINATE, parent=department
        )
        for half in range(2):
            campaigns.append(
                Campaign.objects.create(
                    code=f"bv{number}-{half}",
                    name=f"Đợt {half + 1} BV {number}",
                    instrument_version=version,
                    facility=facility,
                    service_name="Khoa Nội",
                    starts_on=datetime.date(2026, 1, 1),
                    ends_on=datetime.date(2026, 12, 31),
                    target_sample=5000,
                    status=CampaignStatus.OPEN,
                    created_by=viewer,
                )
            )
    generator = random.Random(2026)
    likert = [item for item in schema.items if item.kind == "likert"]
    choices = [item for item in schema.items if item.kind in ("single_choice", "yes_no") and not item.condition_item]
    start = datetime.datetime(2026, 1, 1, 1, tzinfo=datetime.UTC)
    batch: list[Response] = []
    for index in range(count):
        campaign = campaigns[index % len(campaigns)]
        answers: dict[str, Any] = {}
        for item in likert:
            roll = generator.random()
            if roll < 0.04:
                continue
            answers[item.code] = 0 if roll < 0.08 else generator.choices([1, 2, 3, 4, 5], [1, 2, 6, 45, 46])[0]
        for item in choices:
            answers[item.code] = (
                generator.choice([1, 0]) if item.kind == "yes_no" else generator.choice([v for v, _l in item.options])
            )
        for item in schema.items:
            if item.purpose == "expectation":
                answers[item.code] = generator.choice([70, 80, 90, 100])
        derived = answers_derive(schema, answers)
        batch.append(
            Response(
                campaign=campaign,
                version=version,
                submitted_at=start + datetime.timedelta(seconds=index * 150),
                answers=answers,
                likert_answered=derived.likert_answered,
                likert_satisfied=derived.likert_satisfied,
                all_satisfied=derived.all_satisfied,
                expectation_pct=derived.expectation_pct,
                would_return=derived.would_return,
                respondent_group=derived.respondent_group,
                duplicate_key=uuid.uuid4().hex,
            )
        )
        if len(batch) == 5000:
            Response.objects.bulk_create(batch)
            batch = []
    Response.objects.bulk_create(batch)
    return version.instrument, viewer


def floor_sql(campaign_ids: list[int]) -> tuple[list[Any], list[Any]]:
    from django.db import connection

    marks = ",".join("%s" for _id in campaign_ids)
    with connection.cursor() as cursor:
        item_sql = (
            "SELECT item_code, SUM(count_0), SUM(count_1), SUM(count_2), SUM(count_3), SUM(count_4), SUM(count_5) "  # noqa: S608
            f"FROM surveys_itemtally WHERE campaign_id IN ({marks}) AND month BETWEEN %s AND %s GROUP BY item_code"
        )
        cursor.execute(item_sql, [*campaign_ids, "2026-01-01", "2026-12-31"])
        items = cursor.fetchall()
        response_sql = (
            "SELECT SUM(responses), SUM(likert_respondents), SUM(all_satisfied), SUM(expectation_sum), "  # noqa: S608
            f"SUM(expectation_count) FROM surveys_responsetally WHERE campaign_id IN ({marks}) "
            "AND month BETWEEN %s AND %s"
        )
        cursor.execute(response_sql, [*campaign_ids, "2026-01-01", "2026-12-31"])
        totals = cursor.fetchall()
    return items, totals


def best_of(runs: int, action: Any) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _run in range(runs):
        began = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - began)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--smoke", action="store_true", help="a short run that records nothing")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as folder:
        setup(Path(folder))
        from cchc.surveys.indices import Period, calendar_period
        from cchc.surveys.models.collection import Campaign
        from cchc.surveys.report_selectors import IndexFilter, counters_total, facility_rows, index_report
        from cchc.surveys.tally_services import tallies_refresh

        began = time.perf_counter()
        instrument, viewer = generate(options.count)
        generated = time.perf_counter() - began
        folded, _result = best_of(1, lambda: tallies_refresh(now=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)))
        year = IndexFilter(instrument=instrument, period=calendar_period("year", 2026))
        ids = list(Campaign.objects.values_list("pk", flat=True))

        def page() -> Any:
            report = index_report(user=viewer, filters=year, today=datetime.date(2026, 12, 31))
            assert report is not None
            facility_rows(user=viewer, filters=year, spec=report.spec)
            return report

        measured, report = best_of(5, page)
        floor, _rows = best_of(5, lambda: floor_sql(ids))
        # A period not on month boundaries is folded from the Response rows: what the page would cost without tallies.
        unaligned = Period("dates", datetime.date(2025, 12, 31), datetime.date(2026, 12, 31))
        rows_only, _counters = best_of(1, lambda: counters_total(ids, unaligned))
        rate = report.indices.overall.rate.value
        print(
            f"generated {options.count:,} in {generated:.1f} s; full fold {folded:.2f} s; "
            f"index page {measured * 1000:.1f} ms; floor {floor * 1000:.2f} ms; "
            f"from rows without tallies {rows_only:.2f} s; overall rate {rate:.1f} %"
        )
        if options.smoke:
            return
        verdict = "meets" if measured * 1000 <= TARGET_MS else "misses"
        line = (
            f"| {datetime.date.today():%Y-%m-%d} | surveys_indices | {options.count:,} responses, 10 campaigns, "
            f"Mẫu 1 | floor {floor * 1000:.1f} ms (raw SQL over the tallies) | index page {measured * 1000:.0f} ms "
            f"(rows without tallies {rows_only:.1f} s; full fold {folded:.1f} s, once) | "
            f"ratio {measured / floor:.1f} | {verdict} target ≤ {TARGET_MS} ms |"
        )
        print(line)
        with (ROOT / "bench" / "RESULTS.md").open("a") as handle:
            handle.write(line + "\n")


if __name__ == "__main__":
    main()
