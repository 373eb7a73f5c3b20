"""Reads of the dossier statistics: figures from the summary table, and the dossiers behind each figure.

Every figure has a drill-down: `measure_dossiers` gives, on the Dossier table, exactly the dossiers the
figure counts (same period, same filters, same permissions), so a list opened from a figure has its count.
"Carried over" and "in progress" are point-in-time figures: at a boundary T in the past they come from the
summary (received before T − closed before T; due before T − settled before T); for a period not yet over
they are counted on the open dossiers now (a small, indexed set).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.core.permissions import VIEW, restrict
from cchc.org.models import Unit
from cchc.procedures.models import Procedure, ProcedureField

from .choices import OPEN_STATUSES, ApologyStatus, Channel, DossierStatus, Timeliness
from .models import Apology, Dossier, DossierPause
from .models.statistics import DossierStat
from .statistics import Period, start_of

GROUPS: dict[str, tuple[str, Any]] = {
    "handling_unit": ("handling_unit_id", gettext_lazy("Đơn vị giải quyết")),
    "receiving_unit": ("receiving_unit_id", gettext_lazy("Nơi tiếp nhận")),
    "procedure": ("procedure_id", gettext_lazy("Thủ tục")),
    "field": ("procedure__field_id", gettext_lazy("Lĩnh vực")),
    "channel": ("channel", gettext_lazy("Hình thức nộp")),
}
FILTER_LOOKUPS = {
    "handling_unit": "handling_unit_id",
    "receiving_unit": "receiving_unit_id",
    "procedure": "procedure_id",
    "field": "procedure__field_id",
    "channel": "channel",
}
# The figures of a table row, in column order: key → header.
FIGURES: dict[str, Any] = {
    "carried": gettext_lazy("Kỳ trước chuyển sang"),
    "new_online": gettext_lazy("Mới tiếp nhận trực tuyến"),
    "new_direct": gettext_lazy("Mới tiếp nhận trực tiếp"),
    "new_postal": gettext_lazy("Mới tiếp nhận qua bưu chính"),
    "received_total": gettext_lazy("Tổng số tiếp nhận"),
    "finished_early": gettext_lazy("Giải quyết trước hạn"),
    "finished_on_time": gettext_lazy("Giải quyết đúng hạn"),
    "finished_late": gettext_lazy("Giải quyết quá hạn"),
    "in_progress_within": gettext_lazy("Đang giải quyết trong hạn"),
    "in_progress_overdue": gettext_lazy("Đang giải quyết quá hạn"),
    "supplement": gettext_lazy("Yêu cầu bổ sung"),
    "refused": gettext_lazy("Từ chối"),
    "withdrawn": gettext_lazy("Rút hồ sơ"),
    "paid_online": gettext_lazy("Thanh toán trực tuyến"),
    "digitized_input": gettext_lazy("Số hóa hồ sơ"),
    "electronic_result": gettext_lazy("Trả kết quả điện tử"),
    "apologized_late": gettext_lazy("Quá hạn có văn bản xin lỗi"),
}
RATES: dict[str, tuple[Any, str, str]] = {
    "on_time_rate": (gettext_lazy("Tỷ lệ đúng hạn (%)"), "finished_in_time", "finished_total"),
    "online_rate": (gettext_lazy("Tỷ lệ trực tuyến (%)"), "new_online", "new_total"),
    "paid_online_rate": (gettext_lazy("Tỷ lệ thanh toán trực tuyến (%)"), "paid_online", "fee_bearing"),
    "digitized_rate": (gettext_lazy("Tỷ lệ số hóa (%)"), "digitized_input", "new_total"),
    "electronic_rate": (gettext_lazy("Tỷ lệ trả kết quả điện tử (%)"), "electronic_result", "new_total"),
    "apology_rate": (gettext_lazy("Tỷ lệ xin lỗi khi quá hạn (%)"), "apologized_late", "finished_late"),
}
PERIOD_SUMS = (
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
)
CHANNEL_FIGURES = {"new_online": Channel.ONLINE, "new_direct": Channel.DIRECT, "new_postal": Channel.POSTAL}


@dataclass
class StatRow:
    key: Any
    label: str
    values: dict[str, int] = field(default_factory=dict)

    def rate(self, numerator: str, denominator: str) -> Decimal | None:
        return ratio(self.values.get(numerator, 0), self.values.get(denominator, 0))

    @property
    def rates(self) -> dict[str, Decimal | None]:
        return {key: self.rate(numerator, denominator) for key, (_label, numerator, denominator) in RATES.items()}


@dataclass
class StatTable:
    period: Period
    group_by: str
    rows: list[StatRow]
    total: StatRow
    live: bool  # in-progress figures counted now (the period is not over)


def ratio(numerator: int, denominator: int) -> Decimal | None:
    """A percentage with two decimals, or None when there is nothing to divide by."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _stat_queryset(user: Any, filters: dict[str, Any]) -> QuerySet[DossierStat]:
    queryset = DossierStat.objects.all() if user is None else restrict(DossierStat.objects.all(), user, VIEW)
    return queryset.filter(**_lookups(filters))


