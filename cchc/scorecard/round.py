"""The only code that writes an assessment round: one service per transition, row-locked and audited.

Assessment: draft --open--> open --lock--> locked --(first appraisal)--> appraisal --finalise--> final;
open | locked --reopen (new deadline, PAR managers only)--> open.
Item: draft | returned --self-score, evidence, submit (room, until the deadline)--> submitted
--accept--> accepted; submitted | accepted --return (with a comment)--> returned;
(locked or appraisal) not yet explained --appraise--> appraised, or final when it equals the self-score;
appraised | explaining --explain (room)--> explaining; appraised | explaining --finalise--> final.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.permissions import VIEW, restrict
from cchc.core.services import audit_record, notification_send
from cchc.core.snapshots import Snapshot, model_snapshot, snapshot_diff
from cchc.evidence.models import EvidenceDocument
from cchc.evidence.services import evidence_upload
from cchc.org.choices import Role
from cchc.org.models import Unit, User
from cchc.org.selectors import unit_subtree_ids

from .choices import AssessmentStatus, ItemStatus
from .models import Assessment, AssessmentItem, Criterion, Framework
from .round_selectors import codes_in_tree_order
from .rules import ROOM_EDITORS, is_par_manager, works_in_lead_room

EDITABLE_STATUSES = frozenset({ItemStatus.DRAFT, ItemStatus.RETURNED})
REVIEW_PHASES = frozenset({AssessmentStatus.OPEN, AssessmentStatus.LOCKED})
APPRAISAL_PHASES = frozenset({AssessmentStatus.LOCKED, AssessmentStatus.APPRAISAL})
ITEM_FIELDS = (
    "lead_unit",
    "status",
    "self_score",
    "self_note",
    "measured_value",
    "review_comment",
    "appraisal_score",
    "explanation",
    "final_score",
)
ASSESSMENT_FIELDS = ("framework", "unit", "deadline", "status")
# Set only by the services themselves (and empty until then); the model does not mark them blank=True.
SERVICE_STAMPS = frozenset({"opened_by", "opened_at", "submitted_at"})


def _points(value: Decimal | None) -> str:
    return "—" if value is None else str(floatformat(value, "-2"))


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def _item_url(item: AssessmentItem) -> str:
    return reverse("scorecard:item_detail", args=[item.pk])


def _assessment_url(assessment: Assessment) -> str:
    return reverse("scorecard:assessment_detail", args=[assessment.pk])


def item_snapshot(item: AssessmentItem) -> Snapshot:
    snapshot = model_snapshot(item, list(ITEM_FIELDS))
    snapshot[str(_("trạng thái"))] = str(ItemStatus(item.status).label)
    if item.pk:
        snapshot[str(_("phòng phối hợp"))] = sorted(str(unit) for unit in item.coordinating_units.all())
    return snapshot


def _assessment_snapshot(assessment: Assessment) -> Snapshot:
    snapshot = model_snapshot(assessment, list(ASSESSMENT_FIELDS))
    snapshot[str(_("trạng thái"))] = str(AssessmentStatus(assessment.status).label)
    return snapshot


def _locked_assessment(assessment: Assessment) -> Assessment:
    return Assessment.objects.select_for_update(of=("self",)).select_related("framework", "unit").get(pk=assessment.pk)


def _locked_item(item: AssessmentItem) -> AssessmentItem:
    """The item and its assessment, both locked (always the assessment first, so two services never deadlock)."""
    assessment = _locked_assessment(item.assessment)
    locked = (
        AssessmentItem.objects.select_for_update(of=("self",)).select_related("criterion", "lead_unit").get(pk=item.pk)
    )
    locked.assessment = assessment
    return locked


def _save_item(*, actor: Any, item: AssessmentItem, action: str, before: Snapshot, note: str = "") -> AssessmentItem:
    item.full_clean(exclude=SERVICE_STAMPS)
    item.save()
    audit_record(
        actor=actor, action=action, instance=item, changes=snapshot_diff(before, item_snapshot(item)), note=note
    )
    return item


def _save_assessment(*, actor: Any, assessment: Assessment, action: str, before: Snapshot) -> None:
    assessment.full_clean(exclude=SERVICE_STAMPS)
    assessment.save()
    changes = snapshot_diff(before, _assessment_snapshot(assessment))
    audit_record(actor=actor, action=action, instance=assessment, changes=changes)


def _require_manager(actor: Any) -> None:
    if not is_par_manager(actor):
        raise ValidationError(_("Chỉ Phòng Tổ chức – Cán bộ (đầu mối Chỉ số CCHC) được thực hiện thao tác này."))


def _require_room(actor: Any, item: AssessmentItem) -> None:
    if not (is_par_manager(actor) or works_in_lead_room(actor, item)):
        raise ValidationError(
            _("Chỉ cán bộ của phòng chủ trì tiêu chí %(code)s hoặc Phòng Tổ chức – Cán bộ được thực hiện thao tác này.")
            % {"code": item.criterion.code}
        )


def _require_self_scoring(item: AssessmentItem) -> None:
    """The round is open, the deadline has not passed, and the item is with the room."""
    assessment = item.assessment
    if assessment.status != AssessmentStatus.OPEN:
        raise ValidationError(
            _("Đợt tự chấm không mở (trạng thái: “%(status)s”), không sửa được tiêu chí %(code)s.")
            % {"status": AssessmentStatus(assessment.status).label, "code": item.criterion.code}
        )
    if assessment.deadline is None or timezone.localdate() > assessment.deadline:
        raise ValidationError(
            _("Đã quá hạn tự chấm (%(deadline)s). Chỉ Phòng Tổ chức – Cán bộ mở lại được đợt tự chấm.")
            % {"deadline": _date(assessment.deadline)}
        )
    if item.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("Tiêu chí %(code)s đang ở trạng thái “%(status)s”, không sửa được.")
            % {"code": item.criterion.code, "status": ItemStatus(item.status).label}
        )


def _refuse_status(item: AssessmentItem, allowed: Iterable[str]) -> None:
    if item.status not in allowed:
        raise ValidationError(
            _("Không thực hiện được: tiêu chí %(code)s đang ở trạng thái “%(status)s”.")
            % {"code": item.criterion.code, "status": ItemStatus(item.status).label}
        )


def _check_points(value: Decimal | None, criterion: Criterion, field: str) -> None:
    if value is None:
        raise ValidationError({field: _("Cần nhập điểm.")})
    if not Decimal(0) <= value <= criterion.max_points:
        raise ValidationError(
            {
                field: _("Điểm của tiêu chí %(code)s phải từ 0 đến %(max)s.")
                % {"code": criterion.code, "max": _points(criterion.max_points)}
            }
        )


def _check_deadline(deadline: datetime.date | None) -> datetime.date:
    if deadline is None:
        raise ValidationError({"deadline": _("Cần đặt hạn tự chấm.")})
    today = timezone.localdate()
    if deadline < today:
        raise ValidationError(
            {"deadline": _("Hạn tự chấm phải từ hôm nay (%(today)s) trở đi.") % {"today": _date(today)}}
        )
    return deadline


def _people(unit_id: int | None, roles: Iterable[str]) -> QuerySet[User]:
    if unit_id is None:
        return User.objects.none()
    return User.objects.filter(unit_id=unit_id, is_active=True, role_assignments__role__in=list(roles)).distinct()


def _focal_points() -> QuerySet[User]:
    return User.objects.filter(is_active=True, role_assignments__role=Role.PAR_FOCAL).distinct()


def _notify_room(item: AssessmentItem, message: str) -> None:
    for person in _people(item.lead_unit_id, ROOM_EDITORS):
        notification_send(recipient=person, message=message, url=_item_url(item))


def _notify_focal_points(item: AssessmentItem, message: str) -> None:
    for person in _focal_points():
        notification_send(recipient=person, message=message, url=_item_url(item))


def _notify_lead_rooms(assessment: Assessment, message: str, dedup_key: str) -> None:
    """Tell the heads of every lead room how many criteria their room has in the round.

    `message` names %(unit)s, %(count)s, %(year)s and %(deadline)s.
    """
    counts: dict[int, int] = defaultdict(int)
    for unit_id in assessment.items.exclude(lead_unit=None).values_list("lead_unit_id", flat=True):
        counts[unit_id] += 1
    for unit in Unit.objects.filter(pk__in=counts):
        params = {
            "unit": unit.name,
            "count": counts[unit.pk],
            "year": assessment.framework.year,
            "deadline": _date(assessment.deadline),
        }
        for person in _people(unit.pk, {Role.UNIT_HEAD}):
            notification_send(
                recipient=person,
                message=message % params,
                url=_assessment_url(assessment),
                dedup_key=f"{dedup_key}-{person.pk}",
            )


# ---- The round ----


@transaction.atomic
def assessment_create(
    *, actor: Any, framework: Framework, unit: Unit, deadline: datetime.date | None = None
) -> Assessment:
    """A year's self-assessment of a unit: one item per leaf criterion of the framework."""
    _require_manager(actor)
    if Assessment.objects.filter(framework=framework, unit=unit).exists():
        raise ValidationError(
            {
                "framework": _("%(unit)s đã có kỳ tự đánh giá theo “%(framework)s”.")
                % {"unit": unit.name, "framework": str(framework)}
            }
        )
    if deadline is not None:
        _check_deadline(deadline)
    leaves = list(framework.criteria.filter(children__isnull=True).order_by("sort_order", "pk"))
    if not leaves:
        raise ValidationError(
            {
                "framework": _("Bộ tiêu chí “%(framework)s” chưa có tiêu chí nào để chấm.")
                % {"framework": str(framework)}
            }
        )
    assessment = Assessment(framework=framework, unit=unit, deadline=deadline)
    assessment.full_clean(exclude=SERVICE_STAMPS)
    assessment.save()
    AssessmentItem.objects.bulk_create(AssessmentItem(assessment=assessment, criterion=leaf) for leaf in leaves)
    audit_record(
        actor=actor,
        action="assessment_create",
        instance=assessment,
        changes=snapshot_diff({}, _assessment_snapshot(assessment)),
        note=_("%(count)s tiêu chí được chấm") % {"count": len(leaves)},
    )
    return assessment


