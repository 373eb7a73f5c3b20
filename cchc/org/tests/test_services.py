"""Units and people change only through services, each change leaving an audit row with before and after."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cchc.core.models import AuditEvent
from cchc.core.selectors import audit_events_for
from cchc.org.choices import Role, UnitKind
from cchc.org.models import Unit
from cchc.org.services import person_create, person_update, unit_create, unit_delete, unit_update
from conftest import Org


def test_unit_update_records_who_changed_what(org: Org) -> None:
    unit_update(actor=org.admin, unit=org.medical, name="Phòng Nghiệp vụ Y – Dược")
    event = audit_events_for(org.medical).first()
    assert event is not None
    assert event.actor == org.admin
    assert event.action == "unit_update"
    assert event.changes == {"tên đơn vị": ["Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Y – Dược"]}


def test_saving_without_change_writes_no_audit_row(org: Org) -> None:
    before = AuditEvent.objects.count()
    unit_update(actor=org.admin, unit=org.medical, name=org.medical.name)
    assert AuditEvent.objects.count() == before


def test_unit_cannot_sit_below_its_own_descendant(org: Org) -> None:
    with pytest.raises(ValidationError) as error:
        unit_update(actor=org.admin, unit=org.office, parent=org.one_stop)
    assert "cấp dưới" in str(error.value)
    org.office.refresh_from_db()
    assert org.office.parent == org.department


def test_duplicate_unit_code_is_refused(org: Org) -> None:
    with pytest.raises(ValidationError):
        unit_create(actor=org.admin, code="nvy", name="Trùng mã", kind=UnitKind.ROOM)
    assert Unit.objects.filter(code="NVY").count() == 1


def test_validity_must_end_after_it_starts(org: Org) -> None:
    with pytest.raises(ValidationError):
        unit_update(
            actor=org.admin,
            unit=org.hospital,
            valid_from=datetime.date(2025, 7, 1),
            valid_to=datetime.date(2025, 6, 30),
        )


def test_merged_unit_keeps_its_history_through_successor_links(org: Org) -> None:
    old = unit_create(
        actor=org.admin,
        code="SYTKT",
        name="Sở Y tế Kon Tum",
        kind=UnitKind.DEPARTMENT,
        valid_to=datetime.date(2025, 6, 30),
    )
    unit_update(actor=org.admin, unit=org.department, predecessors=[old])
    assert list(old.successors.all()) == [org.department]
    assert audit_events_for(org.department).first().changes["đơn vị tiền thân"] == [[], ["Sở Y tế Kon Tum"]]  # type: ignore[union-attr]


def test_unit_in_use_cannot_be_deleted(org: Org) -> None:
    with pytest.raises(ValidationError) as error:
        unit_delete(actor=org.admin, unit=org.medical)
    assert "hết hiệu lực" in str(error.value)
    assert Unit.objects.filter(pk=org.medical.pk).exists()


def test_unused_unit_is_deleted_with_an_audit_row(org: Org) -> None:
    unit = unit_create(actor=org.admin, code="TMP", name="Tạm", kind=UnitKind.ROOM)
    pk = unit.pk
    unit_delete(actor=org.admin, unit=unit)
    assert not Unit.objects.filter(pk=pk).exists()
    assert AuditEvent.objects.filter(object_id=str(pk), action="unit_delete").exists()


def test_person_roles_change_is_audited(org: Org) -> None:
    person_update(actor=org.tccb_officer, person=org.specialist, roles=[Role.SPECIALIST, Role.STEERING_MEMBER])
    event = audit_events_for(org.specialist).first()
    assert event is not None
    assert event.actor == org.tccb_officer
    before, after = event.changes["vai trò"]
    assert before == ["Chuyên viên"]
    assert sorted(after) == ["Chuyên viên", "Thành viên Ban Chỉ đạo, Tổ giúp việc CCHC"]


def test_email_must_be_unique_ignoring_case(org: Org) -> None:
    with pytest.raises(ValidationError):
        person_create(actor=org.admin, username="dup", full_name="Trùng", email="SPECIALIST@syt.test")


def test_person_without_password_cannot_sign_in_until_reset(org: Org) -> None:
    person = person_create(actor=org.admin, username="newbie", full_name="Người mới", unit=org.medical)
    assert not person.has_usable_password()


def test_personnel_officer_cannot_make_anyone_an_administrator(org: Org) -> None:
    with pytest.raises(ValidationError) as error:
        person_update(actor=org.tccb_officer, person=org.tccb_officer, roles=[Role.PAR_FOCAL, Role.SYSTEM_ADMIN])
    assert "quản trị" in str(error.value)
    assert not org.tccb_officer.role_assignments.filter(role=Role.SYSTEM_ADMIN).exists()


def test_personnel_officer_cannot_change_an_administrators_account(org: Org) -> None:
    with pytest.raises(ValidationError):
        person_update(actor=org.tccb_officer, person=org.admin, email="attacker@example.com")
    org.admin.refresh_from_db()
    assert org.admin.email == "admin@syt.test"


def test_administrator_grants_the_administrator_role(org: Org) -> None:
    person_update(actor=org.admin, person=org.tccb_officer, roles=[Role.PAR_FOCAL, Role.SYSTEM_ADMIN])
    assert org.tccb_officer.role_assignments.filter(role=Role.SYSTEM_ADMIN).exists()
