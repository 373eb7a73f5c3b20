"""Import of units and people from XLSX: every row checked first, then all written in one transaction or none."""

import datetime
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.core.spreadsheets import Problems, SheetRow, SpreadsheetInvalid, cell_date, read_table
from cchc.core.text import fold

from .models import Unit, User
from .services import person_create, person_update, unit_create, unit_update
from .tables import PERSON_COLUMNS, UNIT_COLUMNS, role_by_text, unit_kind_by_text


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0


@dataclass
class _UnitRow:
    row: SheetRow
    code: str
    name: str
    kind: str
    parent_code: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    predecessor_codes: list[str]
    sort_order: int
    present: frozenset[str]


def _split_codes(value: Any) -> list[str]:
    return [part.strip().upper() for part in str(value or "").replace(";", ",").split(",") if part.strip()]


def _parse_unit_row(row: SheetRow, problems: Problems, kinds: dict[str, str]) -> _UnitRow | None:
    values = row.values
    ok = True
    code = str(values.get("code") or "").strip().upper()
    name = str(values.get("name") or "").strip()
    if not code:
        problems.add(row.number, "code", _("mã đơn vị không được để trống."))
        ok = False
    if not name:
        problems.add(row.number, "name", _("tên đơn vị không được để trống."))
        ok = False
    kind = kinds.get(fold(str(values.get("kind") or "")))
    if kind is None:
        problems.add(
            row.number,
            "kind",
            _("loại đơn vị “%(value)s” không có trong danh mục.") % {"value": values.get("kind") or ""},
        )
        ok = False
    dates: dict[str, datetime.date | None] = {}
    for key in ("valid_from", "valid_to"):
        try:
            dates[key] = cell_date(values.get(key))
        except ValueError as error:
            problems.add(row.number, key, str(error))
            ok = False
    sort_order = 0
    if values.get("sort_order") not in (None, ""):
        try:
            sort_order = int(values["sort_order"])
            if sort_order < 0:
                raise ValueError
        except (TypeError, ValueError):
            problems.add(row.number, "sort_order", _("thứ tự phải là số nguyên không âm."))
            ok = False
    if not ok:
        return None
    return _UnitRow(
        row=row,
        code=code,
        name=name,
        kind=kind or "",
        parent_code=str(values.get("parent") or "").strip().upper(),
        valid_from=dates.get("valid_from"),
        valid_to=dates.get("valid_to"),
        predecessor_codes=_split_codes(values.get("predecessors")),
        sort_order=sort_order,
        present=frozenset(values),
    )