def _assign(*, actor: Any, item: AssessmentItem, lead_unit: Unit, coordinating_units: Iterable[Unit]) -> bool:
    """Set the lead and coordinating rooms of a locked item; True when the lead room changed."""
    assessment = item.assessment
    if assessment.status not in {AssessmentStatus.DRAFT, AssessmentStatus.OPEN}:
        raise ValidationError(
            _("Chỉ giao tiêu chí khi đợt đang chuẩn bị hoặc đang tự chấm (hiện: “%(status)s”).")
            % {"status": AssessmentStatus(assessment.status).label}
        )
    allowed = unit_subtree_ids(assessment.unit_id) - {assessment.unit_id}
    if lead_unit.pk not in allowed:
        raise ValidationError(
            {
                "lead_unit": _("%(unit)s không thuộc %(owner)s.")
                % {"unit": lead_unit.name, "owner": assessment.unit.name}
            }
        )
    coordinating = [unit for unit in coordinating_units if unit.pk != lead_unit.pk]
    outside = [unit.name for unit in coordinating if unit.pk not in allowed]
    if outside:
        raise ValidationError(
            {
                "coordinating_units": _("Không thuộc %(owner)s: %(units)s.")
                % {"owner": assessment.unit.name, "units": ", ".join(outside)}
            }
        )
    before = item_snapshot(item)
    changed = item.lead_unit_id != lead_unit.pk
    item.lead_unit = lead_unit
    item.coordinating_units.set(coordinating)
    _save_item(actor=actor, item=item, action="item_assign", before=before)
    return changed


