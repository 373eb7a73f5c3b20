"""Totals, caps and bands on hand-computed cases (including 92.96 → Xuất sắc)."""

from decimal import Decimal

from cchc.scorecard.choices import ItemStatus
from cchc.scorecard.models import AssessmentItem, PeerResult
from cchc.scorecard.scoring import assessment_scores, rank_among_peers, tier_points
from cchc.scorecard.tests.builders import assessment_with, small_framework
from conftest import Org


def test_total_of_92_96_is_excellent(org: Org) -> None:
    framework = small_framework()
    assessment = assessment_with(
        framework,
        org.department,
        {"1.1.1": ("10", "10"), "1.1.2": ("20", "15"), "1.2": ("30", "27.96"), "2.1": ("40", "40")},
    )
    report = assessment_scores(assessment)
    assert report.max_total == Decimal("100")
    assert report.totals["final"] == Decimal("92.96")
    assert report.index["final"] == Decimal("92.96")
    assert report.band["final"] == "Xuất sắc"
    assert report.totals["self"] == Decimal("100")
    field_1 = report.roots[0]
    assert field_1.values["final"] == Decimal("52.96")
    assert field_1.children[0].values["final"] == Decimal("25")


def test_bonus_and_penalty_are_capped(org: Org) -> None:
    framework = small_framework()
    assessment = assessment_with(
        framework,
        org.department,
        {
            "1.1.1": (None, "10"),
            "1.1.2": (None, "15"),
            "1.2": (None, "27.96"),
            "2.1": (None, "40"),
            "9": (None, "4"),
            "10": (None, "1.5"),
        },
    )
    report = assessment_scores(assessment)
    assert report.bonus["final"] == Decimal("2")
    assert report.penalty["final"] == Decimal("1.5")
    assert report.totals["final"] == Decimal("93.46")


def test_heavy_penalty_is_capped_and_band_drops(org: Org) -> None:
    framework = small_framework()
    assessment = assessment_with(
        framework,
        org.department,
        {"1.1.1": (None, "10"), "1.1.2": (None, "20"), "1.2": (None, "15"), "2.1": (None, "35"), "10": (None, "9")},
    )
    report = assessment_scores(assessment)
    assert report.penalty["final"] == Decimal("3")
    assert report.totals["final"] == Decimal("77")
    assert report.band["final"] == "Khá"


def test_children_cannot_exceed_their_parents_maximum(org: Org) -> None:
    framework = small_framework()
    assessment = assessment_with(framework, org.department, {"1.1.1": (None, "10"), "1.1.2": (None, "25")})
    assert assessment_scores(assessment).roots[0].children[0].values["final"] == Decimal("30")


def test_rate_tiers_give_full_half_or_nothing() -> None:
    from cchc.scorecard.models import Criterion

    criterion = Criterion(max_points=Decimal("2"), tiers=[[100, 2], [98, 1], [0, 0]])
    assert tier_points(criterion, Decimal("100")) == Decimal("2")
    assert tier_points(criterion, Decimal("99.5")) == Decimal("1")
    assert tier_points(criterion, Decimal("97.99")) == Decimal("0")
    assert tier_points(criterion, None) is None


def test_expected_score_uses_the_measured_rate_when_nothing_is_scored_yet(org: Org) -> None:
    framework = small_framework()
    assessment = assessment_with(framework, org.department, {}, status=ItemStatus.DRAFT)
    AssessmentItem.objects.filter(assessment=assessment).update(final_score=None)
    item = assessment.items.get(criterion__code="1.2")
    item.measured_value = Decimal("98.5")
    item.save()
    report = assessment_scores(assessment)
    leaf = next(node for node in report.leaves if node.criterion.code == "1.2")
    assert leaf.values["expected"] == Decimal("15")
    assert leaf.at_risk == Decimal("15")


def test_band_thresholds_are_inclusive(org: Org) -> None:
    framework = small_framework()
    assessment = assessment_with(
        framework,
        org.department,
        {"1.1.1": (None, "10"), "1.1.2": (None, "20"), "1.2": (None, "30"), "2.1": (None, "30")},
    )
    report = assessment_scores(assessment)
    assert report.index["final"] == Decimal("90.00")
    assert report.band["final"] == "Xuất sắc"


def test_rank_among_entered_peers(org: Org) -> None:
    framework = small_framework()
    assessment = assessment_with(framework, org.department, {})
    for name, total in [("Sở Tài chính", "95.10"), ("Sở Tư pháp", "90.00"), ("Sở Xây dựng", "88.00")]:
        PeerResult.objects.create(year=2024, name=name, total=Decimal(total))
    assert rank_among_peers(assessment, Decimal("92.96")) == (2, 4)
