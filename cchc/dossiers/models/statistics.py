"""Summary tables behind the dossier statistics, and the record of each import from a one-stop system.

The summary is kept per half-month (the 1st–14th and the 15th–end of each month): every period the statistics
offer starts and ends on such a boundary (months, quarters, years, and the one-stop reporting windows that run
from the 15th), and half-months keep the table small enough to sum a year in a few milliseconds.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.core.permissions import CHANGE, MANAGE, VIEW, RestrictPolicy
from cchc.org.choices import Role
from cchc.org.models import Unit
from cchc.org.roles import DEPARTMENT_VIEWERS
from cchc.procedures.models import Procedure

from ..choices import Channel


class ImportMode(models.TextChoices):
    ALL_OR_NOTHING = "all_or_nothing", _("Tất cả hoặc không: có dòng lỗi thì không ghi gì")
    KEEP_GOOD = "keep_good", _("Ghi các dòng đúng, bỏ qua và liệt kê dòng lỗi")


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Đã tải lên, chờ kiểm tra")
    CHECKING = "checking", _("Đang kiểm tra")
    CHECKED = "checked", _("Đã kiểm tra, chờ chọn cách nhập")
    RUNNING = "running", _("Đang ghi dữ liệu")
    DONE = "done", _("Đã nhập xong")
    REFUSED = "refused", _("Không ghi gì (có dòng lỗi)")
    FAILED = "failed", _("Lỗi, đã dừng (xem thông báo)")
    CANCELLED = "cancelled", _("Đã hủy")


# Whoever sees a dossier sees the figures it contributes to; the same roles import.
IMPORTERS: frozenset[str] = frozenset({Role.OFFICE_FOCAL, Role.SYSTEM_ADMIN})
STAT_POLICY = RestrictPolicy(
    unit_lookups=("receiving_unit", "handling_unit"),
    department_roles={VIEW: DEPARTMENT_VIEWERS | {Role.INSPECTOR}, CHANGE: IMPORTERS, MANAGE: IMPORTERS},
    unit_roles={VIEW: None},
)
IMPORT_RUN_POLICY = RestrictPolicy(
    unit_lookups=(),
    department_roles={VIEW: IMPORTERS, CHANGE: IMPORTERS, MANAGE: IMPORTERS},
)


class DossierStat(models.Model):
    """Counts of one half-month for one desk, handling unit, procedure and channel.

    Each count is dated by its own moment: reception (received, flags), closing (finished, refused, …),
    due date (`due`), and the later of closing and due date (`settled_due`). The number still open at a
    boundary T is received before T minus closed before T; the number open and overdue at T is due before T
    minus settled before T.
    """

    bucket = models.DateField(_("nửa tháng"))
    receiving_unit = models.ForeignKey(
        Unit, verbose_name=_("nơi tiếp nhận"), on_delete=models.CASCADE, related_name="+"
    )
    handling_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị giải quyết"), on_delete=models.CASCADE, related_name="+"
    )
    procedure = models.ForeignKey(Procedure, verbose_name=_("thủ tục"), on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("hình thức nộp"), max_length=20, choices=Channel.choices)
    received = models.PositiveIntegerField(default=0)
    fee_bearing = models.PositiveIntegerField(default=0)
    paid_online = models.PositiveIntegerField(default=0)
    digitized_input = models.PositiveIntegerField(default=0)
    digitized_result = models.PositiveIntegerField(default=0)
    digitized_both = models.PositiveIntegerField(default=0)
    electronic_result = models.PositiveIntegerField(default=0)
    reused_data = models.PositiveIntegerField(default=0)
    supplement = models.PositiveIntegerField(default=0)
    finished_early = models.PositiveIntegerField(default=0)
    finished_on_time = models.PositiveIntegerField(default=0)
    finished_late = models.PositiveIntegerField(default=0)
    apologized_late = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    withdrawn = models.PositiveIntegerField(default=0)
    stopped = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    due = models.PositiveIntegerField(default=0)
    settled_due = models.PositiveIntegerField(default=0)

    restrict_policy: ClassVar[RestrictPolicy] = STAT_POLICY

    class Meta:
        verbose_name = _("số liệu tổng hợp hồ sơ")
        verbose_name_plural = _("số liệu tổng hợp hồ sơ")
        constraints = [
            models.UniqueConstraint(
                fields=["bucket", "receiving_unit", "handling_unit", "procedure", "channel"],
                name="dossier_stat_key_unique",
            )
        ]
        indexes = [models.Index(fields=["bucket"], name="dossier_stat_bucket_idx")]

    def __str__(self) -> str:
        return f"{self.bucket:%d/%m/%Y} {self.procedure_id} {self.channel}"


class DossierStatState(models.Model):
    """How far the periodic refresh has read the dossiers (their latest `updated_at` counted)."""

    name = models.CharField(max_length=40, unique=True)
    counted_until = models.DateTimeField(null=True, blank=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


def import_upload_path(instance: "ImportRun", filename: str) -> str:
    return f"dossier-imports/{filename}"


class ImportRun(models.Model):
    """One file (or API request) of dossiers from a one-stop system: what it held and what was written."""

    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    mode = models.CharField(_("cách nhập"), max_length=20, choices=ImportMode.choices, blank=True)
    file = models.FileField(_("tệp"), upload_to=import_upload_path, max_length=300, blank=True)
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    file_kind = models.CharField(max_length=10, blank=True)
    total_rows = models.PositiveIntegerField(_("số dòng"), default=0)
    processed_rows = models.PositiveIntegerField(_("số dòng đã xử lý"), default=0)
    bad_rows = models.PositiveIntegerField(_("số dòng lỗi"), default=0)
    problem_count = models.PositiveIntegerField(_("số lỗi"), default=0)
    created_count = models.PositiveIntegerField(_("số hồ sơ thêm mới"), default=0)
    updated_count = models.PositiveIntegerField(_("số hồ sơ cập nhật"), default=0)
    unchanged_count = models.PositiveIntegerField(_("số hồ sơ không đổi"), default=0)
    problems = models.JSONField(_("lỗi"), default=list, blank=True)
    message = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    finished_at = models.DateTimeField(_("thời điểm xong"), null=True, blank=True)

    restrict_policy: ClassVar[RestrictPolicy] = IMPORT_RUN_POLICY

    class Meta:
        verbose_name = _("lần nhập hồ sơ")
        verbose_name_plural = _("lần nhập hồ sơ")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name or _('API')} ({self.created_at:%d/%m/%Y %H:%M})" if self.created_at else self.file_name
