"""Demo dossiers in varied states, made through the services (for the demo seed; never run in production)."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from cchc.org.models import Unit
from cchc.procedures.models import Procedure, RequiredDocument

from . import services
from .choices import Channel, DossierStatus, ReturnMethod
from .models import Dossier
from .prediction import dossiers_predict_late

APPLICANTS = (
    ("Công ty TNHH Mỹ phẩm Hoa Sen", "0905123456"),
    ("Nhà thuốc Bình An", "0912345678"),
    ("Phòng khám Đa khoa Thiện Tâm", "0935111222"),
    ("Nguyễn Văn Minh", "0987654321"),
    ("Trần Thị Thu Hà", "0978123123"),
    ("Công ty CP Dược phẩm Sông Trà", "0255382345"),
)
CHANNELS = (Channel.DIRECT, Channel.ONLINE, Channel.DIRECT, Channel.POSTAL, Channel.ONLINE)


def _received_moment(now: datetime.datetime, index: int) -> datetime.datetime:
    local = timezone.localtime(now) - datetime.timedelta(days=1 + index * 4 // 3)
    return local.replace(hour=8 + index % 8, minute=15 * (index % 4), second=0, microsecond=0)


def _later(moment: datetime.datetime, now: datetime.datetime, **delta: float) -> datetime.datetime:
    return min(moment + datetime.timedelta(**delta), now - datetime.timedelta(minutes=1))


def _advance(dossier: Dossier, state: int, *, handler: Any, now: datetime.datetime) -> None:
    """Move one dossier to the demo state `state` (0–9)."""
    start = dossier.received_at
    if state == 0:
        return
    if state in {7, 8}:
        close = services.dossier_refuse if state == 7 else services.dossier_withdraw
        close(actor=handler, dossier=dossier, reason="Hồ sơ không đủ điều kiện theo quy định.")
        return
    if state in {2, 3}:
        services.dossier_request_supplement(
            actor=handler,
            dossier=dossier,
            reason="Bổ sung bản sao chứng chỉ hành nghề.",
            at=_later(start, now, hours=2),
        )
        if state == 3:
            services.dossier_resume(actor=handler, dossier=dossier, received_at=_later(start, now, days=3))
        return
    services.dossier_start_step(
        actor=handler,
        dossier=dossier,
        name="Thẩm định hồ sơ",
        handling_unit=dossier.handling_unit,
        handler=handler if getattr(handler, "unit_id", None) == dossier.handling_unit_id else None,
        working_days=max(1, dossier.time_limit_days // 2),
        at=_later(start, now, hours=1),
    )
    if state in {1, 9}:
        return
    services.dossier_mark_result_ready(actor=handler, dossier=dossier, at=_later(start, now, days=2))
    if state in {5, 6}:
        method = ReturnMethod.IN_PERSON if state == 5 else ReturnMethod.ONLINE
        services.dossier_return(actor=handler, dossier=dossier, method=method)
    if state == 6:
        services.dossier_flags_update(
            actor=handler, dossier=dossier, paid_online=True, digitized_input=True, digitized_result=True
        )


def dossiers_seed_demo(
    *,
    receiving_unit: Unit,
    procedures: Sequence[Procedure],
    officer: Any = None,
    handler: Any = None,
    leader: Any = None,
    count: int = 30,
    now: datetime.datetime | None = None,
) -> list[Dossier]:
    """About `count` dossiers over the last weeks in every state, one late with an apology draft waiting for the
    leadership and (with a leader) one late with an issued apology. Procedures need a current version."""
    now = now or timezone.now()
    usable = [procedure for procedure in procedures if procedure.current_version_id]
    if not usable:
        return []
    quickest = min(usable, key=lambda item: item.current_version.time_limit_days if item.current_version else 0)
    created: list[Dossier] = []
    for index in range(count):
        procedure = quickest if index % 10 == 9 else usable[index % len(usable)]
        name, phone = APPLICANTS[index % len(APPLICANTS)]
        dossier = services.dossier_receive(
            actor=officer,
            procedure=procedure,
            receiving_unit=receiving_unit,
            applicant_name=name,
            applicant_phone=phone,
            documents=list(RequiredDocument.objects.filter(version=procedure.current_version_id)),
            channel=CHANNELS[index % len(CHANNELS)],
            received_at=_received_moment(now, index),
        )
        _advance(dossier, index % 10, handler=handler or officer, now=now)
        created.append(dossier)
    late = list(
        Dossier.objects.filter(
            pk__in=[d.pk for d in created], status=DossierStatus.IN_PROCESS, due_at__lt=now
        ).order_by("due_at")
    )
    new_date = timezone.localtime(now).date() + datetime.timedelta(days=10)
    for position, dossier in enumerate(late[:2]):
        apology = services.apology_draft(
            actor=officer,
            dossier=dossier,
            reason="Hồ sơ phải lấy ý kiến thẩm định của Bộ Y tế nên chưa kịp trả kết quả.",
            new_appointment_on=new_date,
        )
        if position == 1 and leader is not None:
            services.apology_approve(actor=leader, apology=apology, note="Đồng ý.")
            services.apology_issue(
                actor=officer, apology=apology, number="15/SYT-VP", issued_on=timezone.localtime(now).date()
            )
    dossiers_predict_late(now=now)
    return created
