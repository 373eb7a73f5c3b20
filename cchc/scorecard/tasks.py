"""Background jobs of the PAR scorecard (thin wrappers; safe to run twice)."""

from django_tasks import task

from .measurements import measurements_refresh_all


@task()
def par_measurements_refresh() -> int:
    """Copy the measured indicators into the criteria of every assessment that is not final."""
    return measurements_refresh_all()
