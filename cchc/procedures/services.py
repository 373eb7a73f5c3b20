"""The only code that writes the catalogue: fields, decisions, procedures and their versions.

A procedure's content lives in versions: a change is a new ProcedureVersion (a dossier keeps the version it was
received under), never an edit of a version. The catalogue attributes on the procedure itself (field, level,
resolving unit) are edited in place, with an audit row. Lifecycle of a procedure:
publish → (amend | replace)* → abolish → (publish again, from a new decision).
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from cchc.core.services import audit_record
from cchc.core.snapshots import model_snapshot, snapshot_diff
from cchc.core.text import fold
from cchc.org.models import Unit

from .choices import ProcedureStatus, PublicationAction
from .default_fields import DEFAULT_FIELDS
from .models import MinistryDecision, Procedure, ProcedureField, ProcedureVersion, PublicationDecision, RequiredDocument
from .versions import (
    DocumentSpec,
    clean_values,
    content_changes,
    content_display,
    version_display,
    version_values,
)

CATALOGUE_FIELDS = ("field", "level", "resolving_unit")
MINISTRY_DECISION_FIELDS = ("number", "issued_on", "effective_on", "summary")
PUBLICATION_DECISION_FIELDS = ("number", "issued_on", "effective_on", "issuer", "summary", "ministry_decision")
CHANGE_ACTIONS = (PublicationAction.PUBLISH, PublicationAction.AMEND, PublicationAction.REPLACE)


def procedure_search_text(code: str, name: str) -> str:
    return fold(f"{code} {name}")[:800]


def _changes_text(changes: Sequence[Any]) -> dict[str, list[str]]:
    return {change.label: [change.before, change.after] for change in changes}


# ---- Fields (lĩnh vực) ----


@transaction.atomic
def procedure_fields_ensure_defaults() -> int:
    """Create the usual fields of a Department of Health that are missing; returns how many were created."""
    created = 0
    for order, (code, name) in enumerate(DEFAULT_FIELDS, start=1):
        _field, was_created = ProcedureField.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order * 10}
        )
        created += int(was_created)
    return created


@transaction.atomic
def procedure_field_create(*, actor: Any, name: str, code: str = "") -> ProcedureField:
    """A new field; without a code, one is made from the name (“An toàn thực phẩm” → ANTOANTHUCPHAM)."""
    name = " ".join(name.split())
    code = (code or fold(name).replace(" ", "")).upper()[:40]
    last = ProcedureField.objects.aggregate(last=Max("sort_order"))["last"] or 0
    field = ProcedureField(code=code, name=name, sort_order=last + 10)
    field.full_clean()
    field.save()
    audit_record(
        actor=actor, action="procedure_field_create", instance=field, changes=snapshot_diff({}, model_snapshot(field))
    )
    return field


# ---- Decisions ----


@transaction.atomic
def ministry_decision_record(
    *,
    actor: Any,
    number: str,
    issued_on: datetime.date,
    summary: str,
    effective_on: datetime.date | None = None,
) -> MinistryDecision:
    """Record a Ministry's decision that publishes or changes procedures (the province must re-publish them)."""
    decision = MinistryDecision(
        number=number.strip(), issued_on=issued_on, effective_on=effective_on, summary=summary.strip()
    )
    decision.full_clean()
    decision.save()
    audit_record(
        actor=actor,
        action="ministry_decision_record",
        instance=decision,
        changes=snapshot_diff({}, model_snapshot(decision)),
    )
    return decision


@transaction.atomic
def ministry_decision_update(*, actor: Any, decision: MinistryDecision, **fields: Any) -> MinistryDecision:
    decision = MinistryDecision.objects.select_for_update().get(pk=decision.pk)
    before = model_snapshot(decision)
    for name, value in fields.items():
        if name not in MINISTRY_DECISION_FIELDS:
            raise TypeError(f"ministry_decision_update does not change {name}")
        setattr(decision, name, value.strip() if isinstance(value, str) else value)
    decision.full_clean()
    _check_publications_follow(decision)
    decision.save()
    changes = snapshot_diff(before, model_snapshot(decision))
    if changes:
        audit_record(actor=actor, action="ministry_decision_update", instance=decision, changes=changes)
    return decision


def _check_publications_follow(decision: MinistryDecision) -> None:
    if decision.pk and decision.publications.filter(issued_on__lt=decision.issued_on).exists():
        raise ValidationError(
            {"issued_on": _("Đã có quyết định công bố của tỉnh ban hành trước ngày này dựa trên quyết định của Bộ.")}
        )


def _check_follows_ministry(decision: PublicationDecision) -> None:
    ministry = decision.ministry_decision
    if ministry is not None and decision.issued_on and decision.issued_on < ministry.issued_on:
        raise ValidationError(
            {
                "issued_on": _(
                    "Quyết định công bố (ngày %(date)s) không thể ban hành trước quyết định của Bộ %(number)s "
                    "(ngày %(ministry_date)s)."
                )
                % {
                    "date": decision.issued_on.strftime("%d/%m/%Y"),
                    "number": ministry.number,
                    "ministry_date": ministry.issued_on.strftime("%d/%m/%Y"),
                }
            }
        )


