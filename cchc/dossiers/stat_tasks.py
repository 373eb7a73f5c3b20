"""Background jobs of the dossier data (thin wrappers that take ids; safe to run twice)."""

import datetime

from django_tasks import task

from .import_services import import_run_check, import_run_perform
from .statistics import dossier_stats_rebuild, dossier_stats_refresh


@task()
def dossier_import_check_task(run_id: int) -> str:
    """Check a big uploaded file (counts and problems), without writing."""
    return import_run_check(run_id=run_id).status


@task()
def dossier_import_perform_task(run_id: int) -> str:
    """Write a big file in the mode the user chose."""
    return import_run_perform(run_id=run_id).status


@task()
def dossier_stats_rebuild_task(since: str | None = None) -> int:
    """Recount the statistics from the half-month holding `since` (ISO date) on, after an import."""
    return dossier_stats_rebuild(since=datetime.date.fromisoformat(since) if since else None)


@task()
def dossier_stats_refresh_task() -> int:
    """The periodic refresh of the statistics from dossiers changed since the last run."""
    return dossier_stats_refresh()