@transaction.atomic
def item_assign(
    *, actor: Any, item: AssessmentItem, lead_unit: Unit, coordinating_units: Iterable[Unit] = ()
) -> AssessmentItem:
    """TCCB gives a criterion to a lead room (with coordinating rooms); the room's heads are told."""
    _require_manager(actor)
    item = _locked_item(item)
    if _assign(actor=actor, item=item, lead_unit=lead_unit, coordinating_units=coordinating_units):
        for person in _people(lead_unit.pk, {Role.UNIT_HEAD}):
            notification_send(
                recipient=person,
                message=_("%(unit)s được giao chủ trì tiêu chí %(code)s của Chỉ số CCHC năm %(year)s.")
                % {"unit": lead_unit.name, "code": item.criterion.code, "year": item.assessment.framework.year},
                url=_item_url(item),
                dedup_key=f"par-item-assigned-{item.pk}-{lead_unit.pk}-{person.pk}",
            )
    return item


def _subtree(criterion: Criterion) -> set[int]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in Criterion.objects.filter(framework_id=criterion.framework_id).values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    found: set[int] = set()
    stack = [criterion.pk]
    while stack:
        current = stack.pop()
        found.add(current)
        stack.extend(children.get(current, []))
    return found


@transaction.atomic
def items_assign_by_field(
    *,
    actor: Any,
    assessment: Assessment,
    field: Criterion,
    lead_unit: Unit,
    coordinating_units: Iterable[Unit] = (),
) -> int:
    """Give every criterion of a field (or of any branch of the tree) to one room; one notice per head."""
    _require_manager(actor)
    assessment = _locked_assessment(assessment)
    if field.framework_id != assessment.framework_id:
        raise ValidationError({"field": _("Lĩnh vực này không thuộc bộ tiêu chí của đợt đánh giá.")})
    coordinating = list(coordinating_units)
    items = list(
        AssessmentItem.objects.select_for_update()
        .select_related("criterion")
        .filter(assessment=assessment, criterion_id__in=_subtree(field))
    )
    for item in items:
        item.assessment = assessment
        _assign(actor=actor, item=item, lead_unit=lead_unit, coordinating_units=coordinating)
    for person in _people(lead_unit.pk, {Role.UNIT_HEAD}):
        notification_send(
            recipient=person,
            message=_(
                "%(unit)s được giao chủ trì %(count)s tiêu chí của lĩnh vực “%(field)s” (Chỉ số CCHC năm %(year)s)."
            )
            % {
                "unit": lead_unit.name,
                "count": len(items),
                "field": str(field)[:150],
                "year": assessment.framework.year,
            },
            url=_assessment_url(assessment),
        )
    return len(items)


