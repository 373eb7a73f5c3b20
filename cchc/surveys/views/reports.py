"""Pages of the indices: the index page, facilities compared, free-text answers, the improvement list, the
responses behind a figure, and the exports. Thin: every read goes through report_selectors (restricted to the
campaigns the person may see), every file is laid out by cchc.surveys.reports."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cchc.core.choices import SecurityEventKind
from cchc.core.listing import paginate, xlsx_download
from cchc.core.permissions import VIEW, get_visible_or_404
from cchc.core.security import record_request_event
from cchc.org.roles import DEPARTMENT_VIEWERS

from ..indices import InstrumentSpec, lowest_items, meets_target
from ..models.collection import Campaign
from ..report_forms import IndexFilterForm, period_label
from ..report_selectors import (
    ANSWER_GROUPS,
    IndexFilter,
    IndexReport,
    facility_rows,
    group_items,
    group_rows,
    index_report,
    instrument_spec,
    response_list,
    satisfaction_target,
    scoped_campaigns,
    text_answer_list,
    text_items,
)
from ..reports import (
    answer_text,
    answers_headers,
    answers_rows,
    indices_xlsx,
    province_report_docx,
    spec_codes,
)
from ..tally_services import tallies_refresh

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Who may download the department's report to the province.
PROVINCE_REPORTERS: frozenset[str] = DEPARTMENT_VIEWERS


def _filter(request: HttpRequest) -> tuple[IndexFilterForm, IndexFilter]:
    """The filter form and the filter; a campaign the person may not see gives 404, never its figures."""
    if request.GET.get("campaign", "").isdigit():
        get_visible_or_404(request, Campaign.objects.all(), VIEW, pk=int(request.GET["campaign"]))
    form = IndexFilterForm(request.GET or None, user=request.user)
    return form, form.index_filter()


def _report(request: HttpRequest, filters: IndexFilter) -> IndexReport | None:
    tallies_refresh()
    return index_report(user=request.user, filters=filters)


def _spec(request: HttpRequest, filters: IndexFilter) -> InstrumentSpec | None:
    """The questions of the chosen instrument (the versions the visible campaigns use); None without one."""
    if filters.instrument is None:
        return None
    versions = scoped_campaigns(request.user, filters).values_list("instrument_version_id", flat=True)
    return instrument_spec(filters.instrument, set(versions))


def _scope(filters: IndexFilter, report: IndexReport | None) -> str:
    parts = [str(filters.instrument.name) if filters.instrument else ""]
    if filters.campaign is not None:
        parts.append(str(filters.campaign))
    elif filters.facility_id and report and report.campaigns:
        parts.append(str(report.campaigns[0].facility))
    if filters.service:
        parts.append(filters.service)
    parts.append(period_label(filters.period))
    return ", ".join(part for part in parts if part)


def _chart_data(report: IndexReport) -> dict[str, Any]:
    return {
        "sections": [section.spec.code for section in report.indices.sections],
        "titles": [section.spec.title for section in report.indices.sections],
        "rates": [
            round(section.score.rate.value, 1) if section.score.rate.value is not None else None
            for section in report.indices.sections
        ],
        "target": report.target,
        "months": [point.month.strftime("%m/%Y") for point in report.trend],
        "trend": [round(point.rate.value, 1) if point.rate.value is not None else None for point in report.trend],
        "labels": {"rate": _("Tỷ lệ hài lòng (%)"), "target": _("Mục tiêu (%)")},
    }


@login_required
@require_GET
def index_view(request: HttpRequest) -> HttpResponse:
    form, filters = _filter(request)
    report = _report(request, filters)
    context: dict[str, Any] = {"form": form, "filters": filters, "report": report}
    if report is not None:
        groups = group_items(report.spec)
        chosen = next((item for item in groups if item.code == request.GET.get("group")), groups[0] if groups else None)
        context.update(
            {
                "scope": _scope(filters, report),
                "met": meets_target(report.indices.overall.rate.value, report.target),
                "chart": _chart_data(report),
                "lowest": lowest_items(report.indices, 5),
                "group_items": groups,
                "group_item": chosen,
                "group_rows": group_rows(user=request.user, filters=filters, item=chosen) if chosen else [],
                "can_report": request.user.has_any_role(PROVINCE_REPORTERS),  # type: ignore[union-attr]
            }
        )
    return render(request, "surveys/reports/index.html", context)


@login_required
@require_GET
def facility_view(request: HttpRequest) -> HttpResponse:
    form, filters = _filter(request)
    tallies_refresh()
    spec = _spec(request, filters)
    rows = facility_rows(user=request.user, filters=filters, spec=spec) if spec else []
    context = {
        "form": form,
        "filters": filters,
        "spec": spec,
        "factors": [section for section in spec.sections if section.factor] if spec else [],
        "target": satisfaction_target(),
        "rows": rows,
    }
    return render(request, "surveys/reports/facilities.html", context)


@login_required
@require_GET
def improvement_view(request: HttpRequest) -> HttpResponse:
    form, filters = _filter(request)
    tallies_refresh()
    spec = _spec(request, filters)
    rows = facility_rows(user=request.user, filters=filters, spec=spec) if spec else []
    improvement = [(row, lowest_items(row.indices, 5)) for row in rows]
    context = {"form": form, "filters": filters, "spec": spec, "improvement": improvement}
    return render(request, "surveys/reports/improvement.html", context)


def _text_codes(request: HttpRequest, spec: InstrumentSpec | None) -> tuple[list[Any], list[str]]:
    items = text_items(spec) if spec else []
    chosen = request.GET.get("item", "")
    codes = [item.code for item in items if not chosen or item.code == chosen]
    return items, codes


@login_required
@require_GET
def text_answers_view(request: HttpRequest) -> HttpResponse:
    form, filters = _filter(request)
    spec = _spec(request, filters)
    items, codes = _text_codes(request, spec)
    search = request.GET.get("q", "").strip()
    responses = text_answer_list(user=request.user, filters=filters, codes=codes, search=search)
    if request.GET.get("export") == "xlsx":
        return xlsx_download(
            request,
            filename="y-kien-khao-sat",
            title=_("Ý kiến"),
            headers=answers_headers(codes),
            rows=answers_rows(responses.iterator(chunk_size=2000), codes),
        )
    page = paginate(request, responses)
    rows = [(response, [(code, (response.answers or {}).get(code)) for code in codes]) for response in page]
    context = {
        "form": form,
        "filters": filters,
        "spec": spec,
        "items": items,
        "chosen_item": request.GET.get("item", ""),
        "search": search,
        "page": page,
        "rows": rows,
    }
    return render(request, "surveys/reports/text_answers.html", context)


ANSWER_LABELS = {
    "satisfied": "Hài lòng (4–5)",
    "unsatisfied": "Không hài lòng (1–2)",
    "neutral": "Bình thường (3)",
    "not_used": "Không sử dụng (0)",
    "answered": "Đã trả lời (1–5)",
}


@login_required
@require_GET
def responses_view(request: HttpRequest) -> HttpResponse:
    """The responses behind a figure (an item's answers in a group of values, or a respondent group)."""
    form, filters = _filter(request)
    item_code = request.GET.get("item", "")
    answer = request.GET.get("answer", "")
    group_item = request.GET.get("group_item", "")
    group_value = request.GET.get("group_value", "")
    responses = response_list(
        user=request.user,
        filters=filters,
        item_code=item_code if item_code.isalnum() else "",
        answer=answer if answer in ANSWER_GROUPS else "",
        group_item=group_item if group_item.isalnum() else "",
        group_value=group_value,
    )
    if filters.instrument is not None:
        responses = responses.filter(campaign__instrument_version__instrument=filters.instrument)
    spec = _spec(request, filters)
    codes = spec_codes(spec) if spec else []
    if request.GET.get("export") == "xlsx":
        return xlsx_download(
            request,
            filename="phieu-khao-sat",
            title=_("Phiếu trả lời"),
            headers=answers_headers(codes),
            rows=answers_rows(responses.iterator(chunk_size=2000), codes),
        )
    page = paginate(request, responses)
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "item_code": item_code,
        "answer_label": _(ANSWER_LABELS.get(answer, "")) if answer else "",
        "group_item": group_item,
        "group_value": group_value,
        "codes": codes,
        "rows": [
            (response, [answer_text((response.answers or {}).get(code, "")) for code in codes]) for response in page
        ],
    }
    return render(request, "surveys/reports/responses.html", context)


