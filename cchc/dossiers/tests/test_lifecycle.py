"""The dossier lifecycle through its services: codes, due moments, steps, pauses, finish, return, closures,
forbidden transitions (the row stays as it was) and a second officer acting on a changed dossier."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.test import override_settings

from cchc.core.models import AuditEvent
from cchc.core.text import fold
from cchc.dossiers import services
from cchc.dossiers.choices import Channel, DossierStatus, ReturnMethod, Timeliness
from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.test_deadlines import at
from cchc.org.choices import Role
from cchc.org.models import User
from cchc.org.services import person_create
from cchc.procedures.models import Procedure, RequiredDocument
from cchc.procedures.tests.factories import procedure_for_tests
from conftest import Org

pytestmark = pytest.mark.django_db


def make_procedure(org: Org, **options: Any) -> Procedure:
    options.setdefault("time_limit_days", 10)
    procedure = procedure_for_tests(resolving_unit=org.medical, **options)
    procedure.search_text = fold(f"{procedure.code} {procedure.name}")
    procedure.save(update_fields=["search_text"])
    return procedure


def other_desk_officer(org: Org) -> User:
    """A one-stop officer of the hospital: a desk that is not the department's."""
    return person_create(
        actor=None,
        username="onestop2",
        full_name="Lý Một Cửa Khác",
        email="onestop2@syt.test",
        unit=org.hospital,
        roles=[Role.ONE_STOP_OFFICER],
        password="x-Password-2026",
    )


def make_dossier(
    org: Org,
    *,
    procedure: Procedure | None = None,
    received_at: datetime.datetime | None = None,
    channel: str = Channel.DIRECT,
    applicant_name: str = "Công ty TNHH Mỹ phẩm Hoa Sen",
    phone: str = "0905123456",
) -> Dossier:
    procedure = procedure or Procedure.objects.first() or make_procedure(org)
    return services.dossier_receive(
        actor=org.one_stop_officer,
        procedure=procedure,
        receiving_unit=org.one_stop,
        applicant_name=applicant_name,
        applicant_phone=phone,
        documents=list(RequiredDocument.objects.filter(version=procedure.current_version_id)),
        channel=channel,
        received_at=received_at,
    )


def snapshot(dossier: Dossier) -> dict[str, Any]:
    return model_to_dict(Dossier.objects.get(pk=dossier.pk))


def test_reception_gives_a_code_a_version_and_the_due_moment(org: Org) -> None:
    dossier = make_dossier(org, received_at=at("09/02/2026", "09:00"))
    assert dossier.code == "MC-260209-0001"
    assert dossier.procedure_version == dossier.procedure.current_version
    assert dossier.handling_unit == org.medical
    # 10 working days from Mon 9/2/2026 across Tết 2026 → Mon 2/3 (see test_deadlines).
    assert dossier.due_at == dossier.appointment_at == at("02/03/2026", "17:00")
    assert dossier.time_limit_days == 10
    assert [item["name"] for item in dossier.documents_received] == [
        "Đơn đề nghị",
        "Giấy chứng nhận đăng ký doanh nghiệp",
    ]
    assert "cong ty tnhh my pham hoa sen" in dossier.search_text
    assert AuditEvent.objects.filter(action="dossier_receive", object_id=str(dossier.pk)).exists()


def test_code_sequence_counts_per_desk_and_day(org: Org) -> None:
    first = make_dossier(org, received_at=at("09/02/2026", "09:00"))
    second = make_dossier(org, received_at=at("09/02/2026", "16:30"))
    next_day = make_dossier(org, received_at=at("10/02/2026", "08:00"))
    assert [first.code, second.code, next_day.code] == ["MC-260209-0001", "MC-260209-0002", "MC-260210-0001"]


@override_settings(CCHC_DOSSIER_CODE_FORMAT="000.00.18.H38-{day:%y%m%d}-{sequence:05d}")
def test_code_format_is_a_setting(org: Org) -> None:
    assert make_dossier(org, received_at=at("09/02/2026")).code == "000.00.18.H38-260209-00001"


