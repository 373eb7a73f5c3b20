"""Background jobs of the dossier desk (thin wrappers; safe to run twice)."""

from django_tasks import task

from .prediction import dossiers_predict_late


@task()
def dossiers_predict_late_daily() -> dict[str, int]:
    """Flag running dossiers predicted to miss their due moment and warn their handlers and the desk."""
    return dossiers_predict_late().as_dict()
