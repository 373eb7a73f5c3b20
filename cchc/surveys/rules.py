"""Who may manage survey instruments and campaigns, as `rules` predicates (object rights go through restrict)."""

from typing import Any

import rules

from .models.instruments import SURVEY_MANAGERS


@rules.predicate
def is_survey_manager(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_any_role(SURVEY_MANAGERS))


rules.add_perm("surveys.manage_campaigns", is_survey_manager)
rules.add_perm("surveys.manage_instruments", is_survey_manager)
