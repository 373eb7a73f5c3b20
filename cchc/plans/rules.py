"""Who may act on a task or one of its occurrences, as `rules` predicates (used by views and templates)."""

from typing import Any

import rules

from cchc.org.choices import Role
from cchc.org.selectors import unit_subtree_ids

from .models import PLAN_MANAGERS, Task, TaskOccurrence


def _task(item: Task | TaskOccurrence | None) -> Task | None:
    return item.task if isinstance(item, TaskOccurrence) else item


def _in_lead_unit(user: Any, task: Task) -> bool:
    return bool(task.lead_unit_id and user.unit_id and user.unit_id in unit_subtree_ids(task.lead_unit_id))


@rules.predicate
def is_plan_manager(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_any_role(PLAN_MANAGERS))


@rules.predicate
def heads_lead_unit(user: Any, item: Task | TaskOccurrence | None) -> bool:
    task = _task(item)
    return bool(task and user.is_authenticated and user.has_role(Role.UNIT_HEAD) and _in_lead_unit(user, task))


@rules.predicate
def works_on_task(user: Any, item: Task | TaskOccurrence | None) -> bool:
    """An assignee, or a member of the lead or a coordinating unit (who report their part)."""
    task = _task(item)
    if task is None or not user.is_authenticated or not user.is_active:
        return False
    if task.assignees.filter(pk=user.pk).exists() or _in_lead_unit(user, task):
        return True
    scope = user.scope_unit_ids()
    return task.coordinating_units.filter(pk__in=scope).exists()


rules.add_perm("plans.manage_plans", is_plan_manager)
rules.add_perm("plans.edit_task", is_plan_manager | heads_lead_unit)
rules.add_perm("plans.assign_task", heads_lead_unit | is_plan_manager)
rules.add_perm("plans.report_progress", works_on_task)
rules.add_perm("plans.confirm_occurrence", heads_lead_unit)
rules.add_perm("plans.return_occurrence", heads_lead_unit | is_plan_manager)
rules.add_perm("plans.cancel_occurrence", is_plan_manager)
