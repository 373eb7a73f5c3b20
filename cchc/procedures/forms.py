"""Forms of the catalogue. They only check input; the services write."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.org.forms import DateInput, SpreadsheetUploadForm
from cchc.org.models import Unit

from .choices import DocumentForm, OnlineService, ProcedureLevel, ProcedureStatus, PublicationAction
from .models import MinistryDecision, Procedure, ProcedureField, PublicationDecision
from .tables import CODE_PATTERN
from .versions import DocumentSpec, version_values


class ProcedureForm(forms.Form):
    """A procedure's catalogue attributes and the content of its next version."""

    code = forms.CharField(label=_("Mã thủ tục"), max_length=40, help_text=_("Ví dụ: 1.000948.H38"))
    name = forms.CharField(label=_("Tên thủ tục"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=ProcedureField.objects.all())
    level = forms.ChoiceField(label=_("Cấp thực hiện"), choices=ProcedureLevel.choices)
    resolving_unit = forms.ModelChoiceField(label=_("Đơn vị giải quyết"), queryset=Unit.objects.all())
    time_limit_days = forms.IntegerField(label=_("Thời hạn giải quyết (ngày làm việc)"), min_value=0, max_value=365)
    online_time_limit_days = forms.IntegerField(
        label=_("Thời hạn với hồ sơ trực tuyến (ngày làm việc)"),
        min_value=0,
        max_value=365,
        required=False,
        help_text=_("Để trống nếu giống thời hạn giải quyết."),
    )
    fee_amount = forms.DecimalField(label=_("Phí, lệ phí (đồng)"), min_value=0, decimal_places=0, required=False)
    fee_text = forms.CharField(label=_("Phí, lệ phí (ghi chú)"), max_length=500, required=False)
    steps = forms.CharField(label=_("Trình tự thực hiện"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    applicants = forms.CharField(label=_("Đối tượng thực hiện"), max_length=300, required=False)
    legal_basis = forms.CharField(label=_("Căn cứ pháp lý"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    result = forms.CharField(label=_("Kết quả thực hiện"), max_length=500, required=False)
    online_service = forms.ChoiceField(label=_("Dịch vụ công trực tuyến"), choices=OnlineService.choices)
    online_payment = forms.BooleanField(label=_("Có thanh toán trực tuyến"), required=False)
    postal_service = forms.BooleanField(label=_("Có dịch vụ bưu chính công ích"), required=False)
    action = forms.ChoiceField(
        label=_("Hình thức"),
        choices=[
            (PublicationAction.AMEND, PublicationAction.AMEND.label),
            (PublicationAction.REPLACE, PublicationAction.REPLACE.label),
        ],
    )
    decision = forms.ModelChoiceField(
        label=_("Quyết định công bố"),
        queryset=PublicationDecision.objects.all(),
        required=False,
        help_text=_("Quyết định của tỉnh công bố nội dung này (thêm ở mục Quyết định công bố nếu chưa có)."),
    )
    effective_from = forms.DateField(label=_("Áp dụng từ ngày"), required=False, widget=DateInput())

    VERSION_KEYS = (
        "name",
        "time_limit_days",
        "online_time_limit_days",
        "fee_amount",
        "fee_text",
        "steps",
        "applicants",
        "legal_basis",
        "result",
        "online_service",
        "online_payment",
        "postal_service",
    )

    def __init__(self, *args: Any, procedure: Procedure | None = None, **kwargs: Any) -> None:
        if procedure is not None and procedure.current_version is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **version_values(procedure.current_version),
                "code": procedure.code,
                "field": procedure.field_id,
                "level": procedure.level,
                "resolving_unit": procedure.resolving_unit_id,
                "action": PublicationAction.AMEND,
            }
        super().__init__(*args, **kwargs)
        self.procedure = procedure
        if procedure is None:
            del self.fields["action"]
            return
        del self.fields["code"]
        if procedure.status == ProcedureStatus.ABOLISHED:
            action = cast(forms.ChoiceField, self.fields["action"])
            action.choices = [(PublicationAction.PUBLISH, _("Công bố lại (sau khi đã bãi bỏ)"))]
            action.initial = PublicationAction.PUBLISH
            self.initial["action"] = PublicationAction.PUBLISH

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip().upper()
        if not CODE_PATTERN.match(code):
            raise forms.ValidationError(_("Mã thủ tục không đúng dạng (ví dụ 1.000948.H38)."))
        if Procedure.objects.filter(code=code).exists():
            raise forms.ValidationError(_("Đã có thủ tục mã %(code)s.") % {"code": code})
        return code

    def version_fields(self) -> dict[str, Any]:
        return {key: self.cleaned_data[key] for key in self.VERSION_KEYS}


class RequiredDocumentForm(forms.Form):
    name = forms.CharField(label=_("Tên giấy tờ"), max_length=500)
    form = forms.ChoiceField(label=_("Loại bản"), choices=DocumentForm.choices, initial=DocumentForm.ORIGINAL_OR_COPY)
    count = forms.IntegerField(label=_("Số lượng"), min_value=1, max_value=99, initial=1)


RequiredDocumentFormSet = forms.formset_factory(
    RequiredDocumentForm, extra=2, can_delete=True, min_num=1, validate_min=True
)


def documents_of(formset: Any) -> list[DocumentSpec]:
    """The documents a valid formset holds, in order, without the deleted and empty rows."""
    return [
        DocumentSpec(name=form.cleaned_data["name"], form=form.cleaned_data["form"], count=form.cleaned_data["count"])
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class AbolishForm(forms.Form):
    decision = forms.ModelChoiceField(label=_("Quyết định bãi bỏ"), queryset=PublicationDecision.objects.all())
    effective_from = forms.DateField(label=_("Áp dụng từ ngày"), required=False, widget=DateInput())


class MinistryDecisionForm(forms.ModelForm[MinistryDecision]):
    class Meta:
        model = MinistryDecision
        fields = ["number", "issued_on", "effective_on", "summary"]
        widgets = {"issued_on": DateInput(), "effective_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 2})}


class PublicationDecisionForm(forms.ModelForm[PublicationDecision]):
    class Meta:
        model = PublicationDecision
        fields = ["number", "issued_on", "effective_on", "issuer", "summary", "ministry_decision"]
        widgets = {"issued_on": DateInput(), "effective_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 2})}


class CatalogueUploadForm(SpreadsheetUploadForm):
    """An XLSX checked by content and size (a renamed text file or an oversized file is refused)."""