def _first_codes(codes: list[str], limit: int = 10) -> str:
    """The first criterion codes of a list for an error message, with "…" when there are more."""
    return ", ".join(codes[:limit]) + (" …" if len(codes) > limit else "")


@transaction.atomic
def assessment_open(*, actor: Any, assessment: Assessment, deadline: datetime.date | None = None) -> Assessment:
    """Open the self-scoring: needs a deadline and every criterion assigned; every lead room's heads are told."""
    _require_manager(actor)
    assessment = _locked_assessment(assessment)
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError(
            _("Chỉ mở được đợt đang chuẩn bị (hiện: “%(status)s”).")
            % {"status": AssessmentStatus(assessment.status).label}
        )
    before = _assessment_snapshot(assessment)
    assessment.deadline = _check_deadline(deadline or assessment.deadline)
    unassigned = codes_in_tree_order(assessment.items.filter(lead_unit=None), assessment.framework_id)
    if unassigned:
        shown = _first_codes(unassigned)
        raise ValidationError(
            _("Còn %(count)s tiêu chí chưa giao phòng chủ trì: %(codes)s.") % {"count": len(unassigned), "codes": shown}
        )
    assessment.status = AssessmentStatus.OPEN
    assessment.opened_by = actor
    assessment.opened_at = timezone.now()
    _save_assessment(actor=actor, assessment=assessment, action="assessment_open", before=before)
    message = _(
        "Đã mở tự chấm Chỉ số CCHC năm %(year)s: %(unit)s chủ trì %(count)s tiêu chí, hạn tự chấm %(deadline)s."
    )
    _notify_lead_rooms(assessment, message, f"par-open-{assessment.pk}")
    return assessment


@transaction.atomic
def assessment_lock(*, actor: Any, assessment: Assessment) -> Assessment:
    """Close the self-scoring: rooms no longer change anything; TCCB may still review and then appraise."""
    _require_manager(actor)
    assessment = _locked_assessment(assessment)
    if assessment.status != AssessmentStatus.OPEN:
        raise ValidationError(
            _("Chỉ khóa được đợt đang tự chấm (hiện: “%(status)s”).")
            % {"status": AssessmentStatus(assessment.status).label}
        )
    before = _assessment_snapshot(assessment)
    assessment.status = AssessmentStatus.LOCKED
    _save_assessment(actor=actor, assessment=assessment, action="assessment_lock", before=before)
    return assessment


