"""Reads of the assessment round, restricted to what the user may see: the round page, an item, progress by room."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from cchc.core.permissions import VIEW, restrict
from cchc.core.text import fold
from cchc.evidence.models import EvidenceDocument
from cchc.org.models import Unit
from cchc.org.selectors import unit_subtree_ids, units_valid_on

from .choices import AssessmentStatus, ItemStatus
from .models import Assessment, AssessmentItem, Criterion
from .rules import is_par_manager, works_in_lead_room

AFTER_APPRAISAL = frozenset({ItemStatus.APPRAISED, ItemStatus.EXPLAINING, ItemStatus.FINAL})
WITH_ROOM = frozenset({ItemStatus.DRAFT, ItemStatus.RETURNED})
RUNNING = (AssessmentStatus.OPEN, AssessmentStatus.LOCKED)


def assessment_list(*, user: Any) -> QuerySet[Assessment]:
    """Assessments the user may see (TCCB and leadership: all; a room: those where it leads or coordinates)."""
    return restrict(Assessment.objects.select_related("framework", "unit"), user, VIEW)


def item_list(*, user: Any, assessment: Assessment | None = None) -> QuerySet[AssessmentItem]:
    """Items the user may see, with what the round page shows (the evidence count among them)."""
    items = AssessmentItem.objects.select_related("criterion", "lead_unit", "assessment", "assessment__framework")
    if assessment is not None:
        items = items.filter(assessment=assessment)
    return (
        restrict(items, user, VIEW)
        .prefetch_related("coordinating_units")
        .annotate(evidence_count=Count("evidence", distinct=True))
        .order_by("criterion__sort_order", "criterion__pk")
    )


def days_left(assessment: Assessment, today: datetime.date | None = None) -> int | None:
    """Days until the self-scoring deadline (0 on the day, negative once passed); None without a deadline."""
    if assessment.deadline is None:
        return None
    return (assessment.deadline - (today or timezone.localdate())).days


def tree_positions(framework_id: int) -> dict[int, int]:
    """Each criterion's place in the tree read top-down (a node, then its children by their order)."""
    children: dict[int | None, list[tuple[int, int]]] = defaultdict(list)
    for pk, parent_id, order in Criterion.objects.filter(framework_id=framework_id).values_list(
        "pk", "parent_id", "sort_order"
    ):
        children[parent_id].append((order, pk))
    positions: dict[int, int] = {}
    stack = sorted(children.get(None, []), reverse=True)
    while stack:
        _order, pk = stack.pop()
        positions[pk] = len(positions)
        stack.extend(sorted(children.get(pk, []), reverse=True))
    return positions


def codes_in_tree_order(items: QuerySet[AssessmentItem], framework_id: int) -> list[str]:
    """The criterion codes of some items, in the order the framework lists them."""
    positions = tree_positions(framework_id)
    found = items.values_list("criterion_id", "criterion__code")
    return [code for _pk, code in sorted(found, key=lambda row: positions.get(row[0], 0))]


@dataclass(frozen=True)
class Deadline:
    """The self-scoring deadline as the pages show it."""

    date: datetime.date
    days_left: int

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)


def deadline_of(assessment: Assessment, today: datetime.date | None = None) -> Deadline | None:
    left = days_left(assessment, today)
    return None if assessment.deadline is None or left is None else Deadline(assessment.deadline, left)


@dataclass
class FieldGroup:
    """A field (lĩnh vực) of the framework and the items under it."""

    criterion: Criterion
    items: list[AssessmentItem] = field(default_factory=list)


def items_by_field(*, user: Any, assessment: Assessment) -> list[FieldGroup]:
    """The visible items grouped under the root criterion (field) they belong to, in the framework's order."""
    criteria = {criterion.pk: criterion for criterion in assessment.framework.criteria.all()}

    def root_of(criterion: Criterion) -> Criterion:
        while criterion.parent_id is not None and criterion.parent_id in criteria:
            criterion = criteria[criterion.parent_id]
        return criterion

    positions = tree_positions(assessment.framework_id)
    groups: dict[int, FieldGroup] = {}
    items = sorted(item_list(user=user, assessment=assessment), key=lambda item: positions.get(item.criterion_id, 0))
    for item in items:
        root = root_of(criteria.get(item.criterion_id, item.criterion))
        groups.setdefault(root.pk, FieldGroup(root)).items.append(item)
    return sorted(groups.values(), key=lambda group: positions.get(group.criterion.pk, 0))


def framework_fields(assessment: Assessment) -> QuerySet[Criterion]:
    """The fields (root criteria) of the assessment's framework, for the "assign by field" form."""
    return assessment.framework.criteria.filter(parent=None).order_by("sort_order", "pk")


@dataclass
class RoomProgress:
    """Where one lead room stands in the round (unit None: criteria not yet given to a room)."""

    unit: Unit | None
    days_left: int | None
    assigned: int = 0
    draft: int = 0
    submitted: int = 0
    returned: int = 0
    accepted: int = 0
    appraised: int = 0
    missing_evidence: int = 0

    @property
    def with_room(self) -> int:
        """Criteria the room still has to send (never sent, or sent back by TCCB)."""
        return self.draft + self.returned

    @property
    def late(self) -> bool:
        return self.days_left is not None and self.days_left < 0 and self.with_room > 0


