"""The filter of the index pages and exports: instrument, facility, campaign, service, period."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.org.models import Unit

from .indices import Period, calendar_period
from .models.collection import Campaign
from .models.instruments import Instrument
from .report_selectors import IndexFilter, visible_campaigns, visible_instruments

PERIOD_KINDS = [
    ("", _("Toàn bộ thời gian")),
    ("year", _("Năm")),
    ("quarter", _("Quý")),
    ("month", _("Tháng")),
    ("dates", _("Từ ngày … đến ngày")),
]


class IndexFilterForm(forms.Form):
    instrument = forms.ModelChoiceField(label=_("Bộ câu hỏi"), queryset=Instrument.objects.none(), required=False)
    facility = forms.ModelChoiceField(
        label=_("Cơ sở"), queryset=Unit.objects.none(), required=False, empty_label=_("Tất cả")
    )
    campaign = forms.ModelChoiceField(
        label=_("Đợt khảo sát"), queryset=Campaign.objects.none(), required=False, empty_label=_("Tất cả")
    )
    service = forms.ChoiceField(label=_("Khoa, bộ phận"), required=False)
    period = forms.ChoiceField(label=_("Kỳ"), choices=PERIOD_KINDS, required=False)
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quý"), coerce=int, required=False, choices=[("", "—")] + [(q, f"Quý {q}") for q in range(1, 5)]
    )
    month = forms.TypedChoiceField(
        label=_("Tháng"), coerce=int, required=False, choices=[("", "—")] + [(m, f"Tháng {m}") for m in range(1, 13)]
    )
    start = forms.DateField(label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data: Any, *, user: Any) -> None:
        super().__init__(data)
        campaigns = visible_campaigns(user)
        instruments = visible_instruments(user)
        self.fields["instrument"].queryset = instruments  # type: ignore[attr-defined]
        self.fields["instrument"].empty_label = None  # type: ignore[attr-defined]
        self.fields["facility"].queryset = Unit.objects.filter(pk__in=campaigns.values("facility_id")).order_by("name")  # type: ignore[attr-defined]
        self.fields["campaign"].queryset = campaigns.select_related("instrument_version__instrument")  # type: ignore[attr-defined]
        services = sorted(set(campaigns.exclude(service_name="").values_list("service_name", flat=True)))
        self.fields["service"].choices = [("", _("Tất cả")), *((name, name) for name in services)]  # type: ignore[attr-defined]
        self.default_instrument = instruments.first()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("period") or ""
        if kind in ("year", "quarter", "month") and not cleaned.get("year"):
            self.add_error("year", _("Chọn năm của kỳ."))
        if kind == "quarter" and not cleaned.get("quarter"):
            self.add_error("quarter", _("Chọn quý."))
        if kind == "month" and not cleaned.get("month"):
            self.add_error("month", _("Chọn tháng."))
        if kind == "dates":
            start, end = cleaned.get("start"), cleaned.get("end")
            if not start or not end:
                self.add_error("start", _("Nhập cả ngày bắt đầu và ngày kết thúc."))
            elif end < start:
                self.add_error("end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return cleaned

    def period_of(self, cleaned: dict[str, Any]) -> Period | None:
        kind = cleaned.get("period") or ""
        if kind == "year":
            return calendar_period("year", cleaned["year"])
        if kind == "quarter":
            return calendar_period("quarter", cleaned["year"], (cleaned["quarter"] - 1) * 3 + 1)
        if kind == "month":
            return calendar_period("month", cleaned["year"], cleaned["month"])
        if kind == "dates":
            return Period("dates", cleaned["start"], cleaned["end"])
        return None

    def index_filter(self) -> IndexFilter:
        """The chosen filter (the first visible instrument when none is chosen; everything when invalid)."""
        cleaned = self.cleaned_data if self.is_valid() else {}
        campaign = cleaned.get("campaign")
        instrument = cleaned.get("instrument") or (
            campaign.instrument_version.instrument if campaign else self.default_instrument
        )
        facility = cleaned.get("facility")
        return IndexFilter(
            instrument=instrument,
            facility_id=facility.pk if facility else None,
            campaign=campaign,
            service=cleaned.get("service") or "",
            period=self.period_of(cleaned) if cleaned else None,
        )


def period_label(period: Period | None) -> str:
    """ "Tháng 3/2026", "Quý 1/2026", "Năm 2026", "01/03/2026 – 19/03/2026" or "toàn bộ thời gian"."""
    if period is None:
        return str(_("toàn bộ thời gian"))
    if period.kind == "month":
        return f"Tháng {period.start.month}/{period.start.year}"
    if period.kind == "quarter":
        return f"Quý {(period.start.month - 1) // 3 + 1}/{period.start.year}"
    if period.kind == "year":
        return f"Năm {period.start.year}"
    return f"{period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}"
