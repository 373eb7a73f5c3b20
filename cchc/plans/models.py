"""Plans and directives, their targets, and tasks with one occurrence per period, each with progress and evidence."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc.core.permissions import CHANGE, MANAGE, VIEW, RestrictPolicy
from cchc.evidence.models import EvidenceDocument
from cchc.org.choices import Role
from cchc.org.models import Unit
from cchc.org.roles import ALL_ROLES, DEPARTMENT_VIEWERS

from .choices import OccurrenceStatus, PlanKind, PlanStatus, Recurrence, TargetDirection

# Who writes plans and sends completed work back: the focal rooms (Văn phòng, TCCB) and administrators.
PLAN_MANAGERS: frozenset[str] = frozenset({Role.OFFICE_FOCAL, Role.PAR_FOCAL, Role.SYSTEM_ADMIN})


class ReformArea(models.Model):
    """One of the areas of the reform programme (thể chế, TTHC, …); the list is data."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=200)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("lĩnh vực cải cách")
        verbose_name_plural = _("lĩnh vực cải cách")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Plan(models.Model):
    """A CCHC plan or a directive letter, with its legal basis, original file, targets and tasks."""

    kind = models.CharField(_("loại văn bản"), max_length=20, choices=PlanKind.choices, default=PlanKind.PLAN)
    number = models.CharField(_("số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 4350/KH-SYT"))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, default="Sở Y tế")
    title = models.CharField(_("trích yếu"), max_length=500)
    year = models.PositiveSmallIntegerField(_("năm kế hoạch"))
    legal_basis = models.TextField(_("căn cứ"), blank=True, help_text=_("Mỗi văn bản căn cứ một dòng."))
    purpose = models.TextField(_("mục đích, yêu cầu"), blank=True)
    original = models.ForeignKey(
        EvidenceDocument,
        verbose_name=_("văn bản gốc"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans_as_original",
    )
    status = models.CharField(_("trạng thái"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("người tạo")
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    search_text = models.CharField(max_length=800, blank=True, editable=False, db_index=True)

    restrict_policy: ClassVar[RestrictPolicy] = RestrictPolicy(
        unit_lookups=(),
        department_roles={VIEW: ALL_ROLES, CHANGE: PLAN_MANAGERS, MANAGE: PLAN_MANAGERS},
    )

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year", "-issued_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}" if self.number else self.title


class Target(models.Model):
    """A numeric objective of a plan (e.g. ≥ 100 % dossiers on time), with the indicator that measures it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    text = models.CharField(_("chỉ tiêu"), max_length=500)
    direction = models.CharField(
        _("so sánh"), max_length=3, choices=TargetDirection.choices, default=TargetDirection.AT_LEAST
    )
    value = models.DecimalField(_("giá trị"), max_digits=12, decimal_places=2)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=30, default="%")
    indicator = models.CharField(
        _("chỉ số đo tự động"),
        max_length=100,
        blank=True,
        help_text=_("Mã chỉ số hệ thống tự đo (để trống nếu nhập tay)."),
    )
    measured_value = models.DecimalField(_("giá trị đạt được"), max_digits=12, decimal_places=2, null=True, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["plan", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.text


TASK_POLICY = RestrictPolicy(
    unit_lookups=("lead_unit", "coordinating_units"),
    department_roles={VIEW: DEPARTMENT_VIEWERS | {Role.STEERING_MEMBER}, CHANGE: PLAN_MANAGERS, MANAGE: PLAN_MANAGERS},
    unit_roles={VIEW: None, CHANGE: frozenset({Role.UNIT_HEAD})},
    action_unit_lookups={CHANGE: ("lead_unit",)},
    extra_condition=lambda user, action: Q(assignees=user) if action == VIEW else Q(pk__in=[]),
    needs_distinct=True,
)


class Task(models.Model):
    """A row of the plan's appendix: general task, specific task, product, lead and coordinating units, time frame."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("kế hoạch"))
    area = models.ForeignKey(ReformArea, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("lĩnh vực"))
    general_task = models.CharField(_("nhiệm vụ chung"), max_length=500, blank=True)
    title = models.TextField(_("nhiệm vụ cụ thể"))
    product = models.TextField(_("sản phẩm"), blank=True)
    lead_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="led_tasks",
        verbose_name=_("cơ quan chủ trì"),
        null=True,
        blank=True,
    )
    lead_text = models.CharField(_("cơ quan chủ trì (như văn bản ghi)"), max_length=500, blank=True)
    coordinating_units = models.ManyToManyField(
        Unit, related_name="coordinated_tasks", blank=True, verbose_name=_("cơ quan phối hợp")
    )
    coordinating_text = models.CharField(_("cơ quan phối hợp (như văn bản ghi)"), max_length=500, blank=True)
    timeframe_text = models.CharField(_("thời gian thực hiện"), max_length=200)
    recurrence = models.CharField(_("lặp lại"), max_length=20, choices=Recurrence.choices, default=Recurrence.ONCE)
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    needs_date_review = models.BooleanField(
        _("cần đặt hạn"), default=False, help_text=_("Thời gian trong văn bản không đọc được thành ngày cụ thể.")
    )
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="assigned_tasks", blank=True, verbose_name=_("người thực hiện")
    )
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    search_text = models.TextField(blank=True, editable=False)

    restrict_policy: ClassVar[RestrictPolicy] = TASK_POLICY

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "area__sort_order", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.title[:120]


