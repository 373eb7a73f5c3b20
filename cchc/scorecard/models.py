"""PAR index (Chỉ số CCHC): criteria frameworks as data, yearly assessments and each scored item's workflow.

A framework is a tree: field (lĩnh vực) → criterion (tiêu chí) → sub-criterion (tiêu chí thành phần). Only leaves
are scored; totals roll up. Everything a province changes from year to year (maxima, methods, tiers, caps,
bands) is a record here, never a constant in code.
"""

from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc.core.permissions import CHANGE, MANAGE, VIEW, RestrictPolicy
from cchc.evidence.models import EvidenceDocument
from cchc.org.choices import Role
from cchc.org.models import Unit
from cchc.org.roles import ALL_ROLES, DEPARTMENT_VIEWERS

from .choices import AssessmentStatus, FrameworkStatus, ItemStatus, ScoringMethod, UnitGroup

# Who builds frameworks and runs the round: the PAR focal point (TCCB) and administrators.
PAR_MANAGERS: frozenset[str] = frozenset({Role.PAR_FOCAL, Role.SYSTEM_ADMIN})

FRAMEWORK_POLICY = RestrictPolicy(
    unit_lookups=(),
    department_roles={VIEW: ALL_ROLES, CHANGE: PAR_MANAGERS, MANAGE: PAR_MANAGERS},
)


