from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.core.uploads import FileKind, upload_check
from cchc.org.forms import DateInput
from cchc.org.models import Unit, User

from .models import Plan, Target, Task


class PlanForm(forms.ModelForm[Plan]):
    original_file = forms.FileField(
        label=_("Tệp văn bản gốc (PDF, DOCX)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )

    class Meta:
        model = Plan
        fields = ["kind", "number", "issued_on", "issuer", "title", "year", "legal_basis", "purpose", "status"]
        widgets = {
            "issued_on": DateInput(),
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_original_file(self) -> Any:
        upload = self.cleaned_data.get("original_file")
        if upload:
            upload_check(upload, allowed={FileKind.PDF, FileKind.DOCX})
        return upload


class TargetForm(forms.ModelForm[Target]):
    class Meta:
        model = Target
        fields = ["text", "direction", "value", "unit_of_measure", "indicator", "measured_value", "sort_order"]


class TaskForm(forms.ModelForm[Task]):
    class Meta:
        model = Task
        fields = [
            "area",
            "general_task",
            "title",
            "product",
            "lead_unit",
            "coordinating_units",
            "timeframe_text",
            "due_date",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "product": forms.Textarea(attrs={"rows": 2}),
            "coordinating_units": forms.SelectMultiple(attrs={"size": 6}),
            "due_date": DateInput(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due_date"].help_text = _(
            "Để trống để hệ thống tính từ “Thời gian thực hiện”; chỉ cần nhập khi hệ thống báo “cần đặt hạn”."
        )
        self.fields["timeframe_text"].help_text = _(
            "Ghi như trong văn bản: Thường xuyên, Trong năm, Quý I/2026, Tháng 12/2026, trước ngày 10/11/2026…"
        )


class AssignForm(forms.Form):
    assignees = forms.ModelMultipleChoiceField(
        label=_("Giao cho"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, lead_unit: Unit | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from cchc.org.selectors import unit_subtree_ids

        scope = unit_subtree_ids(lead_unit.pk) if lead_unit else frozenset()
        self.fields["assignees"].queryset = User.objects.filter(unit_id__in=scope, is_active=True)  # type: ignore[attr-defined]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class OccurrenceActionForm(forms.Form):
    """Progress, done, confirm, return and cancel share one form; the view decides which fields matter."""

    percent = forms.IntegerField(label=_("Tiến độ (%)"), min_value=0, max_value=100, required=False)
    narrative = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    attachments = MultipleFileField(label=_("Tài liệu kiểm chứng (PDF, DOCX, XLSX, ảnh)"), required=False)

    def clean_attachments(self) -> list[Any]:
        files = self.cleaned_data.get("attachments") or []
        for upload in files:
            upload_check(upload, allowed={FileKind.PDF, FileKind.DOCX, FileKind.XLSX, FileKind.PNG, FileKind.JPEG})
        return list(files)
