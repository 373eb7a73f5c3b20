"""The only code that writes units, people and roles. Each call is one transaction with its audit rows."""

import datetime
from collections.abc import Iterable
from typing import Any

from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.core.services import audit_record
from cchc.core.snapshots import model_snapshot, snapshot_diff
from cchc.core.text import fold

from .choices import Role
from .models import RoleAssignment, Unit, User
from .selectors import unit_subtree_ids

UNIT_FIELDS = ("name", "code", "kind", "parent", "valid_from", "valid_to", "sort_order")
PERSON_FIELDS = ("username", "full_name", "email", "unit", "position", "phone", "is_active")


def _unit_search_text(unit: Unit) -> str:
    return fold(f"{unit.name} {unit.code}")


def _person_search_text(person: User) -> str:
    return fold(f"{person.full_name} {person.username} {person.email} {person.position}")


def _check_parent(unit: Unit) -> None:
    if unit.pk and unit.parent_id and unit.parent_id in unit_subtree_ids(unit.pk):
        raise ValidationError({"parent": _("Đơn vị cấp trên không được là chính nó hoặc một đơn vị cấp dưới của nó.")})


@transaction.atomic
def unit_create(
    *,
    actor: Any,
    name: str,
    code: str,
    kind: str,
    parent: Unit | None = None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    sort_order: int = 0,
    predecessors: Iterable[Unit] = (),
) -> Unit:
    """Create a unit of the department."""
    unit = Unit(
        name=name.strip(),
        code=code.strip().upper(),
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        sort_order=sort_order,
    )
    unit.search_text = _unit_search_text(unit)
    unit.full_clean()
    unit.save()
    unit.predecessors.set(predecessors)
    audit_record(actor=actor, action="unit_create", instance=unit, changes=snapshot_diff({}, _unit_snapshot(unit)))
    return unit


def _unit_snapshot(unit: Unit) -> dict[str, Any]:
    snapshot = model_snapshot(unit, list(UNIT_FIELDS))
    if unit.pk:
        snapshot[str(_("đơn vị tiền thân"))] = sorted(str(item) for item in unit.predecessors.all())
    return snapshot


@transaction.atomic
def unit_update(*, actor: Any, unit: Unit, predecessors: Iterable[Unit] | None = None, **fields: Any) -> Unit:
    """Change a unit's fields (and, when given, its predecessors); records what changed."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = _unit_snapshot(unit)
    for name, value in fields.items():
        if name not in UNIT_FIELDS:
            raise TypeError(f"unit_update does not change {name}")
        setattr(unit, name, value.strip() if isinstance(value, str) and name != "kind" else value)
    unit.code = unit.code.upper()
    unit.search_text = _unit_search_text(unit)
    _check_parent(unit)
    unit.full_clean()
    unit.save()
    if predecessors is not None:
        chosen = [item for item in predecessors if item.pk != unit.pk]
        unit.predecessors.set(chosen)
    changes = snapshot_diff(before, _unit_snapshot(unit))
    if changes:
        audit_record(actor=actor, action="unit_update", instance=unit, changes=changes)
    return unit


@transaction.atomic
def unit_delete(*, actor: Any, unit: Unit) -> None:
    """Delete a unit that nothing refers to yet; a unit that was used must be ended (valid_to) instead."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.children.exists() or unit.members.exists() or unit.successors.exists():
        raise ValidationError(
            _(
                "Không xóa được “%(unit)s” vì đã có đơn vị cấp dưới, người dùng hoặc đơn vị kế thừa. "
                "Hãy đặt ngày hết hiệu lực thay vì xóa."
            )
            % {"unit": unit}
        )
    audit_record(actor=actor, action="unit_delete", instance=unit, changes=snapshot_diff(_unit_snapshot(unit), {}))
    unit.delete()