class Framework(models.Model):
    """The criteria of one year for one group of units, with bonus and penalty caps."""

    year = models.PositiveSmallIntegerField(_("năm"))
    unit_group = models.CharField(
        _("nhóm đơn vị"), max_length=20, choices=UnitGroup.choices, default=UnitGroup.DEPARTMENT
    )
    name = models.CharField(_("tên bộ tiêu chí"), max_length=300)
    legal_basis = models.CharField(_("căn cứ ban hành"), max_length=300, blank=True)
    bonus_cap = models.DecimalField(_("điểm thưởng tối đa"), max_digits=6, decimal_places=2, default=Decimal("0"))
    penalty_cap = models.DecimalField(_("điểm trừ tối đa"), max_digits=6, decimal_places=2, default=Decimal("0"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=FrameworkStatus.choices, default=FrameworkStatus.DRAFT
    )
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies")

    restrict_policy: ClassVar[RestrictPolicy] = FRAMEWORK_POLICY

    class Meta:
        verbose_name = _("bộ tiêu chí")
        verbose_name_plural = _("bộ tiêu chí")
        ordering = ["-year", "unit_group"]
        constraints = [models.UniqueConstraint(fields=["year", "unit_group"], name="framework_once_per_year_and_group")]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class Band(models.Model):
    """A classification band: the index at or above `min_score` gets this name (xuất sắc ≥ 90 …)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="bands")
    name = models.CharField(_("xếp loại"), max_length=50)
    min_score = models.DecimalField(_("từ điểm"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("mức xếp loại")
        verbose_name_plural = _("mức xếp loại")
        ordering = ["framework", "-min_score"]
        constraints = [models.UniqueConstraint(fields=["framework", "min_score"], name="band_threshold_once")]

    def __str__(self) -> str:
        return f"{self.name} ≥ {self.min_score}"


class Criterion(models.Model):
    """A node of the framework tree; a node without children is scored."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    code = models.CharField(_("mã"), max_length=20, help_text=_("Ví dụ: 1, 1.2, 1.2.3"))
    title = models.CharField(_("nội dung"), max_length=500)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    method = models.CharField(
        _("cách chấm"), max_length=20, choices=ScoringMethod.choices, default=ScoringMethod.MANUAL
    )
    rule = models.TextField(_("cách tính điểm"), blank=True)
    tiers: models.JSONField[list[list[Any]]] = models.JSONField(
        _("bậc điểm"),
        default=list,
        blank=True,
        help_text=_(
            "Với cách chấm theo bậc: danh sách [tỉ lệ tối thiểu (%), điểm], ví dụ [[100, 2], [98, 1], [0, 0]]."
        ),
    )
    indicator = models.CharField(_("chỉ số hệ thống đo"), max_length=100, blank=True)
    evidence_required = models.TextField(_("tài liệu kiểm chứng cần có"), blank=True)
    is_survey = models.BooleanField(_("thuộc phần điều tra xã hội học"), default=False)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    restrict_policy: ClassVar[RestrictPolicy] = FRAMEWORK_POLICY

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["framework", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="criterion_code_once_per_framework"),
            models.CheckConstraint(condition=Q(max_points__gte=0), name="criterion_max_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"

    @property
    def depth(self) -> int:
        return self.code.count(".")


class Assessment(models.Model):
    """One year's self-assessment of the department against a framework."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="par_assessments", verbose_name=_("đơn vị"))
    deadline = models.DateField(_("hạn tự chấm"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    survey_score = models.DecimalField(
        _("điểm điều tra xã hội học"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(null=True, blank=True)

    restrict_policy: ClassVar[RestrictPolicy] = RestrictPolicy(
        unit_lookups=("items__lead_unit", "items__coordinating_units"),
        department_roles={
            VIEW: DEPARTMENT_VIEWERS | {Role.STEERING_MEMBER},
            CHANGE: PAR_MANAGERS,
            MANAGE: PAR_MANAGERS,
        },
        unit_roles={VIEW: None},
        needs_distinct=True,
    )

    class Meta:
        verbose_name = _("kỳ tự đánh giá")
        verbose_name_plural = _("kỳ tự đánh giá")
        ordering = ["-framework__year"]
        constraints = [models.UniqueConstraint(fields=["framework", "unit"], name="assessment_once_per_framework")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.framework.year}"


ITEM_POLICY = RestrictPolicy(
    unit_lookups=("lead_unit", "coordinating_units"),
    department_roles={VIEW: DEPARTMENT_VIEWERS | {Role.STEERING_MEMBER}, CHANGE: PAR_MANAGERS, MANAGE: PAR_MANAGERS},
    unit_roles={VIEW: None, CHANGE: frozenset({Role.UNIT_HEAD, Role.SPECIALIST, Role.STEERING_MEMBER})},
    action_unit_lookups={CHANGE: ("lead_unit",)},
    needs_distinct=True,
)


class AssessmentItem(models.Model):
    """A scored criterion in an assessment: the room's self-score with evidence, TCCB's review, the appraisal."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="items")
    lead_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="par_items", verbose_name=_("phòng chủ trì")
    )
    coordinating_units = models.ManyToManyField(Unit, blank=True, related_name="par_items_coordinated")
    status = models.CharField(_("trạng thái"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.DRAFT)
    self_score = models.DecimalField(_("điểm tự chấm"), max_digits=6, decimal_places=2, null=True, blank=True)
    self_note = models.TextField(_("giải thích tự chấm"), blank=True)
    measured_value = models.DecimalField(
        _("giá trị đo được (%)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Tỉ lệ do hệ thống đo hoặc nhập tay khi phân hệ đo chưa có."),
    )
    review_comment = models.TextField(_("ý kiến của TCCB"), blank=True)
    appraisal_score = models.DecimalField(_("điểm thẩm định"), max_digits=6, decimal_places=2, null=True, blank=True)
    explanation = models.TextField(_("giải trình"), blank=True)
    final_score = models.DecimalField(_("điểm cuối cùng"), max_digits=6, decimal_places=2, null=True, blank=True)
    evidence = models.ManyToManyField(EvidenceDocument, blank=True, related_name="par_items")
    submitted_at = models.DateTimeField(null=True, blank=True)

    restrict_policy: ClassVar[RestrictPolicy] = ITEM_POLICY

    class Meta:
        verbose_name = _("tiêu chí được chấm")
        verbose_name_plural = _("tiêu chí được chấm")
        ordering = ["assessment", "criterion__sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["assessment", "criterion"], name="item_once_per_criterion")]

    def __str__(self) -> str:
        return f"{self.criterion.code} — {self.assessment}"


class PeerResult(models.Model):
    """Another department's appraised result of a year, entered by hand so that a rank can be computed."""

    year = models.PositiveSmallIntegerField(_("năm"))
    unit_group = models.CharField(
        _("nhóm đơn vị"), max_length=20, choices=UnitGroup.choices, default=UnitGroup.DEPARTMENT
    )
    name = models.CharField(_("cơ quan"), max_length=200)
    total = models.DecimalField(_("chỉ số"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("kết quả của cơ quan khác")
        verbose_name_plural = _("kết quả của cơ quan khác")
        ordering = ["year", "-total"]
        constraints = [models.UniqueConstraint(fields=["year", "unit_group", "name"], name="peer_result_once")]

    def __str__(self) -> str:
        return f"{self.name} {self.year}: {self.total}"


class HistoricalResult(models.Model):
    """An earlier year's official result per field (and overall, field_code empty), for year-over-year comparison."""

    year = models.PositiveSmallIntegerField(_("năm"))
    field_code = models.CharField(_("mã lĩnh vực"), max_length=20, blank=True)
    field_title = models.CharField(_("lĩnh vực"), max_length=300, blank=True)
    score = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("kết quả các năm trước")
        verbose_name_plural = _("kết quả các năm trước")
        ordering = ["year", "field_code"]
        constraints = [models.UniqueConstraint(fields=["year", "field_code"], name="historical_result_once")]

    def __str__(self) -> str:
        return f"{self.year} {self.field_code or 'tổng'}: {self.score}"
