"""Permissions that are not about one unit's rows, as `rules` predicates over the person's roles."""

from typing import Any

import rules

from .roles import CALENDAR_MANAGERS, PEOPLE_MANAGERS, SECURITY_AUDITORS, UNIT_MANAGERS


def holds_any(roles: frozenset[str]) -> Any:
    """A predicate true for active people holding any of `roles`."""

    @rules.predicate(name=f"holds_any({','.join(sorted(roles))})")
    def predicate(user: Any) -> bool:
        return bool(getattr(user, "is_authenticated", False) and user.has_any_role(roles))

    return predicate


rules.add_perm("org.manage_units", holds_any(UNIT_MANAGERS))
rules.add_perm("org.manage_people", holds_any(PEOPLE_MANAGERS))
rules.add_perm("workdays.manage_calendar", holds_any(CALENDAR_MANAGERS))
rules.add_perm("core.view_security_log", holds_any(SECURITY_AUDITORS))
