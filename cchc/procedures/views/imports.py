"""Import of the catalogue from XLSX: upload → review (what will be created or changed) → confirm (all or none)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cchc.core.choices import SecurityEventKind
from cchc.core.security import record_request_event
from cchc.core.spreadsheets import SpreadsheetInvalid, xlsx_bytes

from ..forms import CatalogueUploadForm
from ..imports import (
    ABOLISH,
    NEW,
    NEW_VERSION,
    UNCHANGED,
    catalogue_check,
    catalogue_import,
    catalogue_preview,
    rows_from_session,
)
from ..tables import CATALOGUE_COLUMNS, template_rows

SESSION_KEY = "procedures:catalogue-import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@permission_required("procedures.manage_catalogue", raise_exception=True)
@require_http_methods(["GET", "POST"])
def catalogue_import_view(request: HttpRequest) -> HttpResponse:
    """Upload the file; it is read and checked, and the rows wait in the session for review."""
    form = CatalogueUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan = catalogue_check(upload, file_name=upload.name or "")
        except SpreadsheetInvalid as invalid:
            problems = invalid.problems.messages()
            messages.error(request, _("Tệp có %(count)s lỗi; chưa có dữ liệu nào được ghi.") % {"count": len(problems)})
        else:
            request.session[SESSION_KEY] = plan.rows_to_session()
            return redirect("procedures:catalogue_import_review")
    context = {"form": form, "problems": problems, "columns": CATALOGUE_COLUMNS}
    return render(request, "procedures/import.html", context, status=400 if problems else 200)


@login_required
@permission_required("procedures.manage_catalogue", raise_exception=True)
@require_http_methods(["GET", "POST"])
def catalogue_import_review_view(request: HttpRequest) -> HttpResponse:
    """What confirming will do, row by row; confirm applies everything in one transaction."""
    stored = request.session.get(SESSION_KEY)
    if stored is None:
        messages.info(request, _("Chưa có tệp nào chờ xác nhận; hãy tải tệp lên."))
        return redirect("procedures:catalogue_import")
    file_name, columns, rows = rows_from_session(stored)
    if request.method == "POST":
        try:
            summary = catalogue_import(actor=request.user, rows=rows, columns=columns)
        except SpreadsheetInvalid as invalid:
            messages.error(request, _("Không nhập được; chưa có dữ liệu nào được ghi."))
            return render(
                request,
                "procedures/import.html",
                {"form": CatalogueUploadForm(), "problems": invalid.problems.messages(), "columns": CATALOGUE_COLUMNS},
                status=400,
            )
        del request.session[SESSION_KEY]
        messages.success(
            request,
            _(
                "Đã nhập danh mục: %(created)s thủ tục mới, %(versioned)s phiên bản mới, %(abolished)s bãi bỏ, "
                "%(unchanged)s không thay đổi."
            )
            % {
                "created": summary.created,
                "versioned": summary.versioned,
                "abolished": summary.abolished,
                "unchanged": summary.unchanged,
            },
        )
        return redirect("procedures:procedure_list")
    plan, problems = catalogue_preview(rows, columns=columns, file_name=file_name)
    context = {
        "plan": plan,
        "problems": problems.messages(),
        "counts": {kind: plan.count(kind) for kind in (NEW, NEW_VERSION, ABOLISH, UNCHANGED)},
    }
    return render(request, "procedures/import_review.html", context)


@login_required
@require_GET
def catalogue_template_view(request: HttpRequest) -> HttpResponse:
    """An empty catalogue file with the expected columns and one example row."""
    content = xlsx_bytes(
        str(_("Danh mục thủ tục")), [str(column.header) for column in CATALOGUE_COLUMNS], template_rows()
    )
    record_request_event(request, SecurityEventKind.EXPORT, detail="mau-danh-muc-thu-tuc.xlsx")
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-muc-thu-tuc.xlsx"'
    return response
