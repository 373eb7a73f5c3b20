"""Criteria and plan targets that name an indicator take the value the system measured for their year."""

from decimal import Decimal
from typing import Any

import pytest

from cchc.core.measurements import Indicator, indicator_measure
from cchc.core.models import AuditEvent
from cchc.plans.models import Target
from cchc.plans.services import plan_create, target_measurements_refresh, target_save
from cchc.scorecard.choices import AssessmentStatus, ItemStatus
from cchc.scorecard.measurements import assessment_measurements_refresh
from cchc.scorecard.models import Criterion
from cchc.scorecard.tests.builders import assessment_with, small_framework
from conftest import Org

MEASURED = {2024: Decimal("97.456")}


def measured_indicators() -> list[Indicator]:
    return [Indicator("dossiers.on_time_rate", "Tỉ lệ hồ sơ đúng hạn", MEASURED.get)]


@pytest.fixture(autouse=True)
def _indicators(settings: Any) -> None:
    settings.CCHC_INDICATOR_PROVIDERS = [f"{__name__}.measured_indicators"]


def test_an_indicator_is_measured_for_the_year_and_rounded_to_hundredths() -> None:
    assert indicator_measure("dossiers.on_time_rate", 2024) == Decimal("97.46")
    assert indicator_measure("dossiers.on_time_rate", 2023) is None
    assert indicator_measure("unknown.code", 2024) is None


def test_refresh_copies_the_measured_rate_into_the_items_of_that_criterion_and_audits_it(org: Org) -> None:
    framework = small_framework(2024)
    Criterion.objects.filter(framework=framework, code="1.2").update(indicator="dossiers.on_time_rate")
    assessment = assessment_with(framework, org.department, {}, status=ItemStatus.DRAFT)

    assert assessment_measurements_refresh(actor=None, assessment=assessment) == 1
    item = assessment.items.get(criterion__code="1.2")
    assert item.measured_value == Decimal("97.46")
    assert AuditEvent.objects.filter(action="item_measured", object_id=str(item.pk)).count() == 1
    assert assessment.items.exclude(criterion__code="1.2").filter(measured_value__isnull=False).count() == 0

    assert assessment_measurements_refresh(actor=None, assessment=assessment) == 0, "running twice changes nothing"


def test_a_final_assessment_keeps_the_values_it_was_scored_with(org: Org) -> None:
    framework = small_framework(2024)
    Criterion.objects.filter(framework=framework, code="1.2").update(indicator="dossiers.on_time_rate")
    assessment = assessment_with(framework, org.department, {})
    assessment.status = AssessmentStatus.FINAL
    assessment.save()

    assert assessment_measurements_refresh(actor=None, assessment=assessment) == 0
    assert assessment.items.get(criterion__code="1.2").measured_value is None


def test_plan_targets_take_the_value_measured_for_the_plan_year(org: Org) -> None:
    plan = plan_create(actor=org.office_focal, kind="plan", number="01/KH-SYT", title="Kế hoạch CCHC", year=2024)
    target_save(
        actor=org.office_focal,
        plan=plan,
        text="100 % hồ sơ giải quyết đúng hạn",
        value=Decimal(100),
        indicator="dossiers.on_time_rate",
    )
    target_save(actor=org.office_focal, plan=plan, text="Chỉ tiêu nhập tay", value=Decimal(5))

    assert target_measurements_refresh() == 1
    assert Target.objects.get(indicator="dossiers.on_time_rate").measured_value == Decimal("97.46")
    assert Target.objects.get(indicator="").measured_value is None
    assert AuditEvent.objects.filter(action="target_measured").count() == 1
