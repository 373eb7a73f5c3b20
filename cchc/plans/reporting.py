"""The only code that writes reporting cycles and the units' CCHC reports.

A focal point opens a cycle (quarter, 6 months, 9 months, year); every unit gets a report pre-filled from the
tasks it leads. Report transitions (one service each, row-locked, audited):
draft | returned --save--> unchanged status; draft | returned --submit--> submitted (late after the due date);
submitted --return (focal point, with a reason)--> returned.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.services import audit_record, notification_send
from cchc.core.snapshots import model_snapshot, snapshot_diff
from cchc.evidence.models import EvidenceDocument
from cchc.org.choices import Role, UnitKind
from cchc.org.models import Unit, User
from cchc.org.selectors import units_valid_on

from .models import ReportingCycle, UnitReport
from .reporting_periods import period_phrase, report_due_date
from .reporting_selectors import effective_status, latest_narrative, period_occurrences

REPORTING_UNIT_KINDS = (UnitKind.ROOM, UnitKind.SUBORDINATE)
EDITABLE_STATUSES = frozenset({UnitReport.Status.DRAFT, UnitReport.Status.RETURNED})
TEXT_FIELDS = ["results", "difficulties", "proposals"]


def unit_report_url(report: UnitReport) -> str:
    return reverse("plans:unit_report_edit", args=[report.cycle_id, report.unit_id])


def _cycle_phrase(cycle: ReportingCycle) -> str:
    return period_phrase(cycle.year, cycle.period)


def _unit_heads(unit: Unit) -> QuerySet[User]:
    return User.objects.filter(unit=unit, is_active=True, role_assignments__role=Role.UNIT_HEAD).distinct()


def prefilled_results(
    *, unit: Unit, year: int, period: str, today: datetime.date | None = None
) -> tuple[str, list[EvidenceDocument]]:
    """The text of a unit's results, one line per task occurrence it leads in the period, and their evidence."""
    today = today or timezone.localdate()
    lines: list[str] = []
    evidence: dict[int, EvidenceDocument] = {}
    for occurrence in period_occurrences(year=year, period=period).filter(task__lead_unit=unit):
        documents = list(occurrence.evidence.all())
        evidence.update((document.pk, document) for document in documents)
        line = _("- %(task)s (%(period)s): %(status)s, %(percent)s%%") % {
            "task": " ".join(occurrence.task.title.split()),
            "period": occurrence.period_label,
            "status": effective_status(occurrence, today).label,
            "percent": occurrence.percent,
        }
        narrative = " ".join(latest_narrative(occurrence).split()).rstrip(" .;")
        if narrative:
            line += f"; {narrative}"
        line += "; " + _("%(count)s tài liệu kiểm chứng.") % {"count": len(documents)}
        lines.append(line)
    if not lines:
        return _("Trong kỳ, đơn vị không chủ trì nhiệm vụ nào đến hạn."), []
    return "\n".join(lines), list(evidence.values())


def _already_open(year: int, period: str) -> ValidationError:
    return ValidationError(
        _("Kỳ báo cáo %(cycle)s đã được mở trước đó; mỗi kỳ chỉ mở một lần.") % {"cycle": period_phrase(year, period)},
        code="duplicate",
    )


@transaction.atomic
def reporting_cycle_open(
    *,
    actor: Any,
    year: int,
    period: str,
    due_date: datetime.date | None = None,
    units: Iterable[Unit] | None = None,
) -> ReportingCycle:
    """Open a reporting period: one pre-filled report per unit (by default every room and subordinate unit)."""
    if period not in ReportingCycle.Period.values:
        raise ValidationError({"period": _("Kỳ báo cáo không hợp lệ.")})
    cycle = ReportingCycle(year=year, period=period, opened_by=actor if getattr(actor, "pk", None) else None)
    if ReportingCycle.objects.filter(year=year, period=period).exists():
        raise _already_open(year, period)
    cycle.due_date = due_date or report_due_date(year, period)
    chosen = (
        list(units)
        if units is not None
        else list(Unit.objects.filter(units_valid_on(cycle.due_date), kind__in=REPORTING_UNIT_KINDS))
    )
    if not chosen:
        raise ValidationError(_("Không có đơn vị nào phải báo cáo trong kỳ này."))
    cycle.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            cycle.save()
    except IntegrityError:
        raise _already_open(year, period) from None
    cycle.units.set(chosen)
    due_text = cycle.due_date.strftime("%d/%m/%Y")
    for unit in chosen:
        results, evidence = prefilled_results(unit=unit, year=year, period=period)
        report = UnitReport(cycle=cycle, unit=unit, results=results)
        report.full_clean()
        report.save()
        report.evidence.set(evidence)
        for head in _unit_heads(unit):
            notification_send(
                recipient=head,
                message=_("Đã mở kỳ báo cáo CCHC %(cycle)s; hạn nộp %(due)s.")
                % {"cycle": period_phrase(year, period), "due": due_text},
                url=unit_report_url(report),
                dedup_key=f"reporting-cycle-{cycle.pk}-unit-{unit.pk}",
            )
    changes = snapshot_diff({}, model_snapshot(cycle, ["year", "period", "due_date"]))
    changes[str(_("đơn vị phải báo cáo"))] = [None, sorted(unit.name for unit in chosen)]
    audit_record(actor=actor, action="reporting_cycle_open", instance=cycle, changes=changes)
    return cycle


