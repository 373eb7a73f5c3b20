"""The XLSX layout of units and people: one definition serves import and export, so a file round-trips."""

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from cchc.core.spreadsheets import Column

from .choices import Role, UnitKind
from .models import Unit, User

UNIT_COLUMNS = (
    Column("code", _("Mã đơn vị"), required=True),
    Column("name", _("Tên đơn vị"), required=True),
    Column("kind", _("Loại đơn vị"), required=True),
    Column("parent", _("Mã đơn vị cấp trên")),
    Column("valid_from", _("Hiệu lực từ ngày")),
    Column("valid_to", _("Hiệu lực đến ngày")),
    Column("predecessors", _("Mã đơn vị tiền thân")),
    Column("sort_order", _("Thứ tự")),
)

PERSON_COLUMNS = (
    Column("username", _("Tên đăng nhập"), required=True),
    Column("full_name", _("Họ và tên"), required=True),
    Column("email", _("Email")),
    Column("unit", _("Mã đơn vị")),
    Column("position", _("Chức vụ")),
    Column("roles", _("Vai trò")),  # several roles separated by ";" (labels contain commas)
    Column("phone", _("Điện thoại")),
    Column("is_active", _("Đang hoạt động")),
)


def unit_rows(units: Iterable[Unit]) -> Iterator[list[Any]]:
    """One export row per unit, in UNIT_COLUMNS order."""
    for unit in units:
        yield [
            unit.code,
            unit.name,
            unit.get_kind_display(),
            unit.parent.code if unit.parent else "",
            unit.valid_from,
            unit.valid_to,
            ", ".join(sorted(item.code for item in unit.predecessors.all())),
            unit.sort_order,
        ]


def person_rows(people: Iterable[User]) -> Iterator[list[Any]]:
    """One export row per person, in PERSON_COLUMNS order."""
    for person in people:
        yield [
            person.username,
            person.full_name,
            person.email,
            person.unit.code if person.unit else "",
            person.position,
            "; ".join(str(assignment.get_role_display()) for assignment in person.role_assignments.all()),
            person.phone,
            _("Có") if person.is_active else _("Không"),
        ]


def role_by_text() -> dict[str, str]:
    """Role codes by every way a spreadsheet may name them (code or label), folded."""
    from cchc.core.text import fold

    lookup = {fold(code): code for code in Role.values}
    lookup.update({fold(str(label)): code for code, label in Role.choices})
    return lookup


def unit_kind_by_text() -> dict[str, str]:
    """Unit kinds by code or label, folded."""
    from cchc.core.text import fold

    lookup = {fold(code): code for code in UnitKind.values}
    lookup.update({fold(str(label)): code for code, label in UnitKind.choices})
    return lookup
