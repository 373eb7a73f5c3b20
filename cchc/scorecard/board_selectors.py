"""Reads behind what leadership sees: the assessments a person may open, the scorecard rows with their filters,
and the year-over-year series per field. Everything is restricted to what the asking person may see: leadership,
the focal rooms, administrators and steering members see the whole assessment; a room sees the criteria it leads
or coordinates."""

import datetime
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.core.permissions import VIEW, restrict

from .choices import AssessmentStatus, ItemStatus
from .models import Assessment, Band, Framework, HistoricalResult, PeerResult
from .scoring import COLUMNS, ScoreNode, ScoreReport, band_for, expected_points

# Those who see every criterion of an assessment, its index and its downloads (leadership, the focal rooms,
# administrators, steering members): the roles for which the assessment policy opens the whole department.
BOARD_VIEWERS: frozenset[str] = Assessment.restrict_policy.department_roles[VIEW]
NOT_SUBMITTED = frozenset({ItemStatus.DRAFT, ItemStatus.RETURNED})
STATUS_BADGES = {
    ItemStatus.DRAFT: "secondary",
    ItemStatus.SUBMITTED: "info",
    ItemStatus.RETURNED: "warning",
    ItemStatus.ACCEPTED: "primary",
    ItemStatus.APPRAISED: "dark",
    ItemStatus.EXPLAINING: "warning",
    ItemStatus.FINAL: "success",
}


class BoardFilter(models.TextChoices):
    MISSING_EVIDENCE = "missing-evidence", gettext_lazy("Thiếu tài liệu kiểm chứng")
    LATE = "late", gettext_lazy("Quá hạn chưa gửi")
    RETURNED = "returned", gettext_lazy("Bị TCCB trả lại")
    DIFFERS = "differs", gettext_lazy("Lệch với điểm thẩm định")


def sees_whole_assessment(user: Any) -> bool:
    """True for the people who see every criterion of an assessment (and may download its outputs)."""
    return bool(getattr(user, "is_authenticated", False) and user.has_any_role(BOARD_VIEWERS))


def visible_assessments(*, user: Any) -> QuerySet[Assessment]:
    """The assessments the person may open, newest year first."""
    assessments = Assessment.objects.select_related("framework", "unit")
    return restrict(assessments, user, VIEW).order_by("-framework__year", "-pk")


def newest_visible_assessment(*, user: Any) -> Assessment | None:
    return visible_assessments(user=user).first()


def visible_item_ids(*, user: Any, assessment: Assessment) -> frozenset[int] | None:
    """The items of the assessment the person may see; None when the person sees them all."""
    if sees_whole_assessment(user):
        return None
    return frozenset(restrict(assessment.items.all(), user, VIEW).values_list("pk", flat=True))


def shown_values(node: ScoreNode) -> dict[str, Decimal | None]:
    """The four columns of a node as a table shows them: None where nothing has been scored yet."""
    if not node.children:
        item = node.item
        if item is None:
            return dict.fromkeys(COLUMNS)
        return {
            "self": item.self_score,
            "appraisal": item.appraisal_score,
            "final": item.final_score,
            "expected": expected_points(item),
        }
    children = [shown_values(child) for child in node.children]
    return {
        column: node.values[column] if any(values[column] is not None for values in children) else None
        for column in COLUMNS
    }


def scored_columns(report: ScoreReport) -> set[str]:
    """The columns in which at least one criterion has a score."""
    return {column for root in report.roots for column, value in shown_values(root).items() if value is not None}


@dataclass
class SummaryRow:
    """A line under the tree: capped bonus, capped penalty, total, index, band; cells in the order of COLUMNS,
    None in a column where nothing has been scored yet."""

    label: str
    maximum: Decimal | None
    cells: list[Decimal | str | None]
    is_text: bool = False


