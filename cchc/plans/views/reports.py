"""Pages of the reporting cycles: the focal point opens a cycle and follows it, units fill and submit their
reports, leadership and the focal rooms download the consolidated report. Thin: reads through selectors and
restrict, writes through the services of cchc.plans.reporting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cchc.core.choices import SecurityEventKind
from cchc.core.forms import form_add_service_errors
from cchc.core.permissions import CHANGE, MANAGE, VIEW, get_visible_or_404, restrict
from cchc.core.security import record_request_event
from cchc.org.choices import Role

from ..consolidation import consolidated_annex_xlsx, consolidated_report_docx
from ..models import PLAN_MANAGERS, ReportingCycle, UnitReport
from ..reporting import (
    EDITABLE_STATUSES,
    reporting_cycle_open,
    unit_report_return,
    unit_report_save,
    unit_report_submit,
)
from ..reporting_forms import CycleForm, ExportForm, ReturnForm, UnitReportForm
from ..reporting_periods import period_phrase
from ..reporting_selectors import (
    ReportState,
    cycle_list_with_counts,
    cycle_status_rows,
    report_return_event,
    report_state,
    state_counts,
)

# Who may download the department's consolidated report and its annex.
REPORT_EXPORTERS: frozenset[str] = PLAN_MANAGERS | {Role.LEADERSHIP}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _title(cycle: ReportingCycle) -> str:
    return _("Báo cáo CCHC %(period)s") % {"period": period_phrase(cycle.year, cycle.period)}


@login_required
def cycle_list_view(request: HttpRequest) -> HttpResponse:
    rows = [
        {"cycle": cycle, "title": _title(cycle), "counts": counts}
        for cycle, counts in cycle_list_with_counts(user=request.user)
    ]
    can_open = request.user.has_any_role(PLAN_MANAGERS)  # type: ignore[union-attr]
    return render(request, "plans/reports/cycle_list.html", {"rows": rows, "can_open": can_open})


@login_required
@require_http_methods(["GET", "POST"])
def cycle_create_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_any_role(PLAN_MANAGERS):  # type: ignore[union-attr]
        raise PermissionDenied(_("Chỉ Văn phòng Sở, Phòng Tổ chức – Cán bộ và Quản trị hệ thống được mở kỳ báo cáo."))
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = reporting_cycle_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã mở kỳ báo cáo %(period)s cho %(count)s đơn vị; hạn nộp %(due)s.")
                % {
                    "period": period_phrase(cycle.year, cycle.period),
                    "count": cycle.units.count(),
                    "due": cycle.due_date.strftime("%d/%m/%Y"),
                },
            )
            return redirect("plans:cycle_detail", pk=cycle.pk)
    return render(request, "plans/reports/cycle_form.html", {"form": form})


def _can_export(request: HttpRequest) -> bool:
    return bool(request.user.has_any_role(REPORT_EXPORTERS))  # type: ignore[union-attr]


def _cycle_page(request: HttpRequest, cycle: ReportingCycle, export_form: ExportForm) -> HttpResponse:
    rows = cycle_status_rows(user=request.user, cycle=cycle)
    context = {
        "cycle": cycle,
        "title": _title(cycle),
        "rows": rows,
        "counts": state_counts(rows),
        "states": ReportState,
        "can_export": _can_export(request),
        "export_form": export_form,
    }
    return render(request, "plans/reports/cycle_detail.html", context)


@login_required
@require_GET
def cycle_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_visible_or_404(request, ReportingCycle.objects.all(), VIEW, pk=pk)
    return _cycle_page(request, cycle, ExportForm())


def _may(request: HttpRequest, report: UnitReport, action: str) -> bool:
    return restrict(UnitReport.objects.filter(pk=report.pk), request.user, action).exists()


@login_required
@require_http_methods(["GET", "POST"])
def unit_report_view(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    reports = UnitReport.objects.select_related("cycle", "unit", "submitted_by")
    report = get_visible_or_404(request, reports, VIEW, cycle_id=pk, unit_id=unit_pk)
    form = UnitReportForm(instance=report)
    return_form = ReturnForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action in {"save", "submit"}:
            get_visible_or_404(request, reports, CHANGE, pk=report.pk)
            form = UnitReportForm(request.POST, instance=report)
            if form.is_valid():
                try:
                    unit_report_save(actor=request.user, report=report, **form.cleaned_data)
                    if action == "submit":
                        unit_report_submit(actor=request.user, report=report)
                except ValidationError as error:
                    form_add_service_errors(form, error)
                else:
                    done = _("Đã nộp báo cáo.") if action == "submit" else _("Đã lưu nháp báo cáo.")
                    messages.success(request, done)
                    return redirect("plans:unit_report_edit", pk=pk, unit_pk=unit_pk)
        elif action == "return":
            get_visible_or_404(request, reports, MANAGE, pk=report.pk)
            return_form = ReturnForm(request.POST)
            if return_form.is_valid():
                try:
                    unit_report_return(actor=request.user, report=report, reason=return_form.cleaned_data["reason"])
                except ValidationError as error:
                    form_add_service_errors(return_form, error)
                else:
                    messages.success(request, _("Đã trả lại báo cáo cho %(unit)s.") % {"unit": report.unit})
                    return redirect("plans:cycle_detail", pk=pk)
        else:
            return HttpResponseBadRequest(_("Thao tác không hợp lệ."))
        report.refresh_from_db()
    can_change = _may(request, report, CHANGE)
    context = {
        "report": report,
        "cycle": report.cycle,
        "title": _title(report.cycle),
        "state": report_state(report, timezone.localdate()),
        "editable": can_change and report.status in EDITABLE_STATUSES,
        "can_return": _may(request, report, MANAGE) and report.status == UnitReport.Status.SUBMITTED,
        "returned": report_return_event(report),
        "form": form,
        "return_form": return_form,
        "evidence": report.evidence.all(),
    }
    return render(request, "plans/reports/unit_report.html", context)


def _exportable_cycle(request: HttpRequest, pk: int) -> ReportingCycle:
    cycle = get_visible_or_404(request, ReportingCycle.objects.all(), VIEW, pk=pk)
    if not _can_export(request):
        raise PermissionDenied(_("Chỉ Lãnh đạo Sở và đầu mối CCHC được tải báo cáo tổng hợp."))
    return cycle


@login_required
@require_GET
def consolidated_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _exportable_cycle(request, pk)
    form = ExportForm(request.GET)
    if not form.is_valid():
        return _cycle_page(request, cycle, form)
    content = consolidated_report_docx(cycle=cycle, **form.cleaned_data)
    record_request_event(request, SecurityEventKind.EXPORT, detail=f"bao-cao-cchc {cycle.period}/{cycle.year}")
    response = HttpResponse(content, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-cchc-{cycle.period}-{cycle.year}.docx"'
    return response


@login_required
@require_GET
def consolidated_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _exportable_cycle(request, pk)
    content = consolidated_annex_xlsx(cycle=cycle)
    record_request_event(request, SecurityEventKind.EXPORT, detail=f"phu-luc-cchc {cycle.period}/{cycle.year}")
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="phu-luc-cchc-{cycle.period}-{cycle.year}.xlsx"'
    return response
