from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    DEPARTMENT = "department", _("Sở")
    LEADERSHIP = "leadership", _("Ban Giám đốc")
    ROOM = "room", _("Phòng, Văn phòng, Thanh tra thuộc Sở")
    SUBORDINATE = "subordinate", _("Đơn vị trực thuộc")
    ONE_STOP = "one_stop", _("Bộ phận một cửa")


class Role(models.TextChoices):
    LEADERSHIP = "leadership", _("Lãnh đạo Sở (Giám đốc, Phó Giám đốc)")
    PAR_FOCAL = "par_focal", _("Đầu mối Chỉ số CCHC (Phòng Tổ chức – Cán bộ)")
    OFFICE_FOCAL = "office_focal", _("Đầu mối CCHC, TTHC, một cửa (Văn phòng Sở)")
    STEERING_MEMBER = "steering_member", _("Thành viên Ban Chỉ đạo, Tổ giúp việc CCHC")
    UNIT_HEAD = "unit_head", _("Trưởng phòng, Thủ trưởng đơn vị")
    SPECIALIST = "specialist", _("Chuyên viên")
    ONE_STOP_OFFICER = "one_stop_officer", _("Cán bộ một cửa")
    INSPECTOR = "inspector", _("Thanh tra viên")
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")
