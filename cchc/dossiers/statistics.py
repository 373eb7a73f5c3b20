"""Periods of the statistics and the rebuild of the half-month summary table from the dossiers.

A dossier contributes to the summary at up to four moments (all on or after its reception):
- reception: received, the channel, fee-bearing, the flags (paid online, digitized, …), went through a supplement;
- closing (the moment of the result, refusal, withdrawal or stop; a closed dossier without that moment counts
  as closed when received): finished early / on time / late, refused, withdrawn, stopped, apology for late;
- its due moment (`due`), and the later of closing and due moment (`settled_due`).
So rebuilding every half-month from the one holding a dossier's reception on recounts all it ever touched.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import OPEN_STATUSES, ApologyStatus, DossierStatus, Timeliness
from .models import Apology, Dossier, DossierPause
from .models.statistics import DossierStat, DossierStatState

COUNT_FIELDS: tuple[str, ...] = (
    "received",
    "fee_bearing",
    "paid_online",
    "digitized_input",
    "digitized_result",
    "digitized_both",
    "electronic_result",
    "reused_data",
    "supplement",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "apologized_late",
    "refused",
    "withdrawn",
    "stopped",
    "closed",
    "due",
    "settled_due",
)
INDEX = {name: position for position, name in enumerate(COUNT_FIELDS)}
FINISHED_BY_TIMELINESS: dict[str, int] = {
    Timeliness.EARLY: INDEX["finished_early"],
    Timeliness.ON_TIME: INDEX["finished_on_time"],
    Timeliness.LATE: INDEX["finished_late"],
}
CLOSED_BY_STATUS: dict[str, int] = {
    DossierStatus.REFUSED: INDEX["refused"],
    DossierStatus.WITHDRAWN: INDEX["withdrawn"],
    DossierStatus.STOPPED: INDEX["stopped"],
}
STATE_NAME = "dossiers"
# A dossier saved while the refresh reads could carry a slightly earlier updated_at: read back this far.
REFRESH_OVERLAP = datetime.timedelta(minutes=5)


def local_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def bucket_of(day: datetime.date) -> datetime.date:
    """The half-month holding `day`: the 1st or the 15th of its month."""
    return day.replace(day=1 if day.day < 15 else 15)


def start_of(day: datetime.date) -> datetime.datetime:
    """Local midnight at the start of `day` (aware)."""
    return datetime.datetime(day.year, day.month, day.day, tzinfo=local_tz())


# ---- Periods ----


class PeriodKind:
    MONTH = "month"
    QUARTER = "quarter"
    WINDOW_QUARTER = "window_quarter"
    YEAR = "year"
    WINDOW_YEAR = "window_year"

    @staticmethod
    def choices() -> list[tuple[str, str]]:
        return [
            (PeriodKind.MONTH, _("Tháng")),
            (PeriodKind.QUARTER, _("Quý")),
            (PeriodKind.WINDOW_QUARTER, _("Kỳ báo cáo quý (15 → 14)")),
            (PeriodKind.YEAR, _("Năm")),
            (PeriodKind.WINDOW_YEAR, _("Kỳ báo cáo năm (15/12 → 14/12)")),
        ]


@dataclass(frozen=True)
class Period:
    """Days from `start` (included) to `end` (excluded); both on half-month boundaries."""

    kind: str
    year: int
    number: int
    start: datetime.date
    end: datetime.date

    @property
    def last_day(self) -> datetime.date:
        return self.end - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        span = f"{self.start:%d/%m/%Y} – {self.last_day:%d/%m/%Y}"
        names = {
            PeriodKind.MONTH: _("Tháng %(number)s/%(year)s"),
            PeriodKind.QUARTER: _("Quý %(number)s/%(year)s"),
            PeriodKind.WINDOW_QUARTER: _("Kỳ báo cáo quý %(number)s/%(year)s"),
            PeriodKind.YEAR: _("Năm %(year)s"),
            PeriodKind.WINDOW_YEAR: _("Kỳ báo cáo năm %(year)s"),
        }
        return f"{names[self.kind] % {'number': self.number, 'year': self.year}} ({span})"


def _month_start(year: int, month: int) -> datetime.date:
    while month > 12:
        year, month = year + 1, month - 12
    while month < 1:
        year, month = year - 1, month + 12
    return datetime.date(year, month, 1)


def period_for(kind: str, year: int, number: int = 1) -> Period:
    """A month (number 1–12), a quarter (1–4), a reporting window of a quarter (1–4) or of a year.

    The one-stop reporting window of quarter Q runs from the 15th of the last month of the previous quarter to
    the 14th of the last month of Q; the year's runs from 15/12 of the year before to 14/12.
    """
    if kind == PeriodKind.MONTH:
        return Period(kind, year, number, _month_start(year, number), _month_start(year, number + 1))
    if kind == PeriodKind.QUARTER:
        first = 3 * (number - 1) + 1
        return Period(kind, year, number, _month_start(year, first), _month_start(year, first + 3))
    if kind == PeriodKind.WINDOW_QUARTER:
        last = 3 * number
        return Period(
            kind, year, number, _month_start(year, last - 3).replace(day=15), _month_start(year, last).replace(day=15)
        )
    if kind == PeriodKind.WINDOW_YEAR:
        return Period(kind, year, 1, datetime.date(year - 1, 12, 15), datetime.date(year, 12, 15))
    return Period(PeriodKind.YEAR, year, 1, datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1))


# ---- Rebuild ----

_Key = tuple[datetime.date, int, int, int, str]


def _contributions(since: datetime.date | None) -> dict[_Key, list[int]]:
    """Counts per summary key for every half-month from `since` on (all when None), read in one pass."""
    tz = local_tz()
    start = start_of(since) if since is not None else None
    dossiers = Dossier.objects.order_by()
    if start is not None:
        dossiers = dossiers.filter(Q(received_at__gte=start) | Q(finished_at__gte=start) | Q(due_at__gte=start))
    paused = set(DossierPause.objects.values_list("dossier_id", flat=True))
    apologized = set(Apology.objects.filter(status=ApologyStatus.ISSUED).values_list("dossier_id", flat=True))
    counts: dict[_Key, list[int]] = defaultdict(lambda: [0] * len(COUNT_FIELDS))
    rows = dossiers.values_list(
        "pk",
        "received_at",
        "finished_at",
        "due_at",
        "status",
        "timeliness",
        "receiving_unit_id",
        "handling_unit_id",
        "procedure_id",
        "channel",
        "fee_amount",
        "paid_online",
        "digitized_input",
        "digitized_result",
        "electronic_result",
        "reused_data",
    )
    for (
        pk,
        received_at,
        finished_at,
        due_at,
        status,
        timeliness,
        desk,
        handler,
        procedure,
        channel,
        fee,
        *flags,
    ) in rows.iterator(chunk_size=20_000):
        dims = (desk, handler, procedure, channel)
        bucket = bucket_of(received_at.astimezone(tz).date())
        if since is None or bucket >= since:
            row = counts[(bucket, *dims)]
            row[0] += 1
            row[1] += fee > 0
            row[2] += flags[0]
            row[3] += flags[1]
            row[4] += flags[2]
            row[5] += flags[1] and flags[2]
            row[6] += flags[3]
            row[7] += flags[4]
            row[8] += status == DossierStatus.SUPPLEMENT_REQUESTED or pk in paused
        due_bucket = bucket_of(due_at.astimezone(tz).date())
        if since is None or due_bucket >= since:
            counts[(due_bucket, *dims)][INDEX["due"]] += 1
        closed_at = finished_at if finished_at is not None else (None if status in OPEN_STATUSES else received_at)
        if closed_at is None:
            continue
        closed_bucket = bucket_of(closed_at.astimezone(tz).date())
        if since is None or closed_bucket >= since:
            row = counts[(closed_bucket, *dims)]
            row[INDEX["closed"]] += 1
            if status in CLOSED_BY_STATUS:
                row[CLOSED_BY_STATUS[status]] += 1
            elif timeliness in FINISHED_BY_TIMELINESS:
                row[FINISHED_BY_TIMELINESS[timeliness]] += 1
                row[INDEX["apologized_late"]] += timeliness == Timeliness.LATE and pk in apologized
        settled_bucket = max(closed_bucket, due_bucket)
        if since is None or settled_bucket >= since:
            counts[(settled_bucket, *dims)][INDEX["settled_due"]] += 1
    return counts


def dossier_stats_rebuild(*, since: datetime.date | None = None) -> int:
    """Recount the summary from the half-month holding `since` on (everything when None); safe to run twice.

    Returns the number of summary rows written.
    """
    first = bucket_of(since) if since is not None else None
    counts = _contributions(first)
    with transaction.atomic():
        stale = DossierStat.objects.all() if first is None else DossierStat.objects.filter(bucket__gte=first)
        stale.delete()
        _insert(counts)
    return len(counts)


def _insert(counts: dict[_Key, list[int]]) -> None:
    """Summary rows written with plain multi-row INSERTs (the ORM's bulk_create would cost most of a rebuild)."""
    columns = ["bucket", "receiving_unit_id", "handling_unit_id", "procedure_id", "channel", *COUNT_FIELDS]
    quote = connection.ops.quote_name
    table, names, marks = (
        quote(DossierStat._meta.db_table),
        ", ".join(map(quote, columns)),
        ", ".join(["%s"] * len(columns)),
    )
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - names from the model
    rows: list[list[Any]] = [[*key, *values] for key, values in counts.items()]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


def dossier_stats_refresh() -> int:
    """The periodic job: recount from the earliest reception among dossiers changed since the last run.

    Incremental by `updated_at`; does nothing when no dossier changed; safe to run twice.
    """
    state, _created = DossierStatState.objects.get_or_create(name=STATE_NAME)
    changed = Dossier.objects.order_by()
    if state.counted_until is not None:
        changed = changed.filter(updated_at__gt=state.counted_until)
    span = changed.aggregate(first=Min("received_at"), last=Max("updated_at"))
    if span["last"] is None:
        return 0
    since = None if state.counted_until is None else timezone.localtime(span["first"]).date()
    written = dossier_stats_rebuild(since=since)
    state.counted_until = span["last"] - REFRESH_OVERLAP
    state.refreshed_at = timezone.now()
    state.save(update_fields=["counted_until", "refreshed_at"])
    return written
