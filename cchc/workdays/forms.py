from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.org.forms import DateInput

from .models import CalendarDay


class CalendarDayForm(forms.ModelForm[CalendarDay]):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name", "reference"]
        widgets = {"date": DateInput()}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["name"].help_text = _("Ví dụ: Nghỉ bù Tết Nguyên đán, Làm bù cho ngày 02/5.")

    def validate_unique(self) -> None:
        """Uniqueness of the date is the service's business: saving an existing date changes that day."""


class WorkingDayCalculatorForm(forms.Form):
    received_at = forms.DateTimeField(
        label=_("Thời điểm tiếp nhận"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    working_days = forms.IntegerField(label=_("Số ngày làm việc"), min_value=0, max_value=365, initial=5)
