"""The only code that writes dossiers, their steps, pauses and apologies.

Transitions (one service each; the row is locked, then its state checked, then changed, with an audit row):
received --start_step--> in_process --finish_step--> in_process
received | in_process --request_supplement--> supplement --resume--> in_process (received if no step yet)
received | in_process --mark_result_ready--> result_ready --return--> returned
received | in_process | supplement --refuse / withdraw / stop--> refused / withdrawn / stopped
Apology: draft --approve--> approved --issue--> issued (the dossier's appointment moves); draft --reject--> rejected.
A second officer acting on a dossier that the first has just changed sees its new state and a Vietnamese error.
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.services import audit_record
from cchc.core.text import fold
from cchc.org.models import Unit
from cchc.procedures.choices import ProcedureStatus
from cchc.procedures.models import Procedure, RequiredDocument

from . import deadlines
from .choices import (
    OPEN_STATUSES,
    ApologyStatus,
    ApplicantKind,
    Channel,
    DossierSource,
    DossierStatus,
    ReturnMethod,
)
from .models import Apology, Dossier, DossierCodeSequence, DossierPause, DossierStep

DEFAULT_CODE_FORMAT = "{agency}-{day:%y%m%d}-{sequence:04d}"
RUNNING_STATUSES = frozenset({DossierStatus.RECEIVED, DossierStatus.IN_PROCESS})
FLAG_FIELDS = ("paid_online", "digitized_input", "digitized_result", "electronic_result", "reused_data")
FUTURE_TOLERANCE = datetime.timedelta(minutes=5)


def dossier_search_text(dossier: Dossier) -> str:
    procedure = dossier.procedure
    return fold(f"{dossier.code} {dossier.applicant_name} {procedure.code} {procedure.name}")[:600]


def _code_format() -> str:
    return str(getattr(settings, "CCHC_DOSSIER_CODE_FORMAT", DEFAULT_CODE_FORMAT))


def _next_code(agency_code: str, day: datetime.date) -> str:
    """The next free code of an agency on a day; the day's sequence row is locked until the transaction ends."""
    sequence, _created = DossierCodeSequence.objects.select_for_update().get_or_create(agency_code=agency_code, day=day)
    while True:
        sequence.last_value += 1
        code = _code_format().format(agency=agency_code, day=day, sequence=sequence.last_value)
        if not Dossier.objects.filter(code=code).exists():
            break
    sequence.save(update_fields=["last_value"])
    return code