def summary_rows(report: ScoreReport, framework: Framework) -> list[SummaryRow]:
    scored = scored_columns(report)

    def cells(values: Mapping[str, Decimal | str]) -> list[Decimal | str | None]:
        return [values[column] if column in scored and values[column] != "" else None for column in COLUMNS]

    return [
        SummaryRow(_("Điểm thưởng (sau giới hạn)"), framework.bonus_cap, cells(report.bonus)),
        SummaryRow(_("Điểm trừ (sau giới hạn)"), framework.penalty_cap, cells(report.penalty)),
        SummaryRow(_("Tổng điểm"), report.max_total, cells(report.totals)),
        SummaryRow(_("Chỉ số CCHC (%)"), Decimal("100"), cells(report.index)),
        SummaryRow(_("Xếp loại"), None, cells(report.band), is_text=True),
    ]


def leaf_matches(node: ScoreNode, board_filter: str, *, deadline: datetime.date | None, today: datetime.date) -> bool:
    """Whether a scored criterion falls under one of the scorecard's filters."""
    item = node.item
    if item is None:
        return False
    if board_filter == BoardFilter.MISSING_EVIDENCE:
        return node.evidence_count == 0
    if board_filter == BoardFilter.LATE:
        return item.status in NOT_SUBMITTED and deadline is not None and deadline < today
    if board_filter == BoardFilter.RETURNED:
        return item.status == ItemStatus.RETURNED
    if board_filter == BoardFilter.DIFFERS:
        return item.appraisal_score is not None and item.appraisal_score != item.self_score
    return True


@dataclass
class BoardRow:
    """One line of the scorecard tree."""

    node: ScoreNode
    depth: int
    values: dict[str, Decimal | None]
    # False on a field or criterion line shown to a room only as the heading of its own rows.
    show_totals: bool = True

    @property
    def is_leaf(self) -> bool:
        return not self.node.children

    @property
    def badge(self) -> str:
        """The colour of the item's status badge."""
        item = self.node.item
        return STATUS_BADGES.get(ItemStatus(item.status), "secondary") if item is not None else "secondary"


def _walk(nodes: Iterable[ScoreNode], depth: int = 0) -> Iterator[tuple[ScoreNode, int]]:
    for node in nodes:
        yield node, depth
        yield from _walk(node.children, depth + 1)


def _leaf_shown(node: ScoreNode, visible: frozenset[int] | None) -> bool:
    return visible is None or (node.item is not None and node.item.pk in visible)


def scorecard_rows(
    report: ScoreReport,
    *,
    visible: frozenset[int] | None = None,
    board_filter: str = "",
    deadline: datetime.date | None = None,
    today: datetime.date | None = None,
) -> list[BoardRow]:
    """The tree in order: the leaves the person may see that pass the filter, under their fields and criteria."""
    day = today or timezone.localdate()

    def kept(node: ScoreNode) -> bool:
        if node.children:
            return any(kept(child) for child in node.children)
        if not _leaf_shown(node, visible):
            return False
        return not board_filter or leaf_matches(node, board_filter, deadline=deadline, today=day)

    return [
        BoardRow(node=node, depth=depth, values=shown_values(node), show_totals=visible is None or not node.children)
        for node, depth in _walk(report.roots)
        if kept(node) or (visible is None and not board_filter)
    ]


def filter_counts(
    report: ScoreReport, *, visible: frozenset[int] | None, deadline: datetime.date | None, today: datetime.date
) -> dict[str, int]:
    """How many visible scored criteria each filter would show."""
    shown = [node for node in report.leaves if _leaf_shown(node, visible)]
    return {
        choice.value: sum(1 for node in shown if leaf_matches(node, choice.value, deadline=deadline, today=today))
        for choice in BoardFilter
    }


# ---- Year over year ----


@dataclass
class YearColumn:
    year: int
    label: str
    estimate: bool = False


@dataclass
class FieldSeries:
    code: str
    title: str
    max_points: Decimal | None
    scores: dict[int, Decimal | None] = field(default_factory=dict)


