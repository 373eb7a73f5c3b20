"""Import of the procedure catalogue from the XLSX the province publishes.

Three steps, so that a person sees everything before anything is written: `catalogue_check` reads the file and
checks every row (each problem with its row, column and reason) and compares it with the catalogue (new
procedure, new version, abolished, unchanged); the rows wait in the session for the review screen; then
`catalogue_import` compares again and applies everything in one transaction, or nothing. Importing the same file
twice changes nothing the second time.
"""

import datetime
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.core.spreadsheets import Problems, SheetRow, SpreadsheetInvalid, cell_date, read_table
from cchc.core.text import fold
from cchc.org.models import Unit

from .choices import ProcedureStatus, PublicationAction
from .models import MinistryDecision, Procedure, ProcedureField, PublicationDecision
from .services import (
    ministry_decision_record,
    procedure_abolish,
    procedure_catalogue_update,
    procedure_change,
    procedure_field_create,
    procedure_publish,
    publication_decision_record,
    publication_decision_update,
)
from .tables import (
    CATALOGUE_COLUMNS,
    CODE_PATTERN,
    action_from,
    days_from,
    documents_from,
    fee_from,
    level_from,
    online_service_from,
    yes_no_from,
)
from .versions import (
    VERSION_FIELDS,
    Change,
    DocumentSpec,
    clean_values,
    content_changes,
    content_display,
    version_display,
    version_documents,
    version_values,
)

NEW = "new"
NEW_VERSION = "new_version"
ABOLISH = "abolish"
UNCHANGED = "unchanged"
KIND_LABELS = {
    NEW: gettext_lazy("Thủ tục mới"),
    NEW_VERSION: gettext_lazy("Phiên bản mới"),
    ABOLISH: gettext_lazy("Bãi bỏ"),
    UNCHANGED: gettext_lazy("Không thay đổi"),
}
# Optional columns that, when the file lacks them, keep what the current version says.
OPTIONAL_VERSION_KEYS = ("online_time_limit_days", "steps", "applicants", "legal_basis", "result")


@dataclass
class CatalogueRow:
    """One row read and checked against the file alone; JSON-serialisable for the session."""

    number: int
    code: str
    name: str
    field_name: str
    level: str
    unit_code: str
    action: str
    values: dict[str, Any]
    documents: list[dict[str, Any]]
    decision_number: str = ""
    decision_date: str = ""
    ministry_number: str = ""
    ministry_date: str = ""

    def version_values(self) -> dict[str, Any]:
        values = dict(self.values)
        if "fee_amount" in values:
            values["fee_amount"] = Decimal(values["fee_amount"])
        return values

    def document_specs(self) -> list[DocumentSpec]:
        return [DocumentSpec(**item) for item in self.documents]


@dataclass
class PlanItem:
    """What confirming will do with one row."""

    number: int
    code: str
    name: str
    kind: str
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


@dataclass
class CataloguePlan:
    rows: list[CatalogueRow]
    items: list[PlanItem]
    new_fields: list[str]
    new_decisions: list[str]
    new_ministry_decisions: list[str]
    file_name: str = ""
    columns: dict[str, tuple[str, str]] = field(default_factory=dict)

    def count(self, kind: str) -> int:
        return sum(1 for item in self.items if item.kind == kind)

    @property
    def has_changes(self) -> bool:
        """Anything to write: a procedure, a version, a changed field or unit, a decision or field to add."""
        touched = any(item.kind != UNCHANGED or item.notes for item in self.items)
        return touched or bool(self.new_decisions or self.new_ministry_decisions or self.new_fields)

    def rows_to_session(self) -> dict[str, Any]:
        return {"file_name": self.file_name, "columns": self.columns, "rows": [asdict(row) for row in self.rows]}


@dataclass
class ImportSummary:
    created: int = 0
    versioned: int = 0
    abolished: int = 0
    unchanged: int = 0


def rows_from_session(data: dict[str, Any]) -> tuple[str, dict[str, tuple[str, str]], list[CatalogueRow]]:
    columns = {key: (str(value[0]), str(value[1])) for key, value in data.get("columns", {}).items()}
    return str(data.get("file_name", "")), columns, [CatalogueRow(**row) for row in data.get("rows", [])]


def _text(values: dict[str, Any], key: str) -> str:
    value = values.get(key)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) if key not in {"steps", "legal_basis", "documents"} else str(value).strip()


