"""Fixtures shared by the dossier tests."""

import pytest

from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.test_deadlines import at
from cchc.dossiers.tests.test_lifecycle import make_dossier, make_procedure
from conftest import Org


@pytest.fixture
def dossier(org: Org) -> Dossier:
    """A dossier received on Mon 9/2/2026 09:00 (due Mon 2/3/2026 17:00, over Tết)."""
    make_procedure(org)
    return make_dossier(org, received_at=at("09/02/2026", "09:00"))
