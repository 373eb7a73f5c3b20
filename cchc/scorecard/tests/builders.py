"""Small frameworks and assessments for tests, built directly (the scoring reads whatever the services wrote)."""

from decimal import Decimal

from cchc.org.models import Unit
from cchc.scorecard.choices import ItemStatus, ScoringMethod
from cchc.scorecard.models import Assessment, AssessmentItem, Band, Criterion, Framework

DEFAULT_BANDS = (("Xuất sắc", 90), ("Tốt", 80), ("Khá", 70), ("Trung bình", 50), ("Yếu", 0))


def small_framework(year: int = 2024) -> Framework:
    """Field 1 (60): 1.1 (30) = 1.1.1 (10) + 1.1.2 (20), 1.2 (30, tiers). Field 2 (40): 2.1 (40). Bonus 5, penalty 3."""
    framework = Framework.objects.create(
        year=year, name="Bộ tiêu chí thử", bonus_cap=Decimal("2"), penalty_cap=Decimal("3")
    )
    for name, minimum in DEFAULT_BANDS:
        Band.objects.create(framework=framework, name=name, min_score=Decimal(minimum))

    def add(code: str, points: str, parent: Criterion | None = None, **extra: object) -> Criterion:
        return Criterion.objects.create(
            framework=framework,
            parent=parent,
            code=code,
            title=f"Tiêu chí {code}",
            max_points=Decimal(points),
            sort_order=len(code) * 100 + int(code.replace(".", "")),
            **extra,
        )

    field_1 = add("1", "60")
    criterion_11 = add("1.1", "30", field_1)
    add("1.1.1", "10", criterion_11)
    add("1.1.2", "20", criterion_11)
    add("1.2", "30", field_1, method=ScoringMethod.RATE_TIERS, tiers=[[100, 30], [98, 15], [0, 0]])
    field_2 = add("2", "40")
    add("2.1", "40", field_2)
    add("9", "5", method=ScoringMethod.BONUS)
    add("10", "3", method=ScoringMethod.PENALTY)
    return framework


def assessment_with(
    framework: Framework, unit: Unit, scores: dict[str, tuple[str | None, str]], status: str = ItemStatus.FINAL
) -> Assessment:
    """An assessment whose items have the given (self, final) scores by criterion code."""
    assessment = Assessment.objects.create(framework=framework, unit=unit)
    leaves = framework.criteria.filter(children__isnull=True)
    for criterion in leaves:
        self_score, final = scores.get(criterion.code, (None, "0"))
        AssessmentItem.objects.create(
            assessment=assessment,
            criterion=criterion,
            status=status,
            self_score=Decimal(self_score) if self_score is not None else None,
            final_score=Decimal(final) if final is not None else None,
        )
    return assessment
