"""Who may act on an assessment round and its items, as `rules` predicates (used by services, views and templates)."""

from typing import Any

import rules

from cchc.org.choices import Role

from .models import PAR_MANAGERS, AssessmentItem

# The people of a lead room who self-score its criteria (the same roles the item policy lets change an item).
ROOM_EDITORS: frozenset[str] = frozenset({Role.UNIT_HEAD, Role.SPECIALIST, Role.STEERING_MEMBER})


@rules.predicate
def is_par_manager(user: Any) -> bool:
    """The PAR focal point (TCCB) or an administrator."""
    return bool(getattr(user, "is_authenticated", False) and user.has_any_role(PAR_MANAGERS))


@rules.predicate
def works_in_lead_room(user: Any, item: AssessmentItem | None) -> bool:
    """A head, specialist or steering member of the item's lead room (or of a unit above it)."""
    if item is None or item.lead_unit_id is None or not getattr(user, "is_authenticated", False):
        return False
    return user.has_any_role(ROOM_EDITORS) and item.lead_unit_id in user.scope_unit_ids()


rules.add_perm("scorecard.manage_round", is_par_manager)
rules.add_perm("scorecard.edit_item", is_par_manager | works_in_lead_room)
rules.add_perm("scorecard.explain_item", works_in_lead_room)
rules.add_perm("scorecard.review_item", is_par_manager)
