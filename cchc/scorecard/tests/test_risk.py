"""Points at risk: which criteria may still lose points, how many, why (in words) and which room leads them."""

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.evidence.models import EvidenceDocument
from cchc.evidence.services import evidence_upload
from cchc.org.models import Unit
from cchc.plans.choices import OccurrenceStatus
from cchc.plans.models import ReformArea, Task, TaskOccurrence
from cchc.plans.services import plan_create, task_create
from cchc.scorecard.choices import ItemStatus
from cchc.scorecard.models import Assessment, AssessmentItem
from cchc.scorecard.risk import decimal_text, points_at_risk, risk_total
from cchc.scorecard.scoring import assessment_scores
from cchc.scorecard.tests.builders import assessment_with, small_framework
from conftest import Org

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
JUNE = datetime.date(2024, 6, 1)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(org: Org, name: str = "ke-hoach.pdf", unit: Unit | None = None, content: bytes = PDF) -> EvidenceDocument:
    return evidence_upload(
        actor=org.specialist, upload=SimpleUploadedFile(name, content), unit=unit or org.medical
    ).document


def item(assessment: Assessment, code: str) -> AssessmentItem:
    return assessment.items.get(criterion__code=code)


def update(assessment: Assessment, code: str, **values: Any) -> AssessmentItem:
    found = item(assessment, code)
    for name, value in values.items():
        setattr(found, name, Decimal(value) if isinstance(value, str) and name.endswith(("score", "value")) else value)
    found.save()
    return found


def task_in_quarter_one(org: Org, year: int = 2024) -> Task:
    """A task of the year's plan due at the end of quarter I (31/03), led by the medical room."""
    plan = plan_create(
        actor=org.office_focal,
        kind="plan",
        number=f"01/KH-SYT-{year}",
        title=f"Kế hoạch CCHC năm {year}",
        year=year,
        issuer="Sở Y tế",
    )
    return task_create(
        actor=org.office_focal,
        plan=plan,
        area=ReformArea.objects.get(code="I"),
        title="Ban hành kế hoạch CCHC",
        product="Kế hoạch",
        timeframe_text=f"Quý I/{year}",
        lead_unit=org.medical,
        coordinating_units=[],
    )


def round_in_progress(org: Org) -> Assessment:
    """The hand-built case of the risk tests (maxima: 1.1.1 10, 1.1.2 20, 1.2 30 by tiers, 2.1 40, penalty 3).

    1.1.1: nothing yet → 10 at risk (no evidence, no self-score).
    1.1.2: self 15, returned, with evidence → 5 at risk (returned).
    1.2: measured 97.5 % (tier 0 of 30), evidence that is an overdue task's deliverable → 30 at risk.
    2.1: self 40, appraised 30, with evidence → 10 at risk (appraisal below self).
    10 (penalty): 1.5 points deducted → 1.5 at risk.
    """
    assessment = assessment_with(small_framework(), org.department, {}, status=ItemStatus.DRAFT)
    AssessmentItem.objects.filter(assessment=assessment).update(final_score=None, lead_unit=org.medical)
    update(assessment, "1.1.2", self_score="15", status=ItemStatus.RETURNED).evidence.add(upload(org, "a.pdf"))
    occurrence = task_in_quarter_one(org).occurrences.get()
    deliverable = upload(org, "ke-hoach.pdf")
    occurrence.evidence.add(deliverable)
    update(assessment, "1.2", measured_value="97.5", lead_unit=org.office).evidence.add(deliverable)
    update(assessment, "2.1", self_score="40", appraisal_score="30", status=ItemStatus.APPRAISED).evidence.add(
        upload(org, "b.pdf")
    )
    update(assessment, "10", final_score="1.5", status=ItemStatus.FINAL)
    return assessment