def _lookups(filters: dict[str, Any]) -> dict[str, Any]:
    return {FILTER_LOOKUPS[key]: value for key, value in filters.items() if key in FILTER_LOOKUPS and value}


BALANCES = ("received", "closed", "due", "settled_due")
SUMMED = tuple(dict.fromkeys((*PERIOD_SUMS, *BALANCES)))  # each once, in order


def _sums_by(queryset: QuerySet[DossierStat], fields: list[str], names: Iterable[str]) -> list[dict[str, Any]]:
    """Plain sums (annotations prefixed so they never clash with fields) per value of `fields`, or one total."""
    aliased = {f"sum_{name}": Sum(name) for name in names}
    if not fields:
        return [queryset.aggregate(**aliased)]
    return list(queryset.order_by().values(*fields).annotate(**aliased))


def _period_and_before(
    queryset: QuerySet[DossierStat], group: str | None, period: Period
) -> tuple[dict[Any, dict[str, int]], dict[Any, dict[str, int]]]:
    """The period's figures per group (new dossiers split by channel), and the balances before the period.

    Two plain scans of the summary, one over the period's buckets and one over the earlier ones: conditional sums
    in a single scan evaluate every condition on every row, which cost more than the second scan.
    """
    fields = [group] if group else []
    in_period: dict[Any, dict[str, int]] = {}
    inside = queryset.filter(bucket__gte=period.start, bucket__lt=period.end)
    for row in _sums_by(inside, [*fields, "channel"], SUMMED):
        figures = in_period.setdefault(row[group] if group else None, dict.fromkeys((*SUMMED, *CHANNEL_FIGURES), 0))
        for name in SUMMED:
            figures[name] += row[f"sum_{name}"] or 0
        for figure, channel in CHANNEL_FIGURES.items():
            if row["channel"] == channel:
                figures[figure] += row["sum_received"] or 0
    before = {
        row[group] if group else None: {name: row[f"sum_{name}"] or 0 for name in BALANCES}
        for row in _sums_by(queryset.filter(bucket__lt=period.start), fields, BALANCES)
    }
    return in_period, before


def is_live(period: Period, now: datetime.datetime | None = None) -> bool:
    """Whether the period's end lies ahead, so that "in progress" means the open dossiers now."""
    return start_of(period.end) > (now or timezone.now())


def _in_progress_now(
    user: Any, filters: dict[str, Any], group: str | None, now: datetime.datetime
) -> dict[Any, dict[str, int]]:
    dossiers = _dossier_queryset(user, filters).filter(status__in=OPEN_STATUSES).order_by()
    sums = {"open": Count("pk"), "overdue": Count("pk", filter=Q(due_at__lt=now))}
    if group is None:
        return {None: dossiers.aggregate(**sums)}
    return {row[group]: row for row in dossiers.values(group).annotate(**sums)}


