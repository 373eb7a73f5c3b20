"""A dossier received at the one-stop desk, from the online portal or by post, and what happens to it."""

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.core.permissions import CHANGE, MANAGE, VIEW, RestrictPolicy
from cchc.evidence.models import EvidenceDocument
from cchc.org.choices import Role
from cchc.org.models import Unit
from cchc.org.roles import DEPARTMENT_VIEWERS
from cchc.procedures.models import Procedure, ProcedureVersion

from ..choices import (
    ApologyStatus,
    ApplicantKind,
    Channel,
    DossierSource,
    DossierStatus,
    ReturnMethod,
    Timeliness,
)

# The desk that received a dossier and the unit that resolves it both see it; the desk and the handlers act on it;
# the leadership (and the handling unit's head) approve apologies.
DOSSIER_POLICY = RestrictPolicy(
    unit_lookups=("receiving_unit", "handling_unit"),
    department_roles={
        VIEW: DEPARTMENT_VIEWERS | {Role.INSPECTOR},
        CHANGE: frozenset({Role.OFFICE_FOCAL, Role.SYSTEM_ADMIN}),
        MANAGE: frozenset({Role.LEADERSHIP}),
    },
    unit_roles={
        VIEW: None,
        CHANGE: frozenset({Role.ONE_STOP_OFFICER, Role.UNIT_HEAD, Role.SPECIALIST}),
        MANAGE: frozenset({Role.UNIT_HEAD}),
    },
    action_unit_lookups={MANAGE: ("handling_unit",)},
)


class Dossier(models.Model):
    """One application for a procedure, from reception to the return of its result."""

    code = models.CharField(_("mã hồ sơ"), max_length=60, unique=True)
    # Four foreign keys without an index of their own: procedure and receiving_unit lead composite indexes below,
    # and nothing looks dossiers up by version or receiving officer. Each index costs every insert of a bulk import.
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    procedure_version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("phiên bản thủ tục"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    receiving_unit = models.ForeignKey(
        Unit,
        verbose_name=_("nơi tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="received_dossiers",
        db_index=False,
    )
    handling_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị giải quyết"), on_delete=models.PROTECT, related_name="handled_dossiers"
    )
    applicant_kind = models.CharField(
        _("người nộp là"), max_length=20, choices=ApplicantKind.choices, default=ApplicantKind.PERSON
    )
    applicant_name = models.CharField(_("tên cá nhân, tổ chức"), max_length=300)
    applicant_id_number = models.CharField(_("số định danh, mã số doanh nghiệp"), max_length=40, blank=True)
    applicant_phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    documents_received = models.JSONField(
        _("giấy tờ đã nhận"), default=list, blank=True, help_text=_("Danh sách {tên, loại bản, số lượng}.")
    )
    channel = models.CharField(_("hình thức nộp"), max_length=20, choices=Channel.choices, default=Channel.DIRECT)
    source = models.CharField(_("nguồn dữ liệu"), max_length=20, choices=DossierSource.choices)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=DossierStatus.choices, default=DossierStatus.RECEIVED
    )
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ tiếp nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    time_limit_days = models.PositiveSmallIntegerField(_("thời hạn (ngày làm việc)"))
    due_at = models.DateTimeField(_("hạn giải quyết"), help_text=_("Đã cộng thời gian tạm dừng chờ bổ sung."))
    appointment_at = models.DateTimeField(
        _("ngày hẹn trả"), help_text=_("Bằng hạn giải quyết, hoặc ngày hẹn mới trong văn bản xin lỗi.")
    )
    paused_since = models.DateTimeField(_("tạm dừng từ"), null=True, blank=True)
    late_predicted = models.BooleanField(_("dự báo trễ hạn"), default=False)
    finished_at = models.DateTimeField(_("thời điểm có kết quả"), null=True, blank=True)
    timeliness = models.CharField(_("tiến độ"), max_length=20, choices=Timeliness.choices, blank=True)
    returned_at = models.DateTimeField(_("thời điểm trả kết quả"), null=True, blank=True)
    return_method = models.CharField(_("hình thức trả"), max_length=20, choices=ReturnMethod.choices, blank=True)
    closed_reason = models.TextField(_("lý do (từ chối, rút, dừng)"), blank=True)
    fee_amount = models.DecimalField(_("phí, lệ phí (đồng)"), max_digits=14, decimal_places=0, default=Decimal(0))
    paid_online = models.BooleanField(_("thanh toán trực tuyến"), default=False)
    digitized_input = models.BooleanField(_("số hóa thành phần hồ sơ"), default=False)
    digitized_result = models.BooleanField(_("số hóa kết quả"), default=False)
    electronic_result = models.BooleanField(_("trả kết quả điện tử"), default=False)
    reused_data = models.BooleanField(_("tái sử dụng dữ liệu số hóa"), default=False)
    search_text = models.CharField(max_length=600, blank=True, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày cập nhật"), auto_now=True, db_index=True)

    restrict_policy: ClassVar[RestrictPolicy] = DOSSIER_POLICY

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["received_at"], name="dossier_received_idx"),
            models.Index(fields=["receiving_unit", "received_at"], name="dossier_desk_received_idx"),
            # Status first: the open dossiers (a small share) are found without reading the closed ones.
            models.Index(fields=["status", "handling_unit", "due_at"], name="dossier_open_handler_due_idx"),
            models.Index(fields=["status", "due_at"], name="dossier_status_due_idx"),
            models.Index(fields=["procedure", "received_at"], name="dossier_procedure_idx"),
            models.Index(fields=["finished_at"], name="dossier_finished_idx"),
        ]

    def __str__(self) -> str:
        return self.code


