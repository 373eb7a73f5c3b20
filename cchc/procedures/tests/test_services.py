"""Writing the catalogue: a change is a new version, abolition keeps history, decisions and their delays."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cchc.core.models import AuditEvent
from cchc.procedures.choices import OnlineService, ProcedureLevel, ProcedureStatus, PublicationAction
from cchc.procedures.demo_catalogue import procedures_seed_demo
from cchc.procedures.models import Procedure, ProcedureField, PublicationDecision
from cchc.procedures.selectors import ministry_decision_delays, ministry_decisions_waiting, procedure_search
from cchc.procedures.services import (
    ministry_decision_record,
    procedure_abolish,
    procedure_change,
    procedure_publish,
    publication_decision_record,
)
from cchc.procedures.versions import DocumentSpec
from conftest import Org

DOCUMENTS = [
    DocumentSpec("Đơn đề nghị", "original", 1),
    DocumentSpec("Giấy chứng nhận đăng ký doanh nghiệp", "copy", 1),
]
CONTENT = {
    "name": "Cấp giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm",
    "time_limit_days": 30,
    "fee_amount": Decimal(6_000_000),
    "online_service": OnlineService.FULL,
    "online_payment": True,
}


def _decision(number: str = "263/QĐ-UBND", day: datetime.date = datetime.date(2022, 2, 15)) -> PublicationDecision:
    return publication_decision_record(actor=None, number=number, issued_on=day)


def publish(org: Org, decision: PublicationDecision | None = None) -> Procedure:
    field = ProcedureField.objects.get(code="MYPHAM")
    return procedure_publish(
        actor=org.office_focal,
        code="1.000948.h38",
        field=field,
        level=ProcedureLevel.PROVINCE,
        resolving_unit=org.medical,
        decision=decision,
        documents=DOCUMENTS,
        **CONTENT,
    )


def test_publishing_creates_the_first_version_searchable_without_diacritics(org: Org) -> None:
    procedure = publish(org, _decision())
    assert procedure.code == "1.000948.H38"
    assert procedure.current_version is not None and procedure.current_version.number == 1
    assert [item.name for item in procedure.current_version.documents.all()] == [d.name for d in DOCUMENTS]
    assert list(procedure_search(Procedure.objects.all(), "cap giay chung nhan my pham")) == [procedure]
    assert list(procedure_search(Procedure.objects.all(), "1.000948")) == [procedure]
    assert AuditEvent.objects.filter(action="procedure_publish", object_id=str(procedure.pk)).count() == 1


def test_a_change_is_a_new_version_and_the_old_one_stays_as_it_was(org: Org) -> None:
    procedure = publish(org, _decision())
    first = procedure.current_version
    amended = procedure_change(
        actor=org.office_focal,
        procedure=procedure,
        action=PublicationAction.AMEND,
        decision=_decision("100/QĐ-UBND", datetime.date(2023, 5, 4)),
        documents=DOCUMENTS[:1],
        **{**CONTENT, "time_limit_days": 25},
    )
    assert amended is not None and amended.number == 2
    procedure.refresh_from_db()
    assert procedure.current_version == amended
    assert first is not None
    first.refresh_from_db()
    assert first.time_limit_days == 30 and first.documents.count() == 2
    assert amended.time_limit_days == 25 and amended.documents.count() == 1
    audit = AuditEvent.objects.get(action="procedure_amend", object_id=str(procedure.pk))
    assert audit.changes["Thời hạn giải quyết (ngày làm việc)"] == ["30", "25"]


def test_saving_the_same_content_under_the_same_decision_makes_no_version(org: Org) -> None:
    decision = _decision()
    procedure = publish(org, decision)
    again = procedure_change(
        actor=org.office_focal,
        procedure=procedure,
        action=PublicationAction.AMEND,
        decision=decision,
        documents=DOCUMENTS,
        **CONTENT,
    )
    assert again is None
    assert procedure.versions.count() == 1


def test_abolishing_keeps_the_history_and_only_a_new_publication_revives(org: Org) -> None:
    procedure = publish(org, _decision())
    version = procedure_abolish(actor=org.office_focal, procedure=procedure, decision=_decision("9/QĐ-UBND"))
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.ABOLISHED
    assert version.action == PublicationAction.ABOLISH and version.number == 2
    assert version.documents.count() == 2
    with pytest.raises(ValidationError):
        procedure_abolish(actor=org.office_focal, procedure=procedure, decision=_decision("10/QĐ-UBND"))
    with pytest.raises(ValidationError):
        procedure_change(
            actor=org.office_focal,
            procedure=procedure,
            action=PublicationAction.AMEND,
            decision=None,
            documents=DOCUMENTS,
            **CONTENT,
        )
    revived = procedure_change(
        actor=org.office_focal,
        procedure=procedure,
        action=PublicationAction.PUBLISH,
        decision=_decision("11/QĐ-UBND"),
        documents=DOCUMENTS,
        **CONTENT,
    )
    procedure.refresh_from_db()
    assert revived is not None and procedure.status == ProcedureStatus.ACTIVE


def test_a_procedure_needs_a_document(org: Org) -> None:
    field = ProcedureField.objects.get(code="MYPHAM")
    with pytest.raises(ValidationError):
        procedure_publish(
            actor=None,
            code="1.000111.H38",
            field=field,
            level=ProcedureLevel.PROVINCE,
            resolving_unit=org.medical,
            decision=None,
            documents=[],
            **CONTENT,
        )
    assert not Procedure.objects.exists()


def test_a_provincial_decision_cannot_precede_the_ministry_decision(org: Org) -> None:
    ministry = ministry_decision_record(actor=None, number="1/QĐ-BYT", issued_on=datetime.date(2025, 3, 3), summary="x")
    with pytest.raises(ValidationError):
        publication_decision_record(
            actor=None, number="2/QĐ-UBND", issued_on=datetime.date(2025, 3, 1), ministry_decision=ministry
        )


def test_delays_count_calendar_and_working_days_and_the_waiting_ones(org: Org) -> None:
    followed = ministry_decision_record(
        actor=None, number="1/QĐ-BYT", issued_on=datetime.date(2025, 3, 3), summary="Sửa đổi lĩnh vực dược"
    )
    publication_decision_record(
        actor=None, number="50/QĐ-UBND", issued_on=datetime.date(2025, 3, 17), ministry_decision=followed
    )
    waiting = ministry_decision_record(
        actor=None, number="2/QĐ-BYT", issued_on=datetime.date(2025, 6, 2), summary="Sửa đổi lĩnh vực mỹ phẩm"
    )
    today = datetime.date(2025, 6, 16)
    rows = {row.decision.number: row for row in ministry_decision_delays(user=org.leader, today=today)}
    first = rows["1/QĐ-BYT"].first
    assert first is not None and (first.days, first.working_days) == (14, 10)
    assert (rows["2/QĐ-BYT"].waiting_days, rows["2/QĐ-BYT"].waiting_working_days) == (14, 10)
    assert [row.decision for row in ministry_decisions_waiting(user=org.office_focal, today=today)] == [waiting]
    assert ministry_decisions_waiting(user=org.outsider, today=today) == []


def test_the_demo_catalogue_is_realistic_and_safe_to_seed_twice(org: Org) -> None:
    created = procedures_seed_demo(resolving_unit=org.office, decision_number="263/QĐ-UBND")
    assert len(created) == 12
    assert procedures_seed_demo(resolving_unit=org.office) == []
    cosmetics = Procedure.objects.get(code="1.000948.H38")
    assert cosmetics.current_version is not None
    assert (cosmetics.current_version.time_limit_days, cosmetics.current_version.fee_amount) == (30, 6_000_000)
    fields = set(Procedure.objects.values_list("field__code", flat=True))
    assert {"MYPHAM", "DUOC", "KCB", "TTBYT", "ATTP"} <= fields
