"""The only code that writes plans, targets, tasks and their occurrences.

Occurrence transitions (one service each, row-locked, audited):
not_started/in_progress/overdue --report_progress--> in_progress (or stays overdue)
open --report_done--> awaiting_confirmation --confirm--> done | done_late (after the due date)
awaiting_confirmation | done | done_late --return (focal point)--> in_progress
open --cancel--> cancelled; open past its due date --mark_overdue (job)--> overdue
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.measurements import indicator_measure
from cchc.core.services import audit_record, notification_send
from cchc.core.snapshots import model_snapshot, snapshot_diff
from cchc.core.text import fold
from cchc.evidence.models import EvidenceDocument
from cchc.org.models import Unit, User

from .choices import FINISHED_STATUSES, OPEN_STATUSES, OccurrenceStatus
from .models import Plan, ProgressReport, ReformArea, Target, Task, TaskOccurrence
from .timeframes import Period, parse_timeframe

PLAN_FIELDS = ("kind", "number", "issued_on", "issuer", "title", "year", "legal_basis", "purpose", "status")
TASK_FIELDS = (
    "area",
    "general_task",
    "title",
    "product",
    "lead_unit",
    "lead_text",
    "coordinating_text",
    "timeframe_text",
)


def _plan_search_text(plan: Plan) -> str:
    return fold(f"{plan.number} {plan.title} {plan.issuer}")


@transaction.atomic
def plan_create(*, actor: Any, original: EvidenceDocument | None = None, **fields: Any) -> Plan:
    """Record a plan or directive."""
    plan = Plan(created_by=actor, original=original, **{key: fields[key] for key in fields if key in PLAN_FIELDS})
    plan.search_text = _plan_search_text(plan)
    plan.full_clean()
    plan.save()
    audit_record(actor=actor, action="plan_create", instance=plan, changes=snapshot_diff({}, model_snapshot(plan)))
    return plan


@transaction.atomic
def plan_update(*, actor: Any, plan: Plan, original: EvidenceDocument | None = None, **fields: Any) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    before = model_snapshot(plan)
    for name, value in fields.items():
        if name not in PLAN_FIELDS:
            raise TypeError(f"plan_update does not change {name}")
        setattr(plan, name, value)
    if original is not None:
        plan.original = original
    plan.search_text = _plan_search_text(plan)
    plan.full_clean()
    plan.save()
    changes = snapshot_diff(before, model_snapshot(plan))
    if changes:
        audit_record(actor=actor, action="plan_update", instance=plan, changes=changes)
    return plan


@transaction.atomic
def target_save(*, actor: Any, plan: Plan, target: Target | None = None, **fields: Any) -> Target:
    """Add a target to a plan, or change one."""
    before = model_snapshot(target) if target else {}
    target = target or Target(plan=plan)
    for name, value in fields.items():
        setattr(target, name, value)
    target.full_clean()
    target.save()
    audit_record(
        actor=actor, action="target_save", instance=plan, changes=snapshot_diff(before, model_snapshot(target))
    )
    return target


@transaction.atomic
def target_delete(*, actor: Any, target: Target) -> None:
    audit_record(
        actor=actor, action="target_delete", instance=target.plan, changes=snapshot_diff(model_snapshot(target), {})
    )
    target.delete()


@transaction.atomic
def target_measurements_refresh(*, actor: Any = None) -> int:
    """Copy each measured indicator into the targets that name it (for the plan's year); the number changed."""
    measured: dict[tuple[str, int], Decimal | None] = {}
    changed = 0
    for target in Target.objects.select_for_update(of=("self",)).select_related("plan").exclude(indicator=""):
        key = (target.indicator, target.plan.year)
        if key not in measured:
            measured[key] = indicator_measure(*key)
        value = measured[key]
        if value is None or value == target.measured_value:
            continue
        before = model_snapshot(target)
        target.measured_value = value
        target.full_clean()
        target.save(update_fields=["measured_value"])
        audit_record(
            actor=actor,
            action="target_measured",
            instance=target.plan,
            changes=snapshot_diff(before, model_snapshot(target)),
            note=target.indicator,
        )
        changed += 1
    return changed


def _task_search_text(task: Task) -> str:
    return fold(f"{task.general_task} {task.title} {task.product} {task.lead_text} {task.coordinating_text}")


def _sync_occurrences(task: Task) -> None:
    """Make the task's occurrences follow its time frame, keeping those that already have work recorded."""
    timeframe = parse_timeframe(task.timeframe_text, task.plan.year)
    task.recurrence = timeframe.recurrence
    if timeframe.parsed:
        task.due_date = timeframe.due
        task.needs_date_review = False
    elif task.due_date is None:
        task.needs_date_review = True
    periods = timeframe.periods or [Period(task.timeframe_text or _("Cả kỳ"), task.due_date)]
    existing = {occurrence.period_label: occurrence for occurrence in task.occurrences.all()}
    wanted = set()
    for period in periods:
        wanted.add(period.label)
        occurrence = existing.get(period.label)
        if occurrence is None:
            TaskOccurrence.objects.create(task=task, period_label=period.label, due_date=period.due)
        elif occurrence.due_date != period.due:
            occurrence.due_date = period.due
            occurrence.save(update_fields=["due_date"])
    for label, occurrence in existing.items():
        untouched = occurrence.status == OccurrenceStatus.NOT_STARTED and not occurrence.reports.exists()
        if label not in wanted and untouched:
            occurrence.delete()


def _task_snapshot(task: Task) -> dict[str, Any]:
    snapshot = model_snapshot(task, [*TASK_FIELDS, "due_date"])
    if task.pk:
        snapshot[str(_("cơ quan phối hợp"))] = sorted(str(unit) for unit in task.coordinating_units.all())
        snapshot[str(_("người thực hiện"))] = sorted(str(person) for person in task.assignees.all())
    return snapshot


@transaction.atomic
def task_create(
    *,
    actor: Any,
    plan: Plan,
    area: ReformArea,
    title: str,
    timeframe_text: str,
    product: str = "",
    general_task: str = "",
    lead_unit: Unit | None = None,
    lead_text: str = "",
    coordinating_units: Iterable[Unit] = (),
    coordinating_text: str = "",
    due_date: datetime.date | None = None,
    sort_order: int = 0,
) -> Task:
    """Add a task to a plan; its due date and occurrences come from the time frame."""
    task = Task(
        plan=plan,
        area=area,
        title=title.strip(),
        timeframe_text=" ".join(timeframe_text.split()),
        product=product.strip(),
        general_task=" ".join(general_task.split()),
        lead_unit=lead_unit,
        lead_text=lead_text.strip() or (lead_unit.name if lead_unit else ""),
        coordinating_text=coordinating_text.strip(),
        due_date=due_date,
        sort_order=sort_order,
    )
    task.search_text = _task_search_text(task)
    task.full_clean()
    task.save()
    task.coordinating_units.set(coordinating_units)
    _sync_occurrences(task)
    task.save(update_fields=["recurrence", "due_date", "needs_date_review"])
    audit_record(actor=actor, action="task_create", instance=task, changes=snapshot_diff({}, _task_snapshot(task)))
    return task


@transaction.atomic
def task_update(*, actor: Any, task: Task, coordinating_units: Iterable[Unit] | None = None, **fields: Any) -> Task:
    """Change a task; a new time frame re-plans its occurrences. A date set by hand clears the review flag."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    before = _task_snapshot(task)
    manual_due = fields.pop("due_date", None)
    for name, value in fields.items():
        if name not in TASK_FIELDS:
            raise TypeError(f"task_update does not change {name}")
        setattr(task, name, value)
    task.search_text = _task_search_text(task)
    task.full_clean()
    task.save()
    if coordinating_units is not None:
        task.coordinating_units.set(coordinating_units)
    if manual_due is not None:
        task.due_date = manual_due
    _sync_occurrences(task)
    if manual_due is not None and task.needs_date_review:
        task.due_date, task.needs_date_review = manual_due, False
        task.occurrences.filter(due_date__isnull=True).update(due_date=manual_due)
    task.save(update_fields=["recurrence", "due_date", "needs_date_review"])
    changes = snapshot_diff(before, _task_snapshot(task))
    if changes:
        audit_record(actor=actor, action="task_update", instance=task, changes=changes)
    return task


@transaction.atomic
def task_assign(*, actor: Any, task: Task, assignees: Iterable[User]) -> Task:
    """The lead unit's head names the specialists who carry the task out; each is notified."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    people = list(assignees)
    outside = [person for person in people if task.lead_unit_id is None or person.unit_id not in _lead_scope(task)]
    if outside:
        raise ValidationError(
            {
                "assignees": _("Chỉ giao cho người của đơn vị chủ trì: %(names)s không thuộc đơn vị này.")
                % {"names": ", ".join(str(person) for person in outside)}
            }
        )
    before = _task_snapshot(task)
    previous = set(task.assignees.values_list("pk", flat=True))
    task.assignees.set(people)
    for person in people:
        if person.pk not in previous:
            notification_send(
                recipient=person,
                message=_("Bạn được giao nhiệm vụ: %(task)s") % {"task": str(task)[:200]},
                url=f"/plans/tasks/{task.pk}/",
                dedup_key=f"task-assigned-{task.pk}-{person.pk}",
            )
    audit_record(actor=actor, action="task_assign", instance=task, changes=snapshot_diff(before, _task_snapshot(task)))
    return task


def _lead_scope(task: Task) -> frozenset[int]:
    from cchc.org.selectors import unit_subtree_ids

    return unit_subtree_ids(task.lead_unit_id) if task.lead_unit_id else frozenset()


def _locked(occurrence: TaskOccurrence) -> TaskOccurrence:
    return TaskOccurrence.objects.select_for_update(of=("self",)).select_related("task").get(pk=occurrence.pk)


def _transition(
    *, actor: Any, occurrence: TaskOccurrence, action: str, to: str, percent: int | None = None, narrative: str = ""
) -> TaskOccurrence:
    before = occurrence.status
    occurrence.status = to
    if percent is not None:
        occurrence.percent = percent
    occurrence.full_clean()
    occurrence.save()
    ProgressReport.objects.create(
        occurrence=occurrence, author=actor, status=to, percent=occurrence.percent, narrative=narrative.strip()
    )
    audit_record(
        actor=actor,
        action=action,
        instance=occurrence,
        changes={str(_("trạng thái")): [str(OccurrenceStatus(before).label), str(OccurrenceStatus(to).label)]},
        note=narrative.strip()[:1000],
    )
    return occurrence


def _refuse(occurrence: TaskOccurrence, allowed: frozenset[str] | set[str]) -> None:
    if occurrence.status not in allowed:
        raise ValidationError(
            _("Không thực hiện được: nhiệm vụ đang ở trạng thái “%(status)s”.")
            % {"status": OccurrenceStatus(occurrence.status).label}
        )


@transaction.atomic
def occurrence_report_progress(
    *,
    actor: Any,
    occurrence: TaskOccurrence,
    percent: int,
    narrative: str = "",
    evidence: Iterable[EvidenceDocument] = (),
) -> TaskOccurrence:
    """Record progress (percent, narrative, evidence) on an open occurrence."""
    occurrence = _locked(occurrence)
    _refuse(occurrence, OPEN_STATUSES - {OccurrenceStatus.AWAITING_CONFIRMATION})
    if not 0 <= percent <= 100:
        raise ValidationError({"percent": _("Tiến độ phải từ 0 đến 100%.")})
    occurrence.evidence.add(*evidence)
    status = OccurrenceStatus.OVERDUE if occurrence.status == OccurrenceStatus.OVERDUE else OccurrenceStatus.IN_PROGRESS
    return _transition(
        actor=actor,
        occurrence=occurrence,
        action="occurrence_progress",
        to=status,
        percent=percent,
        narrative=narrative,
    )


@transaction.atomic
def occurrence_report_done(
    *, actor: Any, occurrence: TaskOccurrence, narrative: str = "", evidence: Iterable[EvidenceDocument] = ()
) -> TaskOccurrence:
    """The assignee reports the work done; it waits for the unit head's confirmation."""
    occurrence = _locked(occurrence)
    _refuse(occurrence, OPEN_STATUSES - {OccurrenceStatus.AWAITING_CONFIRMATION})
    occurrence.evidence.add(*evidence)
    if not occurrence.evidence.exists():
        raise ValidationError(
            _("Cần đính kèm ít nhất một tài liệu kiểm chứng (sản phẩm) trước khi báo cáo hoàn thành.")
        )
    occurrence.reported_done_at = timezone.now()
    return _transition(
        actor=actor,
        occurrence=occurrence,
        action="occurrence_report_done",
        to=OccurrenceStatus.AWAITING_CONFIRMATION,
        percent=100,
        narrative=narrative,
    )


@transaction.atomic
def occurrence_confirm(*, actor: Any, occurrence: TaskOccurrence, narrative: str = "") -> TaskOccurrence:
    """The lead unit's head confirms completion: done, or done late when reported after the due date."""
    occurrence = _locked(occurrence)
    _refuse(occurrence, {OccurrenceStatus.AWAITING_CONFIRMATION})
    reported = timezone.localdate(occurrence.reported_done_at) if occurrence.reported_done_at else timezone.localdate()
    late = occurrence.due_date is not None and reported > occurrence.due_date
    occurrence.confirmed_by = actor
    occurrence.confirmed_at = timezone.now()
    return _transition(
        actor=actor,
        occurrence=occurrence,
        action="occurrence_confirm",
        to=OccurrenceStatus.DONE_LATE if late else OccurrenceStatus.DONE,
        narrative=narrative,
    )


@transaction.atomic
def occurrence_return(*, actor: Any, occurrence: TaskOccurrence, narrative: str) -> TaskOccurrence:
    """The head or the focal point sends the work back with a reason; the assignees are told."""
    occurrence = _locked(occurrence)
    _refuse(occurrence, {OccurrenceStatus.AWAITING_CONFIRMATION, *FINISHED_STATUSES})
    if not narrative.strip():
        raise ValidationError({"narrative": _("Cần ghi lý do trả lại.")})
    occurrence.confirmed_by, occurrence.confirmed_at, occurrence.reported_done_at = None, None, None
    past_due = occurrence.due_date is not None and occurrence.due_date < timezone.localdate()
    returned = _transition(
        actor=actor,
        occurrence=occurrence,
        action="occurrence_return",
        to=OccurrenceStatus.OVERDUE if past_due else OccurrenceStatus.IN_PROGRESS,
        narrative=narrative,
    )
    for person in occurrence.task.assignees.all():
        notification_send(
            recipient=person,
            message=_("Nhiệm vụ bị trả lại: %(task)s — %(reason)s")
            % {"task": str(occurrence.task)[:150], "reason": narrative[:200]},
            url=f"/plans/tasks/{occurrence.task_id}/",
        )
    return returned


@transaction.atomic
def occurrence_cancel(*, actor: Any, occurrence: TaskOccurrence, narrative: str) -> TaskOccurrence:
    occurrence = _locked(occurrence)
    _refuse(occurrence, OPEN_STATUSES)
    if not narrative.strip():
        raise ValidationError({"narrative": _("Cần ghi lý do hủy.")})
    return _transition(
        actor=actor,
        occurrence=occurrence,
        action="occurrence_cancel",
        to=OccurrenceStatus.CANCELLED,
        narrative=narrative,
    )


@transaction.atomic
def occurrence_mark_overdue(*, occurrence: TaskOccurrence) -> bool:
    """Mark an unfinished occurrence past its due date as overdue (the job calls it; safe to call twice)."""
    occurrence = _locked(occurrence)
    if occurrence.status not in {OccurrenceStatus.NOT_STARTED, OccurrenceStatus.IN_PROGRESS}:
        return False
    if occurrence.due_date is None or occurrence.due_date >= timezone.localdate():
        return False
    _transition(
        actor=None,
        occurrence=occurrence,
        action="occurrence_overdue",
        to=OccurrenceStatus.OVERDUE,
        narrative=_("Quá hạn %(due)s mà chưa hoàn thành.") % {"due": occurrence.due_date.strftime("%d/%m/%Y")},
    )
    return True


DEFAULT_REFORM_AREAS = (
    ("I", "Cải cách thể chế"),
    ("II", "Cải cách thủ tục hành chính"),
    ("III", "Cải cách tổ chức bộ máy hành chính nhà nước"),
    ("IV", "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức"),
    ("V", "Cải cách tài chính công"),
    ("VI", "Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
    ("VII", "Công tác chỉ đạo, điều hành và tuyên truyền cải cách hành chính"),
)


@transaction.atomic
def reform_areas_ensure_defaults() -> int:
    """Create the seven areas of the reform programme where missing (the migration does it for new databases)."""
    created = 0
    for order, (code, name) in enumerate(DEFAULT_REFORM_AREAS, start=1):
        created += ReformArea.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})[1]
    return created