def _person_snapshot(person: User) -> dict[str, Any]:
    snapshot = model_snapshot(person, list(PERSON_FIELDS))
    labels = dict(Role.choices)
    snapshot[str(_("vai trò"))] = sorted(
        str(labels.get(role, role)) for role in person.role_assignments.values_list("role", flat=True)
    )
    return snapshot


def _guard_administrators(actor: Any, person: User | None, roles: Iterable[str] | None) -> None:
    """Only a system administrator may grant the administrator role or change an administrator's account.

    Otherwise a personnel officer could give themselves every right, or take over an administrator's account by
    changing its e-mail and resetting the password.
    """
    if actor is None or actor.has_role(Role.SYSTEM_ADMIN):
        return
    touches_admin = (roles is not None and Role.SYSTEM_ADMIN in set(roles)) or (
        person is not None and person.pk is not None and person.role_assignments.filter(role=Role.SYSTEM_ADMIN).exists()
    )
    if touches_admin:
        raise ValidationError(
            {
                "roles": _(
                    "Chỉ quản trị hệ thống được cấp vai trò quản trị hoặc thay đổi tài khoản của quản trị hệ thống."
                )
            }
        )


def _set_roles(person: User, roles: Iterable[str]) -> None:
    wanted = set(roles)
    unknown = wanted - set(Role.values)
    if unknown:
        raise ValidationError({"roles": _("Vai trò không tồn tại: %(roles)s") % {"roles": ", ".join(sorted(unknown))}})
    person.role_assignments.exclude(role__in=wanted).delete()
    existing = set(person.role_assignments.values_list("role", flat=True))
    RoleAssignment.objects.bulk_create(RoleAssignment(user=person, role=role) for role in wanted - existing)
    person.__dict__.pop("role_codes", None)


@transaction.atomic
def person_create(
    *,
    actor: Any,
    username: str,
    full_name: str,
    email: str = "",
    unit: Unit | None = None,
    position: str = "",
    phone: str = "",
    roles: Iterable[str] = (),
    password: str | None = None,
) -> User:
    """Create a person's account. Without a password the person sets one through "Quên mật khẩu"."""
    roles = list(roles)
    _guard_administrators(actor, None, roles)
    person = User(
        username=username.strip(),
        full_name=full_name.strip(),
        email=email.strip().lower(),
        unit=unit,
        position=position.strip(),
        phone=phone.strip(),
    )
    if password:
        person.set_password(password)
    else:
        person.set_unusable_password()
    person.search_text = _person_search_text(person)
    person.full_clean()
    person.save()
    _set_roles(person, roles)
    audit_record(
        actor=actor, action="person_create", instance=person, changes=snapshot_diff({}, _person_snapshot(person))
    )
    return person


@transaction.atomic
def person_update(*, actor: Any, person: User, roles: Iterable[str] | None = None, **fields: Any) -> User:
    """Change a person's details and, when given, roles; records what changed."""
    person = User.objects.select_for_update().get(pk=person.pk)
    roles = list(roles) if roles is not None else None
    _guard_administrators(actor, person, roles)
    before = _person_snapshot(person)
    for name, value in fields.items():
        if name not in PERSON_FIELDS:
            raise TypeError(f"person_update does not change {name}")
        setattr(person, name, value.strip() if isinstance(value, str) else value)
    person.email = person.email.lower()
    person.search_text = _person_search_text(person)
    person.full_clean(exclude=["password"])
    person.save()
    if roles is not None:
        _set_roles(person, roles)
    changes = snapshot_diff(before, _person_snapshot(person))
    if changes:
        audit_record(actor=actor, action="person_update", instance=person, changes=changes)
    return person


@transaction.atomic
def person_mfa_reset(*, actor: Any, person: User) -> int:
    """Remove a person's second factors (a lost phone); they must set them up again at the next sign-in."""
    _guard_administrators(actor, person, None)
    removed, _details = Authenticator.objects.filter(user=person).delete()
    audit_record(actor=actor, action="person_mfa_reset", instance=person, note=_("Đã xóa xác thực hai lớp."))
    return removed
