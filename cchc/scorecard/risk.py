"""Points at risk: the scored criteria whose expected score is below the maximum, with why and who can act.

Leadership reads this before the province appraises: every leaf that may still lose points, sorted by the points
that could still be saved, each with the responsible room and the reasons in words. A penalty criterion counts
the deduction expected on it; bonus criteria are extra points, not points that can be lost, and are left out.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from cchc.org.models import Unit
from cchc.plans.choices import OPEN_STATUSES

from .choices import ItemStatus, ScoringMethod
from .models import AssessmentItem, Criterion
from .scoring import ZERO, ScoreNode, ScoreReport, tier_points


@dataclass
class RiskRow:
    """A scored criterion that may lose points: how many, why, and which room leads it."""

    node: ScoreNode
    item: AssessmentItem
    at_risk: Decimal
    reasons: list[str] = field(default_factory=list)

    @property
    def criterion(self) -> Criterion:
        return self.node.criterion

    @property
    def lead_unit(self) -> Unit | None:
        return self.item.lead_unit


def decimal_text(value: Decimal) -> str:
    """A number as offices write it, without trailing zeros: 97.50 → "97,5", 100.00 → "100"."""
    return number_format(value.normalize())


def top_tier_points(criterion: Criterion) -> Decimal:
    """The points of the best tier (never above the criterion's maximum)."""
    best = max((Decimal(str(points)) for _minimum, points in criterion.tiers), default=ZERO)
    return min(best, criterion.max_points)


def _overdue_item_ids(items: list[AssessmentItem], today: datetime.date) -> set[int]:
    """Items with an evidence document that is the deliverable of an open task occurrence past its due date."""
    return set(
        AssessmentItem.objects.filter(
            pk__in=[item.pk for item in items],
            evidence__task_occurrences__status__in=OPEN_STATUSES,
            evidence__task_occurrences__due_date__lt=today,
        ).values_list("pk", flat=True)
    )


def _reasons(node: ScoreNode, item: AssessmentItem, overdue: bool) -> list[str]:
    criterion = node.criterion
    if criterion.method == ScoringMethod.PENALTY:
        return [_("dự kiến bị trừ %(points)s điểm") % {"points": decimal_text(node.values["expected"])}]
    reasons: list[str] = []
    if node.evidence_count == 0:
        reasons.append(_("chưa có tài liệu kiểm chứng"))
    if item.self_score is None:
        reasons.append(_("chưa tự chấm"))
    if item.status == ItemStatus.RETURNED:
        reasons.append(_("bị TCCB trả lại"))
    if criterion.tiers and item.measured_value is not None:
        earned = tier_points(criterion, item.measured_value)
        if earned is not None and earned < top_tier_points(criterion):
            reasons.append(
                _("tỉ lệ đo được dưới bậc điểm tối đa: %(rate)s %%") % {"rate": decimal_text(item.measured_value)}
            )
    if overdue:
        reasons.append(_("nhiệm vụ liên quan quá hạn"))
    if item.appraisal_score is not None and item.self_score is not None and item.appraisal_score < item.self_score:
        reasons.append(_("điểm thẩm định thấp hơn tự chấm"))
    if not reasons:
        reasons.append(_("điểm dự kiến thấp hơn điểm tối đa"))
    return reasons


def _points_lost(node: ScoreNode) -> Decimal:
    if node.criterion.method == ScoringMethod.PENALTY:
        return max(ZERO, node.values["expected"])
    return node.at_risk


def points_at_risk(report: ScoreReport, *, today: datetime.date) -> list[RiskRow]:
    """Every scored leaf that may lose points, most points first, with its reasons and lead room."""
    candidates = [
        (node, node.item)
        for node in report.leaves
        if node.item is not None and node.criterion.method != ScoringMethod.BONUS and _points_lost(node) > ZERO
    ]
    overdue = _overdue_item_ids([item for _node, item in candidates], today)
    rows = [
        RiskRow(node=node, item=item, at_risk=_points_lost(node), reasons=_reasons(node, item, item.pk in overdue))
        for node, item in candidates
    ]
    return sorted(rows, key=lambda row: (-row.at_risk, row.criterion.sort_order, row.criterion.pk))


def risk_total(rows: list[RiskRow]) -> Decimal:
    """The points that could still be saved over the given rows."""
    return sum((row.at_risk for row in rows), ZERO)