def _date_text(row: SheetRow, key: str, problems: Problems) -> tuple[str, bool]:
    try:
        value = cell_date(row.values.get(key))
    except ValueError as error:
        problems.add(row.number, key, str(error))
        return "", False
    return (value.isoformat() if value else ""), True


def _parse_row(row: SheetRow, problems: Problems) -> CatalogueRow | None:
    values = row.values
    before = len(problems.items)
    code = _text(values, "code").upper()
    if not code:
        problems.add(row.number, "code", _("mã thủ tục không được để trống."))
    elif not CODE_PATTERN.match(code):
        problems.add(
            row.number, "code", _("mã thủ tục “%(code)s” không đúng dạng (ví dụ 1.000948.H38).") % {"code": code}
        )
    name = _text(values, "name")
    if not name:
        problems.add(row.number, "name", _("tên thủ tục không được để trống."))
    elif len(name) > 500:
        problems.add(row.number, "name", _("tên thủ tục dài quá 500 ký tự."))
    field_name = _text(values, "field")
    if not field_name:
        problems.add(row.number, "field", _("lĩnh vực không được để trống."))
    parsed: dict[str, Any] = {}
    for key, reader in (
        ("level", level_from),
        ("action", action_from),
        ("online_service", online_service_from),
        ("online_payment", yes_no_from),
        ("postal_service", yes_no_from),
    ):
        if key not in values and key not in {"level", "action"}:
            continue
        try:
            parsed[key] = reader(values.get(key))
        except ValueError as error:
            problems.add(row.number, key, str(error))
    for key, required in (("time_limit_days", True), ("online_time_limit_days", False)):
        if key not in values and not required:
            continue
        try:
            parsed[key] = days_from(values.get(key), required=required)
        except ValueError as error:
            problems.add(row.number, key, str(error))
    if "fee" in values:
        try:
            amount, note = fee_from(values.get("fee"))
        except ValueError as error:
            problems.add(row.number, "fee", str(error))
        else:
            parsed["fee_amount"], parsed["fee_text"] = str(amount), note
    documents = documents_from(values.get("documents"))
    action = parsed.get("action", PublicationAction.PUBLISH)
    if not documents and action != PublicationAction.ABOLISH:
        problems.add(row.number, "documents", _("cần ít nhất một thành phần hồ sơ (mỗi giấy tờ một dòng)."))
    decision_date, _ok = _date_text(row, "decision_date", problems)
    ministry_date, _ok = _date_text(row, "ministry_date", problems)
    decision_number = _text(values, "decision_number")
    ministry_number = _text(values, "ministry_number")
    _check_decision_cells(row, problems, decision_number, decision_date, ministry_number, ministry_date, action)
    unit_code = _text(values, "unit")
    if not unit_code:
        problems.add(row.number, "unit", _("đơn vị giải quyết không được để trống."))
    if len(problems.items) > before:
        return None
    version_fields = {key: parsed[key] for key in VERSION_FIELDS if key in parsed}
    version_fields["name"] = name
    for key in ("steps", "applicants", "legal_basis", "result"):
        if key in values:
            version_fields[key] = _text(values, key)
    return CatalogueRow(
        number=row.number,
        code=code,
        name=name,
        field_name=field_name,
        level=parsed["level"],
        unit_code=unit_code,
        action=action,
        values=version_fields,
        documents=[asdict(document) for document in documents],
        decision_number=decision_number,
        decision_date=decision_date,
        ministry_number=ministry_number,
        ministry_date=ministry_date,
    )


def _check_decision_cells(
    row: SheetRow,
    problems: Problems,
    decision_number: str,
    decision_date: str,
    ministry_number: str,
    ministry_date: str,
    action: str,
) -> None:
    if decision_number and row.values.get("decision_date") in (None, ""):
        problems.add(
            row.number,
            "decision_date",
            _("thiếu ngày của quyết định công bố %(number)s.") % {"number": decision_number},
        )
    if decision_date and not decision_number:
        problems.add(row.number, "decision_number", _("có ngày quyết định nhưng thiếu số quyết định công bố."))
    if ministry_number and row.values.get("ministry_date") in (None, ""):
        problems.add(
            row.number, "ministry_date", _("thiếu ngày của quyết định của Bộ %(number)s.") % {"number": ministry_number}
        )
    if ministry_number and not decision_number:
        problems.add(
            row.number, "decision_number", _("có quyết định của Bộ nhưng thiếu số quyết định công bố của tỉnh.")
        )
    if decision_date and ministry_date and ministry_date > decision_date:
        problems.add(
            row.number,
            "ministry_date",
            _("ngày quyết định của Bộ (%(ministry)s) sau ngày quyết định công bố (%(decision)s).")
            % {"ministry": _dmy(ministry_date), "decision": _dmy(decision_date)},
        )
    if action == PublicationAction.ABOLISH and not decision_number:
        problems.add(row.number, "decision_number", _("bãi bỏ thủ tục cần số quyết định công bố."))


