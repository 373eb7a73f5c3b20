from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    PLAN = "plan", _("Kế hoạch")
    DIRECTIVE = "directive", _("Công văn chỉ đạo")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ACTIVE = "active", _("Đang thực hiện")
    CLOSED = "closed", _("Đã kết thúc")


class TargetDirection(models.TextChoices):
    AT_LEAST = "gte", "≥"
    AT_MOST = "lte", "≤"
    EQUAL = "eq", "="


class Recurrence(models.TextChoices):
    ONCE = "once", _("Một lần")
    QUARTERLY = "quarterly", _("Thường xuyên (hằng quý)")


class OccurrenceStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    AWAITING_CONFIRMATION = "awaiting_confirmation", _("Chờ trưởng đơn vị xác nhận")
    DONE = "done", _("Hoàn thành")
    DONE_LATE = "done_late", _("Hoàn thành trễ hạn")
    OVERDUE = "overdue", _("Quá hạn")
    CANCELLED = "cancelled", _("Đã hủy")


OPEN_STATUSES = frozenset(
    {
        OccurrenceStatus.NOT_STARTED,
        OccurrenceStatus.IN_PROGRESS,
        OccurrenceStatus.AWAITING_CONFIRMATION,
        OccurrenceStatus.OVERDUE,
    }
)
FINISHED_STATUSES = frozenset({OccurrenceStatus.DONE, OccurrenceStatus.DONE_LATE})