def _locked(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_for_update(of=("self",)).select_related("procedure").get(pk=dossier.pk)


def _require_status(dossier: Dossier, allowed: frozenset[str] | set[str], doing: str) -> None:
    if dossier.status not in allowed:
        raise ValidationError(
            _("Không thể %(doing)s: hồ sơ %(code)s đang ở trạng thái “%(status)s” (có thể vừa có người khác xử lý).")
            % {"doing": doing, "code": dossier.code, "status": DossierStatus(dossier.status).label}
        )


def _status_change(dossier: Dossier, before: str) -> dict[str, Any]:
    return {str(_("trạng thái")): [str(DossierStatus(before).label), str(DossierStatus(dossier.status).label)]}


def _moment(value: datetime.datetime | None) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


def _when(at: datetime.datetime | None, not_before: datetime.datetime | None, field: str = "at") -> datetime.datetime:
    """The moment an action happened: now, or an earlier moment entered by the officer (never in the future,
    never before the dossier's previous event)."""
    now = timezone.now()
    moment = at or now
    if moment > now + FUTURE_TOLERANCE:
        raise ValidationError({field: _("Thời điểm không được sau thời điểm hiện tại.")})
    if not_before is not None and moment < not_before:
        raise ValidationError({field: _("Thời điểm không được trước %(moment)s.") % {"moment": _moment(not_before)}})
    return moment


def _last_event(dossier: Dossier) -> datetime.datetime:
    """The latest moment already recorded on the dossier (reception, a step, a pause)."""
    moments = [dossier.received_at]
    step = dossier.steps.order_by("-started_at").first()
    if step is not None:
        moments += [step.started_at, step.finished_at or step.started_at]
    pause = dossier.pauses.order_by("-started_at").first()
    if pause is not None:
        moments += [pause.started_at, pause.ended_at or pause.started_at]
    return max(moments)


def _documents_payload(documents: list[RequiredDocument]) -> list[dict[str, Any]]:
    return [{"name": item.name, "form": item.get_form_display(), "count": item.count} for item in documents]


@transaction.atomic
def dossier_receive(
    *,
    actor: Any,
    procedure: Procedure,
    receiving_unit: Unit,
    applicant_name: str,
    applicant_kind: str = ApplicantKind.PERSON,
    applicant_id_number: str = "",
    applicant_phone: str = "",
    applicant_email: str = "",
    applicant_address: str = "",
    documents: list[RequiredDocument] | None = None,
    channel: str = Channel.DIRECT,
    received_at: datetime.datetime | None = None,
    source: str = DossierSource.DESK,
) -> Dossier:
    """Receive a dossier: give it a code, keep the procedure's current version and compute its due moment."""
    now = timezone.now()
    received_at = received_at or now
    version = procedure.current_version
    if version is None or procedure.status != ProcedureStatus.ACTIVE:
        raise ValidationError({"procedure": _("Thủ tục này chưa được công bố hoặc đã bãi bỏ; không tiếp nhận được.")})
    if received_at > now + FUTURE_TOLERANCE:
        raise ValidationError({"received_at": _("Thời điểm tiếp nhận không được sau thời điểm hiện tại.")})
    documents = list(documents or [])
    if any(document.version_id != version.pk for document in documents):
        raise ValidationError({"documents": _("Giấy tờ đã chọn không thuộc phiên bản hiện hành của thủ tục.")})
    if not receiving_unit.code:
        raise ValidationError(_("Nơi tiếp nhận %(unit)s chưa có mã đơn vị để cấp mã hồ sơ.") % {"unit": receiving_unit})
    calendar = deadlines.calendar_for(received_at)
    days = deadlines.time_limit_days(version, channel)
    due_at = deadlines.due_moment(calendar, received_at, days)
    dossier = Dossier(
        code=_next_code(receiving_unit.code, deadlines.local_day(received_at, calendar)),
        procedure=procedure,
        procedure_version=version,
        receiving_unit=receiving_unit,
        handling_unit=procedure.resolving_unit,
        applicant_kind=applicant_kind,
        applicant_name=" ".join(applicant_name.split()),
        applicant_id_number=applicant_id_number.strip(),
        applicant_phone=applicant_phone.strip(),
        applicant_email=applicant_email.strip(),
        applicant_address=applicant_address.strip(),
        documents_received=_documents_payload(documents),
        channel=channel,
        source=source,
        status=DossierStatus.RECEIVED,
        received_at=received_at,
        received_by=actor if getattr(actor, "is_authenticated", False) else None,
        time_limit_days=days,
        due_at=due_at,
        appointment_at=due_at,
        fee_amount=version.fee_amount,
    )
    dossier.search_text = dossier_search_text(dossier)
    dossier.full_clean()
    dossier.save()
    audit_record(
        actor=actor,
        action="dossier_receive",
        instance=dossier,
        changes={
            str(_("thủ tục")): [None, procedure.code],
            str(_("hạn giải quyết")): [None, _moment(due_at)],
            str(_("thời hạn (ngày làm việc)")): [None, days],
        },
    )
    return dossier


def _open_step(dossier: Dossier) -> DossierStep | None:
    return dossier.steps.filter(finished_at__isnull=True).order_by("-order").first()


@transaction.atomic
def dossier_start_step(
    *,
    actor: Any,
    dossier: Dossier,
    name: str,
    handling_unit: Unit,
    handler: Any = None,
    working_days: int,
    at: datetime.datetime | None = None,
) -> DossierStep:
    """Hand the dossier to a step (thẩm định, trình ký, …) with its handler and its own deadline."""
    dossier = _locked(dossier)
    _require_status(dossier, RUNNING_STATUSES, _("chuyển bước xử lý"))
    if _open_step(dossier) is not None:
        raise ValidationError(_("Bước xử lý trước chưa hoàn thành; hãy kết thúc bước đó trước."))
    if working_days < 0:
        raise ValidationError({"working_days": _("Số ngày làm việc của bước không được âm.")})
    if handler is not None and handler.unit_id is not None and handler.unit_id != handling_unit.pk:
        raise ValidationError({"handler": _("Người xử lý không thuộc đơn vị xử lý đã chọn.")})
    now = _when(at, _last_event(dossier))
    calendar = deadlines.calendar_for(now)
    order = dossier.steps.count() + 1
    step = DossierStep(
        dossier=dossier,
        order=order,
        name=name.strip(),
        handling_unit=handling_unit,
        handler=handler,
        started_at=now,
        due_at=deadlines.due_moment(calendar, now, working_days),
    )
    step.full_clean()
    step.save()
    before = dossier.status
    dossier.status = DossierStatus.IN_PROCESS
    dossier.save(update_fields=["status", "updated_at"])
    changes = {str(_("bước")): [None, f"{order}. {step.name}"], str(_("hạn của bước")): [None, _moment(step.due_at)]}
    if before != dossier.status:
        changes.update(_status_change(dossier, before))
    audit_record(actor=actor, action="dossier_start_step", instance=dossier, changes=changes)
    return step


@transaction.atomic
def dossier_finish_step(
    *, actor: Any, dossier: Dossier, note: str = "", at: datetime.datetime | None = None
) -> DossierStep:
    """Close the dossier's open step with the handler's opinion."""
    dossier = _locked(dossier)
    _require_status(dossier, {DossierStatus.IN_PROCESS}, _("kết thúc bước xử lý"))
    step = _open_step(dossier)
    if step is None:
        raise ValidationError(_("Hồ sơ không có bước xử lý nào đang mở."))
    step.finished_at = _when(at, _last_event(dossier))
    step.note = note.strip()
    step.save(update_fields=["finished_at", "note"])
    audit_record(
        actor=actor,
        action="dossier_finish_step",
        instance=dossier,
        changes={str(_("bước hoàn thành")): [None, f"{step.order}. {step.name}"]},
        note=step.note[:1000],
    )
    return step


@transaction.atomic
def dossier_request_supplement(
    *, actor: Any, dossier: Dossier, reason: str, at: datetime.datetime | None = None
) -> DossierPause:
    """Ask the applicant for a supplement: the clock stops until the supplement arrives."""
    dossier = _locked(dossier)
    _require_status(dossier, RUNNING_STATUSES, _("yêu cầu bổ sung"))
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi nội dung yêu cầu bổ sung.")})
    now = _when(at, _last_event(dossier))
    pause = DossierPause(dossier=dossier, reason=reason.strip(), started_at=now, requested_by=actor)
    pause.full_clean()
    pause.save()
    before = dossier.status
    dossier.status = DossierStatus.SUPPLEMENT_REQUESTED
    dossier.paused_since = now
    dossier.save(update_fields=["status", "paused_since", "updated_at"])
    audit_record(
        actor=actor,
        action="dossier_request_supplement",
        instance=dossier,
        changes=_status_change(dossier, before),
        note=pause.reason[:1000],
    )
    return pause


def _close_pause(dossier: Dossier, now: datetime.datetime) -> DossierPause | None:
    pause = dossier.pauses.filter(ended_at__isnull=True).order_by("-started_at").first()
    if pause is not None:
        calendar = deadlines.calendar_for(pause.started_at, now)
        pause.ended_at = now
        pause.paused_working_days = deadlines.paused_working_days(calendar, pause.started_at, now)
        pause.save(update_fields=["ended_at", "paused_working_days"])
    dossier.paused_since = None
    return pause


@transaction.atomic
def dossier_resume(*, actor: Any, dossier: Dossier, received_at: datetime.datetime | None = None) -> Dossier:
    """The supplement arrived: the clock runs again and the due moment moves by the working days paused."""
    dossier = _locked(dossier)
    _require_status(dossier, {DossierStatus.SUPPLEMENT_REQUESTED}, _("nhận bổ sung"))
    now = _when(received_at, dossier.paused_since, "received_at")
    pause = _close_pause(dossier, now)
    extra = pause.paused_working_days if pause else 0
    calendar = deadlines.calendar_for(dossier.due_at, extra_years=1 + extra // 200)
    before_due, before_status = dossier.due_at, dossier.status
    dossier.due_at = deadlines.extended_due(calendar, dossier.due_at, extra)
    if dossier.appointment_at <= before_due:
        dossier.appointment_at = dossier.due_at
    else:
        dossier.appointment_at = max(dossier.appointment_at, dossier.due_at)
    dossier.status = DossierStatus.IN_PROCESS if dossier.steps.exists() else DossierStatus.RECEIVED
    dossier.full_clean()
    dossier.save()
    changes = _status_change(dossier, before_status)
    changes[str(_("hạn giải quyết"))] = [_moment(before_due), _moment(dossier.due_at)]
    changes[str(_("số ngày làm việc tạm dừng"))] = [None, extra]
    audit_record(actor=actor, action="dossier_resume", instance=dossier, changes=changes)
    return dossier


@transaction.atomic
def dossier_mark_result_ready(
    *, actor: Any, dossier: Dossier, note: str = "", at: datetime.datetime | None = None
) -> Dossier:
    """The result is signed and waits to be returned: the dossier finishes early, on time or late."""
    dossier = _locked(dossier)
    _require_status(dossier, RUNNING_STATUSES, _("ghi nhận có kết quả"))
    now = _when(at, _last_event(dossier))
    step = _open_step(dossier)
    if step is not None:
        step.finished_at = now
        step.note = step.note or note.strip()
        step.save(update_fields=["finished_at", "note"])
    before = dossier.status
    dossier.status = DossierStatus.RESULT_READY
    dossier.finished_at = now
    dossier.timeliness = deadlines.timeliness_at(deadlines.calendar_for(now, dossier.due_at), now, dossier.due_at)
    dossier.full_clean()
    dossier.save()
    changes = _status_change(dossier, before)
    changes[str(_("tiến độ"))] = [None, dossier.get_timeliness_display()]
    audit_record(actor=actor, action="dossier_mark_result_ready", instance=dossier, changes=changes, note=note[:1000])
    return dossier


@transaction.atomic
def dossier_return(
    *,
    actor: Any,
    dossier: Dossier,
    method: str,
    electronic_result: bool | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Hand the result to the applicant in person, by post or online."""
    dossier = _locked(dossier)
    _require_status(dossier, {DossierStatus.RESULT_READY}, _("trả kết quả"))
    if method not in ReturnMethod.values:
        raise ValidationError({"method": _("Hình thức trả kết quả không hợp lệ.")})
    before = dossier.status
    dossier.status = DossierStatus.RETURNED
    dossier.returned_at = _when(at, dossier.finished_at)
    dossier.return_method = method
    if electronic_result is not None:
        dossier.electronic_result = electronic_result
    elif method == ReturnMethod.ONLINE:
        dossier.electronic_result = True
    dossier.full_clean()
    dossier.save()
    changes = _status_change(dossier, before)
    changes[str(_("hình thức trả"))] = [None, dossier.get_return_method_display()]
    audit_record(actor=actor, action="dossier_return", instance=dossier, changes=changes)
    return dossier


def _close(*, actor: Any, dossier: Dossier, to: str, reason: str, action: str, doing: str) -> Dossier:
    dossier = _locked(dossier)
    _require_status(dossier, OPEN_STATUSES, doing)
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi rõ lý do.")})
    now = timezone.now()
    _close_pause(dossier, now)
    before = dossier.status
    dossier.status = to
    dossier.closed_reason = reason.strip()
    dossier.finished_at = now
    dossier.full_clean()
    dossier.save()
    audit_record(
        actor=actor, action=action, instance=dossier, changes=_status_change(dossier, before), note=reason[:1000]
    )
    return dossier


@transaction.atomic
def dossier_refuse(*, actor: Any, dossier: Dossier, reason: str) -> Dossier:
    """Refuse to resolve the dossier (form 03), with the reason."""
    return _close(
        actor=actor,
        dossier=dossier,
        to=DossierStatus.REFUSED,
        reason=reason,
        action="dossier_refuse",
        doing=_("từ chối"),
    )


@transaction.atomic
def dossier_withdraw(*, actor: Any, dossier: Dossier, reason: str) -> Dossier:
    """The applicant withdraws the dossier."""
    return _close(
        actor=actor,
        dossier=dossier,
        to=DossierStatus.WITHDRAWN,
        reason=reason,
        action="dossier_withdraw",
        doing=_("rút hồ sơ"),
    )


@transaction.atomic
def dossier_stop(*, actor: Any, dossier: Dossier, reason: str) -> Dossier:
    """Stop handling the dossier (form 05), e.g. when the applicant never supplemented it."""
    return _close(
        actor=actor,
        dossier=dossier,
        to=DossierStatus.STOPPED,
        reason=reason,
        action="dossier_stop",
        doing=_("dừng giải quyết"),
    )


@transaction.atomic
def dossier_flags_update(*, actor: Any, dossier: Dossier, **flags: bool) -> Dossier:
    """Record paid online, digitized input/result, electronic result and reused digitized data."""
    dossier = _locked(dossier)
    changes: dict[str, Any] = {}
    for name, value in flags.items():
        if name not in FLAG_FIELDS:
            raise TypeError(f"dossier_flags_update does not change {name}")
        if getattr(dossier, name) != bool(value):
            label = str(getattr(Dossier._meta.get_field(name), "verbose_name", name))
            changes[label] = [getattr(dossier, name), bool(value)]
            setattr(dossier, name, bool(value))
    if changes:
        dossier.save(update_fields=[*flags.keys(), "updated_at"])
        audit_record(actor=actor, action="dossier_flags_update", instance=dossier, changes=changes)
    return dossier


@transaction.atomic
def dossier_late_flag_set(*, dossier: Dossier, late: bool) -> bool:
    """Set or clear the late-predicted flag (the prediction job); True when it changed."""
    dossier = _locked(dossier)
    if dossier.late_predicted == late or (late and dossier.status not in OPEN_STATUSES):
        return False
    dossier.late_predicted = late
    dossier.save(update_fields=["late_predicted", "updated_at"])
    audit_record(
        actor=None,
        action="dossier_late_predicted" if late else "dossier_late_cleared",
        instance=dossier,
        changes={str(_("dự báo trễ hạn")): [not late, late]},
    )
    return True


def _end_of_day(day: datetime.date) -> datetime.datetime:
    calendar = deadlines.calendar_for(None)
    return deadlines.end_of(day, calendar)


@transaction.atomic
def apology_draft(*, actor: Any, dossier: Dossier, reason: str, new_appointment_on: datetime.date) -> Apology:
    """Draft the apology and new appointment (form 04) for the leadership's approval."""
    dossier = _locked(dossier)
    _require_status(dossier, OPEN_STATUSES, _("dự thảo văn bản xin lỗi"))
    if dossier.apologies.filter(status__in=[ApologyStatus.DRAFT, ApologyStatus.APPROVED]).exists():
        raise ValidationError(_("Hồ sơ đã có một văn bản xin lỗi đang chờ duyệt hoặc chờ phát hành."))
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do chậm trễ.")})
    new_appointment_at = _end_of_day(new_appointment_on)
    if new_appointment_at <= dossier.appointment_at:
        raise ValidationError(
            {
                "new_appointment_on": _("Ngày hẹn mới phải sau ngày hẹn hiện tại (%(date)s).")
                % {"date": timezone.localtime(dossier.appointment_at).strftime("%d/%m/%Y")}
            }
        )
    apology = Apology(dossier=dossier, reason=reason.strip(), new_appointment_at=new_appointment_at, drafted_by=actor)
    apology.full_clean()
    apology.save()
    audit_record(
        actor=actor,
        action="apology_draft",
        instance=dossier,
        changes={str(_("ngày hẹn trả mới")): [None, new_appointment_on.strftime("%d/%m/%Y")]},
        note=apology.reason[:1000],
    )
    return apology


def _locked_apology(apology: Apology) -> Apology:
    return Apology.objects.select_for_update(of=("self",)).select_related("dossier").get(pk=apology.pk)


def _require_apology_status(apology: Apology, status: str, doing: str) -> None:
    if apology.status != status:
        raise ValidationError(
            _("Không thể %(doing)s: văn bản xin lỗi đang ở trạng thái “%(status)s”.")
            % {"doing": doing, "status": ApologyStatus(apology.status).label}
        )


def _apology_decide(*, actor: Any, apology: Apology, to: str, note: str, action: str, doing: str) -> Apology:
    apology = _locked_apology(apology)
    _require_apology_status(apology, ApologyStatus.DRAFT, doing)
    apology.status = to
    apology.decided_by = actor
    apology.decided_at = timezone.now()
    apology.decision_note = note.strip()
    apology.full_clean()
    apology.save()
    audit_record(
        actor=actor,
        action=action,
        instance=apology.dossier,
        changes={str(_("văn bản xin lỗi")): [str(ApologyStatus.DRAFT.label), str(ApologyStatus(to).label)]},
        note=apology.decision_note[:1000],
    )
    return apology


@transaction.atomic
def apology_approve(*, actor: Any, apology: Apology, note: str = "") -> Apology:
    """The leadership (or the handling unit's head) approves the draft."""
    return _apology_decide(
        actor=actor, apology=apology, to=ApologyStatus.APPROVED, note=note, action="apology_approve", doing=_("duyệt")
    )


@transaction.atomic
def apology_reject(*, actor: Any, apology: Apology, note: str) -> Apology:
    """The draft goes back to the desk with the leader's opinion."""
    if not note.strip():
        raise ValidationError({"note": _("Cần ghi ý kiến khi trả lại dự thảo.")})
    return _apology_decide(
        actor=actor, apology=apology, to=ApologyStatus.REJECTED, note=note, action="apology_reject", doing=_("trả lại")
    )


@transaction.atomic
def apology_issue(*, actor: Any, apology: Apology, number: str, issued_on: datetime.date) -> Apology:
    """Record the issued letter's number and date; the dossier's appointment becomes the new date."""
    apology = _locked_apology(apology)
    _require_apology_status(apology, ApologyStatus.APPROVED, _("phát hành"))
    if not number.strip():
        raise ValidationError({"number": _("Cần ghi số văn bản.")})
    if issued_on > timezone.localdate():
        raise ValidationError({"issued_on": _("Ngày phát hành không được sau ngày hôm nay.")})
    dossier = _locked(apology.dossier)
    apology.status = ApologyStatus.ISSUED
    apology.number = number.strip()
    apology.issued_on = issued_on
    apology.full_clean()
    apology.save()
    before = dossier.appointment_at
    dossier.appointment_at = apology.new_appointment_at
    dossier.save(update_fields=["appointment_at", "updated_at"])
    audit_record(
        actor=actor,
        action="apology_issue",
        instance=dossier,
        changes={
            str(_("số văn bản")): [None, apology.number],
            str(_("ngày hẹn trả")): [_moment(before), _moment(dossier.appointment_at)],
        },
    )
    return apology
