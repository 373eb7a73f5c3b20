"""Background jobs of plans and tasks (thin wrappers; safe to run twice)."""

from django_tasks import task

from . import services
from .reminders import task_reminders_run


@task()
def task_reminders_daily() -> dict[str, int]:
    """Send the day's deadline reminders, mark overdue occurrences and escalate the late ones."""
    return task_reminders_run().as_dict()


@task()
def target_measurements_refresh() -> int:
    """Copy the measured indicators (on-time dossiers, satisfaction, …) into the plan targets that name them."""
    return services.target_measurements_refresh()