@transaction.atomic
def publication_decision_record(
    *,
    actor: Any,
    number: str,
    issued_on: datetime.date,
    ministry_decision: MinistryDecision | None = None,
    effective_on: datetime.date | None = None,
    issuer: str = "",
    summary: str = "",
) -> PublicationDecision:
    """Record the province's decision that publishes, amends, replaces or abolishes procedures."""
    decision = PublicationDecision(
        number=number.strip(),
        issued_on=issued_on,
        effective_on=effective_on,
        summary=summary.strip(),
        ministry_decision=ministry_decision,
    )
    if issuer.strip():
        decision.issuer = issuer.strip()
    decision.full_clean()
    _check_follows_ministry(decision)
    decision.save()
    audit_record(
        actor=actor,
        action="publication_decision_record",
        instance=decision,
        changes=snapshot_diff({}, model_snapshot(decision)),
    )
    return decision


@transaction.atomic
def publication_decision_update(*, actor: Any, decision: PublicationDecision, **fields: Any) -> PublicationDecision:
    decision = PublicationDecision.objects.select_for_update().get(pk=decision.pk)
    before = model_snapshot(decision)
    for name, value in fields.items():
        if name not in PUBLICATION_DECISION_FIELDS:
            raise TypeError(f"publication_decision_update does not change {name}")
        setattr(decision, name, value.strip() if isinstance(value, str) else value)
    decision.full_clean()
    _check_follows_ministry(decision)
    decision.save()
    changes = snapshot_diff(before, model_snapshot(decision))
    if changes:
        audit_record(actor=actor, action="publication_decision_update", instance=decision, changes=changes)
    return decision


# ---- Procedures and versions ----


def _write_version(
    *,
    actor: Any,
    procedure: Procedure,
    number: int,
    action: str,
    decision: PublicationDecision | None,
    effective_from: datetime.date | None,
    values: dict[str, Any],
    documents: Sequence[DocumentSpec],
) -> ProcedureVersion:
    if not documents and action != PublicationAction.ABOLISH:
        raise ValidationError(_("Thủ tục phải có ít nhất một thành phần hồ sơ."))
    version = ProcedureVersion(
        procedure=procedure,
        number=number,
        action=action,
        decision=decision,
        effective_from=effective_from or (decision.effective_on or decision.issued_on if decision else None),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **values,
    )
    version.full_clean()
    version.save()
    for order, document in enumerate(documents, start=1):
        item = RequiredDocument(
            version=version, order=order, name=" ".join(document.name.split()), form=document.form, count=document.count
        )
        item.full_clean()
        item.save()
    return version


@transaction.atomic
def procedure_publish(
    *,
    actor: Any,
    code: str,
    field: ProcedureField,
    level: str,
    resolving_unit: Unit,
    decision: PublicationDecision | None,
    documents: Sequence[DocumentSpec],
    effective_from: datetime.date | None = None,
    **version_fields: Any,
) -> Procedure:
    """Add a procedure to the catalogue with its first version."""
    values = clean_values(version_fields)
    procedure = Procedure(
        code=code.strip().upper(),
        name=values["name"],
        field=field,
        level=level,
        resolving_unit=resolving_unit,
        status=ProcedureStatus.ACTIVE,
        search_text=procedure_search_text(code.strip().upper(), values["name"]),
    )
    procedure.full_clean()
    procedure.save()
    version = _write_version(
        actor=actor,
        procedure=procedure,
        number=1,
        action=PublicationAction.PUBLISH,
        decision=decision,
        effective_from=effective_from,
        values=values,
        documents=documents,
    )
    procedure.current_version = version
    procedure.save(update_fields=["current_version"])
    changes = content_changes({}, content_display(values, documents))
    audit_record(
        actor=actor,
        action="procedure_publish",
        instance=procedure,
        changes=_changes_text(changes),
        note=_("Phiên bản 1, quyết định %(decision)s") % {"decision": decision or "—"},
    )
    return procedure


def _lock(procedure: Procedure) -> Procedure:
    return Procedure.objects.select_for_update(of=("self",)).select_related("current_version").get(pk=procedure.pk)


@transaction.atomic
def procedure_catalogue_update(
    *, actor: Any, procedure: Procedure, field: ProcedureField, level: str, resolving_unit: Unit
) -> Procedure:
    """Change the field, level or resolving unit (not versioned: they place the procedure in the catalogue)."""
    procedure = _lock(procedure)
    before = model_snapshot(procedure, list(CATALOGUE_FIELDS))
    procedure.field, procedure.level, procedure.resolving_unit = field, level, resolving_unit
    procedure.full_clean()
    changes = snapshot_diff(before, model_snapshot(procedure, list(CATALOGUE_FIELDS)))
    if changes:
        procedure.save(update_fields=list(CATALOGUE_FIELDS))
        audit_record(actor=actor, action="procedure_catalogue_update", instance=procedure, changes=changes)
    return procedure


