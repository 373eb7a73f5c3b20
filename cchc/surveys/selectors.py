"""Reads of instruments, campaigns and responses, restricted to what the user may see."""

import datetime
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, QuerySet
from django.utils import timezone

from cchc.core.permissions import VIEW, restrict
from cchc.org.models import Unit

from .choices import CampaignStatus
from .models.collection import Campaign, CollectionPoint, RefusedSubmission, Response
from .models.instruments import Instrument, InstrumentVersion


def instrument_list(*, user: Any) -> QuerySet[Instrument]:
    return restrict(Instrument.objects.all(), user, VIEW).annotate(version_count=Count("versions"))


def instrument_latest_version(instrument: Instrument) -> InstrumentVersion | None:
    return instrument.versions.order_by("-number").first()


def published_versions() -> QuerySet[InstrumentVersion]:
    """Versions a campaign may use: published ones of active instruments."""
    return (
        InstrumentVersion.objects.select_related("instrument")
        .filter(is_published=True, instrument__is_active=True)
        .order_by("instrument__code", "-number")
    )


def campaign_list(*, user: Any, action: str = VIEW) -> QuerySet[Campaign]:
    return restrict(
        Campaign.objects.select_related("facility", "instrument_version__instrument").annotate(
            response_count=Count("responses", distinct=True)
        ),
        user,
        action,
    )


def campaign_refusals(campaign: Campaign) -> dict[str, int]:
    """Refused submissions of a campaign, counted per reason."""
    rows = RefusedSubmission.objects.filter(campaign=campaign).values("reason").annotate(total=Count("pk"))
    return {row["reason"]: row["total"] for row in rows}


def campaign_points(campaign: Campaign) -> QuerySet[CollectionPoint]:
    return campaign.points.annotate(response_count=Count("responses")).order_by("code")


@dataclass(frozen=True)
class PublicTarget:
    """A campaign of a short link with its collection points, as the public form reads them."""

    campaign: Campaign
    points: dict[str, CollectionPoint]


_PUBLIC: dict[str, tuple[float, PublicTarget | None]] = {}
_PUBLIC_MAX_ENTRIES = 2000


def public_target(code: str) -> PublicTarget | None:
    """The campaign of a short link and its points, kept in this process for a few seconds.

    The public form is the hot path (a submission must cost little more than its INSERT): within
    `CCHC_SURVEY_CAMPAIGN_CACHE_SECONDS` (default 5) a campaign is read once per process. The services that
    change a campaign forget it at once in their own process; other processes see the change within that time.
    """
    now = time.monotonic()
    hit = _PUBLIC.get(code)
    if hit is not None and hit[0] > now:
        return hit[1]
    campaign = Campaign.objects.select_related("instrument_version", "facility").filter(code=code).first()
    target = None
    if campaign is not None:
        target = PublicTarget(campaign=campaign, points={point.code: point for point in campaign.points.all()})
    ttl = float(getattr(settings, "CCHC_SURVEY_CAMPAIGN_CACHE_SECONDS", 5))
    if ttl > 0:
        if len(_PUBLIC) >= _PUBLIC_MAX_ENTRIES:
            _PUBLIC.clear()
        _PUBLIC[code] = (now + ttl, target)
    return target


def public_target_forget(code: str) -> None:
    _PUBLIC.pop(code, None)


def public_campaign(code: str) -> Campaign | None:
    """The campaign of a short link, with its version."""
    target = public_target(code)
    return target.campaign if target is not None else None


def one_stop_campaign_for(dossier: Any) -> Campaign | None:
    """The open campaign for a dossier's survey: of its receiving unit, else of the department (the root unit)."""
    today = timezone.localdate()
    candidates = (
        Campaign.objects.select_related("instrument_version", "facility")
        .filter(status=CampaignStatus.OPEN, starts_on__lte=today, ends_on__gte=today)
        .order_by("-starts_on", "-pk")
    )
    campaign = candidates.filter(facility_id=dossier.receiving_unit_id).first()
    if campaign is not None:
        return campaign
    root = Unit.objects.filter(parent__isnull=True).order_by("sort_order", "pk").first()
    return candidates.filter(facility=root).first() if root is not None else None


@dataclass(frozen=True)
class ClientHistory:
    """What one client recently sent to one campaign."""

    recent: int  # responses within the rate-limit window
    same_answers: bool  # one with the same answers within the duplicate window


def client_history(
    *, campaign_id: int, client: str, key: str, rate_since: datetime.datetime, duplicate_since: datetime.datetime
) -> ClientHistory:
    """The client's recent responses to the campaign, read from the table itself so that every web worker sees
    the same count (a per-process cache would let each worker allow the limit again); one indexed look-up.

    Plain SQL on purpose: it runs on every public submission, and building the ORM query costs more than the
    look-up itself.
    """
    meta = Response._meta
    moment, same = meta.get_field("submitted_at").column, meta.get_field("duplicate_key").column
    campaign, client_column = meta.get_field("campaign").column, meta.get_field("client_hash").column
    sql = (
        f"SELECT COALESCE(SUM(CASE WHEN {moment} >= %s THEN 1 ELSE 0 END), 0), "  # noqa: S608 - the model's names
        f"COALESCE(MAX(CASE WHEN {same} = %s AND {moment} >= %s THEN 1 ELSE 0 END), 0) "
        f"FROM {meta.db_table} WHERE {campaign} = %s AND {client_column} = %s AND {moment} >= %s"
    )
    adapt = connection.ops.adapt_datetimefield_value
    earliest = min(rate_since, duplicate_since)
    with connection.cursor() as cursor:
        cursor.execute(sql, [adapt(rate_since), key, adapt(duplicate_since), campaign_id, client, adapt(earliest)])
        recent, same_answers = cursor.fetchone()
    return ClientHistory(recent=int(recent), same_answers=bool(same_answers))
