from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.core.uploads import FileKind, upload_check

from .choices import Role
from .models import Unit, User


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class UnitForm(forms.ModelForm[Unit]):
    class Meta:
        model = Unit
        fields = ["name", "code", "kind", "parent", "valid_from", "valid_to", "sort_order", "predecessors"]
        widgets = {
            "valid_from": DateInput(),
            "valid_to": DateInput(),
            "predecessors": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = Unit.objects.exclude(pk=self.instance.pk) if self.instance.pk else Unit.objects.all()
        self.fields["parent"].queryset = others  # type: ignore[attr-defined]
        self.fields["predecessors"].queryset = others  # type: ignore[attr-defined]
        self.fields["predecessors"].help_text = _("Giữ Ctrl để chọn nhiều đơn vị (khi sáp nhập, hợp nhất).")


class PersonForm(forms.ModelForm[User]):
    roles = forms.MultipleChoiceField(
        label=_("Vai trò"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "email", "unit", "position", "phone", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["unit"].queryset = Unit.objects.all()  # type: ignore[attr-defined]
        self.fields["position"].widget.attrs["list"] = "position-suggestions"
        if self.instance.pk:
            self.initial["roles"] = list(self.instance.role_assignments.values_list("role", flat=True))


class SpreadsheetUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        upload_check(upload, allowed={FileKind.XLSX})
        return upload
