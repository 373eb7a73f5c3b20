from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.core.uploads import FileKind, upload_check
from cchc.org.forms import DateInput
from cchc.org.models import Unit, User
from cchc.procedures.models import Procedure

from .choices import InstrumentKind
from .models.collection import Campaign, CollectionPoint
from .models.instruments import Instrument
from .selectors import published_versions


class CampaignForm(forms.ModelForm[Campaign]):
    collectors = forms.ModelMultipleChoiceField(
        label=_("Người thu thập (nhập phiếu giấy)"),
        queryset=User.objects.filter(is_active=True).order_by("last_name", "first_name", "username"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Giữ phím Ctrl để chọn nhiều người."),
    )

    class Meta:
        model = Campaign
        fields = [
            "name",
            "code",
            "instrument_version",
            "facility",
            "service_name",
            "procedure",
            "starts_on",
            "ends_on",
            "target_sample",
            "layout",
            "intro",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "intro": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "code": _(
                "Chữ thường không dấu, số và gạch ngang, ví dụ bvdk-ngoai-tru: đường dẫn cho người dân sẽ là "
                "/khao-sat/bvdk-ngoai-tru/. Không đổi được sau khi mở đợt."
            ),
            "intro": _("Hiện ở đầu phiếu, ví dụ mục đích khảo sát và lời cảm ơn."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instrument_version"].queryset = published_versions()  # type: ignore[attr-defined]
        self.fields["instrument_version"].label_from_instance = (  # type: ignore[attr-defined]
            lambda version: f"{version.instrument.name} — phiên bản {version.number}"
        )
        self.fields["facility"].queryset = Unit.objects.filter(valid_to__isnull=True)  # type: ignore[attr-defined]
        self.fields["procedure"].queryset = Procedure.objects.order_by("code")  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["collectors"].initial = list(self.instance.collectors.all())


class PointForm(forms.ModelForm[CollectionPoint]):
    class Meta:
        model = CollectionPoint
        fields = ["code", "name"]


class InstrumentForm(forms.ModelForm[Instrument]):
    class Meta:
        model = Instrument
        fields = ["name", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class InstrumentImportForm(forms.Form):
    """Upload a workbook: a new version of an existing instrument, or a new instrument (code, name, kind)."""

    file = forms.FileField(label=_("Tệp Excel (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
    code = forms.CharField(label=_("Mã bộ câu hỏi mới"), max_length=30, required=False)
    name = forms.CharField(label=_("Tên bộ câu hỏi mới"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=InstrumentKind.choices, initial=InstrumentKind.OTHER)
    note = forms.CharField(label=_("Ghi chú thay đổi"), max_length=300, required=False)

    def __init__(self, *args: Any, instrument: Instrument | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        if instrument is not None:
            for name in ("code", "name", "kind"):
                del self.fields[name]

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            upload_check(upload, allowed={FileKind.XLSX})
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instrument is None:
            if not data.get("code"):
                self.add_error("code", _("Nhập mã cho bộ câu hỏi mới."))
            if not data.get("name"):
                self.add_error("name", _("Nhập tên cho bộ câu hỏi mới."))
        return data


class ContactForm(forms.Form):
    """Contact details, kept only when the citizen ticks the consent box (never ticked in advance)."""

    consent = forms.BooleanField(required=False, initial=False)
    contact_name = forms.CharField(label=_("Họ và tên"), max_length=200, required=False)
    contact_phone = forms.CharField(label=_("Số điện thoại"), max_length=30, required=False)
    contact_email = forms.EmailField(label=_("Thư điện tử"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("consent") and not (data.get("contact_phone") or data.get("contact_email")):
            self.add_error("contact_phone", _("Để được liên hệ lại, xin ghi số điện thoại hoặc thư điện tử."))
        return data


class PaperEntryForm(forms.Form):
    """The header of a paper form typed by an interviewer (the answers come as q-<code> fields)."""

    paper_form_number = forms.CharField(label=_("Số phiếu"), max_length=40)
    point = forms.ModelChoiceField(
        label=_("Điểm thu thập"), queryset=CollectionPoint.objects.none(), required=False, empty_label=_("(không)")
    )
    surveyed_on = forms.DateField(label=_("Ngày khảo sát"), required=False, widget=DateInput())
    allow_same_answers = forms.BooleanField(label=_("Vẫn lưu (phiếu khác có cùng câu trả lời)"), required=False)

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = campaign.points.order_by("code")  # type: ignore[attr-defined]
