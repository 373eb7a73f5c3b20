from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitGroup(models.TextChoices):
    DEPARTMENT = "department", _("Sở, ban, ngành")
    COMMUNE = "commune", _("Xã, phường")


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PUBLISHED = "published", _("Đang áp dụng")


class ScoringMethod(models.TextChoices):
    MANUAL = "manual", _("Chấm theo đánh giá")
    RATE_TIERS = "rate_tiers", _("Theo bậc của tỉ lệ đo được")
    YES_NO = "yes_no", _("Có / không")
    COUNT = "count", _("Theo số lượng")
    BONUS = "bonus", _("Điểm thưởng")
    PENALTY = "penalty", _("Điểm trừ")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Chuẩn bị")
    OPEN = "open", _("Đang tự chấm")
    LOCKED = "locked", _("Đã khóa tự chấm")
    APPRAISAL = "appraisal", _("Đang thẩm định")
    FINAL = "final", _("Đã có kết quả cuối cùng")


class ItemStatus(models.TextChoices):
    DRAFT = "draft", _("Đang tự chấm")
    SUBMITTED = "submitted", _("Đã gửi TCCB")
    RETURNED = "returned", _("TCCB trả lại")
    ACCEPTED = "accepted", _("TCCB đã duyệt")
    APPRAISED = "appraised", _("Đã có điểm thẩm định")
    EXPLAINING = "explaining", _("Đã giải trình")
    FINAL = "final", _("Điểm cuối cùng")
