"""Forms of the criteria-framework pages. They only parse input; the services in frameworks.py decide."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cchc.core.measurements import indicators
from cchc.core.uploads import FileKind, upload_check

from .choices import ScoringMethod
from .framework_tables import tiers_format, tiers_parse
from .frameworks import YEARS
from .models import Criterion, Framework


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Năm áp dụng"), min_value=YEARS[0], max_value=YEARS[-1])


class FrameworkImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel bộ tiêu chí (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"})
    )
    year = forms.IntegerField(
        label=_("Năm áp dụng"),
        required=False,
        min_value=YEARS[0],
        max_value=YEARS[-1],
        help_text=_("Để trống để lấy năm ghi trong trang tính “Thông tin” của tệp."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        upload_check(upload, allowed={FileKind.XLSX})
        return upload


class FrameworkForm(forms.ModelForm[Framework]):
    class Meta:
        model = Framework
        fields = ["name", "legal_basis", "bonus_cap", "penalty_cap", "status"]
        localized_fields = ["bonus_cap", "penalty_cap"]


class CriterionForm(forms.Form):
    code = forms.CharField(
        label=_("Mã"),
        max_length=20,
        help_text=_(
            "Mã xác định vị trí trong cây: 3 là lĩnh vực, 3.3 là tiêu chí của lĩnh vực 3, 3.3.1 là tiêu chí "
            "thành phần của 3.3. Đổi mã sẽ đổi theo mã các tiêu chí con."
        ),
    )
    title = forms.CharField(label=_("Nội dung"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    max_points = forms.DecimalField(label=_("Điểm tối đa"), min_value=0, max_digits=6, decimal_places=2, localize=True)
    method = forms.ChoiceField(label=_("Cách chấm"), choices=ScoringMethod.choices, initial=ScoringMethod.MANUAL)
    tiers = forms.CharField(
        label=_("Bậc điểm"),
        required=False,
        help_text=_(
            "Với cách chấm theo bậc: tỉ lệ tối thiểu:điểm, cách nhau bởi dấu chấm phẩy, ví dụ 100:2; 98:1; 0:0."
        ),
    )
    indicator = forms.CharField(
        label=_("Chỉ số hệ thống đo"),
        required=False,
        max_length=100,
    )
    rule = forms.CharField(label=_("Cách tính điểm"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    evidence_required = forms.CharField(
        label=_("Tài liệu kiểm chứng cần có"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_survey = forms.BooleanField(label=_("Thuộc phần điều tra xã hội học"), required=False)
    sort_order = forms.IntegerField(
        label=_("Thứ tự"),
        required=False,
        min_value=0,
        help_text=_("Thứ tự giữa các tiêu chí cùng cấp; để trống để giữ nguyên hoặc xếp cuối."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].widget.attrs["list"] = "indicator-suggestions"
        self.fields["indicator"].help_text = _("Để trống nếu nhập tay. Các chỉ số có sẵn: %(names)s.") % {
            "names": ", ".join(indicators())
        }

    @staticmethod
    def initial_for(criterion: Criterion) -> dict[str, Any]:
        return {
            "code": criterion.code,
            "title": criterion.title,
            "max_points": criterion.max_points,
            "method": criterion.method,
            "tiers": tiers_format(criterion.tiers),
            "indicator": criterion.indicator,
            "rule": criterion.rule,
            "evidence_required": criterion.evidence_required,
            "is_survey": criterion.is_survey,
            "sort_order": criterion.sort_order,
        }

    def clean_tiers(self) -> Any:
        try:
            return tiers_parse(self.cleaned_data.get("tiers"))
        except ValueError as error:
            raise ValidationError(str(error)) from None


class BandForm(forms.Form):
    name = forms.CharField(label=_("Xếp loại"), max_length=50)
    min_score = forms.DecimalField(
        label=_("Từ điểm"),
        min_value=0,
        max_value=100,
        max_digits=6,
        decimal_places=2,
        localize=True,
        help_text=_("Chỉ số từ mức này trở lên (đến dưới mức kế tiếp) được xếp loại này."),
    )