def _dmy(iso: str) -> str:
    return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y")


def catalogue_read(stream: IO[bytes]) -> tuple[list[CatalogueRow], dict[str, tuple[str, str]]]:
    """Every row of the file checked on its own and against the others (codes, decisions), and the file's column
    letters (for later messages); raises SpreadsheetInvalid listing every problem."""
    table, problems = read_table(stream, CATALOGUE_COLUMNS)
    rows: list[CatalogueRow] = []
    seen: dict[str, int] = {}
    decision_dates: dict[tuple[str, str], tuple[str, int]] = {}
    for sheet_row in table:
        code = _text(sheet_row.values, "code").upper()
        if code and code in seen:
            problems.add(
                sheet_row.number,
                "code",
                _("mã thủ tục “%(code)s” trùng với dòng %(row)s.") % {"code": code, "row": seen[code]},
            )
            continue
        if code:
            seen[code] = sheet_row.number
        row = _parse_row(sheet_row, problems)
        if row is None:
            continue
        for kind, number, date, column in (
            ("province", row.decision_number, row.decision_date, "decision_date"),
            ("ministry", row.ministry_number, row.ministry_date, "ministry_date"),
        ):
            if not number:
                continue
            first = decision_dates.setdefault((kind, number), (date, row.number))
            if first[0] != date:
                problems.add(
                    row.number,
                    column,
                    _("quyết định %(number)s ghi ngày khác với dòng %(row)s.") % {"number": number, "row": first[1]},
                )
        rows.append(row)
    if not table and not problems:
        problems.add_general(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    if problems:
        raise SpreadsheetInvalid(problems)
    return rows, problems.columns


@dataclass
class _Lookups:
    procedures: dict[str, Procedure]
    units: dict[str, Unit]
    fields: dict[str, ProcedureField]
    decisions: dict[str, PublicationDecision]
    ministry: dict[str, MinistryDecision]

    @classmethod
    def load(cls, rows: Sequence[CatalogueRow]) -> "_Lookups":
        codes = [row.code for row in rows]
        units: dict[str, Unit] = {}
        for unit in Unit.objects.all():
            units.setdefault(fold(unit.name), unit)
            units[unit.code.upper()] = unit
        fields: dict[str, ProcedureField] = {}
        for item in ProcedureField.objects.all():
            fields[fold(item.code)] = item
            fields[fold(item.name)] = item
        return cls(
            procedures={
                procedure.code: procedure
                for procedure in Procedure.objects.filter(code__in=codes)
                .select_related("field", "resolving_unit", "current_version__decision")
                .prefetch_related("current_version__documents")
            },
            units=units,
            fields=fields,
            decisions={
                item.number: item
                for item in PublicationDecision.objects.filter(
                    number__in={row.decision_number for row in rows}
                ).select_related("ministry_decision")
            },
            ministry={
                item.number: item
                for item in MinistryDecision.objects.filter(number__in={row.ministry_number for row in rows})
            },
        )

    def unit(self, text: str) -> Unit | None:
        return self.units.get(text.upper()) or self.units.get(fold(text))


def _check_decisions(row: CatalogueRow, lookups: _Lookups, problems: Problems) -> None:
    decision = lookups.decisions.get(row.decision_number)
    if decision is not None and row.decision_date and decision.issued_on.isoformat() != row.decision_date:
        problems.add(
            row.number,
            "decision_date",
            _("quyết định %(number)s đã có trong hệ thống với ngày %(date)s.")
            % {"number": decision.number, "date": decision.issued_on.strftime("%d/%m/%Y")},
        )
    ministry = lookups.ministry.get(row.ministry_number)
    if ministry is not None and row.ministry_date and ministry.issued_on.isoformat() != row.ministry_date:
        problems.add(
            row.number,
            "ministry_date",
            _("quyết định của Bộ %(number)s đã có trong hệ thống với ngày %(date)s.")
            % {"number": ministry.number, "date": ministry.issued_on.strftime("%d/%m/%Y")},
        )
    if (
        decision is not None
        and decision.ministry_decision is not None
        and row.ministry_number
        and decision.ministry_decision.number != row.ministry_number
    ):
        problems.add(
            row.number,
            "ministry_number",
            _("quyết định %(number)s đã gắn với quyết định của Bộ %(ministry)s.")
            % {"number": decision.number, "ministry": decision.ministry_decision.number},
        )


def _target_values(row: CatalogueRow, procedure: Procedure | None) -> dict[str, Any]:
    """The version values the row asks for; optional columns the file lacks keep the current version's."""
    values = row.version_values()
    if procedure is not None and procedure.current_version is not None:
        current = version_values(procedure.current_version)
        for key in (
            *OPTIONAL_VERSION_KEYS,
            "fee_amount",
            "fee_text",
            "online_service",
            "online_payment",
            "postal_service",
        ):
            if key not in values:
                values[key] = current[key]
    return clean_values(values)


def _plan_row(row: CatalogueRow, lookups: _Lookups, problems: Problems) -> PlanItem:
    procedure = lookups.procedures.get(row.code)
    item = PlanItem(number=row.number, code=row.code, name=row.name, kind=UNCHANGED)
    if lookups.unit(row.unit_code) is None:
        problems.add(row.number, "unit", _("không tìm thấy đơn vị mã “%(code)s”.") % {"code": row.unit_code})
    _check_decisions(row, lookups, problems)
    if procedure is None:
        if row.action == PublicationAction.ABOLISH:
            problems.add(row.number, "action", _("không có thủ tục mã “%(code)s” để bãi bỏ.") % {"code": row.code})
        item.kind = NEW
        item.changes = content_changes({}, content_display(_target_values(row, None), row.document_specs()))
        return item
    current = procedure.current_version
    if row.action == PublicationAction.ABOLISH:
        if procedure.status != ProcedureStatus.ABOLISHED:
            item.kind = ABOLISH
        return item
    if procedure.status == ProcedureStatus.ABOLISHED and row.action != PublicationAction.PUBLISH:
        problems.add(
            row.number,
            "action",
            _("thủ tục “%(code)s” đã bị bãi bỏ; chỉ có thể “Công bố mới” lại.") % {"code": row.code},
        )
    before = version_display(current) if current else {}
    item.changes = content_changes(before, content_display(_target_values(row, procedure), row.document_specs()))
    current_decision = current.decision.number if current and current.decision else ""
    if item.changes or current_decision != row.decision_number or procedure.status == ProcedureStatus.ABOLISHED:
        item.kind = NEW_VERSION
        if row.action == PublicationAction.PUBLISH and procedure.status == ProcedureStatus.ACTIVE:
            item.notes.append(_("Thủ tục đã có trong danh mục: được ghi thành phiên bản sửa đổi, bổ sung."))
    unit = lookups.unit(row.unit_code)
    field_item = lookups.fields.get(fold(row.field_name))
    if (
        (unit is not None and unit.pk != procedure.resolving_unit_id)
        or field_item != procedure.field
        or row.level != procedure.level
    ):
        item.notes.append(_("Lĩnh vực, cấp thực hiện hoặc đơn vị giải quyết thay đổi."))
    return item


def _plan(rows: Sequence[CatalogueRow], problems: Problems) -> CataloguePlan:
    lookups = _Lookups.load(rows)
    items = [_plan_row(row, lookups, problems) for row in rows]
    new_fields = sorted({row.field_name for row in rows if fold(row.field_name) not in lookups.fields})
    new_decisions = sorted(
        {row.decision_number for row in rows if row.decision_number and row.decision_number not in lookups.decisions}
    )
    new_ministry = sorted(
        {row.ministry_number for row in rows if row.ministry_number and row.ministry_number not in lookups.ministry}
    )
    return CataloguePlan(
        rows=list(rows),
        items=items,
        new_fields=new_fields,
        new_decisions=new_decisions,
        new_ministry_decisions=new_ministry,
    )


def catalogue_preview(
    rows: Sequence[CatalogueRow], *, columns: dict[str, tuple[str, str]], file_name: str = ""
) -> tuple[CataloguePlan, Problems]:
    """What confirming the checked rows would do against today's catalogue (it may have changed since upload)."""
    problems = Problems(columns=columns)
    plan = _plan(rows, problems)
    plan.file_name, plan.columns = file_name, columns
    return plan, problems


def catalogue_check(stream: IO[bytes], *, file_name: str = "") -> CataloguePlan:
    """Read and check the file and say what importing it would do; raises SpreadsheetInvalid on any problem."""
    rows, columns = catalogue_read(stream)
    problems = Problems(columns=columns)
    plan = _plan(rows, problems)
    if problems:
        raise SpreadsheetInvalid(problems)
    plan.file_name = file_name
    plan.columns = columns
    return plan


def catalogue_import(
    *, actor: Any, rows: Sequence[CatalogueRow], columns: dict[str, tuple[str, str]] | None = None
) -> ImportSummary:
    """Apply the checked rows in one transaction: all of them, or nothing (SpreadsheetInvalid says why)."""
    problems = Problems(columns=columns or {})
    with transaction.atomic():
        plan = _plan(rows, problems)
        if problems:
            raise SpreadsheetInvalid(problems)
        summary = ImportSummary()
        lookups = _Lookups.load(rows)
        for row, item in zip(rows, plan.items, strict=True):
            try:
                _apply_row(actor, row, item, lookups, summary)
            except ValidationError as error:
                problems.add(row.number, "code", " ".join(error.messages))
        if problems:
            raise SpreadsheetInvalid(problems)
    return summary


def _decision_for(actor: Any, row: CatalogueRow, lookups: _Lookups) -> PublicationDecision | None:
    if not row.decision_number:
        return None
    ministry = None
    if row.ministry_number:
        ministry = lookups.ministry.get(row.ministry_number)
        if ministry is None:
            ministry = ministry_decision_record(
                actor=actor,
                number=row.ministry_number,
                issued_on=datetime.date.fromisoformat(row.ministry_date),
                summary=_("Quyết định của Bộ làm căn cứ công bố (nhập cùng danh mục thủ tục)"),
            )
            lookups.ministry[ministry.number] = ministry
    decision = lookups.decisions.get(row.decision_number)
    if decision is None:
        decision = publication_decision_record(
            actor=actor,
            number=row.decision_number,
            issued_on=datetime.date.fromisoformat(row.decision_date),
            ministry_decision=ministry,
            summary=_("Công bố danh mục thủ tục hành chính (nhập từ tệp Excel)"),
        )
        lookups.decisions[decision.number] = decision
    elif ministry is not None and decision.ministry_decision_id is None:
        decision = publication_decision_update(actor=actor, decision=decision, ministry_decision=ministry)
        lookups.decisions[decision.number] = decision
    return decision


def _field_for(actor: Any, row: CatalogueRow, lookups: _Lookups) -> ProcedureField:
    found = lookups.fields.get(fold(row.field_name))
    if found is None:
        found = procedure_field_create(actor=actor, name=row.field_name)
        lookups.fields[fold(found.name)] = found
    return found


def _apply_row(actor: Any, row: CatalogueRow, item: PlanItem, lookups: _Lookups, summary: ImportSummary) -> None:
    decision = _decision_for(actor, row, lookups)
    field_item = _field_for(actor, row, lookups)
    unit = lookups.unit(row.unit_code)
    if unit is None:
        raise ValidationError(_("không tìm thấy đơn vị mã “%(code)s”.") % {"code": row.unit_code})
    procedure = lookups.procedures.get(row.code)
    if procedure is None:
        procedure_publish(
            actor=actor,
            code=row.code,
            field=field_item,
            level=row.level,
            resolving_unit=unit,
            decision=decision,
            documents=row.document_specs(),
            **_target_values(row, None),
        )
        summary.created += 1
        return
    procedure_catalogue_update(actor=actor, procedure=procedure, field=field_item, level=row.level, resolving_unit=unit)
    if item.kind == ABOLISH and decision is not None:
        procedure_abolish(actor=actor, procedure=procedure, decision=decision)
        summary.abolished += 1
    elif item.kind == NEW_VERSION:
        active = procedure.status == ProcedureStatus.ACTIVE
        action = PublicationAction.AMEND if row.action == PublicationAction.PUBLISH and active else row.action
        documents = row.document_specs() or (
            version_documents(procedure.current_version) if procedure.current_version else []
        )
        procedure_change(
            actor=actor,
            procedure=procedure,
            action=action,
            decision=decision,
            documents=documents,
            **_target_values(row, procedure),
        )
        summary.versioned += 1
    else:
        summary.unchanged += 1
