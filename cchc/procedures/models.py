"""The catalogue of administrative procedures, the decisions that publish them, and each procedure's versions."""

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.core.permissions import CHANGE, MANAGE, VIEW, RestrictPolicy
from cchc.evidence.models import EvidenceDocument
from cchc.org.choices import Role
from cchc.org.models import Unit
from cchc.org.roles import ALL_ROLES

from .choices import DocumentForm, OnlineService, ProcedureLevel, ProcedureStatus, PublicationAction

# Who keeps the catalogue: the office (TTHC focal point) and administrators.
CATALOGUE_MANAGERS: frozenset[str] = frozenset({Role.OFFICE_FOCAL, Role.SYSTEM_ADMIN})

CATALOGUE_POLICY = RestrictPolicy(
    unit_lookups=(),
    department_roles={VIEW: ALL_ROLES, CHANGE: CATALOGUE_MANAGERS, MANAGE: CATALOGUE_MANAGERS},
)


class ProcedureField(models.Model):
    """A field (lĩnh vực) procedures are grouped by: khám bệnh chữa bệnh, dược, mỹ phẩm, …"""

    code = models.CharField(_("mã lĩnh vực"), max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=200)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    restrict_policy: ClassVar[RestrictPolicy] = CATALOGUE_POLICY

    class Meta:
        verbose_name = _("lĩnh vực thủ tục")
        verbose_name_plural = _("lĩnh vực thủ tục")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class MinistryDecision(models.Model):
    """A Ministry's decision that publishes or changes procedures, which the province must re-publish promptly."""

    number = models.CharField(_("số quyết định"), max_length=60, unique=True, help_text=_("Ví dụ: 1234/QĐ-BYT"))
    issued_on = models.DateField(_("ngày ban hành"))
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    summary = models.CharField(_("trích yếu"), max_length=500)
    created_at = models.DateTimeField(_("ngày nhập"), auto_now_add=True)

    restrict_policy: ClassVar[RestrictPolicy] = CATALOGUE_POLICY

    class Meta:
        verbose_name = _("quyết định của Bộ")
        verbose_name_plural = _("quyết định của Bộ")
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return self.number


class PublicationDecision(models.Model):
    """The provincial decision (Chủ tịch UBND tỉnh) that publishes, amends, replaces or abolishes procedures."""

    number = models.CharField(_("số quyết định"), max_length=60, unique=True, help_text=_("Ví dụ: 263/QĐ-UBND"))
    issued_on = models.DateField(_("ngày ban hành"))
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, default="Ủy ban nhân dân tỉnh")
    summary = models.CharField(_("trích yếu"), max_length=500, blank=True)
    ministry_decision = models.ForeignKey(
        MinistryDecision,
        verbose_name=_("quyết định của Bộ làm căn cứ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publications",
    )
    original = models.ForeignKey(
        EvidenceDocument, verbose_name=_("văn bản"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày nhập"), auto_now_add=True)

    restrict_policy: ClassVar[RestrictPolicy] = CATALOGUE_POLICY

    class Meta:
        verbose_name = _("quyết định công bố")
        verbose_name_plural = _("quyết định công bố")
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return self.number


class Procedure(models.Model):
    """One procedure of the catalogue; what it requires lives in its versions, the current one is linked."""

    code = models.CharField(_("mã thủ tục"), max_length=40, unique=True, help_text=_("Ví dụ: 1.000948.H38"))
    name = models.CharField(_("tên thủ tục"), max_length=500)
    field = models.ForeignKey(ProcedureField, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("cấp thực hiện"), max_length=20, choices=ProcedureLevel.choices)
    resolving_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị giải quyết"), on_delete=models.PROTECT, related_name="resolved_procedures"
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ProcedureStatus.choices, default=ProcedureStatus.ACTIVE, db_index=True
    )
    current_version = models.ForeignKey(
        "ProcedureVersion",
        verbose_name=_("phiên bản hiện hành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    search_text = models.CharField(max_length=800, blank=True, editable=False, db_index=True)

    restrict_policy: ClassVar[RestrictPolicy] = CATALOGUE_POLICY

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class ProcedureVersion(models.Model):
    """What a procedure required from one decision on; a dossier keeps the version it was received under."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("phiên bản"))
    decision = models.ForeignKey(
        PublicationDecision,
        verbose_name=_("quyết định công bố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="versions",
    )
    action = models.CharField(_("hình thức"), max_length=20, choices=PublicationAction.choices)
    effective_from = models.DateField(_("áp dụng từ ngày"), null=True, blank=True)
    name = models.CharField(_("tên thủ tục"), max_length=500)
    time_limit_days = models.PositiveSmallIntegerField(_("thời hạn giải quyết (ngày làm việc)"))
    online_time_limit_days = models.PositiveSmallIntegerField(
        _("thời hạn với hồ sơ trực tuyến (ngày làm việc)"), null=True, blank=True
    )
    fee_amount = models.DecimalField(
        _("phí, lệ phí (đồng)"), max_digits=14, decimal_places=0, default=Decimal(0), blank=True
    )
    fee_text = models.CharField(_("phí, lệ phí (ghi chú)"), max_length=500, blank=True)
    steps = models.TextField(_("trình tự thực hiện"), blank=True)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    result = models.CharField(_("kết quả thực hiện"), max_length=500, blank=True)
    applicants = models.CharField(_("đối tượng thực hiện"), max_length=300, blank=True)
    online_service = models.CharField(
        _("dịch vụ công trực tuyến"), max_length=20, choices=OnlineService.choices, default=OnlineService.NONE
    )
    online_payment = models.BooleanField(_("thanh toán trực tuyến"), default=False)
    postal_service = models.BooleanField(_("dịch vụ bưu chính công ích"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày nhập"), auto_now_add=True)

    restrict_policy: ClassVar[RestrictPolicy] = CATALOGUE_POLICY

    class Meta:
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = _("phiên bản thủ tục")
        ordering = ["procedure", "-number"]
        constraints = [models.UniqueConstraint(fields=["procedure", "number"], name="procedure_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}"

    def time_limit_for(self, *, online: bool) -> int:
        """The time limit in working days for a dossier received online or not."""
        if online and self.online_time_limit_days is not None:
            return self.online_time_limit_days
        return self.time_limit_days


class RequiredDocument(models.Model):
    """A document the applicant hands in (thành phần hồ sơ)."""

    version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="documents"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    form = models.CharField(
        _("loại bản"), max_length=20, choices=DocumentForm.choices, default=DocumentForm.ORIGINAL_OR_COPY
    )
    count = models.PositiveSmallIntegerField(_("số lượng"), default=1)

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["version", "order", "pk"]

    def __str__(self) -> str:
        return self.name
