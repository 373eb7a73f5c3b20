"""Who may change the catalogue, as `rules` predicates (used by views and templates)."""

from typing import Any

import rules

from .models import CATALOGUE_MANAGERS


@rules.predicate
def keeps_catalogue(user: Any) -> bool:
    """The office's procedures focal point and system administrators."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.has_any_role(CATALOGUE_MANAGERS))


rules.add_perm("procedures.manage_catalogue", keeps_catalogue)
