"""Reads of the catalogue: lists restricted through `restrict`, the public catalogue, re-publication delays."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from cchc.core.permissions import VIEW, restrict
from cchc.core.text import fold
from cchc.workdays.calendar import working_calendar

from .choices import ProcedureStatus
from .models import MinistryDecision, Procedure, ProcedureField, PublicationDecision


def procedure_list(*, user: Any, action: str = VIEW) -> QuerySet[Procedure]:
    """The catalogue as the person may see it, with what a list row shows."""
    return restrict(
        Procedure.objects.select_related("field", "resolving_unit", "current_version", "current_version__decision"),
        user,
        action,
    )


def procedure_search(queryset: QuerySet[Procedure], text: str) -> QuerySet[Procedure]:
    """Every word of the query, diacritics ignored, in the code or the name (“my pham” finds “mỹ phẩm”)."""
    for word in fold(text).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def public_procedure_list() -> QuerySet[Procedure]:
    """Procedures in force, for the public catalogue (no login)."""
    return (
        Procedure.objects.filter(status=ProcedureStatus.ACTIVE, current_version__isnull=False)
        .select_related("field", "resolving_unit", "current_version")
        .order_by("field__sort_order", "code")
    )


def public_procedure(code: str) -> Procedure | None:
    """One procedure by its code, with its documents, or None; an abolished one too, so that a QR code still posted
    somewhere says it was abolished instead of failing."""
    return (
        Procedure.objects.filter(current_version__isnull=False)
        .select_related("field", "resolving_unit", "current_version__decision")
        .prefetch_related("current_version__documents")
        .filter(code=code)
        .first()
    )


def fields_in_use() -> QuerySet[ProcedureField]:
    """Fields that have at least one procedure in force (the public filter offers only those)."""
    active = Procedure.objects.filter(status=ProcedureStatus.ACTIVE).values("field")
    return ProcedureField.objects.filter(pk__in=active)


def ministry_decision_list(*, user: Any) -> QuerySet[MinistryDecision]:
    return restrict(MinistryDecision.objects.annotate(publication_count=Count("publications")), user, VIEW)


def publication_decision_list(*, user: Any) -> QuerySet[PublicationDecision]:
    return restrict(
        PublicationDecision.objects.select_related("ministry_decision").annotate(version_count=Count("versions")),
        user,
        VIEW,
    )


@dataclass(frozen=True)
class Republication:
    """A provincial decision that followed a Ministry's decision, and how long it took."""

    decision: PublicationDecision
    days: int
    working_days: int


@dataclass(frozen=True)
class MinistryDecisionDelay:
    """A Ministry's decision with the provincial decisions that re-published it, or how long it has waited."""

    decision: MinistryDecision
    publications: list[Republication] = field(default_factory=list)
    waiting_days: int | None = None
    waiting_working_days: int | None = None

    @property
    def first(self) -> Republication | None:
        return self.publications[0] if self.publications else None


def ministry_decision_delays(*, user: Any, today: datetime.date | None = None) -> list[MinistryDecisionDelay]:
    """Every Ministry decision the person may see, newest first, with its re-publications and their delays
    (calendar and working days from the Ministry's issue date to the province's)."""
    today = today or timezone.localdate()
    decisions = list(
        restrict(MinistryDecision.objects.all(), user, VIEW).prefetch_related(
            Prefetch("publications", queryset=PublicationDecision.objects.order_by("issued_on", "pk"))
        )
    )
    if not decisions:
        return []
    first_year = min(decision.issued_on.year for decision in decisions)
    calendar = working_calendar(range(first_year, max(today.year, first_year) + 1))
    rows: list[MinistryDecisionDelay] = []
    for decision in decisions:
        publications = [
            Republication(
                decision=publication,
                days=(publication.issued_on - decision.issued_on).days,
                working_days=calendar.working_days_between(decision.issued_on, publication.issued_on),
            )
            for publication in decision.publications.all()
        ]
        if publications:
            rows.append(MinistryDecisionDelay(decision=decision, publications=publications))
        else:
            rows.append(
                MinistryDecisionDelay(
                    decision=decision,
                    waiting_days=max(0, (today - decision.issued_on).days),
                    waiting_working_days=max(0, calendar.working_days_between(decision.issued_on, today)),
                )
            )
    return rows


def ministry_decisions_waiting(*, user: Any, today: datetime.date | None = None) -> list[MinistryDecisionDelay]:
    """Ministry decisions not yet re-published by the province, longest waiting first (for the office's home)."""
    waiting = [row for row in ministry_decision_delays(user=user, today=today) if not row.publications]
    return sorted(waiting, key=lambda row: (-(row.waiting_days or 0), row.decision.number))
