"""The indicators of the service index (Decision 766/QĐ-TTg) that dossier data and the catalogue can compute.

The scoring rule is data: each indicator has a group, a maximum of points and a target rate; the score is the
maximum when the rate reaches the target, else rate × maximum ÷ target. `dossier_rate_measured` is what the PAR
scorecard and the plan targets read (indicator codes `dossiers.<…>`).
"""

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy

from cchc.core.measurements import Indicator
from cchc.org.models import Unit
from cchc.procedures.choices import OnlineService, ProcedureStatus
from cchc.procedures.models import Procedure

from .stat_selectors import StatRow, ratio, stat_table
from .statistics import PeriodKind, period_for


@dataclass(frozen=True)
class IndicatorRule:
    code: str
    number: str
    group: Any
    name: Any
    max_points: Decimal
    target_rate: Decimal


SERVICE = gettext_lazy("Tiến độ giải quyết")
ONLINE = gettext_lazy("Dịch vụ công trực tuyến, thanh toán trực tuyến")
DIGITAL = gettext_lazy("Số hóa hồ sơ, kết quả")
# Points and targets as the province applies Decision 766; change them here when the province's rules change.
RULES: tuple[IndicatorRule, ...] = (
    IndicatorRule(
        "dossiers.on_time_rate",
        "2.1",
        SERVICE,
        gettext_lazy("Hồ sơ giải quyết, đang giải quyết trong hạn"),
        Decimal(20),
        Decimal(100),
    ),
    IndicatorRule(
        "dossiers.online_service_rate",
        "3.1",
        ONLINE,
        gettext_lazy("Thủ tục có dịch vụ công trực tuyến"),
        Decimal(4),
        Decimal(100),
    ),
    IndicatorRule("dossiers.online_rate", "3.3", ONLINE, gettext_lazy("Hồ sơ nộp trực tuyến"), Decimal(8), Decimal(50)),
    IndicatorRule(
        "dossiers.online_payment_procedure_rate",
        "3.5",
        ONLINE,
        gettext_lazy("Thủ tục có phí, lệ phí được thanh toán trực tuyến"),
        Decimal(4),
        Decimal(100),
    ),
    IndicatorRule(
        "dossiers.paid_online_rate", "3.6", ONLINE, gettext_lazy("Hồ sơ thanh toán trực tuyến"), Decimal(6), Decimal(50)
    ),
    IndicatorRule(
        "dossiers.electronic_result_rate",
        "4.1",
        DIGITAL,
        gettext_lazy("Hồ sơ trả kết quả điện tử"),
        Decimal(8),
        Decimal(100),
    ),
    IndicatorRule(
        "dossiers.digitized_rate",
        "4.2",
        DIGITAL,
        gettext_lazy("Hồ sơ số hóa thành phần và kết quả"),
        Decimal(8),
        Decimal(100),
    ),
    IndicatorRule(
        "dossiers.reuse_rate",
        "4.3",
        DIGITAL,
        gettext_lazy("Hồ sơ tái sử dụng dữ liệu số hóa"),
        Decimal(6),
        Decimal(100),
    ),
)
RULES_BY_CODE = {rule.code: rule for rule in RULES}


@dataclass(frozen=True)
class Measured:
    rule: IndicatorRule
    numerator: int
    denominator: int

    @property
    def rate(self) -> Decimal | None:
        return ratio(self.numerator, self.denominator)

    @property
    def score(self) -> Decimal | None:
        return indicator_score(self.rule, self.rate)


def indicator_score(rule: IndicatorRule, rate: Decimal | None) -> Decimal | None:
    """Pmax when the rate reaches the target, else rate × Pmax ÷ target (two decimals); None without a rate."""
    if rate is None:
        return None
    if rate >= rule.target_rate:
        return rule.max_points
    return (rate * rule.max_points / rule.target_rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _procedures(unit: Unit | None) -> Any:
    procedures = Procedure.objects.filter(status=ProcedureStatus.ACTIVE, current_version__isnull=False)
    return procedures.filter(resolving_unit=unit) if unit is not None else procedures


def _catalogue(code: str, unit: Unit | None) -> tuple[int, int]:
    procedures = _procedures(unit)
    if code == "dossiers.online_service_rate":
        return procedures.exclude(current_version__online_service=OnlineService.NONE).count(), procedures.count()
    fee_bearing = procedures.filter(current_version__fee_amount__gt=0)
    return fee_bearing.filter(current_version__online_payment=True).count(), fee_bearing.count()


DOSSIER_PARTS: dict[str, Callable[[dict[str, int]], tuple[int, int]]] = {
    "dossiers.on_time_rate": lambda v: (
        v["finished_in_time"] + v["in_progress_within"],
        v["finished_total"] + v["in_progress_within"] + v["in_progress_overdue"],
    ),
    "dossiers.online_rate": lambda v: (v["new_online"], v["new_total"]),
    "dossiers.paid_online_rate": lambda v: (v["paid_online"], v["fee_bearing"]),
    "dossiers.electronic_result_rate": lambda v: (v["electronic_result"], v["new_total"]),
    "dossiers.digitized_rate": lambda v: (v["digitized_both"], v["new_total"]),
    "dossiers.reuse_rate": lambda v: (v["reused_data"], v["new_total"]),
}


def _year_totals(year: int, unit: Unit | None, now: datetime.datetime | None) -> StatRow:
    filters = {"handling_unit": unit.pk} if unit is not None else {}
    return stat_table(
        user=None, period=period_for(PeriodKind.YEAR, year), group_by=None, filters=filters, now=now
    ).total


def indicators_measure(*, year: int, unit: Unit | None = None, now: datetime.datetime | None = None) -> list[Measured]:
    """Every indicator of RULES for a calendar year, for the department or one handling unit."""
    totals = _year_totals(year, unit, now)
    measured = []
    for rule in RULES:
        if rule.code in DOSSIER_PARTS:
            numerator, denominator = DOSSIER_PARTS[rule.code](totals.values)
        else:
            numerator, denominator = _catalogue(rule.code, unit)
        measured.append(Measured(rule=rule, numerator=numerator, denominator=denominator))
    return measured


def dossier_rate_measured(indicator_code: str, year: int, unit: Unit | None = None) -> Decimal | None:
    """The measured rate (percent) of an indicator for a year, or None when unknown or nothing to measure."""
    rule = RULES_BY_CODE.get(indicator_code)
    if rule is None:
        return None
    if rule.code in DOSSIER_PARTS:
        numerator, denominator = DOSSIER_PARTS[rule.code](_year_totals(year, unit, None).values)
    else:
        numerator, denominator = _catalogue(rule.code, unit)
    return ratio(numerator, denominator)


def measured_indicators() -> list[Indicator]:
    """The indicators of Decision 766 that PAR criteria and plan targets may name (see cchc.core.measurements)."""
    return [Indicator(rule.code, rule.name, functools.partial(dossier_rate_measured, rule.code)) for rule in RULES]


def indicator_total(measured: list[Measured]) -> tuple[Decimal, Decimal]:
    """The points scored and the points possible over the indicators that could be measured."""
    scored = [item for item in measured if item.score is not None]
    return sum((item.score or Decimal(0) for item in scored), Decimal(0)), sum(
        (item.rule.max_points for item in scored), Decimal(0)
    )
