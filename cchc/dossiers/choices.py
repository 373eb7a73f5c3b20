from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    IN_PROCESS = "in_process", _("Đang giải quyết")
    SUPPLEMENT_REQUESTED = "supplement", _("Chờ bổ sung")
    RESULT_READY = "result_ready", _("Có kết quả, chờ trả")
    RETURNED = "returned", _("Đã trả kết quả")
    REFUSED = "refused", _("Từ chối giải quyết")
    WITHDRAWN = "withdrawn", _("Công dân rút hồ sơ")
    STOPPED = "stopped", _("Dừng giải quyết")


# Statuses in which the clock runs or is paused: the dossier is still being handled.
OPEN_STATUSES: frozenset[str] = frozenset(
    {DossierStatus.RECEIVED, DossierStatus.IN_PROCESS, DossierStatus.SUPPLEMENT_REQUESTED}
)


class Channel(models.TextChoices):
    DIRECT = "direct", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POSTAL = "postal", _("Bưu chính công ích")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    ORGANISATION = "organisation", _("Tổ chức, doanh nghiệp")


class ReturnMethod(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    POSTAL = "postal", _("Qua bưu chính")
    ONLINE = "online", _("Trực tuyến")


class Timeliness(models.TextChoices):
    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Quá hạn")


class DossierSource(models.TextChoices):
    DESK = "desk", _("Tiếp nhận tại hệ thống")
    IMPORT = "import", _("Nhập từ hệ thống một cửa")
    API = "api", _("Đồng bộ qua API")


class ApologyStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo, chờ lãnh đạo duyệt")
    APPROVED = "approved", _("Đã duyệt")
    ISSUED = "issued", _("Đã phát hành")
    REJECTED = "rejected", _("Trả lại dự thảo")