def units_import_xlsx(*, actor: Any, stream: IO[bytes]) -> ImportSummary:
    """Create or update units by code. Raises SpreadsheetInvalid naming every wrong row and column."""
    table, problems = read_table(stream, UNIT_COLUMNS)
    kinds = unit_kind_by_text()
    parsed: list[_UnitRow] = []
    seen: dict[str, int] = {}
    for row in table:
        item = _parse_unit_row(row, problems, kinds)
        if item is None:
            continue
        if item.code in seen:
            problems.add(
                row.number,
                "code",
                _("mã “%(code)s” trùng với dòng %(row)s.") % {"code": item.code, "row": seen[item.code]},
            )
            continue
        seen[item.code] = row.number
        parsed.append(item)
    known = set(Unit.objects.values_list("code", flat=True)) | set(seen)
    for item in parsed:
        if item.parent_code and item.parent_code not in known:
            problems.add(
                item.row.number, "parent", _("không tìm thấy đơn vị mã “%(code)s”.") % {"code": item.parent_code}
            )
        if item.parent_code == item.code:
            problems.add(item.row.number, "parent", _("đơn vị không thể là cấp trên của chính nó."))
        for code in item.predecessor_codes:
            if code not in known:
                problems.add(
                    item.row.number, "predecessors", _("không tìm thấy đơn vị mã “%(code)s”.") % {"code": code}
                )
        if item.valid_from and item.valid_to and item.valid_to < item.valid_from:
            problems.add(item.row.number, "valid_to", _("ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))
    if not table and not problems:
        problems.add_general(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    if problems:
        raise SpreadsheetInvalid(problems)
    return _write_units(actor, parsed, problems)


def _write_units(actor: Any, parsed: list[_UnitRow], problems: Problems) -> ImportSummary:
    summary = ImportSummary()
    with transaction.atomic():
        by_code = {unit.code: unit for unit in Unit.objects.select_for_update()}
        for item in parsed:
            optional = {"valid_from": item.valid_from, "valid_to": item.valid_to, "sort_order": item.sort_order}
            # A column the file does not have leaves that field as it is (only a present, empty cell clears it).
            fields: dict[str, Any] = {
                "name": item.name,
                "kind": item.kind,
                **{key: value for key, value in optional.items() if key in item.present},
            }
            try:
                if item.code in by_code:
                    by_code[item.code] = unit_update(actor=actor, unit=by_code[item.code], **fields)
                    summary.updated += 1
                else:
                    by_code[item.code] = unit_create(actor=actor, code=item.code, **fields)
                    summary.created += 1
            except ValidationError as error:
                problems.add(item.row.number, _field_key(error, UNIT_KEYS), " ".join(error.messages))
        if problems:
            raise SpreadsheetInvalid(problems)
        for item in parsed:
            links: dict[str, Any] = {}
            if "parent" in item.present:
                links["parent"] = by_code.get(item.parent_code) if item.parent_code else None
            if "predecessors" in item.present:
                links["predecessors"] = [by_code[code] for code in item.predecessor_codes]
            try:
                unit_update(actor=actor, unit=by_code[item.code], **links)
            except ValidationError as error:
                problems.add(item.row.number, "parent", " ".join(error.messages))
        if problems:
            raise SpreadsheetInvalid(problems)
    return summary


def _truthy(value: Any) -> bool:
    if value in (None, ""):
        return True
    return fold(str(value)) not in {"khong", "no", "0", "false", "ngung"}


def people_import_xlsx(*, actor: Any, stream: IO[bytes]) -> ImportSummary:
    """Create or update people by username, with their unit and roles. All rows or none."""
    table, problems = read_table(stream, PERSON_COLUMNS)
    units = {unit.code: unit for unit in Unit.objects.all()}
    roles_lookup = role_by_text()
    existing = {person.username: person for person in User.objects.all()}
    emails = {person.email.lower(): person.username for person in existing.values() if person.email}
    seen: dict[str, int] = {}
    parsed: list[tuple[SheetRow, dict[str, Any], list[str] | None]] = []
    for row in table:
        values = row.values
        username = str(values.get("username") or "").strip()
        full_name = str(values.get("full_name") or "").strip()
        email = str(values.get("email") or "").strip().lower()
        unit_code = str(values.get("unit") or "").strip().upper()
        ok = True
        if not username:
            problems.add(row.number, "username", _("tên đăng nhập không được để trống."))
            ok = False
        elif username in seen:
            problems.add(
                row.number,
                "username",
                _("“%(name)s” trùng với dòng %(row)s.") % {"name": username, "row": seen[username]},
            )
            ok = False
        if not full_name:
            problems.add(row.number, "full_name", _("họ và tên không được để trống."))
            ok = False
        if email and emails.get(email, username) != username:
            problems.add(row.number, "email", _("email “%(email)s” đã thuộc về tài khoản khác.") % {"email": email})
            ok = False
        if email and "@" not in email:
            problems.add(row.number, "email", _("“%(email)s” không phải địa chỉ email.") % {"email": email})
            ok = False
        if unit_code and unit_code not in units:
            problems.add(row.number, "unit", _("không tìm thấy đơn vị mã “%(code)s”.") % {"code": unit_code})
            ok = False
        roles: list[str] = []
        for part in str(values.get("roles") or "").replace("\n", ";").split(";"):
            if not part.strip():
                continue
            code = roles_lookup.get(fold(part))
            if code is None:
                problems.add(
                    row.number, "roles", _("vai trò “%(role)s” không có trong danh mục.") % {"role": part.strip()}
                )
                ok = False
            else:
                roles.append(code)
        if username:
            seen[username] = row.number
        if email:
            emails[email] = username
        if ok:
            fields: dict[str, Any] = {
                "full_name": full_name,
                "email": email,
                "unit": units.get(unit_code),
                "position": str(values.get("position") or ""),
                "phone": str(values.get("phone") or ""),
                "is_active": _truthy(values.get("is_active")),
            }
            # A column the file does not have leaves that field as it is (only a present, empty cell clears it).
            present = {key: value for key, value in fields.items() if key in values}
            parsed.append((row, {"full_name": full_name, **present}, roles if "roles" in values else None))
    if not table and not problems:
        problems.add_general(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    if problems:
        raise SpreadsheetInvalid(problems)
    summary = ImportSummary()
    with transaction.atomic():
        for row, fields, row_roles in parsed:
            username = str(row.values["username"]).strip()
            try:
                if username in existing:
                    person_update(actor=actor, person=existing[username], roles=row_roles, **fields)
                    summary.updated += 1
                else:
                    is_active = fields.pop("is_active", True)
                    person = person_create(actor=actor, username=username, roles=row_roles or [], **fields)
                    if not is_active:
                        person_update(actor=actor, person=person, is_active=False)
                    summary.created += 1
            except ValidationError as error:
                problems.add(row.number, _field_key(error, PERSON_KEYS), " ".join(error.messages))
        if problems:
            raise SpreadsheetInvalid(problems)
    return summary


PERSON_KEYS = frozenset(column.key for column in PERSON_COLUMNS)

UNIT_KEYS = frozenset(column.key for column in UNIT_COLUMNS)


def _field_key(error: ValidationError, keys: frozenset[str]) -> str:
    """The column a model validation error is about, where it names one."""
    if hasattr(error, "error_dict"):
        for name in error.error_dict:
            if name in keys:
                return name
    return next(iter(sorted(keys)))