@transaction.atomic
def assessment_reopen(*, actor: Any, assessment: Assessment, deadline: datetime.date) -> Assessment:
    """Open the self-scoring again (or extend it) until a new deadline; the lead rooms' heads are told."""
    _require_manager(actor)
    assessment = _locked_assessment(assessment)
    if assessment.status not in REVIEW_PHASES:
        raise ValidationError(
            _("Chỉ mở lại được đợt đang tự chấm hoặc đã khóa; đợt đã thẩm định thì không mở lại (hiện: “%(status)s”).")
            % {"status": AssessmentStatus(assessment.status).label}
        )
    before = _assessment_snapshot(assessment)
    assessment.deadline = _check_deadline(deadline)
    assessment.status = AssessmentStatus.OPEN
    _save_assessment(actor=actor, assessment=assessment, action="assessment_reopen", before=before)
    message = _(
        "Đã mở lại tự chấm Chỉ số CCHC năm %(year)s: %(unit)s chủ trì %(count)s tiêu chí, hạn mới %(deadline)s."
    )
    _notify_lead_rooms(assessment, message, f"par-reopen-{assessment.pk}-{assessment.deadline.isoformat()}")
    return assessment


@transaction.atomic
def assessment_finalise(*, actor: Any, assessment: Assessment) -> Assessment:
    """The round is over when every criterion has its final score."""
    _require_manager(actor)
    assessment = _locked_assessment(assessment)
    if assessment.status != AssessmentStatus.APPRAISAL:
        raise ValidationError(
            _("Chỉ hoàn tất được đợt đang thẩm định (hiện: “%(status)s”).")
            % {"status": AssessmentStatus(assessment.status).label}
        )
    pending = codes_in_tree_order(assessment.items.exclude(status=ItemStatus.FINAL), assessment.framework_id)
    if pending:
        shown = _first_codes(pending)
        raise ValidationError(
            _("Còn %(count)s tiêu chí chưa có điểm cuối cùng: %(codes)s.") % {"count": len(pending), "codes": shown}
        )
    before = _assessment_snapshot(assessment)
    assessment.status = AssessmentStatus.FINAL
    _save_assessment(actor=actor, assessment=assessment, action="assessment_finalise", before=before)
    return assessment


# ---- Self-scoring by the lead room ----


@transaction.atomic
def item_self_score(
    *,
    actor: Any,
    item: AssessmentItem,
    self_score: Decimal,
    self_note: str = "",
    measured_value: Decimal | None = None,
) -> AssessmentItem:
    """The room's score with its explanation (and the measured rate, fed by hand until the system measures it)."""
    item = _locked_item(item)
    _require_room(actor, item)
    _require_self_scoring(item)
    _check_points(self_score, item.criterion, "self_score")
    if measured_value is not None and not Decimal(0) <= measured_value <= Decimal(100):
        raise ValidationError({"measured_value": _("Giá trị đo được là tỉ lệ phần trăm, từ 0 đến 100.")})
    before = item_snapshot(item)
    item.self_score = self_score
    item.self_note = self_note.strip()
    item.measured_value = measured_value
    return _save_item(actor=actor, item=item, action="item_self_score", before=before)


@transaction.atomic
def item_attach_evidence(
    *,
    actor: Any,
    item: AssessmentItem,
    upload: UploadedFile | None = None,
    document: EvidenceDocument | None = None,
    title: str = "",
) -> EvidenceDocument:
    """Attach a new file (stored once, in the lead room's name) or link a document the actor may already see."""
    if upload is not None and document is not None:
        raise ValidationError(_("Chỉ chọn một: tải lên tệp mới hoặc liên kết tài liệu đã có."))
    item = _locked_item(item)
    _require_room(actor, item)
    _require_self_scoring(item)
    if document is not None:
        if not restrict(EvidenceDocument.objects.all(), actor, VIEW).filter(pk=document.pk).exists():
            raise ValidationError({"document": _("Bạn không được xem tài liệu này nên không liên kết được.")})
        if item.evidence.filter(pk=document.pk).exists():
            raise ValidationError({"document": _("Tài liệu “%(title)s” đã được đính kèm.") % {"title": document.title}})
        note = _("liên kết tài liệu đã có")
    elif upload is not None:
        if item.lead_unit is None:
            raise ValidationError(_("Tiêu chí chưa có phòng chủ trì nên chưa lưu được tài liệu."))
        document = evidence_upload(actor=actor, upload=upload, unit=item.lead_unit, title=title).document
        note = _("tải lên tệp mới")
    else:
        raise ValidationError(_("Chọn một tệp để tải lên, hoặc một tài liệu đã có trong hệ thống để liên kết."))
    item.evidence.add(document)
    audit_record(
        actor=actor,
        action="item_attach_evidence",
        instance=item,
        changes={str(_("tài liệu kiểm chứng")): [None, document.title]},
        note=note,
    )
    return document


