"""Totals of an assessment: leaves are scored, nodes roll up, bonus and penalty are capped, the index is banded.

Four columns are computed for every node: self-score, appraisal, final, and expected — the best estimate of the
score the province will give (final, else appraisal, else the accepted or submitted self-score, else what the
measured rate earns by the tiers, else nothing). Points at risk are max − expected.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from .choices import ItemStatus, ScoringMethod
from .models import Assessment, AssessmentItem, Band, Criterion, Framework, PeerResult

ZERO = Decimal("0")
COLUMNS = ("self", "appraisal", "final", "expected")
SELF_COUNTED = {
    ItemStatus.SUBMITTED,
    ItemStatus.ACCEPTED,
    ItemStatus.APPRAISED,
    ItemStatus.EXPLAINING,
    ItemStatus.FINAL,
}


def tier_points(criterion: Criterion, rate: Decimal | None) -> Decimal | None:
    """Points a measured rate earns under the criterion's tiers ([[minimum rate, points], …]); None without a rate."""
    if rate is None or not criterion.tiers:
        return None
    for minimum, points in sorted(criterion.tiers, key=lambda tier: Decimal(str(tier[0])), reverse=True):
        if rate >= Decimal(str(minimum)):
            return min(Decimal(str(points)), criterion.max_points)
    return ZERO


def expected_points(item: AssessmentItem) -> Decimal | None:
    """The best estimate of the points this item will get."""
    for value in (item.final_score, item.appraisal_score):
        if value is not None:
            return value
    if item.self_score is not None and item.status in SELF_COUNTED:
        return item.self_score
    measured = tier_points(item.criterion, item.measured_value)
    if measured is not None:
        return measured
    return item.self_score


@dataclass
class ScoreNode:
    criterion: Criterion
    item: AssessmentItem | None = None
    children: list["ScoreNode"] = field(default_factory=list)
    values: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(COLUMNS, ZERO))
    evidence_count: int = 0

    @property
    def max_points(self) -> Decimal:
        return self.criterion.max_points

    @property
    def at_risk(self) -> Decimal:
        """Points that could still be lost (or saved) on this node."""
        return max(ZERO, self.max_points - self.values["expected"])

    @property
    def is_extra(self) -> bool:
        return self.criterion.method in {ScoringMethod.BONUS, ScoringMethod.PENALTY}


@dataclass
class ScoreReport:
    roots: list[ScoreNode]
    totals: dict[str, Decimal]
    max_total: Decimal
    bonus: dict[str, Decimal]
    penalty: dict[str, Decimal]
    index: dict[str, Decimal]
    band: dict[str, str]
    leaves: list[ScoreNode]


def _leaf_values(item: AssessmentItem | None) -> dict[str, Decimal]:
    if item is None:
        return dict.fromkeys(COLUMNS, ZERO)
    self_score = item.self_score if item.self_score is not None else ZERO
    return {
        "self": self_score,
        "appraisal": item.appraisal_score if item.appraisal_score is not None else ZERO,
        "final": item.final_score if item.final_score is not None else ZERO,
        "expected": expected_points(item) or ZERO,
    }


def _roll_up(node: ScoreNode) -> None:
    if not node.children:
        node.values = _leaf_values(node.item)
        node.evidence_count = len(node.item.evidence.all()) if node.item else 0
        return
    for child in node.children:
        _roll_up(child)
    for column in COLUMNS:
        total = sum((child.values[column] for child in node.children), ZERO)
        node.values[column] = min(total, node.max_points)
    node.evidence_count = sum(child.evidence_count for child in node.children)


def band_for(bands: Iterable[Band], score: Decimal) -> str:
    """The name of the highest band whose threshold the score reaches."""
    for band in sorted(bands, key=lambda item: item.min_score, reverse=True):
        if score >= band.min_score:
            return band.name
    return ""


def build_tree(framework: Framework, items: Iterable[AssessmentItem]) -> list[ScoreNode]:
    by_criterion = {item.criterion_id: item for item in items}
    nodes = {
        criterion.pk: ScoreNode(criterion, by_criterion.get(criterion.pk)) for criterion in framework.criteria.all()
    }
    children: dict[int | None, list[ScoreNode]] = defaultdict(list)
    for node in nodes.values():
        children[node.criterion.parent_id].append(node)
    for node in nodes.values():
        node.children = sorted(
            children.get(node.criterion.pk, []), key=lambda child: (child.criterion.sort_order, child.criterion.pk)
        )
    return sorted(children.get(None, []), key=lambda node: (node.criterion.sort_order, node.criterion.pk))


def _leaves(nodes: list[ScoreNode]) -> list[ScoreNode]:
    found: list[ScoreNode] = []
    for node in nodes:
        found.extend(_leaves(node.children) if node.children else [node])
    return found


def assessment_scores(assessment: Assessment) -> ScoreReport:
    """Every node's four columns, the capped bonus and penalty, the index and its band."""
    framework = assessment.framework
    items = assessment.items.select_related("criterion", "lead_unit").prefetch_related("evidence")
    roots = build_tree(framework, items)
    for root in roots:
        _roll_up(root)
    scored = [root for root in roots if not root.is_extra]
    bonus_nodes = [root for root in roots if root.criterion.method == ScoringMethod.BONUS]
    penalty_nodes = [root for root in roots if root.criterion.method == ScoringMethod.PENALTY]
    max_total = sum((root.max_points for root in scored), ZERO)
    totals, bonus, penalty, index, band = {}, {}, {}, {}, {}
    bands = list(framework.bands.all())
    for column in COLUMNS:
        base = sum((root.values[column] for root in scored), ZERO)
        bonus[column] = min(sum((root.values[column] for root in bonus_nodes), ZERO), framework.bonus_cap)
        penalty[column] = min(sum((root.values[column] for root in penalty_nodes), ZERO), framework.penalty_cap)
        totals[column] = base + bonus[column] - penalty[column]
        index[column] = (totals[column] / max_total * 100).quantize(Decimal("0.01")) if max_total else ZERO
        band[column] = band_for(bands, index[column])
    return ScoreReport(
        roots=roots,
        totals=totals,
        max_total=max_total,
        bonus=bonus,
        penalty=penalty,
        index=index,
        band=band,
        leaves=_leaves(roots),
    )


def rank_among_peers(assessment: Assessment, score: Decimal) -> tuple[int, int] | None:
    """(position, out of) of a score among the other departments' results entered for the year."""
    peers = list(
        PeerResult.objects.filter(
            year=assessment.framework.year, unit_group=assessment.framework.unit_group
        ).values_list("total", flat=True)
    )
    if not peers:
        return None
    return 1 + sum(1 for total in peers if total > score), len(peers) + 1
