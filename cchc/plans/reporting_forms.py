"""Forms of the reporting pages: open a cycle, edit a unit's report, send it back, export the department's report."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.org.forms import DateInput

from .consolidation import default_place
from .models import ReportingCycle, UnitReport


class CycleForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    period = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=ReportingCycle.Period.choices)
    due_date = forms.DateField(
        label=_("Hạn nộp"),
        required=False,
        widget=DateInput(),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["year"].initial = today.year
        self.fields["period"].initial = f"q{(today.month - 1) // 3 + 1}"
        self.fields["due_date"].help_text = _(
            "Để trống để dùng hạn mặc định: ngày %(day)s của tháng cuối quý (quý I: tháng 3, 6 tháng: tháng 6, "
            "9 tháng: tháng 9, cả năm: tháng 12)."
        ) % {"day": settings.CCHC_REPORT_DAY}


class UnitReportForm(forms.ModelForm[UnitReport]):
    class Meta:
        model = UnitReport
        fields = ["results", "difficulties", "proposals"]
        widgets = {
            "results": forms.Textarea(attrs={"rows": 12}),
            "difficulties": forms.Textarea(attrs={"rows": 4}),
            "proposals": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["results"].help_text = _(
            "Hệ thống đã điền sẵn các nhiệm vụ đơn vị chủ trì: trạng thái, tiến độ, báo cáo tiến độ gần nhất và số "
            "tài liệu kiểm chứng. Hãy bổ sung, chỉnh sửa cho đầy đủ."
        )


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 3}))


class ExportForm(forms.Form):
    """Number, place and signer of the consolidated report (sent as query parameters)."""

    number = forms.CharField(label=_("Số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 125/BC-SYT"))
    place = forms.CharField(label=_("Địa danh"), max_length=100, help_text=_("Ví dụ: Quảng Ngãi"))
    signer_prefix = forms.CharField(label=_("Quyền hạn ký"), max_length=60, required=False, initial="KT. GIÁM ĐỐC")
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=60, initial="PHÓ GIÁM ĐỐC")
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=150, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].initial = default_place()