def _next_number(procedure: Procedure) -> int:
    return (procedure.versions.aggregate(last=Max("number"))["last"] or 0) + 1


@transaction.atomic
def procedure_change(
    *,
    actor: Any,
    procedure: Procedure,
    action: str,
    decision: PublicationDecision | None,
    documents: Sequence[DocumentSpec],
    effective_from: datetime.date | None = None,
    **version_fields: Any,
) -> ProcedureVersion | None:
    """A new version (amended, replaced, or published again after abolition) when anything differs from the
    current version or the decision is another one; None when nothing changed (so an import can run twice)."""
    if action not in CHANGE_ACTIONS:
        raise ValidationError(_("Hình thức thay đổi không hợp lệ."))
    procedure = _lock(procedure)
    values = clean_values(version_fields)
    current = procedure.current_version
    shown = content_display(values, documents)
    before = version_display(current) if current else {}
    changes = content_changes(before, shown)
    same_decision = current is not None and current.decision_id == (decision.pk if decision else None)
    if not changes and same_decision and procedure.status == ProcedureStatus.ACTIVE:
        return None
    if procedure.status == ProcedureStatus.ABOLISHED and action != PublicationAction.PUBLISH:
        raise ValidationError(
            _("Thủ tục %(code)s đã bị bãi bỏ; chỉ có thể công bố lại bằng quyết định công bố mới.")
            % {"code": procedure.code}
        )
    number = _next_number(procedure)
    version = _write_version(
        actor=actor,
        procedure=procedure,
        number=number,
        action=action,
        decision=decision,
        effective_from=effective_from,
        values=values,
        documents=documents,
    )
    procedure.current_version = version
    procedure.name = values["name"]
    procedure.status = ProcedureStatus.ACTIVE
    procedure.search_text = procedure_search_text(procedure.code, procedure.name)
    procedure.full_clean()
    procedure.save(update_fields=["current_version", "name", "status", "search_text"])
    audit_record(
        actor=actor,
        action=f"procedure_{action}",
        instance=procedure,
        changes=_changes_text(changes),
        note=_("Phiên bản %(number)s, quyết định %(decision)s") % {"number": number, "decision": decision or "—"},
    )
    return version


@transaction.atomic
def procedure_abolish(
    *,
    actor: Any,
    procedure: Procedure,
    decision: PublicationDecision,
    effective_from: datetime.date | None = None,
) -> ProcedureVersion:
    """Abolish a procedure from a decision: a last version that keeps the content and records the decision."""
    procedure = _lock(procedure)
    if procedure.status == ProcedureStatus.ABOLISHED:
        raise ValidationError(_("Thủ tục %(code)s đã bị bãi bỏ.") % {"code": procedure.code})
    current = procedure.current_version
    if current is None:
        raise ValidationError(_("Thủ tục %(code)s chưa có phiên bản nào.") % {"code": procedure.code})
    documents = [DocumentSpec(name=item.name, form=item.form, count=item.count) for item in current.documents.all()]
    values = version_values(current)
    version = _write_version(
        actor=actor,
        procedure=procedure,
        number=_next_number(procedure),
        action=PublicationAction.ABOLISH,
        decision=decision,
        effective_from=effective_from,
        values=values,
        documents=documents,
    )
    procedure.current_version = version
    procedure.status = ProcedureStatus.ABOLISHED
    procedure.save(update_fields=["current_version", "status"])
    audit_record(
        actor=actor,
        action="procedure_abolish",
        instance=procedure,
        changes={str(_("Trạng thái")): [str(ProcedureStatus.ACTIVE.label), str(ProcedureStatus.ABOLISHED.label)]},
        note=_("Quyết định %(decision)s") % {"decision": decision},
    )
    return version


@transaction.atomic
def procedure_revise(
    *,
    actor: Any,
    procedure: Procedure,
    field: ProcedureField,
    level: str,
    resolving_unit: Unit,
    action: str,
    decision: PublicationDecision | None,
    documents: Sequence[DocumentSpec],
    effective_from: datetime.date | None = None,
    **version_fields: Any,
) -> ProcedureVersion | None:
    """The staff edit form: catalogue attributes in place, content as a new version when it differs."""
    procedure_catalogue_update(
        actor=actor, procedure=procedure, field=field, level=level, resolving_unit=resolving_unit
    )
    return procedure_change(
        actor=actor,
        procedure=procedure,
        action=action,
        decision=decision,
        documents=documents,
        effective_from=effective_from,
        **version_fields,
    )
