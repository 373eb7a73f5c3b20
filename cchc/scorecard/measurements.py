"""Criteria whose rule is a measured rate take that rate from the module that measures it."""

from decimal import Decimal
from typing import Any

from django.db import transaction

from cchc.core.measurements import indicator_measure
from cchc.core.services import audit_record
from cchc.core.snapshots import snapshot_diff

from .choices import AssessmentStatus
from .models import Assessment, AssessmentItem
from .round import SERVICE_STAMPS, item_snapshot


@transaction.atomic
def assessment_measurements_refresh(*, actor: Any, assessment: Assessment) -> int:
    """Copy each measured indicator into the items whose criterion names it; the number of items changed.

    A final assessment keeps the values it was scored with.
    """
    assessment = Assessment.objects.select_for_update(of=("self",)).select_related("framework").get(pk=assessment.pk)
    if assessment.status == AssessmentStatus.FINAL:
        return 0
    measured: dict[str, Decimal | None] = {}
    changed = 0
    items = (
        AssessmentItem.objects.select_for_update(of=("self",))
        .select_related("criterion")
        .filter(assessment=assessment)
        .exclude(criterion__indicator="")
    )
    for item in items:
        code = item.criterion.indicator
        if code not in measured:
            measured[code] = indicator_measure(code, assessment.framework.year)
        value = measured[code]
        if value is None or value == item.measured_value:
            continue
        before = item_snapshot(item)
        item.measured_value = value
        item.full_clean(exclude=SERVICE_STAMPS)
        item.save(update_fields=["measured_value"])
        audit_record(
            actor=actor,
            action="item_measured",
            instance=item,
            changes=snapshot_diff(before, item_snapshot(item)),
            note=code,
        )
        changed += 1
    return changed


def measurements_refresh_all(*, actor: Any = None) -> int:
    """Refresh every assessment that is not final; the number of items changed."""
    return sum(
        assessment_measurements_refresh(actor=actor, assessment=assessment)
        for assessment in Assessment.objects.exclude(status=AssessmentStatus.FINAL)
    )
