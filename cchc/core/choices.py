from django.db import models
from django.utils.translation import gettext_lazy as _


class SecurityEventKind(models.TextChoices):
    LOGIN_SUCCEEDED = "login_succeeded", _("Đăng nhập thành công")
    LOGIN_FAILED = "login_failed", _("Đăng nhập thất bại")
    LOGOUT = "logout", _("Đăng xuất")
    LOCKED_OUT = "locked_out", _("Bị khóa do đăng nhập sai nhiều lần")
    PERMISSION_DENIED = "permission_denied", _("Bị từ chối truy cập")
    HIDDEN_OBJECT = "hidden_object", _("Truy cập đối tượng của đơn vị khác")
    EXPORT = "export", _("Xuất dữ liệu")
