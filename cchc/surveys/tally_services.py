"""Folding responses into the tallies: incremental by response id, in a transaction, safe to run twice.

The cursor row is locked for the whole fold, so two refreshes never fold the same responses. Responses newer
than a few seconds are left for the next run: on PostgreSQL a response can commit after one with a higher id,
and folding only settled rows keeps the cursor from jumping over one still in flight. The index pages add the
responses after the cursor on the fly, so nothing is ever missing from a figure.

These writes are derived data (the responses stay the record), so they leave no audit row.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .indices import Counters, ResponseFacts, fold_response
from .models.collection import Response
from .models.tallies import ItemTally, ResponseTally, TallyCursor

CURSOR_NAME = "responses"
BATCH_SIZE = 5000
# Responses younger than this wait for the next run (setting CCHC_SURVEY_TALLY_SETTLE_SECONDS).
SETTLE_SECONDS = 5
FACT_FIELDS = ("pk", "campaign_id", "submitted_at", "answers", "likert_answered", "all_satisfied",
               "expectation_pct", "would_return")  # fmt: skip
Key = tuple[int, datetime.date]


@dataclass(frozen=True)
class RefreshResult:
    folded: int
    last_response_id: int

    def as_dict(self) -> dict[str, int]:
        return {"folded": self.folded, "last_response_id": self.last_response_id}


def month_of(moment: datetime.datetime) -> datetime.date:
    """The first day of the month a moment falls in, in local time."""
    return timezone.localtime(moment).date().replace(day=1)


def facts_of(row: dict[str, Any]) -> ResponseFacts:
    return ResponseFacts(
        answers=row["answers"] or {},
        likert_answered=row["likert_answered"],
        all_satisfied=row["all_satisfied"],
        expectation_pct=row["expectation_pct"],
        would_return=row["would_return"],
    )


def fold_by_campaign_month(rows: Iterable[dict[str, Any]]) -> dict[Key, Counters]:
    """The counters of each (campaign, month) the rows fall in."""
    grouped: dict[Key, Counters] = defaultdict(Counters)
    for row in rows:
        fold_response(grouped[(row["campaign_id"], month_of(row["submitted_at"]))], facts_of(row))
    return grouped


def _settled(rows: list[dict[str, Any]], cutoff: datetime.datetime) -> list[dict[str, Any]]:
    """The rows up to (not including) the first one submitted after the cutoff, so the cursor stays gap-free."""
    for index, row in enumerate(rows):
        if row["submitted_at"] > cutoff:
            return rows[:index]
    return rows


def _add_item_tallies(grouped: dict[Key, Counters]) -> None:
    """Add the histograms with one upsert statement per row (the same SQL on SQLite and PostgreSQL).

    An ORM read-modify-write (bulk_update) spent seconds per batch building CASE expressions; the upsert adds
    in the database and keeps each row's counts exact even without the cursor lock.
    """
    table = connection.ops.quote_name(ItemTally._meta.db_table)
    counts = ", ".join(f"count_{value}" for value in range(6))
    additions = ", ".join(f"count_{value} = {table}.count_{value} + excluded.count_{value}" for value in range(6))
    sql = (
        f"INSERT INTO {table} (campaign_id, month, item_code, {counts}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "  # noqa: S608 - names from the model, values as parameters
        f"ON CONFLICT (campaign_id, month, item_code) DO UPDATE SET {additions}"
    )
    rows = [
        (campaign, connection.ops.adapt_datefield_value(month), code, *histogram)
        for (campaign, month), counters in grouped.items()
        for code, histogram in counters.items.items()
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


RESPONSE_SUMS = ("responses", "likert_respondents", "all_satisfied", "expectation_sum", "expectation_count")


def _add_response_tallies(grouped: dict[Key, Counters]) -> None:
    campaigns = {campaign for campaign, _month in grouped}
    existing = {
        (tally.campaign_id, tally.month): tally
        for tally in ResponseTally.objects.filter(campaign_id__in=campaigns, month__in={m for _c, m in grouped})
    }
    changed, created = [], []
    for (campaign, month), counters in grouped.items():
        tally = existing.get((campaign, month))
        if tally is None:
            tally = ResponseTally(campaign_id=campaign, month=month, would_return={})
            created.append(tally)
        else:
            changed.append(tally)
        for name in RESPONSE_SUMS:
            setattr(tally, name, getattr(tally, name) + getattr(counters, name))
        merged = dict(tally.would_return)
        for value, count in counters.would_return.items():
            merged[value] = merged.get(value, 0) + count
        tally.would_return = merged
    ResponseTally.objects.bulk_create(created, batch_size=500)
    ResponseTally.objects.bulk_update(changed, [*RESPONSE_SUMS, "would_return"], batch_size=500)


def _refresh_batch(cutoff: datetime.datetime, batch_size: int) -> tuple[int, int, bool]:
    """Fold one batch; returns (folded, last id, whether more may be waiting)."""
    with transaction.atomic():
        cursor, _created = TallyCursor.objects.select_for_update().get_or_create(name=CURSOR_NAME)
        rows = list(
            Response.objects.filter(pk__gt=cursor.last_response_id).order_by("pk").values(*FACT_FIELDS)[:batch_size]
        )
        settled = _settled(rows, cutoff)
        if settled:
            grouped = fold_by_campaign_month(settled)
            _add_item_tallies(grouped)
            _add_response_tallies(grouped)
            cursor.last_response_id = settled[-1]["pk"]
        cursor.refreshed_at = timezone.now()
        cursor.save(update_fields=["last_response_id", "refreshed_at"])
        return len(settled), cursor.last_response_id, len(settled) == batch_size


def tallies_refresh(*, now: datetime.datetime | None = None, batch_size: int = BATCH_SIZE) -> RefreshResult:
    """Fold the responses submitted since the last run into the tallies (each response exactly once)."""
    settle = datetime.timedelta(seconds=getattr(settings, "CCHC_SURVEY_TALLY_SETTLE_SECONDS", SETTLE_SECONDS))
    cutoff = (now or timezone.now()) - settle
    last_id = tally_cursor()
    if not Response.objects.filter(pk__gt=last_id, submitted_at__lte=cutoff).exists():
        return RefreshResult(folded=0, last_response_id=last_id)  # nothing to fold: no write, no lock
    total, more = 0, True
    while more:
        folded, last_id, more = _refresh_batch(cutoff, batch_size)
        total += folded
    return RefreshResult(folded=total, last_response_id=last_id)


def tallies_rebuild(*, now: datetime.datetime | None = None) -> RefreshResult:
    """Empty the tallies and fold every response again (after responses were deleted or corrected)."""
    with transaction.atomic():
        TallyCursor.objects.select_for_update().filter(name=CURSOR_NAME).update(last_response_id=0)
        ItemTally.objects.all().delete()
        ResponseTally.objects.all().delete()
    return tallies_refresh(now=now)


def tally_cursor() -> int:
    """The id of the last response already in the tallies."""
    cursor = TallyCursor.objects.filter(name=CURSOR_NAME).values_list("last_response_id", flat=True).first()
    return cursor or 0