def stat_table(
    *, user: Any, period: Period, group_by: str | None, filters: dict[str, Any], now: datetime.datetime | None = None
) -> StatTable:
    """The figures of a period per group (handling unit, desk, procedure, field or channel) with a total row."""
    now = now or timezone.now()
    group = GROUPS[group_by][0] if group_by else None
    live = is_live(period, now)
    in_period, before = _period_and_before(_stat_queryset(user, filters), group, period)
    if live:
        at_end = {
            key: {"open": value["open"], "overdue": value["overdue"]}
            for key, value in _in_progress_now(user, filters, group, now).items()
        }
    else:
        at_end = {
            key: {
                "open": _balance(key, "received", in_period, before) - _balance(key, "closed", in_period, before),
                "overdue": _balance(key, "due", in_period, before) - _balance(key, "settled_due", in_period, before),
            }
            for key in set(in_period) | set(before)
        }
    keys = set(in_period) | {key for key, value in before.items() if value["received"] - value["closed"]}
    keys |= {key for key, value in at_end.items() if value["open"]}
    labels = _labels(group_by, keys)
    rows = [
        _row(key, labels.get(key, str(key)), in_period.get(key, {}), before.get(key, {}), at_end.get(key, {}))
        for key in keys
    ]
    rows.sort(key=lambda row: row.label)
    total = StatRow(key=None, label=str(_("Tổng cộng")))
    for row in rows:
        for name, value in row.values.items():
            total.values[name] = total.values.get(name, 0) + value
    if not rows:
        total.values = _row(None, "", {}, {}, {}).values
    return StatTable(period=period, group_by=group_by or "", rows=rows, total=total, live=live)


def _balance(key: Any, name: str, in_period: dict[Any, dict[str, int]], before: dict[Any, dict[str, int]]) -> int:
    """A running total at the period's end: before the period plus within it."""
    return before.get(key, {}).get(name, 0) + in_period.get(key, {}).get(name, 0)


def _row(key: Any, label: str, period: dict[str, int], before: dict[str, int], at_end: dict[str, int]) -> StatRow:
    values = {name: period.get(name, 0) for name in (*PERIOD_SUMS, *CHANNEL_FIGURES)}
    values["carried"] = before.get("received", 0) - before.get("closed", 0)
    values["new_total"] = values["received"]
    values["received_total"] = values["carried"] + values["received"]
    values["finished_in_time"] = values["finished_early"] + values["finished_on_time"]
    values["finished_total"] = values["finished_in_time"] + values["finished_late"]
    open_at_end = at_end.get("open", 0)
    values["in_progress_overdue"] = at_end.get("overdue", 0)
    values["in_progress_within"] = open_at_end - values["in_progress_overdue"]
    return StatRow(key=key, label=label, values=values)


def _labels(group_by: str | None, keys: Iterable[Any]) -> dict[Any, str]:
    ids = [key for key in keys if key is not None]
    if group_by in ("handling_unit", "receiving_unit"):
        return {
            pk: f"{code} — {name}"
            for pk, code, name in Unit.objects.filter(pk__in=ids).values_list("pk", "code", "name")
        }
    if group_by == "procedure":
        return {
            pk: f"{code} — {name}"
            for pk, code, name in Procedure.objects.filter(pk__in=ids).values_list("pk", "code", "name")
        }
    if group_by == "field":
        return dict(ProcedureField.objects.filter(pk__in=ids).values_list("pk", "name"))
    if group_by == "channel":
        return {key: str(label) for key, label in Channel.choices}
    return {None: str(_("Tổng cộng"))}


# ---- Drill-down ----


def _dossier_queryset(user: Any, filters: dict[str, Any]) -> QuerySet[Dossier]:
    queryset = Dossier.objects.all() if user is None else restrict(Dossier.objects.all(), user, VIEW)
    return queryset.filter(**_lookups(filters))


def _between(name: str, start: datetime.datetime, end: datetime.datetime) -> Q:
    return Q(**{f"{name}__gte": start, f"{name}__lt": end})


