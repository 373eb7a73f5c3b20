"""Statistics of dossiers, the dossiers behind each figure, and the Decision 766 indicators."""

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.core.listing import paginate, sort_queryset, xlsx_download
from cchc.core.permissions import VIEW
from cchc.org.models import Unit
from cchc.procedures.models import Procedure, ProcedureField

from ..choices import Channel
from ..indicators import indicator_total, indicators_measure
from ..models.statistics import DossierStat
from ..stat_selectors import FIGURES, GROUPS, RATES, StatTable, measure_dossiers, stat_table
from ..statistics import Period, PeriodKind, period_for

DRILL_SORTS = {"code": "code", "received_at": "received_at", "due_at": "due_at", "finished_at": "finished_at"}
FILTER_KEYS = ("handling_unit", "receiving_unit", "field", "procedure", "channel")


def statistics_allowed(user: Any) -> bool:
    """Whoever sees some dossiers: the department's viewers and inspectors, and anyone working in a unit."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.has_any_role(DossierStat.restrict_policy.department_roles[VIEW]) or bool(user.scope_unit_ids())


def _require_statistics(request: HttpRequest) -> None:
    if not statistics_allowed(request.user):
        raise PermissionDenied(_("Bạn không có quyền xem thống kê hồ sơ."))


class StatQueryForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kỳ"), choices=PeriodKind.choices)
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
    number = forms.IntegerField(label=gettext_lazy("Tháng / quý"), min_value=1, max_value=12, required=False)
    group_by = forms.ChoiceField(
        label=gettext_lazy("Thống kê theo"), choices=[(key, label) for key, (_lookup, label) in GROUPS.items()]
    )
    handling_unit = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị giải quyết"),
        queryset=Unit.objects.order_by("sort_order", "name"),
        required=False,
        empty_label=gettext_lazy("Tất cả"),
    )
    receiving_unit = forms.ModelChoiceField(
        label=gettext_lazy("Nơi tiếp nhận"),
        queryset=Unit.objects.order_by("sort_order", "name"),
        required=False,
        empty_label=gettext_lazy("Tất cả"),
    )
    field = forms.ModelChoiceField(
        label=gettext_lazy("Lĩnh vực"),
        queryset=ProcedureField.objects.all(),
        required=False,
        empty_label=gettext_lazy("Tất cả"),
    )
    procedure = forms.ModelChoiceField(
        label=gettext_lazy("Thủ tục"),
        queryset=Procedure.objects.all(),
        required=False,
        empty_label=gettext_lazy("Tất cả"),
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("Hình thức nộp"), choices=[("", gettext_lazy("Tất cả")), *Channel.choices], required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind, number = cleaned.get("kind"), cleaned.get("number") or 1
        if kind in (PeriodKind.QUARTER, PeriodKind.WINDOW_QUARTER) and number > 4:
            self.add_error("number", _("Quý phải từ 1 đến 4."))
        cleaned["number"] = number
        return cleaned

    def period(self) -> Period:
        data = self.cleaned_data
        return period_for(data["kind"], data["year"], data["number"])

    def filters(self) -> dict[str, Any]:
        values = {key: self.cleaned_data.get(key) for key in FILTER_KEYS}
        return {key: getattr(value, "pk", value) for key, value in values.items() if value}


def _query_form(request: HttpRequest) -> StatQueryForm:
    data = request.GET.copy()
    defaults = {"kind": PeriodKind.YEAR, "year": str(timezone.localdate().year), "group_by": "handling_unit"}
    for key, value in defaults.items():
        if not data.get(key):
            data[key] = value
    return StatQueryForm(data)


def _drill_base(form: StatQueryForm) -> str:
    """The drill-down address with the page's period and filters; each figure appends its group and measure."""
    params = QueryDict(mutable=True)
    for key in ("kind", "year", "number", *FILTER_KEYS):
        value = form.data.get(key)
        if value:
            params[key] = value
    return f"{reverse('dossiers:stat_dossiers')}?{params.urlencode()}"


def _table_rows(form: StatQueryForm, table: StatTable) -> list[dict[str, Any]]:
    base = _drill_base(form)
    rows = []
    for row in [*table.rows, table.total]:
        prefix = base if row.key is None else f"{base}&{urlencode({table.group_by: row.key})}"
        rows.append(
            {
                "label": row.label,
                "is_total": row is table.total,
                "cells": [(row.values.get(key, 0), f"{prefix}&measure={key}") for key in FIGURES],
                "rates": list(row.rates.values()),
            }
        )
    return rows


@login_required
def statistics_view(request: HttpRequest) -> HttpResponse:
    _require_statistics(request)
    form = _query_form(request)
    table = None
    if form.is_valid():
        table = stat_table(
            user=request.user, period=form.period(), group_by=form.cleaned_data["group_by"], filters=form.filters()
        )
        if request.GET.get("export") == "xlsx":
            return _table_export(request, table)
    context = {
        "form": form,
        "table": table,
        "rows": _table_rows(form, table) if table else [],
        "figure_headers": list(FIGURES.values()),
        "rate_headers": [label for label, _n, _d in RATES.values()],
        "group_label": GROUPS[form.cleaned_data["group_by"]][1] if table else "",
    }
    return render(request, "dossiers/statistics/overview.html", context)


