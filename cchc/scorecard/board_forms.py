"""Forms of the board pages: the self-assessment report's number and signer, and the results of earlier years and
of other departments (validated again by the services that save them)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import UnitGroup
from .history_services import FIRST_YEAR, LAST_YEAR


class ReportForm(forms.Form):
    """Number and signer of the self-assessment report (sent as query parameters)."""

    number = forms.CharField(label=_("Số, ký hiệu"), max_length=60, required=False, help_text=_("Ví dụ: 125/BC-SYT"))
    signer_prefix = forms.CharField(label=_("Quyền hạn ký"), max_length=60, required=False, initial="KT. GIÁM ĐỐC")
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"),
        max_length=60,
        required=False,
        initial="PHÓ GIÁM ĐỐC",
        help_text=_("Để trống: GIÁM ĐỐC"),
    )
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=150, required=False)


class HistoricalResultForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    field_code = forms.CharField(
        label=_("Mã lĩnh vực"),
        max_length=20,
        required=False,
        help_text=_("Để trống khi nhập chỉ số chung của cả năm."),
    )
    field_title = forms.CharField(label=_("Tên lĩnh vực"), max_length=300, required=False)
    score = forms.DecimalField(label=_("Điểm"), max_digits=6, decimal_places=2, min_value=0, localize=True)
    max_points = forms.DecimalField(
        label=_("Điểm tối đa"), max_digits=6, decimal_places=2, required=False, min_value=0, localize=True
    )


class PeerResultForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    unit_group = forms.ChoiceField(label=_("Nhóm đơn vị"), choices=UnitGroup.choices, initial=UnitGroup.DEPARTMENT)
    name = forms.CharField(label=_("Cơ quan"), max_length=200)
    total = forms.DecimalField(label=_("Chỉ số"), max_digits=6, decimal_places=2, min_value=0, localize=True)