def test_points_at_risk_are_sorted_by_points_that_could_be_saved(org: Org) -> None:
    rows = points_at_risk(assessment_scores(round_in_progress(org)), today=JUNE)
    assert [(row.criterion.code, row.at_risk) for row in rows] == [
        ("1.2", Decimal("30")),
        ("2.1", Decimal("10")),
        ("1.1.1", Decimal("10")),
        ("1.1.2", Decimal("5")),
        ("10", Decimal("1.5")),
    ]
    assert risk_total(rows) == Decimal("56.5")


def test_each_row_says_why_in_vietnamese(org: Org) -> None:
    rows = {row.criterion.code: row for row in points_at_risk(assessment_scores(round_in_progress(org)), today=JUNE)}
    assert rows["1.1.1"].reasons == ["chưa có tài liệu kiểm chứng", "chưa tự chấm"]
    assert rows["1.1.2"].reasons == ["bị TCCB trả lại"]
    assert rows["1.2"].reasons == [
        "chưa tự chấm",
        "tỉ lệ đo được dưới bậc điểm tối đa: 97,5 %",
        "nhiệm vụ liên quan quá hạn",
    ]
    assert rows["2.1"].reasons == ["điểm thẩm định thấp hơn tự chấm"]
    assert rows["10"].reasons == ["dự kiến bị trừ 1,5 điểm"]


def test_each_row_names_the_lead_room(org: Org) -> None:
    rows = {row.criterion.code: row for row in points_at_risk(assessment_scores(round_in_progress(org)), today=JUNE)}
    assert rows["1.1.1"].lead_unit == org.medical
    assert rows["1.2"].lead_unit == org.office


def test_task_is_not_overdue_before_its_due_date_or_once_done(org: Org) -> None:
    assessment = round_in_progress(org)
    march = datetime.date(2024, 3, 1)
    rows = {row.criterion.code: row for row in points_at_risk(assessment_scores(assessment), today=march)}
    assert "nhiệm vụ liên quan quá hạn" not in rows["1.2"].reasons
    TaskOccurrence.objects.update(status=OccurrenceStatus.DONE)
    rows = {row.criterion.code: row for row in points_at_risk(assessment_scores(assessment), today=JUNE)}
    assert "nhiệm vụ liên quan quá hạn" not in rows["1.2"].reasons


def test_full_marks_and_bonus_criteria_are_not_at_risk(org: Org) -> None:
    assessment = assessment_with(
        small_framework(),
        org.department,
        {"1.1.1": ("10", "10"), "1.1.2": ("20", "20"), "1.2": ("30", "30"), "2.1": ("40", "40"), "9": (None, "0")},
    )
    assert points_at_risk(assessment_scores(assessment), today=JUNE) == []


def test_measured_rate_at_the_top_tier_is_no_reason(org: Org) -> None:
    assessment = assessment_with(small_framework(), org.department, {}, status=ItemStatus.DRAFT)
    AssessmentItem.objects.filter(assessment=assessment).update(final_score=None)
    update(assessment, "1.2", measured_value="100")
    update(assessment, "1.1.1", measured_value="100")
    rows = {row.criterion.code: row for row in points_at_risk(assessment_scores(assessment), today=JUNE)}
    assert "1.2" not in rows
    assert not any("tỉ lệ" in reason for reason in rows["1.1.1"].reasons)


def test_a_score_below_the_maximum_without_other_reason_is_still_explained(org: Org) -> None:
    assessment = assessment_with(small_framework(), org.department, {"2.1": ("35", "35")}, status=ItemStatus.FINAL)
    update(assessment, "2.1").evidence.add(upload(org))
    rows = {row.criterion.code: row for row in points_at_risk(assessment_scores(assessment), today=JUNE)}
    assert rows["2.1"].at_risk == Decimal("5")
    assert rows["2.1"].reasons == ["điểm dự kiến thấp hơn điểm tối đa"]


def test_numbers_are_written_the_vietnamese_way() -> None:
    assert decimal_text(Decimal("97.50")) == "97,5"
    assert decimal_text(Decimal("100.00")) == "100"
    assert decimal_text(Decimal("1234.5")) == "1.234,5"
