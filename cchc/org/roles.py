"""Groups of roles that the permission rules of every module refer to."""

from .choices import Role

ALL_ROLES: frozenset[str] = frozenset(Role.values)
# Those who see the whole department's data (leadership and the focal rooms).
DEPARTMENT_VIEWERS: frozenset[str] = frozenset({Role.LEADERSHIP, Role.PAR_FOCAL, Role.OFFICE_FOCAL, Role.SYSTEM_ADMIN})
# Those who manage the organisation's records.
UNIT_MANAGERS: frozenset[str] = frozenset({Role.SYSTEM_ADMIN})
PEOPLE_MANAGERS: frozenset[str] = frozenset({Role.SYSTEM_ADMIN, Role.PAR_FOCAL})
CALENDAR_MANAGERS: frozenset[str] = frozenset({Role.SYSTEM_ADMIN, Role.OFFICE_FOCAL})
SECURITY_AUDITORS: frozenset[str] = frozenset({Role.SYSTEM_ADMIN})
# Those who must sign in with a second factor when CCHC_REQUIRE_MFA is on.
MFA_REQUIRED_ROLES: frozenset[str] = frozenset({Role.LEADERSHIP, Role.SYSTEM_ADMIN})
