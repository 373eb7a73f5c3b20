"""The one permission mechanism of the product: `restrict(queryset, user, action)`.

Every model that holds unit data declares a `restrict_policy`: which paths lead from a row to a unit, which
roles see the whole department for an action, and which roles act within their own unit (and the units
below it). Lists, details, exports and API endpoints all go through `restrict`, so what one shows, all show.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

ModelT = TypeVar("ModelT", bound=models.Model)

VIEW = "view"
CHANGE = "change"
MANAGE = "manage"


class ScopedUser(Protocol):
    """What `restrict` needs to know of a user (the org app's User provides it)."""

    is_authenticated: bool
    is_active: bool

    def has_any_role(self, roles: frozenset[str]) -> bool: ...

    def scope_unit_ids(self) -> frozenset[int]: ...


@dataclass(frozen=True)
class RestrictPolicy:
    """Who may do what with the rows of one model."""

    unit_lookups: tuple[str, ...]
    department_roles: Mapping[str, frozenset[str]]
    unit_roles: Mapping[str, frozenset[str] | None] = field(default_factory=dict)
    extra_condition: Callable[[Any, str], Q] | None = None
    # True when a unit lookup crosses a many-valued relation (e.g. coordinating units), which repeats rows.
    needs_distinct: bool = False
    # Per action, other paths to a unit than `unit_lookups` (e.g. only the lead unit may change a task).
    action_unit_lookups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def filter(self, queryset: QuerySet[ModelT], user: Any, action: str) -> QuerySet[ModelT]:
        if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
            return queryset.none()
        if user.has_any_role(self.department_roles.get(action, frozenset())):
            return queryset
        condition = Q(pk__in=[])
        if action in self.unit_roles:
            roles = self.unit_roles[action]
            if roles is None or user.has_any_role(roles):
                units = user.scope_unit_ids()
                for lookup in self.action_unit_lookups.get(action, self.unit_lookups):
                    condition |= Q(**{f"{lookup}__in": units})
        if self.extra_condition is not None:
            condition |= self.extra_condition(user, action)
        restricted = queryset.filter(condition)
        return restricted.distinct() if self.needs_distinct else restricted


def restrict(queryset: QuerySet[ModelT], user: Any, action: str = VIEW) -> QuerySet[ModelT]:
    """The rows of `queryset` that `user` may `action`; nothing for anonymous or inactive users."""
    policy: RestrictPolicy | None = getattr(queryset.model, "restrict_policy", None)
    if policy is None:
        raise TypeError(f"{queryset.model.__name__} declares no restrict_policy")
    return policy.filter(queryset, user, action)


def get_visible_or_404(request: HttpRequest, queryset: QuerySet[ModelT], action: str = VIEW, **lookup: Any) -> ModelT:
    """The object the user may act on.

    An object the user may see but not `action` gives 403; one the user may not see at all gives 404 (never
    403, so that other units' objects stay invisible) and is written to the security log.
    """
    try:
        return restrict(queryset, request.user, action).get(**lookup)
    except ObjectDoesNotExist:
        if action != VIEW and restrict(queryset, request.user, VIEW).filter(**lookup).exists():
            raise PermissionDenied(_("Bạn chỉ được xem, không được thay đổi mục này.")) from None
        if queryset.filter(**lookup).exists():
            from .choices import SecurityEventKind
            from .security import record_request_event

            record_request_event(request, SecurityEventKind.HIDDEN_OBJECT, detail=f"{queryset.model.__name__} {lookup}")
        raise Http404 from None