def test_online_dossier_uses_the_online_time_limit(org: Org) -> None:
    procedure = make_procedure(org, time_limit_days=10, online_time_limit_days=5)
    dossier = make_dossier(org, procedure=procedure, received_at=at("13/02/2026", "15:00"), channel=Channel.ONLINE)
    # 15:00 → effective Mon 23/2 → 5 working days → Mon 2/3 (see test_deadlines).
    assert dossier.time_limit_days == 5
    assert dossier.due_at == at("02/03/2026", "17:00")


def test_reception_in_the_future_is_refused(org: Org) -> None:
    make_procedure(org)
    with pytest.raises(ValidationError):
        make_dossier(org, received_at=at("01/01/2099"))
    assert not Dossier.objects.exists()


def test_full_journey_with_a_pause_over_tet_2026_finishes_on_time(org: Org) -> None:
    dossier = make_dossier(org, received_at=at("09/02/2026", "09:00"))
    step = services.dossier_start_step(
        actor=org.room_head,
        dossier=dossier,
        name="Thẩm định hồ sơ",
        handling_unit=org.medical,
        handler=org.specialist,
        working_days=3,
        at=at("10/02/2026", "08:00"),
    )
    # Step from Tue 10/2 08:00 with 3 days → Wed 11, Thu 12, Fri 13.
    assert step.due_at == at("13/02/2026", "17:00")
    services.dossier_request_supplement(
        actor=org.specialist, dossier=dossier, reason="Bổ sung bản sao GCN", at=at("12/02/2026", "10:00")
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUPPLEMENT_REQUESTED
    resumed = services.dossier_resume(
        actor=org.one_stop_officer, dossier=dossier, received_at=at("24/02/2026", "09:00")
    )
    # Paused Thu 12/2 → resumes Tue 24/2: Fri 13/2 and Mon 23/2 → +2: Mon 2/3 → Wed 4/3.
    assert resumed.status == DossierStatus.IN_PROCESS
    assert resumed.due_at == resumed.appointment_at == at("04/03/2026", "17:00")
    assert resumed.pauses.get().paused_working_days == 2
    ready = services.dossier_mark_result_ready(actor=org.room_head, dossier=dossier, at=at("04/03/2026", "16:00"))
    assert ready.timeliness == Timeliness.ON_TIME
    assert ready.finished_at == at("04/03/2026", "16:00")
    assert ready.steps.get().finished_at == at("04/03/2026", "16:00")
    returned = services.dossier_return(actor=org.one_stop_officer, dossier=dossier, method=ReturnMethod.ONLINE)
    assert returned.status == DossierStatus.RETURNED
    assert returned.electronic_result


def test_finished_after_the_due_moment_is_late_and_before_the_due_day_early(org: Org) -> None:
    # Fri 24/1/2025 15:30 → effective Mon 3/2 (after Tết) → 1: Tue 4, 2: Wed 5, 3: Thu 6, 4: Fri 7, 5: Mon 10,
    # 6: Tue 11, 7: Wed 12, 8: Thu 13, 9: Fri 14, 10: Mon 17/2.
    late = make_dossier(org, received_at=at("24/01/2025", "15:30"))
    assert late.due_at == at("17/02/2025", "17:00")
    assert services.dossier_mark_result_ready(actor=None, dossier=late, at=at("17/02/2025", "17:05")).timeliness == (
        Timeliness.LATE
    )
    early = make_dossier(org, received_at=at("24/01/2025", "15:30"))
    assert services.dossier_mark_result_ready(actor=None, dossier=early, at=at("14/02/2025", "16:00")).timeliness == (
        Timeliness.EARLY
    )


@pytest.mark.parametrize(
    ("action", "kwargs"),
    [
        (services.dossier_return, {"method": ReturnMethod.IN_PERSON}),
        (services.dossier_resume, {}),
        (services.dossier_finish_step, {}),
    ],
)
def test_forbidden_transitions_leave_the_dossier_unchanged(org: Org, action: Any, kwargs: dict[str, Any]) -> None:
    dossier = make_dossier(org, received_at=at("09/02/2026"))
    before = snapshot(dossier)
    with pytest.raises(ValidationError):
        action(actor=org.one_stop_officer, dossier=dossier, **kwargs)
    assert snapshot(dossier) == before


def test_closed_dossier_cannot_be_refused_again_or_made_ready(org: Org) -> None:
    dossier = make_dossier(org, received_at=at("09/02/2026"))
    services.dossier_withdraw(actor=org.one_stop_officer, dossier=dossier, reason="Công dân xin rút")
    before = snapshot(dossier)
    with pytest.raises(ValidationError, match="Công dân rút hồ sơ"):
        services.dossier_refuse(actor=org.one_stop_officer, dossier=dossier, reason="Không đủ điều kiện")
    with pytest.raises(ValidationError):
        services.dossier_mark_result_ready(actor=org.room_head, dossier=dossier)
    assert snapshot(dossier) == before


def test_closing_a_paused_dossier_closes_its_pause(org: Org) -> None:
    dossier = make_dossier(org, received_at=at("09/02/2026"))
    services.dossier_request_supplement(actor=None, dossier=dossier, reason="Thiếu giấy tờ", at=at("10/02/2026"))
    stopped = services.dossier_stop(actor=org.one_stop_officer, dossier=dossier, reason="Quá hạn bổ sung")
    assert stopped.status == DossierStatus.STOPPED
    assert stopped.paused_since is None
    assert stopped.pauses.get().ended_at is not None
    assert stopped.finished_at is not None and stopped.timeliness == ""


def test_refusal_needs_a_reason(org: Org) -> None:
    dossier = make_dossier(org, received_at=at("09/02/2026"))
    with pytest.raises(ValidationError):
        services.dossier_refuse(actor=None, dossier=dossier, reason="  ")
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.RECEIVED


def test_a_second_officer_acting_on_a_stale_dossier_is_refused(org: Org) -> None:
    dossier = make_dossier(org, received_at=at("09/02/2026"))
    stale = Dossier.objects.get(pk=dossier.pk)
    services.dossier_mark_result_ready(actor=org.room_head, dossier=dossier)
    with pytest.raises(ValidationError, match="vừa có người khác xử lý"):
        services.dossier_request_supplement(actor=org.specialist, dossier=stale, reason="Bổ sung")
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.RESULT_READY
    assert not dossier.pauses.exists()


def test_a_step_cannot_start_while_another_is_open(org: Org) -> None:
    dossier = make_dossier(org, received_at=at("09/02/2026"))
    services.dossier_start_step(
        actor=None, dossier=dossier, name="Thẩm định", handling_unit=org.medical, working_days=2, at=at("09/02/2026")
    )
    with pytest.raises(ValidationError):
        services.dossier_start_step(
            actor=None, dossier=dossier, name="Trình ký", handling_unit=org.medical, working_days=1
        )
    services.dossier_finish_step(actor=None, dossier=dossier, note="Đạt", at=at("10/02/2026"))
    step = services.dossier_start_step(
        actor=None, dossier=dossier, name="Trình ký", handling_unit=org.medical, working_days=1, at=at("10/02/2026")
    )
    assert step.order == 2


def test_flags_update_is_audited(org: Org) -> None:
    dossier = make_dossier(org, received_at=at("09/02/2026"))
    services.dossier_flags_update(actor=org.one_stop_officer, dossier=dossier, paid_online=True, digitized_input=True)
    dossier.refresh_from_db()
    assert dossier.paid_online and dossier.digitized_input and not dossier.reused_data
    assert AuditEvent.objects.filter(action="dossier_flags_update").count() == 1


def test_demo_seed_makes_dossiers_in_every_state(org: Org) -> None:
    from cchc.dossiers.choices import ApologyStatus
    from cchc.dossiers.demo_dossiers import dossiers_seed_demo
    from cchc.dossiers.models import Apology

    procedures = [make_procedure(org), make_procedure(org, code="1.001234.H38", name="Cấp chứng chỉ hành nghề dược")]
    created = dossiers_seed_demo(
        receiving_unit=org.one_stop,
        procedures=procedures,
        officer=org.one_stop_officer,
        handler=org.specialist,
        leader=org.leader,
        now=at("15/06/2026", "10:00"),
    )
    assert len(created) == 30
    statuses = set(Dossier.objects.values_list("status", flat=True))
    assert statuses == set(DossierStatus.values) - {DossierStatus.STOPPED}
    assert set(Apology.objects.values_list("status", flat=True)) == {ApologyStatus.DRAFT, ApologyStatus.ISSUED}
    assert Dossier.objects.filter(late_predicted=True).exists()
