"""What the public portal shows without sign-in: open surveys and the results the department publishes."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from cchc.core.measurements import indicators
from cchc.surveys.choices import CampaignStatus
from cchc.surveys.models.collection import Campaign


def open_campaigns() -> QuerySet[Campaign]:
    """Survey campaigns a citizen may answer today."""
    today = timezone.localdate()
    return (
        Campaign.objects.filter(status=CampaignStatus.OPEN, starts_on__lte=today, ends_on__gte=today)
        .select_related("facility")
        .order_by("facility__name", "name")
    )


@dataclass(frozen=True)
class PublishedResult:
    label: str | Promise
    this_year: Decimal | None
    last_year: Decimal | None


def published_results(year: int) -> list[PublishedResult]:
    """Every measured indicator for the year and the year before, as the department publishes them."""
    return [
        PublishedResult(indicator.label, indicator.measure(year), indicator.measure(year - 1))
        for indicator in indicators().values()
    ]
