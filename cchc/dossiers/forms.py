"""Forms of the dossier desk: reception, the transitions, apologies and the public lookup."""

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.org.models import Unit, User
from cchc.procedures.models import ProcedureVersion, RequiredDocument

from .choices import ApplicantKind, Channel, ReturnMethod

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


class ReceptionForm(forms.Form):
    applicant_kind = forms.ChoiceField(label=_("Người nộp là"), choices=ApplicantKind.choices)
    applicant_name = forms.CharField(label=_("Tên cá nhân, tổ chức"), max_length=300)
    applicant_id_number = forms.CharField(label=_("Số định danh, mã số doanh nghiệp"), max_length=40, required=False)
    applicant_phone = forms.CharField(label=_("Điện thoại"), max_length=30)
    applicant_email = forms.EmailField(label=_("Thư điện tử"), required=False)
    applicant_address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)
    documents = forms.ModelMultipleChoiceField(
        label=_("Giấy tờ đã nhận"),
        queryset=RequiredDocument.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    channel = forms.ChoiceField(label=_("Hình thức nộp"), choices=Channel.choices)
    received_at = forms.DateTimeField(
        label=_("Thời điểm tiếp nhận"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )

    def __init__(self, *args: Any, version: ProcedureVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = version.documents.all()  # type: ignore[attr-defined]
        self.fields["received_at"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def clean_applicant_phone(self) -> str:
        phone = self.cleaned_data["applicant_phone"].strip()
        if sum(char.isdigit() for char in phone) < 8:
            raise forms.ValidationError(_("Số điện thoại cần ít nhất 8 chữ số (dùng để công dân tra cứu hồ sơ)."))
        return phone


class StepForm(forms.Form):
    name = forms.CharField(label=_("Tên bước"), max_length=200, initial=_("Thẩm định hồ sơ"))
    handling_unit = forms.ModelChoiceField(label=_("Đơn vị xử lý"), queryset=Unit.objects.all())
    handler = forms.ModelChoiceField(label=_("Người xử lý"), queryset=User.objects.none(), required=False)
    working_days = forms.IntegerField(label=_("Số ngày làm việc của bước"), min_value=0, max_value=365)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handling_unit"].initial = unit
        people = User.objects.filter(is_active=True, unit__isnull=False).order_by("full_name")
        self.fields["handler"].queryset = people  # type: ignore[attr-defined]


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do, nội dung"), widget=forms.Textarea(attrs={"rows": 2}))


class ResumeForm(forms.Form):
    received_at = forms.DateTimeField(
        label=_("Thời điểm nhận bổ sung"), required=False, widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )


class ReturnForm(forms.Form):
    method = forms.ChoiceField(label=_("Hình thức trả"), choices=ReturnMethod.choices)


class FlagsForm(forms.Form):
    paid_online = forms.BooleanField(label=_("Thanh toán trực tuyến"), required=False)
    digitized_input = forms.BooleanField(label=_("Số hóa thành phần hồ sơ"), required=False)
    digitized_result = forms.BooleanField(label=_("Số hóa kết quả"), required=False)
    electronic_result = forms.BooleanField(label=_("Trả kết quả điện tử"), required=False)
    reused_data = forms.BooleanField(label=_("Tái sử dụng dữ liệu số hóa"), required=False)


class ApologyForm(forms.Form):
    reason = forms.CharField(label=_("Lý do chậm trễ"), widget=forms.Textarea(attrs={"rows": 3}))
    new_appointment_on = forms.DateField(label=_("Ngày hẹn trả mới"), widget=DATE_INPUT)


class ApologyIssueForm(forms.Form):
    number = forms.CharField(label=_("Số văn bản"), max_length=60, help_text=_("Ví dụ: 125/SYT-VP"))
    issued_on = forms.DateField(label=_("Ngày phát hành"), widget=DATE_INPUT)


class PublicLookupForm(forms.Form):
    code = forms.CharField(label=_("Mã hồ sơ"), max_length=60)
    phone_last4 = forms.CharField(
        label=_("4 số cuối điện thoại người nộp"),
        min_length=4,
        max_length=4,
        validators=[RegexValidator(r"^\d{4}$", _("Nhập đúng 4 chữ số."))],
    )

    def clean_code(self) -> str:
        return " ".join(self.cleaned_data["code"].split())
