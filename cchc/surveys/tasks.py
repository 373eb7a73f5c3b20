"""Background jobs of the surveys (thin wrappers; safe to run twice)."""

from django_tasks import task

from .tally_services import tallies_refresh


@task()
def survey_tallies_refresh() -> dict[str, int]:
    """Fold the responses submitted since the last run into the tallies that the index pages read."""
    return tallies_refresh().as_dict()