@transaction.atomic
def item_detach_evidence(*, actor: Any, item: AssessmentItem, document: EvidenceDocument) -> AssessmentItem:
    """Take a document off the criterion; the document itself stays (it may serve other criteria or tasks)."""
    item = _locked_item(item)
    _require_room(actor, item)
    _require_self_scoring(item)
    if not item.evidence.filter(pk=document.pk).exists():
        raise ValidationError(
            {"document": _("Tài liệu “%(title)s” không gắn với tiêu chí này.") % {"title": document.title}}
        )
    item.evidence.remove(document)
    audit_record(
        actor=actor,
        action="item_detach_evidence",
        instance=item,
        changes={str(_("tài liệu kiểm chứng")): [document.title, None]},
    )
    return item


@transaction.atomic
def item_submit(*, actor: Any, item: AssessmentItem) -> AssessmentItem:
    """The room sends its self-score (with the evidence the criterion asks for) to TCCB."""
    item = _locked_item(item)
    _require_room(actor, item)
    _require_self_scoring(item)
    if item.self_score is None:
        raise ValidationError({"self_score": _("Cần nhập điểm tự chấm trước khi gửi.")})
    if item.criterion.evidence_required.strip() and not item.evidence.exists():
        raise ValidationError(
            _(
                "Tiêu chí %(code)s cần tài liệu kiểm chứng (%(required)s): "
                "hãy đính kèm ít nhất một tài liệu trước khi gửi."
            )
            % {"code": item.criterion.code, "required": item.criterion.evidence_required.strip()[:200]}
        )
    before = item_snapshot(item)
    item.status = ItemStatus.SUBMITTED
    item.submitted_at = timezone.now()
    _save_item(actor=actor, item=item, action="item_submit", before=before)
    _notify_focal_points(
        item,
        _("%(unit)s đã gửi tự chấm tiêu chí %(code)s: %(score)s/%(max)s điểm.")
        % {
            "unit": item.lead_unit.name if item.lead_unit else "",
            "code": item.criterion.code,
            "score": _points(item.self_score),
            "max": _points(item.criterion.max_points),
        },
    )
    return item


# ---- Review by TCCB ----


@transaction.atomic
def item_accept(*, actor: Any, item: AssessmentItem, comment: str = "") -> AssessmentItem:
    """TCCB accepts the room's self-score and evidence."""
    _require_manager(actor)
    item = _locked_item(item)
    if item.assessment.status not in REVIEW_PHASES:
        raise ValidationError(_("Chỉ duyệt được khi đợt đang tự chấm hoặc đã khóa tự chấm."))
    _refuse_status(item, {ItemStatus.SUBMITTED})
    before = item_snapshot(item)
    item.status = ItemStatus.ACCEPTED
    item.review_comment = comment.strip()
    _save_item(actor=actor, item=item, action="item_accept", before=before, note=item.review_comment[:1000])
    _notify_room(item, _("TCCB đã duyệt tự chấm tiêu chí %(code)s.") % {"code": item.criterion.code})
    return item


@transaction.atomic
def item_return(*, actor: Any, item: AssessmentItem, comment: str) -> AssessmentItem:
    """TCCB sends the self-score back to the room with what to fix."""
    _require_manager(actor)
    if not comment.strip():
        raise ValidationError({"comment": _("Cần ghi ý kiến khi trả lại: phòng cần sửa gì.")})
    item = _locked_item(item)
    if item.assessment.status not in REVIEW_PHASES:
        raise ValidationError(_("Chỉ trả lại được khi đợt đang tự chấm hoặc đã khóa tự chấm."))
    _refuse_status(item, {ItemStatus.SUBMITTED, ItemStatus.ACCEPTED})
    before = item_snapshot(item)
    item.status = ItemStatus.RETURNED
    item.review_comment = comment.strip()
    _save_item(actor=actor, item=item, action="item_return", before=before, note=item.review_comment[:1000])
    _notify_room(
        item,
        _("TCCB trả lại tiêu chí %(code)s: %(comment)s") % {"code": item.criterion.code, "comment": comment[:300]},
    )
    return item


# ---- Appraisal, explanation, final ----


