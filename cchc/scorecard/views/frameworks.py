"""Pages of the criteria frameworks: the list, a framework's tree, XLSX export and import, copying to a new year,
loading the default template, and the forms for criteria and bands.

Thin: reads go through `restrict` (everyone with a role sees the frameworks), writes through the services in
frameworks.py, which only the PAR managers (TCCB focal point, administrators) may call from here.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cchc.core.choices import SecurityEventKind
from cchc.core.forms import form_add_service_errors
from cchc.core.measurements import indicators
from cchc.core.permissions import CHANGE, VIEW, get_visible_or_404, restrict
from cchc.core.security import record_request_event
from cchc.core.spreadsheets import SpreadsheetInvalid

from ..framework_forms import BandForm, CriterionForm, FrameworkForm, FrameworkImportForm, YearForm
from ..framework_tables import (
    BAND_COLUMNS,
    BANDS_SHEET,
    CONTENT_TYPE,
    CRITERIA_COLUMNS,
    CRITERIA_SHEET,
    INFO_FIELDS,
    INFO_SHEET,
    framework_export_xlsx,
    framework_filename,
    framework_import_xlsx,
)
from ..frameworks import (
    EXTRA_METHODS,
    band_delete,
    band_save,
    code_parent,
    criterion_delete,
    criterion_save,
    framework_copy,
    framework_load_default,
    framework_totals,
    framework_tree,
    framework_update,
    framework_warnings,
)
from ..models import PAR_MANAGERS, Band, Criterion, Framework


def _is_manager(request: HttpRequest) -> bool:
    return bool(request.user.has_any_role(PAR_MANAGERS))  # type: ignore[union-attr]


def _require_manager(request: HttpRequest) -> None:
    if not _is_manager(request):
        raise PermissionDenied(
            _("Chỉ đầu mối Chỉ số CCHC (Phòng Tổ chức – Cán bộ) và quản trị hệ thống được thay đổi bộ tiêu chí.")
        )


def _detail(framework: Framework, anchor: str = "") -> str:
    url = reverse("scorecard:framework_detail", args=[framework.pk])
    return f"{url}#{anchor}" if anchor else url


@login_required
@require_GET
def framework_list_view(request: HttpRequest) -> HttpResponse:
    frameworks = (
        restrict(Framework.objects.all(), request.user, VIEW)
        .select_related("copied_from")
        .annotate(criteria_count=Count("criteria", distinct=True), assessment_count=Count("assessments", distinct=True))
    )
    context = {
        "frameworks": frameworks,
        "can_manage": _is_manager(request),
        "default_form": YearForm(initial={"year": timezone.localdate().year}),
    }
    return render(request, "scorecard/framework_list.html", context)


@login_required
@require_GET
def framework_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_visible_or_404(request, Framework.objects.select_related("copied_from"), VIEW, pk=pk)
    rows = framework_tree(framework)
    context = {
        "framework": framework,
        "rows": rows,
        "totals": framework_totals(rows),
        "warnings": framework_warnings(rows),
        "bands": framework.bands.all(),
        "assessment_count": framework.assessments.count(),
        "can_manage": _is_manager(request),
    }
    return render(request, "scorecard/framework_detail.html", context)


@login_required
@require_GET
def framework_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_visible_or_404(request, Framework.objects.all(), VIEW, pk=pk)
    filename = framework_filename(framework)
    content = framework_export_xlsx(framework)
    record_request_event(request, SecurityEventKind.EXPORT, detail=filename)
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def framework_import_view(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = FrameworkImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            framework = framework_import_xlsx(
                actor=request.user, stream=form.cleaned_data["file"], year=form.cleaned_data["year"]
            )
        except SpreadsheetInvalid as invalid:
            problems = invalid.problems.messages()
            messages.error(request, _("Tệp có %(count)s lỗi; chưa có dữ liệu nào được ghi.") % {"count": len(problems)})
        else:
            messages.success(
                request,
                _("Đã nhập bộ tiêu chí “%(name)s” với %(count)s tiêu chí.")
                % {"name": framework, "count": framework.criteria.count()},
            )
            return redirect("scorecard:framework_detail", pk=framework.pk)
    context = {
        "form": form,
        "problems": problems,
        "sheets": [
            (CRITERIA_SHEET, [column.header for column in CRITERIA_COLUMNS]),
            (BANDS_SHEET, [column.header for column in BAND_COLUMNS]),
            (INFO_SHEET, [label for _key, label in INFO_FIELDS]),
        ],
    }
    return render(request, "scorecard/framework_import.html", context, status=400 if problems else 200)


@login_required
@require_http_methods(["GET", "POST"])
def framework_load_default_view(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = YearForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            framework = framework_load_default(actor=request.user, year=form.cleaned_data["year"])
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã nạp bộ tiêu chí mặc định cho năm %(year)s.") % {"year": framework.year})
            return redirect("scorecard:framework_detail", pk=framework.pk)
    context = {
        "form": form,
        "title": _("Nạp bộ tiêu chí mặc định"),
        "explanation": _(
            "Bộ tiêu chí mẫu gồm 7 lĩnh vực được thẩm định (65 điểm), phần điều tra xã hội học (35 điểm), điểm thưởng, "
            "điểm trừ và các mức xếp loại. Sau khi nạp, hãy sửa cho đúng quyết định của UBND tỉnh."
        ),
        "submit_label": _("Nạp bộ tiêu chí"),
        "source": None,
    }
    return render(request, "scorecard/framework_year_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def framework_copy_view(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_visible_or_404(request, Framework.objects.all(), CHANGE, pk=pk)
    form = YearForm(request.POST or None, initial={"year": source.year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            framework = framework_copy(actor=request.user, source=source, year=form.cleaned_data["year"])
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã sao chép bộ tiêu chí năm %(source)s sang năm %(year)s.")
                % {"source": source.year, "year": framework.year},
            )
            return redirect("scorecard:framework_detail", pk=framework.pk)
    context = {
        "form": form,
        "title": _("Sao chép bộ tiêu chí sang năm mới"),
        "explanation": _(
            "Toàn bộ cây tiêu chí, điểm tối đa, cách chấm, bậc điểm, mức xếp loại và giới hạn điểm thưởng, điểm trừ "
            "của “%(name)s” được chép sang năm mới dưới dạng dự thảo."
        )
        % {"name": source},
        "submit_label": _("Sao chép"),
        "source": source,
    }
    return render(request, "scorecard/framework_year_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def framework_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_visible_or_404(request, Framework.objects.all(), CHANGE, pk=pk)
    form = FrameworkForm(request.POST or None, instance=framework)
    if request.method == "POST" and form.is_valid():
        try:
            framework_update(actor=request.user, framework=framework, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thông tin bộ tiêu chí."))
            return redirect("scorecard:framework_detail", pk=framework.pk)
    return render(request, "scorecard/framework_form.html", {"form": form, "framework": framework})


def _next_code(framework: Framework, parent_code: str) -> str:
    """The first free code under a parent (or at the top): after 1.1 and 1.2 comes 1.3."""
    taken = set(framework.criteria.values_list("code", flat=True))
    number = 1
    while (code := f"{parent_code}.{number}" if parent_code else str(number)) in taken:
        number += 1
    return code


def _new_criterion_initial(framework: Framework, parent_code: str) -> dict[str, Any]:
    parent = framework.criteria.filter(code=parent_code).first() if parent_code else None
    initial: dict[str, Any] = {"code": _next_code(framework, parent.code if parent else "")}
    if parent is not None:
        initial["is_survey"] = parent.is_survey
        if parent.method in EXTRA_METHODS:
            initial["method"] = parent.method
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def criterion_form_view(request: HttpRequest, pk: int | None = None, criterion_pk: int | None = None) -> HttpResponse:
    criterion: Criterion | None = None
    if criterion_pk is not None:
        criterion = get_visible_or_404(request, Criterion.objects.select_related("framework"), CHANGE, pk=criterion_pk)
        framework = criterion.framework
        initial = CriterionForm.initial_for(criterion)
    else:
        framework = get_visible_or_404(request, Framework.objects.all(), CHANGE, pk=pk)
        initial = _new_criterion_initial(framework, request.GET.get("parent", "").strip())
    form = CriterionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = criterion_save(actor=request.user, framework=framework, criterion=criterion, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu tiêu chí %(code)s.") % {"code": saved.code})
            related = {saved.code, code_parent(saved.code)}
            rows = [row for row in framework_tree(framework) if row.criterion.code in related]
            for warning in framework_warnings(rows):
                messages.warning(request, warning)
            return redirect(_detail(framework, f"criterion-{saved.pk}"))
    context = {
        "form": form,
        "framework": framework,
        "criterion": criterion,
        "indicators": indicators().values(),
    }
    return render(request, "scorecard/criterion_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_delete_view(request: HttpRequest, criterion_pk: int) -> HttpResponse:
    criterion = get_visible_or_404(request, Criterion.objects.select_related("framework"), CHANGE, pk=criterion_pk)
    framework = criterion.framework
    if request.method == "POST":
        try:
            count = criterion_delete(actor=request.user, criterion=criterion)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_detail(framework, f"criterion-{criterion.pk}"))
        messages.success(request, _("Đã xóa %(count)s tiêu chí.") % {"count": count})
        return redirect(_detail(framework))
    below = framework.criteria.filter(code__startswith=f"{criterion.code}.").count()
    question = _("Xóa tiêu chí “%(criterion)s”?") % {"criterion": criterion}
    if below:
        question += " " + _("Cùng với nó là %(count)s tiêu chí con.") % {"count": below}
    return render(
        request,
        "core/confirm.html",
        {
            "title": _("Xóa tiêu chí"),
            "question": question,
            "confirm_label": _("Xóa"),
            "cancel_url": _detail(framework, f"criterion-{criterion.pk}"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def band_form_view(request: HttpRequest, pk: int | None = None, band_pk: int | None = None) -> HttpResponse:
    band = get_object_or_404(Band, pk=band_pk) if band_pk is not None else None
    framework = get_visible_or_404(request, Framework.objects.all(), CHANGE, pk=band.framework_id if band else pk)
    initial = {"name": band.name, "min_score": band.min_score} if band else {}
    form = BandForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            band_save(actor=request.user, framework=framework, band=band, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu mức xếp loại."))
            return redirect(_detail(framework, "bands"))
    return render(request, "scorecard/framework_band_form.html", {"form": form, "framework": framework, "band": band})


@login_required
@require_http_methods(["GET", "POST"])
def band_delete_view(request: HttpRequest, band_pk: int) -> HttpResponse:
    band = get_object_or_404(Band, pk=band_pk)
    framework = get_visible_or_404(request, Framework.objects.all(), CHANGE, pk=band.framework_id)
    if request.method == "POST":
        band_delete(actor=request.user, band=band)
        messages.success(request, _("Đã xóa mức xếp loại “%(name)s”.") % {"name": band.name})
        return redirect(_detail(framework, "bands"))
    return render(request, "core/confirm_delete.html", {"object": band, "cancel_url": _detail(framework, "bands")})
