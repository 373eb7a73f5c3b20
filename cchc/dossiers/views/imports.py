"""Import of dossiers from one-stop system exports: upload → check (problems) → choose the mode → result."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from cchc.core.listing import paginate, xlsx_download
from cchc.core.permissions import VIEW, get_visible_or_404, restrict
from cchc.core.uploads import FileKind, upload_check

from ..import_services import SHOWN_PROBLEMS, import_run_cancel, import_run_create, import_run_start
from ..imports import IMPORT_COLUMNS, problems_xlsx_rows
from ..models.statistics import IMPORTERS, ImportMode, ImportRun, ImportStatus

DEFAULT_MAX_BYTES = 300 * 1024 * 1024


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp xuất từ hệ thống một cửa (.csv hoặc .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = int(getattr(settings, "CCHC_DOSSIER_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))
        self.kind = upload_check(upload, allowed={FileKind.CSV, FileKind.XLSX}, max_bytes=limit)
        return upload


class ImportModeForm(forms.Form):
    mode = forms.ChoiceField(
        label=gettext_lazy("Cách nhập"),
        choices=ImportMode.choices,
        widget=forms.RadioSelect,
        initial=ImportMode.ALL_OR_NOTHING,
    )


def _require_importer(request: HttpRequest) -> None:
    if not request.user.has_any_role(IMPORTERS):  # type: ignore[union-attr]
        raise PermissionDenied(_("Chỉ Văn phòng Sở (đầu mối một cửa) và quản trị hệ thống được nhập hồ sơ."))


@login_required
def import_list_view(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    runs = restrict(ImportRun.objects.select_related("created_by"), request.user, VIEW)
    return render(request, "dossiers/imports/list.html", {"page": paginate(request, runs)})


@login_required
@require_http_methods(["GET", "POST"])
def import_upload_view(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = import_run_create(actor=request.user, upload=form.cleaned_data["file"], kind=str(form.kind))
        return redirect("dossiers:import_detail", pk=run.pk)
    return render(request, "dossiers/imports/upload.html", {"form": form, "columns": IMPORT_COLUMNS})


def _run_or_404(request: HttpRequest, pk: int) -> ImportRun:
    _require_importer(request)
    return get_visible_or_404(request, ImportRun.objects.select_related("created_by"), VIEW, pk=pk)


@login_required
def import_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_or_404(request, pk)
    context = {
        "run": run,
        "mode_form": ImportModeForm(),
        "problems": run.problems[:SHOWN_PROBLEMS],
        "working": run.status in (ImportStatus.CHECKING, ImportStatus.RUNNING),
        "statuses": ImportStatus,
        "modes": ImportMode,  # an all-or-nothing run's progress is only visible when it commits
    }
    template = "dossiers/imports/partials/run.html" if request.htmx else "dossiers/imports/detail.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
@require_POST
def import_start_view(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_or_404(request, pk)
    form = ImportModeForm(request.POST)
    if form.is_valid():
        try:
            run = import_run_start(actor=request.user, run=run, mode=form.cleaned_data["mode"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if run.status == ImportStatus.DONE:
                messages.success(request, _("Đã nhập xong."))
            elif run.status == ImportStatus.REFUSED:
                messages.warning(request, _("Tệp có dòng lỗi nên không ghi dữ liệu nào (chế độ “tất cả hoặc không”)."))
    return redirect("dossiers:import_detail", pk=run.pk)


@login_required
@require_POST
def import_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_or_404(request, pk)
    try:
        import_run_cancel(actor=request.user, run=run)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, _("Đã hủy lần nhập; không có dữ liệu nào được ghi."))
    return redirect("dossiers:import_list")


@login_required
def import_problems_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Every problem kept for a run, as an XLSX file to fix the source file by."""
    run = _run_or_404(request, pk)
    return xlsx_download(
        request,
        filename=f"loi-nhap-ho-so-{run.pk}",
        title=_("Lỗi nhập hồ sơ"),
        headers=[_("Dòng"), _("Cột"), _("Tên cột"), _("Lỗi")],
        rows=problems_xlsx_rows(run.problems),
    )
