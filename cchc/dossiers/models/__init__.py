"""One-stop dossiers with their steps, pauses and apologies, and the summary tables behind the statistics."""

from . import statistics
from .records import Apology, Dossier, DossierCodeSequence, DossierPause, DossierStep

__all__ = ["Apology", "Dossier", "DossierCodeSequence", "DossierPause", "DossierStep", "statistics"]