@login_required
@require_GET
def answers_xlsx_view(request: HttpRequest) -> HttpResponse:
    """Every answer in scope: one row per response, one column per item code."""
    _form, filters = _filter(request)
    spec = _spec(request, filters)
    codes = spec_codes(spec) if spec else []
    responses = response_list(user=request.user, filters=filters).select_related(None)
    if filters.instrument is not None:
        responses = responses.filter(campaign__instrument_version__instrument=filters.instrument)
    return xlsx_download(
        request,
        filename="cau-tra-loi-khao-sat",
        title=_("Câu trả lời"),
        headers=answers_headers(codes),
        rows=answers_rows(
            responses.select_related("campaign", "campaign__facility", "point").iterator(chunk_size=2000), codes
        ),
    )


def _attachment(request: HttpRequest, content: bytes, kind: str, name: str) -> HttpResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    record_request_event(request, SecurityEventKind.EXPORT, detail=name)
    response = HttpResponse(content, content_type=kind)
    extension = "docx" if kind == DOCX_TYPE else "xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{extension}"'
    return response


@login_required
@require_GET
def indices_xlsx_view(request: HttpRequest) -> HttpResponse:
    _form, filters = _filter(request)
    report = _report(request, filters)
    if report is None:
        raise PermissionDenied(_("Bạn chưa được xem đợt khảo sát nào."))
    rows = facility_rows(user=request.user, filters=filters, spec=report.spec)
    return _attachment(request, indices_xlsx(report, rows, _scope(filters, report)), XLSX_TYPE, "chi-so-hai-long")


@login_required
@require_GET
def province_report_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_any_role(PROVINCE_REPORTERS):  # type: ignore[union-attr]
        raise PermissionDenied(_("Chỉ Lãnh đạo Sở, Văn phòng Sở và Phòng Tổ chức – Cán bộ được tải báo cáo gửi tỉnh."))
    _form, filters = _filter(request)
    report = _report(request, filters)
    if report is None:
        raise PermissionDenied(_("Chưa có đợt khảo sát nào để báo cáo."))
    rows = facility_rows(user=request.user, filters=filters, spec=report.spec)
    content = province_report_docx(report, rows, scope=_scope(filters, report))
    return _attachment(request, content, DOCX_TYPE, "bao-cao-hai-long")