class TaskOccurrence(models.Model):
    """One period of a task (the only one for a one-off task): its own status, progress and evidence."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="occurrences", verbose_name=_("nhiệm vụ"))
    period_label = models.CharField(_("kỳ"), max_length=100)
    due_date = models.DateField(_("hạn"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=30, choices=OccurrenceStatus.choices, default=OccurrenceStatus.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    reported_done_at = models.DateTimeField(_("báo cáo hoàn thành lúc"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    evidence = models.ManyToManyField(EvidenceDocument, blank=True, related_name="task_occurrences")

    restrict_policy: ClassVar[RestrictPolicy] = RestrictPolicy(
        unit_lookups=("task__lead_unit", "task__coordinating_units"),
        department_roles=TASK_POLICY.department_roles,
        unit_roles=TASK_POLICY.unit_roles,
        action_unit_lookups={CHANGE: ("task__lead_unit",)},
        extra_condition=lambda user, action: Q(task__assignees=user) if action == VIEW else Q(pk__in=[]),
        needs_distinct=True,
    )

    class Meta:
        verbose_name = _("kỳ thực hiện nhiệm vụ")
        verbose_name_plural = _("kỳ thực hiện nhiệm vụ")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="occurrence_percent_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.task} — {self.period_label}"


class ProgressReport(models.Model):
    """A progress update on an occurrence: who, when, status, percent, narrative (the running log of the work)."""

    occurrence = models.ForeignKey(TaskOccurrence, on_delete=models.CASCADE, related_name="reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    status = models.CharField(_("trạng thái"), max_length=30, choices=OccurrenceStatus.choices)
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"))
    narrative = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.occurrence}: {self.percent}%"


class ReportingCycle(models.Model):
    """A reporting period (quarter, half-year, year) in which every unit owes its CCHC report by a deadline."""

    class Period(models.TextChoices):
        Q1 = "q1", _("Quý I")
        Q2 = "q2", _("Quý II (6 tháng)")
        Q3 = "q3", _("Quý III")
        Q4 = "q4", _("Quý IV (cả năm)")

    year = models.PositiveSmallIntegerField(_("năm"))
    period = models.CharField(_("kỳ báo cáo"), max_length=2, choices=Period.choices)
    due_date = models.DateField(_("hạn nộp"))
    units = models.ManyToManyField(Unit, related_name="reporting_cycles", verbose_name=_("đơn vị phải báo cáo"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)

    restrict_policy: ClassVar[RestrictPolicy] = RestrictPolicy(
        unit_lookups=("units",),
        department_roles={
            VIEW: DEPARTMENT_VIEWERS | {Role.STEERING_MEMBER},
            CHANGE: PLAN_MANAGERS,
            MANAGE: PLAN_MANAGERS,
        },
        unit_roles={VIEW: None},
        needs_distinct=True,
    )

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["-year", "-period"]
        constraints = [models.UniqueConstraint(fields=["year", "period"], name="reporting_cycle_once")]

    def __str__(self) -> str:
        return f"{self.get_period_display()}/{self.year}"


class UnitReport(models.Model):
    """A unit's CCHC report for a cycle: pre-filled from its tasks, edited, then submitted (late after the due date)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã nộp")
        RETURNED = "returned", _("Bị trả lại")

    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.CASCADE, related_name="reports", verbose_name=_("kỳ báo cáo")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cchc_reports", verbose_name=_("đơn vị"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    results = models.TextField(_("kết quả thực hiện"), blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_late = models.BooleanField(_("nộp trễ"), default=False)
    evidence = models.ManyToManyField(EvidenceDocument, blank=True, related_name="unit_reports")

    restrict_policy: ClassVar[RestrictPolicy] = RestrictPolicy(
        unit_lookups=("unit",),
        department_roles={
            VIEW: DEPARTMENT_VIEWERS | {Role.STEERING_MEMBER},
            CHANGE: frozenset(),
            MANAGE: PLAN_MANAGERS,
        },
        unit_roles={VIEW: None, CHANGE: frozenset({Role.UNIT_HEAD, Role.SPECIALIST})},
    )

    class Meta:
        verbose_name = _("báo cáo CCHC của đơn vị")
        verbose_name_plural = _("báo cáo CCHC của đơn vị")
        ordering = ["cycle", "unit__sort_order", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["cycle", "unit"], name="unit_report_once_per_cycle")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.cycle}"