def _locked(report: UnitReport) -> UnitReport:
    return UnitReport.objects.select_for_update(of=("self",)).select_related("cycle", "unit").get(pk=report.pk)


def _refuse(report: UnitReport, allowed: frozenset[str]) -> None:
    if report.status not in allowed:
        raise ValidationError(
            _("Không thực hiện được: báo cáo đang ở trạng thái “%(status)s”.")
            % {"status": UnitReport.Status(report.status).label}
        )


@transaction.atomic
def unit_report_save(*, actor: Any, report: UnitReport, results: str, difficulties: str, proposals: str) -> UnitReport:
    """Save the unit's draft (also after it was returned)."""
    report = _locked(report)
    _refuse(report, EDITABLE_STATUSES)
    before = model_snapshot(report, TEXT_FIELDS)
    report.results, report.difficulties, report.proposals = results.strip(), difficulties.strip(), proposals.strip()
    report.full_clean()
    report.save(update_fields=TEXT_FIELDS)
    changes = snapshot_diff(before, model_snapshot(report, TEXT_FIELDS))
    if changes:
        audit_record(actor=actor, action="unit_report_save", instance=report, changes=changes)
    return report


@transaction.atomic
def unit_report_submit(*, actor: Any, report: UnitReport, now: datetime.datetime | None = None) -> UnitReport:
    """Submit the report; it is late when submitted after the due date's end of day (local time)."""
    report = _locked(report)
    _refuse(report, EDITABLE_STATUSES)
    if not report.results.strip():
        raise ValidationError({"results": _("Cần ghi kết quả thực hiện trước khi nộp báo cáo.")})
    moment = now or timezone.now()
    before = model_snapshot(report, ["status", "submitted_at", "is_late"])
    report.status = UnitReport.Status.SUBMITTED
    report.submitted_at = moment
    report.submitted_by = actor if getattr(actor, "pk", None) else None
    report.is_late = timezone.localdate(moment) > report.cycle.due_date
    report.full_clean()
    report.save(update_fields=["status", "submitted_at", "submitted_by", "is_late"])
    audit_record(
        actor=actor,
        action="unit_report_submit",
        instance=report,
        changes=snapshot_diff(before, model_snapshot(report, ["status", "submitted_at", "is_late"])),
    )
    focal = report.cycle.opened_by
    if focal is not None and focal.is_active:
        message = (
            _("%(unit)s đã nộp báo cáo CCHC %(cycle)s (trễ hạn).")
            if report.is_late
            else _("%(unit)s đã nộp báo cáo CCHC %(cycle)s.")
        )
        notification_send(
            recipient=focal,
            message=message % {"unit": report.unit, "cycle": _cycle_phrase(report.cycle)},
            url=unit_report_url(report),
        )
    return report


@transaction.atomic
def unit_report_return(*, actor: Any, report: UnitReport, reason: str) -> UnitReport:
    """The focal point sends a submitted report back with a reason; the unit's head is told."""
    report = _locked(report)
    _refuse(report, frozenset({UnitReport.Status.SUBMITTED}))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Cần ghi lý do trả lại.")})
    report.status = UnitReport.Status.RETURNED
    report.full_clean()
    report.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="unit_report_return",
        instance=report,
        changes={str(_("trạng thái")): [str(UnitReport.Status.SUBMITTED.label), str(UnitReport.Status.RETURNED.label)]},
        note=reason[:1000],
    )
    for head in _unit_heads(report.unit):
        notification_send(
            recipient=head,
            message=_("Báo cáo CCHC %(cycle)s của %(unit)s bị trả lại: %(reason)s")
            % {"cycle": _cycle_phrase(report.cycle), "unit": report.unit, "reason": reason[:300]},
            url=unit_report_url(report),
        )
    return report
