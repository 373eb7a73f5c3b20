"""Survey instruments as data: an instrument, its numbered versions, their sections and items.

A published version is frozen: an edit (on screen or by importing a spreadsheet) creates a new version, so a
response always keeps the exact questions it answered.
"""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.core.permissions import CHANGE, MANAGE, VIEW, RestrictPolicy
from cchc.org.choices import Role
from cchc.org.roles import ALL_ROLES

from ..choices import InstrumentKind, ItemKind, ItemPurpose

# Who writes instruments and campaigns: the focal rooms (Văn phòng, TCCB) and administrators.
SURVEY_MANAGERS: frozenset[str] = frozenset({Role.OFFICE_FOCAL, Role.PAR_FOCAL, Role.SYSTEM_ADMIN})

INSTRUMENT_POLICY = RestrictPolicy(
    unit_lookups=(),
    department_roles={VIEW: ALL_ROLES, CHANGE: SURVEY_MANAGERS, MANAGE: SURVEY_MANAGERS},
)


class Instrument(models.Model):
    """A questionnaire (e.g. the Ministry of Health's inpatient form), independent of its versions."""

    code = models.CharField(_("mã"), max_length=30, unique=True, help_text=_("Ví dụ: BYT-M1, BYT-M2, SIPAS"))
    name = models.CharField(_("tên bộ câu hỏi"), max_length=300)
    kind = models.CharField(_("loại"), max_length=20, choices=InstrumentKind.choices, default=InstrumentKind.OTHER)
    description = models.TextField(_("mô tả"), blank=True)
    is_active = models.BooleanField(_("đang sử dụng"), default=True)

    restrict_policy: ClassVar[RestrictPolicy] = INSTRUMENT_POLICY

    class Meta:
        verbose_name = _("bộ câu hỏi khảo sát")
        verbose_name_plural = _("bộ câu hỏi khảo sát")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class InstrumentVersion(models.Model):
    """One frozen edition of an instrument's questions."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="versions", verbose_name=_("bộ câu hỏi")
    )
    number = models.PositiveIntegerField(_("phiên bản"))
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    is_published = models.BooleanField(_("đã công bố"), default=False)
    note = models.CharField(_("ghi chú thay đổi"), max_length=300, blank=True)

    restrict_policy: ClassVar[RestrictPolicy] = RestrictPolicy(
        unit_lookups=(), department_roles=INSTRUMENT_POLICY.department_roles
    )

    class Meta:
        verbose_name = _("phiên bản bộ câu hỏi")
        verbose_name_plural = _("phiên bản bộ câu hỏi")
        ordering = ["instrument", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="survey_version_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument.code} v{self.number}"


class Section(models.Model):
    """A part of a version (A … E, G, INFO); a factor section counts as one factor of the index."""

    version = models.ForeignKey(
        InstrumentVersion, on_delete=models.CASCADE, related_name="sections", verbose_name=_("phiên bản")
    )
    code = models.CharField(_("mã phần"), max_length=20)
    title = models.CharField(_("tiêu đề"), max_length=300)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    factor = models.BooleanField(_("là yếu tố của chỉ số"), default=False)
    description = models.TextField(_("hướng dẫn"), blank=True)

    class Meta:
        verbose_name = _("phần của bộ câu hỏi")
        verbose_name_plural = _("phần của bộ câu hỏi")
        ordering = ["version", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="survey_section_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Item(models.Model):
    """A question with its answer kind, its role in the indices and an optional display condition."""

    version = models.ForeignKey(
        InstrumentVersion, on_delete=models.CASCADE, related_name="items", verbose_name=_("phiên bản")
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items", verbose_name=_("phần"))
    code = models.CharField(_("mã câu hỏi"), max_length=20)
    text = models.TextField(_("nội dung câu hỏi"))
    kind = models.CharField(_("kiểu trả lời"), max_length=20, choices=ItemKind.choices, default=ItemKind.LIKERT)
    required = models.BooleanField(_("bắt buộc"), default=False)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    counts_for_index = models.BooleanField(_("tính vào chỉ số"), default=False)
    options = models.JSONField(_("các lựa chọn"), default=list, blank=True)
    condition = models.JSONField(_("điều kiện hiển thị"), default=dict, blank=True)
    purpose = models.CharField(_("công dụng"), max_length=20, choices=ItemPurpose.choices, default=ItemPurpose.NONE)
    min_value = models.IntegerField(_("giá trị nhỏ nhất"), null=True, blank=True)
    max_value = models.IntegerField(_("giá trị lớn nhất"), null=True, blank=True)

    class Meta:
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        ordering = ["version", "section__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="survey_item_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:80]}"
