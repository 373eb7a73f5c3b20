"""Background jobs of the calendar (thin wrappers; safe to run twice)."""

from django.utils import timezone
from django_tasks import task

from .services import calendar_seed_year


@task()
def calendar_seed_coming_years() -> list[int]:
    """Make sure this year and next year are in the calendar table, so administrators can edit them."""
    year = timezone.localdate().year
    return [calendar_seed_year(actor=None, year=item).year for item in (year, year + 1)]
