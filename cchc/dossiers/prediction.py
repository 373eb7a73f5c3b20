"""The daily look-ahead: flag running dossiers that will miss their due moment and warn the people handling them."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.services import notification_send
from cchc.org.choices import Role
from cchc.org.models import User

from . import deadlines
from .choices import DossierStatus
from .models import Dossier, DossierStep
from .services import dossier_late_flag_set

RUNNING = (DossierStatus.RECEIVED, DossierStatus.IN_PROCESS)


@dataclass
class PredictionRun:
    checked: int = 0
    flagged: int = 0
    cleared: int = 0
    notified: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"checked": self.checked, "flagged": self.flagged, "cleared": self.cleared, "notified": self.notified}


def late_recipients(dossier: Dossier) -> list[User]:
    """Who hears of a predicted late dossier: the open step's handler (else the handling unit's heads), and the
    one-stop officers of the desk that received it."""
    people: dict[int, User] = {}
    step = dossier.steps.filter(finished_at__isnull=True, handler__isnull=False).select_related("handler").first()
    if step is not None and step.handler is not None and step.handler.is_active:
        people[step.handler.pk] = step.handler
    else:
        heads = User.objects.filter(
            unit=dossier.handling_unit_id, is_active=True, role_assignments__role=Role.UNIT_HEAD
        )
        people.update({person.pk: person for person in heads})
    desk = User.objects.filter(
        unit=dossier.receiving_unit_id, is_active=True, role_assignments__role=Role.ONE_STOP_OFFICER
    )
    people.update({person.pk: person for person in desk})
    return list(people.values())


def _notify(dossier: Dossier) -> int:
    due = timezone.localtime(dossier.due_at)
    message = _("Hồ sơ %(code)s có nguy cơ trễ hạn (hạn %(due)s): cần xử lý hoặc dự thảo văn bản xin lỗi.") % {
        "code": dossier.code,
        "due": due.strftime("%d/%m/%Y %H:%M"),
    }
    url = reverse("dossiers:detail", args=[dossier.pk])
    sent = 0
    for person in late_recipients(dossier):
        key = f"dossier-late:{dossier.pk}:{due:%Y%m%d}"
        if notification_send(recipient=person, message=message, url=url, dedup_key=key) is not None:
            sent += 1
    return sent


def dossiers_predict_late(*, now: datetime.datetime | None = None) -> PredictionRun:
    """Flag (and warn about) running dossiers predicted late; clear the flag where the prediction no longer holds.

    Paused dossiers are left as they are: their clock is stopped. Safe to run twice (notifications are keyed by
    dossier and due day).
    """
    now = now or timezone.now()
    run = PredictionRun()
    open_steps = Prefetch("steps", queryset=DossierStep.objects.filter(finished_at__isnull=True), to_attr="open_steps")
    candidates = Dossier.objects.filter(status__in=RUNNING).prefetch_related(open_steps).order_by("pk")
    calendar = deadlines.calendar_for(now, extra_years=2)
    for dossier in candidates.iterator(chunk_size=500):
        run.checked += 1
        step_dues = [step.due_at for step in getattr(dossier, "open_steps", [])]
        late = deadlines.predicted_late(calendar, now=now, due_at=dossier.due_at, open_step_due_dates=step_dues)
        if late == dossier.late_predicted:
            continue
        if dossier_late_flag_set(dossier=dossier, late=late):
            if late:
                run.flagged += 1
                run.notified += _notify(dossier)
            else:
                run.cleared += 1
    return run
