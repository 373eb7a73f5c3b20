"""Reads of dossiers for the desk, restricted to what the user may see."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.permissions import MANAGE, VIEW, restrict
from cchc.core.text import fold

from . import deadlines
from .choices import OPEN_STATUSES, ApologyStatus, DossierStatus
from .models import Apology, Dossier


def dossier_list(*, user: Any) -> QuerySet[Dossier]:
    return restrict(
        Dossier.objects.select_related("procedure", "receiving_unit", "handling_unit"),
        user,
        VIEW,
    )


def due_limit(days: int, *, now: datetime.datetime | None = None) -> datetime.datetime:
    """The end of the N-th working day after today: dossiers due by then are "due within N working days"."""
    now = now or timezone.now()
    calendar = deadlines.calendar_for(now)
    today = deadlines.local_day(now, calendar)
    return deadlines.end_of(calendar.add_working_days_to_date(today, max(days, 0)), calendar)


def due_within(queryset: QuerySet[Dossier], days: int, *, now: datetime.datetime | None = None) -> QuerySet[Dossier]:
    """Open dossiers not yet past due and due by the end of the N-th working day after today."""
    now = now or timezone.now()
    return queryset.filter(status__in=OPEN_STATUSES, due_at__gte=now, due_at__lte=due_limit(days, now=now))


def overdue(queryset: QuerySet[Dossier], *, now: datetime.datetime | None = None) -> QuerySet[Dossier]:
    return queryset.filter(status__in=OPEN_STATUSES, due_at__lt=now or timezone.now())


def apology_queue(*, user: Any) -> QuerySet[Apology]:
    """Draft apologies the user may approve (leadership: all; a unit head: those of the unit's dossiers)."""
    dossiers = restrict(Dossier.objects.all(), user, MANAGE)
    return (
        Apology.objects.filter(status=ApologyStatus.DRAFT, dossier__in=dossiers)
        .select_related("dossier", "dossier__procedure", "dossier__handling_unit", "drafted_by")
        .order_by("drafted_at", "pk")
    )


def desk_today(*, user: Any, now: datetime.datetime | None = None) -> dict[str, Any]:
    """The one-stop officer's day: today's receptions, due in 1–3 working days, predicted late, apologies waiting."""
    now = now or timezone.now()
    visible = dossier_list(user=user)
    today = timezone.localtime(now).date()
    return {
        "received_today": visible.filter(received_at__date=today).order_by("-received_at"),
        "due_soon": due_within(visible, 3, now=now).order_by("due_at"),
        "late_predicted": visible.filter(status__in=OPEN_STATUSES, late_predicted=True).order_by("due_at"),
        "apologies_waiting": Apology.objects.filter(
            dossier__in=visible, status__in=[ApologyStatus.DRAFT, ApologyStatus.APPROVED]
        )
        .select_related("dossier")
        .order_by("drafted_at"),
    }


def desk_home_figures(user: Any) -> dict[str, int]:
    """Counts for a home page: received today, due in 1–3 working days, predicted late, apologies waiting."""
    day = desk_today(user=user)
    return {
        "received_today": day["received_today"].count(),
        "due_soon": day["due_soon"].count(),
        "late_predicted": day["late_predicted"].count(),
        "apologies_waiting": day["apologies_waiting"].count(),
    }


@dataclass
class TimelineEntry:
    moment: datetime.datetime
    kind: str
    title: str
    detail: str = ""


def dossier_timeline(dossier: Dossier) -> list[TimelineEntry]:
    """Reception, steps, pauses, apologies and the finish, oldest first."""
    entries = [TimelineEntry(dossier.received_at, "receive", _("Tiếp nhận hồ sơ"), dossier.get_channel_display())]
    for step in dossier.steps.select_related("handler", "handling_unit"):
        who = f"{step.handling_unit}" + (f" — {step.handler}" if step.handler else "")
        due = timezone.localtime(step.due_at).strftime("%d/%m/%Y %H:%M")
        entries.append(
            TimelineEntry(
                step.started_at,
                "step",
                _("Bước %(n)s: %(name)s") % {"n": step.order, "name": step.name},
                _("%(who)s · hạn %(due)s") % {"who": who, "due": due},
            )
        )
        if step.finished_at:
            entries.append(
                TimelineEntry(step.finished_at, "step_done", _("Hoàn thành bước %(n)s") % {"n": step.order}, step.note)
            )
    for pause in dossier.pauses.all():
        entries.append(TimelineEntry(pause.started_at, "pause", _("Yêu cầu bổ sung hồ sơ"), pause.reason))
        if pause.ended_at:
            entries.append(
                TimelineEntry(
                    pause.ended_at,
                    "resume",
                    _("Nhận hồ sơ bổ sung"),
                    _("Tạm dừng %(days)s ngày làm việc") % {"days": pause.paused_working_days},
                )
            )
    for apology in dossier.apologies.all():
        entries.append(
            TimelineEntry(
                timezone.localtime(apology.drafted_at),
                "apology",
                _("Văn bản xin lỗi: %(status)s") % {"status": apology.get_status_display()},
                apology.reason,
            )
        )
    if dossier.finished_at:
        entries.append(
            TimelineEntry(
                dossier.finished_at,
                "finish",
                dossier.get_status_display() if dossier.status != DossierStatus.RETURNED else _("Có kết quả"),
                dossier.get_timeliness_display() or dossier.closed_reason,
            )
        )
    if dossier.returned_at:
        entries.append(
            TimelineEntry(dossier.returned_at, "return", _("Trả kết quả"), dossier.get_return_method_display())
        )
    return sorted(entries, key=lambda entry: entry.moment)


def search_condition(text: str) -> Q:
    """Every word of the query (without diacritics) in the code, applicant or procedure."""
    condition = Q()
    for word in fold(text).split():
        condition &= Q(search_text__contains=word)
    return condition