def _table_export(request: HttpRequest, table: StatTable) -> HttpResponse:
    headers = [
        str(GROUPS[table.group_by][1]),
        *map(str, FIGURES.values()),
        *(str(label) for label, _n, _d in RATES.values()),
    ]
    rows = (
        [
            row.label,
            *(row.values.get(key, 0) for key in FIGURES),
            *(float(rate) if rate is not None else None for rate in row.rates.values()),
        ]
        for row in [*table.rows, table.total]
    )
    return xlsx_download(request, filename="thong-ke-ho-so", title=_("Thống kê hồ sơ"), headers=headers, rows=rows)


@login_required
def stat_dossiers_view(request: HttpRequest) -> HttpResponse:
    """The dossiers behind one figure of the statistics (same period, filters and permissions)."""
    _require_statistics(request)
    form = _query_form(request)
    measure = request.GET.get("measure", "")
    if not form.is_valid() or measure not in {*FIGURES, "new_total"}:
        return render(request, "dossiers/statistics/dossiers.html", {"form": form, "invalid": True}, status=400)
    dossiers = measure_dossiers(user=request.user, measure=measure, period=form.period(), filters=form.filters())
    dossiers = dossiers.select_related("procedure", "receiving_unit", "handling_unit")
    dossiers, sort = sort_queryset(request, dossiers, DRILL_SORTS, "received_at")
    if request.GET.get("export") == "xlsx":
        return xlsx_download(
            request,
            filename="ho-so-thong-ke",
            title=_("Hồ sơ"),
            headers=[
                _("Mã hồ sơ"),
                _("Thủ tục"),
                _("Nơi tiếp nhận"),
                _("Đơn vị giải quyết"),
                _("Hình thức nộp"),
                _("Trạng thái"),
                _("Ngày tiếp nhận"),
                _("Hạn giải quyết"),
                _("Ngày có kết quả"),
                _("Tiến độ"),
            ],
            rows=(
                [
                    d.code,
                    d.procedure.code,
                    d.receiving_unit.code,
                    d.handling_unit.code,
                    d.get_channel_display(),
                    d.get_status_display(),
                    d.received_at,
                    d.due_at,
                    d.finished_at,
                    d.get_timeliness_display(),
                ]
                for d in dossiers.iterator()
            ),
        )
    context = {
        "form": form,
        "measure_label": FIGURES.get(measure, _("Mới tiếp nhận")),
        "period": form.period(),
        "page": paginate(request, dossiers),
        "sort": sort,
        "back_url": _back_url(request),
    }
    return render(request, "dossiers/statistics/dossiers.html", context)


def _back_url(request: HttpRequest) -> str:
    kept = {key: value for key, value in request.GET.items() if key not in ("measure", "page", "sort", "per_page")}
    return f"{reverse('dossiers:statistics')}?{urlencode(kept)}"


class IndicatorForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị giải quyết"),
        queryset=Unit.objects.order_by("sort_order", "name"),
        required=False,
        empty_label=gettext_lazy("Toàn Sở"),
    )


@login_required
def indicators_view(request: HttpRequest) -> HttpResponse:
    """The Decision 766 indicators of a year with their scores, for the department or one unit."""
    user = request.user
    department = user.has_any_role(DossierStat.restrict_policy.department_roles[VIEW])  # type: ignore[union-attr]
    if not department:
        raise PermissionDenied(_("Chỉ lãnh đạo Sở và các phòng đầu mối xem bộ chỉ số phục vụ."))
    data = request.GET.copy()
    if not data.get("year"):
        data["year"] = str(timezone.localdate().year)
    form = IndicatorForm(data)
    measured = []
    if form.is_valid():
        measured = indicators_measure(year=form.cleaned_data["year"], unit=form.cleaned_data["unit"])
        if request.GET.get("export") == "xlsx":
            return xlsx_download(
                request,
                filename="chi-so-766",
                title=_("Chỉ số 766"),
                headers=[
                    _("Chỉ số"),
                    _("Nhóm"),
                    _("Tên chỉ số"),
                    _("Tử số"),
                    _("Mẫu số"),
                    _("Tỷ lệ (%)"),
                    _("Mục tiêu (%)"),
                    _("Điểm tối đa"),
                    _("Điểm"),
                ],
                rows=(
                    [
                        m.rule.number,
                        str(m.rule.group),
                        str(m.rule.name),
                        m.numerator,
                        m.denominator,
                        m.rate,
                        m.rule.target_rate,
                        m.rule.max_points,
                        m.score,
                    ]
                    for m in measured
                ),
            )
    scored, possible = indicator_total(measured)
    return render(
        request,
        "dossiers/statistics/indicators.html",
        {"form": form, "measured": measured, "scored": scored, "possible": possible},
    )