def room_progress(*, user: Any, assessment: Assessment, today: datetime.date | None = None) -> list[RoomProgress]:
    """Per lead room: criteria assigned, still with the room, sent, returned, accepted, appraised, missing evidence."""
    left = days_left(assessment, today)
    rows: dict[int | None, RoomProgress] = {}
    items = (
        restrict(AssessmentItem.objects.filter(assessment=assessment), user, VIEW)
        .annotate(evidence_count=Count("evidence", distinct=True))
        .values_list("lead_unit_id", "status", "criterion__evidence_required", "evidence_count")
    )
    for unit_id, status, evidence_required, evidence_count in items:
        row = rows.setdefault(unit_id, RoomProgress(unit=None, days_left=left))
        row.assigned += 1
        if status == ItemStatus.DRAFT:
            row.draft += 1
        elif status == ItemStatus.SUBMITTED:
            row.submitted += 1
        elif status == ItemStatus.RETURNED:
            row.returned += 1
        elif status == ItemStatus.ACCEPTED:
            row.accepted += 1
        else:
            row.appraised += 1
        if evidence_required.strip() and not evidence_count:
            row.missing_evidence += 1
    units = {unit.pk: unit for unit in Unit.objects.filter(pk__in=[pk for pk in rows if pk is not None])}
    for key, row in rows.items():
        row.unit = units.get(key) if key is not None else None
    return sorted(
        rows.values(),
        key=lambda row: (row.unit is None, row.unit.sort_order if row.unit else 0, row.unit.name if row.unit else ""),
    )


@dataclass
class RoundProgress:
    """A running round and its rooms, for TCCB's home page."""

    assessment: Assessment
    days_left: int | None
    rooms: list[RoomProgress]
    totals: dict[str, int] = field(default_factory=dict)


def running_rounds(*, user: Any, today: datetime.date | None = None) -> list[RoundProgress]:
    """Rounds in self-scoring or locked for review that the user may see, each with its progress by room."""
    found = []
    for assessment in assessment_list(user=user).filter(status__in=RUNNING).order_by("-framework__year", "pk"):
        rooms = room_progress(user=user, assessment=assessment, today=today)
        totals: dict[str, int] = defaultdict(int)
        for row in rooms:
            for name in ("assigned", "draft", "submitted", "returned", "accepted", "appraised", "missing_evidence"):
                totals[name] += getattr(row, name)
        found.append(RoundProgress(assessment, days_left(assessment, today), rooms, dict(totals)))
    return found


def item_evidence(*, user: Any, item: AssessmentItem) -> list[tuple[EvidenceDocument, bool]]:
    """The item's documents, each with whether this user may download it."""
    documents = list(item.evidence.prefetch_related("versions").order_by("created_at", "pk"))
    visible = set(
        restrict(
            EvidenceDocument.objects.filter(pk__in=[document.pk for document in documents]), user, VIEW
        ).values_list("pk", flat=True)
    )
    return [(document, document.pk in visible) for document in documents]


def linkable_documents(*, user: Any, item: AssessmentItem, query: str = "", limit: int = 50) -> list[EvidenceDocument]:
    """Documents the user may see and could link to the item (newest first); the search ignores diacritics."""
    documents = restrict(EvidenceDocument.objects.select_related("unit"), user, VIEW).exclude(
        pk__in=item.evidence.values("pk")
    )
    documents = documents.order_by("-created_at", "-pk")
    wanted = fold(query)
    if not wanted:
        return list(documents[:limit])
    matching: list[int] = []
    for pk, title in documents.values_list("pk", "title"):
        if wanted in fold(title):
            matching.append(pk)
            if len(matching) == limit:
                break
    return list(documents.filter(pk__in=matching))


def assignable_units(assessment: Assessment) -> QuerySet[Unit]:
    """Units that can lead or coordinate a criterion: those under the assessed unit, valid today."""
    scope = unit_subtree_ids(assessment.unit_id) - {assessment.unit_id}
    return Unit.objects.filter(units_valid_on(), pk__in=scope).order_by("sort_order", "name")


def self_scoring_open(assessment: Assessment, today: datetime.date | None = None) -> bool:
    """Rooms may change their criteria: the round is open and the deadline has not passed."""
    left = days_left(assessment, today)
    return assessment.status == AssessmentStatus.OPEN and left is not None and left >= 0


def round_actions(*, user: Any, assessment: Assessment) -> frozenset[str]:
    """The transitions of the round this user may start now (the services check again)."""
    if not is_par_manager(user):
        return frozenset()
    status = assessment.status
    actions = {
        AssessmentStatus.DRAFT: {"open", "assign"},
        AssessmentStatus.OPEN: {"lock", "reopen", "assign"},
        AssessmentStatus.LOCKED: {"reopen"},
        AssessmentStatus.APPRAISAL: {"finalise"},
    }
    return frozenset(actions.get(AssessmentStatus(status), set()))


def item_actions(*, user: Any, item: AssessmentItem, today: datetime.date | None = None) -> frozenset[str]:
    """What this user may do with the item now: the forms the item page shows (the services check again)."""
    assessment = item.assessment
    manager = is_par_manager(user)
    room = manager or works_in_lead_room(user, item)
    found: set[str] = set()
    if room and self_scoring_open(assessment, today) and item.status in WITH_ROOM:
        found |= {"self_score", "upload", "link", "detach", "submit"}
    if manager and assessment.status in RUNNING:
        found |= {"accept", "return"} if item.status == ItemStatus.SUBMITTED else set()
        found |= {"return"} if item.status == ItemStatus.ACCEPTED else set()
    if manager and assessment.status in {AssessmentStatus.DRAFT, AssessmentStatus.OPEN}:
        found.add("assign")
    if manager and assessment.status in {AssessmentStatus.LOCKED, AssessmentStatus.APPRAISAL}:
        found |= set() if item.status in {ItemStatus.EXPLAINING, ItemStatus.FINAL} else {"appraise"}
    if assessment.status == AssessmentStatus.APPRAISAL and item.status in {ItemStatus.APPRAISED, ItemStatus.EXPLAINING}:
        found |= {"explain"} if works_in_lead_room(user, item) else set()
        found |= {"finalise"} if manager else set()
    return frozenset(found)
