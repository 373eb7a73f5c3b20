"""Campaigns, their collection points, the responses they gather and the submissions they refuse."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc.core.permissions import CHANGE, MANAGE, VIEW, RestrictPolicy
from cchc.org.choices import Role
from cchc.org.models import Unit
from cchc.org.roles import DEPARTMENT_VIEWERS

from ..choices import CampaignLayout, CampaignStatus, RefusalReason, ResponseChannel
from .instruments import SURVEY_MANAGERS, InstrumentVersion


def _collector_condition(user: object, action: str) -> Q:
    """Collectors named on a campaign see it and enter its paper forms, whatever their unit."""
    return Q(collectors=user) if action in (VIEW, CHANGE) else Q(pk__in=[])


# VIEW: see the campaign and its results; CHANGE: enter paper forms; MANAGE: create, edit, open and close.
CAMPAIGN_POLICY = RestrictPolicy(
    unit_lookups=("facility",),
    department_roles={VIEW: DEPARTMENT_VIEWERS, CHANGE: SURVEY_MANAGERS, MANAGE: SURVEY_MANAGERS},
    unit_roles={VIEW: None, CHANGE: frozenset({Role.UNIT_HEAD})},
    extra_condition=_collector_condition,
    needs_distinct=True,
)


class Campaign(models.Model):
    """A survey of one facility or service over a period, with its instrument version and sample target."""

    code = models.SlugField(
        _("mã đường dẫn ngắn"),
        max_length=40,
        unique=True,
        help_text=_("Chữ thường không dấu, số và gạch ngang; dùng trong đường dẫn /khao-sat/<mã>/."),
    )
    name = models.CharField(_("tên đợt khảo sát"), max_length=300)
    instrument_version = models.ForeignKey(
        InstrumentVersion, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("bộ câu hỏi")
    )
    facility = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="survey_campaigns", verbose_name=_("cơ sở được khảo sát")
    )
    service_name = models.CharField(
        _("khoa, bộ phận"), max_length=200, blank=True, help_text=_("Ví dụ: Khoa Nội, Quầy tiếp nhận số 2.")
    )
    procedure = models.ForeignKey(
        "procedures.Procedure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_campaigns",
        verbose_name=_("thủ tục hành chính"),
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    target_sample = models.PositiveIntegerField(_("cỡ mẫu mục tiêu"), default=100)
    layout = models.CharField(
        _("cách hiển thị"), max_length=20, choices=CampaignLayout.choices, default=CampaignLayout.ONE_QUESTION
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    intro = models.TextField(_("lời mở đầu"), blank=True)
    collectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="survey_campaigns", verbose_name=_("người thu thập")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("người tạo")
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    restrict_policy: ClassVar[RestrictPolicy] = CAMPAIGN_POLICY

    class Meta:
        verbose_name = _("đợt khảo sát")
        verbose_name_plural = _("đợt khảo sát")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="survey_campaign_period"),
            models.CheckConstraint(condition=Q(target_sample__gt=0), name="survey_campaign_target_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class CollectionPoint(models.Model):
    """A counter, ward or kiosk of a campaign, with its own QR code and short link."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="points", verbose_name=_("đợt"))
    code = models.SlugField(_("mã điểm"), max_length=30)
    name = models.CharField(_("tên điểm thu thập"), max_length=200, help_text=_("Ví dụ: Quầy số 1, Khoa Nội."))

    restrict_policy: ClassVar[RestrictPolicy] = RestrictPolicy(
        unit_lookups=("campaign__facility",),
        department_roles=CAMPAIGN_POLICY.department_roles,
        unit_roles=CAMPAIGN_POLICY.unit_roles,
        extra_condition=lambda user, action: Q(campaign__collectors=user) if action in (VIEW, CHANGE) else Q(pk__in=[]),
        needs_distinct=True,
    )

    class Meta:
        verbose_name = _("điểm thu thập")
        verbose_name_plural = _("điểm thu thập")
        ordering = ["campaign", "code"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="survey_point_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Response(models.Model):
    """One filled questionnaire: the answers as one JSON document plus the figures the indices read."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="responses", verbose_name=_("đợt khảo sát")
    )
    version = models.ForeignKey(
        InstrumentVersion, on_delete=models.PROTECT, related_name="responses", verbose_name=_("phiên bản")
    )
    point = models.ForeignKey(
        CollectionPoint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
        verbose_name=_("điểm thu thập"),
    )
    channel = models.CharField(_("kênh"), max_length=20, choices=ResponseChannel.choices, default=ResponseChannel.WEB)
    submitted_at = models.DateTimeField(_("thời điểm gửi"), db_index=True)
    answers = models.JSONField(_("câu trả lời"), default=dict)
    likert_answered = models.PositiveSmallIntegerField(_("số câu chấm điểm 1–5"), default=0)
    likert_satisfied = models.PositiveSmallIntegerField(_("số câu chấm 4–5"), default=0)
    all_satisfied = models.BooleanField(_("hài lòng toàn diện"), default=False)
    expectation_pct = models.PositiveSmallIntegerField(_("đáp ứng mong đợi (%)"), null=True, blank=True)
    would_return = models.CharField(_("sẽ quay lại"), max_length=40, blank=True)
    respondent_group = models.JSONField(_("nhóm người trả lời"), default=dict, blank=True)
    # The free-text answers without diacritics, lower case: what the search of the comments page looks in.
    text_search = models.TextField(blank=True, editable=False)
    duplicate_key = models.CharField(max_length=64, editable=False)
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người nhập phiếu"),
    )
    paper_form_number = models.CharField(_("số phiếu giấy"), max_length=40, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
        verbose_name=_("hồ sơ"),
    )
    consent_given = models.BooleanField(_("đồng ý để lại thông tin liên hệ"), default=False)
    contact_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    contact_phone = models.CharField(_("số điện thoại"), max_length=30, blank=True)
    contact_email = models.EmailField(_("thư điện tử"), blank=True)
    consent_text = models.TextField(_("nội dung đồng ý"), blank=True)
    consented_at = models.DateTimeField(_("đồng ý lúc"), null=True, blank=True)

    restrict_policy: ClassVar[RestrictPolicy] = RestrictPolicy(
        unit_lookups=("campaign__facility",),
        department_roles={VIEW: DEPARTMENT_VIEWERS, CHANGE: SURVEY_MANAGERS, MANAGE: SURVEY_MANAGERS},
        unit_roles={VIEW: None},
    )

    class Meta:
        verbose_name = _("phiếu trả lời")
        verbose_name_plural = _("phiếu trả lời")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["campaign", "submitted_at"], name="survey_response_campaign_time"),
            # Rate limit and duplicates of a public client; paper forms (no client) for the interviewer's check.
            models.Index(fields=["campaign", "client_hash", "submitted_at"], name="survey_response_client_time"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"], condition=Q(dossier__isnull=False), name="survey_response_one_per_dossier"
            ),
            models.UniqueConstraint(
                fields=["campaign", "paper_form_number"],
                condition=~Q(paper_form_number=""),
                name="survey_response_paper_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign.code} #{self.pk}"


class RefusedSubmission(models.Model):
    """A submission the public form refused (rate limit, honeypot, duplicate, …): counted, never silently dropped."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="refused_submissions", verbose_name=_("đợt khảo sát")
    )
    occurred_at = models.DateTimeField(_("thời điểm"), db_index=True)
    reason = models.CharField(_("lý do"), max_length=20, choices=RefusalReason.choices)
    client_hash = models.CharField(max_length=64, blank=True)

    restrict_policy: ClassVar[RestrictPolicy] = RestrictPolicy(
        unit_lookups=("campaign__facility",),
        department_roles={VIEW: DEPARTMENT_VIEWERS},
        unit_roles={VIEW: None},
    )

    class Meta:
        verbose_name = _("lượt gửi bị từ chối")
        verbose_name_plural = _("lượt gửi bị từ chối")
        ordering = ["-occurred_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.campaign.code} {self.reason} {self.occurred_at:%d/%m/%Y %H:%M}"