class DossierCodeSequence(models.Model):
    """The last sequence number given on one day at one agency, locked while a code is handed out."""

    agency_code = models.CharField(max_length=40)
    day = models.DateField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency_code", "day"], name="dossier_code_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.agency_code} {self.day:%d/%m/%Y}: {self.last_value}"


class DossierStep(models.Model):
    """One step of the handling (thẩm định, phê duyệt, …) with its handler and its own deadline."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("bước"))
    name = models.CharField(_("tên bước"), max_length=200)
    handling_unit = models.ForeignKey(Unit, verbose_name=_("đơn vị xử lý"), on_delete=models.PROTECT, related_name="+")
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("bắt đầu"))
    due_at = models.DateTimeField(_("hạn của bước"))
    finished_at = models.DateTimeField(_("hoàn thành"), null=True, blank=True)
    note = models.TextField(_("ý kiến xử lý"), blank=True)

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")
        ordering = ["dossier", "order"]

    def __str__(self) -> str:
        return f"{self.dossier.code} — {self.name}"


class DossierPause(models.Model):
    """A stop of the clock while the applicant supplements the dossier."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="pauses")
    reason = models.TextField(_("nội dung yêu cầu bổ sung"))
    started_at = models.DateTimeField(_("từ"))
    ended_at = models.DateTimeField(_("đến"), null=True, blank=True)
    paused_working_days = models.PositiveSmallIntegerField(_("số ngày làm việc tạm dừng"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tạm dừng chờ bổ sung")
        verbose_name_plural = _("tạm dừng chờ bổ sung")
        ordering = ["dossier", "started_at"]

    def __str__(self) -> str:
        return f"{self.dossier.code} — {self.started_at:%d/%m/%Y}"


class Apology(models.Model):
    """The apology and new appointment (form 04) for a dossier that will be late, approved by the leadership."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="apologies")
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ApologyStatus.choices, default=ApologyStatus.DRAFT
    )
    reason = models.TextField(_("lý do chậm trễ"))
    new_appointment_at = models.DateTimeField(_("ngày hẹn trả mới"))
    number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    drafted_at = models.DateTimeField(_("ngày dự thảo"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("ngày duyệt"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến lãnh đạo"), blank=True)
    issued_on = models.DateField(_("ngày phát hành"), null=True, blank=True)
    document = models.ForeignKey(
        EvidenceDocument, verbose_name=_("văn bản"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("văn bản xin lỗi")
        verbose_name_plural = _("văn bản xin lỗi")
        ordering = ["-drafted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.dossier.code} — {self.get_status_display()}"
