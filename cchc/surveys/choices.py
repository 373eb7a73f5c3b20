from django.db import models
from django.utils.translation import gettext_lazy as _


class InstrumentKind(models.TextChoices):
    INPATIENT = "inpatient", _("Người bệnh nội trú")
    OUTPATIENT = "outpatient", _("Người bệnh ngoại trú")
    ADMINISTRATIVE = "administrative", _("Dịch vụ hành chính công")
    OTHER = "other", _("Khác")


class ItemKind(models.TextChoices):
    LIKERT = "likert", _("Thang điểm 1–5 (0 = không sử dụng)")
    YES_NO = "yes_no", _("Có / Không")
    SINGLE_CHOICE = "single_choice", _("Chọn một")
    MULTIPLE_CHOICE = "multiple_choice", _("Chọn nhiều")
    NUMBER = "number", _("Số")
    TEXT = "text", _("Ý kiến tự do")


class ItemPurpose(models.TextChoices):
    NONE = "none", _("Không")
    EXPECTATION = "expectation", _("Tỷ lệ đáp ứng mong đợi (%)")
    WOULD_RETURN = "would_return", _("Sẽ quay lại hoặc giới thiệu")
    RESPONDENT_GROUP = "respondent_group", _("Nhóm người trả lời")


class CampaignLayout(models.TextChoices):
    ONE_QUESTION = "one_question", _("Mỗi màn hình một câu hỏi")
    ONE_PAGE = "one_page", _("Tất cả câu hỏi trên một trang")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    OPEN = "open", _("Đang thu thập")
    CLOSED = "closed", _("Đã kết thúc")


class ResponseChannel(models.TextChoices):
    WEB = "web", _("Trực tuyến (mã QR, đường dẫn)")
    KIOSK = "kiosk", _("Máy tính bảng tại quầy")
    INTERVIEWER = "interviewer", _("Phiếu giấy (điều tra viên nhập)")
    DOSSIER = "dossier", _("Từ trang tra cứu hồ sơ")


class RefusalReason(models.TextChoices):
    RATE_LIMITED = "rate_limited", _("Gửi quá nhiều lần")
    HONEYPOT = "honeypot", _("Trường bẫy được điền (máy tự động)")
    DUPLICATE = "duplicate", _("Trùng lặp")
    INVALID = "invalid", _("Không hợp lệ")
    CLOSED = "closed", _("Đợt khảo sát không mở")
