"""Forms of the assessment round. They only parse input; the services decide what is allowed."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cchc.core.uploads import upload_check
from cchc.evidence.models import EvidenceDocument
from cchc.evidence.services import EVIDENCE_KINDS
from cchc.org.choices import UnitKind
from cchc.org.forms import DateInput
from cchc.org.models import Unit

from .models import Criterion, Framework

EVIDENCE_ACCEPT = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"


def plain_number(value: Decimal | None) -> Decimal | None:
    """A stored score without its trailing zeros (40.00 → 40, 27.50 → 27.5), as a number input shows it."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


class AssessmentCreateForm(forms.Form):
    framework = forms.ModelChoiceField(label=_("Bộ tiêu chí"), queryset=Framework.objects.all())
    unit = forms.ModelChoiceField(
        label=_("Đơn vị tự đánh giá"), queryset=Unit.objects.filter(kind=UnitKind.DEPARTMENT), empty_label=None
    )
    deadline = forms.DateField(label=_("Hạn tự chấm của các phòng"), widget=DateInput())


class DeadlineForm(forms.Form):
    deadline = forms.DateField(label=_("Hạn tự chấm"), widget=DateInput())


class AssignForm(forms.Form):
    lead_unit = forms.ModelChoiceField(label=_("Phòng chủ trì"), queryset=Unit.objects.none())
    coordinating_units = forms.ModelMultipleChoiceField(
        label=_("Phòng phối hợp"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["coordinating_units"].queryset = units  # type: ignore[attr-defined]


class FieldAssignForm(AssignForm):
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Criterion.objects.none())

    def __init__(self, *args: Any, units: QuerySet[Unit], fields: QuerySet[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, units=units, **kwargs)
        self.fields["field"].queryset = fields  # type: ignore[attr-defined]
        self.order_fields(["field", "lead_unit", "coordinating_units"])


class SelfScoreForm(forms.Form):
    self_score = forms.DecimalField(label=_("Điểm tự chấm"), min_value=0, max_digits=6, decimal_places=2)
    self_note = forms.CharField(
        label=_("Giải thích cách tự chấm"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Căn cứ, kết quả đạt được, lý do chưa đạt điểm tối đa (nếu có)."),
    )
    measured_value = forms.DecimalField(
        label=_("Giá trị đo được (%)"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=8,
        decimal_places=2,
        help_text=_("Chỉ với tiêu chí chấm theo tỉ lệ: nhập tỉ lệ đạt được khi hệ thống chưa tự đo."),
    )


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp tài liệu kiểm chứng (PDF, DOCX, XLSX, ảnh)"),
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )
    title = forms.CharField(
        label=_("Tên tài liệu"),
        required=False,
        max_length=300,
        help_text=_("Để trống để dùng tên tệp. Ví dụ: Quyết định 123/QĐ-SYT ban hành kế hoạch CCHC."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        upload_check(upload, allowed=EVIDENCE_KINDS)
        return upload


class EvidenceChoiceForm(forms.Form):
    """A document chosen by id (to link, or to take off); the queryset says which ones may be chosen."""

    document = forms.ModelChoiceField(
        label=_("Tài liệu đã có trong hệ thống"), queryset=EvidenceDocument.objects.none()
    )

    def __init__(self, *args: Any, documents: QuerySet[EvidenceDocument], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents  # type: ignore[attr-defined]


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến của Phòng Tổ chức – Cán bộ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi trả lại: ghi rõ phòng cần sửa, bổ sung gì."),
    )


class AppraisalForm(forms.Form):
    appraisal_score = forms.DecimalField(label=_("Điểm thẩm định"), min_value=0, max_digits=6, decimal_places=2)


class FinalScoreForm(forms.Form):
    final_score = forms.DecimalField(label=_("Điểm cuối cùng"), min_value=0, max_digits=6, decimal_places=2)


class ExplanationForm(forms.Form):
    explanation = forms.CharField(label=_("Nội dung giải trình"), widget=forms.Textarea(attrs={"rows": 5}))
    file = forms.FileField(
        label=_("Tệp kèm theo giải trình (không bắt buộc)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            upload_check(upload, allowed=EVIDENCE_KINDS)
        return upload