def _closed_between(start: datetime.datetime, end: datetime.datetime) -> Q:
    """Closed in [start, end): at its finish moment, or when received for a closed dossier without one."""
    return _between("finished_at", start, end) | (
        Q(finished_at__isnull=True) & ~Q(status__in=OPEN_STATUSES) & _between("received_at", start, end)
    )


def _open_at(moment: datetime.datetime) -> Q:
    return Q(received_at__lt=moment) & (
        Q(finished_at__gte=moment) | Q(finished_at__isnull=True, status__in=OPEN_STATUSES)
    )


CLOSED_STATUS_FIGURES = {"refused": DossierStatus.REFUSED, "withdrawn": DossierStatus.WITHDRAWN}
TIMELINESS_FIGURES = {
    "finished_early": Timeliness.EARLY,
    "finished_on_time": Timeliness.ON_TIME,
    "finished_late": Timeliness.LATE,
}
FLAG_FIGURES = ("paid_online", "digitized_input", "electronic_result")
CLOSED_STATUSES = (DossierStatus.REFUSED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED)


def measure_condition(measure: str, period: Period, now: datetime.datetime) -> Q | None:
    """The condition on Dossier that gives exactly the dossiers a figure counts; None for an unknown figure."""
    start, end = start_of(period.start), start_of(period.end)
    received = _between("received_at", start, end)
    if measure == "carried":
        return _open_at(start)
    if measure in CHANNEL_FIGURES:
        return received & Q(channel=CHANNEL_FIGURES[measure])
    if measure == "new_total":
        return received
    if measure == "received_total":
        return received | _open_at(start)
    if measure in TIMELINESS_FIGURES:
        return _closed_between(start, end) & ~Q(status__in=CLOSED_STATUSES) & Q(timeliness=TIMELINESS_FIGURES[measure])
    if measure in CLOSED_STATUS_FIGURES:
        return _closed_between(start, end) & Q(status=CLOSED_STATUS_FIGURES[measure])
    if measure in FLAG_FIGURES:
        return received & Q(**{measure: True})
    if measure == "supplement":
        paused = Exists(DossierPause.objects.filter(dossier=OuterRef("pk")))
        return received & (Q(status=DossierStatus.SUPPLEMENT_REQUESTED) | Q(paused))
    if measure == "apologized_late":
        issued = Exists(Apology.objects.filter(dossier=OuterRef("pk"), status=ApologyStatus.ISSUED))
        return _closed_between(start, end) & ~Q(status__in=CLOSED_STATUSES) & Q(timeliness=Timeliness.LATE) & Q(issued)
    if measure in ("in_progress_within", "in_progress_overdue"):
        live = is_live(period, now)
        moment = now if live else end
        still_open = Q(status__in=OPEN_STATUSES) if live else _open_at(end)
        overdue = Q(due_at__lt=moment)
        return still_open & (overdue if measure == "in_progress_overdue" else ~overdue)
    return None


def measure_dossiers(
    *,
    user: Any,
    measure: str,
    period: Period,
    filters: dict[str, Any],
    now: datetime.datetime | None = None,
) -> QuerySet[Dossier]:
    """The dossiers behind one figure of `stat_table` (filters include the row's group value)."""
    condition = measure_condition(measure, period, now or timezone.now())
    queryset = _dossier_queryset(user, filters)
    if condition is None:
        return queryset.none()
    return queryset.filter(condition)


def dossier_home_figures(*, user: Any, year: int, now: datetime.datetime | None = None) -> dict[str, Decimal | None]:
    """The year's on-time rate and online rate for a home page (what the user may see)."""
    from .statistics import PeriodKind, period_for

    table = stat_table(user=user, period=period_for(PeriodKind.YEAR, year), group_by=None, filters={}, now=now)
    rates = table.total.rates
    return {"on_time_rate": rates["on_time_rate"], "online_rate": rates["online_rate"]}