@dataclass
class YearOverYear:
    years: list[YearColumn]
    fields: list[FieldSeries]
    totals: dict[int, Decimal | None]
    bands: dict[int, str]
    ranks: dict[int, tuple[int, int]]
    peers: dict[int, list[PeerResult]]
    historical: list[HistoricalResult]

    def field_rows(self) -> list[tuple[FieldSeries, list[Decimal | None]]]:
        """Each field with its score in every year column (None where that year has none)."""
        return [(series, [series.scores.get(column.year) for column in self.years]) for series in self.fields]

    def total_cells(self) -> list[Decimal | None]:
        return [self.totals.get(column.year) for column in self.years]

    def band_cells(self) -> list[str]:
        return [self.bands.get(column.year, "") for column in self.years]

    def rank_cells(self) -> list[tuple[int, int] | None]:
        return [self.ranks.get(column.year) for column in self.years]

    def chart_data(self) -> dict[str, Any]:
        """What the page's bar charts draw: per field (one bar per year) and the total index per year."""

        def number(value: Decimal | None) -> float | None:
            return None if value is None else float(value)

        return {
            "fields": {
                "labels": [f"{series.code}. {series.title}" for series in self.fields],
                "datasets": [
                    {"label": column.label, "data": [number(series.scores.get(column.year)) for series in self.fields]}
                    for column in self.years
                ],
            },
            "totals": {
                "label": _("Chỉ số CCHC"),
                "labels": [column.label for column in self.years],
                "data": [number(self.totals.get(column.year)) for column in self.years],
            },
        }


def _rank(score: Decimal | None, peers: list[PeerResult]) -> tuple[int, int] | None:
    if score is None or not peers:
        return None
    return 1 + sum(1 for peer in peers if peer.total > score), len(peers) + 1


def year_over_year(*, assessment: Assessment | None, report: ScoreReport | None) -> YearOverYear:
    """The official results of earlier years per field and overall, then the current assessment's (its final
    score once the round is final, else the expected score). Only for those who see the whole assessment."""
    current_year = assessment.framework.year if assessment is not None else None
    historical_rows = HistoricalResult.objects.all()
    if current_year is not None:
        historical_rows = historical_rows.filter(year__lt=current_year)
    historical = list(historical_rows.order_by("year", "field_code"))
    fields: dict[str, FieldSeries] = {}
    if report is not None:
        for root in report.roots:
            if not root.is_extra:
                code = root.criterion.code
                fields[code] = FieldSeries(code=code, title=root.criterion.title, max_points=root.max_points)
    totals: dict[int, Decimal | None] = {}
    years = sorted({row.year for row in historical})
    for row in historical:
        if not row.field_code:
            totals[row.year] = row.score
            continue
        series = fields.setdefault(
            row.field_code, FieldSeries(code=row.field_code, title=row.field_title, max_points=row.max_points)
        )
        series.scores[row.year] = row.score
    columns = [YearColumn(year=year, label=str(year)) for year in years]
    bands_source: list[Band] = []
    if assessment is not None and report is not None and current_year is not None:
        estimate = assessment.status != AssessmentStatus.FINAL
        column = "expected" if estimate else "final"
        label = _("%(year)s (dự kiến)") % {"year": current_year} if estimate else str(current_year)
        columns.append(YearColumn(year=current_year, label=label, estimate=estimate))
        for root in report.roots:
            if root.criterion.code in fields:
                fields[root.criterion.code].scores[current_year] = root.values[column]
        totals[current_year] = report.index[column]
        bands_source = list(assessment.framework.bands.all())
    unit_group = assessment.framework.unit_group if assessment is not None else ""
    peer_rows = PeerResult.objects.order_by("year", "-total", "name")
    if unit_group:
        peer_rows = peer_rows.filter(unit_group=unit_group)
    peers: dict[int, list[PeerResult]] = {}
    for peer in peer_rows:
        peers.setdefault(peer.year, []).append(peer)
    ranks = {
        column.year: rank
        for column in columns
        if (rank := _rank(totals.get(column.year), peers.get(column.year, []))) is not None
    }
    bands = {
        year: band_for(bands_source, total) for year, total in totals.items() if total is not None and bands_source
    }
    return YearOverYear(
        years=columns,
        fields=list(fields.values()),
        totals=totals,
        bands=bands,
        ranks=ranks,
        peers=peers,
        historical=historical,
    )
