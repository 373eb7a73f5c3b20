from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ")
    WORKING_DAY = "working_day", _("Ngày làm việc bù")


class DaySource(models.TextChoices):
    PACKAGE = "package", _("Theo quy định (nạp tự động)")
    MANUAL = "manual", _("Nhập tay theo văn bản")
