"""Reads of units and people, always restricted to what the asking user may see."""

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from cchc.core.permissions import VIEW, restrict

from .models import RoleAssignment, Unit, User


def unit_subtree_ids(unit_id: int) -> frozenset[int]:
    """A unit and all units below it (the tree is small: one query, walked in memory)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in Unit.objects.values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    found: set[int] = set()
    stack = [unit_id]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, []))
    return frozenset(found)


def units_valid_on(day: datetime.date | None = None) -> Q:
    """Condition for units valid on a day (today by default)."""
    day = day or timezone.localdate()
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def unit_list(*, user: Any, action: str = VIEW) -> QuerySet[Unit]:
    """Units the user may see, with their parent and member count."""
    return restrict(Unit.objects.select_related("parent"), user, action).annotate(member_count=Count("members"))


def unit_tree_rows(*, user: Any) -> list[tuple[int, Unit]]:
    """Visible units in tree order, each with its depth, for indented pickers and the org chart."""
    units = list(restrict(Unit.objects.all(), user, VIEW))
    by_parent: dict[int | None, list[Unit]] = defaultdict(list)
    visible = {unit.pk for unit in units}
    for unit in units:
        parent_key = unit.parent_id if unit.parent_id in visible else None
        by_parent[parent_key].append(unit)
    rows: list[tuple[int, Unit]] = []

    def walk(parent: int | None, depth: int) -> None:
        for unit in sorted(by_parent.get(parent, []), key=lambda item: (item.sort_order, item.name)):
            rows.append((depth, unit))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return rows


def person_list(*, user: Any, action: str = VIEW) -> QuerySet[User]:
    """People the user may see, with unit and roles loaded."""
    return restrict(
        User.objects.select_related("unit").prefetch_related(
            Prefetch("role_assignments", queryset=RoleAssignment.objects.order_by("role"))
        ),
        user,
        action,
    )


def unit_head_of(unit: Unit) -> User | None:
    """The active head of a unit, if one is recorded."""
    return (
        User.objects.filter(unit=unit, is_active=True, role_assignments__role="unit_head").order_by("full_name").first()
    )
