"""Who may receive dossiers, act on one, and approve its apology, as `rules` predicates (views and templates)."""

from typing import Any

import rules

from cchc.core.permissions import CHANGE, MANAGE, restrict
from cchc.org.choices import Role

from .models import Dossier

RECEIVERS: frozenset[str] = frozenset({Role.ONE_STOP_OFFICER, Role.OFFICE_FOCAL, Role.SYSTEM_ADMIN})
APPROVERS: frozenset[str] = frozenset({Role.LEADERSHIP, Role.UNIT_HEAD})


def _allowed(user: Any, dossier: Dossier | None, action: str) -> bool:
    if dossier is None or not getattr(user, "is_authenticated", False):
        return False
    return restrict(Dossier.objects.filter(pk=dossier.pk), user, action).exists()


@rules.predicate
def can_receive(user: Any) -> bool:
    """One-stop officers (and the office, administrators) with a unit to receive at."""
    return bool(getattr(user, "is_authenticated", False) and user.unit_id and user.has_any_role(RECEIVERS))


@rules.predicate
def acts_on_dossier(user: Any, dossier: Dossier | None) -> bool:
    """The desk and the handling unit's officers, heads and specialists (DOSSIER_POLICY, change)."""
    return _allowed(user, dossier, CHANGE)


@rules.predicate
def approves_apology(user: Any, dossier: Dossier | None) -> bool:
    """The leadership, or the head of the handling unit (DOSSIER_POLICY, manage)."""
    return _allowed(user, dossier, MANAGE)


@rules.predicate
def approves_apologies(user: Any) -> bool:
    """Those who have an apology queue at all (what they may approve in it is restricted per dossier)."""
    return bool(getattr(user, "is_authenticated", False) and user.has_any_role(APPROVERS))


rules.add_perm("dossiers.view_apology_queue", approves_apologies)
rules.add_perm("dossiers.receive_dossier", can_receive)
rules.add_perm("dossiers.act_on_dossier", acts_on_dossier)
rules.add_perm("dossiers.approve_apology", approves_apology)