@transaction.atomic
def item_appraise(*, actor: Any, item: AssessmentItem, appraisal_score: Decimal) -> AssessmentItem:
    """The province's appraisal; equal to the self-score it is final, otherwise the room may explain."""
    _require_manager(actor)
    item = _locked_item(item)
    assessment = item.assessment
    if assessment.status not in APPRAISAL_PHASES:
        raise ValidationError(_("Chỉ nhập điểm thẩm định sau khi đã khóa đợt tự chấm."))
    _refuse_status(item, set(ItemStatus) - {ItemStatus.EXPLAINING, ItemStatus.FINAL})
    _check_points(appraisal_score, item.criterion, "appraisal_score")
    if assessment.status == AssessmentStatus.LOCKED:
        assessment_before = _assessment_snapshot(assessment)
        assessment.status = AssessmentStatus.APPRAISAL
        _save_assessment(
            actor=actor, assessment=assessment, action="assessment_appraisal_start", before=assessment_before
        )
    before = item_snapshot(item)
    item.appraisal_score = appraisal_score
    agreed = item.self_score is not None and item.self_score == appraisal_score
    item.status = ItemStatus.FINAL if agreed else ItemStatus.APPRAISED
    item.final_score = appraisal_score if agreed else None
    _save_item(actor=actor, item=item, action="item_appraise", before=before)
    if not agreed:
        _notify_room(
            item,
            _("Điểm thẩm định tiêu chí %(code)s là %(appraisal)s, khác điểm tự chấm %(self)s: phòng có thể giải trình.")
            % {"code": item.criterion.code, "appraisal": _points(appraisal_score), "self": _points(item.self_score)},
        )
    return item


@transaction.atomic
def item_explain(
    *, actor: Any, item: AssessmentItem, explanation: str, upload: UploadedFile | None = None
) -> AssessmentItem:
    """The lead room's explanation (giải trình), with an optional file, where the appraisal differs."""
    item = _locked_item(item)
    if not works_in_lead_room(actor, item):
        raise ValidationError(
            _("Chỉ cán bộ của phòng chủ trì tiêu chí %(code)s được giải trình.") % {"code": item.criterion.code}
        )
    if item.assessment.status != AssessmentStatus.APPRAISAL:
        raise ValidationError(_("Chỉ giải trình được khi đợt đang thẩm định."))
    _refuse_status(item, {ItemStatus.APPRAISED, ItemStatus.EXPLAINING})
    if not explanation.strip():
        raise ValidationError({"explanation": _("Cần ghi nội dung giải trình.")})
    before = item_snapshot(item)
    note = ""
    if upload is not None:
        if item.lead_unit is None:
            raise ValidationError(_("Tiêu chí chưa có phòng chủ trì nên chưa lưu được tài liệu."))
        title = _("Giải trình tiêu chí %(code)s – %(name)s") % {"code": item.criterion.code, "name": upload.name or ""}
        document = evidence_upload(actor=actor, upload=upload, unit=item.lead_unit, title=title).document
        item.evidence.add(document)
        note = _("tệp giải trình: %(title)s") % {"title": document.title}
    item.status = ItemStatus.EXPLAINING
    item.explanation = explanation.strip()
    _save_item(actor=actor, item=item, action="item_explain", before=before, note=note)
    _notify_focal_points(
        item,
        _("%(unit)s đã giải trình tiêu chí %(code)s.")
        % {"unit": item.lead_unit.name if item.lead_unit else "", "code": item.criterion.code},
    )
    return item


@transaction.atomic
def item_finalise(*, actor: Any, item: AssessmentItem, final_score: Decimal) -> AssessmentItem:
    """The final score of a criterion after the appraisal (and the explanation, if any)."""
    _require_manager(actor)
    item = _locked_item(item)
    if item.assessment.status != AssessmentStatus.APPRAISAL:
        raise ValidationError(_("Chỉ nhập điểm cuối cùng khi đợt đang thẩm định."))
    _refuse_status(item, {ItemStatus.APPRAISED, ItemStatus.EXPLAINING})
    _check_points(final_score, item.criterion, "final_score")
    before = item_snapshot(item)
    item.status = ItemStatus.FINAL
    item.final_score = final_score
    _save_item(actor=actor, item=item, action="item_finalise", before=before)
    _notify_room(
        item,
        _("Tiêu chí %(code)s có điểm cuối cùng: %(score)s.")
        % {"code": item.criterion.code, "score": _points(final_score)},
    )
    return item
